"""The user's road with books from every common writer: a book started by `xl-nps new`,
openpyxl (with and without lxml), XlsxWriter, pandas (both engines), a LibreOffice save, and
books in the exact shape Excel, Google Sheets and the Open XML SDK save (bench/book_kinds.py).

For each: refresh, import a few new answers, refresh again. The report must hold the
numbers worked out from the answers by hand (tests/reports.reference); every part of the
user's file other than the few the refresh and import edit must come out byte for byte
(a re-save with openpyxl would change them all); and the OOXML checker must find nothing in
the result that it did not find in the book as the writer made it."""

import datetime as dt
import json
import random
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from reports import read_tables, reference
from xl_nps.workbook.importer import import_survey
from xl_nps.workbook.read.survey import read_survey
from xl_nps.workbook.refresh import refresh

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import book_kinds  # noqa: E402

CHECKER = ROOT / "tests" / "ooxml_check" / "validate.py"  # the copy kept with the tests (CI has only the checkout)
Q1_SCORES = [10, 9, 9, 10, 10, 9, 7, 8, 3, 6, 9, 2]
Q2_SCORES = [8, 5, 10, 0, 9, 7]
NEW_Q2 = [9, 9, 4]  # imported later, with two answers in a new quarter
NEW_Q3 = [10, 6]


def answers(scores, start: dt.datetime, tag: str):
    rng = random.Random(tag)
    return [(start + dt.timedelta(days=i), f"{tag}{i}@example.com", f"Company {i % 3} & Sons",
             rng.choice(["SMB", "Enterprise"]), score, rng.choice(["", "price <too> high", "great support"]))
            for i, score in enumerate(scores)]


BOOK = answers(Q1_SCORES, dt.datetime(2026, 1, 10), "q1-") + answers(Q2_SCORES, dt.datetime(2026, 4, 7), "q2-")
IMPORTED = answers(NEW_Q2, dt.datetime(2026, 5, 20), "new-q2-") + answers(NEW_Q3, dt.datetime(2026, 7, 2), "new-q3-")
EDITED = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml", "xl/calcChain.xml")


def parts(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def respondents_part(path) -> str:
    """The Respondents sheet's part and its table parts (the import edits them)."""
    from xl_nps.workbook.write.package import Package
    from xl_nps.workbook.write.workbook_part import WorkbookPart

    with zipfile.ZipFile(path) as archive:
        package = Package(archive)
        sheet = next(s for s in WorkbookPart(package).sheets if s.name == "Respondents")
        return [sheet.part] + [r.target for r in package.rels(sheet.part) if r.type.endswith("/table")]


@pytest.fixture(scope="module")
def roads(tmp_path_factory):
    """Every kind of book taken down the road; what each step left behind."""
    tmp = tmp_path_factory.mktemp("kinds")
    csv = book_kinds.write_csv(tmp / "new answers.csv", IMPORTED)
    out = {}
    for kind in book_kinds.KINDS:
        if kind == "LibreOffice":
            from libreoffice import soffice
            soffice()  # skips (or fails in CI) without LibreOffice
        name = re.sub(r"\W+", "-", kind)
        made = book_kinds.make(kind, tmp / f"{name}-made.xlsx", BOOK)
        book = tmp / f"{name}.xlsx"
        book.write_bytes(made.read_bytes())
        first = refresh(book)
        after_first = book.with_name(f"{name}-first.xlsx")
        after_first.write_bytes(book.read_bytes())
        imported = import_survey(read_survey(csv), book)
        after_import = book.with_name(f"{name}-imported.xlsx")
        after_import.write_bytes(book.read_bytes())
        second = refresh(book)
        out[kind] = dict(made=made, first=first, after_first=after_first, imported=imported,
                         after_import=after_import, second=second, book=book)
    return out


@pytest.fixture(scope="module")
def findings(roads):
    """The OOXML checker's findings (schema, Excel repair triggers) for every book made and
    every book at the end of the road, from one run."""
    if not CHECKER.exists():
        pytest.skip(f"the OOXML checker is not at {CHECKER}")
    files = [road[key] for road in roads.values() for key in ("made", "book")]
    report = files[0].with_name("findings.json")
    subprocess.run([sys.executable, str(CHECKER), "--xsd", "--rules", "--json", str(report), *map(str, files)],
                   capture_output=True, text=True)
    found: dict[str, set] = {str(f.name): set() for f in files}
    for item in json.loads(report.read_text()):
        if item["severity"] in ("REPAIR", "WARN", "SCHEMA"):
            part = re.sub(r"\d+", "#", item["part"]) if "xlnps_" in item["part"] else item["part"]
            found[Path(item["file"]).name].add((item["severity"], part, item["check"], re.sub(r"\d+", "#", item["message"])))
    return found


@pytest.mark.parametrize("kind", book_kinds.KINDS)
def test_refresh_report_holds_the_hand_counted_numbers(roads, kind):
    road = roads[kind]
    assert road["first"].changed and road["first"].quarters == ["2026 Q1", "2026 Q2"]
    assert road["imported"].added == len(IMPORTED) and road["imported"].duplicates == 0
    assert road["second"].changed and road["second"].quarters == ["2026 Q1", "2026 Q2", "2026 Q3"]
    wb = openpyxl.load_workbook(road["book"])
    assert wb.sheetnames[-6:] == ["Periods", "2026 Q1", "2026 Q2", "2026 Q3", "Comments", "Problems"]
    assert "Notes" in wb.sheetnames or kind == "xl-nps new" or kind == "LibreOffice"
    periods = {r["Quarter"]: r for r in read_tables(wb["Periods"])["All quarters"]}
    for quarter, scores in (("2026 Q1", Q1_SCORES), ("2026 Q2", Q2_SCORES + NEW_Q2), ("2026 Q3", NEW_Q3)):
        ref = reference(scores)
        assert periods[quarter]["Respondents"] == ref["n"], (kind, quarter)
        assert periods[quarter]["NPS"] == pytest.approx(ref["nps"]), (kind, quarter)
    respondents = wb["Respondents"]
    imported_rows = [r for r in respondents.iter_rows(values_only=True) if r[0] and str(r[1]).startswith("new-")]
    assert len(imported_rows) == len(IMPORTED)
    assert imported_rows[0][0] == dt.datetime(2026, 5, 20)  # a date, in the book's date system


@pytest.mark.parametrize("kind", book_kinds.KINDS)
def test_the_users_parts_come_out_byte_for_byte(roads, kind):
    """Refresh: everything but workbook.xml, its rels, content types and styles is the
    writer's own bytes. Import: the same, plus the Respondents sheet and its table."""
    road = roads[kind]
    made, first, imported = parts(road["made"]), parts(road["after_first"]), parts(road["after_import"])
    for name, data in made.items():
        if name not in EDITED:
            assert first.get(name) == data, (kind, "refresh", name)
    own = set(respondents_part(road["after_first"]))
    for name, data in first.items():
        if name not in EDITED and name not in own:
            assert imported.get(name) == data, (kind, "import", name)
    final = parts(road["book"])
    for name, data in imported.items():
        if name not in EDITED and "xlnps_" not in name:
            assert final.get(name) == data, (kind, "second refresh", name)


@pytest.mark.parametrize("kind", book_kinds.KINDS)
def test_excel_would_open_the_result_without_repair(roads, findings, kind):
    road = roads[kind]
    new = findings[road["book"].name] - findings[road["made"].name]
    assert new == set(), kind


@pytest.mark.parametrize("kind", book_kinds.KINDS)
def test_prefixes_and_ignorable_namespaces_are_kept(roads, kind):
    """workbook.xml and styles.xml keep the writer's root start tag (namespace declarations,
    mc:Ignorable) and extension lists; new elements use the writer's prefixes."""
    made, final = parts(roads[kind]["made"]), parts(roads[kind]["book"])
    for name in ("xl/workbook.xml", "xl/styles.xml"):
        before, after = made[name].decode(), final[name].decode()
        root = re.search(r"<[^?!][^>]*>", before).group(0)
        assert root in after, (kind, name)
        assert re.findall(r"<(?:\w+:)?extLst\b.*?</(?:\w+:)?extLst>", before, re.S) == re.findall(
            r"<(?:\w+:)?extLst\b.*?</(?:\w+:)?extLst>", after, re.S), (kind, name)
    if kind.startswith("Open XML SDK"):
        workbook = final["xl/workbook.xml"].decode()
        assert re.search(r'<x:sheet name="Periods" sheetId="\d+" r:id="rIdXlNps\d+"/>', workbook)
        assert "<x:definedName " in workbook and "<sheet " not in workbook


def test_a_1904_workbook_gets_its_dates_in_its_own_date_system(tmp_path):
    """A workbook on the 1904 date system (made on a Mac): imported answers and report dates
    are counted from 1904-01-01, so they read back as the same days."""
    book = book_kinds.write_excel_like(tmp_path / "mac.xlsx", BOOK, date1904=True)
    csv = book_kinds.write_csv(tmp_path / "new.csv", IMPORTED)
    import_survey(read_survey(csv), book)
    summary = refresh(book)
    assert summary.quarters == ["2026 Q1", "2026 Q2", "2026 Q3"]
    wb = openpyxl.load_workbook(book)
    assert wb.epoch == openpyxl.utils.datetime.CALENDAR_MAC_1904
    rows = list(wb["Respondents"].iter_rows(values_only=True))
    assert rows[1][0] == dt.datetime(2026, 1, 10) and rows[-1][0] == dt.datetime(2026, 7, 3)
    with zipfile.ZipFile(book) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert '<c r="A20" s="2"><v>44700</v></c>' in sheet  # 2026-05-20: 46162 in the 1900 system, less 1462


def test_a_strict_open_xml_workbook_is_converted_once_and_says_so(tmp_path):
    """Excel's Strict Open XML: converted to the usual form (names only; the parts come out as
    the same book saved the usual way, byte for byte), then patched like any other."""
    usual = book_kinds.write_excel_like(tmp_path / "usual.xlsx", BOOK)
    book = book_kinds.to_strict(usual, tmp_path / "strict.xlsx")
    assert b"purl.oclc.org" in parts(book)["xl/workbook.xml"]
    summary = refresh(book)
    assert summary.quarters == ["2026 Q1", "2026 Q2"]
    assert len(summary.notes) == 1 and "Strict Open XML" in summary.notes[0]
    before, after = parts(usual), parts(book)
    for name, data in before.items():
        if name not in EDITED:
            assert after[name] == data, name
    assert refresh(book).notes == ()  # once


def test_answers_past_excels_last_row_are_refused_and_the_book_is_unchanged(tmp_path):
    """Excel has 1,048,576 rows: an import that would need more stops with one line."""
    from xl_nps.errors import XlNpsError
    from xl_nps.workbook.write.append import append_rows

    book = book_kinds.write_excel_like(tmp_path / "full.xlsx", BOOK)
    records = [{"Score": 9}] * 3
    with pytest.raises(XlNpsError, match=r"row 1,048,577 of the sheet, past Excel's last row \(1,048,576\)"):
        append_rows(book, tmp_path / "out.xlsx", "Respondents", "Respondents", 1_048_575, records, {"Score": 4})
    assert append_rows(book, tmp_path / "out.xlsx", "Respondents", "Respondents", 1_048_575, records[:2],
                       {"Score": 4}) == 2  # the last row itself is allowed


def test_a_table_over_whole_columns_keeps_its_range(tmp_path):
    """LibreOffice writes a table that fills its columns as ref="A:F"; it already reaches any
    new row, so the import leaves it as it is."""
    made = book_kinds.write_excel_like(tmp_path / "made.xlsx", BOOK)
    book = tmp_path / "whole.xlsx"
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/tables/table1.xml":
                data = re.sub(rb'ref="A1:F\d+"', b'ref="A:F"', data)
            out.writestr(info, data)
    import_survey(read_survey(book_kinds.write_csv(tmp_path / "new.csv", IMPORTED)), book)
    assert b'ref="A:F"' in parts(book)["xl/tables/table1.xml"]
    assert len(list(openpyxl.load_workbook(book)["Respondents"].iter_rows())) == len(BOOK) + len(IMPORTED) + 1


def test_the_reader_knows_when_its_calamine_misreads_the_date_system():
    """python-calamine 0.8.3 (the last release for Python 3.10) takes the date system from the
    last element named workbookPr, which in a book Excel saved is the x15 extension's, so it
    reads a 1904 book's dates 1,462 days early; 0.9 does not. The reader shifts them only there
    (the test above checks the days themselves on either version)."""
    from importlib.metadata import version

    from xl_nps.workbook.read.sheets import _calamine_takes_last_workbook_pr

    major, minor = (int(p) for p in version("python-calamine").split(".")[:2])
    assert _calamine_takes_last_workbook_pr() == ((major, minor) < (0, 9))


def test_a_1904_book_without_excels_extension_is_read_as_it_is(tmp_path):
    """openpyxl writes one workbookPr element: every python-calamine reads such a 1904 book
    right, and the reader leaves its dates alone."""
    import openpyxl
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    from xl_nps.workbook.read.sheets import Book

    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    wb.active.title = "Answers"
    wb.active["A1"] = dt.date(2026, 7, 15)
    wb.active["A1"].number_format = "yyyy-mm-dd"
    wb.save(tmp_path / "mac.xlsx")
    value = Book(tmp_path / "mac.xlsx").rows("Answers")[0][0]
    assert (value.date() if isinstance(value, dt.datetime) else value) == dt.date(2026, 7, 15)
