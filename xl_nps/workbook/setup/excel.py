"""Setting a workbook up for the xl-nps functions in Excel.

* Windows (classic xlwings): :func:`install_excel` writes the ``xlwings.conf`` sheet (UDF
  Modules = ``xl_nps.udfs`` and the Python interpreter) into a macro-enabled copy of the
  workbook, adds the VBA project of xlwings' own quickstart workbook when the book has none,
  and puts a ``<book name>.py`` beside it so that the ribbon's "Run main" refreshes the report.
  Nothing here is hand-written VBA.

Mac and Excel on the web (xlwings Lite) are set up by ``setup/lite.py``.
"""

from __future__ import annotations

import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

from xl_nps.errors import XlNpsError
from xl_nps.workbook.write.atomic import atomic_save, set_text

CONF_SHEET = "xlwings.conf"
UDF_MODULES = "xl_nps.udfs"
RUN_MAIN_SOURCE = '''"""Refresh the xl-nps report from Excel: the xlwings ribbon's "Run main" button runs
main() of the Python file that is named like the workbook."""

from xl_nps.excel_book import main  # noqa: F401
'''


def quickstart_workbook(standalone: bool = False) -> Path:
    """xlwings' own quickstart workbook (with or without the xlwings VBA module inside)."""
    import xlwings

    name = "quickstart_standalone.xlsm" if standalone else "quickstart.xlsm"
    return Path(xlwings.__file__).resolve().parent / name


def quickstart_settings(standalone: bool = False) -> list[list]:
    """The settings rows of the quickstart's (inactive) ``_xlwings.conf`` sheet: key, value."""
    book = openpyxl.load_workbook(quickstart_workbook(standalone), read_only=True)
    try:
        rows = []
        for key, value in book["_xlwings.conf"].iter_rows(max_col=2, values_only=True):
            if key is None:
                break
            rows.append([key, value])
        return rows
    finally:
        book.close()


def interpreter_key(interpreter: str) -> str:
    """Which xlwings setting an interpreter path belongs in."""
    if interpreter.lower().endswith(".exe") or "\\" in interpreter:
        return "Interpreter_Win"
    return "Interpreter_Mac" if sys.platform == "darwin" else "Interpreter_Win"


def add_xlwings_settings(wb, interpreter: str | None, standalone: bool = False) -> dict[str, object]:
    """Create or update the ``xlwings.conf`` sheet; returns the settings written."""
    wanted: dict[str, object] = {"UDF Modules": UDF_MODULES}
    if interpreter:
        wanted[interpreter_key(interpreter)] = interpreter
    if CONF_SHEET in wb.sheetnames:
        ws = wb[CONF_SHEET]
        rows = {str(ws.cell(r, 1).value): r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value}
        for key, value in wanted.items():
            row = rows.get(key) or ws.max_row + 1
            set_text(ws.cell(row, 1), key)
            set_text(ws.cell(row, 2), value)
    else:
        ws = wb.create_sheet(CONF_SHEET)
        settings = quickstart_settings(standalone)
        keys = [k for k, _ in settings]
        settings += [[k, v] for k, v in wanted.items() if k not in keys]
        for r, (key, value) in enumerate(settings, start=1):
            set_text(ws.cell(r, 1), key)
            value = wanted.get(key, value)
            if isinstance(value, str):
                set_text(ws.cell(r, 2), value)
            else:
                ws.cell(r, 2).value = value
        ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 18, 60
    return wanted


def add_quickstart_vba(wb, standalone: bool = False) -> bool:
    """Give a workbook without macros the VBA project of xlwings' quickstart workbook.
    Returns False when the workbook already has one (it is kept)."""
    if wb.vba_archive is not None and "xl/vbaProject.bin" in wb.vba_archive.namelist():
        return False
    wb.vba_archive = zipfile.ZipFile(quickstart_workbook(standalone))
    # The quickstart's VBA project has document modules ThisWorkbook, Sheet1 and Sheet2.
    wb.code_name = "ThisWorkbook"
    used = {ws.sheet_properties.codeName for ws in wb.worksheets}
    for ws, code in zip(wb.worksheets, ("Sheet1", "Sheet2")):
        if ws.sheet_properties.codeName is None and code not in used:
            ws.sheet_properties.codeName = code
    return True


@dataclass
class InstallSummary:
    workbook: Path
    settings: dict[str, object]
    vba_added: bool
    run_main_file: Path | None
    notes: list[str] = field(default_factory=list)


def install_excel(book: Path, interpreter: str | None = None, standalone: bool = False) -> InstallSummary:
    """Set ``book`` up for the xl-nps functions and the in-Excel refresh (Windows Excel)."""
    from xl_nps.workbook.read.safety import check_workbook_file
    from xl_nps.workbook.setup.template import build_template

    book = Path(book)
    if interpreter is None and sys.platform.startswith(("win", "darwin")):
        interpreter = sys.executable
    if book.suffix.lower() not in (".xlsx", ".xlsm"):
        raise XlNpsError(f"{book.name}: give an .xlsx or .xlsm workbook")
    target = book.with_suffix(".xlsm")
    existed = book.exists()
    if not existed:
        if book.suffix.lower() != ".xlsm":
            raise XlNpsError(f"{book} does not exist")
        wb = build_template()
    else:
        check_workbook_file(book)
        if book.suffix.lower() == ".xlsx" and target.exists():
            raise XlNpsError(f"{target.name} already exists; xl-nps never overwrites it (move it away first)")
        wb = openpyxl.load_workbook(book, keep_vba=book.suffix.lower() == ".xlsm", rich_text=True)
    settings = add_xlwings_settings(wb, interpreter, standalone)
    vba_added = add_quickstart_vba(wb, standalone)
    atomic_save(wb, target)
    notes = []
    run_main = target.with_suffix(".py")
    if not target.stem.isidentifier():
        notes.append(f'"Run main" needs a workbook name that is a Python name (letters, digits, _), '
                     f'such as {"_".join(target.stem.split())}.xlsm; rename the workbook to use it')
        run_main = None
    elif run_main.exists() and run_main.read_text(encoding="utf-8", errors="replace") != RUN_MAIN_SOURCE:
        notes.append(f"{run_main.name} exists and was left as it is; for Run main it must import "
                     "main from xl_nps.excel_book")
        run_main = None
    else:
        run_main.write_text(RUN_MAIN_SOURCE, encoding="utf-8")
    if not interpreter:
        notes.append("set Interpreter_Win on the xlwings.conf sheet to your python.exe (or run this "
                     "command on the Windows machine, which fills it in)")
    if existed and book != target:
        notes.append(f"{target.name} was written by openpyxl from {book.name}: shapes, text boxes, sparklines and "
                     f"form controls are not in it ({book.name} is unchanged)")
    elif existed:
        notes.append(f"re-saved with openpyxl: shapes, text boxes, sparklines and form controls of {book.name} "
                     "were dropped")
    return InstallSummary(target, settings, vba_added, run_main, notes)


def build_template_xlsm(employee: bool = False):
    """The macro-enabled variant of the template (``employee``: of the eNPS template): the same
    sheets, the xlwings settings and the VBA project of xlwings' quickstart workbook."""
    from xl_nps.workbook.setup.template import build_template

    wb = build_template(employee)
    add_xlwings_settings(wb, None)
    add_quickstart_vba(wb)
    return wb
