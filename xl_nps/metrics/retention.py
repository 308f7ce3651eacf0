"""Projecting the retention of one cohort of contract customers: the shifted-beta-geometric model.

A cohort of customers (subscribers, contract clients) is counted at period 0, 1, 2, ... Each
customer has a constant chance theta of leaving at each renewal; theta differs between
customers and follows a beta(alpha, beta) distribution across them. So the cohort's retention
rate rises with time: the customers likely to leave go first. (P. S. Fader and B. G. S. Hardie,
"How to Project Customer Retention", Journal of Interactive Marketing 21(1):76-90, 2007.)

    P(T = t) = alpha (beta)_(t-1) / (alpha + beta)_t      probability of leaving at renewal t
    S(t)     = (beta)_t / (alpha + beta)_t                probability of still being there at t
    r(t)     = S(t) / S(t-1) = (beta + t - 1) / (alpha + beta + t - 1)   retention rate of period t

where (x)_k = x (x + 1) ... (x + k - 1). With c_0, c_1, ..., c_T customers active at periods
0..T, the log-likelihood (Fader and Hardie 2007, rewritten in the active counts) is

    LL = (c_0 - c_T) ln alpha + sum_{k=0}^{T-1} [ c_(k+1) ln(beta + k) - c_k ln(alpha + beta + k) ]

It is maximised here by Newton's method with a Levenberg-Marquardt damping on (ln alpha,
ln beta), with the exact gradient and Hessian: numpy and the standard library only, so it also
runs in Pyodide, where scipy is not available.

Expected lifetime. A customer pays at period 0 and at each renewal while active. The expected
number of periods paid is E[T] = sum_t S(t) = (alpha + beta - 1) / (alpha - 1), finite only when
alpha > 1. Discounted at d per period (payments at the start of each period), the discounted
expected lifetime is

    DEL(d) = sum_{t>=0} S(t) / (1 + d)^t = 2F1(1, beta; alpha + beta; 1 / (1 + d))

(P. S. Fader and B. G. S. Hardie, "Customer-Base Valuation in a Contractual Setting: The Perils
of Ignoring Heterogeneity", Marketing Science 29(1):85-93, 2010). The value of a new
customer is DEL x the margin one period brings.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from xl_nps.errors import XlNpsError
from xl_nps.metrics.checks import LARGEST_COUNT, number

MIN_PERIODS = 3  # period 0 and at least two renewals: one period cannot show a rising retention rate
LOG_LIMIT = 12.0  # |ln alpha|, |ln beta| searched up to e^12 (about 160,000)
TERMS_PER_BLOCK = 65536  # terms of the lifetime series summed at once


@dataclass(frozen=True)
class RetentionFit:
    """The shifted-beta-geometric model fitted to one cohort.

    When the cohort's retention rate does not rise (a constant or falling rate), the likelihood
    grows without end as alpha and beta grow together: the best model is then a constant churn
    rate, the limit of the sBG with no heterogeneity. ``constant_churn`` holds that rate, alpha
    and beta are infinite and ``at_limit`` is True.
    """

    alpha: float
    beta: float
    log_likelihood: float
    periods: int  # renewals observed (counts given minus one)
    at_limit: bool  # the estimates ran to the edge of what can be estimated
    constant_churn: float | None = None

    @property
    def mean_churn(self) -> float:
        """The average chance of leaving at a renewal across customers, alpha / (alpha + beta)."""
        if self.constant_churn is not None:
            return self.constant_churn
        return self.alpha / (self.alpha + self.beta)

    def retention_rate(self, t: int) -> float:
        """r(t) = (beta + t - 1) / (alpha + beta + t - 1): share of those active at t - 1 still active at t."""
        if self.constant_churn is not None:
            return 1.0 - self.constant_churn
        return (self.beta + t - 1.0) / (self.alpha + self.beta + t - 1.0)

    def survival(self, t: int) -> float:
        """S(t): share of the cohort still active at period t."""
        return math.prod(self.retention_rate(k) for k in range(1, t + 1))


@dataclass(frozen=True)
class ForecastRow:
    period: int
    retention_rate: float
    survivors: float


def check_cohort(active_by_period, where=None) -> np.ndarray:
    """The customers still active at period 0, 1, 2, ... of one cohort, checked: at least three
    numbers, the first above 0, none negative, none above the one before, and some customers
    lost but not all at the first renewal. ``where(i)`` names the place of the i-th count in
    messages (default "period i")."""
    name = where or (lambda i: f"period {i}")
    values = [number(v, f"{name(i)} (customers still active)") for i, v in enumerate(active_by_period)]
    if len(values) < MIN_PERIODS:
        raise XlNpsError(
            f"give the customers still active in at least {MIN_PERIODS} periods (period 0, 1 and 2) of one "
            f"cohort; got {len(values)}"
        )
    c = np.asarray(values, dtype=np.float64)
    for i, v in enumerate(values):
        if v < 0:
            raise XlNpsError(f"{name(i)} holds {v:g}; customers still active cannot be negative")
        if v > LARGEST_COUNT:
            raise XlNpsError(f"{name(i)} holds {v:g}, beyond any real count; check the cell")
    if c[0] == 0:
        raise XlNpsError(f"the cohort starts with 0 customers ({name(0)}); give the number who started")
    rising = np.flatnonzero(np.diff(c) > 0)
    if rising.size:
        i = int(rising[0]) + 1
        raise XlNpsError(
            f"{name(i)} holds {c[i]:g}, more than {name(i - 1)} ({c[i - 1]:g}): customers still active can only "
            "fall; give one cohort's counts (new customers belong to a new cohort)"
        )
    if c[-1] == c[0]:
        raise XlNpsError("no customer was lost in any period, so there is no churn to model")
    if c[1] == 0:
        raise XlNpsError("every customer was lost at the first renewal, so there is no retention to model")
    return c


def log_likelihood(alpha: float, beta: float, active_by_period) -> float:
    """LL of the shifted-beta-geometric model for the active counts c_0..c_T (see the module)."""
    c = np.asarray(active_by_period, dtype=np.float64)
    k = np.arange(len(c) - 1, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        lost = (c[0] - c[-1]) * math.log(alpha)
        kept = np.where(c[1:] > 0, c[1:] * np.log(beta + k), 0.0).sum()
    return float(lost + kept - (c[:-1] * np.log(alpha + beta + k)).sum())


def _gradient_hessian(log_a: float, log_b: float, c: np.ndarray):
    """Gradient and Hessian of LL in (ln alpha, ln beta)."""
    a, b = math.exp(log_a), math.exp(log_b)
    k = np.arange(len(c) - 1, dtype=np.float64)
    lost = c[0] - c[-1]
    total = a + b + k
    s1 = float((c[:-1] / total).sum())
    s2 = float((c[:-1] / total**2).sum())
    b1 = float((c[1:] / (b + k)).sum())
    b2 = float((c[1:] / (b + k) ** 2).sum())
    ga = lost / a - s1  # dLL / d alpha
    gb = b1 - s1
    haa = -lost / a**2 + s2
    hbb = -b2 + s2
    hab = s2
    # chain rule to x = ln alpha, y = ln beta: d/dx = a d/da; d2/dx2 = a^2 d2/da2 + a d/da
    grad = np.array([a * ga, b * gb])
    hess = np.array([[a * a * haa + a * ga, a * b * hab], [a * b * hab, b * b * hbb + b * gb]])
    return grad, hess


def fit(active_by_period) -> RetentionFit:
    """Maximum-likelihood alpha and beta for one cohort (Fader and Hardie 2007).

    Example (their "regular" customers, years 0-7): 1000, 631, 468, 382, 326, 289, 262, 241
    gives alpha = 0.704, beta = 1.182.

    The constant-churn model (geometric: churn = customers lost / customer-periods at risk) is the
    sBG's limit as alpha and beta grow together; when it fits at least as well as the best finite
    alpha and beta, it is returned (see :class:`RetentionFit`).
    """
    c = check_cohort(active_by_period)
    x, value = _maximise(c)
    churn = float((c[0] - c[-1]) / c[:-1].sum())
    constant = _constant_churn_log_likelihood(churn, c)
    if constant >= value - 1e-9 * abs(value):
        return RetentionFit(alpha=math.inf, beta=math.inf, log_likelihood=constant, periods=len(c) - 1,
                            at_limit=True, constant_churn=churn)
    at_limit = bool(np.any(np.abs(x) >= LOG_LIMIT - 1e-6))
    return RetentionFit(
        alpha=math.exp(x[0]), beta=math.exp(x[1]), log_likelihood=value, periods=len(c) - 1, at_limit=at_limit
    )


def _constant_churn_log_likelihood(churn: float, c: np.ndarray) -> float:
    """LL of a constant churn rate for every customer: lost ln(churn) + stayed ln(1 - churn)."""
    lost, stayed = c[0] - c[-1], float(c[1:].sum())
    return float(lost * math.log(churn) + (stayed * math.log1p(-churn) if stayed > 0 else 0.0))


def _maximise(c: np.ndarray):
    """Newton's method with Levenberg-Marquardt damping on (ln alpha, ln beta), from alpha = beta = 1."""
    x = np.zeros(2)
    value = log_likelihood(1.0, 1.0, c)
    damping = 1e-3
    for _ in range(500):
        grad, hess = _gradient_hessian(x[0], x[1], c)
        if float(np.abs(grad).max()) < 1e-9 * max(1.0, c[0]):
            break
        improved = False
        while damping < 1e12:
            # ascend: solve (-H + damping * I) step = grad
            step = np.linalg.solve(-hess + damping * np.eye(2), grad)
            trial = np.clip(x + step, -LOG_LIMIT, LOG_LIMIT)
            trial_value = log_likelihood(math.exp(trial[0]), math.exp(trial[1]), c)
            if math.isfinite(trial_value) and trial_value >= value:
                moved = float(np.abs(trial - x).max())
                x, value, improved = trial, trial_value, True
                damping = max(damping / 10.0, 1e-12)
                break
            damping *= 10.0
        if not improved or moved < 1e-13:
            break
    return x, value


def forecast(active_by_period, periods_ahead: int) -> list[ForecastRow]:
    """Retention rate and expected survivors for each of the next ``periods_ahead`` periods.

    Survivors at t = c_0 x S(t) (Fader and Hardie 2007), t counted from the cohort's
    period 0, so the first row is the period after the last count given.
    """
    ahead = number(periods_ahead, "periods ahead")
    if ahead < 1 or ahead != int(ahead):
        raise XlNpsError(f"periods ahead must be a whole number of 1 or more; got {ahead:g}")
    if ahead > 1000:
        raise XlNpsError(f"periods ahead of {ahead:g} is beyond any useful forecast; use 1000 or fewer")
    c = check_cohort(active_by_period)
    model = fit(c)
    rows = []
    survival = 1.0
    last = len(c) - 1
    for t in range(1, last + int(ahead) + 1):
        rate = model.retention_rate(t)
        survival *= rate
        if t > last:
            rows.append(ForecastRow(period=t, retention_rate=rate, survivors=float(c[0]) * survival))
    return rows


def expected_lifetime(alpha: float, beta: float, discount: float = 0.0) -> float:
    """Expected (discounted) lifetime in periods of a new customer under sBG(alpha, beta).

    discount 0: (alpha + beta - 1) / (alpha - 1), infinite when alpha <= 1.
    discount d > 0: DEL = sum_{t>=0} S(t) / (1 + d)^t (Fader and Hardie 2010), summed in
    blocks until what is left is below 1e-13 of the sum (the remainder after term t is at most
    S(t) x^(t+1) / (1 - x) with x = 1 / (1 + d), since S falls).
    """
    if discount == 0:
        if alpha <= 1:
            raise XlNpsError(
                f"alpha is {alpha:.3g} (1 or less): some customers almost never leave, so the expected "
                "lifetime without discounting is endless; give a discount rate per period (such as 10%)"
            )
        return (alpha + beta - 1.0) / (alpha - 1.0)
    x = 1.0 / (1.0 + discount)
    total, start, log_s = 0.0, 0, 0.0  # log S(start) and log x^start together
    while True:
        t = np.arange(start, start + TERMS_PER_BLOCK, dtype=np.float64)
        # log of S(t) x^t for t in the block: running sum of log(r(t)) + log(x), r(0) term empty
        steps = np.log((beta + t) / (alpha + beta + t)) + math.log(x)
        logs = log_s + np.concatenate([[0.0], np.cumsum(steps[:-1])])
        terms = np.exp(logs)
        total += float(terms.sum())
        log_s = float(logs[-1] + steps[-1])
        remainder = math.exp(log_s) / (1.0 - x)
        if remainder < 1e-13 * total:
            return total
        start += TERMS_PER_BLOCK
        if start > 2e8:
            raise XlNpsError(f"a discount rate of {discount:g} per period is too small to sum; use 0.0001 or more")


def lifetime(active_by_period, discount: float = 0.0) -> float:
    """Expected (discounted) lifetime in periods of a customer like this cohort's, from the fitted
    sBG model: see :func:`expected_lifetime`. Pair it with ``CLV``: lifespan = this, in the
    cohort's period (years when the counts are yearly). Under a constant churn rate theta (the
    model's limit, see :func:`fit`) it is (1 + d) / (d + theta), or 1 / theta undiscounted."""
    d = number(discount, "discount rate")
    if d < 0:
        raise XlNpsError(f"the discount rate cannot be negative; got {d:g}")
    if d >= 1:
        raise XlNpsError(
            f"a discount rate of {d:g} is 100% or more per period; give it as a fraction of one period, "
            "such as 0.1 (10%) a year"
        )
    model = fit(active_by_period)
    if model.constant_churn is not None:
        return (1.0 + d) / (d + model.constant_churn)
    return expected_lifetime(model.alpha, model.beta, d)
