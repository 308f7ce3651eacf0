"""The queries the report needs, written once in SQL (DuckDB's dialect) and translated by
SQLGlot (https://sqlglot.com) to the dialect of the engine that runs them. Each reads
``xl_nps_answers``, which the caller defines as the source's relation.

1. ``COUNTS``: one GROUP BY over day, segment and score, counting answers and comments: every
   figure of the report is a sum of these counts, and they tell where each list ends.
   (``COUNTS_PLACED`` and ``BLANKS`` give the same counts of a placed source, with where the
   first row of each group lies in it.)
2. ``LISTED``: the rows the sheets list, kept by plain comparisons the engine can apply while
   it reads (up to the score and day where each list ends; ``answers.py`` works them out).
   ``PLACED``: the same rows, stretch by stretch of the source, where the engine can tell each
   row's place in it.
3. ``COMMENTS``: every comment with its quarter (year * 4 + quarter - 1) and category (0
   detractor, 1 passive, 2 promoter), streamed in batches for the themes.

They are kept as plain as the report allows: a 100-million-row source is read twice for the
numbers (a third time for the themes), and each pass should cost the engine little more than
reading the columns.
"""

from __future__ import annotations

from xl_nps.frames import need
from xl_nps.rules import PASSIVE_FROM, PROMOTER_FROM

# A comment that says something: more than spaces. Most start with a visible character,
# which a comparison tells cheaply; TRIM (slow on long text) looks at the others only.
SAID = ("CASE WHEN CAST({comment} AS VARCHAR) >= '!' THEN 1 "
        "WHEN TRIM(CAST({comment} AS VARCHAR)) <> '' THEN 1 ELSE 0 END")

# Every figure of the report is a sum of these counts. The score is grouped by its value as
# a number (the checks of a score are made on the few distinct values, in Python).
COUNTS = """
SELECT CAST({date} AS DATE) AS d, {segment} AS seg, TRY_CAST({score} AS DOUBLE) AS x,
       COUNT(*) AS n, SUM(""" + SAID + """) AS c
FROM xl_nps_answers
GROUP BY 1, 2, 3
"""

# The same counts of a placed source (``Source.placed``, read by DuckDB), with where the first
# row of each group lies in it (its place coded as file number * 2^40 + row number): the
# comments counted as not NULL, which reads no text, less those that hold only spaces
# (``BLANKS``: a comment that is not NULL and not SAID). Its filter compares the comment with
# '!' first, so that DuckDB skips every row group whose smallest comment starts with a visible
# character (by the row group's statistics): most often all of them.
COUNTS_PLACED = """
SELECT CAST({date} AS DATE) AS d, {segment} AS seg, TRY_CAST({score} AS DOUBLE) AS x,
       COUNT(*) AS n, COUNT({comment}) AS c,
       MIN(CAST(xl_nps_file AS BIGINT) * 1099511627776 + xl_nps_row) AS first_place
FROM xl_nps_answers
GROUP BY 1, 2, 3
"""

BLANKS = """
SELECT CAST({date} AS DATE) AS d, TRY_CAST({score} AS DOUBLE) AS x, COUNT(*) AS n
FROM xl_nps_answers
WHERE CAST({comment} AS VARCHAR) < '!' AND TRIM(CAST({comment} AS VARCHAR)) = ''
GROUP BY 1, 2
"""

# What the scores that are not numbers say (asked only when COUNTS found some).
NOT_NUMBERS = """
SELECT CAST({score} AS VARCHAR) AS score_text, COUNT(*) AS n
FROM xl_nps_answers
WHERE TRY_CAST({score} AS DOUBLE) IS NULL
GROUP BY 1
"""

# The rows the lists show, up to the (score, day) where each list ends: ``keep`` is built from
# plain comparisons on the columns themselves (score and date ranges, comment not null), so
# that the engine can apply it while it reads (Parquet statistics, indexes).
LISTED = """
SELECT TRY_CAST({score} AS DOUBLE) AS x, CAST({date} AS DATE) AS d, {respondent} AS who, {company} AS company,
       {comment} AS comment
FROM xl_nps_answers
WHERE {keep}
"""

# The rows of a stretch of a placed source (``Source.placed``) that the lists may show, with
# their place and whether the engine counted their comment (SAID): of each score and day the
# first {day_cap} by place (a call-back list shows no more of them), of each score and
# quarter the first {quarter_cap} with a comment (nor a comment list), each numbered.
PLACED = """
SELECT x, d, xl_nps_file, xl_nps_row, who, company, comment, said,
       ROW_NUMBER() OVER (PARTITION BY x, d ORDER BY xl_nps_file, xl_nps_row) AS nth_of_day,
       ROW_NUMBER() OVER (PARTITION BY x, EXTRACT(YEAR FROM d), EXTRACT(QUARTER FROM d), said
                          ORDER BY xl_nps_file, xl_nps_row) AS nth_of_quarter
FROM (
    SELECT TRY_CAST({score} AS DOUBLE) AS x, CAST({date} AS DATE) AS d, xl_nps_file, xl_nps_row,
           {respondent} AS who, {company} AS company, {comment} AS comment, """ + SAID + """ AS said
    FROM xl_nps_answers
    WHERE {keep}
) AS stretch
QUALIFY nth_of_day <= {day_cap} OR (said = 1 AND nth_of_quarter <= {quarter_cap})
"""

COMMENTS = """
SELECT CAST(EXTRACT(YEAR FROM d) * 4 + EXTRACT(QUARTER FROM d) - 1 AS INTEGER) AS quarter_code,
       CASE WHEN x >= """ + str(PROMOTER_FROM) + """ THEN 2 WHEN x >= """ + str(PASSIVE_FROM) + """ THEN 1 ELSE 0 END
       AS slot, comment
FROM (
    SELECT CAST({date} AS DATE) AS d, TRY_CAST({score} AS DOUBLE) AS x, CAST({comment} AS VARCHAR) AS comment,
           """ + SAID + """ AS said
    FROM xl_nps_answers
) AS answers
WHERE x BETWEEN 0 AND 10 AND x = FLOOR(x) AND d IS NOT NULL AND said = 1
"""


def identifier(name: str | None) -> str:
    """A column name quoted for DuckDB's dialect; a missing column reads as NULL."""
    if name is None:
        return "CAST(NULL AS VARCHAR)"
    return '"' + name.replace('"', '""') + '"'


def in_dialect(template: str, relation: str, dialect: str, **parts) -> str:
    """``template`` filled with ``parts``, translated to ``dialect``, reading ``relation``
    (already in that dialect) as ``xl_nps_answers``."""
    sqlglot = need("sqlglot")
    sql = sqlglot.transpile(template.format(**parts), read="duckdb", write=dialect)[0]
    return f"WITH xl_nps_answers AS ({relation}) " + sql


def day_literal(day) -> str:
    return f"CAST('{day.isoformat()}' AS DATE)"
