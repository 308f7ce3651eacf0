"""The report's settings typed in the workbook: a label in column A, its value in column B.

* The fewest answers a quarter needs to be judged: the template's Summary sheet holds the label
  ``names.MIN_ANSWERS_LABEL``; the refresh looks for it on the Summary sheet, then on Start
  here, in any row, so a user who moved it keeps it working. A workbook made before the setting
  existed has no such row: the default applies (``rules.SMALL_GROUP``). ``xl-nps refresh
  --min-answers N`` overrides the cell.
* An employee survey's smallest group shown (``names.MIN_GROUP_SETTING``, on Start here; the
  default ``rules.MIN_GROUP``); ``xl-nps refresh --min-group N`` overrides it.

Labels are matched with case and surrounding spaces ignored. Only reads.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from xl_nps.errors import XlNpsError
from xl_nps.metrics.anonymity import check_min_group
from xl_nps.rules import MIN_GROUP
from xl_nps.values import as_number, column_letter, describe, is_blank
from xl_nps.workbook import names as L


def check_min_answers(value, where: str = "--min-answers") -> int:
    """A minimum number of answers: a whole number of 1 or more."""
    number = as_number(value)
    if number is None or number < 1 or number != math.floor(number) or number > 1e9:
        raise XlNpsError(f"{where} holds {describe(value)}; the fewest answers to judge a quarter must be a "
                         "whole number of 1 or more, such as 30")
    return int(number)


def min_answers_setting(sheets) -> int | None:
    """The minimum typed beside the label, from ``sheets``: (sheet name, its rows) pairs in the
    order to look; None when no sheet has the label or its cell is blank."""
    for name, rows in sheets:
        for r, row in enumerate(rows or [], start=1):
            if not row or not isinstance(row[0], str) or row[0].strip().casefold() != L.MIN_ANSWERS_LABEL.casefold():
                continue
            value = row[1] if len(row) > 1 else None
            if is_blank(value):
                return None
            return check_min_answers(value, f"{name}!{column_letter(2)}{r}")
    return None


@dataclass(frozen=True)
class Setting:
    value: object
    cell: str  # where it was typed, such as "B14"


def _fold(text) -> str:
    return " ".join(str(text).split()).casefold()


def find_setting(rows, label: str) -> Setting | None:
    """The value beside ``label`` on a sheet's rows (None when the sheet, the label or the
    value is missing)."""
    for r, row in enumerate(rows or [], start=1):
        if not row or is_blank(row[0]) or _fold(row[0]) != _fold(label):
            continue
        value = row[1] if len(row) > 1 else None
        return None if is_blank(value) else Setting(value, f"{column_letter(2)}{r}")
    return None


def _number(value):
    """A number typed as text ("8") is the number; anything else is left to the check."""
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return value
    return value


def min_group(rows, option=None) -> int:
    """The smallest group an employee report shows: ``option`` (``--min-group``) when given,
    else the Start here setting (``rows`` are that sheet's), else ``rules.MIN_GROUP``."""
    if option is not None:
        try:
            return check_min_group(_number(option))
        except XlNpsError as error:
            raise XlNpsError(f"--min-group: {error}") from None
    setting = find_setting(rows, L.MIN_GROUP_SETTING)
    if setting is None:
        return MIN_GROUP
    try:
        return check_min_group(_number(setting.value))
    except XlNpsError as error:
        raise XlNpsError(f"{L.START_SHEET} {setting.cell} ({L.MIN_GROUP_SETTING}): {error}") from None
