"""The shifted-beta-geometric retention model against Fader and Hardie's published examples and a
second method (scipy's optimiser on a likelihood written with scipy's beta function)."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import minimize
from scipy.special import betaln, hyp2f1

from xl_nps.errors import XlNpsError
from xl_nps.metrics import retention

# P. S. Fader and B. G. S. Hardie, "How to Project Customer Retention", Journal of Interactive
# Marketing 21(1), 2007, Table 1: customers of 1,000 still active in years 0-12 of two segments.
REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173]
HIGH_END = [1000, 869, 743, 653, 593, 551, 517, 491, 468, 445, 427, 409, 394]


def sbg_log_likelihood_by_beta_functions(alpha, beta, active):
    """Second method: LL = sum_t n_t ln P(T = t) + c_T ln S(T), with P(T = t) =
    B(alpha + 1, beta + t - 1) / B(alpha, beta) and S(t) = B(alpha, beta + t) / B(alpha, beta)
    (Fader and Hardie 2007)."""
    c = np.asarray(active, dtype=float)
    t = np.arange(1, len(c))
    lost = c[:-1] - c[1:]
    log_p = betaln(alpha + 1, beta + t - 1) - betaln(alpha, beta)
    log_s = betaln(alpha, beta + t[-1]) - betaln(alpha, beta)
    return float((lost * log_p).sum() + c[-1] * log_s)


def second_method_fit(active):
    result = minimize(lambda x: -sbg_log_likelihood_by_beta_functions(math.exp(x[0]), math.exp(x[1]), active),
                      x0=[0.0, 0.0], method="Nelder-Mead", bounds=[(-12, 12)] * 2, options={"xatol": 1e-10, "fatol": 1e-12, "maxiter": 10000})
    return math.exp(result.x[0]), math.exp(result.x[1]), -result.fun


@pytest.mark.parametrize("active, alpha, beta", [
    (REGULAR[:8], 0.704, 1.182),  # Fader and Hardie (2007): regular customers, years 0-7
    (HIGH_END[:8], 0.668, 3.806),  # and high end customers
])
def test_fader_hardie_2007_published_estimates(active, alpha, beta):
    model = retention.fit(active)
    assert round(model.alpha, 3) == alpha
    assert round(model.beta, 3) == beta
    assert not model.at_limit


@pytest.mark.parametrize("active", [REGULAR[:8], HIGH_END[:8], REGULAR, [500, 300, 200], [80, 61, 50, 44, 40]])
def test_fit_agrees_with_a_second_optimiser_and_likelihood(active):
    model = retention.fit(active)
    alpha, beta, ll = second_method_fit(active)
    assert model.alpha == pytest.approx(alpha, rel=1e-5)
    assert model.beta == pytest.approx(beta, rel=1e-5)
    assert model.log_likelihood == pytest.approx(ll, rel=1e-9)
    assert retention.log_likelihood(model.alpha, model.beta, active) == pytest.approx(
        sbg_log_likelihood_by_beta_functions(model.alpha, model.beta, active), rel=1e-12)


def test_shares_of_the_cohort_give_the_same_estimates_as_counts():
    # the likelihood of shares is that of counts divided by the cohort: same maximum
    counts, shares = retention.fit(REGULAR[:8]), retention.fit([c / 1000 for c in REGULAR[:8]])
    assert (shares.alpha, shares.beta) == pytest.approx((counts.alpha, counts.beta), rel=1e-7)


def test_forecast_of_the_regular_segment_against_the_years_held_out():
    # Fitted on years 0-7 as Fader and Hardie (2007) fit it, the projection of years 8-12 is
    # checked against Table 1's actual counts (within 20 of the 1,000). Survivors at t: 1000 x S(t) with
    # S(t) = S(t-1) (beta + t - 1) / (alpha + beta + t - 1).
    rows = retention.forecast(REGULAR[:8], 5)
    assert [r.period for r in rows] == [8, 9, 10, 11, 12]
    model = retention.fit(REGULAR[:8])
    s = 1.0
    for t in range(1, 13):
        s *= (model.beta + t - 1) / (model.alpha + model.beta + t - 1)
        if t >= 8:
            assert rows[t - 8].survivors == pytest.approx(1000 * s, rel=1e-12)
            assert rows[t - 8].retention_rate == pytest.approx((model.beta + t - 1) / (model.alpha + model.beta + t - 1))
    for row, actual in zip(rows, REGULAR[8:]):
        assert abs(row.survivors - actual) < 0.02 * 1000  # within 2 points of the cohort
    assert [round(r.survivors) for r in rows] == [220, 204, 191, 180, 170]


def test_retention_rates_rise_with_tenure():
    rows = retention.forecast(HIGH_END[:8], 10)
    rates = [r.retention_rate for r in rows]
    assert all(b > a for a, b in zip(rates, rates[1:]))


@pytest.mark.parametrize("discount", [0.1, 0.01, 0.25])
@pytest.mark.parametrize("alpha, beta", [(0.704, 1.182), (0.668, 3.806), (3.0, 8.0)])
def test_discounted_expected_lifetime_is_the_hypergeometric_of_fader_hardie_2010(alpha, beta, discount):
    # Fader and Hardie (2010): DEL(d) = 2F1(1, beta; alpha + beta; 1 / (1 + d)).
    expected = hyp2f1(1.0, beta, alpha + beta, 1.0 / (1.0 + discount))
    assert retention.expected_lifetime(alpha, beta, discount) == pytest.approx(expected, rel=1e-10)


def test_undiscounted_lifetime_is_the_mean_of_one_over_the_churn_chance():
    # E[1 / theta] for theta ~ beta(3, 8) = (alpha + beta - 1) / (alpha - 1) = 10 / 2 = 5 periods
    assert retention.expected_lifetime(3.0, 8.0) == pytest.approx(5.0)
    # a small discount comes close to it (the series sums the same terms)
    assert retention.expected_lifetime(3.0, 8.0, 1e-6) == pytest.approx(5.0, rel=1e-4)


def test_undiscounted_lifetime_with_alpha_at_most_one_asks_for_a_discount():
    with pytest.raises(XlNpsError, match="endless; give a discount rate"):
        retention.lifetime(REGULAR[:8])
    assert retention.lifetime(REGULAR[:8], 0.1) == pytest.approx(
        hyp2f1(1.0, retention.fit(REGULAR[:8]).beta, sum(_params(REGULAR[:8])), 1 / 1.1), rel=1e-10)


def _params(active):
    model = retention.fit(active)
    return model.alpha, model.beta


@pytest.mark.parametrize("active", [[1000, 500, 250, 125, 62.5], [4976, 1492, 447], [1000, 900, 700, 400]])
def test_a_retention_rate_that_does_not_rise_gives_the_constant_churn_limit(active):
    # Constant churn: lost / customer-periods at risk; 1000 -> 62.5 halving: 937.5 / 1875 = 0.5.
    model = retention.fit(active)
    churn = (active[0] - active[-1]) / sum(active[:-1])
    assert model.at_limit and model.constant_churn == pytest.approx(churn)
    assert model.mean_churn == model.constant_churn == pytest.approx(1 - model.retention_rate(5))
    _, _, second = second_method_fit(active)
    assert model.log_likelihood >= second - 1e-9 * abs(second)  # the supremum, approached by scipy
    assert retention.lifetime(active) == pytest.approx(1 / churn)
    assert retention.lifetime(active, 0.1) == pytest.approx(1.1 / (0.1 + churn))


@pytest.mark.parametrize("active, message", [
    ([1000, 631], "at least 3 periods"),
    ([0, 0, 0], "starts with 0 customers (period 0)"),
    ([1000, 631, 700, 500], "period 2 holds 700, more than period 1 (631)"),
    ([1000, 1000, 1000], "no customer was lost"),
    ([1000, 0, 0], "every customer was lost at the first renewal"),
    ([1000, -5, -9], "cannot be negative"),
    ([1000, "many", 3], "must be a number"),
])
def test_bad_cohorts_are_refused_with_a_message(active, message):
    with pytest.raises(XlNpsError, match=message.replace("(", r"\(").replace(")", r"\)")):
        retention.fit(active)


@pytest.mark.parametrize("ahead", [0, 2.5, -1, 5000])
def test_periods_ahead_must_be_a_sensible_whole_number(ahead):
    with pytest.raises(XlNpsError, match="periods ahead"):
        retention.forecast(REGULAR[:8], ahead)


@pytest.mark.parametrize("discount", [-0.1, 1.0, 10])
def test_impossible_discount_rates_are_refused(discount):
    with pytest.raises(XlNpsError, match="discount rate"):
        retention.lifetime(REGULAR[:8], discount)


@settings(max_examples=30, deadline=None)  # the second optimiser takes a quarter of a second
@given(st.integers(50, 100_000), st.lists(st.floats(0.3, 0.99), min_size=2, max_size=10))
def test_any_falling_cohort_fits_to_a_likelihood_no_lower_than_a_second_optimiser(start, keep):
    active = [float(start)]
    for k in keep:
        active.append(math.floor(active[-1] * k))
    if active[1] == 0 or active[-1] == active[0]:
        return
    model = retention.fit(active)
    _, _, ll = second_method_fit(active)
    assert model.log_likelihood >= ll - 1e-6 * abs(ll)
    assert model.alpha > 0 and model.beta > 0
    rows = retention.forecast(active, 3)
    assert all(0 < r.retention_rate < 1 for r in rows)
    survivors = [r.survivors for r in rows]
    assert all(b <= a for a, b in zip(survivors, survivors[1:])) and survivors[0] <= active[0]
