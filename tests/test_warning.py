"""The revenue-up, loyalty-down warning, with figures worked out by hand."""

import math
from types import SimpleNamespace

import pytest
from scipy.stats import norm

from xl_nps.metrics import stats
from xl_nps.metrics.nps import NpsCounts
from xl_nps.metrics.warning import relative_change, revenue_warning


def _z_test(a, b):
    """(difference in points, two-sided p) of the Wald z-test, from the shares by hand."""
    def share(c):
        n = sum(c)
        return c[0] / n, c[2] / n, n
    (pa, da, na), (pb, db, nb) = share(a), share(b)
    va, vb = pa + da - (pa - da) ** 2, pb + db - (pb - db) ** 2
    z = ((pa - da) - (pb - db)) / math.sqrt(va / na + vb / nb)
    return 100 * ((pa - da) - (pb - db)), 2 * norm.sf(abs(z))


def change(difference, p):
    return SimpleNamespace(difference=difference, p_value=p, significant=p < 0.05)


# Q1: 180 promoters, 60 passives, 60 detractors (NPS +40); Q2: 120, 90, 90 (NPS +10).
Q1, Q2 = (180, 60, 60), (120, 90, 90)


def test_the_issue_example_worked_by_hand():
    difference, p = _z_test(Q2, Q1)
    assert difference == pytest.approx(-30)
    # V1 = 0.8 - 0.16 = 0.64, V2 = 0.7 - 0.01 = 0.69; SE = sqrt((0.64 + 0.69) / 300) = 0.06658;
    # z = -0.30 / 0.06658 = -4.506; p = 6.6e-6
    assert p == pytest.approx(6.6e-6, rel=0.02)
    text = revenue_warning(change(difference, p), revenue=(1_000_000, 1_200_000))
    assert text == "revenue +20%, NPS -30 points (p < 0.001): loyalty is falling while revenue grows"


def test_the_report_test_gives_the_same_words():
    a = NpsCounts(promoters=Q2[0], passives=Q2[1], detractors=Q2[2])
    b = NpsCounts(promoters=Q1[0], passives=Q1[1], detractors=Q1[2])
    text = revenue_warning(stats.compare(a, b), revenue=(1_000_000, 1_200_000))
    assert text == "revenue +20%, NPS -30 points (p < 0.001): loyalty is falling while revenue grows"


def test_a_p_value_above_one_in_a_thousand_is_given():
    # 100 answers a quarter: 60/20/20 (+40) then 40/30/30 (+10): SE = sqrt((0.64 + 0.69) / 100)
    # = 0.11533, z = -2.601, p = 0.0093
    difference, p = _z_test((40, 30, 30), (60, 20, 20))
    assert p == pytest.approx(0.0093, abs=0.0001)
    text = revenue_warning(change(difference, p), profit=(200.0, 209.0))
    assert text == "profit +4.5%, NPS -30 points (p = 0.0093): loyalty is falling while profit grows"


def test_revenue_and_profit_both_up():
    text = revenue_warning(change(-12.5, 0.0004), revenue=(100, 150), profit=(10, 11))
    assert text == ("revenue +50%, profit +10%, NPS -12.5 points (p < 0.001): "
                    "loyalty is falling while revenue and profit grow")


def test_profit_up_from_a_loss_is_given_in_amounts():
    text = revenue_warning(change(-20, 0.0001), profit=(-20_000, 5_000))
    assert text.startswith("profit up from -20,000 to 5,000, NPS -20 points")
    assert relative_change((-20_000, 5_000)) is None


@pytest.mark.parametrize("revenue, profit", [((120, 100), None), ((100, 100), None), (None, (5, 4)), (None, None)])
def test_no_warning_when_revenue_and_profit_did_not_rise(revenue, profit):
    assert revenue_warning(change(-30, 0.0001), revenue=revenue, profit=profit) == ""


def test_no_warning_when_the_fall_is_not_significant():
    # 20 answers a quarter, +40 then +10: SE = sqrt((0.64 + 0.69) / 20) = 0.2579, z = -1.163, p = 0.245
    difference, p = _z_test((8, 6, 6), (12, 4, 4))
    assert p == pytest.approx(0.245, abs=0.001)
    assert revenue_warning(change(difference, p), revenue=(100, 120)) == ""


def test_no_warning_when_nps_rose_or_was_not_tested_or_for_the_first_quarter():
    assert revenue_warning(change(+30, 0.0001), revenue=(100, 120)) == ""
    untested = SimpleNamespace(difference=-60.0, p_value=None, significant=False)  # too few answers
    assert revenue_warning(untested, revenue=(100, 120)) == ""
    assert revenue_warning(None, revenue=(100, 120)) == ""


def test_relative_change():
    assert relative_change((1_000_000, 1_200_000)) == pytest.approx(0.2)
    assert relative_change((0, 10)) is None and relative_change(None) is None
