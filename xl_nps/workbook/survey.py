"""Reads survey-tool exports (CSV or xlsx) and recognises their columns.

Recognised exports: SurveyMonkey, SatisMeter, Typeform, Google Forms and plain spreadsheets
of phone interviews. Columns are found by their header text (see ``COLUMN_NAMES``); an
explicit mapping (``--score "How likely ...?"``) always wins.

Encodings: UTF-8 (with or without BOM), UTF-16 with BOM, and otherwise the legacy Windows
code page cp1252 (Western European); ``--encoding`` overrides the guess. Delimiters: comma,
semicolon, tab or '|', sniffed from the file; ``--delimiter`` overrides it.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from xl_nps.errors import XlNpsError, quote
from xl_nps.workbook import layout as L

# What a field is called in survey exports, after lower-casing and folding spaces.
# Exact names first, in order of preference; then words the header merely contains.
COLUMN_NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    L.SCORE: (
        ("score", "nps", "nps score", "rating", "likelihood to recommend", "ltr", "recommend", "nps rating",
         "answer", "value"),
        ("how likely", "recommend", "nps"),
    ),
    L.DATE: (
        ("date", "submitted at", "submitted", "date submitted", "submit date", "timestamp", "response date",
         "completed at", "end date", "created at", "start date", "date of interview", "interview date", "time"),
        ("date", "timestamp", "submitted", "created"),
    ),
    L.COMMENT: (
        ("comment", "comments", "feedback", "reason", "why", "verbatim", "open answer", "follow-up answer"),
        ("why", "reason", "comment", "feedback", "tell us", "explain", "what could we", "what is the main"),
    ),
    L.RESPONDENT: (
        ("email", "e-mail", "email address", "e-mail address", "respondent", "name", "contact", "customer",
         "client name", "person", "user", "user id", "respondent id"),
        ("email", "e-mail", "respondent"),
    ),
    L.COMPANY: (
        ("company", "company name", "account", "account name", "organisation", "organization", "client"),
        ("company", "organisation", "organization", "account"),
    ),
    L.SEGMENT: (
        ("segment", "plan", "tier", "customer type", "region", "market"),
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


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Bytes of a text export as text, and the encoding used."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except LookupError:
            raise XlNpsError(f"unknown encoding {quote(encoding)}; try utf-8, cp1252, cp1251 or latin-1") from None
        except UnicodeDecodeError as error:
            raise XlNpsError(f"the file is not valid {encoding} (byte {error.start}); try another --encoding") from None
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(name), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


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
        from xl_nps.workbook.refresh import check_workbook
        from xl_nps.workbook.respondents import read_sheet

        check_workbook(path)
        if sheet is None:
            from python_calamine import CalamineWorkbook

            sheet = CalamineWorkbook.from_path(str(path)).sheet_names[0]
        table = read_sheet(path, sheet)
        if table is None:
            raise XlNpsError(f"{path.name} has no sheet named {quote(sheet)}")
        used_encoding, used_delimiter = "", ""
    else:
        data = path.read_bytes()
        text, used_encoding = decode(data, encoding)
        used_delimiter = delimiter or sniff_delimiter(text)
        table = list(csv.reader(io.StringIO(text, newline=""), delimiter=used_delimiter))
    start = next((i for i, row in enumerate(table) if any(str(v).strip() for v in row if v is not None)), None)
    if start is None:
        raise XlNpsError(f"{path.name} holds no data")
    header = ["" if v is None else str(v).strip() for v in table[start]]
    columns = recognise_columns(header, mapping)
    return Survey(header, table[start + 1:], start + 2, columns, used_encoding, used_delimiter)
