"""Refresh of workbooks with 10,000 and 100,000 respondents against a python-calamine read of
the same Respondents sheet, measured in the same run (issue 3; issue 6 sets the targets).

    python bench/bench_refresh.py                 # 10,000, 100,000 and 1,048,575 rows
    python bench/bench_refresh.py --rows 10000    # one size

Each size is measured twice: as openpyxl (and XlsxWriter's constant-memory mode) store text,
inside each cell ("inline"), and as Excel stores it, in the shared-string table ("shared",
bench/excel_like.py). Up to 200,000 rows each figure is the best of five runs (this machine
varies by about 5% from run to run).

Each measurement runs in a fresh Python process; peak memory is that process's own peak
resident size (VmHWM).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from xl_nps.workbook import names as L
from xl_nps.workbook.setup.template import build_template
from excel_like import to_shared_strings
from survey_data import Comments


READ = "from python_calamine import CalamineWorkbook as W; W.from_path(sys.argv[1]).get_sheet_by_name('Respondents').to_python()"
REFRESH = "from xl_nps.workbook.refresh import refresh; refresh(sys.argv[1])"


def make_book(path: Path, rows: int, seed: int = 7) -> None:
    """A workbook as a user's would look: the template with ``rows`` answers typed in.
    Above 200,000 rows it is written with XlsxWriter (openpyxl would take minutes); then it
    holds the Respondents sheet and a Summary sheet only."""
    if rows > 200_000:
        return make_big_book(path, rows, seed)
    return make_template_book(path, rows, seed)


def make_big_book(path: Path, rows: int, seed: int) -> None:
    import xlsxwriter

    rng, comments = random.Random(seed), Comments()
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet = book.add_worksheet(L.RESPONDENTS_SHEET)
    sheet.write_row(0, 0, list(L.RESPONDENT_COLUMNS))
    start = dt.datetime(2025, 1, 1)
    for r in range(1, rows + 1):
        comment, score = comments.next(rng)
        sheet.write_datetime(r, 0, start + dt.timedelta(days=rng.randint(0, 729)), date_format)
        sheet.write_row(r, 1, [f"person{r}@example.com", f"Company {r % 500}",
                               rng.choice(["SMB", "Mid-market", "Enterprise"]), score])
        if comment:
            sheet.write_string(r, 6, comment)
    book.add_worksheet("Summary").write(0, 0, "the user's own sheet")
    book.close()


def make_template_book(path: Path, rows: int, seed: int = 7) -> None:
    rng, comments = random.Random(seed), Comments()
    wb = build_template()
    ws = wb[L.RESPONDENTS_SHEET]
    start = dt.datetime(2025, 1, 1)
    for r in range(2, rows + 2):
        comment, score = comments.next(rng)
        ws.append([start + dt.timedelta(days=rng.randint(0, 729)), f"person{r}@example.com", f"Company {r % 500}",
                   rng.choice(["SMB", "Mid-market", "Enterprise"]), score, L.category_formula(r),
                   comment or None, None, None])
    ws.tables[L.RESPONDENTS_TABLE].ref = f"A1:I{rows + 1}"
    wb.save(path)


PEAK = """
try:  # VmHWM: this process's own peak (ru_maxrss would include the benchmark's memory from before exec)
    print([l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM")][0])
except OSError:
    import resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def measure(code: str, book: Path) -> tuple[float, float]:
    """Seconds and peak MiB of ``code`` run in a new interpreter."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", f"import sys; {code}\n{PEAK}", str(book)],
                          check=True, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    return seconds, int(done.stdout.split()[-1]) / 1024


def best(code: str, book: Path, repeats: int) -> tuple[float, float]:
    """Fastest of ``repeats`` runs on a fresh copy of ``book`` each (a refresh changes its file)."""
    runs = []
    for _ in range(repeats):
        copy = book.with_name("run-" + book.name)
        shutil.copyfile(book, copy)
        runs.append(measure(code, copy))
    return min(runs)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, action="append", help="respondent rows (repeatable)")
    parser.add_argument("--repeats", type=int, default=5, help="best of this many runs up to 200,000 rows (default 5)")
    args = parser.parse_args(argv)
    sizes = args.rows or [10_000, 100_000, 1_048_575]
    print(f"{'rows':>9} {'strings':>8} {'calamine read':>14} {'read MiB':>9} {'refresh':>9} {'ratio':>7} {'peak MiB':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for rows in sizes:
            inline = Path(tmp) / f"book-{rows}.xlsx"
            make_book(inline, rows)
            shared = Path(tmp) / f"shared-{rows}.xlsx"
            to_shared_strings(inline, shared)
            repeats = args.repeats if rows <= 200_000 else 1
            for kind, book in (("inline", inline), ("shared", shared)):
                t_read, read_peak = best(READ, book, repeats)
                t_refresh, peak = best(REFRESH, book, repeats)
                print(f"{rows:>9,} {kind:>8} {t_read:>13.2f}s {read_peak:>9.0f} {t_refresh:>8.2f}s "
                      f"{t_refresh / t_read:>6.2f}x {peak:>9.0f}", flush=True)
            inline.unlink()
            shared.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
