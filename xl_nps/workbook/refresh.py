"""The quarterly refresh: read the answers, build the report, swap the new workbook in.

Steps, each kept in its own module: ``respondents`` reads (never writes), ``report`` computes
(no files), ``writer`` lays the report out, ``xlsx.atomic_save`` writes a temporary file and
renames it over the workbook only when complete. A refused or failed refresh leaves the file
as it was, byte for byte.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import openpyxl

from xl_nps.errors import XlNpsError
from xl_nps.workbook.report import Report, build_report
from xl_nps.workbook.respondents import read_customers, read_respondents
from xl_nps.workbook.writer import carried_edits, check_names, generated_sheets, report_digest, write_report
from xl_nps.workbook.xlsx import atomic_save

Progress = Callable[[str], None]


@dataclass(frozen=True)
class RefreshSummary:
    path: Path
    answers: int
    quarters: list[str]
    problems: int
    changed: bool
    report: Report


def check_workbook(path: Path) -> Path:
    """Refuse anything that is not an existing .xlsx/.xlsm workbook, saying what it is."""
    path = Path(path)
    if not path.exists():
        raise XlNpsError(f"{path} does not exist")
    if path.is_dir():
        raise XlNpsError(f"{path} is a folder, not a workbook")
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise XlNpsError(f"{path.name} is not an .xlsx or .xlsm workbook; save it from Excel as .xlsx first")
    with open(path, "rb") as handle:
        head = handle.read(8)
    if not head:
        raise XlNpsError(f"{path.name} is empty (0 bytes)")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise XlNpsError(
            f"{path.name} is a legacy .xls file or a password-protected workbook, not an .xlsx; "
            "open it in Excel, remove any password and save it as .xlsx"
        )
    if not zipfile.is_zipfile(path):
        raise XlNpsError(f"{path.name} is not an Excel workbook (it is not a valid .xlsx: damaged or another kind of file)")
    with zipfile.ZipFile(path) as archive:
        if "xl/workbook.xml" not in archive.namelist():
            raise XlNpsError(f"{path.name} is a zip file but not an Excel workbook")
    return path


def refresh(path: Path, progress: Progress | None = None) -> RefreshSummary:
    """Refresh the report sheets of the workbook at ``path``."""
    say = progress or (lambda step: None)
    path = check_workbook(path)
    say("reading Respondents")
    data = read_respondents(path)
    periods, customer_problems = read_customers(path)
    say("opening the workbook")
    keep_vba = path.suffix.lower() == ".xlsm"
    try:
        wb = openpyxl.load_workbook(path, keep_vba=keep_vba, rich_text=True)
    except Exception as error:  # openpyxl raises many kinds for broken files
        raise XlNpsError(f"cannot open {path.name} to write the report ({type(error).__name__}: {error})") from None
    say("computing the report")
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
