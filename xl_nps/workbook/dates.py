"""Dates as they turn up in workbooks and survey exports.

Recognised: date cells, Excel serial numbers (1900 date system), ISO text (2026-07-15, with
or without a time), and day/month/year or month/day/year text with '/', '.' or '-'. For the
slashed forms the order is taken from ``day_first`` when given; otherwise a column is read
day-first when any of its dates has a first number above 12, month-first when any has a
second number above 12, and an undecidable column is reported rather than guessed.
"""

from __future__ import annotations

import datetime as dt
import re

from xl_nps.cells import excel_serial_to_date

SLASHED = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})(?:[ T].*)?$")
ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")


class DateError(ValueError):
    """The text is not a date in a recognised form."""


def guess_day_first(texts) -> bool | None:
    """Decide the order of day and month for a column of slashed dates (None: undecidable)."""
    day_first = month_first = False
    for text in texts:
        match = SLASHED.match(str(text)) if isinstance(text, str) else None
        if not match:
            continue
        first, second = int(match.group(1)), int(match.group(2))
        day_first |= first > 12
        month_first |= second > 12
    if day_first and not month_first:
        return True
    if month_first and not day_first:
        return False
    return None


def parse_date(value, day_first: bool | None = None, date_format: str | None = None) -> dt.date:
    """One cell or CSV field as a date; raises :class:`DateError` with the reason."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise DateError("TRUE/FALSE is not a date")
    if isinstance(value, (int, float)):
        try:
            return excel_serial_to_date(float(value))
        except (ValueError, OverflowError):
            raise DateError(f"{value:g} is not a possible Excel date number") from None
    if not isinstance(value, str):
        raise DateError("not a date")
    text = value.strip()
    if date_format:
        try:
            return dt.datetime.strptime(text, date_format).date()
        except ValueError:
            raise DateError(f"does not match the date format {date_format}") from None
    match = ISO.match(text)
    if match:
        return _date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    match = SLASHED.match(text)
    if match:
        a, b, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
        if year < 100:
            year += 2000
        if day_first is None:
            if a > 12 >= b:
                day_first = True
            elif b > 12 >= a:
                day_first = False
            elif a == b:
                day_first = True
            else:
                raise DateError("day and month cannot be told apart; give --date-format, e.g. %d/%m/%Y")
        return _date(year, b, a) if day_first else _date(year, a, b)
    try:
        serial = float(text)
    except ValueError:
        raise DateError("not a date in a recognised form (such as 2026-07-15)") from None
    return parse_date(serial)


def _date(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateError(f"{year:04d}-{month:02d}-{day:02d} does not exist") from None
