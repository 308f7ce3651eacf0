"""Cleaning the values that cells and files hold: one place for the Excel face (``cells``)
and the workbook layer alike.

* what a cell holds: :func:`is_blank`, :func:`as_number`, :func:`cell_text`, :func:`describe`
  (a value as a person recognises it in a message), Excel's error values;
* dates (:func:`parse_date`, the one date reader): date cells, Excel serial numbers (1900
  date system), year-first text (2026-07-15, 2026/7/15, 2026.07.15, 2026年7月15日; whatever
  follows the date after a space, such as a time, "p. m." or "GMT+1", is ignored), and day/month/year or
  month/day/year text with '/', '.' or '-'. For the slashed forms the order is taken from
  ``day_first`` when given; otherwise a column is read day-first when any of its dates has a
  first number above 12, month-first when any has a second number above 12, and an
  undecidable column is reported rather than guessed;
* text as a cell can store it (:func:`clean_text`): characters XML cannot hold replaced, and
  cut at Excel's cell limit, counted in UTF-16 code units as Excel counts.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import re

from xl_nps.errors import quote
from xl_nps.rules import EXCEL_CELL_LIMIT, EXCEL_EPOCH, EXCEL_EPOCH_1904, MAX_SERIAL

# ---------------------------------------------------------------- what a cell holds

# COM error codes that classic xlwings passes when err_to_str is off.
EXCEL_ERROR_CODES = {
    -2146826281: "#DIV/0!",
    -2146826246: "#N/A",
    -2146826259: "#NAME?",
    -2146826288: "#NULL!",
    -2146826252: "#NUM!",
    -2146826265: "#REF!",
    -2146826273: "#VALUE!",
}
EXCEL_ERROR_TEXTS = frozenset(EXCEL_ERROR_CODES.values()) | {
    "#SPILL!", "#CALC!", "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!",
}


def is_blank(value) -> bool:
    """None, an empty or all-space text, or a float NaN."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, float) and math.isnan(value)


def as_number(value):
    """The number a cell holds (numeric text included), or None when it holds no number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, numbers.Real):  # numpy's numbers too
        if value in EXCEL_ERROR_CODES or not math.isfinite(value):
            return None
        return float(value)
    if isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            return None
        return number if math.isfinite(number) else None
    return None


def describe(value) -> str:
    """A cell value as a person would recognise it in a message."""
    if value is True or value is False:
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, (int, float)):
        if value in EXCEL_ERROR_CODES:
            return f"the Excel error {EXCEL_ERROR_CODES[value]}"
        return f"{value:g}"
    if isinstance(value, str):
        if value.strip() in EXCEL_ERROR_TEXTS:
            return f"the Excel error {value.strip()}"
        return f"the text {quote(value)}"
    if isinstance(value, (dt.date, dt.datetime)):
        return f"the date {value:%Y-%m-%d}"
    return repr(value)


def cell_text(value) -> str:
    """A cell value as the text a person would read: "" for a blank, 9 for 9.0, a date as
    2026-07-15 (with the time when it has one)."""
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return f"{value:%Y-%m-%d %H:%M}" if value.time() != dt.time() else f"{value:%Y-%m-%d}"
    if isinstance(value, dt.date):
        return f"{value:%Y-%m-%d}"
    return str(value)


def column_letter(col: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


# ---------------------------------------------------------------- text a cell can store

# Characters XML 1.0 (and so xlsx) cannot hold.
ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"
CUT_MARK = " [cut at Excel's cell limit]"


def utf16_length(text: str) -> int:
    """Length as Excel counts it: UTF-16 code units (an emoji outside the Basic Multilingual
    Plane counts 2)."""
    if text.isascii():
        return len(text)
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def cut_to_cell(text: str, limit: int = EXCEL_CELL_LIMIT) -> str:
    """``text`` cut so that it and :data:`CUT_MARK` fit ``limit`` UTF-16 code units (no
    character is split); text that fits is returned as it is."""
    if len(text) <= limit // 2 or utf16_length(text) <= limit:
        return text
    room, used, end = limit - len(CUT_MARK), 0, 0
    for end, ch in enumerate(text):
        used += 2 if ord(ch) > 0xFFFF else 1
        if used > room:
            break
    return text[:end] + CUT_MARK


def replace_illegal(text: str) -> str:
    """``text`` with each character XML 1.0 cannot hold (NUL and the other control characters
    but tab and line breaks, lone surrogates, U+FFFE/U+FFFF) replaced by U+FFFD (�)."""
    # printable text holds none of them (they are controls, surrogates or non-characters):
    # the common case skips the regular expression
    return text if text.isprintable() else ILLEGAL.sub(REPLACEMENT, text)


def clean_text(text: str) -> str:
    """Text as it can be stored in a cell: illegal characters replaced, cut to the cell limit."""
    return cut_to_cell(replace_illegal(text))


# ---------------------------------------------------------------- dates

SLASHED = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})(?:[ T].*)?$")
# year first: ISO 2026-07-15, and 2026/7/15 or 2026.07.15 as Google Forms' download and Chinese,
# Japanese and Korean Excel write them; 2026年7月15日 as they write it in words
ISO = re.compile(r"^\s*(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[ T].*)?$")
YEAR_MONTH_DAY = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日(?:.*)?$")


def excel_serial_to_date(serial: float) -> dt.date:
    """Excel's 1900 date system: serial 1 is 1900-01-01; serial 60 is Excel's fictitious
    1900-02-29 (refused); from 61 on, day = 1899-12-30 + serial."""
    if not 1 <= serial <= MAX_SERIAL or serial == 60:
        raise ValueError(serial)
    if serial < 60:
        serial += 1
    return (EXCEL_EPOCH + dt.timedelta(days=math.floor(serial))).date()


def excel_serial(moment: dt.date, date1904: bool = False) -> float:
    """A date (or a date and time) as an Excel serial number, the inverse of
    :func:`excel_serial_to_date` from 1900-03-01 on: 2026-07-15 -> 46218; in a workbook that
    uses the 1904 date system (``date1904``), days since 1904-01-01: 2026-07-15 -> 44756."""
    if not isinstance(moment, dt.datetime):
        moment = dt.datetime(moment.year, moment.month, moment.day)
    return (moment.replace(tzinfo=None) - (EXCEL_EPOCH_1904 if date1904 else EXCEL_EPOCH)) / dt.timedelta(days=1)


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
        return _date(int(match.group(1)), int(match.group(3)), int(match.group(4)))
    match = YEAR_MONTH_DAY.match(text)
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
