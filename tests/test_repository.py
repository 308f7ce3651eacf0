"""The repository itself: no text file holds what an unfinished merge leaves behind."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKERS = ("<<<<<<< ", ">>>>>>> ", "||||||| ")


def test_no_tracked_text_file_holds_merge_conflict_markers():
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    found = []
    for name in tracked.decode().split("\0"):
        path = ROOT / name
        if not name or not path.is_file() or path.suffix in (".xlsx", ".xlsm", ".png", ".whl", ".gz"):
            continue
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except UnicodeDecodeError:
            continue  # a binary or legacy-encoded fixture
        found += [f"{name}:{n}" for n, line in enumerate(lines, 1) if line.startswith(MARKERS) or line == "======="]
    assert not found, f"merge conflict markers left in: {', '.join(found[:10])}"


def test_the_pyodide_check_calls_every_excel_function():
    """tools/pyodide_check/check.py runs each function of xl_nps.udfs.__all__ inside Pyodide; a new
    function it does not call is caught here, in the ordinary test run, before CI reaches Pyodide."""
    import re

    from xl_nps import udfs

    script = (ROOT / "tools" / "pyodide_check" / "check.py").read_text(encoding="utf-8")
    called = set(re.findall(r"""call\(\s*["']([a-z_0-9]+)["']""", script))
    assert sorted(set(udfs.__all__) - called) == []
