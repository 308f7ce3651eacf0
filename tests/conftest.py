"""Shared helpers: workbooks filled the way a user would fill the template."""

import datetime as dt
import os
from pathlib import Path

import pytest

import wasm_indexes
from xl_nps.workbook import names as L
from xl_nps.workbook.setup.template import build_template


def fill_respondents(path: Path, rows: list[dict], extra_column: str | None = None) -> Path:
    """Create ``path`` from the template with ``rows`` typed into Respondents (as Excel would
    store them: dates as dates, numbers as numbers, text as text)."""
    wb = build_template()
    ws = wb[L.RESPONDENTS_SHEET]
    for r, row in enumerate(rows, start=2):
        for c, name in enumerate(L.RESPONDENT_COLUMNS, start=1):
            if name == L.CATEGORY:
                ws.cell(r, c).value = L.category_formula(r)
            elif name in row:
                cell = ws.cell(r, c)
                cell.value = row[name]
                if isinstance(row[name], str):
                    cell.data_type = "s"
        if extra_column:
            ws.cell(r, 10).value = f"note {r}"
    if extra_column:
        ws.cell(1, 10).value = extra_column
    table = ws.tables[L.RESPONDENTS_TABLE]
    last = max(2, len(rows) + 1)
    table.ref = f"A1:I{last}"
    table.autoFilter.ref = table.ref
    wb.save(path)
    return path


def fill_employees(path: Path, rows: list[dict], min_group=None) -> Path:
    """Create ``path`` from the employee (eNPS) template with ``rows`` typed into Respondents
    (dicts keyed by Date, Department, Team, Tenure, Score, Comment), and ``min_group`` typed
    into the Start here setting when given."""
    wb = build_template(employee=True)
    ws = wb[L.RESPONDENTS_SHEET]
    for r, row in enumerate(rows, start=2):
        for c, name in enumerate(L.EMPLOYEE_COLUMNS, start=1):
            if name == L.CATEGORY:
                ws.cell(r, c).value = L.category_formula(r, "E")
            elif name in row:
                cell = ws.cell(r, c)
                cell.value = row[name]
                if isinstance(row[name], str):
                    cell.data_type = "s"
    table = ws.tables[L.RESPONDENTS_TABLE]
    table.ref = f"A1:G{max(2, len(rows) + 1)}"
    table.autoFilter.ref = table.ref
    if min_group is not None:
        start = wb[L.START_SHEET]
        (cell,) = [row[1] for row in start.iter_rows() if row[0].value == L.MIN_GROUP_SETTING]
        cell.value = min_group
    wb.save(path)
    return path


def employee(day, score, department="", team="", tenure="", comment=""):
    return {L.DATE: day, L.SCORE: score, L.DEPARTMENT: department, L.TEAM: team, L.TENURE: tenure, L.COMMENT: comment}


def answer(day, score, respondent="", company="", segment="", comment="", owner="", status=""):
    return {L.DATE: day, L.SCORE: score, L.RESPONDENT: respondent, L.COMPANY: company,
            L.SEGMENT: segment, L.COMMENT: comment, L.OWNER: owner, L.STATUS: status}


@pytest.fixture
def two_quarters(tmp_path):
    """Q1 2026: 6 promoters, 2 passives, 2 detractors. Q2 2026: 3 promoters, 3 passives, 4 detractors."""
    rows = []
    q1, q2 = dt.datetime(2026, 2, 10), dt.datetime(2026, 5, 12)
    for i, s in enumerate([10, 9, 9, 10, 10, 9, 7, 8, 3, 6]):
        rows.append(answer(q1, s, f"r{i}@a.example", f"Company {i % 3}", "Enterprise" if i % 2 else "SMB",
                           "great support" if s >= 9 else ("slow delivery" if s <= 6 else "")))
    for i, s in enumerate([9, 10, 10, 8, 7, 7, 0, 2, 5, 6]):
        rows.append(answer(q2, s, f"s{i}@b.example", f"Company {i % 4}", "Enterprise" if i % 2 else "SMB",
                           "price too high" if s <= 6 else ""))
    return fill_respondents(tmp_path / "book.xlsx", rows)


# Hypothesis explores new random cases on every local run; CI replays a fixed set so that a
# run's verdict depends only on the code.
from hypothesis import settings  # noqa: E402

settings.register_profile("ci", derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") == "true" else "default")


@pytest.fixture(autouse=True, scope="session")
def numpy_as_in_xlwings_lite():
    """Every test runs with numpy refusing index arrays wider than Pyodide's int32 when xl_nps
    hands them over (tests/wasm_indexes.py)."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        wasm_indexes.install(monkeypatch)
        yield


@pytest.fixture(autouse=True, scope="session")
def cache_folder_of_the_run(tmp_path_factory):
    """What xl-nps keeps in the user's cache folder (xl_nps.user_cache) goes to a folder of this
    test run, for the tests and the programs they start alike."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("XL_NPS_CACHE_DIR", str(tmp_path_factory.mktemp("user-cache")))
        yield
