"""Employee NPS (eNPS): its plain-words bands and published benchmarks.

The score is the NPS of employees asked "How likely are you to recommend this company as a
place to work?" (0-10; 9-10 promoters, 6 and below detractors), computed by ``metrics.nps``
as for customers. What differs is the scale of what is normal: employees hold their workplace
to a higher standard than what they buy, so eNPS runs well below customer NPS (Workday Peakon
help, "About eNPS and how it works"), and the customer bands of ``metrics.benchmarks`` would
call most workplaces poor.

Bands (``data/enps_bands.csv``, each row with its sources): below 0 negative, 0-9 low, 10-29
good, 30-49 very good, 50 and above excellent. The sources agree on the bounds 0, 10 and 50
(CultureMonkey; Moodivation) and on 30 (CultureMonkey, WorkStep) but not on everything:
WorkStep calls any score above 0 good and keeps excellent for above 70; CultureIQ calls any
positive eNPS "pretty good" and counts 6 as passive, not detractor. These bands are a reading
aid, not a finding.

Benchmarks (``data/enps_benchmarks.csv``): published figures, each with the year it describes,
what was measured, the source and its address, and what the source leaves unsaid. They
disagree (27 for Hive HR's organisations in Q3 2024; 21.1 "global" for 2023 by a page that does
not name its data), and Moodivation quotes a global
average of +14 measured on a 1-5 agreement scale, which is not the 0-10 question and is left
out. Compare with care: a gap of a few points means nothing.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from xl_nps.errors import XlNpsError, quote
from xl_nps.metrics.checks import number


@dataclass(frozen=True)
class EnpsBenchmark:
    group: str  # which organisations the figure describes
    enps: float
    year: str  # the year the figure describes ("" when the source does not say)
    measured: str  # what the source says it measured
    source: str
    url: str
    note: str  # what the source leaves unsaid


def _rows(name: str) -> list[dict]:
    text = resources.files("xl_nps.metrics").joinpath(f"data/{name}").read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@lru_cache(maxsize=1)
def enps_bands() -> tuple[tuple[float, str, str], ...]:
    """(lowest eNPS of the band, band, source) in rising order."""
    return tuple((float(r["lowest"]), r["band"], r["source"]) for r in _rows("enps_bands.csv"))


@lru_cache(maxsize=1)
def enps_benchmarks() -> tuple[EnpsBenchmark, ...]:
    """Every row of the eNPS benchmark table, in file order."""
    return tuple(EnpsBenchmark(r["group"], float(r["enps"]), r["year"], r["measured"], r["source"], r["url"], r["note"])
                 for r in _rows("enps_benchmarks.csv"))


def enps_benchmark(group: str) -> EnpsBenchmark:
    """The published eNPS of a group of organisations (case and surrounding spaces ignored)."""
    key = " ".join(str(group).split()).casefold()
    for row in enps_benchmarks():
        if row.group.casefold() == key:
            return row
    known = "; ".join(row.group for row in enps_benchmarks())
    raise XlNpsError(f"no eNPS benchmark for {quote(group)}; known: {known}")


def enps_rating(enps: float) -> str:
    """Plain-words band of an eNPS: negative (< 0), low (0-9), good (10-29), very good (30-49),
    excellent (50 and above)."""
    value = number(enps, "eNPS")
    if not -100 <= value <= 100:
        raise XlNpsError(f"an eNPS lies between -100 and 100; got {value:g}")
    band = enps_bands()[0][1]
    for low, name, _ in enps_bands():
        if value >= low:
            band = name
    return band
