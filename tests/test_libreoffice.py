"""The template and a refreshed workbook opened and recalculated by LibreOffice: native
formulas come back with the expected values, generated sheets keep their values and charts."""

import datetime as dt
import zipfile

import openpyxl
import pytest

from conftest import answer, fill_respondents
from libreoffice import convert
from reports import generated_sheets, reference
from xl_nps.workbook.refresh import refresh

SCORES = [10, 9, 8, 7, 6, 0, 10, 3, 9, 9, 5, 8]


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("lo")
    rows = [answer(dt.datetime(2026, 1 + 3 * (i % 2), 10), s, f"r{i}", "Co", "SMB", f"comment {i}") for i, s in enumerate(SCORES)]
    book = fill_respondents(tmp / "book.xlsx", rows)
    refresh(book)
    return book, convert(book, tmp)


def test_category_formulas_compute_in_a_real_spreadsheet_engine(refreshed):
    _, recalculated = refreshed
    ws = openpyxl.load_workbook(recalculated, data_only=True)["Respondents"]
    expected = ["Promoter" if s >= 9 else "Passive" if s >= 7 else "Detractor" for s in SCORES]
    assert [ws.cell(r, 6).value for r in range(2, 2 + len(SCORES))] == expected


def test_summary_check_formulas_match_an_independent_computation(refreshed):
    _, recalculated = refreshed
    ws = openpyxl.load_workbook(recalculated, data_only=True)["Summary"]
    checks = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(23, 30)}
    ref = reference(SCORES)
    assert checks["Respondents with a score"] == ref["n"]
    assert checks["Promoters (9-10)"] == ref["promoters"]
    assert checks["Passives (7-8)"] == ref["passives"]
    assert checks["Detractors (0-6)"] == ref["detractors"]
    assert checks["NPS"] == pytest.approx(ref["nps"])
    assert checks["Margin of error (95%, Wald)"] == pytest.approx(ref["moe"], rel=1e-6)


def test_xl_nps_functions_are_unknown_to_libreoffice_as_expected(refreshed):
    _, recalculated = refreshed
    assert openpyxl.load_workbook(recalculated, data_only=True)["Summary"]["B4"].value == "#NAME?"


def test_generated_sheets_keep_their_values_and_charts(refreshed):
    book, recalculated = refreshed
    ours = openpyxl.load_workbook(book)
    theirs = openpyxl.load_workbook(recalculated, data_only=True)
    for name in generated_sheets(book):
        mine = [[c.value for c in row] for row in ours[name].iter_rows()]
        lo = [[c.value for c in row] for row in theirs[name].iter_rows(max_row=len(mine), max_col=len(mine[0]))]
        for r, (a, b) in enumerate(zip(mine, lo), start=1):
            for c, (x, y) in enumerate(zip(a, b), start=1):
                if isinstance(x, float):
                    assert y == pytest.approx(x), (name, r, c)
                elif isinstance(x, dt.date):
                    assert y.date() == (x.date() if isinstance(x, dt.datetime) else x), (name, r, c)
                else:
                    assert y == x, (name, r, c)
    with zipfile.ZipFile(recalculated) as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 2


def test_the_template_itself_opens_and_recalculates(tmp_path):
    from pathlib import Path
    template = Path(__file__).resolve().parent.parent / "templates" / "xl-nps-template.xlsx"
    recalculated = convert(template, tmp_path)
    wb = openpyxl.load_workbook(recalculated, data_only=True)
    assert wb.sheetnames == ["Start here", "Respondents", "Customers", "Loyalty", "Summary"]
    assert wb["Summary"]["B23"].value == 0  # no answers yet: the check counts none


def test_a_workbook_saved_by_libreoffice_can_be_refreshed_again(refreshed, tmp_path):
    book, recalculated = refreshed
    assert generated_sheets(recalculated) == generated_sheets(book)
    copy = tmp_path / "again.xlsx"
    copy.write_bytes(recalculated.read_bytes())
    summary = refresh(copy)
    assert summary.answers == len(SCORES)


def test_the_employee_template_computes_its_categories_and_check_in_libreoffice(tmp_path):
    from conftest import employee, fill_employees

    scores = [10, 9, 8, 7, 6, 0, 3, 9]
    rows = [employee(dt.datetime(2026, 2, 1 + i), s, "Sales", "North", "1-3 years") for i, s in enumerate(scores)]
    book = fill_employees(tmp_path / "enps.xlsx", rows)
    wb = openpyxl.load_workbook(convert(book, tmp_path), data_only=True)
    expected = ["Promoter" if s >= 9 else "Passive" if s >= 7 else "Detractor" for s in scores]
    assert [wb["Respondents"].cell(r, 6).value for r in range(2, 2 + len(scores))] == expected
    checks = {wb["Summary"].cell(r, 1).value: wb["Summary"].cell(r, 2).value for r in range(23, 30)}
    assert checks["NPS"] == pytest.approx(reference(scores)["nps"])
