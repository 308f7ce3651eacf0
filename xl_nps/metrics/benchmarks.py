"""Published industry NPS figures and plain-words rating bands.

The industry table lives in ``data/benchmarks.csv`` with the source of every row. These are
figures as quoted by public articles, not precise measurements: compare against them, do not
treat a gap of a few points as meaningful.

Rating bands (commonly quoted): below 0 more critics than fans; above 0 on the right path;
above 30 good; above 50 excellent; above 70 world class.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from xl_nps.errors import XlNpsError, quote
from xl_nps.metrics.checks import number

# (lowest NPS of the band, band). A score belongs to the last band whose lower bound it reaches.
RATING_BANDS = (
    (-100.0, "negative"),
    (0.0, "positive"),
    (30.0, "good"),
    (50.0, "excellent"),
    (70.0, "world class"),
)


@dataclass(frozen=True)
class Benchmark:
    industry: str
    nps: float
    source: str


@lru_cache(maxsize=1)
def benchmarks() -> tuple[Benchmark, ...]:
    """Every row of the industry table, in file order."""
    text = resources.files("xl_nps.metrics").joinpath("data/benchmarks.csv").read_text("utf-8")
    return tuple(
        Benchmark(industry=row["industry"], nps=float(row["nps"]), source=row["source"])
        for row in csv.DictReader(io.StringIO(text))
    )


def benchmark(industry: str) -> Benchmark:
    """The published NPS of an industry (case and surrounding spaces ignored)."""
    key = " ".join(str(industry).split()).casefold()
    for row in benchmarks():
        if row.industry.casefold() == key:
            return row
    known = ", ".join(row.industry for row in benchmarks())
    raise XlNpsError(f'no benchmark for {quote(industry)}; known industries: {known}')


def rating(nps: float) -> str:
    """Plain-words band of an NPS: negative (< 0), positive (0-29), good (30-49),
    excellent (50-69), world class (70 and above)."""
    value = number(nps, "NPS")
    if not -100 <= value <= 100:
        raise XlNpsError(f"an NPS lies between -100 and 100; got {value:g}")
    band = RATING_BANDS[0][1]
    for low, name in RATING_BANDS:
        if value >= low:
            band = name
    return band
