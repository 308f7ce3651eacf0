"""The report sheets written straight as SpreadsheetML: a small xlsx package that holds only
them, for ``write.parts`` to move into the user's file.

The layout comes from ``report.placement`` (as for the open-book writer), written the way
XlsxWriter writes: strings built directly, one pass over the cells. A report of 36,000 cells
takes a few hundredths of a second here against about a third of a second through
openpyxl's object model. Texts are stored as inline strings after ``values.clean_text`` (so a comment such as
``=HYPERLINK(...)`` stays text); dates as Excel serial numbers with a date format.

Parts follow ECMA-376 Part 1 (SpreadsheetML worksheet, table, styles; DrawingML chart), in the
element order the schema requires.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import zipfile

from xl_nps.workbook.report.model import Report, Sheet
from xl_nps.workbook.report.placement import CHART_SIZE, PLAIN, SERIES_COLOURS, ChartLayout, Look, PageSetup, SheetLayout, lay_out
from xl_nps.values import clean_text, column_letter, excel_serial
from xl_nps.workbook.write import kept_sheets

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
DRAWING_MAIN = "http://schemas.openxmlformats.org/drawingml/2006/main"
CHART = "http://schemas.openxmlformats.org/drawingml/2006/chart"
HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
TYPES = {
    "workbook": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "worksheet": "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
    "styles": "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
    "table": "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
    "drawing": "application/vnd.openxmlformats-officedocument.drawing+xml",
    "chart": "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
}
BUILT_IN_FORMATS = {"0": 1, "0.00": 2, "0%": 9, "0.00%": 10}
DEFAULT_DATE = "yyyy-mm-dd"

_FONT_TAIL = '<name val="Calibri"/><family val="2"/><scheme val="minor"/></font>'
FONTS = {  # by block style; 0 is the default font
    None: '<font><sz val="11"/><color theme="1"/>' + _FONT_TAIL,
    "title": '<font><b/><sz val="14"/>' + _FONT_TAIL,
    "heading": '<font><b/><sz val="12"/>' + _FONT_TAIL,
    "header": '<font><b/><sz val="11"/>' + _FONT_TAIL,
    "note": '<font><i/><sz val="11"/><color rgb="FF595959"/>' + _FONT_TAIL,
}
FONT_IDS = {style: i for i, style in enumerate(FONTS)}
FILLS = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>',
         '<fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill>']
HEADER_FILL = 2


def escape(text: str) -> str:
    """Text with &, < and > escaped, as ``xml.sax.saxutils.escape`` writes it (importing that
    module imports urllib.request and the e-mail package: 0.03 s of every refresh)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def quoteattr(text: str) -> str:
    """An attribute value escaped and quoted, as ``xml.sax.saxutils.quoteattr`` writes it:
    line breaks and tabs as character references, in single quotes when the text holds a
    double quote and no single one, else in double quotes with &quot;."""
    text = escape(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in text:
        return f'"{text}"'
    return f"'{text}'" if "'" not in text else '"' + text.replace('"', "&quot;") + '"'


class Styles:
    """The cell formats the report uses, numbered as they are first needed (0: the default),
    and the date system their dates are counted in (1904 in some workbooks made on a Mac)."""

    def __init__(self, date1904: bool = False):
        self.date1904 = date1904
        self.formats: dict[str, int] = {}
        self.xfs: dict[tuple[int, int, int, Look], int] = {(0, 0, 0, PLAIN): 0}

    def index(self, style: str | None, number_format: str | None, look: Look = PLAIN) -> int:
        font = FONT_IDS.get(style, 0)
        fill = HEADER_FILL if style == "header" else 0
        fmt = 0
        if number_format:
            fmt = BUILT_IN_FORMATS.get(number_format) or self.formats.setdefault(number_format, 164 + len(self.formats))
        return self.xfs.setdefault((font, fill, fmt, look), len(self.xfs))

    def state(self) -> list:
        """The number formats and cell formats so far, in order (JSON's types: ``kept_sheets``
        names a written sheet by them and adds them again)."""
        return [[[code, i] for code, i in self.formats.items()],
                [[font, fill, fmt, look.align, look.indent, look.wrap, look.top] for font, fill, fmt, look in self.xfs]]

    def added_since(self, state: list) -> list:
        """The formats added since ``state`` (an earlier :meth:`state`), as :meth:`add` takes
        them: the number formats with their numbers, how many cell formats there were, and
        the cell formats added."""
        now = self.state()
        return [now[0][len(state[0]):], len(state[1]), now[1][len(state[1]):]]

    def add(self, added: list) -> bool:
        """Add the formats of :meth:`added_since` again, numbered as they were; False (and
        nothing added) when they do not follow on from the formats here."""
        formats, first, xfs = added
        keys = [(font, fill, fmt, Look(align, indent, wrap, top)) for font, fill, fmt, align, indent, wrap, top in xfs]
        expected = [164 + len(self.formats) + n for n in range(len(formats))]
        if ([i for _, i in formats] != expected or any(code in self.formats for code, _ in formats)
                or first != len(self.xfs) or len(set(keys)) != len(keys) or any(key in self.xfs for key in keys)):
            return False
        self.formats.update((code, i) for code, i in formats)
        for key in keys:
            self.xfs[key] = len(self.xfs)
        return True

    def xml(self) -> str:
        formats = "".join(f'<numFmt numFmtId="{i}" formatCode={quoteattr(code)}/>' for code, i in self.formats.items())
        xfs = "".join(
            f'<xf numFmtId="{fmt}" fontId="{font}" fillId="{fill}" borderId="0" xfId="0"'
            + (' applyNumberFormat="1"' if fmt else "") + (' applyFont="1"' if font else "")
            + (' applyFill="1"' if fill else "") + (f' applyAlignment="1">{_alignment(look)}</xf>' if look != PLAIN else "/>")
            for (font, fill, fmt, look) in self.xfs)
        return (
            f'{HEADER}<styleSheet xmlns="{MAIN}">'
            + (f'<numFmts count="{len(self.formats)}">{formats}</numFmts>' if self.formats else "")
            + f'<fonts count="{len(FONTS)}">{"".join(FONTS.values())}</fonts>'
            + f'<fills count="{len(FILLS)}">{"".join(FILLS)}</fills>'
            + '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            + f'<cellXfs count="{len(self.xfs)}">{xfs}</cellXfs>'
            + '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            + "</styleSheet>"
        )


def _alignment(look: Look) -> str:
    """The ``<alignment>`` of a cell format (ECMA-376 Part 1, 18.8.1)."""
    return ("<alignment" + (f' horizontal="{look.align}"' if look.align else "")
            + (' vertical="top"' if look.top else "") + (' wrapText="1"' if look.wrap else "")
            + (f' indent="{look.indent}"' if look.indent else "") + "/>")


def _text(value: str) -> str:
    text = clean_text(value)
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    return f"<is><t{space}>{escape(text)}</t></is>"


def cell(ref: str, value, style: int, styles: Styles) -> str:
    """One ``<c>`` element ("" for an empty cell without a format)."""
    s = f' s="{style}"' if style else ""
    if value is None or value == "":
        return f'<c r="{ref}"{s}/>' if style else ""
    if isinstance(value, str):
        return f'<c r="{ref}"{s} t="inlineStr">{_text(value)}</c>'
    if isinstance(value, bool):
        return f'<c r="{ref}"{s} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, dt.date):
        serial = excel_serial(value, styles.date1904)
        if not style:  # a date needs a date format to show as one
            style = styles.index(None, DEFAULT_DATE)
        return f'<c r="{ref}" s="{style}"><v>{serial:.10g}</v></c>'
    number = float(value)
    if not math.isfinite(number):  # xlsx cannot hold NaN or infinity: leave the cell empty
        return f'<c r="{ref}"{s}/>' if style else ""
    shown = str(int(number)) if number.is_integer() and abs(number) < 1e15 else repr(number)
    return f'<c r="{ref}"{s}><v>{shown}</v></c>'


def worksheet(layout: SheetLayout, styles: Styles, rels: list[str]) -> str:
    """The worksheet XML of one laid-out sheet; ``rels`` are the r:ids of its drawing (if it
    has charts) and then of its tables."""
    rows: dict[int, list[tuple[int, str]]] = {}
    widest = max((block.col + len(values) - 1 for block in layout.blocks for values in block.values), default=1)
    letters = [""] + [column_letter(c) for c in range(1, widest + 1)]
    last_col = 1
    for block in layout.blocks:
        width = max(len(v) for v in block.values)
        looks = (block.looks or []) + [PLAIN] * width
        text_styles = [styles.index(block.style, None, look) for look in looks[:width]]  # no number formats on text
        known: dict[tuple[str | None, int], int] = {}  # the block's style for each number format and column
        formats = (block.column_formats or []) + [None] * width
        for r, values in enumerate(block.values, start=block.row):
            row_format = block.row_formats[r - block.row] if block.row_formats else None
            out = rows.setdefault(r, [])
            for c, value in enumerate(values, start=block.col):
                offset = c - block.col
                if isinstance(value, str):  # most cells: written here without the general path
                    text_style = text_styles[offset]
                    if value:
                        s_attr = f' s="{text_style}"' if text_style else ""
                        out.append((c, f'<c r="{letters[c]}{r}"{s_attr} t="inlineStr">{_text(value)}</c>'))
                        continue
                    style = text_style
                else:
                    fmt = formats[offset] or (row_format if offset else None)
                    style = known.get((fmt, offset))
                    if style is None:
                        style = known[fmt, offset] = styles.index(block.style, fmt, looks[offset])
                xml = cell(f"{letters[c]}{r}", value, style, styles)
                if xml:
                    out.append((c, xml))
        last_col = max(last_col, block.col + width - 1)
    heights = layout.row_heights
    body = "".join(
        f'<row r="{r}"' + (f' ht="{heights[r]:g}" customHeight="1"' if r in heights else "")
        + f'>{"".join(x for _, x in sorted(cells))}</row>' for r, cells in sorted(rows.items()) if cells)
    last_row = max((r for r, cells in rows.items() if cells), default=1)
    cols = "".join(
        f'<col min="{c}" max="{c}" width="{layout.widths.get(c, 8.43):g}" customWidth="1"'
        + (' hidden="1"' if c in layout.hidden_columns else "") + "/>"
        for c in sorted(set(layout.widths) | set(layout.hidden_columns)))
    merged = [f"{letters[b.col]}{b.row}:{column_letter(b.merge_to)}{b.row}" for b in layout.blocks if b.merge_to]
    tail = ""
    if layout.charts:
        tail += f'<drawing r:id="{rels[0]}"/>'
        rels = rels[1:]
    if rels:
        tail += f'<tableParts count="{len(rels)}">' + "".join(f'<tablePart r:id="{r}"/>' for r in rels) + "</tableParts>"
    return (
        f'{HEADER}<worksheet xmlns="{MAIN}" xmlns:r="{REL}">'
        '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
        f'<dimension ref="A1:{column_letter(last_col)}{last_row}"/>'
        '<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>'
        + (f"<cols>{cols}</cols>" if cols else "")
        + f"<sheetData>{body}</sheetData>"
        + (f'<mergeCells count="{len(merged)}">' + "".join(f'<mergeCell ref="{m}"/>' for m in merged) + "</mergeCells>"
           if merged else "")
        + _printing(layout.page) + tail + "</worksheet>"
    )


def _printing(page: PageSetup) -> str:
    """Margins, page set-up, footer and page breaks (ECMA-376 Part 1, 18.3.1.62, 18.3.1.63,
    18.3.1.46, 18.3.1.74; a break's id is the zero-based row it comes after): Excel's normal
    margins, one page wide and as many tall as it takes; the repeated title rows are a defined
    name (``print_titles``)."""
    orientation = "landscape" if page.landscape else "portrait"
    return ('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
            f'<pageSetup orientation="{orientation}" fitToWidth="1" fitToHeight="0"/>'
            f"<headerFooter><oddFooter>{escape(page.footer)}</oddFooter></headerFooter>"
            + (f'<rowBreaks count="{len(page.breaks)}" manualBreakCount="{len(page.breaks)}">'
               + "".join(f'<brk id="{row - 1}" max="16383" man="1"/>' for row in page.breaks) + "</rowBreaks>"
               if page.breaks else ""))


def print_titles(sheet: str, page: PageSetup) -> str | None:
    """What Excel's defined name _xlnm.Print_Titles of a sheet refers to: its repeated rows."""
    if page.title_rows is None:
        return None
    first, last = page.title_rows
    return f"{_quoted(sheet)}!${first}:${last}"


def table(number: int, name: str, header: list[str], first_row: int, first_col: int, last_row: int, last_col: int) -> str:
    ref = f"{column_letter(first_col)}{first_row}:{column_letter(last_col)}{last_row}"
    columns = "".join(f'<tableColumn id="{i}" name={quoteattr(clean_text(str(h)))}/>' for i, h in enumerate(header, start=1))
    return (
        f'{HEADER}<table xmlns="{MAIN}" id="{number}" name={quoteattr(name)} displayName={quoteattr(name)} ref="{ref}"'
        f' headerRowCount="1"><autoFilter ref="{ref}"/><tableColumns count="{len(header)}">{columns}</tableColumns>'
        '<tableStyleInfo name="TableStyleLight9" showFirstColumn="0" showLastColumn="0" showRowStripes="1"'
        ' showColumnStripes="0"/></table>'
    )


def _title(text: str) -> str:
    return (f'<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:pPr><a:defRPr/></a:pPr><a:r><a:t>{escape(text)}</a:t></a:r>'
            '</a:p></c:rich></c:tx><c:overlay val="0"/></c:title>')


def _quoted(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


def chart(sheet: str, layout: ChartLayout) -> str:
    """A line chart (NPS with its interval) or a 100% stacked column chart (categories)."""
    where = _quoted(sheet)
    categories = (f"{where}!${column_letter(layout.category_col)}${layout.first_row}"
                  f":${column_letter(layout.category_col)}${layout.last_row}")
    series = []
    for i, (col, name) in enumerate(zip(layout.series_cols, layout.series_names)):
        letter = column_letter(col)
        colour = SERIES_COLOURS.get(name, "1F4E79")
        if layout.kind == "line":
            dash = "solid" if name == "NPS" else "dash"
            look = (f'<c:spPr><a:ln w="28575"><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'
                    f'<a:prstDash val="{dash}"/></a:ln></c:spPr><c:marker><c:symbol val="none"/></c:marker>')
        else:
            look = (f'<c:spPr><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'
                    f'<a:ln><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill></a:ln></c:spPr>'
                    '<c:invertIfNegative val="0"/>')
        series.append(
            f'<c:ser><c:idx val="{i}"/><c:order val="{i}"/>'
            f'<c:tx><c:strRef><c:f>{escape(where)}!${letter}${layout.header_row}</c:f></c:strRef></c:tx>{look}'
            f'<c:cat><c:strRef><c:f>{escape(categories)}</c:f></c:strRef></c:cat>'
            f'<c:val><c:numRef><c:f>{escape(where)}!${letter}${layout.first_row}:${letter}${layout.last_row}</c:f>'
            "</c:numRef></c:val>" + ('<c:smooth val="0"/>' if layout.kind == "line" else "") + "</c:ser>")
    axes = '<c:axId val="10"/><c:axId val="100"/>'
    if layout.kind == "line":
        plot = f'<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>{"".join(series)}<c:marker val="1"/>{axes}</c:lineChart>'
    else:
        plot = (f'<c:barChart><c:barDir val="col"/><c:grouping val="percentStacked"/><c:varyColors val="0"/>{"".join(series)}'
                f'<c:gapWidth val="150"/><c:overlap val="100"/>{axes}</c:barChart>')
    return (
        f'{HEADER}<c:chartSpace xmlns:c="{CHART}" xmlns:a="{DRAWING_MAIN}" xmlns:r="{REL}">'
        f'<c:chart>{_title(layout.title)}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>{plot}'
        '<c:catAx><c:axId val="10"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>'
        '<c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/>'
        '<c:minorTickMark val="none"/><c:tickLblPos val="low"/><c:crossAx val="100"/><c:crosses val="autoZero"/>'
        '<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
        '<c:valAx><c:axId val="100"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>'
        f'<c:axPos val="l"/><c:majorGridlines/>{_title(layout.y_title) if layout.y_title else ""}'
        f'<c:numFmt formatCode="{"0%" if layout.kind == "stacked" else "General"}" sourceLinked="0"/>'
        '<c:majorTickMark val="none"/><c:minorTickMark val="none"/>'
        '<c:tickLblPos val="nextTo"/><c:crossAx val="10"/><c:crosses val="autoZero"/><c:crossBetween val="between"/>'
        '</c:valAx></c:plotArea><c:legend><c:legendPos val="r"/><c:overlay val="0"/></c:legend>'
        '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>'
    )


def drawing(charts: list[ChartLayout], first_rel: int = 1) -> str:
    anchors = []
    for i, c in enumerate(charts):
        row, col = c.anchor
        anchors.append(
            f"<xdr:oneCellAnchor><xdr:from><xdr:col>{col - 1}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>{row - 1}</xdr:row>"
            f'<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="{CHART_SIZE[0]}" cy="{CHART_SIZE[1]}"/>'
            f'<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="{i + 2}" name="Chart {i + 1}"/>'
            '<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>'
            f'<a:graphic><a:graphicData uri="{CHART}"><c:chart xmlns:c="{CHART}" r:id="rId{first_rel + i}"/>'
            "</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:oneCellAnchor>")
    return f'{HEADER}<xdr:wsDr xmlns:xdr="{DRAWING}" xmlns:a="{DRAWING_MAIN}" xmlns:r="{REL}">{"".join(anchors)}</xdr:wsDr>'


def relationships(targets: list[tuple[str, str]]) -> str:
    """A .rels part: (relationship type, absolute part name) numbered rId1, rId2, ..."""
    tags = "".join(f'<Relationship Id="rId{i}" Type="{REL}/{kind}" Target="/{target}"/>'
                   for i, (kind, target) in enumerate(targets, start=1))
    return f'{HEADER}<Relationships xmlns="{PKG_REL}">{tags}</Relationships>'


def _written(sheet: Sheet, styles: Styles) -> kept_sheets.Written:
    """One report sheet laid out and written: its worksheet XML refers to its drawing (when it
    has charts) as rId1 and to its tables as the next relationships."""
    layout = lay_out(sheet)
    rels = [f"rId{i}" for i in range(1, bool(layout.charts) + len(layout.excel_tables) + 1)]
    return kept_sheets.Written(worksheet(layout, styles, rels), layout.charts, layout.excel_tables, layout.page)


def report_package(report: Report, date1904: bool = False) -> bytes:
    """A small xlsx holding only the report's sheets (see the module docstring), its dates
    counted in the target workbook's date system."""
    styles = Styles(date1904)
    parts: dict[str, str] = {}
    types = [("xl/workbook.xml", "workbook"), ("xl/styles.xml", "styles")]
    sheet_tags, workbook_rels, defined_names = [], [], []
    tables = charts = drawings = 0
    kept_new = False
    for number, sheet in enumerate(report.sheets, start=1):
        written, kept = kept_sheets.written(sheet, styles, lambda s: _written(s, styles))
        kept_new |= kept
        name = f"xl/worksheets/sheet{number}.xml"
        targets = []
        if written.charts:
            drawings += 1
            drawing_name = f"xl/drawings/drawing{drawings}.xml"
            chart_targets = []
            for c in written.charts:
                charts += 1
                parts[f"xl/charts/chart{charts}.xml"] = chart(sheet.name, c)
                types.append((f"xl/charts/chart{charts}.xml", "chart"))
                chart_targets.append(("chart", f"xl/charts/chart{charts}.xml"))
            parts[drawing_name] = drawing(written.charts)
            parts["xl/drawings/_rels/" + drawing_name.rsplit("/", 1)[1] + ".rels"] = relationships(chart_targets)
            types.append((drawing_name, "drawing"))
            targets.append(("drawing", drawing_name))
        for table_name, r1, c1, r2, c2, header in written.excel_tables:
            tables += 1
            parts[f"xl/tables/table{tables}.xml"] = table(tables, table_name, header, r1, c1, r2, c2)
            types.append((f"xl/tables/table{tables}.xml", "table"))
            targets.append(("table", f"xl/tables/table{tables}.xml"))
        parts[name] = written.xml
        if targets:
            parts[f"xl/worksheets/_rels/sheet{number}.xml.rels"] = relationships(targets)
        types.append((name, "worksheet"))
        sheet_tags.append(f'<sheet name={quoteattr(sheet.name)} sheetId="{number}" r:id="rId{number}"/>')
        titles = print_titles(sheet.name, written.page)
        if titles:
            defined_names.append(f'<definedName name="_xlnm.Print_Titles" localSheetId="{number - 1}">{escape(titles)}</definedName>')
        workbook_rels.append(("worksheet", name))
    parts["xl/styles.xml"] = styles.xml()
    parts["xl/workbook.xml"] = (f'{HEADER}<workbook xmlns="{MAIN}" xmlns:r="{REL}"><bookViews><workbookView/></bookViews>'
                                f'<sheets>{"".join(sheet_tags)}</sheets>'
                                + (f'<definedNames>{"".join(defined_names)}</definedNames>' if defined_names else "")
                                + "</workbook>")
    parts["xl/_rels/workbook.xml.rels"] = relationships(workbook_rels + [("styles", "xl/styles.xml")])
    parts["_rels/.rels"] = relationships([("officeDocument", "xl/workbook.xml")])
    overrides = "".join(f'<Override PartName="/{name}" ContentType="{TYPES[kind]}"/>' for name, kind in types)
    parts["[Content_Types].xml"] = (
        f'{HEADER}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>')
    if kept_new:
        kept_sheets.trim()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as package:
        for name, xml in parts.items():
            package.writestr(name, xml.encode("utf-8"))
    return buffer.getvalue()
