"""The industry table, the rating bands and the calendar periods."""

import csv
import datetime as dt
from importlib import resources

import pytest

from xl_nps.errors import XlNpsError
from xl_nps.metrics import benchmarks, periods


def test_every_benchmark_row_names_its_source():
    text = resources.files("xl_nps.metrics").joinpath("data/benchmarks.csv").read_text("utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    assert len(rows) >= 14
    assert all(row["source"].strip() for row in rows)


@pytest.mark.parametrize("industry, expected", [("banking", 0), ("Airlines", 36), ("  software   development ", 48)])
def test_benchmarks_quoted_in_the_domain_facts(industry, expected):
    assert benchmarks.benchmark(industry).nps == expected


def test_unknown_industry_lists_the_known_ones():
    with pytest.raises(XlNpsError, match="known industries: banking"):
        benchmarks.benchmark("space tourism")


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
