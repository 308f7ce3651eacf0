"""`xl-nps import` of a CSV export into a new workbook against writing the same rows with
XlsxWriter in constant-memory mode, measured in the same run (issue 6: within 5x; issue 18:
under 1 GB at 1,048,575 rows).

    python bench/bench_import.py                      # 100,000 rows
    python bench/bench_import.py --rows 1048575

Both run in a fresh Python process; the import goes into a workbook made by `xl-nps new`.
Peak memory is each process's own peak resident size (VmHWM); CPU time (user + system) is
printed beside the wall clock because the machine is shared.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_refresh import measure

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


IMPORT = "from xl_nps.cli import main; main(['import', sys.argv[1], sys.argv[2]])"
MEMORY_TARGET = 1024


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        export = tmp / "export.csv"
        make_csv(export, args.rows)
        t_base, c_base, m_base = measure(BASELINE, export, tmp / "xlsxwriter.xlsx")
        subprocess.run([sys.executable, "-m", "xl_nps.cli", "new", str(tmp / "book.xlsx")], check=True, capture_output=True)
        t_import, c_import, m_import = measure(IMPORT, export, tmp / "book.xlsx")
    ratio = t_import / t_base
    ok = ratio <= TARGET and (args.rows < 1_000_000 or m_import < MEMORY_TARGET)
    print(f"rows={args.rows:,}")
    print(f"XlsxWriter constant_memory write : {t_base:6.2f} s  (CPU {c_base:6.2f} s, peak {m_base:5.0f} MiB)")
    print(f"xl-nps import                    : {t_import:6.2f} s  (CPU {c_import:6.2f} s, peak {m_import:5.0f} MiB)")
    print(f"ratio                            : {ratio:6.2f}x  (CPU {c_import / c_base:.2f}x; target <= {TARGET:.0f}x, "
          f"under {MEMORY_TARGET} MiB at 1,048,575 rows) {'OK' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
