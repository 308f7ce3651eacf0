"""The committed template is what the code builds, and it has what the issue asks for."""

from pathlib import Path

import openpyxl
import pytest

from xl_nps.cli import main
from xl_nps.workbook import names as L
from xlsx_compare import differences

COMMITTED = Path(__file__).resolve().parent.parent / "templates" / "xl-nps-template.xlsx"
EMPLOYEE = COMMITTED.with_name("xl-nps-employee-template.xlsx")


def test_committed_template_matches_the_code(tmp_path):
    assert main(["template", "--out", str(tmp_path / "xl-nps-template.xlsx")]) == 0
    assert differences(tmp_path / "xl-nps-template.xlsx", COMMITTED) == []
    assert differences(tmp_path / "xl-nps-employee-template.xlsx", EMPLOYEE) == []


def test_a_rebuild_is_identical_part_by_part(tmp_path):
    main(["template", "--out", str(tmp_path / "a.xlsx")])
    main(["template", "--out", str(tmp_path / "b.xlsx")])
    assert differences(tmp_path / "a.xlsx", tmp_path / "b.xlsx") == []


@pytest.fixture(scope="module")
def template():
    return openpyxl.load_workbook(COMMITTED)


def test_sheets_in_order(template):
    assert template.sheetnames == ["Start here", "Respondents", "Customers", "Loyalty", "Summary"]


def test_respondents_is_an_excel_table_with_the_agreed_columns(template):
    ws = template["Respondents"]
    table = ws.tables["Respondents"]
    assert [c.name for c in table.tableColumns] == list(L.RESPONDENT_COLUMNS)
    assert [c.value for c in ws[1]] == list(L.RESPONDENT_COLUMNS)
    assert ws.freeze_panes == "A2"
    assert "IF" in table.tableColumns[5].calculatedColumnFormula.attr_text


def test_score_accepts_whole_numbers_0_to_10_with_an_input_message(template):
    (validation,) = template["Respondents"].data_validations.dataValidation
    assert (validation.type, validation.operator, validation.formula1, validation.formula2) == ("whole", "between", "0", "10")
    assert "E2:E1048576" in str(validation.sqref)
    assert validation.showInputMessage and validation.prompt


def test_rows_are_coloured_by_category(template):
    rules = [r for cf in template["Respondents"].conditional_formatting for r in cf.rules]
    formulas = sorted(r.formula[0] for r in rules)
    assert formulas == sorted([
        "AND(ISNUMBER($E2),$E2>=9,$E2<=10)", "AND(ISNUMBER($E2),$E2>=7,$E2<=8)", "AND(ISNUMBER($E2),$E2>=0,$E2<=6)",
    ])


def test_customers_and_loyalty_use_the_xl_nps_functions(template):
    assert template["Customers"]["E2"].value == '=IF(B2="","",CHURN(B2,D2,C2))'
    assert [c.value for c in template["Customers"][1]][:8] == list(L.CUSTOMER_COLUMNS + L.AMOUNT_COLUMNS)
    assert template["Customers"].tables["Customers"].ref == "A1:H9"
    assert template["Customers"]["F2"].value == '=IF(B2="","",RETENTION(B2,D2,C2))'
    loyalty = " ".join(str(c.value) for row in template["Loyalty"].iter_rows() for c in row if c.value)
    for name in ("REPEAT_RATE(", "PARTICIPATION(", "REDEMPTION(", "CLV(", "CES("):
        assert name in loyalty


def test_summary_holds_live_formulas(template):
    ws = template["Summary"]
    text = " ".join(str(getattr(c.value, "text", c.value)) for row in ws.iter_rows() for c in row if c.value)
    for name in ("NPS(Respondents[Score])", "NPS_MOE(", "NPS_CI(", "NPS_COUNTS(", "NPS_RATING(", "NPS_BENCHMARK(",
                 "RESPONSE_RATE(", "COUNTIFS("):
        assert name in text


@pytest.fixture(scope="module")
def employee():
    return openpyxl.load_workbook(EMPLOYEE)


def test_employee_template_holds_no_names_companies_or_follow_up(employee):
    assert employee.sheetnames == ["Start here", "Respondents", "Summary"]
    ws = employee["Respondents"]
    assert [c.value for c in ws[1]] == ["Date", "Department", "Team", "Tenure", "Score", "Category", "Comment"]
    assert [c.name for c in ws.tables["Respondents"].tableColumns] == list(L.EMPLOYEE_COLUMNS)
    assert ws.tables["Respondents"].ref == "A1:G2"
    assert ws["F2"].value == L.category_formula(2, "E")
    (validation,) = ws.data_validations.dataValidation
    assert "E2:E1048576" in str(validation.sqref)
    assert L.is_employee_header([c.value for c in ws[1]])


def test_employee_start_here_explains_the_anonymity_rule_and_holds_min_group(employee):
    rows = [list(r) for r in employee["Start here"].iter_rows(values_only=True)]
    text = " ".join(str(v) for r in rows for v in r if v)
    assert "fewer answers than the smallest group" in text and "next smallest is hidden too" in text
    (setting,) = [r for r in rows if r[0] == L.MIN_GROUP_SETTING]
    assert setting[1] == 5


def test_employee_summary_uses_the_enps_functions(employee):
    text = " ".join(str(getattr(c.value, "text", c.value)) for row in employee["Summary"].iter_rows() for c in row if c.value)
    assert "ENPS_RATING(B4)" in text and "ENPS_BENCHMARK(B8)" in text and "NPS(Respondents[Score])" in text
