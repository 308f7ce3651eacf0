"""The queries the report needs, written once in SQL (DuckDB's dialect) and translated by
SQLGlot (https://sqlglot.com) to the dialect of the engine that runs them.

Every query reads ``xl_nps_answers``, which the caller defines as the source's relation, and
the cleaned columns of ``base``:

    d    the answer's day                  CAST(date AS DATE)
    x    the score as a number             TRY_CAST(score AS DOUBLE) (CAST where there is no TRY_CAST)
    seg, who, company, comment             trimmed text, '' when missing
    ok   a usable answer                   x is a whole number 0-10 and d is known

1. ``COUNTS``: one GROUP BY over day, segment, score and has-comment (plus the unusable rows by
   kind and value): every figure of the report is a sum of these counts.
2. ``LISTED``: the rows the sheets list, cut in the engine to the first ones in list order
   (score, then day) using cut-offs worked out from the counts (``answers.py``).
3. ``COMMENTS``: every comment with its quarter (year * 4 + quarter - 1) and category (0
   detractor, 1 passive, 2 promoter), streamed in batches for the themes.
"""

from __future__ import annotations

from xl_nps.frames import need

BASE = """
WITH base AS (
    SELECT CAST({date} AS DATE) AS d,
           TRY_CAST({score} AS DOUBLE) AS x,
           CAST({score} AS VARCHAR) AS raw,
           COALESCE(TRIM(CAST({segment} AS VARCHAR)), '') AS seg,
           COALESCE(TRIM(CAST({respondent} AS VARCHAR)), '') AS who,
           COALESCE(TRIM(CAST({company} AS VARCHAR)), '') AS company,
           COALESCE(TRIM(CAST({comment} AS VARCHAR)), '') AS comment
    FROM xl_nps_answers
), checked AS (
    SELECT *, CASE WHEN x BETWEEN 0 AND 10 AND x = FLOOR(x) AND d IS NOT NULL THEN 1 ELSE 0 END AS ok
    FROM base
)
"""

# kind: 0 a usable answer; 1 no score; 2 a score that is not a whole number 0-10 (raw kept);
# 3 a usable score but no date
COUNTS = BASE + """
SELECT d, seg, CAST(x AS INTEGER) AS s, CASE WHEN comment <> '' THEN 1 ELSE 0 END AS c,
       CASE WHEN ok = 1 THEN 0 WHEN raw IS NULL OR TRIM(raw) = '' THEN 1
            WHEN x IS NULL OR NOT (x BETWEEN 0 AND 10 AND x = FLOOR(x)) THEN 2 ELSE 3 END AS kind,
       CASE WHEN raw IS NOT NULL AND TRIM(raw) <> '' AND (x IS NULL OR NOT (x BETWEEN 0 AND 10 AND x = FLOOR(x)))
            THEN raw END AS bad,
       COUNT(*) AS n
FROM checked
GROUP BY 1, 2, 3, 4, 5, 6
"""

LISTED = BASE + """
SELECT CAST(x AS INTEGER) AS s, d, who, company, comment
FROM checked
WHERE ok = 1 AND ({cut})
"""

COMMENTS = BASE + """
SELECT CAST(EXTRACT(YEAR FROM d) * 4 + EXTRACT(QUARTER FROM d) - 1 AS INTEGER) AS quarter_code,
       CASE WHEN x >= 9 THEN 2 WHEN x >= 7 THEN 1 ELSE 0 END AS slot, comment
FROM checked
WHERE ok = 1 AND comment <> ''
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
