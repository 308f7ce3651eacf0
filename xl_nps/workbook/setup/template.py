"""Builds the template workbook the user fills in.

``xl-nps template`` writes it to ``templates/xl-nps-template.xlsx``, and the employee (eNPS)
variant to ``templates/xl-nps-employee-template.xlsx``; the committed files are checked against
this code by ``tests/test_template.py``. The template is useful before the
first refresh: the Category column and the Summary's built-in check compute with plain Excel
formulas, and the xl-nps functions (NPS, NPS_CI, ...) compute once the add-in is set up.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.formula import ArrayFormula
from openpyxl.worksheet.table import Table, TableColumn, TableFormula, TableStyleInfo

from xl_nps.rules import (
    DETRACTOR, HIGHEST_SCORE, LOWEST_SCORE, MIN_GROUP, PASSIVE, PASSIVE_FROM, PROMOTER, PROMOTER_FROM, SMALL_GROUP,
)
from xl_nps.workbook import names as L
from xl_nps.workbook.report.placement import page_setup
from xl_nps.workbook.write.atomic import atomic_write, set_text
from xl_nps.workbook.write.package import REL_NS
from xl_nps.workbook.write.stable import member, openpyxl_bytes
from xl_nps.workbook.write.xml_edit import Editor

FIXED_TIME = dt.datetime(2026, 1, 1)  # document timestamps, so that a rebuild is identical

TITLE = Font(name="Calibri", family=2, scheme="minor", bold=True, size=14)  # the workbook's body font, as Excel names it
BOLD = Font(name="Calibri", family=2, scheme="minor", bold=True, size=11)
NOTE = Font(name="Calibri", family=2, scheme="minor", italic=True, size=11, color="595959")
INPUT = PatternFill("solid", fgColor="FFF2CC")
FILLS = {
    PROMOTER: PatternFill("solid", fgColor="E2EFDA"),
    PASSIVE: PatternFill("solid", fgColor="F2F2F2"),
    DETRACTOR: PatternFill("solid", fgColor="FCE4D6"),
}

SET_UP_TEXT = [  # the install story, the same on both templates
    ("Set up the functions once (xl-nps is not on PyPI yet: install it from its folder)", BOLD),
    ("Windows Excel: install Python 3.10+, then in a terminal: pip install PATH-TO-xl-nps   xlwings addin install", None),
    ("      and xl-nps install-excel \"this workbook.xlsx\"; open the .xlsm it writes and click Import Functions (xlwings tab).", None),
    ("Mac, Windows or Excel on the web (xlwings Lite): run xl-nps lite; put the wheel it writes online (a GitHub raw address", None),
    ("      works); add that address to Lite's requirements.txt tab and paste main.py into its editor (steps: its README.txt).", None),
]

START_TEXT = [
    ("xl-nps: Net Promoter Score workbook", TITLE),
    ("", None),
    ("What each sheet is for", BOLD),
    ("Respondents - one row per answer: date, who, company, segment, score 0-10, comment, owner, follow-up status.", None),
    ("      Score accepts whole numbers 0-10 only; Category fills itself. Add your own columns on the right: they are kept.", None),
    ("Customers - one row per quarter: customers at start, new, at end; churn and retention compute themselves.", None),
    ("      Revenue and Profit (optional): a quarter whose revenue or profit rose while the NPS fell significantly is flagged.", None),
    ("Loyalty - purchases, programme members, points, effort answers: repeat rate, participation, redemption, CLV, CES.", None),
    ("Summary - NPS with its margin of error and interval, counts and shares, rating, industry benchmark, response rate.", None),
    ("", None),
    *SET_UP_TEXT,
    ("", None),
    ("Refresh the quarterly report", BOLD),
    ("Save and close the workbook, then run:   xl-nps refresh \"this workbook.xlsx\"", None),
    ("It adds one sheet per quarter, a Periods sheet that compares them, and a Problems sheet listing rows it could not use.", None),
    (f"Quarters with fewer answers than the Summary sheet's setting ({SMALL_GROUP}) are marked, and their changes are not tested.", None),
    ("Generated sheets hold values, so the report can be mailed to someone without Python. Your sheets are never touched.", None),
    ("Import survey exports:   xl-nps import survey.csv \"this workbook.xlsx\"", None),
]


EMPLOYEE_START_TEXT = [
    ("xl-nps: employee Net Promoter Score (eNPS) workbook", TITLE),
    ("", None),
    ("What each sheet is for", BOLD),
    ("Respondents - one row per answer: date, department, team, tenure, score 0-10, comment. No names: the survey is anonymous.", None),
    ("      Score accepts whole numbers 0-10 only; Category fills itself. Add your own columns on the right: they are kept.", None),
    ("Summary - eNPS with its margin of error and interval, counts and shares, its band and a published benchmark.", None),
    ("", None),
    ("Anonymity: what the report never shows", BOLD),
    ("A department, team, tenure band or quarter with fewer answers than the smallest group below is hidden everywhere:", None),
    ("      no eNPS, counts, shares or comments of it; its row says \"hidden: fewer than 5 answers\". Its comments count in a", None),
    ("      theme only when at least that many answers of groups shown mention the theme, and are never quoted.", None),
    ("When only one group of a table would be hidden, the next smallest is hidden too: the quarter's total minus the", None),
    ("      groups shown would otherwise give it away. Share the report sheets, not this workbook: Respondents holds every answer.", None),
    ("", None),
    *SET_UP_TEXT,
    ("", None),
    ("Refresh the quarterly report", BOLD),
    ("Save and close the workbook, then run:   xl-nps refresh \"this workbook.xlsx\"   (--min-group 8 overrides the setting below)", None),
    ("It adds one sheet per quarter, a Periods sheet that compares them, a Comments sheet and a Problems sheet.", None),
    (f"Quarters with fewer answers than the Summary sheet's setting ({SMALL_GROUP}) are marked, and their changes are not tested.", None),
    ("Import survey exports:   xl-nps import survey.csv \"this workbook.xlsx\"   (Department, Team and Tenure columns are recognised)", None),
]
SETTINGS_TITLE = "Settings (the refresh reads them)"


def build_template(employee: bool = False) -> Workbook:
    """The template as an openpyxl Workbook (not yet saved); ``employee`` for the eNPS variant."""
    wb = Workbook()
    if employee:
        _start_here(wb.active, EMPLOYEE_START_TEXT, [(L.MIN_GROUP_SETTING, MIN_GROUP)])
        _respondents(wb.create_sheet(L.RESPONDENTS_SHEET), L.EMPLOYEE_COLUMNS)
        _summary(wb.create_sheet(L.SUMMARY_SHEET), employee=True)
    else:
        _start_here(wb.active, START_TEXT)
        _respondents(wb.create_sheet(L.RESPONDENTS_SHEET), L.RESPONDENT_COLUMNS)
        _customers(wb.create_sheet(L.CUSTOMERS_SHEET))
        _loyalty(wb.create_sheet(L.LOYALTY_SHEET))
        _summary(wb.create_sheet(L.SUMMARY_SHEET))
    for ws in wb.worksheets:
        _print_setup(ws)
    wb.properties.creator = "xl-nps"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    return wb


def write_template(path: Path, employee: bool = False) -> Path:
    """Build the template (``employee``: the eNPS variant) and save it atomically at ``path``."""
    save_book(build_template(employee), Path(path))
    return Path(path)


def save_book(wb: Workbook, path: Path) -> None:
    """Save a workbook built with openpyxl, atomically, with its workbook.xml laid out as Excel
    lays it out: the relationships namespace declared once, on the root. (openpyxl declares
    it on every ``<sheet>`` when lxml is installed, and on the root otherwise.)"""
    atomic_write(Path(path), lambda temp: _save_excel_shaped(wb, temp))


def _save_excel_shaped(wb: Workbook, temp) -> None:
    # the same bytes for the same workbook: fixed member dates, the template's own time (stable.py)
    with zipfile.ZipFile(io.BytesIO(openpyxl_bytes(wb))) as source, zipfile.ZipFile(temp, "w") as out:
        for info in source.infolist():
            data = source.read(info.filename)
            out.writestr(member(info.filename), excel_shaped_workbook(data) if info.filename == "xl/workbook.xml" else data)


def excel_shaped_workbook(data: bytes) -> bytes:
    """workbook.xml with ``xmlns:r`` on the root and on no ``<sheet>``."""
    editor = Editor(data)
    root = editor.root
    if root.scope.get("r") != REL_NS:
        editor.set(root, **{"xmlns:r": REL_NS})
    sheets = root.find("sheets")
    for sheet in sheets.findall("sheet") if sheets is not None else []:
        editor.set(sheet, **{"xmlns:r": None})  # a no-op where the sheet declares nothing
    return editor.result()


def _print_setup(ws) -> None:
    """The report's printing rules (``report.placement.page_setup``): one page wide, landscape
    when wide, a sheet's header row repeated on every page, sheet name and page in the footer."""
    widths = sum(ws.column_dimensions[letter].width or 8.43 for letter in
                 (ws.cell(1, c).column_letter for c in range(1, ws.max_column + 1)))
    header = ws.tables and ws.freeze_panes == "A2"  # a table whose header row stays in view
    page = page_setup(widths, (1, 1) if header else None)
    ws.page_setup.orientation = "landscape" if page.landscape else "portrait"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if page.title_rows:
        ws.print_title_rows = "{}:{}".format(*page.title_rows)
    ws.oddFooter.left.text, ws.oddFooter.right.text = page.footer_parts


def _start_here(ws, lines, settings=()) -> None:
    ws.title = L.START_SHEET
    for row, (text, font) in enumerate(lines, start=1):
        cell = set_text(ws.cell(row, 1), text)
        if font:
            cell.font = font
    if settings:
        row = len(lines) + 2
        set_text(ws.cell(row, 1), SETTINGS_TITLE).font = BOLD
        for offset, (label, value) in enumerate(settings, start=1):
            set_text(ws.cell(row + offset, 1), label)
            ws.cell(row + offset, 2).value = value
            ws.cell(row + offset, 2).fill = INPUT
        ws.column_dimensions["B"].width = 10
    ws.column_dimensions["A"].width = 120
    ws.sheet_view.showGridLines = False


WIDTHS = {L.DATE: 12, L.RESPONDENT: 28, L.COMPANY: 22, L.SEGMENT: 14, L.SCORE: 8, L.CATEGORY: 12, L.COMMENT: 60,
          L.OWNER: 14, L.STATUS: 18, L.DEPARTMENT: 18, L.TEAM: 18, L.TENURE: 14}


def _respondents(ws, names) -> None:
    for col, name in enumerate(names, start=1):
        set_text(ws.cell(1, col), name).font = BOLD
        ws.column_dimensions[ws.cell(1, col).column_letter].width = WIDTHS[name]
    score_letter = get_column_letter(names.index(L.SCORE) + 1)
    last = get_column_letter(len(names))
    ws.cell(2, names.index(L.CATEGORY) + 1).value = L.category_formula(2, score_letter)
    ws["A2"].number_format = "yyyy-mm-dd"
    columns = [TableColumn(id=i, name=name) for i, name in enumerate(names, start=1)]
    score = f"{L.RESPONDENTS_TABLE}[[#This Row],[{L.SCORE}]]"
    columns[names.index(L.CATEGORY)].calculatedColumnFormula = TableFormula(attr_text=L.category_of(score))
    table = Table(displayName=L.RESPONDENTS_TABLE, ref=f"A1:{last}2", tableColumns=columns)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=False)
    table.autoFilter = AutoFilter(ref=table.ref)
    ws.add_table(table)

    validation = DataValidation(
        type="whole", operator="between", formula1="0", formula2="10", allow_blank=True,
        showInputMessage=True, showErrorMessage=True,
        promptTitle="Score 0-10", prompt="How likely are you to recommend us? 0 = not at all, 10 = extremely likely.",
        errorTitle="Not an NPS score", error="Enter a whole number from 0 to 10.",
    )
    validation.add(f"{score_letter}2:{score_letter}1048576")
    ws.add_data_validation(validation)
    for name, low, high in ((PROMOTER, PROMOTER_FROM, HIGHEST_SCORE), (PASSIVE, PASSIVE_FROM, PROMOTER_FROM - 1),
                            (DETRACTOR, LOWEST_SCORE, PASSIVE_FROM - 1)):
        cell = f"${score_letter}2"
        rule = FormulaRule(formula=[f"AND(ISNUMBER({cell}),{cell}>={low},{cell}<={high})"], fill=FILLS[name])
        ws.conditional_formatting.add(f"A2:{last}1048576", rule)
    ws.freeze_panes = "A2"


def _customers(ws) -> None:
    names = L.CUSTOMER_COLUMNS + L.AMOUNT_COLUMNS
    for col, name in enumerate(names, start=1):
        set_text(ws.cell(1, col), name).font = BOLD
        ws.column_dimensions[ws.cell(1, col).column_letter].width = 18
    for row in range(2, 10):
        ws.cell(row, 5).value = f'=IF(B{row}="","",CHURN(B{row},D{row},C{row}))'
        ws.cell(row, 6).value = f'=IF(B{row}="","",RETENTION(B{row},D{row},C{row}))'
        ws.cell(row, 5).number_format = ws.cell(row, 6).number_format = "0.0%"
        ws.cell(row, 7).number_format = ws.cell(row, 8).number_format = "#,##0"
    columns = [TableColumn(id=i, name=name) for i, name in enumerate(names, start=1)]
    table = Table(displayName=L.CUSTOMERS_TABLE, ref=f"A1:{get_column_letter(len(names))}9", tableColumns=columns)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=True)
    table.autoFilter = AutoFilter(ref=table.ref)
    ws.add_table(table)
    set_text(ws["J1"], "Period: the quarter as the report names it, e.g. 2026 Q3. Churn = (start + new - end) / start; "
                       "retention = (end - new) / start.").font = NOTE
    set_text(ws["J2"], "Revenue and Profit (optional): the Periods sheet shows their change beside the NPS change and "
                       "warns when they rose while the NPS fell significantly.").font = NOTE
    ws.freeze_panes = "A2"


LOYALTY_INPUTS = [
    ("All customers", None),
    ("Customers with more than one purchase", None),
    ("Loyalty-programme members", None),
    ("Points issued", None),
    ("Points redeemed", None),
    ("Customer lifespan (years)", None),
    ("Average purchase value", None),
    ("Purchases per customer per year", None),
    ("Gross margin (fraction, 1 = revenue)", 1),
]
LOYALTY_RESULTS = [
    ("Repeat purchase rate", "=IF(B3=\"\",\"\",REPEAT_RATE(B4,B3))", "0.0%"),
    ("Participation rate", "=IF(B3=\"\",\"\",PARTICIPATION(B5,B3))", "0.0%"),
    ("Redemption rate", "=IF(B6=\"\",\"\",REDEMPTION(B7,B6))", "0.0%"),
    ("Customer lifetime value", "=IF(B8=\"\",\"\",CLV(B8,B9,B10,B11))", "#,##0.00"),
    ("Customer Effort Score (mean, 1-7)", "=IF(COUNT(E3:E100000)=0,\"\",CES(E3:E100000))", "0.00"),
    ("CES: share of answers 5-7", "=IF(COUNT(E3:E100000)=0,\"\",CES(E3:E100000,7,\"agree\"))", "0.0%"),
]


def _loyalty(ws) -> None:
    set_text(ws["A1"], "Loyalty and effort").font = TITLE
    set_text(ws["A2"], "Inputs (yellow)").font = BOLD
    for offset, (label, value) in enumerate(LOYALTY_INPUTS):
        set_text(ws.cell(3 + offset, 1), label)
        ws.cell(3 + offset, 2).value = value
        ws.cell(3 + offset, 2).fill = INPUT
    first = 3 + len(LOYALTY_INPUTS) + 1
    set_text(ws.cell(first, 1), "Results").font = BOLD
    for offset, (label, formula, fmt) in enumerate(LOYALTY_RESULTS, start=1):
        set_text(ws.cell(first + offset, 1), label)
        ws.cell(first + offset, 2).value = formula
        ws.cell(first + offset, 2).number_format = fmt
    set_text(ws["E2"], "Effort answers 1-7").font = BOLD
    set_text(ws["F2"], "One answer per row in column E (1 = very hard, 7 = very easy).").font = NOTE
    ws.column_dimensions["A"].width = 40
    ws.column_dimensions["B"].width = 16
    ws.column_dimensions["E"].width = 18


SCORES = f"{L.RESPONDENTS_TABLE}[{L.SCORE}]"
COL = f"{L.RESPONDENTS_SHEET}!$E:$E"


def _count_between(low: int, high: int) -> str:
    return f'=COUNTIFS({COL},">={low}",{COL},"<={high}")'


def _summary(ws, employee: bool = False) -> None:
    set_text(ws["A1"], "eNPS summary" if employee else "NPS summary").font = TITLE
    set_text(ws["A2"], "Live over the Respondents sheet. Column B uses the xl-nps functions (add-in needed); "
                       "the check below uses built-in Excel formulas only.").font = NOTE
    if employee:
        rating, benchmark = "=ENPS_RATING(B4)", "=IF(B8=\"\",\"\",ENPS_BENCHMARK(B8))"
        labels = ("Employee Net Promoter Score (eNPS)", "Benchmark group (type one, e.g. all organisations (Hive HR; Q3 2024))",
                  "eNPS benchmark", "Employees invited to the survey")
    else:
        rating, benchmark = "=NPS_RATING(B4)", "=IF(B8=\"\",\"\",NPS_BENCHMARK(B8))"
        labels = ("Net Promoter Score", "Industry (type one, e.g. tech vendors (B2B))", "Industry benchmark",
                  "People invited to the survey")
    rows = [
        (labels[0], f"=NPS({SCORES})", "0.0"),
        ("Margin of error (95%)", f"=NPS_MOE({SCORES})", "0.0"),
        ("95% interval (adjusted Wald): low, high", None, "0.0"),
        ("Rating", rating, None),
        (labels[1], None, None),
        (labels[2], benchmark, "0"),
        ("Gap to the benchmark", "=IF(B8=\"\",\"\",B4-B9)", "+0.0;-0.0;0.0"),
        (labels[3], None, None),
        ("Response rate", f"=IF(B11=\"\",\"\",RESPONSE_RATE(COUNT({SCORES}),B11))", "0.0%"),
    ]
    for offset, (label, formula, fmt) in enumerate(rows):
        row = 4 + offset
        set_text(ws.cell(row, 1), label)
        if formula:
            ws.cell(row, 2).value = formula
        if fmt:
            ws.cell(row, 2).number_format = fmt
    ws["B6"] = ArrayFormula("B6:C6", f"=NPS_CI({SCORES})")
    ws["B6"].number_format = ws["C6"].number_format = "0.0"
    ws["B8"].fill = ws["B11"].fill = INPUT
    row, column = L.MIN_ANSWERS_CELL
    set_text(ws.cell(row, column), L.MIN_ANSWERS_LABEL)
    setting = ws.cell(row, column + 1)
    setting.value = SMALL_GROUP
    setting.fill = INPUT
    setting.number_format = "0"
    set_text(ws.cell(row, column + 2), "Smaller quarters are marked and their changes not tested "
                                       "(xl-nps refresh --min-answers N overrides this).").font = NOTE

    set_text(ws["A14"], "Counts and shares").font = BOLD
    ws["A15"] = ArrayFormula("A15:C19", f"=NPS_COUNTS({SCORES})")
    for row in range(15, 20):
        ws.cell(row, 3).number_format = "0.0%"

    set_text(ws["A22"], "Built-in check (no add-in needed)").font = BOLD
    n, p, d = "$B$23", "$B$24", "$B$26"  # B25 holds the passives
    share = f"(({p}+{d})/{n}-(({p}-{d})/{n})^2)"
    checks = [
        ("Respondents with a score", _count_between(LOWEST_SCORE, HIGHEST_SCORE), "0"),
        ("Promoters (9-10)", _count_between(PROMOTER_FROM, HIGHEST_SCORE), "0"),
        ("Passives (7-8)", _count_between(PASSIVE_FROM, PROMOTER_FROM - 1), "0"),
        ("Detractors (0-6)", _count_between(LOWEST_SCORE, PASSIVE_FROM - 1), "0"),
        ("NPS", f"=IF({n}=0,\"\",({p}-{d})/{n}*100)", "0.0"),
        ("Standard error", f"=IF({n}=0,\"\",100*SQRT({share}/{n}))", "0.00"),
        ("Margin of error (95%, Wald)", f"=IF({n}=0,\"\",NORMSINV(0.975)*B28)", "0.0"),
    ]
    for offset, (label, formula, fmt) in enumerate(checks):
        row = 23 + offset
        set_text(ws.cell(row, 1), label)
        ws.cell(row, 2).value = formula
        ws.cell(row, 2).number_format = fmt
    ws.column_dimensions["A"].width = 46
    ws.column_dimensions["B"].width = 16
    ws.column_dimensions["C"].width = 12
