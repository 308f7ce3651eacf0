"""The quarterly refresh: every generated number against an independent computation from the
raw rows, and nothing the user made is lost or changed."""

import datetime as dt
import hashlib
import os
import zipfile

import openpyxl
import pytest

from conftest import answer, fill_respondents
from reports import read_tables, reference, reference_change
from xl_nps.errors import XlNpsError
from xl_nps.workbook.refresh import refresh
from xl_nps.workbook.read.respondents import parse_respondents

Q1 = [10, 9, 9, 10, 10, 9, 7, 8, 3, 6]
Q2 = [9, 10, 10, 8, 7, 7, 0, 2, 5, 6]


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_one_sheet_per_quarter_plus_periods_and_problems(two_quarters):
    summary = refresh(two_quarters)
    assert summary.quarters == ["2026 Q1", "2026 Q2"]
    names = openpyxl.load_workbook(two_quarters).sheetnames
    assert names[:5] == ["Start here", "Respondents", "Customers", "Loyalty", "Summary"]
    assert names[5:] == ["Periods", "2026 Q1", "2026 Q2", "Comments", "Problems"]


def test_quarter_headline_matches_an_independent_computation(two_quarters):
    refresh(two_quarters, min_answers=10)  # ten answers a quarter: judged, so the change is tested
    wb = openpyxl.load_workbook(two_quarters)
    for label, scores in (("2026 Q1", Q1), ("2026 Q2", Q2)):
        headline = {r["Measure"]: r["Value"] for r in read_tables(wb[label])["Headline"]}
        ref = reference(scores)
        assert headline["Respondents"] == ref["n"]
        assert headline["Net Promoter Score"] == pytest.approx(ref["nps"])
        assert headline["95% interval: low"] == pytest.approx(ref["low"])
        assert headline["95% interval: high"] == pytest.approx(ref["high"])
        assert headline["Margin of error (95%)"] == pytest.approx(ref["moe"])
    q2 = {r["Measure"]: r["Value"] for r in read_tables(wb["2026 Q2"])["Headline"]}
    diff, p = reference_change(Q2, Q1)
    assert q2["Change against the previous quarter (2026 Q1)"] == pytest.approx(diff)  # -10 - 40 = -50
    assert diff == pytest.approx(-50)
    assert q2["  p-value (not significant at 95%)"] == pytest.approx(p)


def test_categories_distribution_and_segments_match_hand_counts(two_quarters):
    refresh(two_quarters)
    tables = read_tables(openpyxl.load_workbook(two_quarters)["2026 Q1"])
    categories = {r["Category"]: (r["Count"], r["Share"]) for r in tables["Categories"]}
    assert categories["Promoters (9-10)"] == (6, pytest.approx(0.6))
    assert categories["Passives (7-8)"] == (2, pytest.approx(0.2))
    assert categories["Detractors (0-6)"] == (2, pytest.approx(0.2))
    distribution = {r["Score"]: r["Count"] for r in tables["Answers 0-10"]}
    assert distribution == {s: Q1.count(s) for s in range(11)}
    segments = {r["Segment"]: r for r in tables["NPS by segment"]}
    smb = [s for i, s in enumerate(Q1) if i % 2 == 0]  # rows 0, 2, 4, ... are SMB
    assert segments["SMB"]["Respondents"] == len(smb)
    assert segments["SMB"]["NPS"] == pytest.approx(reference(smb)["nps"])
    assert "fewer than 30" in segments["SMB"]["Note"]


def test_periods_sheet_lists_all_quarters_with_change_and_charts(two_quarters):
    refresh(two_quarters, min_answers=10)
    ws = openpyxl.load_workbook(two_quarters)["Periods"]
    rows = read_tables(ws)["All quarters"]
    assert [r["Quarter"] for r in rows] == ["2026 Q1", "2026 Q2"]
    assert rows[0]["NPS"] == pytest.approx(40) and rows[1]["NPS"] == pytest.approx(-10)
    assert rows[1]["Change"] == pytest.approx(-50)
    assert rows[1]["Significant?"] == ("yes" if reference_change(Q2, Q1)[1] < 0.05 else "no")
    assert len(ws._charts) == 2


def test_followup_list_holds_the_quarters_detractors_worst_first(two_quarters):
    refresh(two_quarters)
    rows = read_tables(openpyxl.load_workbook(two_quarters)["2026 Q2"])["Detractors to call back (worst first)"]
    assert [r["Score"] for r in rows] == [0, 2, 5, 6]
    assert rows[0]["Comment"] == "price too high"


def test_refresh_twice_changes_nothing(two_quarters):
    refresh(two_quarters)
    before = sha(two_quarters)
    summary = refresh(two_quarters)
    assert not summary.changed
    assert sha(two_quarters) == before


def test_new_answers_update_the_report(two_quarters):
    refresh(two_quarters)
    wb = openpyxl.load_workbook(two_quarters)
    wb["Respondents"].append([dt.datetime(2026, 8, 1), "t@c.example", "C", "SMB", 10])
    wb.save(two_quarters)
    assert refresh(two_quarters).quarters == ["2026 Q1", "2026 Q2", "2026 Q3"]


def test_user_sheets_and_extra_columns_survive(tmp_path):
    rows = [answer(dt.datetime(2026, 1, 5), s, f"r{s}") for s in (10, 9, 3)]
    book = fill_respondents(tmp_path / "b.xlsx", rows, extra_column="My notes")
    wb = openpyxl.load_workbook(book)
    mine = wb.create_sheet("My pivot")
    mine["A1"], mine["B2"] = "keep me", 42
    wb.save(book)
    refresh(book)
    refresh(book)
    wb = openpyxl.load_workbook(book)
    assert wb["My pivot"]["A1"].value == "keep me" and wb["My pivot"]["B2"].value == 42
    assert wb["Respondents"]["J1"].value == "My notes" and wb["Respondents"]["J3"].value == "note 3"
    assert wb["Respondents"]["E4"].value == 3


def test_a_sheet_the_user_made_under_a_report_name_is_never_replaced(tmp_path):
    book = fill_respondents(tmp_path / "b.xlsx", [answer(dt.datetime(2026, 1, 5), 9)])
    wb = openpyxl.load_workbook(book)
    wb.create_sheet("2026 Q1")["A1"] = "my own analysis"
    wb.save(book)
    before = sha(book)
    with pytest.raises(XlNpsError, match='already has a sheet named "2026 Q1" that xl-nps did not make'):
        refresh(book)
    assert sha(book) == before


def type_into_first_callback(wb, owner: str, status: str) -> None:
    """What a user types into the first row of the 2026 Q2 call-back list: its Owner and
    Follow-up status."""
    ws = wb["2026 Q2"]
    (_, ref), = ws.tables.items()
    header = [c.value for c in ws[ref][0]]
    first = ws[ref][1]
    first[header.index("Owner")].value = owner
    first[header.index("Follow-up status")].value = status


def test_owner_and_status_typed_in_the_callback_list_survive_a_refresh(two_quarters):
    refresh(two_quarters)
    wb = openpyxl.load_workbook(two_quarters)
    type_into_first_callback(wb, "Dana", "called, will retry")
    wb.save(two_quarters)
    wb = openpyxl.load_workbook(two_quarters)  # the user adds an answer, then refreshes
    wb["Respondents"].append([dt.datetime(2026, 5, 30), "late@b.example", "X", "SMB", 1])
    wb.save(two_quarters)
    refresh(two_quarters)
    rows = read_tables(openpyxl.load_workbook(two_quarters)["2026 Q2"])["Detractors to call back (worst first)"]
    kept = [r for r in rows if r["Score"] == 0][0]
    assert (kept["Owner"], kept["Follow-up status"]) == ("Dana", "called, will retry")
    assert rows[0]["Score"] == 0 and len(rows) == 5


def test_owner_typed_in_respondents_shows_in_the_callback_list(tmp_path):
    rows = [answer(dt.datetime(2026, 1, 5), 2, "a", owner="Sam", status="open"), answer(dt.datetime(2026, 1, 6), 10, "b")]
    book = fill_respondents(tmp_path / "b.xlsx", rows)
    refresh(book)
    (row,) = read_tables(openpyxl.load_workbook(book)["2026 Q1"])["Detractors to call back (worst first)"]
    assert (row["Owner"], row["Follow-up status"]) == ("Sam", "open")


def test_unusable_rows_are_listed_on_problems_and_left_in_place(tmp_path):
    rows = [
        answer(dt.datetime(2026, 1, 5), 9, "ok"),
        answer(dt.datetime(2026, 1, 6), 11, "too high"),
        answer(dt.datetime(2026, 1, 7), "seven", "text"),
        answer(None, 8, "no date"),
        answer("someday", 8, "bad date"),
        answer(dt.datetime(2026, 1, 8), None, "no score"),
    ]
    book = fill_respondents(tmp_path / "b.xlsx", rows)
    summary = refresh(book)
    assert summary.answers == 1 and summary.problems == 5
    problems = read_tables(openpyxl.load_workbook(book)["Problems"])["Problems"]
    by_row = {p["Row"]: p for p in problems}
    assert by_row[3]["Column"] == "E" and by_row[3]["Value"] == "11" and "whole numbers 0-10" in by_row[3]["Reason"]
    assert by_row[4]["Value"] == "seven"
    assert by_row[5]["Column"] == "A" and "no date" in by_row[5]["Reason"]
    assert by_row[6]["Value"] == "someday" and "not a date" in by_row[6]["Reason"]
    assert "no score" in by_row[7]["Reason"]
    respondents = openpyxl.load_workbook(book)["Respondents"]
    assert [respondents.cell(r, 5).value for r in range(2, 8)] == [9, 11, "seven", 8, 8, None]


INJECTIONS = ['=HYPERLINK("http://x","click")', "+cmd|' /C calc'!A0", "@SUM(A1)", "-2+3", "=1+1"]


def test_respondent_text_never_becomes_a_formula_in_any_generated_sheet(tmp_path):
    rows = [answer(dt.datetime(2026, 1, 5), 2, text, text, text, text, text, text) for text in INJECTIONS]
    rows.append(answer(dt.datetime(2026, 1, 5), 10, "x"))
    book = fill_respondents(tmp_path / "b.xlsx", rows)
    refresh(book)
    wb = openpyxl.load_workbook(book)
    from reports import generated_sheets
    seen = 0
    for name in generated_sheets(book):
        for row in wb[name].iter_rows():
            for cell in row:
                if cell.value in INJECTIONS:
                    assert cell.data_type == "s", (name, cell.coordinate)
                    seen += 1
    assert seen >= len(INJECTIONS) * 2
    with zipfile.ZipFile(book) as archive:
        for part in archive.namelist():
            if part.startswith("xl/worksheets/"):
                xml = archive.read(part).decode("utf-8")
                assert "<f>HYPERLINK" not in xml and "<f>cmd" not in xml and "<f>SUM(A1)" not in xml


def test_scores_on_a_1_to_5_scale_are_refused_and_the_file_is_untouched(tmp_path):
    rows = [answer(dt.datetime(2026, 1, d + 1), s) for d, s in enumerate([1, 2, 3, 4, 5] * 3)]
    book = fill_respondents(tmp_path / "b.xlsx", rows)
    before = sha(book)
    with pytest.raises(XlNpsError, match="Respondents column E: all 15 answers lie between 1 and 5"):
        refresh(book)
    assert sha(book) == before


def test_missing_sheet_and_missing_column_are_named(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Answers"
    wb.save(tmp_path / "nosheet.xlsx")
    with pytest.raises(XlNpsError, match='no sheet named "Respondents"'):
        refresh(tmp_path / "nosheet.xlsx")
    wb = openpyxl.Workbook()
    wb.active.title = "Respondents"
    wb.active.append(["Date", "Name", "Comment"])
    wb.save(tmp_path / "nocol.xlsx")
    with pytest.raises(XlNpsError, match='has no "Score" column'):
        refresh(tmp_path / "nocol.xlsx")


@pytest.mark.parametrize(
    "content, message",
    [(b"", "is empty"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "legacy .xls"),
     (b"Date,Score\n2026-01-01,9\n", "not a valid .xlsx"), (b"PK\x03\x04broken", "not a valid .xlsx")],
)
def test_files_that_are_not_workbooks_are_refused_unchanged(tmp_path, content, message):
    path = tmp_path / "book.xlsx"
    path.write_bytes(content)
    with pytest.raises(XlNpsError, match=message):
        refresh(path)
    assert path.read_bytes() == content


def test_a_crash_while_saving_leaves_the_previous_file_and_no_temporary_file(two_quarters, monkeypatch):
    import xl_nps.workbook.write.parts as xlsx_patch_module

    before = sha(two_quarters)

    def broken_write(source, destination, report):
        destination.write_bytes(b"PK half a workbook")
        raise OSError("disk full")

    monkeypatch.setattr(xlsx_patch_module, "patch_report", broken_write)
    with pytest.raises(OSError, match="disk full"):
        refresh(two_quarters)
    assert sha(two_quarters) == before
    assert sorted(p.name for p in two_quarters.parent.iterdir()) == ["book.xlsx"]


def test_a_read_only_workbook_is_refused_unchanged(two_quarters):
    two_quarters.chmod(0o444)
    before = sha(two_quarters)
    with pytest.raises(XlNpsError, match="is read-only"):
        refresh(two_quarters)
    assert sha(two_quarters) == before
    two_quarters.chmod(0o644)


def test_a_folder_that_cannot_be_written_is_named(two_quarters, monkeypatch):
    import tempfile

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    before = sha(two_quarters)
    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(XlNpsError, match="cannot write in the folder .*Permission denied"):
        refresh(two_quarters)
    assert sha(two_quarters) == before


def test_the_refreshed_file_keeps_the_permissions_it_had(two_quarters):
    two_quarters.chmod(0o640)
    refresh(two_quarters)
    assert two_quarters.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600), (0o777, 0o600)])
def test_a_new_workbook_is_readable_and_writable_by_its_owner_whatever_the_umask(tmp_path, umask, mode):
    # 0o777 is Pyodide's umask (xlwings Lite): without care the new file had mode 0
    from xl_nps.workbook.demo import build_demo

    old = os.umask(umask)
    try:
        build_demo(tmp_path / "example.xlsx")
    finally:
        os.umask(old)
    assert (tmp_path / "example.xlsx").stat().st_mode & 0o777 == mode
    assert refresh(tmp_path / "example.xlsx").answers == 935


def test_comment_themes_per_quarter_and_how_they_moved(tmp_path):
    q1, q2 = dt.datetime(2026, 2, 1), dt.datetime(2026, 5, 1)
    rows = ([answer(q1, 3, f"a{i}", comment="delivery is slow") for i in range(5)]
            + [answer(q1, 10, f"b{i}", comment="friendly support") for i in range(5)]
            + [answer(q2, 2, f"c{i}", comment="billing errors") for i in range(4)]
            + [answer(q2, 4, f"d{i}", comment="delivery is slow") for i in range(1)]
            + [answer(q2, 9, f"e{i}", comment="friendly support") for i in range(5)])
    book = fill_respondents(tmp_path / "b.xlsx", rows)
    refresh(book)
    wb = openpyxl.load_workbook(book)
    q2_themes = read_tables(wb["2026 Q2"])["Themes: what drags the NPS down (first) and what lifts it (last)"]
    first = q2_themes[0]
    assert first["Theme"] in ("billing", "billing errors") and first["Detractors"] == 4
    assert first["Share of comments"] == pytest.approx(0.4) and first["Share previous quarter"] == 0
    comments = read_tables(wb["Comments"])
    newest = comments["2026 Q2 against 2026 Q1: what each group talks about"]
    detractor_rows = {r["Theme"]: r for r in newest if r["Category"] == "Detractors"}
    delivery = [r for name, r in detractor_rows.items() if "delivery" in name or "slow" in name][0]
    assert delivery["Share of the group's comments"] == pytest.approx(1 / 5)
    assert delivery["Share previous quarter"] == pytest.approx(1.0)
    assert delivery["Change (points)"] == pytest.approx(-80.0)
    assert "2026 Q1: what each group talks about" in comments


def test_temporary_files_left_by_a_killed_run_are_cleared_an_hour_later(two_quarters):
    import os
    import time

    old = two_quarters.parent / ".book-killed.xlsx.tmp"
    young = two_quarters.parent / ".book-running.xlsx.tmp"
    for leftover in (old, young):
        leftover.write_bytes(b"PK half")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    refresh(two_quarters)
    assert not old.exists() and young.exists()


def test_every_number_of_periods_and_quarter_sheets_matches_the_reference(two_quarters):
    refresh(two_quarters, min_answers=10)
    wb = openpyxl.load_workbook(two_quarters)
    by_quarter = {"2026 Q1": Q1, "2026 Q2": Q2}
    periods = {r["Quarter"]: r for r in read_tables(wb["Periods"])["All quarters"]}
    for label, scores in by_quarter.items():
        ref, row = reference(scores), periods[label]
        assert row["Respondents"] == ref["n"]
        assert row["Promoters"] == pytest.approx(ref["promoters"] / ref["n"])
        assert row["Passives"] == pytest.approx(ref["passives"] / ref["n"])
        assert row["Detractors"] == pytest.approx(ref["detractors"] / ref["n"])
        assert row["NPS"] == pytest.approx(ref["nps"])
        assert (row["CI low"], row["CI high"]) == (pytest.approx(ref["low"]), pytest.approx(ref["high"]))
        assert row["Margin of error"] == pytest.approx(ref["moe"])
        tables = read_tables(wb[label])
        assert {r["Category"]: r["Count"] for r in tables["Categories"]} == {
            "Promoters (9-10)": ref["promoters"], "Passives (7-8)": ref["passives"],
            "Detractors (0-6)": ref["detractors"], "Total": ref["n"]}
        for r in tables["Answers 0-10"]:
            assert r["Share"] == pytest.approx(scores.count(r["Score"]) / len(scores))
        for r in tables["NPS by segment"]:
            members = [s for i, s in enumerate(scores) if ("Enterprise" if i % 2 else "SMB") == r["Segment"]]
            assert (r["Respondents"], r["NPS"], r["Margin of error"]) == (
                len(members), pytest.approx(reference(members)["nps"]), pytest.approx(reference(members)["moe"]))
    diff, p = reference_change(Q2, Q1)
    assert periods["2026 Q2"]["Change"] == pytest.approx(diff)
    assert periods["2026 Q2"]["p-value"] == pytest.approx(p)
    assert periods["2026 Q1"]["Change"] is None  # nothing to compare the first quarter with


def test_a_missing_optional_column_reads_as_blank_not_as_the_users_next_column():
    day = dt.datetime(2026, 2, 3)
    table = [["Date", "Score", "Comment", "My notes"],
             [day, 9.0, " quick support ", "call in May"],
             [day, "ten", "", "typo"],
             [day, 3.0, None, None]]
    data = parse_respondents(table, "b.xlsx")
    assert data.rows == [2, 4] and data.scores.tolist() == [9, 3]
    assert data.comment == ["quick support", ""]
    assert data.respondent == data.company == data.segment == data.owner == data.status == ["", ""]
    assert [(p.row, p.column) for p in data.problems] == [(3, "B")] and data.rows_read == 3


def test_batches_of_plain_rows_and_odd_rows_among_them_read_as_the_rules_say(monkeypatch):
    # plain rows (a whole-number score, a date cell) are read a batch at a time, column by
    # column; a batch holding any other row is read row by row. Small batches here, so that
    # the odd rows below land in batches of their own and among plain ones.
    from xl_nps.workbook.read import respondents

    monkeypatch.setattr(respondents, "BATCH", 4)
    day = dt.date(2026, 1, 5)
    table = [["Date", "Respondent", "Company", "Segment", "Score", "Comment"]]
    expected = []  # (Excel row, day, score, respondent, company, comment)
    for i in range(30):
        table.append([day, f" r{i} ", f"Co {i % 3}", "SMB", float(i % 11), f" c{i}\n"])
        expected.append((i + 2, day, i % 11, f"r{i}", f"Co {i % 3}", f"c{i}"))
    odd = {  # Excel row -> the row, and what it reads as (None: left out)
        6: ([day, "r", "Co", "SMB", "7", "text score"], (6, day, 7, "r", "Co", "text score")),
        11: ([None, None, None, None, None, None], None),  # blank: skipped, not a problem
        15: ([day, "r", "Co", "SMB", 11.0, "eleven"], None),
        18: (["2026-03-04", "r", "Co", "SMB", 8.0, "text date"], (18, dt.date(2026, 3, 4), 8, "r", "Co", "text date")),
        21: ([day, "r", "Co", "SMB", 9.0], (21, day, 9, "r", "Co", "")),  # a short row: its missing cell is blank
        24: ([day, "r", "Co", "SMB", float("nan"), "nan"], None),
        27: ([dt.datetime(2026, 2, 1, 13, 30), 42.0, "Co", "SMB", -0.0, None], (27, dt.date(2026, 2, 1), 0, "42", "Co", "")),
        30: ([day, "r", "Co", "SMB", True, "boolean"], None),
    }
    for excel_row, (row, reads_as) in odd.items():
        table[excel_row - 1] = row
        expected[excel_row - 2] = reads_as
    expected = [e for e in expected if e is not None]
    data = respondents.parse_respondents(table, "b.xlsx")
    assert list(zip(data.rows, data.dates, data.scores.tolist(), data.respondent, data.company, data.comment)) == expected
    assert all(type(d) is dt.date for d in data.dates)
    assert data.segment == ["SMB"] * len(expected)
    assert data.owner == data.status == [""] * len(expected)
    assert [(p.row, p.column) for p in data.problems] == [(15, "E"), (24, "E"), (30, "E")]
    assert data.rows_read == 30 - 1  # the blank row is not read


def test_the_refresh_is_the_same_with_the_sheet_loaded_in_the_foreground(two_quarters, tmp_path, monkeypatch):
    # files over sheets.BACKGROUND_LIMIT (and places without threads) load the sheet at once
    import shutil

    from xl_nps.workbook.read import sheets

    copy = tmp_path / "copy.xlsx"
    shutil.copyfile(two_quarters, copy)
    background = refresh(two_quarters)
    monkeypatch.setattr(sheets, "BACKGROUND_LIMIT", 0)
    foreground = refresh(copy)
    assert foreground.report.digest() == background.report.digest() and foreground.answers == 10 + 10


def test_progress_counts_rows_up_to_the_total(two_quarters, monkeypatch):
    from xl_nps.workbook.read import respondents

    default = respondents._reporting.__defaults__
    monkeypatch.setattr(respondents._reporting, "__defaults__", (7,))
    calls = []
    refresh(two_quarters, lambda step, done=None, total=None: calls.append((step, done, total)))
    rows = [(done, total) for step, done, total in calls if step == "reading Respondents" and done is not None]
    total = rows[-1][1]
    assert total == 21 and default == (20_000,)  # a header and 20 answers
    assert [done for done, _ in rows] == [0, 7, 14, 21]


@pytest.mark.parametrize("while_loading", [True, False])
def test_settings_customers_and_callback_edits_read_while_the_answers_load_or_after(two_quarters, monkeypatch,
                                                                                   while_loading):
    # While the Respondents sheet loads in the background, the refresh reads its small sheets
    # (Customers, the Summary's minimum, the call-back lists' Owner and status) from a second
    # opening of the file; otherwise from the loader's. Forced either way here: tiny books load
    # before the main thread gets there, a large one after.
    from xl_nps.workbook.read import sheets

    refresh(two_quarters)
    wb = openpyxl.load_workbook(two_quarters)
    type_into_first_callback(wb, "Dana", "called")
    row, column = (13, 1)  # the Summary's minimum (names.MIN_ANSWERS_CELL)
    assert wb["Summary"].cell(row, column).value == "Report: fewest answers to judge a quarter"
    wb["Summary"].cell(row, column + 1).value = 11  # each quarter has 10 answers: both are small now
    customers = wb["Customers"]
    customers.append(["2026 Q2", 200, 10, 190])  # churn (200 + 10 - 190) / 200 = 10%
    wb.save(two_quarters)
    monkeypatch.setattr(sheets.Loading, "busy", lambda self: while_loading)
    refresh(two_quarters)
    book = openpyxl.load_workbook(two_quarters)
    callbacks = read_tables(book["2026 Q2"])["Detractors to call back (worst first)"]
    assert [(r["Score"], r["Owner"], r["Follow-up status"]) for r in callbacks][0] == (0, "Dana", "called")
    periods = {r["Quarter"]: r for r in read_tables(book["Periods"])["All quarters"]}
    assert periods["2026 Q1"]["Note"] == periods["2026 Q2"]["Note"] == (
        "only 10 answers of the 11 needed to judge a quarter: read with care")
    assert periods["2026 Q2"]["Churn"] == pytest.approx(0.1) and periods["2026 Q1"]["Churn"] is None


@pytest.mark.parametrize("loaded", ["in the foreground", "while the other sheets are read"])
def test_a_respondents_sheet_that_cannot_be_read_is_reported_before_a_bad_setting(two_quarters, tmp_path, monkeypatch,
                                                                                   loaded):
    """The other sheets are read while the answers load; if both are wrong, the unreadable
    Respondents sheet is what the message names, however long the load takes."""
    import re
    import time

    from xl_nps.workbook.read import sheets

    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(two_quarters) as z, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as out:
        book, rels = z.read("xl/workbook.xml").decode(), z.read("xl/_rels/workbook.xml.rels").decode()
        rid = re.search(r'<sheet [^>]*name="Respondents"[^>]*r:id="([^"]+)"', book).group(1)
        target = re.search(rf'<Relationship [^>]*Id="{rid}"[^>]*/>', rels).group(0)
        part = "xl/" + re.search(r'Target="/?(?:xl/)?([^"]+)"', target).group(1)
        for info in z.infolist():
            data = z.read(info.filename)
            out.writestr(info, data[:len(data) // 2] if info.filename == part else data)  # its XML cut short
    before = bad.read_bytes()
    if loaded == "in the foreground":
        monkeypatch.setattr(sheets, "BACKGROUND_LIMIT", 0)
    else:
        real = sheets.Book.iter_rows
        monkeypatch.setattr(sheets.Book, "iter_rows", lambda self, sheet: time.sleep(0.5) or real(self, sheet))
    with pytest.raises(XlNpsError, match="cannot read bad.xlsx as an Excel workbook"):
        refresh(bad, min_answers=0)  # --min-answers 0 is refused too
    assert bad.read_bytes() == before
