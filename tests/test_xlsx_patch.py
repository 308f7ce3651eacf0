"""The refresh writes only its own parts: everything else in the file comes out unchanged,
including what openpyxl would drop (sparklines, cached formula results)."""

import datetime as dt
import re
import zipfile

import openpyxl
import pytest

from conftest import answer, fill_respondents
from xl_nps.workbook.refresh import refresh

# The tests edit the workbook with openpyxl, which warns that it drops sparklines (that is the point).
pytestmark = pytest.mark.filterwarnings("ignore:Sparkline Group extension")

SPARKLINES = (
    '<extLst><ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" '
    'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:sparklineGroups '
    'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:sparklineGroup><x14:sparklines>'
    "<x14:sparkline><xm:f>'My sheet'!B1:D1</xm:f><xm:sqref>E1</xm:sqref></x14:sparkline></x14:sparklines>"
    "</x14:sparklineGroup></x14:sparklineGroups></ext></extLst>"
)


def parts(path):
    with zipfile.ZipFile(path) as archive:
        return {info.filename: (archive.read(info.filename), info.CRC, info.compress_size) for info in archive.infolist()}


def sheet_part(path, name):
    with zipfile.ZipFile(path) as archive:
        workbook = archive.read("xl/workbook.xml").decode()
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(rf'<sheet [^>]*name="{re.escape(name)}"[^>]*r:id="([^"]+)"', workbook).group(1)
    target = re.search(rf'<Relationship [^>]*Id="{rid}"[^>]*/>', rels).group(0)
    target = re.search(r'Target="([^"]+)"', target).group(1).lstrip("/")
    return target if target.startswith("xl/") else "xl/" + target


@pytest.fixture
def book(tmp_path):
    rows = [answer(dt.datetime(2026, 1 + i % 6, 3), s, f"r{i}", "Co", "SMB", "price" if s < 7 else "support")
            for i, s in enumerate([10, 9, 3, 8, 0, 10, 7, 9, 2, 10])]
    path = fill_respondents(tmp_path / "book.xlsx", rows)
    wb = openpyxl.load_workbook(path)
    mine = wb.create_sheet("My sheet")
    mine["A1"], mine["B1"], mine["C1"], mine["D1"] = "=1+1", 1, 3, 2
    wb.save(path)
    # add what openpyxl cannot write: sparklines and a cached formula result
    part = sheet_part(path, "My sheet")
    with zipfile.ZipFile(path) as archive:
        items = [(info, archive.read(info.filename)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in items:
            if info.filename == part:
                data = data.decode().replace("<f>1+1</f><v></v>", "<f>1+1</f><v>2</v>").replace(
                    "</worksheet>", SPARKLINES + "</worksheet>").encode()
            archive.writestr(info, data)
    return path


def test_user_parts_come_out_byte_for_byte_identical(book):
    before = parts(book)
    refresh(book)
    after = parts(book)
    for name in ("xl/worksheets/sheet2.xml", sheet_part(book, "My sheet"), "xl/worksheets/sheet1.xml",
                 "xl/tables/table1.xml", "xl/theme/theme1.xml"):
        assert after[name] == before[name], name
    assert SPARKLINES.encode() in after[sheet_part(book, "My sheet")][0]
    assert b"<v>2</v>" in after[sheet_part(book, "My sheet")][0]


def test_styles_are_added_once_and_reused_on_later_refreshes(book):
    def cell_formats(path):
        with zipfile.ZipFile(path) as archive:
            return int(re.search(rb'<cellXfs count="(\d+)"', archive.read("xl/styles.xml")).group(1))

    refresh(book)
    first = cell_formats(book)
    wb = openpyxl.load_workbook(book)
    wb["Respondents"]["E2"] = 4  # a change, so the report is rewritten
    wb.save(book)
    refresh(book)
    second = cell_formats(book)
    wb = openpyxl.load_workbook(book)
    wb["Respondents"]["E2"] = 6
    wb.save(book)
    refresh(book)
    assert cell_formats(book) == second
    with zipfile.ZipFile(book) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/xlnps_"):
                used = [int(s) for s in re.findall(rb'<c [^>]*s="(\d+)"', archive.read(name))]
                assert max(used) < second, name
    assert first > 0


def test_names_and_views_of_sheets_after_the_report_follow_their_sheet(book):
    refresh(book)
    wb = openpyxl.load_workbook(book)
    late = wb.create_sheet("After the report")
    late["A1"] = "mine"
    late.print_area = "A1:B4"
    wb.active = wb.sheetnames.index("After the report")
    wb.save(book)
    wb = openpyxl.load_workbook(book)
    wb["Respondents"]["E3"] = 5
    wb.save(book)
    refresh(book)
    wb = openpyxl.load_workbook(book)
    assert wb.active.title == "After the report"
    assert wb["After the report"].print_area == "'After the report'!$A$1:$B$4"
    assert wb["After the report"]["A1"].value == "mine"


def test_import_adds_rows_into_the_file_and_copies_every_other_part(book, tmp_path):
    from libreoffice import convert
    from xl_nps.workbook.importer import import_survey
    from xl_nps.workbook.read.survey import read_survey

    before = parts(book)
    csv = tmp_path / "s.csv"
    csv.write_text('Date,Score,Comment,Email\n2026-07-01,9,"=HYPERLINK(""x"")",a@x.example\n2026-07-02,4,slow,b@x.example\n',
                   encoding="utf-8")
    assert import_survey(read_survey(csv), book).added == 2
    after = parts(book)
    for name in (sheet_part(book, "My sheet"), "xl/theme/theme1.xml", sheet_part(book, "Summary")):
        assert after[name] == before[name], name
    ws = openpyxl.load_workbook(book)["Respondents"]
    assert [ws.cell(r, 5).value for r in (12, 13)] == [9, 4]
    assert ws["A12"].value == dt.datetime(2026, 7, 1) and ws["A12"].is_date
    assert ws["G12"].value == '=HYPERLINK("x")' and ws["G12"].data_type == "s"
    assert ws.tables["Respondents"].ref == "A1:I13"
    recalculated = openpyxl.load_workbook(convert(book, tmp_path), data_only=True)["Respondents"]
    assert [recalculated.cell(r, 6).value for r in (11, 12, 13)] == ["Promoter", "Promoter", "Detractor"]


def test_a_report_re_saved_by_openpyxl_is_replaced_part_by_part(book):
    """A refreshed book that went through openpyxl since (as the old fallback wrote it, or a
    user's script): the report sheets are still recognised, replaced, and nothing is left over."""
    refresh(book)
    wb = openpyxl.load_workbook(book)
    wb["Respondents"]["E2"] = 0
    wb.save(book)
    refresh(book)
    from reports import read_tables

    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames[-5:] == ["Periods", "2026 Q1", "2026 Q2", "Comments", "Problems"]
    assert len(wb.sheetnames) == 11
    headline = {r["Measure"]: r["Value"] for r in read_tables(wb["2026 Q1"])["Headline"]}
    # Q1 now holds 0, 9, 3, 7, 9, 2: two promoters, three detractors of six
    assert headline["Net Promoter Score"] == pytest.approx(100 * (2 - 3) / 6)
    with zipfile.ZipFile(book) as archive:
        assert archive.testzip() is None
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
        sheets = [n for n in archive.namelist() if re.fullmatch(r"xl/worksheets/[^/]+\.xml", n)]
    assert all(name.split("/")[-1] in rels for name in sheets)  # no part of the old report is left behind
    assert len(sheets) == 11
