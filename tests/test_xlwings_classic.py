"""The Excel-facing layer proven through xlwings' own code: the classic decorators' metadata
(what Excel's function wizard shows), the VBA that "Import Functions" writes, and every
function called through xlwings' argument and return conversion with the values Excel sends."""

import datetime as dt
import json
import os
import re
from pathlib import Path

import pytest

from xlwings_classic import classic_udfs, excel_call

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
VBA_RESERVED = {
    "and", "as", "boolean", "byref", "byte", "byval", "call", "case", "const", "currency", "date", "declare",
    "dim", "do", "double", "each", "else", "elseif", "empty", "end", "enum", "eqv", "erase", "error", "event",
    "exit", "false", "for", "friend", "function", "get", "global", "gosub", "goto", "if", "imp", "implements",
    "in", "integer", "is", "let", "like", "long", "loop", "lset", "me", "mod", "new", "next", "not", "nothing",
    "null", "on", "option", "optional", "or", "paramarray", "preserve", "private", "property", "public",
    "raiseevent", "redim", "rem", "resume", "return", "rset", "select", "set", "single", "static", "step",
    "stop", "string", "sub", "then", "to", "true", "type", "typeof", "until", "variant", "wend", "while",
    "with", "withevents", "xor",
}


@pytest.fixture(scope="module")
def udfs():
    return classic_udfs()


def functions(udfs):
    return sorted((f for f in vars(udfs).values() if hasattr(f, "__xlfunc__")), key=lambda f: f.__xlfunc__["name"])


def wizard(udfs):
    """What Import Functions hands to Excel's MacroOptions: name, category, description and
    argument descriptions, each cut at 255 characters as xlwings does."""
    out = []
    for f in functions(udfs):
        info = f.__xlfunc__
        out.append({
            "name": info["name"].upper(),
            "category": info["category"],
            "description": info["ret"]["doc"][:255],
            "arguments": [
                {"name": a["name"], "doc": a["doc"][:255], **({"optional": a["optional"]} if "optional" in a else {})}
                for a in info["args"]
            ],
        })
    return out


def compare_with_snapshot(name, text):
    path = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} changed; rerun with UPDATE_SNAPSHOTS=1 if intended"


def test_function_wizard_listing_matches_the_snapshot(udfs):
    compare_with_snapshot("function_wizard.json", json.dumps(wizard(udfs), indent=1, ensure_ascii=False) + "\n")


def test_every_function_and_argument_is_described_in_the_wizard(udfs):
    listing = wizard(udfs)
    assert len(listing) == 31
    for f in listing:
        assert f["category"] == "xl-nps"
        assert f["description"] and len(f["description"]) <= 255 and "Python function" not in f["description"]
        for a in f["arguments"]:
            assert a["doc"] and not a["doc"].startswith("Positional argument"), (f["name"], a["name"])


def test_argument_names_are_legal_in_vba(udfs):
    # Import Functions writes one VBA Function per UDF with these names as parameters.
    for f in wizard(udfs):
        for a in f["arguments"]:
            assert a["name"].lower() not in VBA_RESERVED, (f["name"], a["name"])
            assert re.fullmatch(r"[a-z][a-z0-9_]*", a["name"]) and len(a["name"]) <= 255


def test_every_argument_reads_error_cells_as_text_and_ranges_as_2d_lists(udfs):
    for f in functions(udfs):
        for a in f.__xlfunc__["args"]:
            assert a["options"] in ({"ndim": 2, "err_to_str": True}, {"err_to_str": True}), (f.__name__, a["name"])


class Workbook:
    Name = "NPS 2026.xlsm"


def test_the_vba_that_import_functions_writes_matches_the_snapshot(udfs):
    import io

    from xlwings.udfs import generate_vba_wrapper

    buffer = io.StringIO()
    generate_vba_wrapper("xl_nps.udfs", udfs, buffer, Workbook())
    vba = buffer.getvalue()
    assert vba.count("End Function") == 31
    assert "Function nps_ci(scores, Optional confidence, Optional method)" in vba  # Excel names ignore case
    assert "nps_ci = Err.Description" in vba
    compare_with_snapshot("xlwings_udfs.bas", vba)


# ---------------------------------------------------------------- conversion, as Excel sends values

def col(*values):
    return tuple((v,) for v in values)


def test_nps_of_a_column_with_blanks_comes_back_as_one_number(udfs):
    assert excel_call(udfs, "nps", col(10.0, None, 9.0, 7.0, 3.0, "")) == pytest.approx(25.0)


def test_a_single_cell_argument_is_still_a_range(udfs):
    assert excel_call(udfs, "nps_category", 9.0) == "Promoter"
    assert excel_call(udfs, "nps", 6.0) == pytest.approx(-100.0)


def test_excel_errors_in_the_range_are_named_in_the_cell(udfs):
    result = excel_call(udfs, "nps", col(9.0, -2146826246))
    assert result == "NPS: row 2 of the range holds the Excel error #N/A; scores must be whole numbers 0-10"


def test_table_results_spill_with_their_header(udfs):
    table = excel_call(udfs, "nps_counts", col(10.0, 9.0, 8.0, 0.0))
    assert table == [["Category", "Count", "Share"], ["Promoters (9-10)", 2, 0.5], ["Passives (7-8)", 1, 0.25],
                     ["Detractors (0-6)", 1, 0.25], ["Total", 4, 1.0]]


def test_a_one_row_result_is_written_as_a_row(udfs):
    low, high = excel_call(udfs, "nps_ci", col(*([10.0] * 6 + [8.0] * 2 + [2.0] * 2)))
    assert (low, high) == (pytest.approx(-12.586, abs=1e-3), pytest.approx(74.124, abs=1e-3))


def test_optional_arguments_left_out_take_the_python_defaults(udfs):
    scores = col(*([10.0] * 6 + [8.0] * 2 + [2.0] * 2))
    assert excel_call(udfs, "nps_ci", scores) == excel_call(udfs, "nps_ci", scores, 0.95, "adjusted")
    assert excel_call(udfs, "churn", 500.0, 480.0) == pytest.approx(0.04)


def test_dates_from_com_and_serial_numbers_give_the_same_trend(udfs):
    scores = col(10.0, 10.0, 0.0, 0.0)
    as_dates = col(dt.datetime(2026, 2, 10), dt.datetime(2026, 2, 11), dt.datetime(2026, 5, 10), dt.datetime(2026, 5, 11))
    serials = col(46063.0, 46064.0, 46152.0, 46153.0)
    table = excel_call(udfs, "nps_trend", scores, as_dates)
    assert table == excel_call(udfs, "nps_trend", scores, serials)
    assert [row[0] for row in table[1:]] == ["2026 Q1", "2026 Q2"]


def test_every_function_answers_an_error_cell_with_one_line_naming_itself(udfs):
    na = -2146826246  # what COM hands over for #N/A
    for f in functions(udfs):
        n = max(1, len([a for a in f.__xlfunc__["args"] if "optional" not in a]))
        result = excel_call(udfs, f.__name__, *([na] * n))
        assert isinstance(result, str) and result.startswith(f.__name__.upper() + ": "), (f.__name__, result)
        assert "#N/A" in result and "\n" not in result


SCORES = col(10.0, 9.0, 8.0, 7.0, 6.0, 0.0, 10.0, None, 3.0, 9.0)
DATES = col(*([dt.datetime(2026, 2, 1)] * 5 + [dt.datetime(2026, 5, 1)] * 5))
WORDS = col("slow delivery", "slow delivery", "great team", None, "price", "price too high", "ok", "", "support", "fast")
COHORT = col(1000.0, 631.0, 468.0, 382.0, 326.0, 289.0, 262.0, 241.0, None, None)
VALID_CALLS = {
    "nps": (SCORES,), "nps_counts": (SCORES,), "nps_category": (SCORES,), "nps_se": (SCORES,),
    "nps_moe": (SCORES, 0.9), "nps_ci": (SCORES, 0.95, "wald"), "nps_test": (col(10.0, 9.0, 8.0, 7.0, 6.0, 0.0, 10.0, 9.0, 3.0, 9.0),
                 col(10.0, 2.0, 7.0, 9.0, 9.0, 8.0, 1.0, 10.0, 10.0, 5.0)),
    "nps_sample_size": (5.0, 0.95, 150.0), "nps_by": (SCORES, col(*"ABABABABAB")), "nps_trend": (SCORES, DATES, "Q"),
    "nps_benchmark": ("banking",), "nps_rating": (42.0,), "enps_benchmark": ("all organisations (global; 2023)",), "enps_rating": (12.0,), "churn": (500.0, 480.0, 10.0),
    "retention": (col(1.0, 2.0, 3.0), col(2.0, 3.0, 4.0)), "churn_annual": (0.02, 12.0), "churn_periodic": (0.2,),
    "repeat_rate": (col("a", "b", "a"),), "clv": (3.0, 50.0, 4.0, 0.3), "ces": (col(1.0, 5.0, 7.0), 7.0, "agree"),
    "csat": (col(5.0, 4.0, 1.0),), "participation": (20.0, 100.0), "redemption": (13.0, 100.0),
    "response_rate": (60.0, 100.0), "nps_themes": (WORDS, SCORES), "nps_keywords": (WORDS, 5.0),
    "nps_followup": (col(*"abcdefghij"), SCORES, WORDS),
    "retention_fit": (COHORT,), "retention_forecast": (COHORT, 3.0), "lifetime": (COHORT, 0.1),
}


def as_python(value):
    """The same argument as a plain Python caller passes it: lists of lists, not tuples."""
    return [list(row) for row in value] if isinstance(value, tuple) else value


@pytest.mark.parametrize("name", sorted(VALID_CALLS))
def test_every_function_through_xlwings_gives_what_the_python_twin_gives(udfs, name):
    from xl_nps import udfs as plain

    args = VALID_CALLS[name]
    through_excel = excel_call(udfs, name, *args)
    direct = getattr(plain, name)(*map(as_python, args))
    if isinstance(direct, list) and len(direct) == 1:  # a one-row table is written as a row
        direct = direct[0]
    assert not (isinstance(through_excel, str) and through_excel.startswith(name.upper() + ": ")), through_excel
    assert through_excel == direct


def test_the_valid_calls_cover_every_function(udfs):
    assert sorted(VALID_CALLS) == sorted(f.__name__ for f in functions(udfs))
