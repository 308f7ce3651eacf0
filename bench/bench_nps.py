"""NPS over a full Excel column against the bare minimum, measured in the same run.

Target (issue 2): ``=NPS(C:C)`` over 1,048,575 cells, passed as xlwings passes them (a list of
one-element lists, floats, None for blanks), costs at most 3x the time of converting that
list to a numpy array and counting categories with numpy.bincount.

    python bench/bench_nps.py            # prints the figures and the ratio
"""

from __future__ import annotations

import argparse
import random
import sys
import time

import numpy as np

from xl_nps import udfs

ROWS = 1_048_575
TARGET = 3.0


def column(rows: int, blank_share: float, seed: int = 1) -> list[list]:
    rng = random.Random(seed)
    return [[None] if rng.random() < blank_share else [float(rng.randint(0, 10))] for _ in range(rows)]


def baseline(values: list[list]) -> np.ndarray:
    """The bare minimum: list -> numpy array, then count the answers 0..10."""
    a = np.array(values, dtype=np.float64).ravel()
    a = a[~np.isnan(a)].astype(np.int64)
    return np.bincount(a, minlength=11)


def best_of(repeats: int, func, *args) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func(*args)
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=ROWS)
    parser.add_argument("--blanks", type=float, default=0.05, help="share of blank cells (default 0.05)")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)

    values = column(args.rows, args.blanks)
    counts = baseline(values)
    expected = 100.0 * (counts[9:].sum() - counts[:7].sum()) / counts.sum()
    assert abs(udfs.nps(values) - expected) < 1e-9, "NPS disagrees with the baseline count"

    t_base = best_of(args.repeats, baseline, values)
    t_nps = best_of(args.repeats, udfs.nps, values)
    ratio = t_nps / t_base
    print(f"rows={args.rows:,} blanks={args.blanks:.0%} repeats={args.repeats} (best of)")
    print(f"baseline np.array + bincount : {t_base * 1000:8.1f} ms")
    print(f"=NPS (xl_nps.udfs.nps)       : {t_nps * 1000:8.1f} ms")
    print(f"ratio                        : {ratio:8.2f}x  (target <= {TARGET:.0f}x) {'OK' if ratio <= TARGET else 'MISSED'}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
