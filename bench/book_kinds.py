"""Workbooks holding survey answers as the programs people use write them, for the tests and
benchmarks that follow a user's road (import new answers, refresh).

Every kind has a Respondents sheet (header row, then one answer per row) and a sheet of the
user's own. The real writers are run where they are installed here: openpyxl (with and
without lxml, which changes where it declares namespaces), XlsxWriter, pandas ``to_excel``
with either engine, LibreOffice (``soffice --convert-to xlsx`` of a book). Excel and Google
Sheets are not on this machine; their parts are written here with the exact text shape of
files they saved, as committed unzipped in public repositories (an Excel 365 book:
bquast/ms-excel-basic-xlsx; a Google Sheets download: pyu10055/reading_google_spreadsheet_comments):
namespace declarations, ``mc:Ignorable``, ``mc:AlternateContent``, revision ids, extension
lists, shared strings, ``x14ac:dyDescent`` on rows. ``sdk`` writes the same book with the
main namespace prefixed (``<x:workbook xmlns:x=...>``), as the Open XML SDK does.

    make(kind, path, answers)   # answers: (date, respondent, company, segment, score, comment)
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

HEADER = ["Date", "Respondent", "Company", "Segment", "Score", "Comment"]
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
CT = "application/vnd.openxmlformats-officedocument.spreadsheetml."
DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
EPOCH = dt.datetime(1899, 12, 30)  # day 0 of Excel's 1900 date system
EPOCH_1904 = dt.datetime(1904, 1, 1)  # and of the 1904 system (ECMA-376 Part 1, §18.17.4.1)

KINDS = ("xl-nps new", "openpyxl", "openpyxl without lxml", "XlsxWriter", "pandas (openpyxl)",
         "pandas (xlsxwriter)", "LibreOffice", "Excel", "Google Sheets", "Open XML SDK (x: prefix)")


def make(kind: str, path: Path, answers: list[tuple]) -> Path:
    path = Path(path)
    makers = {
        "xl-nps new": _xl_nps_new, "openpyxl": _openpyxl, "openpyxl without lxml": _openpyxl_without_lxml,
        "XlsxWriter": _xlsxwriter, "pandas (openpyxl)": lambda p, a: _pandas(p, a, "openpyxl"),
        "pandas (xlsxwriter)": lambda p, a: _pandas(p, a, "xlsxwriter"), "LibreOffice": _libreoffice,
        "Excel": lambda p, a: write_excel_like(p, a), "Google Sheets": write_google_like,
        "Open XML SDK (x: prefix)": lambda p, a: write_excel_like(p, a, prefix="x:"),
    }
    makers[kind](path, answers)
    return path


def write_csv(path: Path, answers) -> Path:
    import csv

    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for day, *rest in answers:
            writer.writerow([day.date().isoformat() if isinstance(day, dt.datetime) else day, *rest])
    return path


def _cli(*args) -> None:
    subprocess.run([sys.executable, "-m", "xl_nps.cli", *map(str, args)], check=True, capture_output=True)


def _xl_nps_new(path: Path, answers) -> None:
    """`xl-nps new`, then `xl-nps import` of the answers as a CSV export."""
    _cli("new", path)
    if answers:
        csv = write_csv(path.with_suffix(".csv"), answers)
        _cli("import", csv, path)
        csv.unlink()


def _openpyxl(path: Path, answers) -> None:
    import openpyxl

    wb = openpyxl.Workbook(write_only=len(answers) > 50_000)
    ws = wb.create_sheet("Respondents")
    ws.append(HEADER)
    for row in answers:
        ws.append(list(row))
    wb.create_sheet("Notes").append(["the user's own sheet"])
    if not wb.write_only:
        wb.remove(wb["Sheet"])
        ws.column_dimensions["A"].width = 12
        for (cell,) in ws.iter_rows(min_row=2, max_col=1):
            cell.number_format = "yyyy-mm-dd"
    wb.save(path)


def _openpyxl_without_lxml(path: Path, answers) -> None:
    """openpyxl serialises with the standard library when lxml is missing (or turned off)."""
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "answers.pickle"
        data.write_bytes(pickle.dumps(answers))
        code = (f"import sys, pickle; sys.path.insert(0, {str(Path(__file__).parent)!r}); import book_kinds; "
                f"book_kinds._openpyxl(book_kinds.Path({str(path)!r}), pickle.loads(open({str(data)!r}, 'rb').read()))")
        subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ, "OPENPYXL_LXML": "False"})


def _xlsxwriter(path: Path, answers) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": len(answers) > 50_000})
    dates = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet = book.add_worksheet("Respondents")
    sheet.write_row(0, 0, HEADER)
    for r, (day, *rest) in enumerate(answers, start=1):
        sheet.write_datetime(r, 0, day, dates)
        sheet.write_row(r, 1, rest)
    if len(answers) <= 50_000:  # a table needs the whole sheet in memory
        sheet.add_table(0, 0, max(len(answers), 1), len(HEADER) - 1,
                        {"name": "Respondents", "columns": [{"header": h} for h in HEADER]})
    book.add_worksheet("Notes").write(0, 0, "the user's own sheet")
    book.close()


def _pandas(path: Path, answers, engine: str) -> None:
    import pandas as pd

    frame = pd.DataFrame(answers, columns=HEADER)
    with pd.ExcelWriter(path, engine=engine) as writer:
        frame.to_excel(writer, sheet_name="Respondents", index=False)
        pd.DataFrame({"Notes": ["the user's own sheet"]}).to_excel(writer, sheet_name="Notes", index=False)


def _libreoffice(path: Path, answers) -> None:
    """A book started with `xl-nps new` and filled by import, opened and saved by LibreOffice."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / path.name
        _xl_nps_new(source, answers)
        out = Path(tmp) / "out"
        subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--norestore",
                        "--convert-to", "xlsx", "--outdir", str(out), str(source)],
                       check=True, capture_output=True, timeout=3600)
        shutil.move(str(out / path.name), path)


# ---------------------------------------------------------------- Excel's and Google's shapes

def _serial(day, date1904: bool = False) -> str:
    return f"{(day - (EPOCH_1904 if date1904 else EPOCH)) / dt.timedelta(days=1):.10g}"


class _Strings:
    """The shared-string table as Excel keeps it: each text once, cells pointing at it."""

    def __init__(self):
        self.index: dict[str, int] = {}
        self.count = 0

    def __call__(self, text: str) -> int:
        self.count += 1
        return self.index.setdefault(text, len(self.index))

    def xml(self, p: str = "", x: str = "", declaration: str = DECLARATION) -> str:
        space = ' xml:space="preserve"'
        items = "".join(f"<{p}si><{p}t{space if t != t.strip() else ''}>{escape(t)}</{p}t></{p}si>" for t in self.index)
        return (f'{declaration}<{p}sst xmlns{x}="{MAIN}" count="{self.count}" uniqueCount="{len(self.index)}">'
                f"{items}</{p}sst>")


def _rows(answers, strings: _Strings, p: str, excel: bool, date1904: bool = False) -> list[str]:
    """Row XML: Excel writes spans and x14ac:dyDescent on each row, Google Sheets neither."""
    extra = ' spans="1:6" x14ac:dyDescent="0.3"' if excel else ""
    out = [f'<{p}row r="1"{extra}>' + "".join(
        f'<{p}c r="{chr(65 + i)}1" t="s"><{p}v>{strings(h)}</{p}v></{p}c>' for i, h in enumerate(HEADER))
        + f"</{p}row>"]
    for r, (day, respondent, company, segment, score, comment) in enumerate(answers, start=2):
        date = f'<{p}c r="A{r}" s="1">' if excel else f'<{p}c s="1" r="A{r}">'  # Google writes s first
        cells = [f"{date}<{p}v>{_serial(day, date1904)}</{p}v></{p}c>"]
        for col, text in zip("BCD", (respondent, company, segment)):
            if text:
                cells.append(f'<{p}c r="{col}{r}" t="s"><{p}v>{strings(text)}</{p}v></{p}c>')
        cells.append(f'<{p}c r="E{r}"><{p}v>{score}</{p}v></{p}c>')
        if comment:
            cells.append(f'<{p}c r="F{r}" t="s"><{p}v>{strings(comment)}</{p}v></{p}c>')
        out.append(f'<{p}row r="{r}"{extra}>{"".join(cells)}</{p}row>')
    return out


def write_excel_like(path: Path, answers, prefix: str = "", date1904: bool = False) -> Path:
    """A book in the shape Excel 365 saves (prefix "x:": every main-namespace element prefixed,
    as the Open XML SDK writes): Respondents with an Excel table, and a Notes sheet."""
    p = prefix
    x = f":{p[:-1]}" if p else ""  # xmlns:x="..." instead of xmlns="..."
    strings = _Strings()
    rows = _rows(answers, strings, p, excel=True, date1904=date1904)
    notes = strings("the user's own sheet")
    last = len(answers) + 1
    ignorable = ('xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
                 'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" '
                 'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" '
                 'xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2" '
                 'xmlns:xr3="http://schemas.microsoft.com/office/spreadsheetml/2016/revision3" '
                 'mc:Ignorable="x14ac xr xr2 xr3"')
    sheet_head = (f'{DECLARATION}<{p}worksheet xmlns{x}="{MAIN}" xmlns:r="{REL}" {ignorable} '
                  'xr:uid="{15112A31-39CF-4098-B53E-DC2141299FDD}">')
    respondents = (
        f'{sheet_head}<{p}dimension ref="A1:F{last}"/><{p}sheetViews><{p}sheetView tabSelected="1" workbookViewId="0">'
        f'<{p}pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        f'<{p}selection pane="bottomLeft" activeCell="A2" sqref="A2"/></{p}sheetView></{p}sheetViews>'
        f'<{p}sheetFormatPr defaultRowHeight="14.4" x14ac:dyDescent="0.3"/><{p}cols>'
        f'<{p}col min="1" max="1" width="11.5546875" customWidth="1"/></{p}cols><{p}sheetData>')
    respondents_tail = (f'</{p}sheetData><{p}pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
                        f'footer="0.3"/><{p}tableParts count="1"><{p}tablePart r:id="rId1"/></{p}tableParts>'
                        f'</{p}worksheet>')
    notes_sheet = (f'{sheet_head}<{p}dimension ref="A1"/><{p}sheetViews><{p}sheetView workbookViewId="0"/></{p}sheetViews>'
                   f'<{p}sheetFormatPr defaultRowHeight="14.4" x14ac:dyDescent="0.3"/><{p}sheetData>'
                   f'<{p}row r="1" spans="1:1" x14ac:dyDescent="0.3"><{p}c r="A1" t="s"><{p}v>{notes}</{p}v></{p}c>'
                   f'</{p}row></{p}sheetData><{p}pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" '
                   f'header="0.3" footer="0.3"/></{p}worksheet>')
    columns = "".join(f'<{p}tableColumn id="{i}" xr3:uid="{{6B1A0F2C-0000-4000-8000-00000000000{i}}}" '
                      f'name="{h}"/>' for i, h in enumerate(HEADER, start=1))
    table = (f'{DECLARATION}<{p}table xmlns{x}="{MAIN}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
             'mc:Ignorable="xr xr3" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" '
             'xmlns:xr3="http://schemas.microsoft.com/office/spreadsheetml/2016/revision3" id="1" '
             'xr:uid="{0A2B3C4D-1111-4222-8333-944455566677}" name="Respondents" displayName="Respondents" '
             f'ref="A1:F{last}"><{p}autoFilter ref="A1:F{last}" xr:uid="{{0A2B3C4D-1111-4222-8333-944455566678}}"/>'
             f'<{p}tableColumns count="6">{columns}</{p}tableColumns><{p}tableStyleInfo name="TableStyleMedium2" '
             f'showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></{p}table>')
    parts = {
        "[Content_Types].xml": _excel_types(),
        "_rels/.rels": _rels([("rId3", "extended-properties", "docProps/app.xml"),
                              ("rId2", "core-properties", "docProps/core.xml"),
                              ("rId1", "officeDocument", "xl/workbook.xml")]),
        "docProps/app.xml": _app(), "docProps/core.xml": _core(),
        "xl/workbook.xml": _excel_workbook(p, x, date1904),
        "xl/_rels/workbook.xml.rels": _rels([("rId3", "theme", "theme/theme1.xml"), ("rId2", "worksheet", "worksheets/sheet2.xml"),
                                             ("rId1", "worksheet", "worksheets/sheet1.xml"), ("rId5", "sharedStrings", "sharedStrings.xml"),
                                             ("rId4", "styles", "styles.xml")]),
        "xl/theme/theme1.xml": _theme(),
        "xl/styles.xml": _excel_styles(p, x),
        "xl/worksheets/sheet2.xml": notes_sheet,
        "xl/worksheets/_rels/sheet1.xml.rels": _rels([("rId1", "table", "../tables/table1.xml")]),
        "xl/tables/table1.xml": table,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name in ("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"):
            out.writestr(name, parts.pop(name))
        with out.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as handle:
            handle.write(respondents.encode())
            for start in range(0, len(rows), 10_000):
                handle.write("".join(rows[start:start + 10_000]).encode())
            handle.write(respondents_tail.encode())
        for name, text in parts.items():
            out.writestr(name, text)
        out.writestr("xl/sharedStrings.xml", strings.xml(p, x))
    return path


def _rels(items) -> str:
    metadata = "http://schemas.openxmlformats.org/package/2006/relationships/metadata"
    tags = "".join(f'<Relationship Id="{i}" Type="{metadata if kind == "core-properties" else REL}/{kind}" '
                   f'Target="{target}"/>' for i, kind, target in items)
    return f'{DECLARATION}<Relationships xmlns="{PKG}">{tags}</Relationships>'


def _excel_types() -> str:
    overrides = [("/xl/workbook.xml", CT + "sheet.main+xml"), ("/xl/worksheets/sheet1.xml", CT + "worksheet+xml"),
                 ("/xl/worksheets/sheet2.xml", CT + "worksheet+xml"),
                 ("/xl/theme/theme1.xml", "application/vnd.openxmlformats-officedocument.theme+xml"),
                 ("/xl/styles.xml", CT + "styles+xml"), ("/xl/sharedStrings.xml", CT + "sharedStrings+xml"),
                 ("/xl/tables/table1.xml", CT + "table+xml"),
                 ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
                 ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml")]
    return (f'{DECLARATION}<Types xmlns="{TYPES}"><Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/>' + "".join(f'<Override PartName="{n}" ContentType="{t}"/>' for n, t in overrides)
            + "</Types>")


def _excel_workbook(p: str, x: str, date1904: bool) -> str:
    """workbook.xml as Excel 365 writes it (bquast/ms-excel-basic-xlsx, without its indentation)."""
    return (
        f'{DECLARATION}<{p}workbook xmlns{x}="{MAIN}" xmlns:r="{REL}" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main" '
        'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" '
        'xmlns:xr6="http://schemas.microsoft.com/office/spreadsheetml/2016/revision6" '
        'xmlns:xr10="http://schemas.microsoft.com/office/spreadsheetml/2016/revision10" '
        'xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2" mc:Ignorable="x15 xr xr6 xr10 xr2">'
        f'<{p}fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="25831"/>'
        f"<{p}workbookPr{' date1904=' + chr(34) + '1' + chr(34) if date1904 else ''} defaultThemeVersion=\"166925\"/>"
        '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        '<mc:Choice Requires="x15"><x15ac:absPath xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac" '
        'url="C:\\Users\\analyst\\Documents\\"/></mc:Choice></mc:AlternateContent>'
        '<xr:revisionPtr revIDLastSave="0" documentId="8_{FFDBF959-F8D8-4981-A797-27F44B5744E5}" '
        'xr6:coauthVersionLast="47" xr6:coauthVersionMax="47" xr10:uidLastSave="{00000000-0000-0000-0000-000000000000}"/>'
        f'<{p}bookViews><{p}workbookView xWindow="-108" yWindow="-108" windowWidth="23256" windowHeight="12576" '
        'xr2:uid="{0A64EC20-1EEF-46DD-9021-8D22A885E478}"/>'
        f'</{p}bookViews><{p}sheets><{p}sheet name="Respondents" sheetId="1" r:id="rId1"/>'
        f'<{p}sheet name="Notes" sheetId="2" r:id="rId2"/></{p}sheets><{p}calcPr calcId="191029"/><{p}extLst>'
        f'<{p}ext uri="{{140A7094-0E35-4892-8432-C4D2E57EDEB5}}" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main">'
        f'<x15:workbookPr chartTrackingRefBase="1"/></{p}ext>'
        f'<{p}ext uri="{{B58B0392-4F1F-4190-BB64-5DF3571DCE5F}}" xmlns:xcalcf="http://schemas.microsoft.com/office/spreadsheetml/2018/calcfeatures">'
        '<xcalcf:calcFeatures><xcalcf:feature name="microsoft.com:RD"/><xcalcf:feature name="microsoft.com:Single"/>'
        '<xcalcf:feature name="microsoft.com:FV"/><xcalcf:feature name="microsoft.com:CNMTM"/>'
        '<xcalcf:feature name="microsoft.com:LET_WF"/><xcalcf:feature name="microsoft.com:LAMBDA_WF"/>'
        f'<xcalcf:feature name="microsoft.com:ARRAYTEXT_WF"/></xcalcf:calcFeatures></{p}ext></{p}extLst></{p}workbook>')


def _excel_styles(p: str, x: str) -> str:
    """styles.xml as Excel 365 writes it (bquast/ms-excel-basic-xlsx), with a date format."""
    return (
        f'{DECLARATION}<{p}styleSheet xmlns{x}="{MAIN}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" '
        'xmlns:x16r2="http://schemas.microsoft.com/office/spreadsheetml/2015/02/main" '
        'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" mc:Ignorable="x14ac x16r2 xr">'
        f'<{p}numFmts count="1"><{p}numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></{p}numFmts>'
        f'<{p}fonts count="1" x14ac:knownFonts="1"><{p}font><{p}sz val="11"/><{p}color theme="1"/><{p}name val="Calibri"/>'
        f'<{p}family val="2"/><{p}scheme val="minor"/></{p}font></{p}fonts><{p}fills count="2"><{p}fill>'
        f'<{p}patternFill patternType="none"/></{p}fill><{p}fill><{p}patternFill patternType="gray125"/></{p}fill></{p}fills>'
        f'<{p}borders count="1"><{p}border><{p}left/><{p}right/><{p}top/><{p}bottom/><{p}diagonal/></{p}border></{p}borders>'
        f'<{p}cellStyleXfs count="1"><{p}xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></{p}cellStyleXfs>'
        f'<{p}cellXfs count="2"><{p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        f'<{p}xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></{p}cellXfs>'
        f'<{p}cellStyles count="1"><{p}cellStyle name="Normal" xfId="0" builtinId="0"/></{p}cellStyles>'
        f'<{p}dxfs count="0"/><{p}tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>'
        f'<{p}extLst><{p}ext uri="{{EB79DEF2-80B8-43e5-95BD-54CBDDF9020C}}" '
        'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
        f'<x14:slicerStyles defaultSlicerStyle="SlicerStyleLight1"/></{p}ext>'
        f'<{p}ext uri="{{9260A510-F301-46a8-8635-F512D64BE5F5}}" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main">'
        f'<x15:timelineStyles defaultTimelineStyle="TimeSlicerStyleLight1"/></{p}ext></{p}extLst></{p}styleSheet>')


def _app() -> str:
    return (f'{DECLARATION}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel'
            '</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><Company></Company>'
            '<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>'
            '<AppVersion>16.0300</AppVersion></Properties>')


def _core() -> str:
    return (f'{DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            '<dc:creator>Analyst</dc:creator><cp:lastModifiedBy>Analyst</cp:lastModifiedBy>'
            '<dcterms:created xsi:type="dcterms:W3CDTF">2026-01-05T09:12:44Z</dcterms:created>'
            '<dcterms:modified xsi:type="dcterms:W3CDTF">2026-01-05T09:20:01Z</dcterms:modified></cp:coreProperties>')


def _theme() -> str:
    """The smallest theme Excel accepts: Office colours and fonts (ECMA-376 Part 1, §20.1.6)."""
    colours = "".join(f"<a:{n}><a:srgbClr val=\"{v}\"/></a:{n}>" for n, v in (
        ("accent1", "4472C4"), ("accent2", "ED7D31"), ("accent3", "A5A5A5"), ("accent4", "FFC000"),
        ("accent5", "5B9BD5"), ("accent6", "70AD47"), ("hlink", "0563C1"), ("folHlink", "954F72")))
    fill = "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>"
    line = "<a:ln w=\"6350\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln>"
    return (f'{DECLARATION}<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office Theme">'
            '<a:themeElements><a:clrScheme name="Office"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>'
            '<a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="44546A"/></a:dk2>'
            f'<a:lt2><a:srgbClr val="E7E6E6"/></a:lt2>{colours}</a:clrScheme><a:fontScheme name="Office">'
            '<a:majorFont><a:latin typeface="Calibri Light"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont>'
            '<a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme>'
            f'<a:fmtScheme name="Office"><a:fillStyleLst>{fill * 3}</a:fillStyleLst><a:lnStyleLst>{line * 3}</a:lnStyleLst>'
            '<a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle>'
            f'<a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst><a:bgFillStyleLst>{fill * 3}'
            '</a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>')


GOOGLE_NAMESPACES = (f'xmlns="{MAIN}" xmlns:r="{REL}" xmlns:mx="http://schemas.microsoft.com/office/mac/excel/2008/main" '
                     'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
                     'xmlns:mv="urn:schemas-microsoft-com:mac:vml" '
                     'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" '
                     'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" '
                     'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"')
GOOGLE_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
GOOGLE_SHEET_HEAD = (f'{GOOGLE_DECLARATION}<worksheet {GOOGLE_NAMESPACES}><sheetViews><sheetView workbookViewId="0"/>'
                     '</sheetViews><sheetFormatPr customHeight="1" defaultColWidth="17.14" defaultRowHeight="12.75"/>'
                     "<sheetData>")


def write_google_like(path: Path, answers) -> Path:
    """A book in the shape of Google Sheets' "Download > Microsoft Excel (.xlsx)"
    (pyu10055/reading_google_spreadsheet_comments): every namespace declared on each root,
    no ``mc:Ignorable``, ``state="visible"`` sheets, ``<definedNames/>`` and ``<calcPr/>`` left
    empty, styles with explicit ``val="0"`` font properties and ``sz val="10.0"``, ``s`` before
    ``r`` on cells, shared strings, no table."""
    strings = _Strings()
    rows = _rows(answers, strings, "", excel=False)
    notes = strings("the user's own sheet")
    overrides = [("/xl/styles.xml", "styles+xml"), ("/xl/sharedStrings.xml", "sharedStrings+xml"),
                 ("/xl/workbook.xml", "sheet.main+xml"), ("/xl/worksheets/sheet1.xml", "worksheet+xml"),
                 ("/xl/worksheets/sheet2.xml", "worksheet+xml")]
    parts = {
        "[Content_Types].xml": (f'{GOOGLE_DECLARATION}<Types xmlns="{TYPES}">'
                                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                                '<Default Extension="xml" ContentType="application/xml"/>'
                                + "".join(f'<Override PartName="{n}" ContentType="{CT}{t}"/>' for n, t in overrides)
                                + "</Types>"),
        "_rels/.rels": (f'{GOOGLE_DECLARATION}<Relationships xmlns="{PKG}"><Relationship Id="rId1" '
                        f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (f'{GOOGLE_DECLARATION}<workbook {GOOGLE_NAMESPACES}><workbookPr dateCompatibility="0"/><sheets>'
                            '<sheet sheetId="1" name="Respondents" state="visible" r:id="rId3"/>'
                            '<sheet sheetId="2" name="Notes" state="visible" r:id="rId4"/></sheets><definedNames/><calcPr/>'
                            "</workbook>"),
        "xl/_rels/workbook.xml.rels": (f'{GOOGLE_DECLARATION}<Relationships xmlns="{PKG}">'
                                       f'<Relationship Id="rId1" Type="{REL}/styles" Target="styles.xml"/>'
                                       f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
                                       f'<Relationship Id="rId3" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
                                       f'<Relationship Id="rId4" Type="{REL}/worksheet" Target="worksheets/sheet2.xml"/>'
                                       "</Relationships>"),
        "xl/styles.xml": (f'{GOOGLE_DECLARATION}<styleSheet xmlns="{MAIN}" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" '
                          'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><numFmts count="1">'
                          '<numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts><fonts count="1"><font><b val="0"/>'
                          '<i val="0"/><strike val="0"/><u val="none"/><sz val="10.0"/><color rgb="FF000000"/><name val="Arial"/>'
                          '</font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill>'
                          '<patternFill patternType="gray125"><bgColor rgb="FFFFFFFF"/></patternFill></fill></fills>'
                          '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
                          '<cellStyleXfs count="1"><xf fillId="0" numFmtId="0" borderId="0" fontId="0"/></cellStyleXfs>'
                          '<cellXfs count="2"><xf applyAlignment="1" fillId="0" xfId="0" numFmtId="0" borderId="0" fontId="0">'
                          '<alignment vertical="bottom" horizontal="general" wrapText="1"/></xf><xf applyAlignment="1" '
                          'fillId="0" xfId="0" numFmtId="164" borderId="0" fontId="0" applyNumberFormat="1"><alignment '
                          'vertical="bottom" horizontal="general" wrapText="1"/></xf></cellXfs><cellStyles count="1">'
                          '<cellStyle builtinId="0" name="Normal" xfId="0"/></cellStyles></styleSheet>'),
        "xl/worksheets/sheet2.xml": (f'{GOOGLE_SHEET_HEAD}<row r="1"><c r="A1" t="s"><v>{notes}</v></c></row>'
                                     "</sheetData></worksheet>"),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        with out.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as handle:
            handle.write(GOOGLE_SHEET_HEAD.encode())
            for start in range(0, len(rows), 10_000):
                handle.write("".join(rows[start:start + 10_000]).encode())
            handle.write(b"</sheetData></worksheet>")
        for name, text in parts.items():
            out.writestr(name, text)
        out.writestr("xl/sharedStrings.xml", strings.xml(declaration=GOOGLE_DECLARATION))
    return path


def to_strict(source: Path, destination: Path) -> Path:
    """A copy saved as Excel's "Strict Open XML Spreadsheet": the Strict namespace names and
    relationship types (ECMA-376 Part 1, Annex E pairs) and ``conformance="strict"``."""
    from xl_nps.workbook.write.normalise import STRICT_TO_TRANSITIONAL

    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(destination, "w", zipfile.ZIP_DEFLATED) as out:
        for info in archive.infolist():
            data = archive.read(info.filename)
            for strict, transitional in STRICT_TO_TRANSITIONAL:
                if not strict.endswith(b"/"):
                    data = data.replace(transitional, strict)
            for strict, transitional in STRICT_TO_TRANSITIONAL:
                if strict.endswith(b"/"):
                    data = data.replace(transitional, strict)
            if info.filename == "xl/workbook.xml":
                data = re.sub(rb"<(\w+:)?workbook ", rb'<\1workbook conformance="strict" ', data, count=1)
            out.writestr(info, data)
    return destination
