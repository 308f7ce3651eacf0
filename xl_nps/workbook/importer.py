"""Appends the answers of a survey export to the Respondents sheet.

Every row of the export that holds anything lands in the workbook: answers whose score or
date cannot be read are added as they are (text), so that the refresh lists them on the
Problems sheet and nothing is lost. Rows already in the workbook are skipped.

How duplicates are recognised: an answer is the same when its date, respondent, score and
comment are the same (case and surrounding spaces ignored). Importing the same export twice
adds nothing the second time; two identical answers in one export are both kept.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from xl_nps.values import as_number, cell_text, column_letter, is_blank
from xl_nps.errors import XlNpsError
from xl_nps.workbook import names as L
from xl_nps.values import DateError, guess_day_first, parse_date
from xl_nps.workbook.read.safety import check_workbook_file
from xl_nps.workbook.read.respondents import header_map
from xl_nps.workbook.read.sheets import read_sheet
from xl_nps.workbook.read.survey import IMPORTED_FIELDS, Survey
from xl_nps.rules import EXCEL_CELL_LIMIT
from xl_nps.values import clean_text
from xl_nps.workbook.write.atomic import atomic_write
from xl_nps.workbook.write.append import append_rows

LEADING_SCORE = re.compile(r"^\s*(\d{1,2})(?:[.,]0+)?(?:\s*(?:[-:/(]|$)|\s+\D)")


@dataclass
class ImportSummary:
    read: int
    added: int
    duplicates: int
    unreadable: int  # added as text; the refresh lists them on Problems
    cut: int  # texts longer than an Excel cell holds, cut at the limit
    columns: dict[str, str]  # our field -> the export's header
    encoding: str
    delimiter: str


def parse_score(value):
    """A score from an export field: 9, 9.0, "9", "9.0", "10 - Extremely likely". None if none."""
    if isinstance(value, bool):
        return None
    number = as_number(value)
    if number is None and isinstance(value, str):
        match = LEADING_SCORE.match(value)
        number = float(match.group(1)) if match else None
    if number is None or not (0 <= number <= 10) or number != math.floor(number):
        return None
    return int(number)


def answer_key(day, respondent, score, comment) -> tuple:
    """What makes two answers the same (see the module docstring)."""
    def fold(v):
        if isinstance(v, dt.datetime):
            v = v.date()
        if isinstance(v, dt.date):
            return v.isoformat()
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        return " ".join(str(v if v is not None else "").split()).casefold()
    return (fold(day), fold(respondent), fold(score), fold(comment))


def _existing_keys(path: Path) -> tuple[Counter, int, dict[str, int]]:
    table = read_sheet(path, L.RESPONDENTS_SHEET)
    if table is None:
        raise XlNpsError(f"{path.name} has no sheet named \"{L.RESPONDENTS_SHEET}\"; start from the template (xl-nps new)")
    columns = header_map(table[0] if table else [], L.RESPONDENTS_SHEET, L.RESPONDENT_COLUMNS, L.RESPONDENT_COLUMNS[:5])
    keys: Counter = Counter()
    last = 1
    for offset, row in enumerate(table[1:]):
        if all(is_blank(v) for v in row):
            continue
        last = offset + 2
        get = lambda name: row[columns[name]] if columns[name] < len(row) else None  # noqa: E731
        score = parse_score(get(L.SCORE))
        day = get(L.DATE)
        try:
            day = parse_date(day) if not is_blank(day) else ""
        except DateError:
            pass
        keys[answer_key(day, get(L.RESPONDENT), score if score is not None else get(L.SCORE), get(L.COMMENT))] += 1
    return keys, last, columns


def import_survey(survey: Survey, book: Path, date_format: str | None = None,
                  progress: Callable[[int], None] | None = None) -> ImportSummary:
    """Append the survey's answers to the Respondents sheet of ``book`` (written atomically)."""
    book = check_workbook_file(book)
    existing, last_row, book_columns = _existing_keys(book)
    col = survey.columns
    day_first = None
    if L.DATE in col and not date_format:
        day_first = guess_day_first(row[col[L.DATE]] for row in survey.rows if len(row) > col[L.DATE])

    new_rows, duplicates, unreadable, read, cut = [], 0, 0, 0, 0
    for row in survey.rows:
        values = {name: (row[i] if i < len(row) else None) for name, i in col.items()}
        if all(is_blank(v) for v in values.values()):
            continue
        read += 1
        score = parse_score(values.get(L.SCORE))
        raw_day = values.get(L.DATE)
        day = None
        if not is_blank(raw_day):
            try:
                day = parse_date(raw_day, day_first, date_format)
            except DateError:
                day = None
        if score is None or day is None:
            unreadable += 1
        record = {
            L.DATE: day if day is not None else _as_text(raw_day),
            L.SCORE: score if score is not None else _as_text(values.get(L.SCORE)),
        }
        for name in (L.RESPONDENT, L.COMPANY, L.SEGMENT, L.COMMENT):
            record[name] = _as_text(values.get(name))
            cut += isinstance(values.get(name), str) and len(values[name].strip()) > EXCEL_CELL_LIMIT
        key = answer_key(record[L.DATE], record[L.RESPONDENT], record[L.SCORE], record[L.COMMENT])
        if existing[key] > 0:
            existing[key] -= 1
            duplicates += 1
            continue
        new_rows.append(record)
        if progress:
            progress(read)

    if new_rows:
        _append(book, new_rows, last_row, book_columns)
    return ImportSummary(
        read=read, added=len(new_rows), duplicates=duplicates, unreadable=unreadable, cut=cut,
        columns={name: survey.header[i] for name, i in col.items()},
        encoding=survey.encoding, delimiter=survey.delimiter,
    )


def _as_text(value) -> str:
    return clean_text(cell_text(value).strip())


def _append(book: Path, records: list[dict], last_row: int, columns: dict[str, int]) -> None:
    """Add the records below the last answer, into the sheet's part (``write.append``); every
    other part of the file is copied as it is."""
    score_letter = column_letter(columns[L.SCORE] + 1)
    category = None
    if L.CATEGORY in columns:
        category = (column_letter(columns[L.CATEGORY] + 1), lambda r: L.category_formula(r, score_letter)[1:])
    fields = {name: columns[name] for name in IMPORTED_FIELDS if name in columns}
    atomic_write(book, lambda temp: append_rows(book, Path(temp), L.RESPONDENTS_SHEET, L.RESPONDENTS_TABLE,
                                                last_row + 1, records, fields, category))
