"""The report as people read and print it: the layout rules that can be checked in the file.

Two workbooks are built the way a user builds them, through the command line: the demo, and a
book started with ``xl-nps new`` into which an export of hostile text was imported (long,
multi-line, right-to-left, CJK, emoji and formula-like comments). The rules are checked on
every sheet of both, as openpyxl reads the file back; what the pages look like was checked
by rendering them (tools/render_example.py BOOK OUT) and looking.
"""

import math
import re

import openpyxl
import pytest
from openpyxl.utils import column_index_from_string, get_column_letter, range_boundaries

from hostile_files import hostile_text_export
from xl_nps.cli import main
from xl_nps.workbook.report import placement
from xl_nps.workbook.report.model import Sheet, Table

LINE = 15  # points: Excel's height of one line of 11-point Calibri


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "example.xlsx"
    assert main(["demo", "--out", str(path)]) == 0
    return openpyxl.load_workbook(path)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    book = folder / "book.xlsx"
    assert main(["new", str(book)]) == 0
    assert main(["import", str(hostile_text_export(folder)), str(book)]) == 0
    assert main(["refresh", str(book)]) == 0
    return openpyxl.load_workbook(book)


@pytest.fixture(params=["demo", "hostile"])
def book(request):
    return request.getfixturevalue(request.param)


REPORT = re.compile(r"^(Periods|Comments|Problems|\d{4} Q[1-4])$")


def report_sheets(wb):
    return [ws for ws in wb.worksheets if REPORT.match(ws.title)]


def width(ws, col: int) -> float:
    dimension = ws.column_dimensions.get(get_column_letter(col))
    return dimension.width if dimension is not None and dimension.width else 8.43


def hidden_columns(ws) -> set[int]:
    out = set()
    for letter, dimension in ws.column_dimensions.items():
        if dimension.hidden:
            low, high = dimension.min or column_index_from_string(letter), dimension.max or column_index_from_string(letter)
            out |= set(range(low, high + 1))
    return out


def test_hidden_columns_hold_only_the_call_back_keys(book):
    """No table, title or note falls into a hidden column: what is there belongs to an Excel
    table's column named Key."""
    for ws in report_sheets(book):
        keys = set()  # (row, column) cells of Key columns
        for table in ws.tables.values():
            first_col, first_row, _, last_row = range_boundaries(table.ref)
            for offset, column in enumerate(table.tableColumns):
                if column.name == "Key":
                    keys |= {(r, first_col + offset) for r in range(first_row, last_row + 1)}
        for col in hidden_columns(ws):
            for (cell,) in ws.iter_rows(min_col=col, max_col=col):
                if cell.value not in (None, ""):
                    assert (cell.row, col) in keys, (ws.title, cell.coordinate, cell.value)
    quarter = book[[ws.title for ws in report_sheets(book) if ws.title[0].isdigit()][-1]]
    assert hidden_columns(quarter), "the call-back list keeps its key in a hidden column"
    themes = [t for t in quarter.tables.values()]  # the themes table is no Excel table: find it by its header
    header = next(row for row in quarter.iter_rows() if any(c.value == "Share previous quarter" for c in row))
    column = next(c.column for c in header if c.value == "Share previous quarter")
    assert column not in hidden_columns(quarter) and themes


def lines_at_least(text: str, column_width: float) -> int:
    """A lower bound for the lines a text takes when wrapped: its line breaks, and no letter
    narrower than half a digit (Calibri's narrowest letters, i and l, are about half)."""
    return max(math.ceil(len(line) * 0.5 / column_width) or 1 for line in re.split(r"\r\n|\r|\n", text))


def test_text_that_needs_more_than_one_line_wraps_in_a_row_tall_enough(book):
    checked = 0
    for ws in report_sheets(book):
        for header, data in tables_of(ws):
            for cell in header + [c for row in data for c in row]:
                if not isinstance(cell.value, str) or cell.font.i:  # a note under a table runs across it
                    continue
                lines = lines_at_least(cell.value, width(ws, cell.column))
                if lines == 1:
                    continue
                checked += 1
                assert cell.alignment.wrap_text, (ws.title, cell.coordinate)
                height = ws.row_dimensions[cell.row].height
                assert height is not None and height >= min(lines * LINE, 409.5), (ws.title, cell.coordinate, height, lines)
                if lines * LINE >= 409.5:
                    assert height == 409.5  # as tall as Excel allows
    multi_line = sum(1 for ws in report_sheets(book) for row in ws.iter_rows() for c in row
                     if isinstance(c.value, str) and "\n" in c.value)
    assert checked >= multi_line  # every text with a line break was looked at (the hostile book has some)


def test_multi_line_comments_of_the_hostile_book(hostile):
    """Every comment with line breaks, in the call-back list and in Comments by category."""
    seen = []
    for ws in report_sheets(hostile):
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and "\n" in cell.value:
                    seen.append(ws.title)
                    assert cell.alignment.wrap_text and cell.alignment.vertical == "top"
                    assert (ws.row_dimensions[cell.row].height or LINE) >= (cell.value.count("\n") + 1) * LINE, (ws.title, cell.coordinate)
    assert len(seen) >= 4  # two multi-line comments, each in a call-back list or the comments of its quarter


def test_titles_and_notes_end_within_the_sheets_columns(book):
    """They run across the empty cells to their right; one that may not fit in the sheet's
    columns (a letter takes up to a digit) is merged across them and wraps in a row tall enough
    for its lines (letters at least half a digit wide), so nothing runs off the printed page."""
    merged_checked = 0
    for ws in report_sheets(book):
        shown = sum(width(ws, c) for c in range(1, ws.max_column + 1) if c not in hidden_columns(ws))
        merges = {m.min_row: m for m in ws.merged_cells.ranges}
        for row in ws.iter_rows():
            filled = [c for c in row if c.value not in (None, "")]
            if len(filled) != 1 or not isinstance(filled[0].value, str):
                continue
            cell = filled[0]
            scale = 1.4 if cell.font.b else 1.0
            if len(cell.value) * scale > shown:
                merge = merges.get(cell.row)
                assert merge is not None and merge.min_col == cell.column, (ws.title, cell.value[:40])
                assert merge.max_col >= max(c for c in range(1, ws.max_column + 1) if c not in hidden_columns(ws)) - 1
                assert cell.alignment.wrap_text
                lines = math.ceil(len(cell.value) * 0.5 * scale / shown)
                assert (ws.row_dimensions[cell.row].height or LINE) >= lines * LINE
                merged_checked += 1
    if book is not None and "Comments" in book.sheetnames:
        note = book["Comments"]["A2"].value or ""
        assert len(note) < 100 or merged_checked  # the Comments sheet's long note was looked at


def tables_of(ws):
    """(header cells, data rows) of each table on a report sheet: a header row is a row of
    filled header cells; its data runs to the next empty row."""
    rows = list(ws.iter_rows())
    for i, row in enumerate(rows):
        cells = [c for c in row if c.value not in (None, "")]
        if len(cells) > 1 and all(c.fill.fill_type == "solid" for c in cells):
            data = []
            for below in rows[i + 1:]:
                if not any(c.value not in (None, "") for c in below):
                    break
                data.append(below)
            yield cells, data


def test_numbers_and_their_headers_align_right_and_text_after_a_number_is_indented(book):
    checked = 0
    for ws in report_sheets(book):
        for header, data in tables_of(ws):
            for position, head in enumerate(header):
                values = [r[head.column - 1] for r in data if r[head.column - 1].value not in (None, "")]
                if position and values and all(isinstance(c.value, (int, float)) for c in values):
                    assert head.alignment.horizontal == "right", (ws.title, head.coordinate)
                    assert all(c.alignment.horizontal in (None, "general", "right") for c in values)
                    checked += 1
            for r in data:
                for left, cell in zip(r, r[1:]):
                    if isinstance(left.value, (int, float)) and isinstance(cell.value, str) and cell.value:
                        # "0.6503  no", not "0.6503no": text is indented, or sits right in a
                        # column of numbers that is wider than it
                        assert cell.alignment.indent >= 1 or (
                            cell.alignment.horizontal == "right"
                            and width(ws, cell.column) >= len(cell.value) * 0.5 + 1), (ws.title, cell.coordinate)
    assert checked > 0


def test_every_sheet_prints_one_page_wide_with_a_footer(book):
    for ws in book.worksheets:
        setup = ws.page_setup
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert (int(setup.fitToWidth), int(setup.fitToHeight)) == (1, 0), ws.title
        assert ws.oddFooter.left.text == "&A" and ws.oddFooter.right.text == "Page &P of &N", ws.title
        shown = sum(width(ws, c) for c in range(1, ws.max_column + 1) if c not in hidden_columns(ws))
        if shown > 110:  # digits: more than a portrait page holds at 90%
            assert setup.orientation == "landscape", (ws.title, shown)
        if shown < 90:
            assert setup.orientation == "portrait", (ws.title, shown)


def test_every_page_repeats_the_header_row_or_the_title(book):
    assert book["Respondents"].print_title_rows.replace("$", "") == "1:1"
    assert book["Customers"].print_title_rows.replace("$", "") == "1:1"
    for ws in report_sheets(book):
        rows = ws.print_title_rows.replace("$", "")
        if len(list(tables_of(ws))) == 1:  # Periods, Problems: the table's header row
            header, _ = next(tables_of(ws))
            assert rows == f"{header[0].row}:{header[0].row}", ws.title
        else:  # quarter sheets and Comments: the sheet's title
            assert rows == "1:1", ws.title


def test_start_here_and_respondents_print_landscape(book):
    """The issue: Start here ran off a portrait page; Respondents printed across 21 pages."""
    assert book["Start here"].page_setup.orientation == "landscape"
    assert book["Respondents"].page_setup.orientation == "landscape"


# ---------------------------------------------------------------- the rules on their own

def test_line_count_by_hand():
    # width 10 digits holds 9 - 2 x indent digits of text; letters are 0.9 of a digit
    assert placement.line_count("short", 10) == 1
    assert placement.line_count("one two three four", 10) == 2  # "one two " 7.2 | "three " 5.4 + "four" 3.6 = 9
    assert placement.line_count("one two three four", 9) == 3  # lines of 8: "one two" | "three" | "four"
    assert placement.line_count("a\nb\r\nc", 60) == 3
    assert placement.line_count("x" * 30, 10) == 3  # 27 digits broken into lines of 9
    assert placement.line_count("x" * 31, 10) == 4  # 27.9 digits
    assert placement.line_count("中文" * 10, 11) == 5  # 20 characters of 2.1 digits: 42 / 10 per line
    assert placement.line_count("one two three", 9) == 2  # lines of 8: "one two " 7.2 | "three"
    assert placement.line_count("one two three", 9, indent=1) == 3  # lines of 6: "one" | "two" | "three"


def test_a_hidden_column_is_the_sheets_first_and_nothing_else_uses_it():
    wide = Table("Wide", [f"c{i}" for i in range(12)], [list(range(12))])
    keyed = Table("Keyed", ["Name", "Key"], [["ann", "k1"]], hidden=("Key",))
    layout = placement.lay_out(Sheet("2026 Q1", "title", [wide, keyed]))
    assert layout.hidden_columns == [1]
    used = {(b.col + i) for b in layout.blocks for values in b.values for i, v in enumerate(values) if v not in (None, "")}
    keyed_block = next(b for b in layout.blocks if b.values == [["ann", "k1"][::-1]])
    assert keyed_block.col == 1 and keyed_block.values[0][0] == "k1"
    assert all(b.col >= 2 for b in layout.blocks if b is not keyed_block and b.values[0][0] != "Key")
    assert 13 in used  # the wide table runs from column 2 to 13


def test_print_set_up_follows_the_width():
    narrow = placement.lay_out(Sheet("Problems", "t", [Table("P", ["Sheet", "Row"], [["Respondents", 2]])]))
    assert not narrow.page.landscape and narrow.page.title_rows == (5, 5)
    wide = placement.lay_out(Sheet("Problems", "t", [Table("P", ["Comment"] * 3, [["x" * 80] * 3])]))
    assert wide.page.landscape


def test_a_second_refresh_keeps_one_print_title_per_sheet(tmp_path):
    """The replaced report sheets' names go with them (two _xlnm.Print_Titles for one sheet
    make Excel repair the file)."""
    import zipfile

    from conftest import answer, fill_respondents
    from xl_nps.workbook.refresh import refresh
    import datetime as dt

    rows = [answer(dt.datetime(2026, 2, 1 + i), s) for i, s in enumerate([9, 10, 3, 7, 8, 9, 10, 2, 6, 9])]
    book = fill_respondents(tmp_path / "book.xlsx", rows)
    refresh(book)
    wb = openpyxl.load_workbook(book)
    wb["Respondents"]["E3"] = 0  # a change, so that the report is written again
    wb.save(book)
    refresh(book)
    workbook_xml = zipfile.ZipFile(book).read("xl/workbook.xml").decode()
    scopes = re.findall(r'<definedName name="_xlnm.Print_Titles" localSheetId="(\d+)"', workbook_xml)
    assert len(scopes) == len(set(scopes)) == len(openpyxl.load_workbook(book).sheetnames) - 3  # Start here, Loyalty, Summary have none


def test_imported_comments_wrap_in_the_respondents_sheet(hostile):
    """Without wrapping, a multi-line comment runs over the rows above and a long one off the
    printed page."""
    ws = hostile["Respondents"]
    comment = 1 + [c.value for c in ws[1]].index("Comment")
    cells = [row[comment - 1] for row in ws.iter_rows(min_row=2) if row[comment - 1].value]
    assert len(cells) == 28
    assert all(c.alignment.wrap_text for c in cells)
    for c in cells:  # a row as tall as its lines (LibreOffice does not size rows as it opens a file)
        lines = lines_at_least(c.value, width(ws, c.column))
        height = ws.row_dimensions[c.row].height
        assert (height is None and lines == 1) or height >= min(lines * LINE, 409.5), (c.coordinate, height, lines)
