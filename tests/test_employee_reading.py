"""Reading an employee (eNPS) workbook and the Customers sheet's revenue and profit."""

import datetime as dt

import pytest

from conftest import employee, fill_employees
from xl_nps.errors import XlNpsError
from xl_nps.workbook import names as L
from xl_nps.workbook.read import settings
from xl_nps.workbook.read.respondents import parse_customers, parse_respondents
from xl_nps.workbook.read.sheets import Book

DAY = dt.datetime(2026, 2, 3)


def test_an_employee_sheet_is_recognised_by_its_header():
    assert L.is_employee_header(["Date", "Department", "Team", "Tenure", "Score", "Category", "Comment"])
    assert L.is_employee_header(["Date", "Score", " team "])
    assert not L.is_employee_header(L.RESPONDENT_COLUMNS)
    # a customer book with a Department column of its own stays a customer book
    assert not L.is_employee_header(list(L.RESPONDENT_COLUMNS) + ["Department"])


def test_groups_are_read_row_for_row(tmp_path):
    rows = [employee(DAY, 9, "Sales", "North", "1-2 years", "good"), employee(DAY, 3, " IT ", "", "", ""),
            employee(DAY, "eleven", "HR", "Pay", "<1 year", "bad score"), employee(DAY, 7, "Sales", "South", "5+ years")]
    book = fill_employees(tmp_path / "e.xlsx", rows)
    data = parse_respondents(Book(book).rows(L.RESPONDENTS_SHEET), "e.xlsx")
    assert data.employee
    assert data.scores.tolist() == [9, 3, 7]  # the third row is a problem
    assert data.groups == {L.DEPARTMENT: ["Sales", "IT", "Sales"], L.TEAM: ["North", "", "South"],
                           L.TENURE: ["1-2 years", "", "5+ years"]}
    names, numbers = data.group_numbers(L.TEAM)
    assert [names[i] for i in numbers] == ["North", "(no team)", "South"]
    assert [p.row for p in data.problems] == [4]


def test_text_dates_keep_groups_in_row_order():
    table = [["Date", "Department", "Score"], ["2026-02-01", "A", 9], [DAY, "B", 8], ["23/02/2026", "C", 1]]
    data = parse_respondents(table, "x")
    assert data.rows == [2, 3, 4] and data.groups[L.DEPARTMENT] == ["A", "B", "C"]
    assert L.TEAM not in data.groups


def test_a_customer_sheet_reads_no_groups():
    data = parse_respondents([list(L.RESPONDENT_COLUMNS) + ["Department"], [DAY, "r", "c", "s", 9, "", "", "", "", "D"]], "x")
    assert not data.employee and data.groups == {}


def test_min_group_comes_from_start_here_and_the_option_wins(tmp_path):
    book = fill_employees(tmp_path / "e.xlsx", [employee(DAY, 9)], min_group=8)
    rows = Book(book).rows(L.START_SHEET)
    assert settings.min_group(rows) == 8
    assert settings.min_group(rows, option=3) == 3
    assert settings.min_group(None) == 5  # no Start here sheet: the default
    assert settings.min_group([["Smallest group shown (answers)", None]]) == 5


@pytest.mark.parametrize("typed", ["five", 0, 2.5])
def test_a_bad_min_group_names_the_cell(tmp_path, typed):
    book = fill_employees(tmp_path / "e.xlsx", [employee(DAY, 9)], min_group=typed)
    rows = Book(book).rows(L.START_SHEET)
    with pytest.raises(XlNpsError, match=r"Start here B\d+ \(Smallest group shown \(answers\)\): .*whole number"):
        settings.min_group(rows)


def test_a_bad_min_group_option():
    with pytest.raises(XlNpsError, match="--min-group: .*whole number"):
        settings.min_group(None, option=0)


def test_customers_sheet_reads_revenue_and_profit():
    header = list(L.CUSTOMER_COLUMNS) + ["Revenue", "Profit"]
    periods, problems = parse_customers([
        header,
        ["2026 Q1", 100, 5, 98, None, None, 1_000_000, -20_000],
        ["2026 Q2", None, None, None, None, None, 1_200_000, None],  # amounts without counts
        ["2026 Q3", 98, 0, 97, None, None, "lots", "12k"],
    ])
    assert [(p.period, p.start, p.revenue, p.profit) for p in periods] == [
        ("2026 Q1", 100, 1_000_000, -20_000), ("2026 Q2", None, 1_200_000, None), ("2026 Q3", 98, None, None)]
    assert [(p.row, p.column, p.value) for p in problems] == [(4, "G", "lots"), (4, "H", "12k")]
    assert "revenue must be an amount" in problems[0].reason


def test_an_old_customers_sheet_without_amounts_still_reads():
    periods, problems = parse_customers([list(L.CUSTOMER_COLUMNS), ["2026 Q1", 100, 5, 98]])
    assert problems == [] and periods[0].revenue is None and periods[0].end == 98
