"""``xl_nps.nps_table``: NPS by group and/or period of a pandas, polars or lazy (DuckDB, polars
lazy) data frame, as a pandas DataFrame.

One code path for every kind of frame (narwhals, https://narwhals-dev.github.io/narwhals/):
the frame's own engine counts the answers per group, period and score (a GROUP BY, so a
DuckDB relation of millions of rows is counted in DuckDB); the few hundred counts that come
back are checked with the rules of the Excel functions and turned into the figures by
``xl_nps.metrics``, the code behind ``=NPS_BY`` and ``=NPS_TREND``:

    NPS = 100 * (promoters (9-10) - detractors (0-6)) / n                  (Reichheld 2003)
    margin of error = z * 100 * sqrt((pP + pD - (pP - pD)^2) / n)          (Wald)
    interval: adjusted Wald, +0.75 detractor, +1.5 passive, +0.75 promoter (Rocks 2016)
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict

import numpy as np

from xl_nps.errors import XlNpsError, quote
from xl_nps.frames import need
from xl_nps.metrics import stats
from xl_nps.metrics.nps import counts_from_distribution, refuse_small_scale_range
from xl_nps.metrics.periods import PERIODS, check_period, period_label
from xl_nps.rules import HIGHEST_SCORE, LOWEST_SCORE, SCORE_RULE
from xl_nps.values import as_number, describe, is_blank

COLUMNS = ["n", "promoters", "passives", "detractors", "nps", "ci_low", "ci_high", "margin_of_error"]
_YEAR, _MONTH, _COUNT = "__xl_nps_year", "__xl_nps_month", "__xl_nps_count"


def nps_table(data, score: str = "Score", by=None, date: str | None = None, period: str = "Q",
              confidence: float = 0.95, method: str = "adjusted"):
    """NPS per group (``by``: a column or a list of columns) and/or per period (``date``: a
    column of dates; ``period``: "Q" quarter, "M" month or "Y" year), one row each, as a
    pandas DataFrame indexed by the groups and the period ("2026 Q3", "2026-07", "2026").

    Columns: n, promoters, passives, detractors, nps, ci_low, ci_high (the ``method``
    interval, adjusted Wald by default, at ``confidence``) and margin_of_error (Wald), in
    points. Missing scores are skipped; a group or period without a score has no row; a
    missing group value is a group of its own. ``data`` may be a pandas or polars DataFrame,
    a polars LazyFrame or a DuckDB relation (anything narwhals accepts).
    """
    nw = need("narwhals")
    pd = need("pandas")
    keys = [] if by is None else ([by] if isinstance(by, str) else list(by))
    period = check_period(period) if date is not None else None
    z = stats.z_value(confidence)
    stats.check_method(method)
    try:
        frame = nw.from_native(data)
    except TypeError:
        raise XlNpsError(f"nps_table() takes a pandas or polars DataFrame (or a DuckDB relation), "
                         f"not a {type(data).__name__}") from None
    if not isinstance(frame, (nw.DataFrame, nw.LazyFrame)):
        raise XlNpsError(f"nps_table() takes a data frame, not a {type(data).__name__}; for one column use nps()")
    schema = frame.collect_schema()
    for name in [score, *keys] + ([date] if date is not None else []):
        if name not in schema:
            raise XlNpsError(f"the data has no column {quote(name)}; its columns are "
                             f"{', '.join(quote(c) for c in schema.names())}")
    group = [nw.col(k) for k in keys]
    if date is not None:
        if not schema[date].is_temporal():
            raise XlNpsError(
                f"the {quote(date)} column holds {schema[date]}, not dates; convert it first "
                f"(pandas: pd.to_datetime(df[{date!r}], dayfirst=...); polars: pl.col({date!r}).str.to_date(...))")
        group += [nw.col(date).dt.year().alias(_YEAR), nw.col(date).dt.month().alias(_MONTH)]
    counted = frame.group_by(*group, nw.col(score), drop_null_keys=False).agg(nw.len().alias(_COUNT))
    if isinstance(counted, nw.LazyFrame):
        counted = counted.collect()
    rows = counted.rows()

    # the counts per group and period: 11 per-score counts each
    width = len(keys)
    distributions: dict[tuple, np.ndarray] = defaultdict(lambda: np.zeros(HIGHEST_SCORE + 1, dtype=np.int64))
    undated = 0
    for row in rows:
        value, count = row[-2], int(row[-1])
        number = _score(value, score, frame, count)
        if number is None:
            continue
        key = tuple(_missing_as_none(v) for v in row[:width])
        if date is not None:
            year, month = _missing_as_none(row[width]), _missing_as_none(row[width + 1])
            if year is None:
                undated += count
                continue
            key += (period_label(dt.date(int(year), int(month), 1), period),)
        distributions[key][number] += count
    if undated:
        raise XlNpsError(f"{undated} answer{'s have' if undated > 1 else ' has'} a score but no {quote(date)}; "
                         "give every score a date or leave those rows out")
    total = sum(distributions.values(), np.zeros(HIGHEST_SCORE + 1, dtype=np.int64))
    answered = np.flatnonzero(total)
    if answered.size:
        refuse_small_scale_range(int(total.sum()), int(answered[0]), int(answered[-1]))

    names = keys + ([{"Q": "quarter", "M": "month", "Y": "year"}[period]] if date is not None else [])
    table = []
    for key in sorted(distributions, key=_order):
        counts = counts_from_distribution(distributions[key])
        interval = stats.confidence_interval(counts, confidence, method)
        table.append([*key, int(counts.n), int(counts.promoters), int(counts.passives), int(counts.detractors),
                      counts.nps, interval.low, interval.high, z * stats.standard_error(counts)])
    if not names:  # one row for all the answers
        table = [["All answers", *row] for row in table]
        names = ["answers"]
    out = pd.DataFrame(table, columns=names + COLUMNS)
    out = out.set_index(names if len(names) > 1 else names[0])
    return out.astype({"n": "int64", "promoters": "int64", "passives": "int64", "detractors": "int64"})


def _missing_as_none(value):
    """None for the missing values each library has (None, NaN, NA, NaT); the value otherwise."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    try:
        return None if bool(value != value) else value
    except (TypeError, ValueError):  # pandas' NA refuses bool()
        return None


def _order(key: tuple):
    """Groups sorted by value (text by its letters regardless of case), missing ones last."""
    return tuple((v is None, v.casefold() if isinstance(v, str) else ("" if v is None else v)) for v in key)


def _score(value, column: str, frame, count: int):
    """A counted score value as an int 0-10, None for a missing one; anything else is refused
    with the rule of the Excel functions, naming the first row that holds it."""
    value = _missing_as_none(value)
    if value is None or is_blank(value):
        return None
    number = None if isinstance(value, (bool, np.bool_)) else as_number(value)
    if number is not None and LOWEST_SCORE <= number <= HIGHEST_SCORE and number == math.floor(number):
        return int(number)
    where = f"in {count} rows" if count > 1 else "in 1 row"
    first = _first_row(frame, column, value)
    if first is not None:
        where += f", the first at position {first}"
    raise XlNpsError(f"the {quote(column)} column holds {describe(value)} ({where}); {SCORE_RULE}")


def _first_row(frame, column: str, value):
    """The position of the first row holding ``value`` in an eager frame (a lazy one has no order)."""
    nw = need("narwhals")
    if not isinstance(frame, nw.DataFrame):
        return None
    found = frame.with_row_index("__xl_nps_row").filter(nw.col(column) == value)
    return int(found["__xl_nps_row"][0]) if len(found) else None


__all__ = ["nps_table", "COLUMNS", "PERIODS"]
