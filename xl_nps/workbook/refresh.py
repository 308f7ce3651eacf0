"""The quarterly refresh: read the answers, build the report, swap the new workbook in.

Steps, each kept in its own module: ``read.safety`` checks the file, ``read.respondents``
reads (never writes), ``report`` computes (no files), ``write.sheet_xml`` writes the report
sheets, ``write.parts`` puts their parts into a copy of the file, and ``write.atomic``
renames that copy over the workbook only when it is complete. A refused or failed refresh leaves the file as it was,
byte for byte. (docs/design.md tells the whole story.)
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from xl_nps.errors import XlNpsError
from xl_nps.workbook import names as L
from xl_nps.workbook.read.safety import check_workbook_file
from xl_nps.workbook.read.sheets import Book, Loading, SheetsRead

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
    notes: tuple[str, ...] = ()  # what else happened to the file (a Strict workbook converted)


def refresh(path: Path, progress: Progress | None = None, min_answers: int | None = None,
            answers: Callable | None = None, min_group: int | None = None) -> RefreshSummary:
    """Refresh the report sheets of the workbook at ``path``.

    ``answers``, when given, loads answers kept outside the workbook (``xl_nps.sources``); the
    report is then built from them and the Respondents sheet is not read.

    The new sheets are put into the file part by part (``write.parts``): everything else in
    it is copied as it is, whichever program saved it. ``min_answers`` (the fewest answers to
    judge a quarter) overrides the workbook's own setting (``read.settings``); without either,
    ``rules.SMALL_GROUP``. ``min_group`` (an employee survey's smallest group shown) overrides
    the Start here setting; without either, ``rules.MIN_GROUP``.
    """
    with collector_paused():  # from the start: the imports made while the answers load are collected too
        return _refresh(path, progress, min_answers, answers, min_group)


def _refresh(path: Path, progress: Progress | None, min_answers: int | None, answers: Callable | None,
             min_group: int | None) -> RefreshSummary:
    say = progress or (lambda step, done=None, total=None: None)
    path = check_workbook_file(path)
    from xl_nps.workbook.write.normalise import ensure_transitional

    converted = ensure_transitional(path)
    notes = (converted,) if converted else ()
    say("reading Respondents")
    # The Respondents sheet loads in a background thread (calamine does not hold Python's
    # lock while it parses); numpy, the report code and the stemmers load meanwhile.
    loading = Loading(path, L.RESPONDENTS_SHEET if answers is None else L.CUSTOMERS_SHEET)
    from xl_nps.text.cjk import segmenter
    from xl_nps.text.words import prepare
    from xl_nps.workbook.report.build import build_report
    from xl_nps.workbook.read.han import holds_han
    from xl_nps.workbook.read.respondents import read_respondents
    from xl_nps.workbook.report.placement import check_names
    from xl_nps.workbook.write.atomic import atomic_write
    from xl_nps.workbook.write.parts import patch_report, report_state

    prepare()
    names, generated, digest = report_state(path)
    if answers is None and loading.busy() and holds_han(path, L.RESPONDENTS_SHEET, stop=lambda: not loading.busy()):
        segmenter()  # the Chinese dictionary, read while the main thread would wait (read.han says why)
    read = None
    if answers is None and loading.busy():  # the other sheets read meanwhile (SheetsRead says how)
        small = SheetsRead(Book(path, loading.shift_dates), [L.CUSTOMERS_SHEET, L.SUMMARY_SHEET, L.START_SHEET, *generated])
        try:
            read = _other_sheets(small, path, generated, min_answers, min_group, answers)
        except Exception:
            loading.result()  # a Respondents sheet that cannot be read is reported first, as when it has loaded
            raise
        del small
    loaded = loading.result()
    book, loading.book = loading.book, None
    if read is None:  # the other sheets come from the same opened file
        read = _other_sheets(book, path, generated, min_answers, min_group, answers)
    periods, customer_problems, minimum, smallest, edits = read
    del book  # frees calamine's copy of the shared strings before the answers are parsed
    if answers is None:
        data = read_respondents(path, lambda done, total: say("reading Respondents", done, total), loaded)
    else:
        say("counting the answers")
        data = answers()
    del loaded
    if min_group is not None and not getattr(data, "employee", False):
        raise XlNpsError(f"--min-group applies to employee surveys (a {L.RESPONDENTS_SHEET} sheet with "
                         f"{', '.join(L.GROUP_COLUMNS)} and no names; xl-nps new BOOK.xlsx --employee); "
                         f"{path.name} holds a customer survey")
    say("reading the comments")
    report = build_report(data, periods, customer_problems, edits,
                          lambda done, total: say("reading the comments", done, total), minimum,
                          origin=getattr(data, "origin", ""), min_group=smallest)
    check_names(names, generated, report)
    if digest == report.digest() and all(s.name in generated for s in report.sheets):
        return RefreshSummary(path, report.answers, report.quarters, report.problems, False, report, notes)
    say("writing the report sheets")
    atomic_write(path, lambda temp: patch_report(path, Path(temp), report))
    return RefreshSummary(path, report.answers, report.quarters, report.problems, True, report, notes)


def _other_sheets(book, path: Path, generated: list[str], min_answers: int | None, min_group: int | None,
                  answers: Callable | None) -> tuple:
    """What the refresh reads from the sheets other than the answers: the customer counts (and
    their problems), the fewest answers to judge a quarter, an employee survey's smallest group
    shown, and what the user typed into the report sheets (an Owner, a status) to keep."""
    from xl_nps.rules import SMALL_GROUP
    from xl_nps.workbook.read import settings
    from xl_nps.workbook.read.respondents import read_customers
    from xl_nps.workbook.report.build import edits_from_rows

    periods, customer_problems = read_customers(book)
    if min_answers is not None:
        minimum = settings.check_min_answers(min_answers)
    else:
        setting = settings.min_answers_setting((name, book.rows(name)) for name in (L.SUMMARY_SHEET, L.START_SHEET))
        minimum = SMALL_GROUP if setting is None else setting
    smallest = settings.min_group(book.rows(L.START_SHEET), min_group)
    if answers is not None and L.is_employee_header(next(iter(book.rows(L.RESPONDENTS_SHEET) or [[]]))):
        raise XlNpsError(f"{path.name} holds an employee survey: --answers does not apply to it, because the "
                         "anonymity rule needs each answer's department, team and tenure from the "
                         f"{L.RESPONDENTS_SHEET} sheet; import the answers instead (xl-nps import)")
    edits: dict = {}
    for name in generated:
        edits.update(edits_from_rows(book.rows(name) or []))
    return periods, customer_problems, minimum, smallest, edits


@contextmanager
def collector_paused():
    """Python's cycle collector walks every live object now and then; with 100,000 answers in
    memory that was 5% of a refresh; the imports and the stemmers and dictionary read while the
    answers load set it off 54 times more. The refresh makes no reference cycles (the
    imports' objects live as long as the process), so the collector rests until it is done
    (reference counting still frees everything)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
