"""Lays a :class:`~xl_nps.workbook.report.Report` out in an openpyxl workbook.

Only sheets that xl-nps generated are replaced: their names are kept in a custom document
property, and a sheet the user made under a name the report needs is never overwritten (the
refresh stops with a message instead). Every text value is written as text, so respondent
comments never become formulas.
"""

from __future__ import annotations

from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table as ExcelTable, TableStyleInfo

from xl_nps.errors import XlNpsError
from xl_nps.workbook import layout as L
from xl_nps.workbook.report import Report, Sheet, Table
from xl_nps.workbook.xlsx import set_text, set_value

DIGEST_PROPERTY = "xl-nps report digest"
TITLE = Font(bold=True, size=14)
HEADING = Font(bold=True, size=12)
BOLD = Font(bold=True)
NOTE = Font(italic=True, color="595959")
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
FIRST_TABLE_ROW = 4
SERIES_COLOURS = {"Promoters": "70AD47", "Passives": "BFBFBF", "Detractors": "E46C5B",
                  "NPS": "1F4E79", "CI low": "8EA9DB", "CI high": "8EA9DB"}


def _property(wb, name: str) -> str | None:
    for prop in wb.custom_doc_props.props:
        if prop.name == name:
            return str(prop.value)
    return None


def _set_property(wb, name: str, value: str) -> None:
    props = wb.custom_doc_props
    for prop in list(props.props):
        if prop.name == name:
            props.props.remove(prop)
    props.append(StringProperty(name=name, value=value))


def generated_sheets(wb) -> list[str]:
    """Names of the sheets the last refresh generated."""
    value = _property(wb, L.GENERATED_PROPERTY)
    return [name for name in value.split(L.SEPARATOR) if name] if value else []


def report_digest(wb) -> str | None:
    return _property(wb, DIGEST_PROPERTY)


def carried_edits(wb) -> dict[str, tuple[str, str]]:
    """Owner and Follow-up status typed into the call-back lists of the last report, by key."""
    edits: dict[str, tuple[str, str]] = {}
    for name in generated_sheets(wb):
        if name not in wb.sheetnames:
            continue
        ws = wb[name]
        for table_name, ref in ws.tables.items():
            if not table_name.startswith("Callbacks_"):
                continue
            rows = list(ws[ref])
            header = [str(c.value) if c.value is not None else "" for c in rows[0]]
            try:
                owner, status, key = header.index("Owner"), header.index("Follow-up status"), header.index("Key")
            except ValueError:
                continue
            for row in rows[1:]:
                typed = tuple("" if row[i].value is None else str(row[i].value).strip() for i in (owner, status))
                if row[key].value and any(typed):
                    edits[str(row[key].value)] = typed
    return edits


def check_names(wb, report: Report) -> None:
    """Refuse to replace a sheet the user made under a name the report needs."""
    ours = set(generated_sheets(wb))
    for sheet in report.sheets:
        if sheet.name in wb.sheetnames and sheet.name not in ours:
            raise XlNpsError(
                f'the workbook already has a sheet named "{sheet.name}" that xl-nps did not make; '
                "rename it and refresh again (nothing was changed)"
            )


def write_report(wb, report: Report) -> None:
    """Replace the previously generated sheets with the report's sheets."""
    check_names(wb, report)
    for name in generated_sheets(wb):
        if name in wb.sheetnames:
            del wb[name]
    for sheet in report.sheets:
        _write_sheet(wb.create_sheet(sheet.name), sheet)
    _set_property(wb, L.GENERATED_PROPERTY, L.SEPARATOR.join(s.name for s in report.sheets))
    _set_property(wb, DIGEST_PROPERTY, report.digest())
    wb.calculation.fullCalcOnLoad = True  # openpyxl drops cached formula values; let Excel recompute


def _write_sheet(ws, sheet: Sheet) -> None:
    set_text(ws.cell(1, 1), sheet.title).font = TITLE
    if sheet.note:
        set_text(ws.cell(2, 1), sheet.note).font = NOTE
    row = FIRST_TABLE_ROW
    placed = []
    widths: dict[int, float] = {}
    for table in sheet.tables:
        placed.append(row)
        row = _write_table(ws, table, row, widths) + 2
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = min(max(width, 8), 60)
    for i, chart in enumerate(sheet.charts):  # side by side below the tables
        _add_chart(ws, sheet, chart, placed[chart.table], anchor=f"{get_column_letter(1 + 7 * i)}{row + 1}")
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _write_table(ws, table: Table, top: int, widths: dict[int, float]) -> int:
    """Write one table at row ``top``; return the last row used."""
    set_text(ws.cell(top, 1), table.title).font = HEADING
    header_row = top + 1
    for col, name in enumerate(table.header, start=1):
        cell = set_text(ws.cell(header_row, col), name)
        cell.font, cell.fill = BOLD, HEADER_FILL
        widths[col] = max(widths.get(col, 0), len(name) + 2)
    formats = [table.formats.get(name) for name in table.header]
    for r, values in enumerate(table.rows, start=header_row + 1):
        row_format = table.row_formats[r - header_row - 1] if table.row_formats else None
        for col, value in enumerate(values, start=1):
            cell = set_value(ws.cell(r, col), value)
            fmt = formats[col - 1] or (row_format if col > 1 else None)
            if fmt and not isinstance(value, str):
                cell.number_format = fmt
            if r - header_row <= 200:
                shown = 8 if isinstance(value, float) else len(str(value))
                widths[col] = max(widths.get(col, 0), min(shown, 60) + 2)
    last = header_row + len(table.rows)
    if not table.rows:
        last += 1
        set_text(ws.cell(last, 1), "(none)").font = NOTE
    elif table.excel_table:
        ref = f"A{header_row}:{get_column_letter(len(table.header))}{last}"
        excel_table = ExcelTable(displayName=table.excel_table, ref=ref)
        excel_table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
        ws.add_table(excel_table)
    for name in table.hidden:
        ws.column_dimensions[get_column_letter(table.header.index(name) + 1)].hidden = True
    if table.note:
        last += 1
        set_text(ws.cell(last, 1), table.note).font = NOTE
    return last


def _add_chart(ws, sheet: Sheet, chart, top: int, anchor: str) -> None:
    table = sheet.tables[chart.table]
    header_row, n = top + 1, len(table.rows)
    if n == 0:
        return
    cat_col = table.header.index(chart.categories) + 1
    categories = Reference(ws, min_col=cat_col, min_row=header_row + 1, max_row=header_row + n)
    if chart.kind == "line":
        c = LineChart()
    else:
        c = BarChart()
        c.type, c.grouping, c.overlap = "col", "percentStacked", 100
    for name in chart.series:
        col = table.header.index(name) + 1
        c.add_data(Reference(ws, min_col=col, min_row=header_row, max_row=header_row + n), titles_from_data=True)
    c.set_categories(categories)
    for name, series in zip(chart.series, c.series):
        colour = SERIES_COLOURS.get(name)
        if chart.kind == "line":
            series.smooth = False
            series.graphicalProperties.line.solidFill = colour or "1F4E79"
            if name != "NPS":
                series.graphicalProperties.line.dashStyle = "dash"
        elif colour:
            series.graphicalProperties.solidFill = colour
            series.graphicalProperties.line.solidFill = colour
    c.x_axis.delete = c.y_axis.delete = False  # openpyxl otherwise hides the axes in Excel
    c.x_axis.tickLblPos = "low"
    c.title = chart.title
    c.y_axis.title = chart.y_title
    c.height, c.width = 8.5, 16
    ws.add_chart(c, anchor)
