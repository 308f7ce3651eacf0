"""The part writer reads workbook.xml however a producer spells it.

openpyxl writes workbook.xml with lxml when lxml is installed (it is, wherever pandas' Excel
stack or the OOXML checker of these tests is), and then declares the relationships namespace
on every <sheet> element instead of on <workbook>. Both spellings are the same XML. (The part
writer before its parser-based rewrite lost the active sheet here.)
"""

import datetime as dt
import zipfile

import openpyxl

from conftest import answer, fill_respondents
from xl_nps.workbook.refresh import refresh

R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def as_openpyxl_with_lxml_writes_it(path):
    """Move the r: namespace declaration from <workbook> onto each <sheet>, as openpyxl does with lxml."""
    with zipfile.ZipFile(path) as archive:
        items = [(info, archive.read(info.filename)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in items:
            if info.filename == "xl/workbook.xml":
                text = data.decode()
                if R in text.split("<sheets>")[0]:  # openpyxl without lxml put it on <workbook>
                    text = text.replace(" " + R, "", 1).replace("<sheet ", f"<sheet {R} ")
                assert text.count(R) == text.count("<sheet ")
                data = text.encode()
            archive.writestr(info, data)


def test_the_active_sheet_after_the_report_stays_active_whatever_the_namespace_spelling(tmp_path):
    rows = [answer(dt.datetime(2026, 1 + i % 6, 3), s, f"r{i}") for i, s in enumerate([10, 9, 3, 8, 0, 10, 7])]
    book = fill_respondents(tmp_path / "book.xlsx", rows)
    refresh(book)
    wb = openpyxl.load_workbook(book)
    wb.create_sheet("After the report")["A1"] = "mine"
    wb.active = wb.sheetnames.index("After the report")
    wb["Respondents"]["E3"] = 5  # a change, so the report is written again
    wb.save(book)
    as_openpyxl_with_lxml_writes_it(book)
    assert openpyxl.load_workbook(book).active.title == "After the report"
    refresh(book)
    assert openpyxl.load_workbook(book).active.title == "After the report"
