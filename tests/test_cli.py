"""The xl-nps command: the demo end to end, one-line errors with exit codes, documented help,
and a refresh killed at any moment leaves a whole workbook."""

import datetime as dt
import hashlib
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl

from conftest import answer, fill_respondents
from xl_nps.cli import EXAMPLES, build_parser, main

ROOT = Path(__file__).resolve().parent.parent


def test_demo_builds_and_refreshes_the_example(tmp_path, capsys):
    out = tmp_path / "example.xlsx"
    assert main(["demo", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Refreshed example.xlsx" in printed and "2025 Q2 to 2026 Q3" in printed
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[-9:] == ["Periods", "2025 Q2", "2025 Q3", "2025 Q4", "2026 Q1", "2026 Q2", "2026 Q3", "Comments", "Problems"]
    # the bundled export has 937 answers; one has no date and one a text score
    assert "answers used      935" in printed and "2 rows left out" in printed
    assert main(["demo", "--out", str(out)]) == 0  # its own output may be rebuilt


def test_demo_never_overwrites_a_workbook_it_did_not_make(tmp_path, capsys):
    mine = tmp_path / "mine.xlsx"
    openpyxl.Workbook().save(mine)
    before = mine.read_bytes()
    assert main(["demo", "--out", str(mine)]) == 1
    assert "was not made by xl-nps demo" in capsys.readouterr().err
    assert mine.read_bytes() == before


def test_errors_are_one_line_with_a_non_zero_exit(tmp_path, capsys):
    (tmp_path / "notes.xlsx").write_bytes(b"hello")
    assert main(["refresh", str(tmp_path / "notes.xlsx")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("xl-nps refresh: notes.xlsx is not an Excel workbook") and err.count("\n") == 1
    assert main(["new", str(tmp_path / "notes.xlsx")]) == 1
    assert "already exists" in capsys.readouterr().err


def test_new_then_import_then_refresh(tmp_path, capsys):
    book = tmp_path / "nps.xlsx"
    assert main(["new", str(book)]) == 0
    (tmp_path / "s.csv").write_text("When,Rating,Why\n2026-01-04,9,fast\n2026-01-05,4,slow\n", encoding="utf-8")
    assert main(["import", str(tmp_path / "s.csv"), str(book), "--score", "Rating", "--date", "When"]) == 0
    assert "answers added         2" in capsys.readouterr().out
    assert main(["refresh", str(book)]) == 0
    assert "2026 Q1: NPS +0.0" in capsys.readouterr().out


def test_the_summary_writes_counts_as_whole_numbers_with_separators(tmp_path, capsys):
    """Counts of a thousand answers and more read as 1,210, never as 1210 or 1.21e+03 (a
    float's %g form, which printed 12,509,800 answers as 1.25098e+07)."""
    book = tmp_path / "nps.xlsx"
    assert main(["new", str(book)]) == 0
    lines = ["When,Rating"] + [f"2026-01-{1 + i % 28:02d},{(9, 10, 7, 3)[i % 4]}" for i in range(1210)]
    (tmp_path / "s.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["import", str(tmp_path / "s.csv"), str(book), "--score", "Rating", "--date", "When"]) == 0
    capsys.readouterr()
    assert main(["refresh", str(book)]) == 0
    printed = capsys.readouterr().out
    # 1,210 = 4 x 302 + 2 rows cycling 9, 10, 7, 3: 303 nines and 303 tens (606 promoters), 302
    # passives, 302 detractors: NPS = (606 - 302) / 1210 = +25.1
    assert "answers used      1,210 (1 quarter: 2026 Q1)" in printed
    assert "2026 Q1: NPS +25.1" in printed and "), 1,210 answers" in printed


def test_every_command_has_an_example_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = build_parser()._subparsers._group_actions[0].choices
    assert set(commands) == set(EXAMPLES)
    for name, parser in commands.items():
        assert "example:" in parser.format_help()
        assert f"xl-nps {name}" in readme, name


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_refresh_killed_at_any_moment_leaves_a_whole_workbook(tmp_path):
    rows = [answer(dt.datetime(2025 + i % 2, 1 + i % 12, 1 + i % 28), i % 11, f"r{i}", comment=f"c{i}") for i in range(4000)]
    book = fill_respondents(tmp_path / "book.xlsx", rows)
    command = [sys.executable, "-m", "xl_nps.cli", "refresh", str(book)]
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    full = time.perf_counter() - start
    for fraction in (0.1, 0.3, 0.5, 0.7, 0.9):
        fill_respondents(book, rows)
        before = sha(book)
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(full * fraction)
        process.send_signal(signal.SIGKILL)
        process.wait()
        wb = openpyxl.load_workbook(book)  # never half written
        assert sha(book) == before or "Periods" in wb.sheetnames
