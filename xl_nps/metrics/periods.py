"""Calendar periods (quarter, month, year) and the NPS trend across them.

Quarterly measurement over a 90-day window is the norm; each period is compared with the
one before it by the two-sample z-test of :func:`xl_nps.metrics.stats.compare`, under the one
small-sample policy of :func:`xl_nps.metrics.stats.change`: a period with fewer than ``min_n``
answers keeps its NPS and interval but is marked small, and a change involving it is not tested.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from xl_nps.errors import XlNpsError, quote
from xl_nps.metrics.nps import NpsCounts, count_categories
from xl_nps.metrics.stats import Change, Interval, change, check_min_n, confidence_interval, z_value
from xl_nps.rules import SMALL_GROUP

PERIODS = {"Q": "calendar quarter", "M": "month", "Y": "year"}


def check_period(period: str) -> str:
    p = str(period).strip().upper()
    if p not in PERIODS:
        raise XlNpsError(f'period must be "Q" (quarter), "M" (month) or "Y" (year); got {quote(period)}')
    return p


def quarter(day: dt.date) -> str:
    """The calendar quarter of a date, as "2026 Q3"."""
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"


def period_label(day: dt.date, period: str = "Q") -> str:
    """Label of the period holding ``day``: "2026 Q3", "2026-07" or "2026"; they sort in time order."""
    p = check_period(period)
    if p == "Q":
        return quarter(day)
    if p == "M":
        return f"{day.year}-{day.month:02d}"
    return f"{day.year}"


@dataclass(frozen=True)
class TrendRow:
    period: str
    counts: NpsCounts
    interval: Interval
    change: Change | None  # against the previous period present in the data
    small: bool = False  # fewer answers than the minimum: read with care, changes not tested

    @property
    def nps(self) -> float:
        return self.counts.nps


def trend(scores, dates, period: str = "Q", confidence: float = 0.95, min_n: float = SMALL_GROUP) -> list[TrendRow]:
    """NPS per period in time order, with its adjusted-Wald interval and the change against
    the previous period (``None`` for the first period). A period with fewer than ``min_n``
    answers is marked ``small``; a change involving one is not tested (its reason says "too few
    answers"), and neither is one between two periods that put every answer in one category."""
    p = check_period(period)
    z_value(confidence)  # a bad confidence is reported before any work
    minimum = check_min_n(min_n)
    s = np.asarray(scores)
    if len(s) != len(dates):
        raise XlNpsError(f"there are {len(s)} scores but {len(dates)} dates; give one date per score")
    labels = [period_label(d, p) for d in dates]
    rows: list[TrendRow] = []
    previous: NpsCounts | None = None
    label_array = np.asarray(labels, dtype=object)
    for label in sorted(set(labels)):
        counts = count_categories(s[label_array == label])
        moved = None if previous is None else change(counts, previous, confidence, minimum)
        rows.append(TrendRow(label, counts, confidence_interval(counts, confidence), moved, counts.n < minimum))
        previous = counts
    return rows
