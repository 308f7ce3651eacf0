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


def test_a_small_change_on_few_respondents_is_not_significant():
    result = stats.compare(answers(12, 5, 3), answers(10, 6, 4))
    assert not result.significant
    assert result.p_value > 0.05


def test_unanimous_samples_need_the_adjusted_method():
    with pytest.raises(XlNpsError, match="adjusted"):
        stats.compare(answers(5), answers(0, 0, 5))
    result = stats.compare(answers(5), answers(0, 0, 5), method="adjusted")
    assert result.difference == 200 and result.significant


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
    with pytest.raises(XlNpsError, match='"wald" or "adjusted"'):
        stats.confidence_interval(answers(1, 1, 1), method="wilson")


def test_counts_can_be_given_instead_of_scores():
    assert stats.standard_error(NpsCounts(400, 450, 150)) == pytest.approx(stats.standard_error(answers(400, 450, 150)))


def test_an_absurdly_small_margin_is_refused_or_needs_everybody():
    # found by hypothesis: 1e-308 points made the squared margin underflow to zero
    with pytest.raises(XlNpsError, match="more respondents than there are people"):
        stats.sample_size(1e-308)
    assert stats.sample_size(1e-308, population=150) == 150
