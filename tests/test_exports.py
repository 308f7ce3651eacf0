"""The export corpus (tests/exports/, answer key in manifest.json, worked out by its generator
from the lists it wrote the files from, never with xl_nps): every file through the real
command, ``xl-nps new`` -> ``xl-nps import`` -> ``xl-nps refresh``.

For each entry: the columns the summary names (by column letter; the key gives the header or,
for several header rows, the 0-based index), the warnings, the rows read, the encoding and
header rows, then after the refresh the answers per quarter, promoters/passives/detractors
and NPS from the Periods sheet, and the first and last answer date. A refusal is one line,
exit code 1, naming what the key says, and the workbook is byte for byte unchanged.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
from pathlib import Path

import openpyxl
import pytest

from reports import read_tables
from xl_nps.cli import main
from xl_nps.values import utf16_length
from xl_nps.workbook import names as L

CORPUS = Path(__file__).resolve().parent / "exports"
MANIFEST = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))["files"]
FIELDS = {"score": "Score", "date": "Date", "comment": "Comment", "respondent": "Respondent", "company": "Company",
          "segment": "Segment"}
SAME_ENCODING = {"gbk": "gb18030", "utf-8-sig": "utf-8-sig", "utf-16": "utf-16"}
EXCEL_CELL_LIMIT = 32_767  # Excel specifications and limits: characters in a cell, in UTF-16 code units


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def letter(index: int) -> str:
    letters, n = "", index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def header_row(entry: dict) -> list[str]:
    """The file's first header row, read with the key's encoding and delimiter (or openpyxl)."""
    x = entry["expect"]
    path = CORPUS / entry["file"]
    if path.suffix == ".xlsx":
        ws = openpyxl.load_workbook(path, read_only=True)[x["sheet"]]
        return ["" if v is None else str(v) for v in next(ws.iter_rows(values_only=True))]
    text = path.read_bytes().decode(x["encoding"])
    return next(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=x["delimiter"]))


def expected_letters(entry: dict) -> dict[str, set[str]]:
    """Field -> the column letters the key accepts ({} for a field with no column)."""
    x = entry["expect"]
    out: dict[str, set[str]] = {}
    if "column_index" in x:
        for name, index in x["column_index"].items():
            out[name] = set() if index is None else {letter(index)}
    else:
        header = header_row(entry)
        for name, wanted in x["columns"].items():
            out[name] = set() if wanted is None else {letter(header.index(wanted))}
    for name, alternatives in x.get("also_accepted", {}).items():
        header = header_row(entry)
        for alternative in alternatives:
            out[name].add(letter(header.index(alternative[0] if isinstance(alternative, list) else alternative)))
    return out


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def import_args(entry: dict, book: Path) -> list[str]:
    args = ["import", CORPUS / entry["file"], book]
    if entry["options"].get("answered_on"):
        args += ["--answered-on", entry["options"]["answered_on"]]
    return args


def ids(entry: dict) -> str:
    return entry["file"] + ("+" + "+".join(entry["options"]) if entry["options"] else "")


@pytest.mark.parametrize("entry", MANIFEST, ids=[ids(e) for e in MANIFEST])
def test_every_corpus_file_gives_the_answer_key(tmp_path, capsys, entry):
    x = entry["expect"]
    book = tmp_path / "book.xlsx"
    assert run(capsys, "new", book)[0] == 0
    before = sha(book)
    code, out, err = run(capsys, *import_args(entry, book))

    if x["outcome"] == "refused":
        assert code == 1 and out == "", out
        assert err.count("\n") == 1 and err.startswith("xl-nps import: "), err
        for word in x["refusal_mentions"]:
            assert word in err, (word, err)
        assert sha(book) == before
        return

    assert code == 0, err
    taken = dict(re.findall(r"^  (\w+)\s+<- column ([A-Z]+) ", out, re.M))
    for name, letters in expected_letters(entry).items():
        field = FIELDS[name]
        if letters:
            assert taken.get(field) in letters, (field, out)
        elif not (name == "date" and entry["options"].get("answered_on")):
            assert field not in taken, (field, out)
    warned = re.findall(r"^  warning: column [A-Z]+ \"(.*?)\" also qualifies", out, re.M)
    assert sorted(warned) == sorted(w[:70] for w in x["warn_about"]), out
    assert re.search(rf"^  rows read\s+{x['rows']}$", out, re.M), out
    read_as = re.search(r"^Read as (.*)$", out, re.M).group(1)
    if x["encoding"]:
        assert read_as.startswith(SAME_ENCODING.get(x["encoding"], x["encoding"]) + ","), read_as
    if x.get("sheet"):
        assert f'sheet "{x["sheet"]}"' in read_as
    assert read_as.endswith(f"{x['header_rows']} header row{'s' if x['header_rows'] > 1 else ''}"), read_as

    code, out, err = run(capsys, "refresh", book)
    assert code == 0, err
    wb = openpyxl.load_workbook(book)
    periods = read_tables(wb[L.PERIODS_SHEET])["All quarters"]
    by_quarter = {p["Quarter"].replace(" ", ""): p["Respondents"] for p in periods}
    assert by_quarter == x["answers_by_quarter"]
    n = sum(p["Respondents"] for p in periods)
    counts = {kind: sum(round(p[kind] * p["Respondents"]) for p in periods) for kind in ("Promoters", "Passives", "Detractors")}
    assert n == x["answers"]
    assert (counts["Promoters"], counts["Passives"], counts["Detractors"]) == (x["promoters"], x["passives"], x["detractors"])
    nps = sum(p["NPS"] * p["Respondents"] for p in periods) / n
    assert abs(nps - x["nps"]) <= 0.05 + 1e-9
    days = [row[0].date() for row in wb[L.RESPONDENTS_SHEET].iter_rows(min_row=2, max_col=5, values_only=True)
            if isinstance(row[0], dt.datetime) and isinstance(row[4], (int, float))]
    assert (min(days).isoformat(), max(days).isoformat()) == (x["first_date"], x["last_date"])
    for ws in wb.worksheets:  # Excel's cell limit, in UTF-16 code units, on every sheet xl-nps wrote
        for row in ws.iter_rows(values_only=True):
            assert all(utf16_length(v) <= EXCEL_CELL_LIMIT for v in row if isinstance(v, str)), ws.title


OK_FILES = [e for e in MANIFEST if e["expect"]["outcome"] == "ok"]


@pytest.mark.parametrize("entry", OK_FILES[:3] + [e for e in OK_FILES if e["file"] == "hostile_fields.csv"], ids=ids)
def test_importing_a_file_again_adds_nothing_and_reports_nothing_unread(tmp_path, capsys, entry):
    book = tmp_path / "book.xlsx"
    run(capsys, "new", book)
    assert run(capsys, *import_args(entry, book))[0] == 0
    code, out, err = run(capsys, *import_args(entry, book))
    assert code == 0, err
    assert "answers added         0" in out and f"already there         {entry['expect']['rows']} " in out
    assert "unread" not in out and "replaced" not in out and "cut at" not in out


def entry_of(name: str) -> dict:
    return next(e for e in MANIFEST if e["file"] == name and not e["options"])


def test_a_yes_no_recommend_question_is_refused_as_yes_no(tmp_path, capsys):
    book = tmp_path / "book.xlsx"
    run(capsys, "new", book)
    code, out, err = run(capsys, *import_args(entry_of("typeform_yes_no.csv"), book))
    assert code == 1
    assert '"Would you recommend Parcelly to a colleague?" is yes/no (it holds only 1 and 0)' in err


def test_no_date_column_names_both_ways_out_and_answered_on_fills_the_date_column(tmp_path, capsys):
    book = tmp_path / "book.xlsx"
    run(capsys, "new", book)
    code, out, err = run(capsys, "import", CORPUS / "phone_interviews.xlsx", book)
    assert code == 1 and "no date column" in err and "--date COLUMN" in err and "--answered-on YYYY-MM-DD" in err
    code, out, err = run(capsys, "import", CORPUS / "phone_interviews.xlsx", book, "--answered-on", "2026-03-31")
    assert code == 0, err
    assert "Date        <- 2026-03-31 for every answer (--answered-on)" in out
    dates = [r[0] for r in openpyxl.load_workbook(book)[L.RESPONDENTS_SHEET].iter_rows(min_row=2, values_only=True)
             if any(v is not None for v in r[:5] if not str(v).startswith("="))]
    assert len(dates) == 18 and set(dates) == {dt.datetime(2026, 3, 31)}
    for bad in (["--answered-on", "31/03/2026"], ["--answered-on", "2026-03-31", "--date", "Company"]):
        before = sha(book)
        code, out, err = run(capsys, "import", CORPUS / "phone_interviews.xlsx", book, *bad)
        assert code == 1 and err.count("\n") == 1 and sha(book) == before, err


def test_hostile_text_is_kept_exactly_cut_in_utf16_units_and_every_replaced_row_is_on_problems(tmp_path, capsys):
    book = tmp_path / "book.xlsx"
    run(capsys, "new", book)
    code, out, err = run(capsys, "import", CORPUS / "hostile_fields.csv", book)
    assert code == 0, err
    assert "characters replaced   1 added rows" in out and "cut at Excel's 32,767-character cell limit: 1" in out
    text = (CORPUS / "hostile_fields.csv").read_text(encoding="utf-8")
    assert "\uf8ff" not in text  # Python 3.10's csv refuses NUL: it goes through as U+F8FF and back
    source = [[v.replace("\uf8ff", "\x00") for v in row]
              for row in csv.reader(io.StringIO(text.replace("\x00", "\uf8ff"), newline=""))]
    rows = list(openpyxl.load_workbook(book)[L.RESPONDENTS_SHEET].iter_rows(min_row=2, max_row=21, values_only=True))
    for i, (stored, exported) in enumerate(zip(rows, source[1:])):
        respondent, comment = exported[0], exported[3]
        assert stored[1] == respondent.replace("\x00", "\ufffd")
        if utf16_length(comment) <= EXCEL_CELL_LIMIT:
            assert (stored[6] or "") == comment, i  # blank lines around a comment kept
        else:
            assert utf16_length(stored[6]) <= EXCEL_CELL_LIMIT < utf16_length(stored[6]) + 2
            assert stored[6].endswith(" [cut at Excel's cell limit]") and comment.startswith(stored[6][:-28])
    assert any(c.startswith("\n") and c.endswith("\n") for c in (r[6] or "" for r in rows))
    assert run(capsys, "refresh", book)[0] == 0
    problems = read_tables(openpyxl.load_workbook(book)["Problems"])["Problems"]
    nul_rows = [i + 2 for i, r in enumerate(source[1:]) if any("\x00" in v for v in r)]
    assert [(p["Row"], p["Column"], p["Value"]) for p in problems] == [(r, "B", "R-10\ufffd04") for r in nul_rows]
    assert problems[0]["Reason"].endswith("the answer is used")


def test_a_comment_longer_than_the_csv_field_limit_is_read(tmp_path, capsys):
    book = tmp_path / "book.xlsx"
    run(capsys, "new", book)
    code, out, err = run(capsys, "import", CORPUS / "long_comment.csv", book)
    assert code == 0 and "field limit" not in err, err
    comments = [r[6] for r in openpyxl.load_workbook(book)[L.RESPONDENTS_SHEET].iter_rows(min_row=2, values_only=True)]
    longest = max((c for c in comments if c), key=len)
    assert len(longest) == EXCEL_CELL_LIMIT and longest.endswith(" [cut at Excel's cell limit]")


def test_import_help_and_the_readme_say_the_same_things():
    from xl_nps.cli import build_parser

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Importing survey exports"):readme.index("## From Python")]
    command = build_parser()._subparsers._group_actions[0].choices["import"]
    text = " ".join(command.format_help().split())
    for phrase in ("cp1252", "cp1250", "cp1251", "gb18030", "cp950", "cp932", "cp850", "cp866", "UTF-16",
                   "--answered-on", "Respondents sheet", "first sheet with a score and a date column", "80%",
                   "yes/no", "ranking", "1-5", "Submit Date", "Qualtrics", "SurveyMonkey", "warns"):
        assert phrase.casefold() in text.casefold(), phrase
        assert phrase.casefold() in " ".join(section.split()).casefold(), phrase
