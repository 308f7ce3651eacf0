"""Writes a laid-out report sheet into a sheet of an open workbook through xlwings (the
refresh inside Excel and xlwings Lite; ``xl_nps.excel_book`` orchestrates it).

The placement comes from ``report.placement``, as for the file writer (``sheet_xml``): the
same cells, formats, tables and charts.
"""

from __future__ import annotations

from xl_nps.values import clean_text
from xl_nps.workbook.report.placement import CHART_SIZE, PLAIN, PageSetup, SheetLayout

FORMULA_START = ("=", "+", "-", "@")
HEADER_FILL = (217, 225, 242)
NOTE_COLOUR = (89, 89, 89)
FONT_SIZES = {"title": 14, "heading": 12}  # as sheet_xml writes them


def as_cell_text(value):
    """Text exactly as given: a leading apostrophe keeps "=..." or "+..." from being read as a formula."""
    if isinstance(value, str):
        text = clean_text(value)
        return "'" + text if text.startswith(FORMULA_START) or text.startswith("'") else text
    return value


def write_sheet(sheet, layout: SheetLayout) -> None:
    """Write one laid-out report sheet into an (empty) xlwings sheet."""
    for block in layout.blocks:
        rows, cols = len(block.values), len(block.values[0])
        target = sheet.range((block.row, block.col), (block.row + rows - 1, block.col + cols - 1))
        target.value = [[as_cell_text(v) for v in row] for row in block.values]
        if block.style in ("title", "heading", "header"):
            target.font.bold = True
        if block.style in FONT_SIZES:
            target.font.size = FONT_SIZES[block.style]
        if block.style == "header":
            target.color = HEADER_FILL
        if block.style == "note":
            target.font.italic = True
            target.font.color = NOTE_COLOUR
        for offset, fmt in enumerate(block.column_formats):
            if fmt:
                col = block.col + offset
                sheet.range((block.row, col), (block.row + rows - 1, col)).number_format = fmt
        for offset, fmt in enumerate(block.row_formats or []):
            if fmt and not isinstance(block.values[offset][1], str):
                sheet.range((block.row + offset, block.col + 1)).number_format = fmt
        for offset, look in enumerate(block.looks):
            if look != PLAIN:
                col = block.col + offset
                _align(sheet.range((block.row, col), (block.row + rows - 1, col)), look)
        if block.merge_to:
            try:
                sheet.range((block.row, block.col), (block.row, block.merge_to)).merge()
            except (AttributeError, NotImplementedError):  # an engine without merging: the text runs on
                pass
    for row, height in layout.row_heights.items():
        sheet.range((row, 1)).row_height = height
    for col, width in layout.widths.items():
        sheet.range((1, col)).column_width = 0 if col in layout.hidden_columns else width
    for name, r1, c1, r2, c2, _ in layout.excel_tables:
        sheet.tables.add(source=sheet.range((r1, c1), (r2, c2)), name=name, table_style_name="TableStyleLight9")
    for chart in layout.charts:
        try:
            _add_chart(sheet, chart)
        except NotImplementedError:  # engines without charts (xlwings Lite) get the tables only
            pass
    _print_setup(sheet, layout.page)


def _align(target, look) -> None:
    if look.align:
        target.horizontal_alignment = look.align
    if look.top:
        target.vertical_alignment = "top"
    if look.wrap:
        target.wrap_text = True
    if look.indent:
        try:  # only classic xlwings reaches Excel's object model; elsewhere no indent
            target.api.IndentLevel = look.indent
        except (AttributeError, NotImplementedError):
            pass


XL_LANDSCAPE, XL_PORTRAIT = 2, 1  # Excel's XlPageOrientation
EMU_PER_POINT = 12_700


def _print_setup(sheet, page: PageSetup) -> None:
    """Excel's PageSetup object (classic xlwings on Windows and Mac); engines without it (xlwings
    Lite) print with Excel's defaults."""
    try:
        setup = sheet.api.PageSetup
    except (AttributeError, NotImplementedError):
        return
    setup.Orientation = XL_LANDSCAPE if page.landscape else XL_PORTRAIT
    setup.Zoom = False
    setup.FitToPagesWide, setup.FitToPagesTall = 1, False
    setup.LeftFooter, setup.RightFooter = page.footer_parts
    if page.title_rows:
        setup.PrintTitleRows = f"${page.title_rows[0]}:${page.title_rows[1]}"
    for row in page.breaks:
        sheet.api.HPageBreaks.Add(Before=sheet.range((row, 1)).api)


def _add_chart(sheet, chart) -> None:
    anchor = sheet.range(chart.anchor)
    c = sheet.charts.add(anchor.left, anchor.top, CHART_SIZE[0] / EMU_PER_POINT, CHART_SIZE[1] / EMU_PER_POINT)
    columns = [chart.category_col, *chart.series_cols]
    source = ",".join(sheet.range((chart.header_row, col), (chart.last_row, col)).address for col in columns)
    c.set_source_data(sheet.range(source))
    c.chart_type = "line" if chart.kind == "line" else "column_stacked_100"
