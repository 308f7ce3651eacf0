"""Report sheets as written by the refresh before, kept in the user's cache folder.

A quarterly refresh adds a few answers, nearly all of them in the latest quarter: the sheets of
the earlier quarters come out the same as last time (at 100,000 answers, eight sheets of
4,400 cells each, which took 0.08 s to lay out and write: a fifth of the refresh). What
``sheet_xml`` writes for a sheet depends only on the sheet (every value, format, table and
chart in it), the cell formats numbered by the sheets before it, the date system and the code
of the writer. Each written sheet is kept here under a name that is a hash of all of those; a
sheet with the same name is taken from here, byte for byte what writing it again gives: its
worksheet XML, the cell formats it adds (in order) and what the package needs besides (its
charts, its Excel tables, how it prints).

The file (``sheet-<hash>.bin``, no pickle) is made by ``user_cache.pack``: the line ``FORM``
and a BLAKE2 hash of the rest; a JSON header (the file's name, the formats added, the charts,
tables and print set-up); then the XML (UTF-8). A file that is damaged anywhere, of another
form or not of this sheet is ignored (and written again). Files are written whole
(``user_cache.write``); beyond ``LIMIT`` bytes in all, those used longest ago are removed.
Nothing is kept where ``user_cache`` keeps nothing (the browser, ``XL_NPS_CACHE_DIR=none``).
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

from xl_nps import __version__, user_cache
from xl_nps.workbook.report.model import Sheet
from xl_nps.workbook.report.placement import ChartLayout, ExcelTable, Look, PageSetup

FORM = b"xl-nps written sheet 2\n"
PREFIX, SUFFIX = "sheet-", ".bin"
LIMIT = 128 * 2**20  # bytes over all kept sheets: a quarter sheet of the report takes some 300 KB


@dataclass
class Written:
    """What the package needs of one written sheet: its worksheet XML (cell formats numbered as
    in the package's styles), its charts and Excel tables, and how it prints."""

    xml: str
    charts: list[ChartLayout]
    excel_tables: list[ExcelTable]
    page: PageSetup


@lru_cache(maxsize=None)
def _rules() -> bytes | None:
    """What identifies the writer: xl-nps's version, Python's, and the code of the modules the
    written XML depends on (the package's top-level modules, the report's and the writer's:
    their bytes); None when a file of them cannot be read (then nothing is kept or taken)."""
    package = Path(__file__).resolve().parent.parent.parent
    files = sorted(package.glob("*.py")) + sorted(package.joinpath("workbook").glob("*.py"))
    files += sorted(package.joinpath("workbook", "report").glob("*.py"))
    files += sorted(package.joinpath("workbook", "write").glob("*.py"))
    try:
        return user_cache.files_digest(package, files, __version__, sys.version)
    except OSError:
        return None


def name(sheet: Sheet, styles_state: list, date1904: bool) -> str | None:
    """The file name of ``sheet`` written after sheets that numbered the cell formats as
    ``styles_state`` says (None when the writer's rules cannot be identified)."""
    rules = _rules()
    if rules is None:
        return None
    digest = hashlib.blake2b(rules, digest_size=20)
    digest.update(json.dumps([date1904, styles_state, sheet.fingerprint()]).encode("ascii"))
    return f"{PREFIX}{digest.hexdigest()}{SUFFIX}"


def written(sheet: Sheet, styles, write: Callable[[Sheet], Written]) -> tuple[Written, bool]:
    """``write(sheet)``, or what it gave before for the same sheet after the same cell formats
    (then the formats it added are added to ``styles`` again, in the same order); and whether
    a sheet was newly kept."""
    before = styles.state()
    file = name(sheet, before, styles.date1904) if user_cache.folder() is not None else None
    if file is not None:
        kept = _read(file)
        if kept is not None:
            found, added = kept
            if styles.add(added):
                user_cache.used(file)
                return found, False
    result = write(sheet)
    return result, file is not None and _keep(file, result, styles.added_since(before))


def trim(limit: int = LIMIT) -> None:
    """Remove the kept sheets used longest ago until all of them take at most ``limit`` bytes."""
    user_cache.trim(PREFIX, SUFFIX, limit)


def _keep(file: str, sheet: Written, added: list) -> bool:
    page = sheet.page
    head = {
        "name": file, "added": added,
        "charts": [[c.kind, c.title, c.y_title, c.header_row, c.first_row, c.last_row, c.category_col,
                    c.series_cols, c.series_names, list(c.anchor)] for c in sheet.charts],
        "tables": [list(t) for t in sheet.excel_tables],
        "page": [page.landscape, list(page.title_rows) if page.title_rows else None, page.footer, list(page.breaks)],
    }
    return user_cache.write(file, user_cache.pack(FORM, head, sheet.xml.encode("utf-8", "surrogatepass")))


def _read(file: str) -> tuple[Written, list] | None:
    """The sheet kept as ``file`` and the cell formats it added, or None when there is none
    that is whole and of this name."""
    found = user_cache.unpack(user_cache.read(file), FORM)
    if found is None:
        return None
    head, body = found
    try:
        if head["name"] != file:
            return None
        charts = [ChartLayout(kind, title, y_title, header_row, first_row, last_row, category_col, list(series_cols),
                              list(series_names), tuple(anchor))
                  for kind, title, y_title, header_row, first_row, last_row, category_col, series_cols, series_names,
                  anchor in head["charts"]]
        tables = [ExcelTable(*t) for t in head["tables"]]
        landscape, title_rows, footer, breaks = head["page"]
        page = PageSetup(landscape, tuple(title_rows) if title_rows else None, footer, tuple(breaks))
        return Written(body.decode("utf-8", "surrogatepass"), charts, tables, page), head["added"]
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return None
