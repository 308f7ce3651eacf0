"""Appends the answers of a survey export to the Respondents sheet.

Every row of the export that holds anything in the chosen columns lands in the workbook:
answers whose score or date cannot be read are added as they are (text), so that the refresh
lists them on the Problems sheet and nothing is lost. Rows already in the workbook are skipped.

Text is stored as exported: nothing trimmed, no length limit but Excel's (32,767 UTF-16 code
units, ``values.cut_to_cell``, marked where cut). Characters a workbook cannot hold (NUL and the
other control characters) become U+FFFD (�); the refresh lists every answer holding one on
the Problems sheet (``read/respondents.py``), so the change is never silent.

How duplicates are recognised: an answer is the same when its date, respondent, score and
comment are the same (case and runs of spaces ignored). Importing the same export twice adds
nothing the second time; two identical answers in one export are both kept.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Callable, Iterator

from xl_nps.errors import XlNpsError
from xl_nps.values import DateError, cell_text, column_letter, cut_to_cell, guess_day_first, is_blank, parse_date
from xl_nps.values import replace_illegal
from xl_nps.workbook import names as L
from xl_nps.workbook.read.columns import Choice
from xl_nps.workbook.read.profile import parse_score
from xl_nps.workbook.read.respondents import header_map
from xl_nps.workbook.read.safety import check_workbook_file
from xl_nps.workbook.read.sheets import read_sheet
from xl_nps.workbook.read.survey import IMPORTED_FIELDS, Survey
from xl_nps.workbook.write.append import append_rows
from xl_nps.workbook.write.atomic import atomic_write
from xl_nps.workbook.write.normalise import ensure_transitional

__all__ = ["ImportSummary", "answer_key", "import_survey", "parse_score", "records"]


@dataclass
class ImportSummary:
    read: int  # rows of the export with anything in the chosen columns
    added: int
    duplicates: int
    unreadable: int  # added rows whose score or date was not read (added as text; listed on Problems)
    cut: int  # added rows with a text longer than an Excel cell holds, cut at the limit
    replaced: int  # added rows with characters a workbook cannot hold, replaced by �
    choices: dict[str, Choice] = field(default_factory=dict)
    encoding: str = ""
    delimiter: str = ""
    answered_on: dt.date | None = None
    notes: list[str] = field(default_factory=list)  # what else happened to the file
    employee: bool = False  # the workbook holds an employee survey
    left_out: dict[str, Choice] = field(default_factory=dict)  # found in the export, not stored (no names)

    @property
    def columns(self) -> dict[str, str]:
        """Our field -> the export's header, for the fields a column was found for."""
        return {name: c.column.label for name, c in self.choices.items() if c.column is not None}


@dataclass
class Record:
    """One answer as it will be stored, and what happened to it on the way."""

    values: dict  # field -> value for the Respondents sheet
    unreadable: bool  # score or date kept as text
    cut: bool
    replaced: bool

    @property
    def key(self) -> tuple:
        v = self.values
        return answer_key(v[L.DATE], v[L.RESPONDENT], v[L.SCORE], v[L.COMMENT], *(v[g] for g in L.GROUP_COLUMNS))


def answer_key(day, respondent, score, comment, *groups) -> tuple:
    """What makes two answers the same (see the module docstring); an employee survey's
    department, team and tenure count too (``groups``, blank in a customer survey)."""
    def fold(v):
        if isinstance(v, dt.datetime):
            v = v.date()
        if isinstance(v, dt.date):
            return v.isoformat()
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        return " ".join(str(v if v is not None else "").split()).casefold()
    key = (fold(day), fold(respondent), fold(score), fold(comment))
    if groups:  # blank groups at the end add nothing, so a customer survey's keys stay four long
        folded = [fold(g) for g in groups]
        while folded and not folded[-1]:
            folded.pop()
        key += tuple(folded)
    return key


def _existing_keys(path: Path) -> tuple[Counter, int, dict[str, int]]:
    table = read_sheet(path, L.RESPONDENTS_SHEET)
    if table is None:
        raise XlNpsError(f"{path.name} has no sheet named \"{L.RESPONDENTS_SHEET}\"; start from the template (xl-nps new)")
    header = table[0] if table else []
    # an employee survey's sheet has no Respondent, Company or Segment column (names.EMPLOYEE_COLUMNS)
    required = L.REQUIRED_COLUMNS if L.is_employee_header(header) else L.RESPONDENT_COLUMNS[:5]
    columns = header_map(header, L.RESPONDENTS_SHEET, L.RESPONDENT_COLUMNS + L.GROUP_COLUMNS, required)
    # an employee survey's groups, in their order (a key lists them so); a customer survey has none
    groups = list(L.GROUP_COLUMNS) if any(g in columns for g in L.GROUP_COLUMNS) else []
    at = {name: columns.get(name, 1 << 30) for name in L.RESPONDENT_COLUMNS + L.GROUP_COLUMNS}  # missing: past any row
    keys: Counter = Counter()
    last = 1
    for offset, row in enumerate(table[1:]):
        if all(is_blank(v) for v in row):
            continue
        last = offset + 2
        get = lambda name: row[at[name]] if at[name] < len(row) else None  # noqa: E731
        score = parse_score(get(L.SCORE))
        day = get(L.DATE)
        try:
            day = parse_date(day) if not is_blank(day) else ""
        except DateError:
            pass
        key = answer_key(day, get(L.RESPONDENT), score if score is not None else get(L.SCORE), get(L.COMMENT),
                         *[get(g) for g in groups]) if groups else \
            answer_key(day, get(L.RESPONDENT), score if score is not None else get(L.SCORE), get(L.COMMENT))
        keys[key] += 1
    return keys, last, columns


def _stored(value) -> tuple[str, bool, bool]:
    """A text cell as it will be stored, whether characters were replaced, whether it was cut."""
    text = cell_text(value)
    kept = replace_illegal(text)
    stored = cut_to_cell(kept)
    return stored, kept is not text and kept != text, stored is not kept


def records(survey: Survey, date_format: str | None = None, answered_on: dt.date | None = None):
    """The answers of ``survey`` as :class:`Record` s, one per row that holds anything in the
    chosen columns, in file order (a generator: one row at a time)."""
    fields = survey.fields
    date_col = fields.get(L.DATE)
    day_first = None
    if date_col is not None and not date_format and answered_on is None:
        day_first = guess_day_first(row[date_col] for row in survey.rows if len(row) > date_col)
    for row in survey.rows:
        values = {name: (row[i] if i < len(row) else None) for name, i in fields.items()}
        if all(is_blank(v) for v in values.values()):
            continue
        score = parse_score(values.get(L.SCORE))
        raw_day = values.get(L.DATE)
        day = answered_on
        if day is None and not is_blank(raw_day):
            try:
                day = parse_date(raw_day, day_first, date_format)
            except DateError:
                day = None
        record = {}
        cut = replaced = False
        for name in IMPORTED_FIELDS:
            text, was_replaced, was_cut = _stored(values.get(name))
            record[name] = text
            cut |= was_cut
            replaced |= was_replaced
        if day is not None:
            record[L.DATE] = day
        if score is not None:
            record[L.SCORE] = score
        yield Record(record, score is None or day is None, cut, replaced)


def import_survey(survey: Survey, book: Path, date_format: str | None = None,
                  progress: Callable[[int], None] | None = None, answered_on: dt.date | None = None) -> ImportSummary:
    """Append the survey's answers to the Respondents sheet of ``book`` (written atomically).
    ``answered_on`` gives every answer that date (the export's date column, if any, is not read)."""
    book = check_workbook_file(book)
    converted = ensure_transitional(book)
    existing, last_row, book_columns = _existing_keys(book)
    # what the workbook has a column for: an employee survey stores no respondent, company or
    # segment, and a customer survey no department, team or tenure
    stored = {name: c for name, c in survey.choices.items() if name in book_columns or name in L.REQUIRED_COLUMNS}
    left_out = {name: c for name, c in survey.choices.items() if name not in stored and c.column is not None}
    summary = ImportSummary(0, 0, 0, 0, 0, 0, stored, survey.encoding, survey.delimiter, answered_on,
                            [converted] if converted else [],
                            L.DEPARTMENT in book_columns or L.TEAM in book_columns or L.TENURE in book_columns, left_out)
    unstored = [name for name in IMPORTED_FIELDS if name not in book_columns]

    def new_rows():  # a generator: each answer is written as it is read, never all held at once
        for record in records(survey, date_format, answered_on):
            summary.read += 1
            for name in unstored:  # never compared, never written (an employee survey's e-mails)
                record.values[name] = ""
            key = record.key
            if existing[key] > 0:
                existing[key] -= 1
                summary.duplicates += 1
                continue
            summary.unreadable += record.unreadable
            summary.cut += record.cut
            summary.replaced += record.replaced
            yield record.values
            if progress:
                progress(summary.read)

    summary.added = _append(book, new_rows(), last_row, book_columns)
    return summary


def _append(book: Path, records: Iterator[dict], last_row: int, columns: dict[str, int]) -> int:
    """Add the records below the last answer, into the sheet's part (``write.append``); every
    other part of the file is copied as it is. With no record the file is left alone."""
    first = next(records, None)
    if first is None:
        return 0
    score_letter = column_letter(columns[L.SCORE] + 1)
    category = None
    if L.CATEGORY in columns:
        category = (column_letter(columns[L.CATEGORY] + 1), lambda r: L.category_formula(r, score_letter)[1:])
    fields = {name: columns[name] for name in IMPORTED_FIELDS if name in columns}
    added = []
    atomic_write(book, lambda temp: added.append(append_rows(
        book, Path(temp), L.RESPONDENTS_SHEET, L.RESPONDENTS_TABLE, last_row + 1, chain([first], records), fields,
        category, wrapped=(L.COMMENT,))))
    return added[0]
