"""Every kind of workbook xl-nps writes obeys Excel's file rules: each XML part valid against the
ISO/IEC 29500 Transitional schemas, and none of the known causes of Excel's "We found a problem
with some content" repair prompt (tests/ooxml_check/validate.py: its --xsd and --rules layers;
there is no Excel on the build machine, this is the strongest stand-in)."""

import shutil
from pathlib import Path

import pytest

from libreoffice import convert
from ooxml_check import validate as ooxml
from xl_nps.cli import main
from xl_nps.workbook.demo import example_survey

ROOT = Path(__file__).resolve().parent.parent
HOSTILE_TEXT = [
    '=HYPERLINK("http://x","click")', "+cmd|' /C calc'!A0", "@SUM(A1)", "-2+3", "bad\x00byte\x07bell\x1b",
    "_x0000_ and _x000D_ look like Excel's escapes", "<b>&amp; \"quotes\" 'single' </b> ]]>",
    "  leading and trailing spaces  ", "line\nbreak\r\nand\ttab", "emoji 🙂👍🏽 " * 3, "עברית RTL", "\u202eRLO",
    "\ufeffBOM inside", "\ufffe\uffff non-characters", "\u0085 NEL and \u2028 LS",
    "🙂" * 20_000,  # 40,000 UTF-16 code units: over Excel's 32,767
    "x" * 40_000, "价格太高了", "Цена слишком высокая",
]


def problems(path: Path) -> list[str]:
    """Findings that make Excel repair or refuse the file (REPAIR) and schema errors (SCHEMA)."""
    report = ooxml.Report(str(path))
    package = ooxml.Package(str(path), report)
    try:
        ooxml.check_xsd(package, report)
        ooxml.check_rules(package, report)
    finally:
        package.zip.close()
    assert any(note.startswith("xsd: ") and " XML parts valid" in note for note in report.notes)
    return [f"[{f.severity}] {f.layer}/{f.check} {f.part}: {f.message}" for f in report.items
            if f.severity in ("REPAIR", "SCHEMA")]


def xl_nps(*args) -> None:
    assert main([str(a) for a in args]) == 0


def hostile_export(folder: Path) -> Path:
    # every field quoted, as spreadsheet exports write them (Python 3.10's csv writer refuses NUL)
    rows = [["Date", "Score", "Comment", "Email", "Company", "Segment"]]
    rows += [[f"2026-0{1 + i % 6}-1{i % 9}", str(i % 11), text, f"=1+{i}", text[:40], text[:20]]
             for i, text in enumerate(HOSTILE_TEXT)]
    path = folder / "hostile.csv"
    path.write_bytes("".join(",".join('"' + f.replace('"', '""') + '"' for f in row) + "\r\n" for row in rows).encode("utf-8"))
    return path


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    """One of each kind of workbook the commands write, written the way a user would."""
    folder = tmp_path_factory.mktemp("books")
    made = {}
    xl_nps("template", "--out", folder / "template.xlsx")
    made["template .xlsx"], made["template .xlsm"] = folder / "template.xlsx", folder / "template.xlsm"
    xl_nps("new", folder / "book.xlsx")
    xl_nps("import", example_survey(), folder / "book.xlsx")
    made["after import"] = shutil.copy(folder / "book.xlsx", folder / "imported.xlsx")
    xl_nps("refresh", folder / "book.xlsx")
    made["after refresh"] = folder / "book.xlsx"
    xl_nps("install-excel", folder / "book.xlsx")
    made["install-excel .xlsm"] = shutil.copy(folder / "book.xlsm", folder / "installed.xlsm")
    xl_nps("import", hostile_export(folder), folder / "book.xlsm")
    xl_nps("refresh", folder / "book.xlsm")
    made[".xlsm refreshed after an import"] = folder / "book.xlsm"
    saved = shutil.copy(convert(folder / "book.xlsx", folder), folder / "libreoffice.xlsx")
    xl_nps("refresh", saved)
    made["LibreOffice re-save, refreshed"] = saved
    xl_nps("import", hostile_export(folder), saved)
    xl_nps("refresh", saved)
    made["LibreOffice re-save, import, refreshed"] = saved
    xl_nps("new", folder / "hostile.xlsx")
    xl_nps("import", hostile_export(folder), folder / "hostile.xlsx")
    xl_nps("refresh", folder / "hostile.xlsx")
    made["hostile text, refreshed"] = folder / "hostile.xlsx"
    xl_nps("new", folder / "new.xlsm")
    made["new .xlsm"] = folder / "new.xlsm"
    xl_nps("demo", "--out", folder / "example.xlsx")
    made["demo"] = folder / "example.xlsx"
    return {kind: shutil.copy(path, folder / f"kind-{i}{Path(path).suffix}") for i, (kind, path) in enumerate(made.items())}


KINDS = ["template .xlsx", "template .xlsm", "after import", "after refresh", "install-excel .xlsm",
         ".xlsm refreshed after an import", "LibreOffice re-save, refreshed", "LibreOffice re-save, import, refreshed",
         "hostile text, refreshed", "new .xlsm", "demo"]


@pytest.mark.parametrize("kind", KINDS)
def test_the_workbooks_xl_nps_writes_are_valid_for_excel(books, kind):
    assert problems(books[kind]) == []


@pytest.mark.parametrize("committed", ["templates/xl-nps-template.xlsx", "templates/xl-nps-template.xlsm",
                                       "workbooks/example.xlsx"])
def test_the_committed_workbooks_are_valid_for_excel(committed):
    assert problems(ROOT / committed) == []


def test_the_checker_finds_what_excel_repairs(books, tmp_path):
    # a cell with more than 32,767 UTF-16 code units, and a sheet part that breaks the schema
    import zipfile

    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(books["after refresh"]) as source, zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<sheetData>", b"<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>"
                                    + ("🙂" * 16_500).encode() + b"</t></is></c></row><bogus/>", 1)
            target.writestr(info, data)
    found = problems(broken)
    assert any("SCHEMA" in f for f in found) and any("REPAIR" in f for f in found), found
