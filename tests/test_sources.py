"""Answers outside the workbook: the counts and listed rows of every engine (DuckDB over
Parquet, CSV and a database file; a real PostgreSQL server started here; SQLAlchemy; Spark in
local mode) against pandas working on the same answers by hand."""

import datetime as dt
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from xl_nps.errors import XlNpsError
from xl_nps.sources.answers import OutsideAnswers
from xl_nps.sources.engines import open_source

from servers import start_postgres

COLUMNS = {"Date": "answered_at", "Score": "score", "Segment": "plan", "Respondent": "email",
           "Company": "account", "Comment": "why"}


def make_answers(rows: int = 6000) -> pd.DataFrame:
    """Answers over five quarters (the third with more than 300 detractors), four plans (one
    missing), 30% with comments, and broken rows: no score, scores 11 and 7.5, no date."""
    return duckdb.sql(f"""
        SELECT TIMESTAMP '2025-01-01 08:00:00' + to_days(CAST((i * 7919) % 450 AS INTEGER))
                   + to_hours(CAST(i % 9 AS INTEGER)) AS answered_at,
               CAST(CASE WHEN (i * 31) % 450 BETWEEN 180 AND 270 THEN (i * 13) % 8 ELSE (i * 17) % 11 END AS DOUBLE) AS score,
               CASE i % 4 WHEN 0 THEN 'Enterprise' WHEN 1 THEN 'SMB' WHEN 2 THEN ' Mid-market ' ELSE NULL END AS plan,
               'r' || CAST((i * 37) % 997 AS VARCHAR) || '@x.example' AS email,
               'Account ' || CAST(i % 23 AS VARCHAR) AS account,
               CASE WHEN i % 10 < 3 THEN (['price too high', 'great support', 'slow delivery', 'the price', 'Preis zu hoch'])[1 + i % 5] || ' ' || CAST(i % 7 AS VARCHAR)
                    WHEN i % 10 = 3 THEN '   ' ELSE NULL END AS why
        FROM range({rows}) t(i)
        UNION ALL SELECT TIMESTAMP '2025-03-01', NULL, 'SMB', 'a@x', 'A', 'no score'
        UNION ALL SELECT TIMESTAMP '2025-03-01', 11, 'SMB', 'b@x', 'A', 'eleven'
        UNION ALL SELECT TIMESTAMP '2025-03-02', 11, 'SMB', 'c@x', 'A', NULL
        UNION ALL SELECT TIMESTAMP '2025-03-03', 7.5, 'SMB', 'd@x', 'A', NULL
        UNION ALL SELECT NULL, 9, 'SMB', 'e@x', 'A', 'no date'
    """).df()


def expected_from_pandas(df: pd.DataFrame, callbacks=300, comments=100, placed=False) -> dict:
    """The same figures by hand with pandas. ``placed``: ``df`` is in the source's order, which
    the lists keep as a sheet does (call-backs by score, day, place; comments by score, place);
    otherwise answers of the same score and day by respondent, company, comment."""
    df = df.assign(place=np.arange(len(df)))
    ok = df["score"].between(0, 10) & (df["score"] % 1 == 0) & df["answered_at"].notna()
    good = df[ok].copy()
    good["day"] = good["answered_at"].dt.date
    good["quarter"] = good["answered_at"].dt.to_period("Q").astype(str).str.replace("Q", " Q")
    good["s"] = good["score"].astype(int)
    good["seg"] = good["plan"].fillna("").str.strip().replace("", "(no segment)")
    for name in ("email", "account", "why"):
        good[name] = good[name].fillna("").str.strip()
    good["slot"] = np.select([good["s"] >= 9, good["s"] >= 7], [2, 1], 0)
    quarters = sorted(good["quarter"].unique())
    order = ["s", "day", "email", "account", "why"]
    worst_first = ["s", "day", "place"] if placed else order
    by_score = ["s", "place"] if placed else order
    out = {"quarters": quarters, "distributions": [], "segments": [], "callbacks": [], "comments": [],
           "commented": [], "answers": len(good)}
    for q in quarters:
        g = good[good["quarter"] == q]
        out["distributions"].append(np.bincount(g["s"], minlength=11).tolist())
        out["segments"].append({seg: np.bincount(x["s"], minlength=11).tolist() for seg, x in g.groupby("seg")})
        worst = g[g["s"] <= 6].sort_values(worst_first).head(callbacks)
        out["callbacks"].append(list(worst[order].itertuples(index=False, name=None)))
        said = g[g["why"] != ""]
        out["commented"].append([int((said["slot"] == k).sum()) for k in range(3)])
        out["comments"].append([list(said[said["slot"] == k].sort_values(by_score).head(comments)[order]
                                     .itertuples(index=False, name=None)) for k in range(3)])
    return out


def check(answers: OutsideAnswers, expected: dict) -> None:
    assert answers.quarters == expected["quarters"]
    assert answers.count == expected["answers"]
    quarters = range(len(expected["quarters"]))
    assert [answers.distribution(q).tolist() for q in quarters] == expected["distributions"]
    assert [{k: v.tolist() for k, v in answers.segments(q)} for q in quarters] == expected["segments"]
    for q in quarters:  # as the report reads them
        rows, total = answers.callbacks(q, 300)
        assert [(s, day, who, company, comment) for day, who, company, s, comment, _, _, _ in rows] == \
            expected["callbacks"][q]
        assert total == sum(expected["distributions"][q][:7])
        for slot in range(3):
            rows, total = answers.comments(q, slot, 100)
            assert [(s, who, company, comment) for s, who, company, comment in rows] == \
                [(s, who, company, comment) for s, _, who, company, comment in expected["comments"][q][slot]]
            assert total == expected["commented"][q][slot]
    streamed = [0, 0]
    for texts, quarters, slots in answers.comment_batches(size=700):
        assert len(texts) == len(quarters) == len(slots) and all(t.strip() for t in texts)
        streamed[0] += len(texts)
        streamed[1] += int((slots == 0).sum())
    assert streamed == [sum(map(sum, expected["commented"])), sum(c[0] for c in expected["commented"])]
    problems = {(p.column, str(p.value), p.rows) for p in answers.problems}
    assert all(p.row is None for p in answers.problems)  # a line per kind, not a row of a sheet
    assert problems == {("score", "", 1), ("score", "11", 2), ("score", "7.5", 1), ("answered_at", "", 1)}


@pytest.fixture(scope="module")
def data():
    df = make_answers()
    return df, expected_from_pandas(df), expected_from_pandas(df, placed=True)


@pytest.fixture(scope="module")
def parquet(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("answers") / "answers.parquet"
    df = data[0]  # noqa: F841 (read by DuckDB by name)
    duckdb.sql(f"COPY (SELECT * FROM df) TO '{path}' (FORMAT parquet)")
    return path


def test_the_third_quarter_has_more_detractors_than_a_sheet_lists(data):
    expected = data[1]
    assert max(sum(d[:7]) for d in expected["distributions"]) > 300
    assert max(max(c) for c in expected["commented"]) > 100


def test_duckdb_over_parquet_equals_pandas_by_hand(parquet, data):
    answers = OutsideAnswers.load(open_source(str(parquet)), COLUMNS)
    assert answers.placed
    check(answers, data[2])


def test_duckdb_over_csv_and_a_glob_of_parquet_files_and_a_database(tmp_path, parquet, data):
    csv = tmp_path / "answers.csv"
    duckdb.sql(f"COPY (SELECT * FROM '{parquet}') TO '{csv}' (HEADER)")
    answers = OutsideAnswers.load(open_source(str(csv)), COLUMNS)
    assert not answers.placed  # DuckDB tells no place in a CSV file
    check(answers, data[1])
    for i in range(3):  # the same answers split over three files
        duckdb.sql(f"COPY (SELECT * FROM '{parquet}' WHERE hash(email, why, answered_at) % 3 = {i}) "
                   f"TO '{tmp_path / f'part{i}.parquet'}'")
    # their order: the files in name order, each in its own order (read by pyarrow)
    pq = pytest.importorskip("pyarrow.parquet")
    glued = pd.concat([pq.read_table(tmp_path / f"part{i}.parquet").to_pandas() for i in range(3)], ignore_index=True)
    assert len(glued) == len(data[0])
    check(OutsideAnswers.load(open_source(str(tmp_path / "part*.parquet")), COLUMNS),
          expected_from_pandas(glued, placed=True))
    database = tmp_path / "answers.duckdb"
    with duckdb.connect(str(database)) as con:
        con.execute(f"CREATE SCHEMA survey; CREATE TABLE survey.answers AS SELECT * FROM '{parquet}'; "
                    "CREATE VIEW survey.seen AS SELECT * FROM survey.answers")
    answers = OutsideAnswers.load(open_source(str(database), table="survey.answers"), COLUMNS)
    assert answers.placed  # rowid: the order the rows were stored in
    check(answers, data[2])
    answers = OutsideAnswers.load(open_source(str(database), table="survey.seen"), COLUMNS)
    assert not answers.placed  # a view has no rowid
    check(answers, data[1])


def spread_answers(rows: int = 20_000) -> pd.DataFrame:
    """Two quarters whose call-back lists end on a crowded day. 2025 Q1: 3,000 detractors
    scoring 0 on 1 January, 200 of them in the first 7,000 rows and 2,800 after. 2025 Q2: 20
    detractors scoring 0 on 1 April placed evenly down to the file's last row, then 800 on
    2 April. 30% of the answers with a comment."""
    rng = np.random.default_rng(16)
    day = (np.datetime64("2025-01-03") + rng.integers(0, 85, rows).astype("timedelta64[D]")).astype("datetime64[s]")
    day[rows // 2:] += np.timedelta64(90, "D")
    score = rng.choice([7, 8, 9, 10, 3, 5], rows).astype(float)
    q1 = np.concatenate([rng.choice(7000, 200, replace=False), rng.choice(np.arange(7000, rows), 2800, replace=False)])
    day[q1], score[q1] = np.datetime64("2025-01-01T10:00"), 0
    rest = np.setdiff1d(np.arange(rows), q1)
    first, crowded = rest[np.linspace(0, len(rest) - 1, 20).astype(int)], None
    crowded = rng.choice(np.setdiff1d(rest, first), 800, replace=False)
    day[first], score[first] = np.datetime64("2025-04-01T10:00"), 0
    day[crowded], score[crowded] = np.datetime64("2025-04-02T10:00"), 0
    return pd.DataFrame({
        "answered_at": day, "score": score, "plan": "SMB",
        "email": [f"r{i}@x.example" for i in range(rows)], "account": [f"Account {i % 7}" for i in range(rows)],
        "why": np.where(rng.random(rows) < 0.3, np.char.add("comment ", np.arange(rows).astype(str)), None)})


def check_lists(answers: OutsideAnswers, expected: dict, callbacks=300, comments=100) -> None:
    for q in range(len(expected["quarters"])):
        rows, _ = answers.callbacks(q, callbacks)
        assert [(s, day, who, company, comment) for day, who, company, s, comment, _, _, _ in rows] == \
            expected["callbacks"][q]
        for slot in range(3):
            rows, _ = answers.comments(q, slot, comments)
            assert rows == [(s, who, company, comment) for s, _, who, company, comment in expected["comments"][q][slot]]


def test_rows_of_the_last_day_spread_over_many_row_groups_are_listed_by_place(tmp_path, monkeypatch):
    """Row groups of 1,000 rows, the lists reading from a first stretch of 6,400 rows: in 2025
    Q1 the 300 detractors of 1 January to call back are known only from the second stretch on;
    in 2025 Q2 only once the 20 of 1 April are all met, the last in the file's last row. The
    same over three files, the stretches crossing them, and sorted by date."""
    import xl_nps.sources.answers as answers_module
    pq = pytest.importorskip("pyarrow.parquet")
    import pyarrow as pa

    monkeypatch.setattr(answers_module, "FIRST_STRETCH", 100)
    df = spread_answers()
    expected = expected_from_pandas(df, placed=True)
    assert expected["quarters"] == ["2025 Q1", "2025 Q2"]
    assert len(expected["callbacks"][1]) == 300 and expected["callbacks"][1][19][1] == dt.date(2025, 4, 1)
    assert df.index[(df["score"] == 0) & (df["answered_at"] < "2025-04-02")].max() == len(df) - 1
    table = pa.Table.from_pandas(df, preserve_index=False)
    pq.write_table(table, tmp_path / "one.parquet", row_group_size=1000)
    assert pq.ParquetFile(tmp_path / "one.parquet").metadata.num_row_groups == 20
    for i, (start, end) in enumerate([(0, 7000), (7000, 14000), (14000, 20000)]):
        pq.write_table(table.slice(start, end - start), tmp_path / f"part{i}.parquet", row_group_size=1000)
    for name, later in (("one.parquet", "xl_nps_row >= 6400"), ("part*.parquet", "xl_nps_file BETWEEN 0 AND 2")):
        source = open_source(str(tmp_path / name))
        queries = []
        run = source.engine.run
        monkeypatch.setattr(source.engine, "run", lambda sql: queries.append(sql) or run(sql))
        answers = OutsideAnswers.load(source, COLUMNS)
        assert answers.placed
        check_lists(answers, expected)
        assert any(later in sql for sql in queries)  # a second stretch was read
        # short lists: a stretch gives no more of a day or quarter than a list shows
        short = OutsideAnswers.load(open_source(str(tmp_path / name)), COLUMNS, callbacks=25, comments=3)
        check_lists(short, expected_from_pandas(df, callbacks=25, comments=3, placed=True), 25, 3)
    # the same answers sorted by date: each list starts where its quarter's rows start
    by_date = df.sort_values("answered_at", kind="stable", ignore_index=True)
    pq.write_table(pa.Table.from_pandas(by_date, preserve_index=False), tmp_path / "by_date.parquet", row_group_size=1000)
    check_lists(OutsideAnswers.load(open_source(str(tmp_path / "by_date.parquet")), COLUMNS),
                expected_from_pandas(by_date, placed=True))


@pytest.fixture(scope="module")
def postgres(data):
    psycopg = pytest.importorskip("psycopg")
    url, stop = start_postgres()
    try:
        df = data[0]
        with psycopg.connect(url, autocommit=True) as con:
            con.execute('CREATE TABLE answers (answered_at timestamp, score double precision, plan text, '
                        'email text, account text, why text)')
            with con.cursor().copy("COPY answers FROM STDIN") as copy:
                for row in df.itertuples(index=False):
                    copy.write_row([None if pd.isna(v) else (v.to_pydatetime() if isinstance(v, pd.Timestamp) else v)
                                    for v in row])
        yield url
    finally:
        stop()


def test_postgresql_counts_in_the_server_equal_pandas_by_hand(postgres, data):
    check(OutsideAnswers.load(open_source(postgres, table="answers"), COLUMNS), data[1])


def test_any_sqlalchemy_url_runs_the_same_queries(postgres, data):
    pytest.importorskip("sqlalchemy")
    url = postgres.replace("postgresql://", "postgresql+psycopg://")
    check(OutsideAnswers.load(open_source(url, table="public.answers"), COLUMNS), data[1])


def test_spark_in_local_mode_equals_pandas_by_hand(parquet, data):
    pytest.importorskip("pyspark")
    source = open_source(str(parquet), engine="spark")
    check(OutsideAnswers.load(source, COLUMNS), data[1])


@pytest.mark.parametrize("answers, kwargs, message", [
    ("missing.parquet", {}, "missing.parquet: no such file"),
    ("nothing-here/*.parquet", {}, "no Parquet or CSV files there"),
    ("answers.json", {}, "answers are read from .parquet, .csv or .duckdb files"),
    ("postgresql://u@127.0.0.1:1/db", {}, "name the table that holds the answers with --table"),
    ("postgresql://u:secret@127.0.0.1:1/db", {"table": "answers"}, r"cannot connect to \"postgresql://u:\*\*\*@127"),
    ("nosuch://x", {"table": "t"}, "unknown kind of database URL"),
])
def test_bad_sources_are_refused_in_one_line(tmp_path, monkeypatch, answers, kwargs, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "answers.json").write_text("{}")
    with pytest.raises(XlNpsError, match=message) as caught:
        open_source(answers, **kwargs)
    assert "\n" not in str(caught.value) and "secret" not in str(caught.value)


def test_a_source_without_a_score_column_or_with_a_broken_query_is_one_line(tmp_path, parquet):
    with pytest.raises(XlNpsError, match="cannot tell which column holds the 0-10 score"):
        _no_score(tmp_path)
    with pytest.raises(XlNpsError, match='the export has no column named "nope"'):
        OutsideAnswers.load(open_source(str(parquet)), {"Score": "nope"})
    with pytest.raises(XlNpsError, match="^DuckDB: .*Conversion Error"):
        OutsideAnswers.load(open_source(str(parquet)), {"Score": "score", "Date": "email"})


def _no_score(tmp_path):
    path = tmp_path / "plain.parquet"
    duckdb.sql(f"COPY (SELECT DATE '2026-01-01' AS date, 'x' AS remark) TO '{path}'")
    OutsideAnswers.load(open_source(str(path)))


def test_answers_on_a_1_to_5_scale_are_refused(tmp_path):
    path = tmp_path / "csat.parquet"
    duckdb.sql(f"COPY (SELECT DATE '2026-01-01' + to_days(CAST(i AS INTEGER)) AS date, 1 + i % 5 AS score "
               f"FROM range(50) t(i)) TO '{path}'")
    with pytest.raises(XlNpsError, match="1-5 satisfaction or effort scale"):
        OutsideAnswers.load(open_source(str(path)))


# ---------------------------------------------------------------- xl-nps refresh --answers

def _template_book(tmp_path):
    from xl_nps.workbook.setup.template import build_template

    path = tmp_path / "report.xlsx"
    build_template().save(path)
    return path


def _respondents_part(book) -> bytes:
    import zipfile

    with zipfile.ZipFile(book) as archive:
        return archive.read("xl/worksheets/sheet2.xml") if "xl/worksheets/sheet2.xml" in archive.namelist() else b""


def test_refresh_from_parquet_gives_the_figures_of_the_same_answers_in_the_workbook(tmp_path):
    """The bundled example, once in the workbook (xl-nps demo) and once as Parquet: the same report,
    its lists in the same order (ties by the place in the file as by the sheet row)."""
    from xl_nps.cli import main
    import xl_nps

    survey = Path(__file__).parent.parent / "xl_nps" / "data" / "example_survey.csv"
    parquet = tmp_path / "survey.parquet"
    duckdb.sql(f"COPY (SELECT * FROM read_csv('{survey}')) TO '{parquet}'")
    assert main(["demo", "--out", str(tmp_path / "inside.xlsx")]) == 0
    outside = _template_book(tmp_path)
    before = _respondents_part(outside)
    assert main(["refresh", str(outside), "--answers", str(parquet)]) == 0
    assert _respondents_part(outside) == before  # the Respondents sheet is left as it is
    inside, out = xl_nps.read_report(tmp_path / "inside.xlsx"), xl_nps.read_report(outside)
    assert list(inside) == list(out)
    pd.testing.assert_frame_equal(inside["Periods"]["All quarters"].drop(columns=["Churn", "Retention"]),
                                  out["Periods"]["All quarters"].drop(columns=["Churn", "Retention"]))
    for sheet in inside:
        if sheet in ("Periods", "Problems"):
            continue
        for title, table in inside[sheet].items():
            other = out[sheet][title]
            if title.startswith("Detractors to call back"):  # the same answers in the same order; no sheet row
                table = table.drop(columns=["Respondents row", "Owner", "Follow-up status"])
                other = other.drop(columns=["Respondents row", "Owner", "Follow-up status"])
            pd.testing.assert_frame_equal(table.reset_index(drop=True), other.reset_index(drop=True),
                                          check_dtype=False, obj=f"{sheet}: {title}")
    assert [p for p in out["Problems"]["Problems"]["Reason"]] == [
        "1 row: scores must be whole numbers 0-10", "1 row without a date: they belong to no quarter"]


def test_refresh_from_postgresql_by_the_command_line(tmp_path, postgres, data, capsys):
    from xl_nps.cli import main
    import xl_nps

    book = _template_book(tmp_path)
    code = main(["refresh", str(book), "--answers", postgres, "--table", "answers", "--date", "answered_at",
                 "--score", "score", "--segment", "plan", "--respondent", "email", "--company", "account",
                 "--comment", "why"])
    assert code == 0
    # no score, 11 twice, 7.5, no date: four lines on the Problems sheet, five rows left out
    assert "problems          5 rows left out" in capsys.readouterr().out
    assert len(xl_nps.read_report(book)["Problems"]["Problems"]) == 4
    periods = xl_nps.read_report(book)["Periods"]["All quarters"]
    expected = data[1]
    assert periods["Quarter"].tolist() == expected["quarters"]
    assert periods["Respondents"].tolist() == [sum(d) for d in expected["distributions"]]
    assert periods["NPS"].tolist() == pytest.approx(
        [100 * (sum(d[9:]) - sum(d[:7])) / sum(d) for d in expected["distributions"]])


@pytest.mark.parametrize("extra, message", [
    (["--answers", "missing.parquet"], "missing.parquet: no such file"),
    (["--answers", "plain.parquet"], "cannot tell which column holds the 0-10 score"),
    (["--answers", "plain.parquet", "--score", "remark"], "holds no usable answers: 1 row: scores must be whole numbers 0-10"),
    (["--answers", "postgresql://nobody@127.0.0.1:1/x", "--table", "t"], "cannot connect to"),
    (["--table", "t"], "--table goes with --answers SOURCE"),
])
def test_bad_sources_exit_1_in_one_line_and_leave_the_workbook_untouched(tmp_path, monkeypatch, capsys, extra, message):
    from xl_nps.cli import main

    monkeypatch.chdir(tmp_path)
    duckdb.sql(f"COPY (SELECT DATE '2026-01-01' AS date, 'x' AS remark) TO '{tmp_path / 'plain.parquet'}'")
    book = _template_book(tmp_path)
    before = book.read_bytes()
    assert main(["refresh", str(book), *extra]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("xl-nps refresh: ") and "\n" not in err and message in err, err
    assert book.read_bytes() == before


def test_a_list_left_short_by_comments_of_spaces_alone_is_fetched_further(tmp_path):
    """The engine takes a no-break space for text, Python for a space: the counts promise
    comments the rows do not hold, and the list is fetched again further on."""
    path = tmp_path / "spaces.parquet"
    duckdb.sql(f"""COPY (SELECT DATE '2026-01-01' + to_days(CAST(i AS INTEGER) % 80) AS date, 0 AS score,
                        'r' || lpad(CAST(i AS VARCHAR), 3, '0') AS respondent,
                        CASE WHEN i < 120 THEN chr(160) ELSE 'comment ' || CAST(i AS VARCHAR) END AS comment
                        FROM range(150) t(i)) TO '{path}'""")
    answers = OutsideAnswers.load(open_source(str(path)))
    rows, _ = answers.comments(0, 0, 100)
    assert [who for _, who, _, _ in rows] == [f"r{i:03d}" for i in range(120, 150)]
    assert [comment for _, _, _, comment in rows][:2] == ["comment 120", "comment 121"]
