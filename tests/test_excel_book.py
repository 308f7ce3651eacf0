"""The refresh inside an open workbook (xlwings), run against an in-memory stand-in for
xlwings' Book: it writes the same report, cell for cell, as the command line does."""

import datetime as dt

import openpyxl
import pytest

from conftest import answer, fill_respondents
from fake_excel import Book
from reports import reference
from xl_nps import excel_book
from xl_nps.errors import XlNpsError
from xl_nps.workbook import names as L
from xl_nps.workbook.refresh import refresh

Q1 = [10, 9, 9, 10, 10, 9, 7, 8, 3, 6]
Q2 = [9, 10, 10, 8, 7, 7, 0, 2, 5, 6]
INJECTIONS = ['=HYPERLINK("http://x","click")', "+cmd|' /C calc'!A0", "@SUM(A1)", "'quoted"]


def rows_of(scores, day, comment=""):
    return [answer(day, s, f"r{i}@x.example", f"Co {i % 3}", "SMB" if i % 2 else "Enterprise",
                   comment if s <= 6 else "") for i, s in enumerate(scores)]


def fake_book(rows, user_sheet=None):
    book = Book()
    book.sheet_with("Start here", [["xl-nps"]])
    book.sheet_with(L.RESPONDENTS_SHEET, [list(L.RESPONDENT_COLUMNS)] + [[r.get(c) for c in L.RESPONDENT_COLUMNS] for r in rows])
    if user_sheet:
        book.sheet_with(user_sheet, [["mine"]])
    return book


def sheet_values(sheet):
    return {at: v for at, v in sheet.cells.items() if v is not None}


def test_the_open_workbook_gets_the_same_cells_as_the_command_line_writes(tmp_path):
    rows = rows_of(Q1, dt.datetime(2026, 2, 10), "slow") + rows_of(Q2, dt.datetime(2026, 5, 12), "price")
    book = fake_book(rows)
    excel_book.refresh_book(book)
    path = fill_respondents(tmp_path / "b.xlsx", rows)
    refresh(path)
    wb = openpyxl.load_workbook(path)
    for name in ["Periods", "2026 Q1", "2026 Q2", "Comments", "Problems"]:
        expected = {(c.row, c.column): c.value for row in wb[name].iter_rows() for c in row if c.value is not None}
        got = sheet_values(book.sheets[name])
        assert got.keys() == expected.keys(), name
        for at, value in expected.items():
            if isinstance(value, dt.datetime):  # openpyxl reads every date cell back as a datetime
                value = value.date()
            assert got[at] == (pytest.approx(value) if isinstance(value, float) else value), (name, at)
    assert [s.name for s in book.sheets] == ["Start here", "Respondents", "Periods", "2026 Q1", "2026 Q2", "Comments", "Problems"]
    assert len(book.sheets["Periods"].charts) == 2


def test_headline_values_match_an_independent_computation():
    book = fake_book(rows_of(Q1, dt.datetime(2026, 2, 10)))
    excel_book.refresh_book(book)
    cells = book.sheets["2026 Q1"].cells
    labels = {v: cells.get((r, c + 1)) for (r, c), v in cells.items() if isinstance(v, str)}  # label: the cell right of it
    ref = reference(Q1)
    assert labels["Net Promoter Score"] == pytest.approx(ref["nps"])
    assert labels["95% interval: low"] == pytest.approx(ref["low"])
    assert labels["Margin of error (95%)"] == pytest.approx(ref["moe"])


def test_respondent_text_is_written_as_text_never_as_a_formula():
    rows = [answer(dt.datetime(2026, 1, 5), 2, t, t, t, t) for t in INJECTIONS] + [answer(dt.datetime(2026, 1, 6), 10)]
    book = fake_book(rows)
    excel_book.refresh_book(book)
    for name in excel_book.generated_sheets(book):
        assert book.sheets[name].formulas == {}, name
    texts = set(sheet_values(book.sheets["2026 Q1"]).values())
    assert set(INJECTIONS) <= texts


def test_a_user_sheet_under_a_report_name_stops_the_refresh_before_any_change():
    book = fake_book(rows_of(Q1, dt.datetime(2026, 2, 10)), user_sheet="2026 Q1")
    before = [s.name for s in book.sheets]
    with pytest.raises(XlNpsError, match='sheet named "2026 Q1" that xl-nps did not make'):
        excel_book.refresh_book(book)
    assert [s.name for s in book.sheets] == before
    assert book.sheets["2026 Q1"].cells[(1, 1)] == "mine"


def test_a_second_refresh_with_the_same_data_changes_nothing():
    book = fake_book(rows_of(Q1, dt.datetime(2026, 2, 10)))
    excel_book.refresh_book(book)
    first = list(book.sheets)
    excel_book.refresh_book(book)
    assert list(book.sheets) == first


def test_new_data_replaces_only_the_generated_sheets_and_keeps_typed_follow_up():
    rows = rows_of(Q1, dt.datetime(2026, 2, 10), "slow")
    book = fake_book(rows, user_sheet="My notes")
    excel_book.refresh_book(book)
    sheet = book.sheets["2026 Q1"]
    (table,) = sheet.tables
    header = table.range.value[0]
    first_row = table.range.first[0] + 1
    sheet.cells[(first_row, header.index("Owner") + 1)] = "Dana"
    respondents = book.sheets[L.RESPONDENTS_SHEET]
    respondents.range((len(rows) + 2, 1)).value = [[dt.datetime(2026, 3, 1), "new@x.example", "", "", 1]]
    excel_book.refresh_book(book)
    assert book.sheets["My notes"].cells[(1, 1)] == "mine"
    table = book.sheets["2026 Q1"].tables[0]
    values = table.range.value
    owners = {row[values[0].index("Respondent")]: row[values[0].index("Owner")] for row in values[1:]}
    assert owners["new@x.example"] is None
    assert "Dana" in owners.values()


def test_main_shows_a_refused_refresh_as_an_alert(monkeypatch):
    import xlwings as xw

    book = fake_book([answer(dt.datetime(2026, 1, d + 1), s) for d, s in enumerate([1, 2, 3, 4, 5] * 3)])
    monkeypatch.setattr(xw.Book, "caller", staticmethod(lambda: book), raising=False)
    excel_book.main()
    assert "looks like a 1-5 satisfaction or effort scale" in book.app.alerted
    assert [s.name for s in book.sheets] == ["Start here", "Respondents"]


def test_the_open_workbook_gets_the_same_widths_wrapping_and_row_heights(tmp_path):
    rows = rows_of(Q1, dt.datetime(2026, 2, 10), "Two things:\nslow support\nand the price")
    book = fake_book(rows)
    excel_book.refresh_book(book)
    path = fill_respondents(tmp_path / "b.xlsx", rows)
    refresh(path)
    ws = openpyxl.load_workbook(path)["2026 Q1"]
    sheet = book.sheets["2026 Q1"]
    heights = {first[0]: h for (first, _), h in sheet.row_heights.items()}
    assert heights == {r: d.height for r, d in ws.row_dimensions.items() if d.height}
    assert max(heights.values()) >= 3 * 15  # the three-line comment
    widths = {first[1]: w for (first, _), w in sheet.column_widths.items()}
    hidden = {c for c, w in widths.items() if w == 0}
    assert hidden == {c for c in range(1, 20) if ws.column_dimensions[openpyxl.utils.get_column_letter(c)].hidden}
    wrapped = {first[1] for (first, last), on in sheet.wrap_texts.items() if on}
    comment_column = next(c.column for row in ws.iter_rows() for c in row if c.value == "Comment")
    assert comment_column in wrapped
