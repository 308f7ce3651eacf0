"""The refresh from inside Excel: the same report, written into the open workbook through
xlwings.

Use it from the xlwings ribbon's "Run main" button (put a file named like the workbook, e.g.
``NPS 2026.py``, beside it with the line ``from xl_nps.excel_book import main``), or from a
button whose macro is ``RunPython "import xl_nps.excel_book; xl_nps.excel_book.main()"``.

What it reads and computes is shared with the command line (``workbook.read.respondents``,
``workbook.report``); only the writing differs (``workbook.write.open_book``). The new sheets are
written under temporary names first and swapped in at the end, so a failure leaves the
workbook as it was; Excel's Save is left to the user.
"""

from __future__ import annotations

from xl_nps.errors import XlNpsError
from xl_nps.rules import SMALL_GROUP
from xl_nps.workbook import names as L
from xl_nps.workbook.read import settings
from xl_nps.workbook.read.respondents import parse_customers, parse_respondents
from xl_nps.workbook.read.settings import min_answers_setting
from xl_nps.workbook.report.build import build_report, edits_from_rows
from xl_nps.workbook.report.model import Report
from xl_nps.workbook.report.placement import DIGEST, MARKER, check_names, is_report_name, lay_out
from xl_nps.workbook.write.open_book import write_sheet

TEMPORARY = "~xl-nps "


def _sheet_values(book, name: str) -> list[list] | None:
    if name not in [s.name for s in book.sheets]:
        return None
    sheet = book.sheets[name]
    last = sheet.used_range.last_cell
    return sheet.range((1, 1), (last.row, last.column)).options(ndim=2).value


def _has_marker(sheet) -> bool:
    return any(n.name.split("!")[-1] == MARKER for n in sheet.names)


def generated_sheets(book) -> list[str]:
    return [s.name for s in book.sheets if is_report_name(s.name) and _has_marker(s)]


def _digest(book) -> str | None:
    for name in book.names:
        if name.name == DIGEST:
            return str(name.refers_to).lstrip("=").strip('"')
    return None


def carried_edits(book) -> dict[str, tuple[str, str]]:
    """Owner and Follow-up status typed into the previous call-back lists, by key."""
    edits: dict[str, tuple[str, str]] = {}
    for name in generated_sheets(book):
        edits.update(edits_from_rows(_sheet_values(book, name) or []))
    return edits


def refresh_book(book) -> Report:
    """Refresh the report sheets of an open xlwings Book; returns the report written."""
    data = parse_respondents(_sheet_values(book, L.RESPONDENTS_SHEET), book.name)
    periods, problems = parse_customers(_sheet_values(book, L.CUSTOMERS_SHEET))
    setting = min_answers_setting((name, _sheet_values(book, name)) for name in (L.SUMMARY_SHEET, L.START_SHEET))
    report = build_report(data, periods, problems, carried_edits(book),
                          min_answers=SMALL_GROUP if setting is None else setting,
                          min_group=settings.min_group(_sheet_values(book, L.START_SHEET)))
    old = generated_sheets(book)
    check_names([s.name for s in book.sheets], old, report)
    if _digest(book) == report.digest() and all(s.name in old for s in report.sheets):
        return report
    app = book.app
    _setting(app, "screen_updating", False)
    _setting(app, "display_alerts", False)  # no "delete this sheet?" prompts
    written = []
    try:
        for i, sheet in enumerate(report.sheets):
            target = book.sheets.add(f"{TEMPORARY}{i}", after=book.sheets[len(book.sheets) - 1])
            written.append(target)
            write_sheet(target, lay_out(sheet))
        for name in old:
            book.sheets[name].delete()
        for target, sheet in zip(written, report.sheets):
            target.name = sheet.name
            target.names.add(MARKER, "=$A$1")
        for name in book.names:
            if name.name == DIGEST:
                name.delete()
        book.names.add(DIGEST, f'="{report.digest()}"')
    except Exception:
        for target in written:
            if target.name.startswith(TEMPORARY):
                target.delete()
        raise
    finally:
        _setting(app, "screen_updating", True)
        _setting(app, "display_alerts", True)
    return report


def _setting(app, name: str, value: bool) -> None:
    """Set an App flag where the engine has it (xlwings Lite has no display_alerts)."""
    try:
        setattr(app, name, value)
    except (NotImplementedError, AttributeError):
        pass


def main() -> None:
    """Entry point for the xlwings ribbon's "Run main" and for RunPython buttons."""
    import xlwings as xw

    book = xw.Book.caller()
    try:
        report = refresh_book(book)
    except XlNpsError as error:
        book.app.alert(f"xl-nps refresh: {error}", title="xl-nps")
        return
    book.app.status_bar = (
        f"xl-nps: report refreshed, {report.answers} answers, {len(report.quarters)} quarters, "
        f"{report.problems} problems (see the Problems sheet)"
    )

