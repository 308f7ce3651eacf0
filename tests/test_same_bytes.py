"""Same input, same bytes: every file xl-nps writes, built twice, is identical byte for byte,
and the committed example is what ``xl-nps demo`` writes (a fresh clone stays clean after the
README's first command).

The second build runs in another process with another hash seed (so set and dict orders that
depend on it would show), a clock moved 400 days on (zip member dates, openpyxl's time of
saving) and in a folder of another name (a path or a temporary name stored in the file would
show)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hostile_files import hostile_text_export

ROOT = Path(__file__).resolve().parent.parent
COMMITTED_EXAMPLE = ROOT / "workbooks" / "example.xlsx"

# Runs the command line with the clock moved on: time.time (zipfile's member dates, tempfile)
# and the datetime openpyxl stamps a saved workbook with.
LATER = """
import datetime, sys, time
shift = 400 * 86400
real_time = time.time
time.time = lambda: real_time() + shift
import openpyxl.writer.excel as excel
class Later(datetime.datetime):
    @classmethod
    def now(cls, tz=None):
        return datetime.datetime.fromtimestamp(real_time() + shift, tz)
excel.datetime = type("m", (), {"datetime": Later, "timezone": datetime.timezone})
from xl_nps.cli import main
sys.exit(main(sys.argv[1:]))
"""


def run(folder: Path, *args, seed: str, later: bool = False) -> None:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    code = LATER if later else "import sys; from xl_nps.cli import main; sys.exit(main(sys.argv[1:]))"
    done = subprocess.run([sys.executable, "-c", code, *args], cwd=folder, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def build(folder: Path, later: bool, seed: str) -> dict[str, bytes]:
    """The files of a user's road, built in ``folder``."""
    folder.mkdir()
    survey = hostile_text_export(folder)
    run(folder, "demo", "--out", "example.xlsx", seed=seed, later=later)
    run(folder, "template", "--out", "template.xlsx", seed=seed, later=later)
    run(folder, "new", "book.xlsx", seed=seed, later=later)
    run(folder, "import", survey.name, "book.xlsx", seed=seed, later=later)
    run(folder, "refresh", "book.xlsx", seed=seed, later=later)
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.suffix in (".xlsx", ".xlsm")}


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    base = tmp_path_factory.mktemp("same-bytes")
    return build(base / "first", later=False, seed="1"), build(base / "second-run", later=True, seed="2")


def test_every_file_built_twice_is_the_same_bytes(builds):
    first, second = builds
    assert sorted(first) == ["book.xlsx", "employee-template.xlsx", "example.xlsx", "template.xlsm", "template.xlsx"]
    for name in first:
        assert first[name] == second[name], f"{name} differs between two builds of the same input"


def test_the_committed_example_is_what_the_demo_writes(builds):
    first, _ = builds
    assert COMMITTED_EXAMPLE.read_bytes() == first["example.xlsx"], (
        "workbooks/example.xlsx is not what `xl-nps demo` writes now: run `xl-nps demo` and commit the file")


def test_the_committed_templates_are_what_the_code_builds(builds):
    first, _ = builds
    assert (ROOT / "templates" / "xl-nps-template.xlsx").read_bytes() == first["template.xlsx"]
    assert (ROOT / "templates" / "xl-nps-template.xlsm").read_bytes() == first["template.xlsm"]
