"""The refresh of an employee (eNPS) workbook: through the real command, every cell of every
generated sheet searched for what the anonymity rule hides; figures against hand counts."""

import datetime as dt

import openpyxl
import pytest

from conftest import employee, fill_employees
from reports import read_tables, reference
from xl_nps.cli import main
from xl_nps.workbook import names as L

Q1 = dt.datetime(2026, 2, 10)
Q2 = dt.datetime(2026, 5, 12)
GENERATED = ["Periods", "2026 Q1", "Comments", "Problems"]

# 60 answers in one quarter: Sales 20, IT 20, Support 17 and Legal 3. Legal's answers are 10,
# 9 and 2 (eNPS +33.3 of 3 answers, shares 2/3 and 1/3) and its comments name the merger,
# a word nobody else uses.
LEGAL = [(10, "The merger talks leave us in the dark"), (9, "Merger bonus was fair"), (2, "Merger workload is crushing")]
SALES = [10, 9, 9, 8, 8, 7, 7, 6, 5, 3, 10, 9, 9, 8, 7, 6, 4, 2, 10, 9]
IT = [9, 9, 10, 8, 8, 8, 7, 6, 6, 5, 9, 10, 10, 8, 7, 6, 0, 1, 9, 9]
SUPPORT = [6, 5, 7, 8, 9, 10, 3, 4, 6, 7, 8, 9, 9, 2, 6, 7, 8]


def sixty(day=Q1):
    rows = []
    for name, scores, teams in (("Sales", SALES, ("North", "South")), ("IT", IT, ("Ops", "Dev")),
                                ("Support", SUPPORT, ("Desk",))):
        for i, s in enumerate(scores):
            rows.append(employee(day, s, name, teams[i % len(teams)], ("<1 year", "1-3 years", "3+ years")[i % 3],
                                 f"{name} note {i}: pay and workload"))
    rows += [employee(day, s, "Legal", "Counsel", "3+ years", text) for s, text in LEGAL]
    return rows


def every_cell(path):
    """(sheet, value) of every cell of every sheet xl-nps generated."""
    wb = openpyxl.load_workbook(path)
    generated = [n for n in wb.sheetnames if n not in ("Start here", "Respondents", "Summary")]
    return generated, [(name, c.value) for name in generated for row in wb[name].iter_rows() for c in row
                       if c.value is not None]


def tables(path, sheet):
    return read_tables(openpyxl.load_workbook(path)[sheet])


@pytest.fixture
def book(tmp_path):
    return fill_employees(tmp_path / "enps.xlsx", sixty())


def test_a_department_of_three_is_nowhere_on_any_generated_sheet(book, capsys):
    assert main(["refresh", str(book)]) == 0
    generated, cells = every_cell(book)
    assert generated == GENERATED
    legal = reference([s for s, _ in LEGAL])
    assert legal["nps"] == pytest.approx(100 / 3) and legal["n"] == 3
    # its eNPS, margin of error and interval (its shares, thirds, are no fingerprint: 20 of the
    # quarter's 60 are passives); its rows are checked blank below
    figures = [legal["nps"], legal["moe"], legal["low"], legal["high"]]
    for sheet, value in cells:
        if isinstance(value, str):
            assert "merger" not in value.casefold(), (sheet, value)
            assert "Counsel" not in value or sheet == "2026 Q1", (sheet, value)  # the hidden row's name only
        elif isinstance(value, float):
            assert not any(value == pytest.approx(f, abs=1e-9) for f in figures), (sheet, value)
    q1 = tables(book, "2026 Q1")
    (row,) = [r for r in q1["eNPS by department"] if r["Department"] == "Legal"]
    assert row["Respondents"] is None and row["eNPS"] is None and row["Note"] == "hidden: fewer than 5 answers"
    (row,) = [r for r in q1["eNPS by team"] if r["Team"] == "Counsel"]
    assert row["Respondents"] is None and row["Note"] == "hidden: fewer than 5 answers"
    # the quarter keeps everybody: 60 answers, Legal included
    headline = {r["Measure"]: r["Value"] for r in q1["Headline"]}
    assert headline["Respondents"] == 60
    assert headline["Employee Net Promoter Score (eNPS)"] == pytest.approx(reference(SALES + IT + SUPPORT + [10, 9, 2])["nps"])
    assert "Detractors to call back (worst first)" not in q1
    # the comments of Sales and IT only: Support is hidden with Legal (next test)
    assert [r["Category"] for r in q1["Comments by category"]].count("Detractor") == sum(s <= 6 for s in SALES + IT)


def test_the_next_smallest_department_is_hidden_too(book):
    assert main(["refresh", str(book)]) == 0
    departments = {r["Department"]: r for r in tables(book, "2026 Q1")["eNPS by department"]}
    # Legal alone hidden: 60 - Sales 20 - IT 20 - Support 17 = 3 would give it away; Support (17)
    # is the next smallest, so it goes too.
    assert departments["Support"]["Respondents"] is None
    assert departments["Support"]["Note"] == "hidden: it would give away a group of fewer than 5 answers"
    assert departments["Sales"]["Respondents"] == 20 and departments["IT"]["Respondents"] == 20
    assert departments["Sales"]["eNPS"] == pytest.approx(reference(SALES)["nps"])
    # Support's one team would give Support back: it is hidden with it
    (desk,) = [r for r in tables(book, "2026 Q1")["eNPS by team"] if r["Team"] == "Desk"]
    assert desk["Respondents"] is None
    # Support's comments appear nowhere either
    _, cells = every_cell(book)
    assert not any(isinstance(v, str) and "Support note" in v for _, v in cells)
    assert any(isinstance(v, str) and "Sales note" in v for _, v in cells)


def test_tenure_bands_add_up_to_the_quarter_as_well(book):
    assert main(["refresh", str(book)]) == 0
    bands = {r["Tenure"]: r["Respondents"] for r in tables(book, "2026 Q1")["eNPS by tenure"]}
    # bands go round by row: Sales and IT 7, 7, 6 each, Support 6, 6, 5, and Legal's 3 in 3+ years
    assert bands == {"<1 year": 7 + 7 + 6, "1-3 years": 7 + 7 + 6, "3+ years": 6 + 6 + 5 + 3}


def test_a_changed_min_group_on_the_command_line(book):
    assert main(["refresh", str(book), "--min-group", "3"]) == 0
    departments = {r["Department"]: r for r in tables(book, "2026 Q1")["eNPS by department"]}
    assert departments["Legal"]["Respondents"] == 3
    assert departments["Legal"]["eNPS"] == pytest.approx(100 / 3)
    assert departments["Support"]["Respondents"] == 17


def test_a_changed_min_group_on_start_here(tmp_path):
    book = fill_employees(tmp_path / "e.xlsx", sixty(), min_group=10)
    assert main(["refresh", str(book)]) == 0
    teams = {r["Team"]: r for r in tables(book, "2026 Q1")["eNPS by team"]}
    # teams of IT and Sales hold 10 each: shown at 10; Legal's 3 hidden, Desk (17) with it
    assert teams["Ops"]["Respondents"] == 10 and teams["Counsel"]["Note"] == "hidden: fewer than 10 answers"
    assert main(["refresh", str(book), "--min-group", "11"]) == 0  # the option wins over the sheet
    teams = {r["Team"]: r for r in tables(book, "2026 Q1")["eNPS by team"]}
    assert teams["Ops"]["Note"] == "hidden: fewer than 11 answers"


def test_a_bad_min_group_is_one_line_and_the_book_unchanged(book, capsys):
    before = book.read_bytes()
    assert main(["refresh", str(book), "--min-group", "five"]) == 1
    assert capsys.readouterr().err.strip().count("\n") == 0
    assert book.read_bytes() == before


def test_min_group_on_a_customer_book_is_refused(tmp_path, capsys):
    from conftest import answer, fill_respondents

    path = fill_respondents(tmp_path / "c.xlsx", [answer(Q1, 9, "r@x")])
    assert main(["refresh", str(path), "--min-group", "5"]) == 1
    assert "applies to employee surveys" in capsys.readouterr().err


def test_a_quarter_under_min_group_is_hidden_and_the_next_compared_with_the_one_before(tmp_path):
    q3 = dt.datetime(2026, 8, 3)
    rows = sixty(Q1) + [employee(Q2, 10, "Sales", "North", "<1 year", "stray quarter remark")] * 2 + sixty(q3)
    book = fill_employees(tmp_path / "e.xlsx", rows)
    assert main(["refresh", str(book)]) == 0
    generated, cells = every_cell(book)
    assert generated == ["Periods", "2026 Q1", "2026 Q3", "Comments", "Problems"]
    periods = {r["Quarter"]: r for r in tables(book, "Periods")["All quarters"]}
    assert periods["2026 Q2"]["Respondents"] is None and periods["2026 Q2"]["Note"] == "hidden: fewer than 5 answers"
    assert periods["2026 Q3"]["Change"] == pytest.approx(0)  # the same answers as 2026 Q1
    headline = {r["Measure"]: r["Value"] for r in tables(book, "2026 Q3")["Headline"]}
    assert "Change against the previous quarter (2026 Q1)" in headline
    assert not any(isinstance(v, str) and "stray quarter" in v for _, v in cells)


def test_a_theme_only_hidden_answers_talk_about_is_not_counted(book):
    assert main(["refresh", str(book)]) == 0
    themes = {r["Theme"]: r for r in tables(book, "2026 Q1")["Themes: what drags the NPS down (first) and what lifts it (last)"]}
    assert not any("merger" in t for t in themes)
    # "workload", which shown answers mention, counts hidden answers too: every detractor of
    # Sales (6), IT (6) and Support (7) wrote it, and so did Legal's one detractor
    assert sum(s <= 6 for s in SALES) + sum(s <= 6 for s in IT) + sum(s <= 6 for s in SUPPORT) == 19
    assert themes["workload"]["Detractors"] == 19 + 1


def test_the_open_workbook_refresh_hides_the_same(book):
    from fake_excel import Book
    from xl_nps import excel_book

    wb = openpyxl.load_workbook(book)
    fake = Book()
    for name in ("Start here", L.RESPONDENTS_SHEET):
        fake.sheet_with(name, [[c.value for c in row] for row in wb[name].iter_rows()])
    excel_book.refresh_book(fake)
    values = [v for v in fake.sheets["2026 Q1"].cells.values() if v is not None]
    assert "hidden: fewer than 5 answers" in values
    assert not any(isinstance(v, str) and "merger" in v.casefold() for v in values)


def test_a_hidden_comment_the_import_marked_is_not_quoted_on_problems(tmp_path):
    rows = sixty()
    rows[-1] = employee(Q1, 2, "Legal", "Counsel", "3+ years", "Merger \ufffd workload is crushing")
    book = fill_employees(tmp_path / "e.xlsx", rows)
    assert main(["refresh", str(book)]) == 0
    problems = tables(book, "Problems")["Problems"]
    assert [p["Value"] for p in problems] == ["(left out: the answer is in a hidden group)"]
    _, cells = every_cell(book)
    assert not any(isinstance(v, str) and "merger" in v.casefold() for _, v in cells)


def test_no_example_or_phrase_comes_from_a_hidden_answer(tmp_path):
    # "workload" is said by 20 shown answers, so Legal's three detractors count in it; but the
    # only detractor comments of the quarter are Legal's: the Comments sheet's detractor themes
    # must neither quote them nor list their phrases
    rows = ([employee(Q1, 10, "Sales", "North", "", "workload is fine") for _ in range(10)]
            + [employee(Q1, 9, "IT", "Ops", "", "workload is ok") for _ in range(10)]
            + [employee(Q1, 8, "Support", "Desk", "") for _ in range(8)]
            + [employee(Q1, 2, "Legal", "Counsel", "", f"Merger workload crushing {i}") for i in range(3)])
    book = fill_employees(tmp_path / "e.xlsx", rows)
    assert main(["refresh", str(book)]) == 0
    (comments,) = tables(book, "Comments").values()
    detractors = [r for r in comments if r["Category"] == "Detractors"]
    assert [r["Theme"] for r in detractors] == ["workload"] and detractors[0]["Mentions"] == 3
    assert not detractors[0].get("Example") and not detractors[0].get("As in")
    _, cells = every_cell(book)
    assert not any(isinstance(v, str) and ("merger" in v.casefold() or "crushing" in v) for _, v in cells)


def test_answers_outside_the_workbook_are_refused_for_an_employee_book(book, tmp_path, capsys):
    source = tmp_path / "answers.csv"
    source.write_text("date,score\n2026-02-10,9\n", encoding="utf-8")
    before = book.read_bytes()
    assert main(["refresh", str(book), "--answers", str(source)]) == 1
    assert "employee survey: --answers does not apply" in capsys.readouterr().err
    assert book.read_bytes() == before
