"""The quarterly refresh of every kind of book, with new answers, against a python-calamine read
of the same book, measured in the same run (issue 6 set the target, issue 18 the road).

    python bench/bench_refresh.py                          # 100,000 and 1,048,575 rows, every kind
    python bench/bench_refresh.py --rows 100000 --kind Excel --kind "xl-nps new" --repeats 5

A user's road: the book is made by its program (bench/book_kinds.py: `xl-nps new` then
`xl-nps import`, openpyxl, XlsxWriter, pandas, a LibreOffice save, Excel's, Google Sheets' and
the Open XML SDK's shapes) holding the answers, and refreshed once (the report the user has).
Then, for each run, a fresh copy gets 20 new answers from a later quarter imported (the book
is made with 20 fewer, so the refreshed book holds ``--rows`` answers; not timed:
an unchanged book is a no-op, not a refresh) and is refreshed (timed); python-calamine reads
the Respondents sheet of the same imported copy (timed: the baseline). Each run imports other
new answers (another seed), as each quarter brings a user other comments.

The refresh before the timed one (the report the user already has) fills the user's cache
folder (``xl_nps.user_cache``, here a folder of this benchmark: ``XL_NPS_CACHE_DIR``) as a
user's previous quarterly refresh does: the Chinese dictionary, the stems met, the analysis of
each chunk of 10,000 comments (``xl_nps.text.kept_chunks``) and each report sheet as written
(``xl_nps.workbook.write.kept_sheets``). The timed refresh ("refresh") takes the unchanged
chunks and sheets from there, analyses only the new answers' comments (the last chunk is the
kept one of the refresh before joined with them) and writes only the sheets they change.
A *cold* refresh ("cold") of the same imported copy is timed too, with the cache folder empty
(another new folder each run), as the first refresh on a new computer: nothing kept at all.
The target is for the refresh on the user's road (the warm one); both figures are printed.

The package's modules are compiled to bytecode first (``compileall``), as ``pip install``
does when it installs xl-nps: an editable install run with ``PYTHONDONTWRITEBYTECODE`` (as on
the development machine) would otherwise compile some forty modules from source in every
timed refresh, which no user's installed copy does.

Each measurement is a fresh Python process. Peak memory is that process's own peak resident
size (VmHWM). Times are wall-clock, best of ``--repeats`` (1 at 1,048,575 rows); CPU time
(user + system of the process) is printed beside them because the machine is shared: under
load the wall clock waits for other programs, the CPU time does not.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import book_kinds
from survey_data import answers

READ = "from python_calamine import CalamineWorkbook as W; W.from_path(sys.argv[1]).get_sheet_by_name('Respondents').to_python()"
REFRESH = "from xl_nps.workbook.refresh import refresh; refresh(sys.argv[1])"
IMPORT = "from xl_nps.cli import main; main(['import', sys.argv[2], sys.argv[1]])"
NEW_ANSWERS = 20
TARGET, MEMORY_TARGET = 2.0, 1024

PEAK = """
try:  # VmHWM: this process's own peak (ru_maxrss would include the benchmark's memory from before exec)
    print([l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM")][0])
except OSError:
    import resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def measure(code: str, *args, cache: str | None = None) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak MiB of ``code`` run in a new interpreter, with the
    user's cache folder ``cache`` (else the benchmark's own, ``XL_NPS_CACHE_DIR`` as set by main)."""
    env = dict(os.environ, XL_NPS_CACHE_DIR=cache) if cache else None
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", f"import sys; {code}\n{PEAK}", *map(str, args)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    out, err = process.stdout.read(), process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise RuntimeError(err.decode()[-2000:])
    return wall, usage.ru_utime + usage.ru_stime, int(out.split()[-1]) / 1024


def best(runs: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """The fastest wall time, the least CPU time, the largest peak."""
    return min(r[0] for r in runs), min(r[1] for r in runs), max(r[2] for r in runs)


def new_answers(tmp: Path, run: int) -> Path:
    """The 20 answers of a later quarter imported in run ``run`` (other comments each run)."""
    return book_kinds.write_csv(tmp / f"new answers {run}.csv", answers(
        NEW_ANSWERS, seed=99 + run, start=dt.datetime(2027, 1, 4), days=60, tag="new"))


def bench_kind(kind: str, rows: int, repeats: int, tmp: Path) -> dict:
    book = tmp / "book.xlsx"
    start = time.perf_counter()
    book_kinds.make(kind, book, answers(rows - NEW_ANSWERS))  # the new answers bring it to ``rows``
    made = time.perf_counter() - start
    measure(REFRESH, book)  # the report the user already has: fills the cache folder
    reads, refreshes, colds, imports = [], [], [], []
    for run in range(repeats):
        copy, cold = tmp / "run.xlsx", tmp / "cold.xlsx"
        shutil.copyfile(book, copy)
        imports.append(measure(IMPORT, copy, new_answers(tmp, run)))
        shutil.copyfile(copy, cold)
        reads.append(measure(READ, copy))
        refreshes.append(measure(REFRESH, copy))
        with tempfile.TemporaryDirectory(dir=tmp) as empty:
            colds.append(measure(REFRESH, cold, cache=empty))
    book.unlink()
    return dict(made=made, read=best(reads), refresh=best(refreshes), cold=best(colds), imported=best(imports))


def compile_package() -> None:
    """Bytecode for every module of xl_nps, as pip writes it at install (``pip install``
    compiles by default); files already compiled and unchanged are left alone."""
    import compileall

    import xl_nps

    if not compileall.compile_dir(str(Path(xl_nps.__file__).parent), quiet=1):
        raise RuntimeError("compileall could not compile xl_nps")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, action="append", help="answers in the book (repeatable)")
    parser.add_argument("--kind", action="append", choices=book_kinds.KINDS, help="kind of book (repeatable)")
    parser.add_argument("--repeats", type=int, default=3, help="best of this many runs up to 200,000 rows (default 3)")
    args = parser.parse_args(argv)
    compile_package()
    print(f"{'kind':<25} {'rows':>9} {'made':>7} {'import 20':>9} {'read':>7} {'refresh':>8} {'ratio':>6} "
          f"{'CPU ratio':>9} {'cold':>7} {'cold ratio':>10} {'read MiB':>8} {'peak MiB':>8} {'cold MiB':>8}")
    missed = 0
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for rows in args.rows or [100_000, 1_048_575]:
            for kind in args.kind or book_kinds.KINDS:
                os.environ["XL_NPS_CACHE_DIR"] = str(tmp / f"cache {kind} {rows}")  # the user's, filled by the first refresh
                r = bench_kind(kind, rows, args.repeats if rows <= 200_000 else 1, tmp)
                (t_read, c_read, m_read), (t_refresh, c_refresh, peak) = r["read"], r["refresh"]
                t_cold, _, cold_peak = r["cold"]
                ratio = t_refresh / t_read
                ok = ratio <= TARGET and (rows < 1_000_000 or max(peak, cold_peak) < MEMORY_TARGET)
                missed += not ok
                print(f"{kind:<25} {rows:>9,} {r['made']:>6.0f}s {r['imported'][0]:>8.2f}s {t_read:>6.2f}s "
                      f"{t_refresh:>7.2f}s {ratio:>5.2f}x {c_refresh / c_read:>8.2f}x {t_cold:>6.2f}s {t_cold / t_read:>9.2f}x "
                      f"{m_read:>8.0f} {peak:>8.0f} {cold_peak:>8.0f}{'' if ok else '  MISSED'}", flush=True)
    print(f"targets: refresh (with the cache folder of the refresh before) within {TARGET:.0f}x the read; "
          f"under {MEMORY_TARGET} MiB at 1,048,575 rows (cold too)")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
