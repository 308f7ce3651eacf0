"""The quarterly refresh: read the answers, build the report, swap the new workbook in.

Steps, each kept in its own module: ``safety`` checks the file, ``respondents`` reads (never
writes), ``report`` computes (no files), ``sheet_xml`` writes the report sheets, ``xlsx_patch``
puts their parts into a copy of the file, and ``xlsx.atomic_write`` renames that copy over the
workbook only when it is complete. A refused or failed refresh leaves the file as it was,
byte for byte. (docs/design.md tells the whole story.)
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from xl_nps.workbook import names as L
from xl_nps.workbook.read.safety import check_workbook_file
from xl_nps.workbook.read.sheets import Loading

if TYPE_CHECKING:
    from xl_nps.workbook.report.model import Report

# progress(step, done, total): done and total count rows or comments where a step has them
Progress = Callable[..., None]


@dataclass(frozen=True)
class RefreshSummary:
    path: Path
    answers: int
    quarters: list[str]
    problems: int
    changed: bool
    report: Report


def refresh(path: Path, progress: Progress | None = None) -> RefreshSummary:
    """Refresh the report sheets of the workbook at ``path``.

    The new sheets are put into the file part by part (``xlsx_patch``): everything else in it
    is copied as it is. Should the file be outside what that handles, it is re-saved with
    openpyxl instead, which keeps the data but drops what openpyxl does not know.
    """
    say = progress or (lambda step, done=None, total=None: None)
    path = check_workbook_file(path)
    say("reading Respondents")
    # The Respondents sheet loads in a background thread (calamine does not hold Python's
    # lock while it parses); numpy, the report code and the stemmers load meanwhile.
    loading = Loading(path, L.RESPONDENTS_SHEET)
    from xl_nps.text.words import prepare
    from xl_nps.workbook.report.build import build_report, edits_from_rows
    from xl_nps.workbook.read.respondents import read_customers, read_respondents
    from xl_nps.workbook.report.placement import check_names
    from xl_nps.workbook.write.atomic import atomic_write
    from xl_nps.workbook.write.parts import Unsupported, patch_report, report_state

    prepare()
    try:
        names, generated, digest = report_state(path)
    except Unsupported:
        names, generated, digest = None, [], None
    with collector_paused():
        loaded = loading.result()
        book, loading.book = loading.book, None  # the small sheets come from the same opened file
        periods, customer_problems = read_customers(book)
        edits: dict = {}
        for name in generated:
            edits.update(edits_from_rows(book.rows(name) or []))
        del book  # frees calamine's copy of the shared strings before the answers are parsed
        data = read_respondents(path, lambda done, total: say("reading Respondents", done, total), loaded)
        del loaded
        if names is None:
            return _refresh_with_openpyxl(path, data, periods, customer_problems, say)
        say("reading the comments")
        report = build_report(data, periods, customer_problems, edits,
                              lambda done, total: say("reading the comments", done, total))
        check_names(names, generated, report)
        if digest == report.digest() and all(s.name in generated for s in report.sheets):
            return RefreshSummary(path, report.answers, report.quarters, report.problems, False, report)
        say("writing the report sheets")
        try:
            atomic_write(path, lambda temp: patch_report(path, Path(temp), report))
        except Unsupported:
            return _refresh_with_openpyxl(path, data, periods, customer_problems, say)
    return RefreshSummary(path, report.answers, report.quarters, report.problems, True, report)


@contextmanager
def collector_paused():
    """Python's cycle collector walks every live object now and then; with 100,000 answers in
    memory that was 5% of a refresh. The refresh makes no reference cycles, so the collector
    rests until it is done (reference counting still frees everything)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _refresh_with_openpyxl(path: Path, data, periods, customer_problems, say) -> RefreshSummary:
    import openpyxl  # only this fallback needs it: the usual path never loads openpyxl

    from xl_nps.errors import XlNpsError
    from xl_nps.workbook.report.build import build_report
    from xl_nps.workbook.report.placement import check_names
    from xl_nps.workbook.write.openpyxl_writer import carried_edits, generated_sheets, report_digest, write_report
    from xl_nps.workbook.write.atomic import atomic_save

    say("opening the workbook")
    keep_vba = path.suffix.lower() == ".xlsm"
    try:
        wb = openpyxl.load_workbook(path, keep_vba=keep_vba, rich_text=True)
    except Exception as error:  # openpyxl raises many kinds for broken files
        raise XlNpsError(f"cannot open {path.name} to write the report ({type(error).__name__}: {error})") from None
    report = build_report(data, periods, customer_problems, carried_edits(wb))
    check_names(wb.sheetnames, generated_sheets(wb), report)
    unchanged = report_digest(wb) == report.digest() and all(s.name in wb.sheetnames for s in report.sheets)
    if unchanged:
        return RefreshSummary(path, report.answers, report.quarters, report.problems, False, report)
    say("writing the report sheets")
    write_report(wb, report)
    say("saving")
    atomic_save(wb, path)
    return RefreshSummary(path, report.answers, report.quarters, report.problems, True, report)
