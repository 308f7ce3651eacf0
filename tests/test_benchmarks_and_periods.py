"""The industry table, the rating bands and the calendar periods."""

import csv
import datetime as dt
from importlib import resources
from pathlib import Path

import openpyxl
import pytest

from xl_nps.errors import XlNpsError
from xl_nps.metrics import benchmarks, periods
from xl_nps.workbook import names as L


def test_every_benchmark_row_names_its_source_year_and_address():
    text = resources.files("xl_nps.metrics").joinpath("data/benchmarks.csv").read_text("utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    assert len(rows) >= 10
    for row in rows:
        assert row["source"].strip() and row["measured"].strip(), row["industry"]
        assert row["year"] == "n.d." or 2000 <= int(row["year"]) <= 2026, row["industry"]
        assert row["url"].startswith("https://"), row["industry"]
    names = [" ".join(row["industry"].split()).casefold() for row in rows]
    assert len(set(names)) == len(names)  # a lookup by name finds one row


# Each value as read in the source's own text (publisher's release, blog or help page):
@pytest.mark.parametrize("industry, expected, year", [
    # XM Institute, XMI Customer Ratings - NPS, 2023: "grocers ... average score of 30.1, while
    # consumer payments received the lowest with an average of -6.1"
    ("grocery", 30.1, "2023"), ("Consumer Payments", -6.1, "2023"),
    # XM Institute, Economics of NPS, 2023: "retail is 28 ... consumer payments (1), car rentals (3),
    # and airlines (7)"
    ("  retail ", 28, "2023"), ("airlines", 7, "2023"), ("car rentals", 3, "2023"),
    # Temkin Group 2018: "a high of 39 for auto dealers and streaming media down to a low of 0 for
    # TV/Internet service providers"
    ("auto dealers", 39, "2018"), ("TV and internet service providers", 0, "2018"),
    # Temkin Group 2014: "computers (30), and insurance carriers (30) ... utilities (5)"
    ("insurance", 30, "2014"), ("utilities", 5, "2014"),
    # Temkin Group Tech Vendor NPS & Loyalty Benchmark 2018: "from 21.4 last year to 21.2 this year"
    ("tech vendors (b2b)", 21.2, "2018"),
    # Satmetrix 2009: "Banking had an average NPS of approximately 15 percent"
    ("banking", 15, "2009"),
    # SurveyMonkey Help Center: "median ... +36, while an upper quartile NPS is +66"
    ("all industries (median)", 36, "n.d."), ("all  industries (top quartile)", 66, "n.d."),
])
def test_benchmarks_as_published(industry, expected, year):
    row = benchmarks.benchmark(industry)
    assert row.nps == expected and row.year == year


def test_unknown_industry_lists_the_known_ones():
    with pytest.raises(XlNpsError, match="known industries: airlines, auto dealers, banking"):
        benchmarks.benchmark("space tourism")
    with pytest.raises(XlNpsError, match="no benchmark"):
        benchmarks.benchmark("software development")  # its old figure had no source: gone


def test_the_readme_example_and_the_demo_use_a_sourced_row():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert '`=NPS_BENCHMARK("tech vendors (B2B)")` -> `21.2`' in readme
    example = openpyxl.load_workbook(Path(__file__).resolve().parents[1] / "workbooks" / "example.xlsx")
    assert example[L.SUMMARY_SHEET]["B8"].value == "tech vendors (B2B)"  # the demo's industry
    assert benchmarks.benchmark("tech vendors (B2B)").nps == 21.2  # Temkin Group, 11 September 2018


@pytest.mark.parametrize(
    "nps, band",
    [(-100, "negative"), (-0.1, "negative"), (0, "positive"), (29.9, "positive"), (30, "good"),
     (50, "excellent"), (69.9, "excellent"), (70, "world class"), (100, "world class")],
)
def test_rating_bands(nps, band):
    assert benchmarks.rating(nps) == band


def test_rating_refuses_numbers_off_the_nps_scale():
    with pytest.raises(XlNpsError, match="between -100 and 100"):
        benchmarks.rating(140)


@pytest.mark.parametrize(
    "day, q, m, y",
    [(dt.date(2026, 1, 1), "2026 Q1", "2026-01", "2026"), (dt.date(2026, 3, 31), "2026 Q1", "2026-03", "2026"),
     (dt.date(2026, 4, 1), "2026 Q2", "2026-04", "2026"), (dt.date(2026, 12, 31), "2026 Q4", "2026-12", "2026")],
)
def test_period_labels(day, q, m, y):
    assert (periods.period_label(day, "Q"), periods.period_label(day, "m"), periods.period_label(day, "Y")) == (q, m, y)


def test_trend_compares_each_quarter_with_the_one_before():
    q1 = [10] * 30 + [8] * 10 + [3] * 10   # NPS 40
    q2 = [10] * 20 + [8] * 10 + [3] * 20   # NPS 0
    scores = q2 + q1                        # out of time order on purpose
    dates = [dt.date(2026, 5, 1)] * 50 + [dt.date(2026, 2, 1)] * 50
    rows = periods.trend(scores, dates)
    assert [r.period for r in rows] == ["2026 Q1", "2026 Q2"]
    assert [r.nps for r in rows] == [pytest.approx(40), pytest.approx(0)]
    assert rows[0].change is None
    assert rows[1].change.difference == pytest.approx(-40)
    assert rows[1].change.significant


def test_unknown_period_is_refused():
    with pytest.raises(XlNpsError, match='"Q" \\(quarter\\)'):
        periods.trend([9], [dt.date(2026, 1, 1)], "W")


def test_trend_marks_a_small_period_and_does_not_test_a_change_involving_it():
    # 50 answers in 2026 Q1 (NPS 40), one promoter dated 2026-04-01 (NPS +100)
    scores = [10] * 30 + [8] * 10 + [3] * 10 + [9]
    dates = [dt.date(2026, 2, 1)] * 50 + [dt.date(2026, 4, 1)]
    first, second = periods.trend(scores, dates)
    assert not first.small and second.small
    assert second.nps == 100 and second.change.difference == pytest.approx(60)
    assert second.change.test is None and second.change.reason == "too few answers"
    assert not second.change.significant
    assert second.interval.low < 100  # the interval is kept


def test_trend_minimum_is_a_choice_but_never_tests_under_ten_answers():
    q1 = [10] * 6 + [3] * 6   # 12 answers, NPS 0
    q2 = [10] * 11 + [3]      # 12 answers, NPS 83.3
    dates = [dt.date(2026, 2, 1)] * 12 + [dt.date(2026, 5, 1)] * 12
    rows = periods.trend(q1 + q2, dates, min_n=12)
    assert not rows[1].small and rows[1].change.test is not None
    assert rows[1].change.significant
    assert periods.trend(q1 + q2, dates)[1].change.reason == "too few answers"  # default minimum 30
    tiny = periods.trend(q1[:5] + q2[:5], dates[:5] + dates[12:17], min_n=1)
    assert not tiny[1].small and tiny[1].change.reason == "too few answers"
