"""The report's settings typed in the workbook: the fewest answers a quarter needs to be judged.

The template's Summary sheet holds the label ``names.MIN_ANSWERS_LABEL`` in column A and the
number beside it in column B; the refresh looks for the label on the Summary sheet, then on
Start here, in any row, so a user who moved it keeps it working. A workbook made before the
setting existed has no such row: the default applies (``rules.SMALL_GROUP``). ``xl-nps refresh
--min-answers N`` overrides the cell.
"""

from __future__ import annotations

import math

from xl_nps.errors import XlNpsError
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
