"""eNPS bands and benchmarks: the sourced tables and the lookups."""

import csv
from importlib import resources

import pytest

from xl_nps.errors import XlNpsError
from xl_nps.metrics.enps import enps_benchmark, enps_benchmarks, enps_rating


def _rows(name):
    text = resources.files("xl_nps.metrics").joinpath(f"data/{name}").read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


@pytest.mark.parametrize("name", ["enps_bands.csv", "enps_benchmarks.csv"])
def test_every_row_names_its_source(name):
    rows = _rows(name)
    assert rows and all(row["source"].strip() for row in rows)
    if name == "enps_benchmarks.csv":  # as the industry table: what was measured, and where
        assert all(row["measured"].strip() and row["url"].startswith("https://") for row in rows)


def test_bands_rise():
    lows = [float(r["lowest"]) for r in _rows("enps_bands.csv")]
    assert lows == sorted(lows) and lows[0] == -100


@pytest.mark.parametrize("value, band", [
    (-100, "negative"), (-0.1, "negative"), (0, "low"), (9.9, "low"), (10, "good"), (29.9, "good"),
    (30, "very good"), (49.9, "very good"), (50, "excellent"), (100, "excellent"),
])
def test_enps_bands(value, band):
    assert enps_rating(value) == band


def test_an_enps_of_20_is_good_for_employees_though_merely_positive_for_customers():
    from xl_nps.metrics.benchmarks import rating

    assert (enps_rating(20), rating(20)) == ("good", "positive")


def test_rating_refuses_numbers_off_the_scale():
    with pytest.raises(XlNpsError, match="between -100 and 100"):
        enps_rating(101)


@pytest.mark.parametrize("group, value", [
    ("all organisations (Hive HR; Q3 2024)", 27),  # Hive HR via SurveyMonkey
    ("  Organisations of 0-250 employees (Hive HR; Q3 2024) ", 30),
    ("all organisations (global; 2023)", 21.1),
])
def test_benchmarks_as_published(group, value):
    assert enps_benchmark(group).enps == value


def test_a_secondary_source_says_so():
    row = enps_benchmark("all organisations (global; 2023)")
    assert "does not name its data" in row.note


def test_illustrations_are_no_benchmarks():
    """The page behind the 2023 row also says a sector "might see scores around 26" or "could
    average -6.5": examples with no data behind them, left out."""
    with pytest.raises(XlNpsError):
        enps_benchmark("healthcare")


def test_unknown_group_lists_the_known_ones():
    with pytest.raises(XlNpsError, match="known: all organisations"):
        enps_benchmark("space agencies")
    assert len(enps_benchmarks()) == 3
