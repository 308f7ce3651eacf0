"""Builds a synthetic employee (eNPS) workbook and renders its latest quarter sheet for the README.

    python tools/make_employee_example.py            # docs/example-enps-quarter.png
    python tools/make_employee_example.py BOOK.xlsx  # also keeps the refreshed workbook there

The answers are made up (a fixed seed, so the picture is the same on every run): 240 employees
over two quarters in five departments, one of them Legal with three answers a quarter, which
the report hides, together with the next smallest department. Rendering needs LibreOffice and
poppler-utils (see tools/render_example.py).
"""

from __future__ import annotations

import random
import sys
import tempfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from render_example import page_count, page_text, to_pdf, to_png  # noqa: E402
from xl_nps.cli import main  # noqa: E402
from xl_nps.workbook import names as L  # noqa: E402

DEPARTMENTS = {  # name: (answers a quarter, teams, how happy: a shift of the 0-10 answers)
    "Engineering": (48, ("Platform", "Apps", "Data"), 1),
    "Sales": (36, ("North", "South"), 0),
    "Support": (30, ("Desk", "Onboarding"), -2),
    "Finance": (9, ("Accounts",), 0),
    "Legal": (3, ("Counsel",), -3),
}
TENURE = ("<1 year", "1-3 years", "3-5 years", "5+ years")
COMMENTS = {
    "low": ["Workload is too high and deadlines keep moving", "Pay has not kept up with the market",
            "Career growth is unclear", "Too many meetings, too little focus time", "Management does not listen"],
    "mid": ["Good colleagues but the workload is high", "Flexible hours help, pay could be better",
            "Onboarding was slow", "Tools are dated"],
    "high": ["Great team and flexible hours", "I learn something new every week", "Managers who listen",
             "Good pay and a real career path"],
}


def answers(seed: int = 2026) -> list[list]:
    rnd = random.Random(seed)
    rows = []
    for day in (datetime(2026, 5, 12), datetime(2026, 8, 18)):
        for department, (count, teams, shift) in DEPARTMENTS.items():
            for i in range(count):
                score = max(0, min(10, round(rnd.gauss(7.6 + shift - (day.month == 8) * 0.6, 1.9))))
                mood = "low" if score <= 6 else "mid" if score <= 8 else "high"
                comment = rnd.choice(COMMENTS[mood]) if rnd.random() < 0.7 else ""
                if department == "Legal":
                    comment = "The merger review leaves our small team exhausted"
                rows.append([day, department, teams[i % len(teams)], rnd.choice(TENURE), score, None, comment])
    return rows


def build(book: Path) -> None:
    import openpyxl

    assert main(["new", str(book), "--employee"]) == 0
    wb = openpyxl.load_workbook(book)
    ws = wb[L.RESPONDENTS_SHEET]
    rows = answers()
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            ws.cell(r, c).value = L.category_formula(r, "E") if c == 6 else value
        ws.cell(r, 1).number_format = "yyyy-mm-dd"
    table = ws.tables[L.RESPONDENTS_TABLE]
    table.ref = table.autoFilter.ref = f"A1:G{len(rows) + 1}"
    wb.save(book)
    assert main(["refresh", str(book)]) == 0


def render(book: Path, target: Path, marker: str = "2026 Q3: Employee Net Promoter Score (eNPS)") -> int:
    with tempfile.TemporaryDirectory() as tmp:
        pdf = to_pdf(book.resolve(), Path(tmp))
        for page in range(1, page_count(pdf) + 1):
            if marker in page_text(pdf, page):
                to_png(pdf, page, target)
                print(f"wrote {target.relative_to(ROOT)} (page {page})")
                return 0
    print(f"not found: {marker}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tmp) / "example-enps.xlsx"
        if book.exists():
            book.unlink()
        build(book)
        sys.exit(render(book, ROOT / "docs" / "example-enps-quarter.png"))
