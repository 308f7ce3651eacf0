"""Standard error, intervals, the two-period test and sample sizes, each checked against a
hand calculation or a second method (scores as -1/0/+1 and scipy's normal distribution)."""

import math

import numpy as np
import pytest
from scipy.stats import norm

from xl_nps.errors import XlNpsError
from xl_nps.metrics import stats
from xl_nps.metrics.nps import NpsCounts


def answers(promoters=0, passives=0, detractors=0):
    return np.array([10] * promoters + [7] * passives + [2] * detractors)


def as_plus_minus(scores):
    return np.where(scores >= 9, 1.0, np.where(scores <= 6, -1.0, 0.0))


def test_standard_error_equals_the_spread_of_plus_minus_scores():
    scores = answers(400, 450, 150)
    x = as_plus_minus(scores)
    second_method = 100 * x.std(ddof=0) / math.sqrt(x.size)
    assert stats.standard_error(scores) == pytest.approx(second_method)
    # by hand: V = 0.4 + 0.15 - 0.25^2 = 0.4875; SE = 100 * sqrt(0.4875 / 1000) = 2.2079
    assert stats.standard_error(scores) == pytest.approx(2.20794, abs=1e-5)


def test_margin_of_error_at_95_and_90_percent():
    scores = answers(400, 450, 150)
    se = 100 * math.sqrt(0.4875 / 1000)
    assert stats.margin_of_error(scores) == pytest.approx(norm.ppf(0.975) * se)
    assert stats.margin_of_error(scores, 0.90) == pytest.approx(norm.ppf(0.95) * se)


def test_confidence_typed_as_a_percentage_means_the_same():
    scores = answers(40, 45, 15)
    assert stats.margin_of_error(scores, 95) == pytest.approx(stats.margin_of_error(scores, 0.95))


def test_wald_interval_is_nps_plus_minus_z_se():
    scores = answers(400, 450, 150)
    half = norm.ppf(0.975) * 100 * math.sqrt(0.4875 / 1000)
    ci = stats.confidence_interval(scores, method="wald")
    assert (ci.low, ci.high) == pytest.approx((25 - half, 25 + half))


def test_adjusted_wald_interval_worked_by_hand():
    # 6 promoters, 2 passives, 2 detractors; Rocks (2016) adds 0.75 / 1.5 / 0.75:
    # P' = 6.75, D' = 2.75, n' = 13; centre = 4 / 13 = 0.307692
    # V = (6.75 + 2.75) / 13 - 0.307692^2 = 0.730769 - 0.094675 = 0.636095
    # SE = sqrt(0.636095 / 13) = 0.221204; half width = 1.959964 * 0.221204 = 0.433552
    ci = stats.confidence_interval(answers(6, 2, 2))
    assert ci.low == pytest.approx(-12.586, abs=1e-3)
    assert ci.high == pytest.approx(74.124, abs=1e-3)


def test_all_promoters_wald_interval_collapses_and_adjusted_stays_inside_the_scale():
    wald = stats.confidence_interval(answers(5), method="wald")
    assert (wald.low, wald.high) == (100.0, 100.0)
    adjusted = stats.confidence_interval(answers(5))
    assert -100 <= adjusted.low < adjusted.high <= 100
    assert adjusted.low < 100


def test_intervals_are_clipped_to_the_nps_scale():
    ci = stats.confidence_interval(answers(1, 0, 0), confidence=0.999)
    assert ci.high <= 100 and ci.low >= -100


def test_two_period_test_matches_a_z_test_on_plus_minus_scores():
    a, b = answers(60, 25, 15), answers(45, 30, 25)
    xa, xb = as_plus_minus(a), as_plus_minus(b)
    se = math.sqrt(xa.var() / xa.size + xb.var() / xb.size)
    z = (xa.mean() - xb.mean()) / se
    result = stats.compare(a, b)
    assert result.difference == pytest.approx(100 * (xa.mean() - xb.mean()))  # 45 - 20 = 25
    assert result.difference == pytest.approx(25.0)
    assert result.z == pytest.approx(z)
    assert result.p_value == pytest.approx(2 * norm.sf(abs(z)))
    assert result.significant == (2 * norm.sf(abs(z)) < 0.05)


def test_difference_is_signed_a_minus_b():
    result = stats.compare(answers(10, 5, 5), answers(15, 3, 2))
    assert result.difference == pytest.approx(25 - 65)
    assert result.z < 0
    adjusted = stats.compare(answers(10, 5, 5), answers(15, 3, 2), method="adjusted")
    assert adjusted.difference == pytest.approx(25 - 65) and adjusted.tested_difference < 0


def test_a_small_change_on_few_respondents_is_not_significant():
    result = stats.compare(answers(12, 5, 3), answers(10, 6, 4))
    assert not result.significant
    assert result.p_value > 0.05


def test_unanimous_samples_need_the_adjusted_method():
    with pytest.raises(XlNpsError, match="adjusted"):
        stats.compare(answers(12), answers(0, 0, 10))
    # R, NPS 2.0.999 (github.com/brendan-r/NPS, R/nps_tests.R):
    #   nps_test_(c(0, 0, 12), c(10, 0, 0), test = "adjusted.wald")
    #   delta.hat = 1.569230769, se.hat = 0.1996598534
    result = stats.compare(answers(12), answers(0, 0, 10), method="adjusted")
    assert result.difference == 200  # observed: +100 against -100
    assert result.tested_difference == pytest.approx(156.9230769, abs=1e-6)
    assert result.z == pytest.approx(1.569230769 / 0.1996598534, rel=1e-9)
    assert result.significant


# Reference values of the adjusted-Wald test: R package NPS 2.0.999 by B. Rocks
# (github.com/brendan-r/NPS, R/nps_tests.R, nps_test_ with test = "adjusted.wald"; counts are
# c(detractors, passives, promoters)). R reports |delta.hat| and a two-sided p-value.
R_ADJUSTED_WALD = [
    # nps_test_(c(15, 25, 60), c(25, 30, 45), test = "adjusted.wald")
    ((60, 25, 15), (45, 30, 25), 0.24271844660, 0.10831066859, 0.02502952101),
    # nps_test_(c(2, 3, 5), c(4, 3, 3), test = "adjusted.wald")
    ((5, 3, 2), (3, 3, 4), 0.3076923077, 0.3099032988, 0.3207754826),
]


@pytest.mark.parametrize("a, b, delta, se, p", R_ADJUSTED_WALD)
def test_adjusted_wald_test_reproduces_the_r_nps_package(a, b, delta, se, p):
    result = stats.compare(NpsCounts(*a), NpsCounts(*b), method="adjusted")
    assert result.nps_a == pytest.approx(100 * (a[0] - a[2]) / sum(a))  # observed scores are reported
    assert result.nps_b == pytest.approx(100 * (b[0] - b[2]) / sum(b))
    assert result.tested_difference == pytest.approx(100 * delta, abs=1e-8)
    assert result.z == pytest.approx(delta / se, rel=1e-9)
    assert result.p_value == pytest.approx(p, rel=1e-8)
    assert result.method == "adjusted"


def test_adjusted_wald_test_worked_by_hand():
    # a: 5 promoters, 3 passives, 2 detractors -> 5.75, 4.5, 2.75 of 13: NPS' = 3/13 = 0.230769
    #    V' = (5.75 + 2.75) / 13 - 0.230769^2 = 0.653846 - 0.053254 = 0.600592
    # b: 3, 3, 4 -> 3.75, 4.5, 4.75 of 13: NPS' = -1/13 = -0.076923
    #    V' = 8.5 / 13 - 0.005917 = 0.647929
    # SE = sqrt((0.600592 + 0.647929) / 13) = 0.309903; z = 0.307692 / 0.309903 = 0.992865
    result = stats.compare(answers(5, 3, 2), answers(3, 3, 4), method="adjusted")
    assert result.difference == pytest.approx(40.0)  # observed 30 - (-10)
    assert result.tested_difference == pytest.approx(30.7692, abs=1e-4)
    assert result.z == pytest.approx(0.992865, abs=1e-6)


def test_wald_test_reproduces_the_r_nps_package():
    # nps_test_(c(15, 25, 60), c(25, 30, 45), test = "wald"): delta.hat 0.25, se.hat 0.10988630488,
    # p.value 0.02290120461
    result = stats.compare(NpsCounts(60, 25, 15), NpsCounts(45, 30, 25))
    assert result.tested_difference == result.difference == pytest.approx(25.0)
    assert result.z == pytest.approx(0.25 / 0.10988630488, rel=1e-9)
    assert result.p_value == pytest.approx(0.02290120461, rel=1e-8)


@pytest.mark.parametrize("method", ["wald", "adjusted"])
def test_a_sample_under_min_n_is_refused_with_a_message(method):
    with pytest.raises(stats.TooFewAnswers, match="sample b has 1 answer; the test needs at least 10"):
        stats.compare(answers(60, 25, 15), answers(1), method=method)
    with pytest.raises(stats.TooFewAnswers, match="sample a has 9 answers"):
        stats.compare(answers(5, 2, 2), answers(60, 25, 15), method=method)
    result = stats.compare(answers(5, 2, 2), answers(60, 25, 15), method=method, min_n=5)
    assert 0 < result.p_value < 1


@pytest.mark.parametrize("min_n", [0, -3, "ten", True, math.nan])
def test_impossible_min_n_is_refused(min_n):
    with pytest.raises(XlNpsError, match="min_n"):
        stats.compare(answers(60, 25, 15), answers(45, 30, 25), min_n=min_n)


def test_the_one_answer_quarter_of_issue_12_is_not_a_significant_change():
    # One promoter dated in a new quarter against a quarter of 100 answers: the Wald variance of the
    # one-answer sample is 0, and the old report called the change "significant, p = 0.00".
    moved = stats.change(NpsCounts(1, 0, 0), NpsCounts(60, 25, 15))
    assert moved.difference == pytest.approx(55.0)
    assert moved.test is None and moved.reason == "too few answers"
    assert not moved.significant and moved.p_value is None


def test_change_is_tested_under_the_minimum_of_the_caller_and_never_below_ten():
    big, other = NpsCounts(20, 5, 5), NpsCounts(10, 10, 10)
    assert stats.change(big, other, min_n=31).reason == "too few answers"  # 30 answers each
    assert stats.change(big, other, min_n=31).difference == pytest.approx(50.0)
    tested = stats.change(big, other, min_n=20)
    assert tested.test is not None and tested.p_value == pytest.approx(stats.compare(big, other).p_value)
    assert stats.change(NpsCounts(5, 2, 2), other, min_n=1).reason == "too few answers"  # 9 < 10


def test_sample_size_for_5_points_at_95_percent_is_1537():
    assert stats.sample_size(5) == 1537


def test_sample_size_with_150_client_companies_uses_the_finite_population():
    # n0 = 1.959964^2 / 0.05^2 = 1536.58; n = n0 / (1 + (n0 - 1) / 150) = 136.74 -> 137
    assert stats.sample_size(5, population=150) == 137


def test_sample_size_never_exceeds_the_population():
    assert stats.sample_size(0.5, population=40) <= 40


def test_sample_size_with_a_known_variance():
    # V = 0.5, +-10 points at 95%: 3.841459 * 0.5 / 0.01 = 192.07 -> 193
    assert stats.sample_size(10, variance=0.5) == 193


@pytest.mark.parametrize("confidence", [0, 1, 1.5, -0.2, 100, "high", True])
def test_impossible_confidence_levels_are_refused(confidence):
    with pytest.raises(XlNpsError, match="confidence"):
        stats.margin_of_error(answers(1, 1, 1), confidence)


def test_unknown_interval_method_is_refused():
    with pytest.raises(XlNpsError, match='"adjusted", "wald" or "score"'):
        stats.confidence_interval(answers(1, 1, 1), method="wilson")
    with pytest.raises(XlNpsError, match='"wald" or "adjusted"'):
        stats.compare(answers(20, 1, 1), answers(20, 1, 1), method="score")


def test_counts_can_be_given_instead_of_scores():
    assert stats.standard_error(NpsCounts(400, 450, 150)) == pytest.approx(stats.standard_error(answers(400, 450, 150)))


def test_an_absurdly_small_margin_is_refused_or_needs_everybody():
    # found by hypothesis: 1e-308 points made the squared margin underflow to zero
    with pytest.raises(XlNpsError, match="more respondents than there are people"):
        stats.sample_size(1e-308)
    assert stats.sample_size(1e-308, population=150) == 150
