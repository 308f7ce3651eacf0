"""Reads the Respondents and Customers sheets of a workbook into clean columns.

Reading is kept apart from writing the report: this module only reads (through
``sheets.Book``) and never changes the file. Rows
that cannot be used are returned as :class:`Problem` records, never dropped silently.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from dataclasses import dataclass, field
from functools import cached_property
from operator import itemgetter
from pathlib import Path

import numpy as np

from xl_nps.rules import SCORE_RULE
from xl_nps.values import as_number, cell_text, column_letter, is_blank
from xl_nps.errors import XlNpsError
from xl_nps.metrics.nps import category_slots, refuse_small_scale
from xl_nps.workbook import names as L
from xl_nps.values import DateError, guess_day_first, parse_date
from xl_nps.workbook.read.sheets import Book


@dataclass(frozen=True)
class Problem:
    """A row that could not be used, and why; or (``used``) an answer that was used but
    whose text lost a character on the way in."""

    sheet: str
    row: int | None  # the Excel row number (None for a line that stands for many rows of a source)
    column: str  # the column header
    value: object
    reason: str
    used: bool = False
    rows: int = 1  # how many rows the line stands for (answers outside the workbook: one line per kind)


REPLACED = ("holds \ufffd: a character a workbook cannot hold (a control character such as NUL) or that could not "
            "be decoded was replaced on import; the answer is used")


@dataclass
class Respondents:
    """The usable answers, one entry per row, in sheet order."""

    rows: list[int] = field(default_factory=list)  # Excel row numbers
    dates: list[dt.date] = field(default_factory=list)
    scores: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    respondent: list[str] = field(default_factory=list)
    company: list[str] = field(default_factory=list)
    segment: list[str] = field(default_factory=list)
    comment: list[str] = field(default_factory=list)
    owner: list[str] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows_read: int = 0
    # An employee survey's Department, Team and Tenure columns (those present), one entry per
    # answer; empty for a customer survey. ``employee`` is set by the sheet's header.
    groups: dict[str, list[str]] = field(default_factory=dict)
    employee: bool = False

    def __len__(self) -> int:
        return len(self.rows)

    @cached_property
    def slots(self) -> np.ndarray:
        """Each answer's category: 0 detractor, 1 passive, 2 promoter."""
        return category_slots(self.scores)

    @cached_property
    def has_comment(self) -> np.ndarray:
        """Which answers came with a comment (computed once, after reading)."""
        return np.fromiter(map(bool, self.comment), dtype=bool, count=len(self.comment))

    @cached_property
    def segment_numbers(self) -> tuple[list[str], np.ndarray]:
        """(the segment names, "(no segment)" for a blank one; the number of each answer's segment)."""
        return _numbered(self.segment, "(no segment)")

    def group_numbers(self, name: str) -> tuple[list[str], np.ndarray]:
        """(the names of an employee group column's groups, "(no department)" for a blank one;
        the number of each answer's group)."""
        return _numbered(self.groups.get(name, [""] * len(self.rows)), f"(no {name.lower()})")

    @cached_property
    def day_numbers(self) -> np.ndarray:
        """Each answer's date as a day number (to sort by date with numpy)."""
        ordinal = {day: day.toordinal() for day in set(self.dates)}
        return np.fromiter(map(ordinal.__getitem__, self.dates), dtype=np.int64, count=len(self.dates))


def _numbered(values: list[str], blank: str) -> tuple[list[str], np.ndarray]:
    """(the names in order of first sight, ``blank`` for an empty value; each value's number).
    Each distinct value is named and numbered once, and the values are looked up at C speed."""
    number: dict[str, int] = {}
    of_value = {}
    for value in dict.fromkeys(values):  # the distinct values, in order of first sight
        of_value[value] = number.setdefault(value or blank, len(number))
    return list(number), np.fromiter(map(of_value.__getitem__, values), dtype=np.int64, count=len(values))


@dataclass(frozen=True)
class CustomerPeriod:
    row: int  # the Excel row number
    period: str
    start: float | None  # the three customer counts; None on a row that holds only amounts
    new: float | None
    end: float | None
    revenue: float | None = None  # the quarter's revenue and profit, when typed
    profit: float | None = None


def _text(value) -> str:
    return cell_text(value).strip()


def header_map(header: list, sheet: str, wanted: tuple[str, ...], required: tuple[str, ...]) -> dict[str, int]:
    """Find our columns by their header text (case and spaces ignored)."""
    found: dict[str, int] = {}
    keys = {" ".join(str(h).split()).casefold(): i for i, h in enumerate(header) if not is_blank(h)}
    for name in wanted:
        index = keys.get(name.casefold())
        if index is not None:
            found[name] = index
    missing = [name for name in required if name not in found]
    if missing:
        names = ", ".join(f'"{m}"' for m in missing)
        raise XlNpsError(
            f"the {sheet} sheet has no {names} column; its first row must hold the column names "
            f"{', '.join(wanted)} (as in the template)"
        )
    return found


def read_respondents(path: Path, progress=None, loaded=None) -> Respondents:
    """Read the Respondents sheet of a workbook file, row by row (a million rows are never
    all held as Python lists at once). ``loaded`` is the sheet's (rows, total) when the caller
    loaded it already (``sheets.Loading``). ``progress(rows_done, rows_total)`` is called now and then."""
    rows, total = loaded if loaded is not None else Book(path).iter_rows(L.RESPONDENTS_SHEET)
    if rows is not None and progress is not None:
        rows = _reporting(rows, total, progress)
    return parse_respondents(rows, Path(path).name)


def _reporting(rows, total: int, progress, every: int = 20_000):
    """``rows`` again, calling ``progress(done, total)`` every ``every`` rows (taken in lists
    of that many, so that the rows themselves pass at C speed)."""
    def batches():
        done = 0
        while batch := list(itertools.islice(rows, every)):
            progress(done, total)
            yield batch
            done += len(batch)
        progress(total, total)

    return itertools.chain.from_iterable(batches())


BATCH = 4096  # rows looked at together: a batch of plain rows is read column by column
SCORE_VALUES = {float(score) for score in range(11)}  # -0.0 is 0.0 here, as it is to the row-by-row test


def _plain_columns(batch: list, score_col: int, date_col: int, width: int) -> list[tuple] | None:
    """The columns of a batch of rows when every row is in the common case (as Excel stores
    an answer: a whole-number score from 0 to 10 as a number, a date cell, and no row shorter
    than the header); None otherwise (the rows are then read one by one). Checked at C
    speed, on sets of the cells' types and values."""
    columns = list(zip(*batch))
    if len(columns) < width:  # zip stops at the shortest row
        return None
    score_cells = columns[score_col]
    if set(map(type, score_cells)) != {float} or not set(score_cells) <= SCORE_VALUES:
        return None
    if not set(map(type, columns[date_col])) <= {dt.date, dt.datetime}:
        return None
    return columns


def _add_plain(out: Respondents, columns: list[tuple], first: int, score_col: int, date_col: int,
               text_columns: list[int], scores: list[int], days: dict, share) -> None:
    """Add a batch of rows in the common case (:func:`_plain_columns`), column by column: the
    same values as the row-by-row reading, with a few calls per column instead of per cell."""
    count = len(columns[0])
    out.rows.extend(range(first + 2, first + 2 + count))
    date_cells = columns[date_col]
    for day in set(date_cells).difference(days):  # a date cell's day; each day is kept once
        days[day] = day if type(day) is dt.date else day.date()
    out.dates.extend(map(days.__getitem__, date_cells))
    scores.extend(map(int, columns[score_col]))
    text_lists = (out.respondent, out.company, out.segment, out.comment, out.owner, out.status)
    for n, (target, column) in enumerate(zip(text_lists, text_columns)):
        values = _stripped(columns[column]) if column >= 0 else [""] * count
        target.extend(values if n in (0, 3) else map(share, values, values))  # all but respondent and comment shared


def _stripped(cells: tuple) -> list[str]:
    """Text cells as :func:`_text` reads them (at once when they are all text)."""
    try:
        return list(map(str.strip, cells))
    except TypeError:  # a number, a date or None among them
        return [v.strip() if type(v) is str else _text(v) for v in cells]


def parse_respondents(table, book_name: str) -> Respondents:
    """The Respondents sheet's rows (an iterable, header first) as usable answers plus a
    Problem for every unusable row. ``table`` is None when the workbook has no such sheet."""
    if table is None:
        raise XlNpsError(
            f"{book_name} has no sheet named \"{L.RESPONDENTS_SHEET}\"; "
            "start from the template (xl-nps new BOOK.xlsx) or rename your answers sheet"
        )
    rows = iter(table)
    header = next(rows, None)
    if header is None:
        raise XlNpsError(f"the {L.RESPONDENTS_SHEET} sheet is empty; it needs a header row and answers")
    columns = header_map(header, L.RESPONDENTS_SHEET, L.RESPONDENT_COLUMNS, L.REQUIRED_COLUMNS)
    letters = {name: column_letter(i + 1) for name, i in columns.items()}
    date_col, score_col = columns[L.DATE], columns[L.SCORE]

    out = Respondents(employee=L.is_employee_header(header))
    captured: list[tuple] = []  # an employee survey's group cells, one tuple per sheet row
    group_columns = header_map(header, L.RESPONDENTS_SHEET, L.GROUP_COLUMNS, ()) if out.employee else {}
    if group_columns:
        rows = _capturing(rows, list(group_columns.values()), captured)
    scores: list[int] = []
    names = (L.RESPONDENT, L.COMPANY, L.SEGMENT, L.COMMENT, L.OWNER, L.STATUS)
    text_columns = [columns.get(name, -1) for name in names]
    missing = -1 in text_columns  # a missing optional column reads an empty cell added to each row
    width = max(columns.values()) + 1
    respondent_col, company_col, segment_col, comment_col, owner_col, status_col = text_columns
    text_lists = (out.respondent, out.company, out.segment, out.comment, out.owner, out.status)
    # Companies, segments, owners, statuses and days repeat: each distinct value is kept once
    # (at a million rows this saves a few hundred MB).
    shared: dict = {}
    share = shared.setdefault
    days: dict = {}
    date_type, datetime_type, str_type = dt.date, dt.datetime, str
    add_row, add_date, add_score = out.rows.append, out.dates.append, scores.append
    add_respondent, add_company, add_segment = out.respondent.append, out.company.append, out.segment.append
    add_comment, add_owner, add_status = out.comment.append, out.owner.append, out.status.append
    pending = []  # rows whose date is text: read once the column's day/month order is known
    first = 0  # the offset of the batch's first row (Excel row = offset + 2)
    while batch := list(itertools.islice(rows, BATCH)):
        plain = _plain_columns(batch, score_col, date_col, width)
        if plain is not None:
            _add_plain(out, plain, first, score_col, date_col, text_columns, scores, days, share)
            first += len(batch)
            continue
        if missing:
            batch = [list(row) + [None] for row in batch]
        for offset, row in enumerate(batch, start=first):
            if len(row) < width:
                row = list(row) + [None] * (width - len(row))
            raw_score, raw_date = row[score_col], row[date_col]
            # the common case first: a whole-number score and a date cell, as Excel stores them
            if type(raw_score) is float and 0 <= raw_score <= 10 and raw_score.is_integer() and (
                    type(raw_date) is date_type or type(raw_date) is datetime_type):
                add_row(offset + 2)
                day = days.get(raw_date)
                if day is None:
                    day = days[raw_date] = raw_date if type(raw_date) is date_type else raw_date.date()
                add_date(day)
                add_score(int(raw_score))
                # the six text cells, written out rather than looped over: this runs once per
                # answer, and the loop cost a third of the reading time at a million rows
                v = row[respondent_col]
                add_respondent(v.strip() if type(v) is str_type else _text(v))
                v = row[company_col]
                v = v.strip() if type(v) is str_type else _text(v)
                add_company(share(v, v))
                v = row[segment_col]
                v = v.strip() if type(v) is str_type else _text(v)
                add_segment(share(v, v))
                v = row[comment_col]
                add_comment(v.strip() if type(v) is str_type else _text(v))
                v = row[owner_col]
                v = v.strip() if type(v) is str_type else _text(v)
                add_owner(share(v, v))
                v = row[status_col]
                v = v.strip() if type(v) is str_type else _text(v)
                add_status(share(v, v))
                continue
            if all(is_blank(v) for v in row):
                continue
            texts = [row[i] for i in text_columns]
            if isinstance(raw_date, str) and raw_date.strip():
                pending.append((offset + 2, raw_score, raw_date, texts))
                continue
            checked = _check_row(offset + 2, raw_score, raw_date, letters, None)
            if isinstance(checked, Problem):
                out.problems.append(checked)
                continue
            out.rows.append(offset + 2)
            out.dates.append(checked[1])
            scores.append(checked[0])
            _add_texts(text_lists, texts, shared)
        first += len(batch)
    out.rows_read = len(out.rows) + len(out.problems) + len(pending)
    if pending:
        day_first = guess_day_first(raw_date for _, _, raw_date, _ in pending)
        for excel_row, raw_score, raw_date, texts in pending:
            checked = _check_row(excel_row, raw_score, raw_date, letters, day_first)
            if isinstance(checked, Problem):
                out.problems.append(checked)
                continue
            out.rows.append(excel_row)
            out.dates.append(checked[1])
            scores.append(checked[0])
            _add_texts(text_lists, texts, shared)
        _sort_by_row(out, scores)
        out.problems.sort(key=lambda p: p.row)
    replaced = _replaced_characters(out, letters)
    if replaced:
        out.problems = sorted(out.problems + replaced, key=lambda p: p.row)
    out.scores = np.asarray(scores, dtype=np.int64)
    for k, name in enumerate(group_columns):
        out.groups[name] = [shared.setdefault(v, v) for v in (_text(captured[r - 2][k]) for r in out.rows)]
    try:
        refuse_small_scale(out.scores)
    except XlNpsError as error:
        raise XlNpsError(f"{L.RESPONDENTS_SHEET} column {letters[L.SCORE]}: {error}") from None
    return out


def _replaced_characters(out: Respondents, letters: dict[str, str]) -> list[Problem]:
    """A Problem (``used``) for every text cell of a used answer holding U+FFFD, the mark the
    import leaves where it replaced a character a workbook cannot hold (``values.replace_illegal``)
    or a byte the file's encoding could not decode."""
    found = []
    for name, values in ((L.RESPONDENT, out.respondent), (L.COMPANY, out.company), (L.SEGMENT, out.segment),
                         (L.COMMENT, out.comment)):
        if name not in letters:
            continue
        if not any("\ufffd" in "".join(values[i:i + 10_000]) for i in range(0, len(values), 10_000)):
            continue  # looked for in chunks joined at C speed: a column of a million answers in 0.02 s
        for i in [i for i, v in enumerate(values) if "\ufffd" in v]:
            found.append(Problem(L.RESPONDENTS_SHEET, out.rows[i], letters[name], values[i], REPLACED, used=True))
    return found


def _capturing(rows, indexes: list[int], captured: list):
    """``rows`` again, keeping the cells at ``indexes`` of every row in ``captured`` (an employee
    survey's group columns; the main loop stays as fast as for a customer survey)."""
    for row in rows:
        captured.append(tuple(row[i] if i < len(row) else None for i in indexes))
        yield row


def _add_texts(text_lists, texts, shared: dict) -> None:
    """Append one row's text cells; all but the respondent and the comment are shared."""
    for n, (target, value) in enumerate(zip(text_lists, texts)):
        value = value.strip() if type(value) is str else _text(value)
        target.append(value if n in (0, 3) else shared.setdefault(value, value))


def _sort_by_row(out: Respondents, scores: list[int]) -> None:
    """Put answers back in sheet order after the deferred text dates were appended."""
    order = sorted(range(len(out.rows)), key=out.rows.__getitem__)
    for name in ("rows", "dates", "respondent", "company", "segment", "comment", "owner", "status"):
        values = getattr(out, name)
        values[:] = [values[i] for i in order]
    scores[:] = [scores[i] for i in order]


def _check_row(excel_row: int, raw_score, raw_date, letters, day_first):
    """(score, date) of a row outside the common case, or the Problem that keeps it out."""
    if is_blank(raw_score):
        return Problem(L.RESPONDENTS_SHEET, excel_row, letters[L.SCORE], "", "no score; the row is left out")
    number = as_number(raw_score)
    if number is None or not (0 <= number <= 10 and number == math.floor(number)):
        return Problem(L.RESPONDENTS_SHEET, excel_row, letters[L.SCORE], raw_score, SCORE_RULE)
    if is_blank(raw_date):
        return Problem(L.RESPONDENTS_SHEET, excel_row, letters[L.DATE], "", "no date; the answer belongs to no quarter")
    try:
        return int(number), parse_date(raw_date, day_first)
    except DateError as error:
        return Problem(L.RESPONDENTS_SHEET, excel_row, letters[L.DATE], raw_date, f"not a date: {error}")


def read_customers(book: Book) -> tuple[list[CustomerPeriod], list[Problem]]:
    """Read the Customers sheet of an opened workbook (the sheet is optional)."""
    return parse_customers(book.rows(L.CUSTOMERS_SHEET))


def parse_customers(table: list[list] | None) -> tuple[list[CustomerPeriod], list[Problem]]:
    """The Customers sheet's rows: one per period with start, new and end counts, and the
    period's revenue and profit when those optional columns are there and filled."""
    if not table:
        return [], []
    columns = header_map(table[0], L.CUSTOMERS_SHEET, L.CUSTOMER_COLUMNS[:4], L.CUSTOMER_COLUMNS[:4])
    amounts = header_map(table[0], L.CUSTOMERS_SHEET, L.AMOUNT_COLUMNS, ())
    periods, problems = [], []
    for offset, row in enumerate(table[1:]):
        excel_row = offset + 2
        values = [row[columns[name]] if columns[name] < len(row) else None for name in L.CUSTOMER_COLUMNS[:4]]
        money = {name: row[i] if i < len(row) else None for name, i in amounts.items()}
        if all(is_blank(v) for v in values + list(money.values())):
            continue
        period = _text(values[0])
        if not period:
            problems.append(Problem(L.CUSTOMERS_SHEET, excel_row, "A", "", "no period (such as 2026 Q3)"))
            continue
        numbers = []
        counted = not all(is_blank(v) for v in values[1:])  # revenue alone, without customer counts, is fine
        for name, value in zip(L.CUSTOMER_COLUMNS[1:4], values[1:]) if counted else ():
            number = 0.0 if is_blank(value) and name == "New customers" else as_number(value)
            if number is None or number < 0:
                letter = column_letter(columns[name] + 1)
                problems.append(Problem(L.CUSTOMERS_SHEET, excel_row, letter, value, f"{name.lower()} must be a count of 0 or more"))
                break
            numbers.append(number)
        else:
            read = {}
            for name, value in money.items():
                number = None if is_blank(value) else as_number(value)
                if not is_blank(value) and (number is None or not math.isfinite(number) or (name == L.REVENUE and number < 0)):
                    rule = "revenue must be an amount of 0 or more" if name == L.REVENUE else "profit must be an amount"
                    problems.append(Problem(L.CUSTOMERS_SHEET, excel_row, column_letter(amounts[name] + 1), value,
                                            f"{rule}; the quarter's warning is left out"))
                    number = None
                read[name] = number
            periods.append(CustomerPeriod(excel_row, period, *(numbers or [None] * 3),
                                          read.get(L.REVENUE), read.get(L.PROFIT)))
    return periods, problems
