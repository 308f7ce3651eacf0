"""The one place that turns what Excel hands over into clean arrays, or into a message.

xlwings passes a cell as a scalar and a range as a list of lists (with ``ndim=2``), with
``None`` for a blank cell, ``float`` for a number, ``str`` for text, ``bool`` for TRUE/FALSE,
``datetime`` for a date (classic xlwings) or a serial number (xlwings Lite / Office.js), and an
error either as text such as ``"#N/A"`` (``err_to_str=True``) or as a COM error code.

Every reader here names the offending cell: "row 7 of the range holds 11", or "cell E8 holds
11" when the caller knows where the range starts (``origin=(row, column)``, 1-based).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np

from xl_nps.errors import XlNpsError
from xl_nps.metrics.nps import refuse_small_scale
from xl_nps.rules import SCORE_RULE
from xl_nps.values import (
    EXCEL_ERROR_CODES, EXCEL_ERROR_TEXTS, SLASHED, DateError, as_number, cell_text, column_letter, describe, guess_day_first,
    is_blank, parse_date,
)

@dataclass(frozen=True)
class Grid:
    """A range as a flat row-major list plus its shape and (when known) its top-left cell."""

    values: list
    rows: int
    cols: int
    origin: tuple[int, int] | None = None

    def where(self, index: int, of: str = "the range") -> str:
        """Where the flat ``index`` lies, in words a spreadsheet user reads:
        "row 7 of the range", "row 2 of dates", or "cell E8" when the origin is known."""
        i, j = divmod(index, self.cols)
        if self.origin is not None:
            return f"cell {column_letter(self.origin[1] + j)}{self.origin[0] + i}"
        if self.cols == 1:
            return f"row {i + 1} of {of}"
        if self.rows == 1:
            return f"column {j + 1} of {of}"
        return f"row {i + 1}, column {j + 1} of {of}"

    def __len__(self) -> int:
        return len(self.values)


def grid(value, origin: tuple[int, int] | None = None) -> Grid:
    """Normalise a scalar, a list (a column) or a list of lists (a block) into a :class:`Grid`.

    A pandas or polars Series (a column) or DataFrame (a block), as xlwings' pandas converter
    and scripts hand them over, is read the same way, its missing values as blank cells."""
    value = _from_frame(value)
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, tuple):
        value = list(value)
    if not isinstance(value, list):
        return Grid([value], 1, 1, origin)
    if not value:
        return Grid([], 0, 1, origin)
    if all(isinstance(row, (list, tuple)) for row in value):
        cols = max(len(row) for row in value)
        if any(len(row) != cols for row in value):
            raise XlNpsError("the rows of the range have different lengths; select a rectangular range")
        flat = [v for row in value for v in row]
        return Grid(flat, len(value), cols, origin)
    if any(isinstance(row, (list, tuple)) for row in value):
        raise XlNpsError("the range mixes single values and rows; select a rectangular range")
    return Grid(list(value), len(value), 1, origin)


def _from_frame(value):
    """A pandas/polars Series as a list, a DataFrame as a list of rows, missing values (NaN,
    None, NA, NaT, null) as None; anything else as it is. Neither library is imported here:
    an object is recognised by the package that made it."""
    package = type(value).__module__.partition(".")[0]
    if package == "pandas" and hasattr(value, "isna") and hasattr(value, "ndim"):
        plain = value.astype(object).where(value.notna(), None)
        return plain.to_numpy().tolist() if value.ndim == 2 else plain.tolist()
    if package == "polars" and hasattr(value, "to_list"):
        return value.to_list()
    if package == "polars" and hasattr(value, "rows"):
        return [list(row) for row in value.rows()]
    return value


@dataclass(frozen=True)
class Scores:
    """Scores aligned with the cells of a range: ``values[i]`` is valid where ``present[i]``."""

    values: np.ndarray  # int64, -1 at blanks
    present: np.ndarray  # bool
    grid: Grid

    @property
    def answered(self) -> np.ndarray:
        return self.values[self.present]


def scores(value, origin: tuple[int, int] | None = None, *, check_scale: bool = True) -> Scores:
    """Read a range of NPS answers: whole numbers 0-10, blanks skipped.

    Raises XlNpsError naming the first cell that holds anything else, or when the answers
    look like a 1-5 / 1-7 satisfaction or effort scale rather than 0-10.
    """
    g = grid(value, origin)
    result = _scores_fast(g)
    if result is None:
        result = _scores_by_cell(g)
    if check_scale:
        refuse_small_scale(result.answered)
    return result


def _scores_fast(g: Grid) -> Scores | None:
    """Vectorised path for the common case (numbers and blanks only); None means "look closer"."""
    try:
        flat = np.array(g.values, dtype=np.float64)
    except (TypeError, ValueError):
        return None
    blank = np.isnan(flat)
    if int(blank.sum()) != g.values.count(None):
        return None  # a NaN came from something other than a blank cell
    valid = (flat >= 0) & (flat <= 10) & (flat == np.floor(flat))
    if not np.all(valid | blank):
        return None
    # TRUE/FALSE arrive as bool and numpy reads them as 1/0: look at those cells only.
    for index in np.flatnonzero((flat == 0) | (flat == 1)):
        if not isinstance(g.values[index], (int, float)) or isinstance(g.values[index], bool):
            return None
    values = np.where(blank, -1, flat).astype(np.int64)
    return Scores(values, ~blank, g)


def _scores_by_cell(g: Grid) -> Scores:
    values = np.full(len(g), -1, dtype=np.int64)
    present = np.zeros(len(g), dtype=bool)
    for index, cell in enumerate(g.values):
        if is_blank(cell):
            continue
        number = as_number(cell)
        if number is None or not (0 <= number <= 10 and number == math.floor(number)):
            raise XlNpsError(f"{g.where(index)} holds {describe(cell)}; {SCORE_RULE}")
        values[index] = int(number)
        present[index] = True
    return Scores(values, present, g)


def require_answers(s: Scores) -> np.ndarray:
    answered = s.answered
    if answered.size == 0:
        raise XlNpsError("the range holds no scores")
    return answered


def numbers(value, name: str, origin: tuple[int, int] | None = None, *,
            low: float | None = None) -> tuple[np.ndarray, np.ndarray, Grid]:
    """Read a range of numbers: returns (values with NaN at blanks, present mask, grid)."""
    g = grid(value, origin)
    out = np.full(len(g), np.nan)
    for index, cell in enumerate(g.values):
        if is_blank(cell):
            continue
        number = as_number(cell)
        if number is None:
            raise XlNpsError(f"{g.where(index, name)} holds {describe(cell)}; it must be a number")
        if low is not None and number < low:
            raise XlNpsError(f"{g.where(index, name)} holds {describe(cell)}; it must be {low:g} or more")
        out[index] = number
    return out, ~np.isnan(out), g


def labels(value, name: str, origin: tuple[int, int] | None = None, blank: str = "(blank)") -> tuple[list[str], Grid]:
    """Read a range of group names as text (numbers as they would show, blanks as ``blank``)."""
    g = grid(value, origin)
    out = []
    for index, cell in enumerate(g.values):
        if isinstance(cell, str) and cell.strip() in EXCEL_ERROR_TEXTS:
            raise XlNpsError(f"{g.where(index, name)} holds {describe(cell)}")
        out.append(cell_text(cell).strip() or blank)
    return out, g


def texts(value, name: str, origin: tuple[int, int] | None = None) -> tuple[list[str], Grid]:
    """Read a range of free text (comments, names): blanks become "", numbers their digits;
    an Excel error in a cell is named."""
    g = grid(value, origin)
    out = []
    for index, cell in enumerate(g.values):
        if (isinstance(cell, str) and cell.strip() in EXCEL_ERROR_TEXTS) or (
                isinstance(cell, int) and not isinstance(cell, bool) and cell in EXCEL_ERROR_CODES):
            raise XlNpsError(f"{g.where(index, name)} holds {describe(cell)}")
        out.append(cell_text(cell))
    return out, g


def ids(value, name: str, origin: tuple[int, int] | None = None) -> list:
    """Read a range of customer IDs, blanks skipped. 1001, 1001.0 and "1001" are one customer;
    text IDs are compared without regard to case or surrounding spaces, as Excel's COUNTIF does."""
    g = grid(value, origin)
    out = []
    for index, cell in enumerate(g.values):
        if is_blank(cell):
            continue
        if isinstance(cell, bool) or (isinstance(cell, str) and cell.strip() in EXCEL_ERROR_TEXTS) \
                or (isinstance(cell, int) and cell in EXCEL_ERROR_CODES):
            raise XlNpsError(f"{g.where(index, name)} holds {describe(cell)}; it must be a customer ID")
        number = as_number(cell)
        if number is not None and number == math.floor(number):
            out.append(int(number))
        elif isinstance(cell, str):
            out.append(" ".join(cell.split()).casefold())
        else:
            out.append(cell)
    return out


def dates(value, name: str = "dates", origin: tuple[int, int] | None = None) -> tuple[list, Grid]:
    """Read a range of dates with the refresh's own date reader (:func:`xl_nps.values.parse_date`):
    date cells, Excel serial numbers (as xlwings Lite sends them), ISO text such as 2026-07-15
    or 2026-7-5, and day/month/year or month/day/year text (15/07/2026, 15.07.2026), the order
    of day and month decided for the whole range as the refresh decides it for a column.
    Blanks become None."""
    g = grid(value, origin)
    day_first = guess_day_first(cell for cell in g.values if isinstance(cell, str))
    out: list = []
    for index, cell in enumerate(g.values):
        if is_blank(cell):
            out.append(None)
            continue
        try:
            out.append(parse_date(cell, day_first))
        except DateError as error:
            reason = str(error)
            if day_first is None and isinstance(cell, str) and SLASHED.match(cell):
                reason = ("day and month cannot be told apart (no date in the range has a day above 12); "
                          "use date cells or text such as 2026-07-15")
            if not reason.startswith("not a date"):
                reason = f"not a date: {reason}"
            raise XlNpsError(f"{g.where(index, name)} holds {describe(cell)}; {reason}") from None
    return out, g


def scalar(value):
    """A single value from a 1x1 range or a scalar; a larger range is refused."""
    g = grid(value)
    if len(g) != 1:
        raise XlNpsError(f"expects a single value here, not a range of {len(g)} cells")
    return g.values[0]


def number(value, name: str, default=None) -> float:
    """One number argument. A blank cell takes ``default`` when there is one."""
    cell = scalar(value)
    if is_blank(cell):
        if default is None:
            raise XlNpsError(f"{name} is empty; enter a number")
        return default
    n = as_number(cell)
    if n is None:
        raise XlNpsError(f"{name} holds {describe(cell)}; it must be a number")
    return n


def text(value, name: str, default: str) -> str:
    """One text argument (such as a method name); blank takes ``default``."""
    cell = scalar(value)
    if is_blank(cell):
        return default
    if not isinstance(cell, str):
        raise XlNpsError(f"{name} holds {describe(cell)}; it must be text such as \"{default}\"")
    return cell.strip()


def same_size(a: Grid, b: Grid, a_name: str, b_name: str) -> None:
    if len(a) != len(b):
        raise XlNpsError(
            f"{a_name} has {len(a)} cells but {b_name} has {len(b)}; select ranges of the same size"
        )
