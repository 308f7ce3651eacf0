"""Revenue up, loyalty down: the Customers sheet's amounts through a real refresh, against
figures worked out by hand."""

import datetime as dt

import openpyxl
import pytest

from conftest import answer, fill_respondents
from reports import read_tables, reference_change
from xl_nps.cli import main
from xl_nps.workbook import names as L

Q1, Q2 = dt.datetime(2026, 2, 10), dt.datetime(2026, 5, 12)


def scores(promoters, passives, detractors):
    return [10] * promoters + [8] * passives + [3] * detractors


def book_with(tmp_path, q1, q2, amounts):
    """A customer workbook: the answers of two quarters, and Customers rows (period, customers at
    start, new, at end, revenue, profit) typed as a user would."""
    rows = [answer(Q1, s, f"a{i}@x.example") for i, s in enumerate(q1)] + \
           [answer(Q2, s, f"b{i}@x.example") for i, s in enumerate(q2)]
    path = fill_respondents(tmp_path / "book.xlsx", rows)
    wb = openpyxl.load_workbook(path)
    ws = wb[L.CUSTOMERS_SHEET]
    for r, (period, start, new, end, revenue, profit) in enumerate(amounts, start=2):
        for c, value in zip((1, 2, 3, 4, 7, 8), (period, start, new, end, revenue, profit)):
            ws.cell(r, c).value = value
    wb.save(path)
    return path


def periods(path):
    return {r["Quarter"]: r for r in read_tables(openpyxl.load_workbook(path)["Periods"])["All quarters"]}


def headline(path, sheet):
    return {r["Measure"]: r["Value"] for r in read_tables(openpyxl.load_workbook(path)[sheet])["Headline"]}


# 300 answers a quarter: 180 promoters, 60 passives, 60 detractors (NPS +40), then 120, 90, 90 (+10).
# V1 = 0.8 - 0.16 = 0.64, V2 = 0.7 - 0.01 = 0.69, SE = sqrt((0.64 + 0.69) / 300) = 0.06658,
# z = -0.30 / 0.06658 = -4.51, p = 6.6e-6. Revenue 1,000,000 -> 1,200,000: +20%.
FALLING = (scores(180, 60, 60), scores(120, 90, 90))
WORDS = "revenue +20%, NPS -30 points (p < 0.001): loyalty is falling while revenue grows"


def test_revenue_up_and_a_significant_fall_warn_on_periods_and_the_quarter(tmp_path, capsys):
    difference, p = reference_change(*FALLING[::-1])
    assert difference == pytest.approx(-30) and p == pytest.approx(6.6e-6, rel=0.02)
    path = book_with(tmp_path, *FALLING, [("2026 Q1", 500, 20, 510, 1_000_000, 100_000),
                                          ("2026 Q2", 510, 30, 530, 1_200_000, 90_000)])
    assert main(["refresh", str(path)]) == 0
    rows = periods(path)
    assert rows["2026 Q1"]["Warning"] is None and rows["2026 Q1"]["Revenue change"] is None  # nothing to compare
    assert rows["2026 Q2"]["Revenue change"] == pytest.approx(0.2)
    assert rows["2026 Q2"]["Profit change"] == pytest.approx(-0.1)
    assert rows["2026 Q2"]["Change"] == pytest.approx(-30)
    assert rows["2026 Q2"]["Warning"] == WORDS
    assert rows["2026 Q2"]["Churn"] == pytest.approx((510 + 30 - 530) / 510)  # the counts still work
    assert headline(path, "2026 Q2")["Warning"] == WORDS
    assert "Warning" not in headline(path, "2026 Q1")
    assert f"warning           {WORDS}" in capsys.readouterr().out


def test_profit_up_alone_warns_in_its_own_words(tmp_path):
    path = book_with(tmp_path, *FALLING, [("2026 Q1", None, None, None, 1_000_000, 100_000),
                                          ("2026 Q2", None, None, None, 950_000, 125_000)])
    assert main(["refresh", str(path)]) == 0
    assert periods(path)["2026 Q2"]["Warning"] == ("profit +25%, NPS -30 points (p < 0.001): "
                                                   "loyalty is falling while profit grows")


def test_no_warning_when_revenue_and_profit_fall(tmp_path):
    path = book_with(tmp_path, *FALLING, [("2026 Q1", None, None, None, 1_000_000, 100_000),
                                          ("2026 Q2", None, None, None, 900_000, 80_000)])
    assert main(["refresh", str(path)]) == 0
    row = periods(path)["2026 Q2"]
    assert row["Revenue change"] == pytest.approx(-0.1) and row["Warning"] is None
    assert "Warning" not in headline(path, "2026 Q2")


def test_no_warning_when_the_nps_does_not_fall_significantly(tmp_path):
    # 40 answers a quarter, +40 then +25: V1 = 0.64, V2 = 0.75 - 0.0625 = 0.6875,
    # SE = sqrt((0.64 + 0.6875) / 40) = 0.1822, z = -0.15 / 0.1822 = -0.82, p = 0.41
    q1, q2 = scores(24, 8, 8), scores(20, 10, 10)
    assert reference_change(q2, q1)[1] == pytest.approx(0.41, abs=0.005)
    path = book_with(tmp_path, q1, q2, [("2026 Q1", None, None, None, 1_000_000, None),
                                        ("2026 Q2", None, None, None, 1_200_000, None)])
    assert main(["refresh", str(path)]) == 0
    row = periods(path)["2026 Q2"]
    assert row["Revenue change"] == pytest.approx(0.2) and row["Significant?"] == "no" and row["Warning"] is None


def test_no_warning_when_the_change_is_not_tested_for_too_few_answers(tmp_path):
    # the small-sample rule: 20 answers a quarter are under the report's 30, so the fall of
    # 30 points is not tested, and an untested change never warns
    path = book_with(tmp_path, scores(12, 4, 4), scores(8, 6, 6), [("2026 Q1", None, None, None, 1_000_000, None),
                                                                   ("2026 Q2", None, None, None, 1_200_000, None)])
    assert main(["refresh", str(path)]) == 0
    row = periods(path)["2026 Q2"]
    assert (row["Change"], row["Significant?"], row["Warning"]) == (pytest.approx(-30), "not tested", None)
    # with the minimum lowered to 20 the same fall is tested: p = 0.245, not significant either
    assert main(["refresh", str(path), "--min-answers", "20"]) == 0
    assert periods(path)["2026 Q2"]["Significant?"] == "no" and periods(path)["2026 Q2"]["Warning"] is None


def test_without_amounts_the_periods_sheet_is_as_before(tmp_path):
    path = book_with(tmp_path, *FALLING, [])
    assert main(["refresh", str(path)]) == 0
    header = list(next(iter(periods(path).values())))
    assert header[-4:] == ["Significant?", "Churn", "Retention", "Note"]
