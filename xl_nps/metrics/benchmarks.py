"""Published industry NPS figures and plain-words rating bands.

The industry table lives in ``data/benchmarks.csv``: one published figure a row, with the year
it describes, what was measured (whose answers, how many companies), the source (publisher,
title, date) and its address. Each figure is stated in that source for that industry; none is
averaged here across sources. The studies differ in population (U.S. consumers rating the
companies they use, IT buyers rating tech vendors, one survey tool's customers) and in year
(2009-2023), so a gap of a few points to any row is no finding; compare against a row whose
population looks like yours. Sources: Qualtrics XM Institute, "XMI Customer Ratings - NPS,
2023" and "Economics of NPS, 2023"; Temkin Group, "Net Promoter Score Benchmark Study" 2014 and
2018 and "Tech Vendor NPS & Loyalty Benchmark, 2018"; Satmetrix, 2009 benchmark press release;
NICE Satmetrix, "2018 B2C NPS Benchmarks at a Glance" (as reported by MarketingCharts);
SurveyMonkey Help Center, "CX: What is NPS?" (median +36, upper quartile +66; undated).

Rating bands: below 0 more critics than fans; 0 and above positive; 50 and above excellent;
70 and above world class (CustomerGauge, "What is a good Net Promoter Score?",
customergauge.com: "any score above 0 would be considered good, with 50 and above classified as
excellent, and 70 or higher as world class"). The band "good" from 30 is quoted by vendor pages
without a primary source; here it only splits the wide 0-50 range, and it is no finding.
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
    year: str  # the year the figure describes; "n.d." where the source gives none
    measured: str  # whose answers, how many companies, what kind of average
    source: str  # publisher, title, date
    url: str


@lru_cache(maxsize=1)
def benchmarks() -> tuple[Benchmark, ...]:
    """Every row of the industry table, in file order."""
    text = resources.files("xl_nps.metrics").joinpath("data/benchmarks.csv").read_text("utf-8")
    return tuple(
        Benchmark(industry=row["industry"], nps=float(row["nps"]), year=row["year"],
                  measured=row["measured"], source=row["source"], url=row["url"])
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
