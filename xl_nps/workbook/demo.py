"""``xl-nps demo``: the whole workflow on bundled, synthetic data.

New workbook from the template -> customer counts and loyalty inputs filled in -> the example
survey export imported -> the quarterly report refreshed. The result is
``workbooks/example.xlsx``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import openpyxl
from openpyxl.packaging.custom import StringProperty

from xl_nps.errors import XlNpsError
from xl_nps.workbook import names as L
from xl_nps.workbook.importer import import_survey
from xl_nps.workbook.refresh import RefreshSummary, refresh
from xl_nps.workbook.read.survey import read_survey
from xl_nps.workbook.setup.template import build_template, save_book

DEMO_PROPERTY = "xl-nps demo"

# Customers per quarter (start, new, end) for the example company.
CUSTOMERS = [
    ("2025 Q2", 410, 22, 415), ("2025 Q3", 415, 25, 426), ("2025 Q4", 426, 19, 431),
    ("2026 Q1", 431, 30, 447), ("2026 Q2", 447, 28, 462), ("2026 Q3", 462, 31, 480),
]
LOYALTY = [480, 168, 212, 125_000, 19_400, 4.5, 1_850, 3.2, 0.35]
EFFORT = [7, 6, 5, 6, 4, 7, 5, 3, 6, 7, 5, 6, 2, 6, 7, 5]


def example_survey() -> Path:
    """Path of the bundled example export."""
    return Path(str(resources.files("xl_nps").joinpath("data/example_survey.csv")))


def _is_demo(path: Path) -> bool:
    try:
        wb = openpyxl.load_workbook(path, read_only=True)
    except Exception:
        return False
    try:
        return any(p.name == DEMO_PROPERTY for p in wb.custom_doc_props.props)
    finally:
        wb.close()


def build_demo(out: Path, progress=None) -> RefreshSummary:
    say = progress or (lambda step: None)
    out = Path(out)
    if out.exists() and not _is_demo(out):
        raise XlNpsError(f"{out} exists and was not made by xl-nps demo; choose another --out (it is left as it is)")
    out.parent.mkdir(parents=True, exist_ok=True)
    say("building the workbook")
    wb = build_template()
    ws = wb[L.CUSTOMERS_SHEET]
    for row, values in enumerate(CUSTOMERS, start=2):
        for col, value in enumerate(values, start=1):
            ws.cell(row, col).value = value
    ws = wb[L.LOYALTY_SHEET]
    for row, value in enumerate(LOYALTY, start=3):
        ws.cell(row, 2).value = value
    for row, value in enumerate(EFFORT, start=3):
        ws.cell(row, 5).value = value
    ws = wb[L.SUMMARY_SHEET]
    ws["B8"] = "tech vendors (B2B)"
    ws["B11"] = 1_600
    wb.custom_doc_props.append(StringProperty(name=DEMO_PROPERTY, value="yes"))
    save_book(wb, out)
    say("importing the example survey")
    import_survey(read_survey(example_survey()), out)
    say("refreshing the report")
    return refresh(out)
