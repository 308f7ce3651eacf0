"""Reads a survey export (CSV or xlsx): its header rows, its answer rows, and which column is
which (``columns.py`` decides, from what the columns hold and what their headers say).

Files: CSV/TSV/TXT in any encoding ``encodings.decode`` recognises, fields of any length, with
the delimiter (comma, semicolon, tab or '|') sniffed; xlsx/xlsm, reading the sheet named with
``--sheet``, else an xl-nps workbook's Respondents sheet, else the first sheet whose columns
include a score and a date, else the first sheet (whose refusal then says what is missing).

Header rows: the first non-empty row, and up to two more below it when they are headers too:

* Qualtrics (2017 on): row 2 holds the question texts, row 3 ``{"ImportId":"QID2"}`` JSON;
* Qualtrics legacy: row 1 ``V1, V2, ... Q1, Q2``, row 2 the field names and question texts;
* SurveyMonkey: row 2 names each answer column ("Response", "Open-Ended Response", an option)
  under a question written once above its first column (carried right over the blanks);
* in general, a row with text where the answers below hold numbers or dates, and none of
  those (such a row is no answer).

A column is then known by all its header texts (``--score`` may name any of them) and shown
by its question (Qualtrics: row 2; SurveyMonkey: question and option).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from xl_nps.errors import XlNpsError, quote
from xl_nps.values import as_number, cell_text, is_blank
from xl_nps.workbook import names as L
from xl_nps.workbook.read.columns import Choice, Column, choose_columns, columns_by_name
from xl_nps.workbook.read.encodings import decode
from xl_nps.workbook.read.profile import DECIMAL_COMMA, is_date, parse_score, profile_columns
from xl_nps.workbook.read.safety import check_workbook_file

recognise_columns = columns_by_name  # names alone, for sources whose values are not read here (xl_nps.sources)
IMPORTED_FIELDS = (L.DATE, L.RESPONDENT, L.COMPANY, L.SEGMENT, L.SCORE, L.COMMENT) + L.GROUP_COLUMNS
ANSWER_LABELS = {"response", "responses", "open-ended response", "open ended response", "answer"}
CODE_NAME = re.compile(r"^(V|Q|QID)\d+(_\w+)?$")
GROUP_MEMBER = re.compile(r"^(.+)_(\d+)$")
LOOK_BELOW = 60  # rows under the header that tell which columns hold numbers or dates

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # a comment may be any length (Python's default: 131,072)


@dataclass
class Survey:
    """The answer rows of an export, its columns and the ones chosen for each field."""

    columns: list[Column]
    rows: list[list]  # answer rows, cell values as read (header rows excluded)
    first_row: int  # the file's row number of rows[0] (1-based)
    header_rows: int
    choices: dict[str, Choice]
    rows_profiled: int = 0
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def fields(self) -> dict[str, int]:
        """Our field -> index of its column in a row, for the fields a column was found for."""
        return {name: c.column.index for name, c in self.choices.items() if c.column is not None}

    @property
    def header(self) -> list[str]:
        return [c.label for c in self.columns]


def read_survey(path: Path, mapping: dict[str, str | None] | None = None, encoding: str | None = None,
                delimiter: str | None = None, sheet: str | None = None, date_format: str | None = None,
                answered_on: bool = False) -> Survey:
    """Read an export file and choose its columns (raises XlNpsError with the reason when it
    has no score or no date column, unless ``answered_on``)."""
    path = Path(path)
    if not path.exists():
        raise XlNpsError(f"{path} does not exist")
    if path.is_dir():
        raise XlNpsError(f"{path} is a folder, not a survey export")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        check_workbook_file(path)
        return _read_workbook(path, sheet, mapping, date_format, answered_on)
    text, used_encoding = decode(path.read_bytes(), encoding)
    used_delimiter = delimiter or sniff_delimiter(text)
    table = _csv_rows(text, used_delimiter)
    del text
    survey = survey_of(table, path.name, mapping, date_format, answered_on)
    survey.encoding, survey.delimiter = used_encoding, used_delimiter
    return survey


def _csv_rows(text: str, delimiter: str) -> list[list[str]]:
    """The rows of CSV text. Python 3.10's csv module refuses NUL ("line contains NUL"), so a NUL
    goes through it as a character the text does not hold and comes back after (the import then
    replaces it and counts it, as any character a cell cannot hold)."""
    if "\x00" not in text:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    stand_in = next(chr(c) for c in range(0xE000, 0xF900) if chr(c) not in text)  # private use: absent in real text
    rows = csv.reader(io.StringIO(text.replace("\x00", stand_in), newline=""), delimiter=delimiter)
    return [[cell.replace(stand_in, "\x00") for cell in row] for row in rows]


def sniff_delimiter(text: str) -> str:
    sample = text[:65536]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        counts = {d: sample.split("\n", 1)[0].count(d) for d in ",;\t|"}
        best = max(counts, key=counts.get)
        return best if counts[best] else ","


def _read_workbook(path: Path, sheet: str | None, mapping, date_format, answered_on) -> Survey:
    from xl_nps.workbook.read.sheets import Book

    book = Book(path)
    names = book.sheet_names
    if sheet is not None:
        if sheet not in names:
            raise XlNpsError(f"{path.name} has no sheet named {quote(sheet)}; its sheets are: "
                             + ", ".join(quote(n) for n in names))
        order = [sheet]
    elif L.RESPONDENTS_SHEET in names:
        order = [L.RESPONDENTS_SHEET]
    else:
        order = names
    errors = []
    for name in order:
        try:
            survey = survey_of(book.rows(name) or [], path.name, mapping, date_format, answered_on)
        except XlNpsError as error:
            errors.append((name, str(error)))
            continue
        survey.sheet = name
        return survey
    if len(errors) == 1:
        raise XlNpsError(errors[0][1])
    name, error = next(((n, e) for n, e in errors if "holds no data" not in e), errors[0])
    raise XlNpsError(f"no sheet of {path.name} holds the answers (name one with --sheet); sheet {quote(name)}: {error}")


def survey_of(table: list[list], file_name: str, mapping=None, date_format=None, answered_on=False) -> Survey:
    """An export's rows (header rows first, as read) as a :class:`Survey`."""
    start = next((i for i, row in enumerate(table) if any(not is_blank(v) for v in row)), None)
    if start is None:
        raise XlNpsError(f"{file_name} holds no data")
    count = header_row_count(table, start)
    header_block = table[start:start + count]
    rows = table[start + count:]
    if not any(any(not is_blank(v) for v in row) for row in rows):
        raise XlNpsError(f"{file_name} holds a header row but no answers")
    width = max(max((len(r) for r in header_block), default=0),
                max((len(r) for r in rows[:LOOK_BELOW]), default=0))
    names, labels = column_names(header_block, width)
    groups = ranking_groups(names)
    profiles, seen = profile_columns(rows, width, groups, date_format)
    columns = [Column(i, names[i], labels[i], profiles[i]) for i in range(width)]
    choices = choose_columns(columns, mapping, answered_on, seen)
    return Survey(columns, rows, start + count + 1, count, choices, seen)


# ---------------------------------------------------------------- header rows

def _text(value) -> str:
    return "" if is_blank(value) else cell_text(value).strip()


def _answer_like(value) -> bool:
    """A number, a date or a score: what an answer row holds and a header row does not."""
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float, dt.date)):
        return True
    return isinstance(value, str) and (as_number(value) is not None or bool(DECIMAL_COMMA.match(value))
                                       or parse_score(value) is not None or is_date(value))


def _is_import_ids(row: list) -> bool:
    """Qualtrics' third header row: {"ImportId":"QID2"} in (nearly) every cell."""
    texts = [_text(v) for v in row if not is_blank(v)]
    return bool(texts) and sum(t.startswith("{") and "importid" in t.casefold() for t in texts) * 2 >= len(texts)


def _import_id(text: str) -> str:
    try:
        value = json.loads(text)
    except ValueError:
        return ""
    return str(value.get("ImportId", "")) if isinstance(value, dict) else ""


def header_row_count(table: list[list], start: int) -> int:
    """How many header rows the export has from row ``start`` on (1 to 3)."""
    first = [_text(v) for v in table[start]]
    codes = [t for t in first if t]
    legacy = len(codes) >= 2 and sum(bool(CODE_NAME.match(t)) for t in codes) * 2 >= len(codes)
    count = 1
    for k in (1, 2):
        if start + k >= len(table):
            break
        row = table[start + k]
        if _is_import_ids(row):
            count = k + 1
            continue
        if k == 1 and legacy and any(_text(v) and not _answer_like(v) for v in row):
            count = 2
            continue
        if _is_header_like(row, table, start + k):
            count = k + 1
            continue
        break
    return count


def _is_header_like(row: list, table: list[list], at: int) -> bool:
    """Text where the answers below hold numbers or dates, and no number or date there."""
    below = [r for r in table[at + 1: at + 1 + LOOK_BELOW] if not _is_import_ids(r)]
    if not below:
        return False
    hits = False
    for i, value in enumerate(row):
        filled = [r[i] for r in below if i < len(r) and not is_blank(r[i])]
        if not filled or sum(map(_answer_like, filled)) < 0.8 * len(filled):
            continue
        if is_blank(value):
            continue
        if _answer_like(value):
            return False
        hits = True
    return hits


def column_names(block: list[list], width: int) -> tuple[list[list[str]], list[str]]:
    """Each column's header texts (one per header row; a Qualtrics ImportId as its id) and
    the label the summary shows."""
    rows = [[_text(row[i]) if i < len(row) else "" for i in range(width)] for row in block]
    ids = [r for r in rows if any(t.startswith("{") for t in r) and _is_import_ids(r)]
    texts = [r for r in rows if r not in ids]
    qualtrics = bool(ids) or (len(texts) > 1 and sum(bool(CODE_NAME.match(t)) for t in texts[0] if t) * 2
                              >= max(1, sum(1 for t in texts[0] if t)))
    if len(texts) > 1 and not qualtrics:  # SurveyMonkey: a question over its answer columns
        question = ""
        for i in range(width):
            if texts[0][i]:
                question = texts[0][i]
            elif any(r[i] for r in texts[1:]):
                texts[0][i] = question
    names, labels = [], []
    for i in range(width):
        own = [r[i] for r in texts]
        alias = [_import_id(r[i]) for r in ids]
        names.append([n for n in own + alias if n] or [""])
        if qualtrics:
            label = next((t for t in reversed(own) if t), "")
        else:
            parts = [t for t in own if t and t.casefold() not in ANSWER_LABELS]
            label = " ".join(dict.fromkeys(parts)) or next((t for t in own if t), "")
        labels.append(label or f"(column {i + 1})")
    return names, labels


def ranking_groups(names: list[list[str]]) -> list[list[int]]:
    """Runs of adjacent columns that one question spans: the same question over several
    options (SurveyMonkey), or Q4_1, Q4_2, ... (Qualtrics)."""
    def key(column_names: list[str]) -> str:
        first = column_names[0]
        match = GROUP_MEMBER.match(first)
        if match:
            return match.group(1)
        return first if len(column_names) > 1 and column_names[1].casefold() not in ANSWER_LABELS else ""

    groups, run = [], []
    previous = None
    for i, column_names in enumerate(names):
        k = key(column_names)
        if k and k == previous:
            run.append(i)
        else:
            if len(run) > 1:
                groups.append(run)
            run = [i]
        previous = k
    if len(run) > 1:
        groups.append(run)
    return groups
