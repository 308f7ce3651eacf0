"""The queries the report needs, written once in SQL (DuckDB's dialect) and translated by
SQLGlot (https://sqlglot.com) to the dialect of the engine that runs them.

Every query reads ``xl_nps_answers``, which the caller defines as the source's relation, and
the cleaned columns of ``base``:

    d            the answer's day                   CAST(date AS DATE)
    x            the score as a number              TRY_CAST(score AS DOUBLE) (CAST where there is none)
    ok           a usable answer                    x is a whole number 0-10 and d is known
    has_comment  the comment holds more than spaces (its first character tells, mostly: TRIM is slow)
    quarter_code year * 4 + quarter - 1
    text         trimmed, '' when missing           made only where a query returns it

1. ``COUNTS``: one GROUP BY over day, segment, score and has-comment (plus the unusable rows by
   kind and value): every figure of the report is a sum of these counts.
2. ``LISTED``: the rows the sheets list, cut in the engine to the first ones in list order
   (score, then day) by a join with the cut-offs worked out from the counts (``answers.py``).
3. ``COMMENTS``: every comment with its quarter (year * 4 + quarter - 1) and category (0
   detractor, 1 passive, 2 promoter), streamed in batches for the themes (untrimmed: spaces
   around a comment make no word).
"""

from __future__ import annotations

from xl_nps.frames import need

BASE = """
WITH base AS (
    SELECT CAST({date} AS DATE) AS d,
           TRY_CAST({score} AS DOUBLE) AS x,
           {score} AS score_cell, {segment} AS segment_cell, {respondent} AS who_cell,
           {company} AS company_cell, {comment} AS comment_cell
    FROM xl_nps_answers
), checked AS (
    SELECT *,
           CASE WHEN x BETWEEN 0 AND 10 AND x = FLOOR(x) AND d IS NOT NULL THEN 1 ELSE 0 END AS ok,
           CASE WHEN comment_cell IS NULL THEN 0 WHEN ASCII(CAST(comment_cell AS VARCHAR)) > 32 THEN 1
                WHEN TRIM(CAST(comment_cell AS VARCHAR)) <> '' THEN 1 ELSE 0 END AS has_comment
    FROM base
), keyed AS (
    SELECT *,
           CAST(EXTRACT(YEAR FROM d) * 4 + EXTRACT(QUARTER FROM d) - 1 AS INTEGER) AS quarter_code
    FROM checked
)
"""

TEXT = "COALESCE(TRIM(CAST({cell} AS VARCHAR)), '')"

# kind: 0 a usable answer; 1 no score; 2 a score that is not a whole number 0-10 (its text kept);
# 3 a usable score but no date. The text of a score is made only for the few unusable rows.
COUNTS = BASE + """
SELECT d, """ + TEXT.format(cell="segment_cell") + """ AS seg, CAST(x AS INTEGER) AS s, has_comment AS c,
       CASE WHEN ok = 1 THEN 0
            WHEN score_cell IS NULL OR TRIM(CAST(score_cell AS VARCHAR)) = '' THEN 1
            WHEN x IS NULL OR NOT (x BETWEEN 0 AND 10 AND x = FLOOR(x)) THEN 2 ELSE 3 END AS kind,
       CASE WHEN ok = 0 AND score_cell IS NOT NULL AND (x IS NULL OR NOT (x BETWEEN 0 AND 10 AND x = FLOOR(x)))
            THEN CAST(score_cell AS VARCHAR) END AS bad,
       COUNT(*) AS n
FROM checked
GROUP BY 1, 2, 3, 4, 5, 6
"""

# The lists, each cut at a (score, day) place worked out from COUNTS: list 0 the detractors to
# call back; lists 1, 2, 3 the detractors', passives' and promoters' comments. A row's place
# is score * 10^8 + yyyymmdd, so "place <= cut" keeps the rows up to that score and day;
# ``scores`` first keeps only the scores some list reaches (cheap, before any key is made).
LISTED = BASE + """
, placed AS (
    SELECT *, CAST(CAST(x AS BIGINT) * 100000000 + EXTRACT(YEAR FROM d) * 10000 + EXTRACT(MONTH FROM d) * 100
                   + EXTRACT(DAY FROM d) AS BIGINT) AS place
    FROM keyed
    WHERE ok = 1 AND ({scores})
)
SELECT cuts.list, CAST(placed.x AS INTEGER) AS s, placed.d,
       """ + TEXT.format(cell="placed.who_cell") + """ AS who,
       """ + TEXT.format(cell="placed.company_cell") + """ AS company,
       """ + TEXT.format(cell="placed.comment_cell") + """ AS comment
FROM placed
JOIN (VALUES {cuts}) AS cuts(quarter_code, list, cut)
  ON placed.quarter_code = cuts.quarter_code AND placed.place <= cuts.cut
WHERE (cuts.list = 0 AND placed.x < 7)
   OR (placed.has_comment = 1 AND ((cuts.list = 1 AND placed.x < 7) OR (cuts.list = 2 AND placed.x BETWEEN 7 AND 8)
                                   OR (cuts.list = 3 AND placed.x >= 9)))
"""

COMMENTS = BASE + """
SELECT quarter_code, CASE WHEN x >= 9 THEN 2 WHEN x >= 7 THEN 1 ELSE 0 END AS slot,
       CAST(comment_cell AS VARCHAR) AS comment
FROM keyed
WHERE ok = 1 AND has_comment = 1
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
    assert sql.startswith("WITH ")
    return f"WITH xl_nps_answers AS ({relation}), " + sql[len("WITH "):]


def day_literal(day) -> str:
    return f"DATE '{day.isoformat()}'"
