"""Where each part of a report sheet goes: blocks of values, formats, Excel tables, charts.

Every writer uses this one layout: ``write.sheet_xml`` (the command line's file) and
``write.open_book`` (xlwings, inside an open workbook). Rows and columns are 1-based.

Generated sheets are recognised by a hidden sheet-scoped defined name (``MARKER``) together
with a name the report uses (``is_report_name``); a copy a user makes of a report sheet gets a
new name ("2026 Q3 (2)") and is therefore never replaced or removed.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from xl_nps.errors import XlNpsError
from xl_nps.workbook import names as L
from xl_nps.workbook.report.model import Report, Sheet, Table

MARKER = "xlnps_report"  # sheet-scoped defined name on every generated sheet
DIGEST = "xlnps_digest"  # workbook defined name holding the report's digest
FIRST_TABLE_ROW = 4
CHART_COLUMNS = 7  # columns per chart when charts stand side by side
SERIES_COLOURS = {"Promoters": "70AD47", "Passives": "BFBFBF", "Detractors": "E46C5B",
                  "NPS": "1F4E79", "CI low": "8EA9DB", "CI high": "8EA9DB"}
QUARTER_SHEET = re.compile(r"^\d{4} Q[1-4]$")


def is_report_name(name: str) -> bool:
    """A sheet name the refresh generates."""
    return name in (L.PERIODS_SHEET, L.PROBLEMS_SHEET, L.COMMENTS_SHEET) or bool(QUARTER_SHEET.match(name))


def check_names(existing_names, generated, report: Report) -> None:
    """Refuse to replace a sheet the user made under a name the report needs."""
    for sheet in report.sheets:
        if sheet.name in existing_names and sheet.name not in generated:
            raise XlNpsError(
                f'the workbook already has a sheet named "{sheet.name}" that xl-nps did not make; '
                "rename it and refresh again (nothing was changed)"
            )


@dataclass
class Block:
    """Values written as one rectangle starting at (row, col)."""

    row: int
    col: int
    values: list[list]
    style: str  # "title", "note", "heading", "header" or "data"
    column_formats: list[str | None] = field(default_factory=list)
    row_formats: list[str | None] | None = None  # for key/value tables: a format per row (not column 1)


@dataclass
class ChartLayout:
    kind: str  # "line" or "stacked"
    title: str
    y_title: str
    header_row: int  # the row holding the series names
    first_row: int
    last_row: int
    category_col: int
    series_cols: list[int]
    series_names: list[str]
    anchor: tuple[int, int]  # top-left cell


@dataclass
class SheetLayout:
    name: str
    blocks: list[Block]
    widths: dict[int, float]
    hidden_columns: list[int]
    excel_tables: list[tuple[str, int, int, int, int]]  # name, first row, first col, last row, last col
    charts: list[ChartLayout]


def lay_out(sheet: Sheet) -> SheetLayout:
    blocks = [Block(1, 1, [[sheet.title]], "title")]
    if sheet.note:
        blocks.append(Block(2, 1, [[sheet.note]], "note"))
    widths: dict[int, float] = {}
    hidden: list[int] = []
    excel_tables = []
    tops = []
    row = FIRST_TABLE_ROW
    for table in sheet.tables:
        tops.append(row)
        row = _table(table, row, blocks, widths, hidden, excel_tables) + 2
    charts = [_chart(sheet, chart, tops[chart.table], (row + 1, 1 + CHART_COLUMNS * i))
              for i, chart in enumerate(sheet.charts) if sheet.tables[chart.table].rows]
    widths = {col: min(max(width, 8), 60) for col, width in widths.items()}
    return SheetLayout(sheet.name, blocks, widths, hidden, excel_tables, charts)


def _table(table: Table, top: int, blocks, widths, hidden, excel_tables) -> int:
    """Lay out one table starting at row ``top``; return the last row used."""
    blocks.append(Block(top, 1, [[table.title]], "heading"))
    header_row = top + 1
    blocks.append(Block(header_row, 1, [list(table.header)], "header"))
    for col, name in enumerate(table.header, start=1):
        widths[col] = max(widths.get(col, 0), len(name) + 2)
    last = header_row + len(table.rows)
    if table.rows:
        formats = [table.formats.get(name) for name in table.header]
        blocks.append(Block(header_row + 1, 1, table.rows, "data", formats, table.row_formats))
        for col, column in enumerate(itertools.zip_longest(*table.rows[:200], fillvalue=""), start=1):
            shown = max(8 if isinstance(value, float) else len(str(value)) for value in column)
            widths[col] = max(widths.get(col, 0), min(shown, 60) + 2)
        if table.excel_table:
            excel_tables.append((table.excel_table, header_row, 1, last, len(table.header)))
    else:
        last += 1
        blocks.append(Block(last, 1, [["(none)"]], "note"))
    hidden.extend(table.header.index(name) + 1 for name in table.hidden)
    if table.note:
        last += 1
        blocks.append(Block(last, 1, [[table.note]], "note"))
    return last


def _chart(sheet: Sheet, chart, top: int, anchor: tuple[int, int]) -> ChartLayout:
    table = sheet.tables[chart.table]
    header_row = top + 1
    return ChartLayout(
        kind=chart.kind, title=chart.title, y_title=chart.y_title, header_row=header_row,
        first_row=header_row + 1, last_row=header_row + len(table.rows),
        category_col=table.header.index(chart.categories) + 1,
        series_cols=[table.header.index(name) + 1 for name in chart.series],
        series_names=list(chart.series), anchor=anchor,
    )
