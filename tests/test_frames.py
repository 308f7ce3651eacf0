"""The Python face: xl_nps.nps, nps_table, read_answers, read_report, and the Excel functions
called with pandas and polars objects. Every figure is checked against a second method:
hand formulas over pandas groupby counts, or DuckDB's own GROUP BY."""

import datetime as dt
import math
import subprocess
import sys
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import polars as pl
import pytest

import xl_nps
from xl_nps import udfs
from xl_nps.errors import XlNpsError
from xl_nps.workbook.refresh import refresh

from conftest import answer, fill_respondents

SURVEY = Path(__file__).parent.parent / "xl_nps" / "data" / "example_survey.csv"
Z95 = 1.959963984540054  # the two-sided 95% quantile of the standard normal


def hand_figures(scores) -> dict:
    """n, counts, NPS, Wald margin and adjusted-Wald interval (Rocks 2016) by the formulas,
    written out here independently of xl_nps.metrics."""
    s = [int(v) for v in scores]
    n, p, d = len(s), sum(v >= 9 for v in s), sum(v <= 6 for v in s)
    pp, pd_ = p / n, d / n
    margin = 100 * Z95 * math.sqrt((pp + pd_ - (pp - pd_) ** 2) / n)
    na = n + 3
    ap, ad = (p + 0.75) / na, (d + 0.75) / na
    half = 100 * Z95 * math.sqrt((ap + ad - (ap - ad) ** 2) / na)
    centre = 100 * (ap - ad)
    return {"n": n, "promoters": p, "passives": n - p - d, "detractors": d, "nps": 100 * (p - d) / n,
            "ci_low": max(-100, centre - half), "ci_high": min(100, centre + half), "margin_of_error": margin}


@pytest.fixture(scope="module")
def survey() -> pd.DataFrame:
    """The bundled survey export as a pandas user reads it: the two broken rows left out."""
    df = pd.read_csv(SURVEY)
    df.columns = ["id", "date", "email", "company", "segment", "score", "comment"]
    df["date"] = pd.to_datetime(df["date"], format="%m/%d/%Y %I:%M:%S %p", errors="coerce")
    df["score"] = pd.to_numeric(df["score"], errors="coerce")
    return df[df["date"].notna() & df["score"].notna()].reset_index(drop=True)


# ---------------------------------------------------------------- xl_nps.nps

@pytest.mark.parametrize("make", [
    list, np.array, pd.Series, lambda v: pd.Series(v, dtype="Int64"), lambda v: pd.Series(v, dtype="Float64"),
    pl.Series, lambda v: pl.Series(v, dtype=pl.Float64), tuple,
], ids=["list", "numpy", "pandas", "Int64", "Float64", "polars", "polars-float", "tuple"])
def test_nps_of_every_container_equals_the_hand_formula(make):
    rng = np.random.default_rng(7)
    scores = rng.integers(0, 11, 500).tolist()
    expected = hand_figures(scores)["nps"]
    with_gaps = [None if i % 7 == 0 else v for i, v in enumerate(scores)]
    kept = [v for v in with_gaps if v is not None]
    if make is np.array:
        values = np.array([np.nan if v is None else v for v in with_gaps])
    else:
        values = make(with_gaps)
    assert xl_nps.nps(make(scores) if make is not np.array else np.array(scores)) == pytest.approx(expected)
    assert xl_nps.nps(values) == pytest.approx(hand_figures(kept)["nps"])


def test_nps_skips_pandas_nan_none_and_na_and_polars_nan():
    # 2 promoters, 1 passive, 1 detractor: 100 * (2 - 1) / 4 = 25
    assert xl_nps.nps(pd.Series([10, None, 9, np.nan, 7, 3])) == 25.0
    assert xl_nps.nps(pd.Series([10, pd.NA, 9, 7, 3], dtype="Int64")) == 25.0
    assert xl_nps.nps(pl.Series([10.0, float("nan"), 9.0, None, 7.0, 3.0])) == 25.0
    assert xl_nps.nps(["10", 9, "", None, 7, 3]) == 25.0  # numeric text, as in a cell


@pytest.mark.parametrize("values, message", [
    ([10, 9, 11], "values[2] holds 11; scores must be whole numbers 0-10"),
    ([10, 9.5], "values[1] holds 9.5"),
    ([10, True], "values[1] holds TRUE"),
    (np.array([[1, 2], [3, -1]]), "values[1, 1] holds -1"),
    (pd.Series([9, 12], index=["a", "b"], name="Score"), "\"Score\" at index 'b' holds 12"),
    (pl.Series("Score", [9.0, 2.5]), "\"Score\" at position 1 holds 2.5"),
    (["9", "n/a"], 'values[1] holds the text "n/a"'),
    ([1, 2, 3, 4, 5, 5, 4, 3, 2, 1, 3], "1-5 satisfaction or effort scale"),
    ([None, np.nan], "the values hold no scores"),
    (pd.DataFrame({"a": [1]}), "for a table use nps_table"),
])
def test_nps_names_the_position_of_a_bad_value(values, message):
    with pytest.raises(XlNpsError, match=message.replace("[", r"\[").replace("]", r"\]").replace("(", r"\(")):
        xl_nps.nps(values)


# ---------------------------------------------------------------- nps_table

def _compare(table: pd.DataFrame, expected: dict) -> None:
    assert list(table.index) == list(expected)
    for key, figures in expected.items():
        row = table.loc[key]
        for column, value in figures.items():
            assert row[column] == pytest.approx(value, abs=1e-9), (key, column)


def test_nps_table_by_segment_matches_a_pandas_groupby_by_hand(survey):
    expected = {name: hand_figures(group["score"]) for name, group in survey.groupby("segment")}
    table = xl_nps.nps_table(survey, score="score", by="segment")
    _compare(table, expected)
    assert table.index.name == "segment"
    assert list(table.columns[:8]) == ["n", "promoters", "passives", "detractors", "nps", "ci_low", "ci_high",
                                       "margin_of_error"]


def test_nps_table_by_quarter_matches_pandas_periods_and_duckdb_counts(survey):
    labels = survey["date"].dt.to_period("Q").astype(str).str.replace("Q", " Q")  # 2026Q3 -> 2026 Q3
    expected = {q: hand_figures(group["score"]) for q, group in survey.groupby(labels)}
    table = xl_nps.nps_table(survey, score="score", date="date")
    _compare(table, expected)
    assert table.index.name == "quarter"
    counts = duckdb.sql("""
        select year(date) || ' Q' || quarter(date) as q, count(*) as n,
               count(*) filter (where score >= 9) as p, count(*) filter (where score <= 6) as d
        from survey group by q order by q""").fetchall()
    assert [(q, n, p, d) for q, n, p, d in counts] == [
        (q, r.n, r.promoters, r.detractors) for q, r in table.iterrows()]


def test_nps_table_by_segment_and_month_or_year(survey):
    months = survey["date"].dt.strftime("%Y-%m")
    expected = {(s, m): hand_figures(g["score"]) for (s, m), g in survey.groupby([survey["segment"], months])}
    _compare(xl_nps.nps_table(survey, score="score", by=["segment"], date="date", period="M"), expected)
    years = survey["date"].dt.year.astype(str)
    expected = {(s, y): hand_figures(g["score"]) for (s, y), g in survey.groupby([survey["segment"], years])}
    _compare(xl_nps.nps_table(survey, score="score", by="segment", date="date", period="Y"), expected)


def test_nps_table_of_everything_is_one_row(survey):
    table = xl_nps.nps_table(survey, score="score")
    _compare(table, {"All answers": hand_figures(survey["score"])})


@pytest.mark.parametrize("convert", [
    pl.from_pandas, lambda df: pl.from_pandas(df).lazy(), lambda df: duckdb.from_df(df),
], ids=["polars", "polars-lazy", "duckdb"])
def test_nps_table_takes_polars_and_lazy_frames_with_the_same_figures(survey, convert):
    expected = {(s, q): hand_figures(g["score"]) for (s, q), g in survey.groupby(
        [survey["segment"], survey["date"].dt.to_period("Q").astype(str).str.replace("Q", " Q")])}
    _compare(xl_nps.nps_table(convert(survey), score="score", by="segment", date="date"), expected)


def test_nps_table_wald_interval_and_another_confidence():
    scores = [10] * 30 + [8] * 10 + [2] * 10  # P 30, D 10, n 50: NPS 40
    table = xl_nps.nps_table(pd.DataFrame({"Score": scores}), method="wald", confidence=0.90)
    z90 = 1.6448536269514722
    half = 100 * z90 * math.sqrt((0.6 + 0.2 - 0.4 ** 2) / 50)
    row = table.iloc[0]
    assert (row.ci_low, row.ci_high) == (pytest.approx(40 - half), pytest.approx(40 + half))
    assert row.margin_of_error == pytest.approx(half)


def test_nps_table_keeps_a_missing_group_as_its_own_row_and_skips_missing_scores():
    df = pd.DataFrame({"Score": [10, 9, 3, None, 7], "Team": ["a", "a", None, "b", None]})
    table = xl_nps.nps_table(df, by="Team")
    assert list(table.index[:1]) == ["a"] and pd.isna(table.index[1]) and len(table) == 2  # "b" has no score
    assert table.loc["a", "nps"] == 100.0 and table["n"].tolist() == [2, 2]


@pytest.mark.parametrize("data, kwargs, message", [
    (pd.DataFrame({"Score": [9, 11, 11]}), {}, r'the "Score" column holds 11 \(in 2 rows, the first at position 1\)'),
    (pd.DataFrame({"Score": ["9", "abc"]}), {}, 'holds the text "abc"'),
    (pd.DataFrame({"score": [9]}), {}, 'the data has no column "Score"; its columns are "score"'),
    (pd.DataFrame({"Score": [9], "Date": ["2026-01-01"]}), {"date": "Date"}, 'the "Date" column holds String, not dates'),
    (pd.DataFrame({"Score": [9, 3], "Date": pd.to_datetime(["2026-01-01", None])}), {"date": "Date"},
     'answer has a score but no "Date"'),
    (pd.DataFrame({"Score": [3, 4, 5] * 4}), {}, "1-5 satisfaction or effort scale"),
    (pd.DataFrame({"Score": [9]}), {"period": "W", "date": "Score"}, 'period must be "Q"'),
    ([1, 2], {}, "takes a pandas or polars DataFrame"),
])
def test_nps_table_refuses_bad_input_in_one_line(data, kwargs, message):
    with pytest.raises(XlNpsError, match=message):
        xl_nps.nps_table(data, **kwargs)


def test_nps_table_names_bad_values_in_a_lazy_frame_without_a_position():
    with pytest.raises(XlNpsError, match=r'the "Score" column holds 12 \(in 1 row\);'):
        xl_nps.nps_table(duckdb.sql("select 12 as Score union all select 9"))


# ---------------------------------------------------------------- workbooks

def test_read_answers_has_proper_dtypes_and_the_typed_values(tmp_path):
    rows = [answer(dt.datetime(2026, 2, 10), 9, "ann@a.example", "Acme", "SMB", "great"),
            answer(dt.datetime(2026, 5, 12), 3, "bob@b.example", "", "Enterprise", "", "Kim", "called"),
            answer(dt.datetime(2026, 5, 13), "n/a", "cy@c.example")]
    book = fill_respondents(tmp_path / "book.xlsx", rows)
    df = xl_nps.read_answers(book)
    assert df.index.tolist() == [2, 3] and df.index.name == "Row"
    assert str(df["Date"].dtype).startswith("datetime64") and str(df["Score"].dtype) == "Int64"
    assert all(str(df[c].dtype) == "string" for c in ("Respondent", "Company", "Segment", "Comment", "Owner"))
    assert df["Date"].tolist() == [pd.Timestamp("2026-02-10"), pd.Timestamp("2026-05-12")]
    assert df["Score"].tolist() == [9, 3]
    assert df["Category"].tolist() == ["Promoter", "Detractor"]
    assert df["Company"].tolist()[0] == "Acme" and pd.isna(df["Company"].tolist()[1])
    assert df["Follow-up status"].tolist()[1] == "called"
    assert df.attrs["problems"] == [{"row": 4, "column": "E", "value": "n/a",
                                     "reason": "scores must be whole numbers 0-10"}]


def test_report_tables_read_back_equal_hand_counts_and_nps_table(two_quarters):
    refresh(two_quarters)
    report = xl_nps.read_report(two_quarters)
    assert list(report) == ["Periods", "2026 Q1", "2026 Q2", "Comments", "Problems"]
    periods = report["Periods"]["All quarters"]
    # the fixture: Q1 6 promoters, 2 passives, 2 detractors; Q2 3, 3 and 4
    assert periods["Quarter"].tolist() == ["2026 Q1", "2026 Q2"]
    assert periods["Respondents"].tolist() == [10, 10]
    assert periods["NPS"].tolist() == pytest.approx([40.0, -10.0])
    assert pd.isna(periods["Change"][0]) and periods["Change"][1] == pytest.approx(-50.0)
    categories = report["2026 Q2"]["Categories"]
    assert categories["Count"].tolist() == [3, 3, 4, 10]
    answers = report["2026 Q1"]["Answers 0-10"]
    assert answers["Count"].tolist() == [0, 0, 0, 1, 0, 0, 1, 1, 1, 3, 3]
    assert report["Problems"]["Problems"].empty
    callbacks = report["2026 Q2"]["Detractors to call back (worst first)"]
    assert callbacks["Score"].tolist() == [0, 2, 5, 6]
    # the same figures from the answers, by the Python face's own path
    table = xl_nps.nps_table(xl_nps.read_answers(two_quarters), date="Date")
    for column, header in (("n", "Respondents"), ("nps", "NPS"), ("ci_low", "CI low"), ("ci_high", "CI high"),
                           ("margin_of_error", "Margin of error")):
        assert table[column].tolist() == pytest.approx(periods[header].tolist())


def test_read_report_before_any_refresh_says_what_to_do(tmp_path):
    book = fill_respondents(tmp_path / "new.xlsx", [answer(dt.datetime(2026, 2, 10), 9)])
    with pytest.raises(XlNpsError, match="no report sheets yet; refresh it first"):
        xl_nps.read_report(book)


# ---------------------------------------------------------------- the Excel functions with frames

def test_udfs_take_series_and_dataframes_as_xlwings_pandas_converter_hands_them():
    df = pd.DataFrame({"team": ["a", "a", "b", "b", "b", "a"], "score": [10, 9, None, 3, 7, 6],
                       "note": ["x"] * 6})
    assert udfs.nps(df["score"]) == pytest.approx(hand_figures([10, 9, 3, 7, 6])["nps"])
    assert udfs.nps(df[["score"]]) == udfs.nps(df["score"])
    by_team = df.groupby("team")["score"].agg(udfs.nps)
    assert by_team.to_dict() == pytest.approx({"a": hand_figures([10, 9, 6])["nps"], "b": hand_figures([3, 7])["nps"]})
    whole = df.groupby("team").agg(udfs.nps)  # a text column shows a message, as a cell would
    assert whole["note"].str.startswith("NPS: row 1 of the range holds the text").all()
    assert udfs.nps(pl.Series([10, None, 3, 9])) == pytest.approx(100 / 3)
    assert udfs.nps_ci(pd.Series([10] * 30 + [8] * 10 + [2] * 10))[0] == pytest.approx(
        [hand_figures([10] * 30 + [8] * 10 + [2] * 10)["ci_low"], hand_figures([10] * 30 + [8] * 10 + [2] * 10)["ci_high"]])
    trend = udfs.nps_trend(pd.Series([10, 9, 3]), pd.Series(pd.to_datetime(["2026-01-05", "2026-05-01", "2026-05-02"])))
    assert [row[:3] for row in trend[1:]] == [["2026 Q1", 1, 100.0], ["2026 Q2", 2, 0.0]]


def test_the_excel_face_and_xl_nps_nps_work_where_pandas_is_not_installed():
    # as in xlwings Lite, whose offline Python has no pandas wheel: the libraries cannot be imported
    code = ("import sys\n"
            "for name in ('pandas', 'narwhals', 'polars'): sys.modules[name] = None\n"
            "import xl_nps, xl_nps.udfs as u\n"
            "print(u.nps([[10], [9], [None], [3]]), xl_nps.nps([10, 9, None, 3]))\n"
            "try:\n    xl_nps.read_answers('x.xlsx')\nexcept xl_nps.XlNpsError as e:\n    print(e)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["33.333333333333336 33.333333333333336",
                                'this needs pandas, which is not installed; run: pip install "xl-nps[frames]"']


def test_without_pandas_the_message_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "narwhals", None)  # import narwhals then raises ImportError
    with pytest.raises(XlNpsError, match=r'needs narwhals, which is not installed; run: pip install "xl-nps\[frames\]"'):
        xl_nps.nps_table(pd.DataFrame({"Score": [9]}))
