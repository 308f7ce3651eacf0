"""Checks shared by the metrics: one number, one count, one share."""

from __future__ import annotations

import math

from xl_nps.errors import XlNpsError, quote


def number(value, name: str) -> float:
    """A finite number (not TRUE/FALSE, not text), as a float."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise XlNpsError(f"{name} must be a number; got {quote(value)}")
    return float(value)


LARGEST_COUNT = 1e15  # far beyond any customer base or points ledger; keeps sums finite


def count(value, name: str) -> float:
    """A count or amount: a finite number of 0 or more (and at most ``LARGEST_COUNT``)."""
    v = number(value, name)
    if v < 0:
        raise XlNpsError(f"{name} cannot be negative; got {v:g}")
    if v > LARGEST_COUNT:
        raise XlNpsError(f"{name} of {v:g} is beyond any real count; check the cell")
    return v


def positive(value, name: str) -> float:
    """A finite number above 0."""
    v = number(value, name)
    if v <= 0:
        raise XlNpsError(f"{name} must be more than 0; got {v:g}")
    return v


def share(part, whole, part_name: str, whole_name: str, *, at_most_whole: bool = True) -> float:
    """part / whole, both counts; the whole must be above 0 and, by default, hold the part."""
    p, w = count(part, part_name), count(whole, whole_name)
    if w == 0:
        raise XlNpsError(f"{whole_name} is 0, so there is no rate to compute")
    if at_most_whole and p > w:
        raise XlNpsError(f"{part_name} ({p:g}) exceed {whole_name} ({w:g}); check the two numbers")
    rate = p / w
    if not math.isfinite(rate):  # a whole so small (5e-324) that the rate overflows
        raise XlNpsError(f"{part_name} ({p:g}) / {whole_name} ({w:g}) is too large to be a rate; check the two numbers")
    return rate
