"""The small-sample rule through the real commands: a survey export where one answer falls in a
new quarter (as a stray answer dated 1 January does), imported into a book made by `xl-nps new`,
refreshed; the Periods sheet marks the quarter and does not test the change, and the summary's
headline is the latest quarter with enough answers. Figures are worked out from the raw answers
by tests/reports.py (by hand formulas and scipy's normal distribution)."""

import datetime as dt
import hashlib

import openpyxl
import pytest

from conftest import answer, fill_respondents
from fake_excel import Book
from reports import read_tables, reference, reference_change
from xl_nps import excel_book
from xl_nps.cli import main
from xl_nps.workbook import names as L

# 2018 Q3: 45 answers; 2018 Q4: 60 answers; 2019 Q1: one promoter on New Year's Day.
Q3 = [10] * 12 + [9] * 6 + [8] * 9 + [7] * 6 + [6] * 5 + [3] * 4 + [0] * 3
Q4 = [10] * 20 + [9] * 18 + [8] * 6 + [7] * 4 + [5] * 7 + [2] * 5
LATE = [10]


def survey_csv(path):
    lines = ["Submitted,Email,How likely are you to recommend us?,Why"]
    for i, s in enumerate(Q3):
        lines.append(f"2018-{7 + i % 3:02d}-{1 + i % 28:02d},q3-{i}@x.example,{s},fine")
    for i, s in enumerate(Q4):
        lines.append(f"2018-{10 + i % 3:02d}-{1 + i % 28:02d},q4-{i}@x.example,{s},good")
    lines.append("2019-01-01,late@x.example,10,great")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def imported(tmp_path, capsys):
    book = tmp_path / "nps.xlsx"
    assert main(["new", str(book)]) == 0
    assert main(["import", str(survey_csv(tmp_path / "export.csv")), str(book)]) == 0
    assert "answers added         106" in capsys.readouterr().out
    return book


def periods_of(book):
    return {r["Quarter"]: r for r in read_tables(openpyxl.load_workbook(book)["Periods"])["All quarters"]}


def test_a_one_answer_quarter_is_marked_and_never_a_significant_change(imported, capsys):
    assert main(["refresh", str(imported)]) == 0
    printed = capsys.readouterr().out
    periods = periods_of(imported)
    assert list(periods) == ["2018 Q3", "2018 Q4", "2019 Q1"]
    late = periods["2019 Q1"]
    one = reference(LATE)
    assert late["Respondents"] == 1 and late["NPS"] == 100
    assert (late["CI low"], late["CI high"]) == (pytest.approx(one["low"]), pytest.approx(one["high"]))  # kept
    assert late["Change"] == pytest.approx(100 - reference(Q4)["nps"])
    assert late["p-value"] == "too few answers" and late["Significant?"] == "not tested"
    assert late["Note"] == "only 1 answer of the 30 needed to judge a quarter: read with care"
    # the quarters with enough answers are tested as before
    difference, p = reference_change(Q4, Q3)
    assert periods["2018 Q4"]["Change"] == pytest.approx(difference)
    assert periods["2018 Q4"]["p-value"] == pytest.approx(p)
    assert periods["2018 Q4"]["Significant?"] == ("yes" if p < 0.05 else "no") and periods["2018 Q4"]["Note"] is None
    # the quarter's own sheet says the same
    headline = {r["Measure"]: r["Value"] for r in read_tables(openpyxl.load_workbook(imported)["2019 Q1"])["Headline"]}
    assert headline["Note"].startswith("only 1 answer of the 30")
    assert headline["  p-value"] == "too few answers"
    # the summary's headline is the latest quarter with enough answers, and it names the newer one
    q4 = reference(Q4)
    assert (f"  latest quarter    2018 Q4: NPS {q4['nps']:+.1f} (95% interval {q4['low']:+.1f} to "
            f"{q4['high']:+.1f}), 60 answers\n") in printed
    assert (f"  change            {difference:+.1f} points against the quarter before "
            f"({'significant' if p < 0.05 else 'not significant'}, p = {p:.2f})\n") in printed
    assert ("  newer, too small  2019 Q1 (1 answer, NPS +100.0): fewer than the 30 answers needed to judge "
            "a quarter; see the Periods sheet\n") in printed
    assert "latest quarter    2019 Q1" not in printed


def test_the_minimum_typed_on_the_summary_sheet_is_used_and_the_command_line_overrides_it(imported, capsys):
    wb = openpyxl.load_workbook(imported)
    row, column = L.MIN_ANSWERS_CELL
    assert wb[L.SUMMARY_SHEET].cell(row, column).value == L.MIN_ANSWERS_LABEL  # the template's cell
    assert wb[L.SUMMARY_SHEET].cell(row, column + 1).value == 30
    wb[L.SUMMARY_SHEET].cell(row, column + 1).value = 50  # 2018 Q3 (45 answers) is now small too
    wb.save(imported)
    assert main(["refresh", str(imported)]) == 0
    printed = capsys.readouterr().out
    periods = periods_of(imported)
    assert periods["2018 Q3"]["Note"] == "only 45 answers of the 50 needed to judge a quarter: read with care"
    assert periods["2018 Q4"]["p-value"] == "too few answers"
    assert "latest quarter    2018 Q4" in printed and "(not tested: too few answers)" in printed
    # --min-answers 1: nothing is small, but a one-answer quarter is still never tested (under 10)
    assert main(["refresh", str(imported), "--min-answers", "1"]) == 0
    printed = capsys.readouterr().out
    periods = periods_of(imported)
    assert periods["2019 Q1"]["Note"] is None and periods["2019 Q1"]["p-value"] == "too few answers"
    assert "latest quarter    2019 Q1: NPS +100.0" in printed and "newer, too small" not in printed
    assert "(not tested: too few answers)" in printed


def test_a_bad_minimum_is_one_line_naming_the_cell_and_leaves_the_book_unchanged(imported, capsys):
    wb = openpyxl.load_workbook(imported)
    wb[L.SUMMARY_SHEET]["B13"] = "thirty"
    wb.save(imported)
    before = hashlib.sha256(imported.read_bytes()).hexdigest()
    assert main(["refresh", str(imported)]) == 1
    err = capsys.readouterr().err
    assert err == ('xl-nps refresh: Summary!B13 holds the text "thirty"; the fewest answers to judge a quarter '
                   "must be a whole number of 1 or more, such as 30\n")
    assert main(["refresh", str(imported), "--min-answers", "0"]) == 1
    assert "--min-answers holds 0" in capsys.readouterr().err
    assert hashlib.sha256(imported.read_bytes()).hexdigest() == before


def test_when_every_quarter_is_small_the_headline_is_the_latest_and_says_so(tmp_path, capsys):
    rows = [answer(dt.datetime(2026, 2, 1), s) for s in [10, 9, 3, 8, 10]]
    book = fill_respondents(tmp_path / "few.xlsx", rows)
    assert main(["refresh", str(book)]) == 0
    printed = capsys.readouterr().out
    ref = reference([10, 9, 3, 8, 10])
    assert (f"  latest quarter    2026 Q1: NPS {ref['nps']:+.1f} (95% interval {ref['low']:+.1f} to {ref['high']:+.1f}), "
            "5 answers; fewer than 30: read with care\n") in printed


def test_the_refresh_inside_excel_reads_the_same_setting():
    rows = [answer(dt.datetime(2018, 11, 2), s) for s in Q4] + [answer(dt.datetime(2019, 1, 1), 10)]
    book = Book()
    book.sheet_with("Start here", [["xl-nps"], [L.MIN_ANSWERS_LABEL, 61.0]])  # found on Start here too
    book.sheet_with(L.RESPONDENTS_SHEET,
                    [list(L.RESPONDENT_COLUMNS)] + [[r.get(c) for c in L.RESPONDENT_COLUMNS] for r in rows])
    report = excel_book.refresh_book(book)
    assert report.min_answers == 61 and report.small_quarters == ["2018 Q4", "2019 Q1"]
