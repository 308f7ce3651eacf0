"""The iterative score interval (Rocks 2016, after Tango 1998) and the properties every interval
and test must keep on any sample: in range, holding the observed NPS, antisymmetric in a and b.

Reference values: the published worked example of Tango (1998), and R's PropCIs::scoreci.mp
(Tango's interval; the same algorithm as nps_test(test = "iterative") of R's NPS package 2.0.999,
which computes its z as qnorm(alpha), a negative number, and so returns a zero-width interval:
run in R 4.2, its iterative(c(15, 25, 60), 0.05) gives 0.4499999 to 0.4500001, so its numbers
are not used). scoreci.mp(b, c, n, conf) is the interval of (c - b) / n, so b = detractors and
c = promoters. scoreci.mp stops halving its step at 1e-7 (on the -1..1 scale), hence a tolerance
of 1e-4 points.
"""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import brentq
from scipy.stats import norm

from xl_nps.errors import XlNpsError
from xl_nps.metrics import stats
from xl_nps.metrics.nps import NpsCounts

R_TOLERANCE = 1e-4  # points


def test_tango_1998_worked_example():
    # Tango (1998), section 6.1, Table V: 44 pairs, b = 0, c = 1 (a = 43 concordant); the 90%
    # interval's lower limit is printed as -0.096. As an NPS: 0 promoters, 43 passives, 1 detractor.
    interval = stats.score_interval(NpsCounts(promoters=0, passives=43, detractors=1), confidence=0.90)
    assert interval.low == pytest.approx(-9.6, abs=0.05)


# (promoters, passives, detractors), confidence, R PropCIs::scoreci.mp(detractors, promoters, n, conf)
PROPCIS = [
    ((0, 43, 1), 0.90, (-0.09566243941, 0.03651693328)),  # scoreci.mp(1, 0, 44, 0.90)
    ((0, 43, 1), 0.95, (-0.11807715351, 0.05939325013)),  # scoreci.mp(1, 0, 44, 0.95)
    ((6, 2, 2), 0.95, (-0.1529131889, 0.7526158571)),  # scoreci.mp(2, 6, 10, 0.95)
    ((60, 25, 15), 0.95, (0.2925692081, 0.5812569559)),  # scoreci.mp(15, 60, 100, 0.95)
    ((400, 450, 150), 0.95, (0.2062095106, 0.2927536070)),  # scoreci.mp(150, 400, 1000, 0.95)
    ((28, 565, 25), 0.95, (-0.01878500940, 0.02873204026)),  # scoreci.mp(25, 28, 618, 0.95)
    ((1, 0, 0), 0.95, (-0.5869016647, 1.0)),  # scoreci.mp(0, 1, 1, 0.95): one promoter
    ((0, 1, 0), 0.95, (-0.7934508324, 0.7934506536)),  # scoreci.mp(0, 0, 1, 0.95): one passive
    ((10, 0, 0), 0.95, (0.4449343681, 1.0)),  # scoreci.mp(0, 10, 10, 0.95)
    ((0, 0, 10), 0.95, (-1.0, -0.4449344277)),  # scoreci.mp(10, 0, 10, 0.95)
]


@pytest.mark.parametrize("counts, confidence, limits", PROPCIS)
def test_score_interval_reproduces_r_propcis(counts, confidence, limits):
    interval = stats.confidence_interval(NpsCounts(*counts), confidence, method="score")
    assert interval.low == pytest.approx(100 * limits[0], abs=R_TOLERANCE)
    assert interval.high == pytest.approx(100 * limits[1], abs=R_TOLERANCE)


def test_all_passives_has_a_closed_form():
    # No promoter and no detractor: T(d) = -sqrt(n d / (1 - d)) for d > 0, so T = -z at
    # d = z^2 / (n + z^2): n = 1 at 95% gives 3.841459 / 4.841459 = 0.793451.
    z = norm.ppf(0.975)
    for n in (1, 5, 40):
        interval = stats.score_interval(NpsCounts(0, n, 0))
        assert interval.high == pytest.approx(100 * z * z / (n + z * z), abs=1e-9)
        assert interval.low == pytest.approx(-interval.high, abs=1e-9)


def test_limits_solve_the_score_equation_found_by_a_second_root_finder():
    counts = NpsCounts(37, 20, 13)
    z = norm.ppf(0.975)
    estimate = (37 - 13) / 70
    low = brentq(lambda d: stats.score_statistic(counts, d) - z, -1 + 1e-12, estimate)
    high = brentq(lambda d: stats.score_statistic(counts, d) + z, estimate, 1 - 1e-12)
    interval = stats.score_interval(counts)
    assert (interval.low, interval.high) == pytest.approx((100 * low, 100 * high), abs=1e-9)


def test_score_statistic_at_zero_is_the_one_sample_mcnemar_statistic():
    # Tango (1998), section 6.2: at d = 0 the statistic is (b - c) / sqrt(b + c).
    counts = NpsCounts(promoters=30, passives=50, detractors=20)
    assert stats.score_statistic(counts, 0.0) == pytest.approx(10 / math.sqrt(50))


def test_the_issue_12_one_answer_headline():
    # One promoter: NPS +100. The adjusted-Wald interval leaves it out (-48.5 to +98.5, as the
    # issue quotes); the score interval holds it.
    one = NpsCounts(1, 0, 0)
    adjusted = stats.confidence_interval(one)
    assert (adjusted.low, adjusted.high) == pytest.approx((-48.5, 98.5), abs=0.05)
    score = stats.confidence_interval(one, method="score")
    assert score.low < 100 == score.high


counts_strategy = st.tuples(
    st.integers(0, 400), st.integers(0, 400), st.integers(0, 400)
).filter(lambda t: sum(t) > 0).map(lambda t: NpsCounts(*t))
confidence_strategy = st.floats(0.5, 0.999)


@settings(max_examples=300, deadline=None)
@given(counts_strategy, confidence_strategy)
def test_score_interval_stays_in_range_and_holds_the_observed_nps(counts, confidence):
    interval = stats.score_interval(counts, confidence)
    assert -100 <= interval.low <= counts.nps <= interval.high <= 100
    assert interval.low < interval.high


@settings(max_examples=300, deadline=None)
@given(counts_strategy, st.sampled_from([0.95, 0.975, 0.99, 0.999]))
def test_adjusted_interval_holds_the_observed_nps_from_two_answers_at_95_percent_or_more(counts, confidence):
    # README: at 95% and above the adjusted interval holds the observed NPS from 2 answers on.
    interval = stats.confidence_interval(counts, confidence)
    assert -100 <= interval.low <= interval.high <= 100
    if counts.n >= 2:
        assert interval.low - 1e-9 <= counts.nps <= interval.high + 1e-9


def test_adjusted_interval_below_95_percent_can_leave_out_a_unanimous_score():
    # README: below 95% the adjusted interval can leave out an NPS of +100 or -100, even on many
    # answers (its centre is n / (n + 3) of the way to the edge); the score interval keeps it.
    everyone = NpsCounts(300, 0, 0)
    assert stats.confidence_interval(everyone, 0.80).high < 100
    assert stats.confidence_interval(everyone, 0.80, method="score").high == 100


@settings(max_examples=300, deadline=None)
@given(counts_strategy, confidence_strategy)
def test_wald_and_adjusted_intervals_stay_in_range(counts, confidence):
    for method in ("wald", "adjusted"):
        interval = stats.confidence_interval(counts, confidence, method)
        assert -100 <= interval.low <= interval.high <= 100


@settings(max_examples=300, deadline=None)
@given(counts_strategy, st.floats(0.5, 0.99))
def test_swapping_promoters_and_detractors_mirrors_the_score_interval(counts, confidence):
    mirrored = NpsCounts(counts.detractors, counts.passives, counts.promoters)
    a, b = stats.score_interval(counts, confidence), stats.score_interval(mirrored, confidence)
    assert b.low == pytest.approx(-a.high, abs=1e-9)
    assert b.high == pytest.approx(-a.low, abs=1e-9)


big_counts = st.tuples(st.integers(0, 300), st.integers(0, 300), st.integers(0, 300)).filter(
    lambda t: sum(t) >= 10).map(lambda t: NpsCounts(*t))


@settings(max_examples=300, deadline=None)
@given(big_counts, big_counts, st.floats(0.5, 0.999))
def test_tests_are_antisymmetric_in_a_and_b(a, b, confidence):
    for method in ("wald", "adjusted"):
        try:
            ab = stats.compare(a, b, confidence, method)
        except XlNpsError:
            with pytest.raises(XlNpsError):  # refused both ways or neither
                stats.compare(b, a, confidence, method)
            continue
        ba = stats.compare(b, a, confidence, method)
        assert ba.difference == pytest.approx(-ab.difference, abs=1e-9)
        assert ba.tested_difference == pytest.approx(-ab.tested_difference, abs=1e-9)
        assert ba.z == pytest.approx(-ab.z, abs=1e-9)
        assert ba.p_value == pytest.approx(ab.p_value, rel=1e-9, abs=1e-300)
        assert ba.significant == ab.significant
        assert 0 <= ab.p_value <= 1
