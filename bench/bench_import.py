"""`xl-nps import` of a 100,000-row CSV export against writing the same rows with XlsxWriter in
constant-memory mode, measured in the same run (issue 6: target within 5x).

    python bench/bench_import.py
    python bench/bench_import.py --rows 20000

Both run in a fresh Python process; the import goes into a new workbook from the template.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET = 5.0
COMMENTS = ["great support", "too expensive", "slow delivery", "", "easy to use", "customer service was rude"]

BASELINE = """
import csv, sys, datetime as dt, xlsxwriter
book = xlsxwriter.Workbook(sys.argv[2], {"constant_memory": True})
sheet = book.add_worksheet("Respondents")
dates = book.add_format({"num_format": "yyyy-mm-dd"})
with open(sys.argv[1], encoding="utf-8", newline="") as handle:
    for r, row in enumerate(csv.reader(handle)):
        if r == 0:
            sheet.write_row(0, 0, row)
            continue
        sheet.write_datetime(r, 0, dt.datetime.fromisoformat(row[0]), dates)
        sheet.write_row(r, 1, [row[1], row[2], row[3], int(row[4]), row[5]])
book.close()
"""


def make_csv(path: Path, rows: int, seed: int = 11) -> None:
    rng = random.Random(seed)
    start = dt.date(2025, 1, 1)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Date", "Email", "Company", "Segment", "Score", "Comment"])
        for r in range(rows):
            writer.writerow([(start + dt.timedelta(days=rng.randint(0, 729))).isoformat(), f"person{r}@example.com",
                             f"Company {r % 500}", rng.choice(["SMB", "Enterprise"]), rng.randint(0, 10),
                             rng.choice(COMMENTS)])


def timed(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, *args], check=True, capture_output=True)
    return time.perf_counter() - start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        export = tmp / "export.csv"
        make_csv(export, args.rows)
        t_base = timed(["-c", BASELINE, str(export), str(tmp / "xlsxwriter.xlsx")])
        subprocess.run([sys.executable, "-m", "xl_nps.cli", "new", str(tmp / "book.xlsx")], check=True, capture_output=True)
        t_import = timed(["-m", "xl_nps.cli", "import", str(export), str(tmp / "book.xlsx")])
    ratio = t_import / t_base
    print(f"rows={args.rows:,}")
    print(f"XlsxWriter constant_memory write : {t_base:6.2f} s")
    print(f"xl-nps import                    : {t_import:6.2f} s")
    print(f"ratio                            : {ratio:6.2f}x  (target <= {TARGET:.0f}x) {'OK' if ratio <= TARGET else 'MISSED'}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
