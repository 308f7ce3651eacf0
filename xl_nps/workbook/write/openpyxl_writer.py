"""Writes a :class:`~xl_nps.workbook.report.Report` into an openpyxl workbook (the command
line's refresh). The placement of everything comes from ``sheet_layout``.

Only generated sheets are replaced (see ``sheet_layout.MARKER``); a sheet the user made under
a name the report needs stops the refresh with a message. Every text value is written as
text, so respondent comments never become formulas.
"""

from __future__ import annotations

from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.table import Table as ExcelTable, TableStyleInfo

from xl_nps.workbook.report.build import edits_from_rows
from xl_nps.workbook.report.model import Report
from xl_nps.workbook.report.placement import DIGEST, MARKER, SERIES_COLOURS, SheetLayout, check_names, is_report_name, lay_out
from xl_nps.workbook.write.atomic import set_value

FONTS = {
    "title": Font(bold=True, size=14),
    "heading": Font(bold=True, size=12),
    "header": Font(bold=True),
    "note": Font(italic=True, color="595959"),
}
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")


def generated_sheets(wb) -> list[str]:
    """Names of the sheets a previous refresh generated."""
    return [ws.title for ws in wb.worksheets if MARKER in ws.defined_names and is_report_name(ws.title)]


def report_digest(wb) -> str | None:
    name = wb.defined_names.get(DIGEST)
    return name.attr_text.strip('"') if name is not None else None


def carried_edits(wb) -> dict[str, tuple[str, str]]:
    """Owner and Follow-up status typed into the call-back lists of the last report, by key."""
    edits: dict[str, tuple[str, str]] = {}
    for name in generated_sheets(wb):
        edits.update(edits_from_rows(wb[name].iter_rows(values_only=True)))
    return edits


def write_report(wb, report: Report) -> None:
    """Replace the previously generated sheets with the report's sheets."""
    check_names(wb.sheetnames, generated_sheets(wb), report)
    for name in generated_sheets(wb):
        del wb[name]
    for sheet in report.sheets:
        ws = wb.create_sheet(sheet.name)
        _write(ws, lay_out(sheet))
        ws.defined_names.add(DefinedName(MARKER, attr_text=f"'{sheet.name}'!$A$1", hidden=True))
    if DIGEST in wb.defined_names:
        del wb.defined_names[DIGEST]
    wb.defined_names.add(DefinedName(DIGEST, attr_text=f'"{report.digest()}"', hidden=True))
    wb.calculation.fullCalcOnLoad = True  # openpyxl drops cached formula values; let Excel recompute


def _write(ws, layout: SheetLayout) -> None:
    for block in layout.blocks:
        font = FONTS.get(block.style)
        for r, values in enumerate(block.values, start=block.row):
            row_format = block.row_formats[r - block.row] if block.row_formats else None
            for c, value in enumerate(values, start=block.col):
                cell = set_value(ws.cell(r, c), value)
                if font is not None:
                    cell.font = font
                if block.style == "header":
                    cell.fill = HEADER_FILL
                fmt = (block.column_formats[c - block.col] if block.column_formats else None) or (
                    row_format if c > block.col else None)
                if fmt and not isinstance(value, str):
                    cell.number_format = fmt
    for col, width in layout.widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width
    for col in layout.hidden_columns:
        ws.column_dimensions[get_column_letter(col)].hidden = True
    for name, r1, c1, r2, c2 in layout.excel_tables:
        table = ExcelTable(displayName=name, ref=f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2}")
        table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
        ws.add_table(table)
    for chart in layout.charts:
        _add_chart(ws, chart)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _add_chart(ws, chart) -> None:
    if chart.kind == "line":
        c = LineChart()
    else:
        c = BarChart()
        c.type, c.grouping, c.overlap = "col", "percentStacked", 100
    for col in chart.series_cols:
        c.add_data(Reference(ws, min_col=col, min_row=chart.header_row, max_row=chart.last_row), titles_from_data=True)
    c.set_categories(Reference(ws, min_col=chart.category_col, min_row=chart.first_row, max_row=chart.last_row))
    for name, series in zip(chart.series_names, c.series):
        colour = SERIES_COLOURS.get(name)
        if chart.kind == "line":
            series.smooth = False
            series.graphicalProperties.line.solidFill = colour or "1F4E79"
            if name != "NPS":
                series.graphicalProperties.line.dashStyle = "dash"
        elif colour:
            series.graphicalProperties.solidFill = colour
            series.graphicalProperties.line.solidFill = colour
    c.title, c.y_axis.title = chart.title, chart.y_title
    c.x_axis.delete = c.y_axis.delete = False  # openpyxl otherwise hides the axes in Excel
    c.x_axis.tickLblPos = "low"
    c.height, c.width = 8.5, 16
    ws.add_chart(c, f"{get_column_letter(chart.anchor[1])}{chart.anchor[0]}")
