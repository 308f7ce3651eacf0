"""Reads survey-tool exports (CSV or xlsx) and recognises their columns.

Recognised exports: SurveyMonkey, SatisMeter, Typeform, Google Forms and plain spreadsheets
of phone interviews. Columns are found by their header text (see ``COLUMN_NAMES``); an
explicit mapping (``--score "How likely ...?"``) always wins.

Encodings: UTF-8 (with or without BOM), UTF-16 with BOM, and otherwise the legacy code page
(Windows cp1252 or cp1251, DOS cp850 or cp866) whose decoding reads most like text
(``safety.decode``); ``--encoding`` overrides the guess. Delimiters: comma, semicolon, tab or
'|', sniffed from the file; ``--delimiter`` overrides it. Two-row headers (a question over its
"Response" columns, as SurveyMonkey exports them) are joined into one.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from xl_nps.errors import XlNpsError, quote
from xl_nps.workbook import names as L
from xl_nps.workbook.read.safety import check_workbook_file, decode

# What a field is called in survey exports, after lower-casing and folding spaces.
# Exact names first, in order of preference; then words the header merely contains.
COLUMN_NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    L.SCORE: (
        ("score", "nps", "nps score", "rating", "likelihood to recommend", "ltr", "recommend", "nps rating",
         "answer", "value", "note", "bewertung", "punktzahl", "puntuación", "puntuacion", "оценка", "балл"),
        ("how likely", "recommend", "nps"),
    ),
    L.DATE: (
        ("date", "submitted at", "submitted", "date submitted", "submit date", "timestamp", "response date",
         "completed at", "end date", "created at", "start date", "date of interview", "interview date", "time",
         "datum", "fecha", "data", "дата"),
        ("date", "timestamp", "submitted", "created"),
    ),
    L.COMMENT: (
        ("comment", "comments", "feedback", "reason", "why", "verbatim", "open answer", "follow-up answer",
         "kommentar", "commentaire", "comentario", "commento", "комментарий", "отзыв"),
        ("why", "reason", "comment", "feedback", "tell us", "explain", "what could we", "what is the main"),
    ),
    L.RESPONDENT: (
        ("email", "e-mail", "email address", "e-mail address", "respondent", "name", "contact", "customer",
         "client name", "person", "user", "user id", "respondent id"),
        ("email", "e-mail", "respondent"),
    ),
    L.COMPANY: (
        ("company", "company name", "account", "account name", "organisation", "organization", "client",
         "firma", "unternehmen", "entreprise", "société", "empresa", "компания"),
        ("company", "organisation", "organization", "account"),
    ),
    L.SEGMENT: (
        ("segment", "plan", "tier", "customer type", "region", "market", "segmento", "сегмент"),
        ("segment",),
    ),
}
IMPORTED_FIELDS = (L.DATE, L.RESPONDENT, L.COMPANY, L.SEGMENT, L.SCORE, L.COMMENT)


@dataclass
class Survey:
    """The rows of an export, with the columns recognised in it."""

    header: list[str]
    rows: list[list]  # cell values as read
    first_row: int  # source row number of rows[0] (1-based, header excluded)
    columns: dict[str, int]  # our field -> index in the row
    encoding: str = ""
    delimiter: str = ""
    notes: list[str] = field(default_factory=list)


def _fold(text) -> str:
    return " ".join(re.sub(r"[^\w\s@-]", " ", str(text)).split()).casefold()


def recognise_columns(header: list[str], mapping: dict[str, str] | None = None) -> dict[str, int]:
    """Match header names to our fields; an explicit ``mapping`` (field -> header) wins."""
    folded = [_fold(h) for h in header]
    columns: dict[str, int] = {}
    for name, wanted in (mapping or {}).items():
        if wanted is None:
            continue
        target = _fold(wanted)
        if target not in folded:
            shown = ", ".join(quote(h) for h in header if str(h).strip())
            raise XlNpsError(f"the export has no column named {quote(wanted)} for {name}; its columns are: {shown}")
        columns[name] = folded.index(target)
    used = set(columns.values())
    for name, (exact, contains) in COLUMN_NAMES.items():
        if name in columns:
            continue
        match = next((folded.index(e) for e in exact if e in folded and folded.index(e) not in used), None)
        if match is None:
            match = next((i for i, h in enumerate(folded) if i not in used and any(w in h for w in contains)), None)
        if match is not None:
            columns[name] = match
            used.add(match)
    if L.SCORE not in columns:
        shown = ", ".join(quote(h) for h in header if str(h).strip())
        raise XlNpsError(
            f"cannot tell which column holds the 0-10 score; name it with --score \"COLUMN\". Columns: {shown}"
        )
    return columns


def sniff_delimiter(text: str) -> str:
    sample = text[:65536]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        counts = {d: sample.split("\n", 1)[0].count(d) for d in ",;\t|"}
        best = max(counts, key=counts.get)
        return best if counts[best] else ","


def read_survey(path: Path, mapping: dict[str, str] | None = None, encoding: str | None = None,
                delimiter: str | None = None, sheet: str | None = None) -> Survey:
    """Read an export file: header, rows and recognised columns."""
    path = Path(path)
    if not path.exists():
        raise XlNpsError(f"{path} does not exist")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        check_workbook_file(path)
        table = _export_sheet(path, sheet, mapping)
        used_encoding, used_delimiter = "", ""
    else:
        data = path.read_bytes()
        text, used_encoding = decode(data, encoding)
        used_delimiter = delimiter or sniff_delimiter(text)
        table = list(csv.reader(io.StringIO(text, newline=""), delimiter=used_delimiter))
    start = next((i for i, row in enumerate(table) if any(str(v).strip() for v in row if v is not None)), None)
    if start is None:
        raise XlNpsError(f"{path.name} holds no data")
    header = [_cell_text(v) for v in table[start]]
    first_data = start + 1
    if first_data < len(table) and _is_subheader(header, table[first_data]):
        header = _join_headers(header, table[first_data])
        first_data += 1
    rows = table[first_data:]
    if not any(any(_cell_text(v) for v in row) for row in rows):
        raise XlNpsError(f"{path.name} holds a header row but no answers")
    columns = recognise_columns(header, mapping)
    return Survey(header, rows, first_data + 1, columns, used_encoding, used_delimiter)


def _export_sheet(path: Path, sheet: str | None, mapping) -> list[list]:
    """The rows of the sheet to import: the one named, else an xl-nps workbook's Respondents
    sheet, else the first sheet whose header has a score column."""
    from xl_nps.workbook.read.sheets import read_sheet, sheet_names

    if sheet is not None:
        table = read_sheet(path, sheet)
        if table is None:
            raise XlNpsError(f"{path.name} has no sheet named {quote(sheet)}")
        return table
    names = sheet_names(path)
    if L.RESPONDENTS_SHEET in names:
        return read_sheet(path, L.RESPONDENTS_SHEET)
    for name in names:
        table = read_sheet(path, name)
        header = next((row for row in table if any(_cell_text(v) for v in row)), None)
        if header is None:
            continue
        try:
            recognise_columns([_cell_text(v) for v in header], mapping)
        except XlNpsError:
            continue
        return table
    return read_sheet(path, names[0])


def _cell_text(value) -> str:
    return "" if value is None else str(value).strip()


def _is_subheader(header: list[str], row: list) -> bool:
    """The row under the header names answer columns ("Response", "Open-Ended Response")
    rather than holding an answer: text only, and text where the header above is empty."""
    texts = [_cell_text(v) for v in row]
    if not any(texts) or any(isinstance(v, (int, float)) and not isinstance(v, bool) for v in row):
        return False
    if any(t and t.replace(".", "", 1).replace(",", "", 1).isdigit() for t in texts):
        return False
    under_blank = any(t and (i >= len(header) or not header[i]) for i, t in enumerate(texts))
    return under_blank or any("response" in t.casefold() for t in texts)


def _join_headers(header: list[str], row: list) -> list[str]:
    """Join a two-row header: a merged question cell spans the answer columns under it."""
    texts = [_cell_text(v) for v in row]
    width = max(len(header), len(texts))
    header = header + [""] * (width - len(header))
    texts = texts + [""] * (width - len(texts))
    joined, question = [], ""
    for top, sub in zip(header, texts):
        question = top or question
        if sub and question:
            joined.append(f"{question} {sub}" if sub.casefold() not in ("response", "responses") else question)
        else:
            joined.append(top or sub)
    return joined
