"""The README is true: every Python example in it runs as written, and what it says about the
commands is what their ``--help`` says.

Each ```python block runs in a new Python process (isolated: neither the current folder nor
the user's site-packages on its path) from a folder prepared as a reader's clone is after the
README's two commands: the bundled export at xl_nps/data/example_survey.csv and the demo's
workbook at workbooks/example.xlsx. Blocks that other sections add are run the same way."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from xl_nps.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.DOTALL | re.MULTILINE)
BLOCKS = [(m.group(1), m.group(2), README.count("\n", 0, m.start()) + 1) for m in FENCE.finditer(README)]
PYTHON = [(code, line) for kind, code, line in BLOCKS if kind == "python"]


def test_the_readme_has_python_examples_for_the_formulas_and_the_report():
    assert len(PYTHON) >= 2
    assert any("udfs." in code and "metrics" in code for code, _ in PYTHON)  # the formulas in Python
    assert any("workbooks/example.xlsx" in code for code, _ in PYTHON)  # the report's data


def test_every_python_example_is_marked_as_python():
    """A block that reads as Python (an import, a print call) is fenced ```python, so that it is run here."""
    for kind, code, line in BLOCKS:
        if kind != "python":
            assert not re.search(r"^\s*(import \w|from \w[\w.]* import |print\()", code, re.MULTILINE), \
                f"README.md line {line}: a Python example not marked ```python"


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    """A folder holding what the README's examples read, where a clone holds it."""
    folder = tmp_path_factory.mktemp("reader")
    for part in ("workbooks/example.xlsx", "xl_nps/data/example_survey.csv"):
        (folder / part).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / part, folder / part)
    return folder


@pytest.mark.parametrize("code,line", PYTHON, ids=[f"line {line}" for _, line in PYTHON])
def test_python_example_runs_as_written(code, line, clone, tmp_path):
    script = tmp_path / f"readme_line_{line}.py"
    script.write_text(code, encoding="utf-8")
    done = subprocess.run([sys.executable, "-I", str(script)], cwd=clone, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"README.md line {line}:\n{done.stderr[-3000:]}"


def commands_table() -> dict[str, str]:
    """The README's table of commands: command name -> what it does (backticks dropped)."""
    section = README[README.index("### Commands"):]
    section = section[:section.index("\n\n", section.index("|---"))]
    table = {}
    for row in section.splitlines()[4:]:
        usage, does = [cell.strip().replace("`", "") for cell in row.strip("|").split("|")]
        table[usage.split()[1]] = does
    return table


def test_the_commands_table_says_what_each_commands_help_says():
    commands = build_parser()._subparsers._group_actions[0].choices
    table = commands_table()
    assert set(table) == set(commands)
    for name, parser in commands.items():
        first_line = " ".join(parser.description.split("\n\n")[0].split("\n")[0].split())
        assert table[name].startswith(first_line), (name, table[name], first_line)


def test_every_option_in_the_commands_table_exists():
    commands = build_parser()._subparsers._group_actions[0].choices
    section = README[README.index("### Commands"):README.index("### The template")]
    for name, option in re.findall(r"`xl-nps ([\w-]+)[^`|]*?(--[\w-]+)", section):
        assert option in commands[name].format_help(), (name, option)


def test_the_demo_prints_the_summary_the_readme_shows(tmp_path, capsys):
    from xl_nps.cli import main

    shown = README[README.index("It prints a one-screen summary:"):]
    shown = FENCE.search(shown).group(2).rstrip("\n").splitlines()
    assert main(["demo", "--out", str(tmp_path / "example.xlsx")]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[:len(shown)] == shown
