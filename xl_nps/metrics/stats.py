"""How far an NPS can be trusted: standard error, margin of error, confidence intervals,
the test for a change between two periods, and the sample size a survey needs.

Score each respondent +1 (promoter), 0 (passive) or -1 (detractor); the NPS is their mean.
With shares pP and pD:

    variance per respondent  V  = pP + pD - (pP - pD)^2
    standard error           SE = sqrt(V / n)                 (x 100 for points)

References
----------
B. Rocks, "Interval Estimation for the Net Promoter Score", The American Statistician
70(4):365-372, 2016. doi:10.1080/00031305.2016.1158124 (Wald, adjusted Wald and iterative score
intervals; R package ``NPS`` by the same author, github.com/brendan-r/NPS).
T. Tango, "Equivalence test and confidence interval for the difference in proportions for the
paired-sample design", Statistics in Medicine 17(8):891-908, 1998 (the score interval, eqs. 24-26).
J. R. Lewis and J. Sauro, "How to Statistically Compare Two Net Promoter Scores", MeasuringU,
2020 (the adjusted-Wald test of two samples).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

from xl_nps.errors import XlNpsError, quote
from xl_nps.metrics.checks import positive
from xl_nps.metrics.nps import NpsCounts, as_counts
from xl_nps.rules import MIN_TEST_ANSWERS, TOO_FEW

METHODS = ("wald", "adjusted")  # of the test and of the standard error
INTERVAL_METHODS = ("adjusted", "wald", "score")

# Rocks (2016): pseudo-observations added before the adjusted Wald interval and test.
ADJUST_DETRACTORS = 0.75
ADJUST_PASSIVES = 1.5
ADJUST_PROMOTERS = 0.75


class TooFewAnswers(XlNpsError):
    """A sample is too small to be tested: the message says which, how many and the minimum."""


@dataclass(frozen=True)
class Interval:
    """A confidence interval for an NPS, in points, within [-100, 100]."""

    low: float
    high: float


@dataclass(frozen=True)
class Comparison:
    """The test of two independent samples (a minus b).

    ``nps_a``, ``nps_b`` and ``difference`` are the observed scores. ``tested_difference`` is
    the difference the z statistic is built on: the observed one for the Wald test, the
    difference of the adjusted NPS values (pseudo-observations added) for the adjusted test.
    """

    nps_a: float
    nps_b: float
    difference: float
    z: float
    p_value: float
    significant: bool
    confidence: float
    method: str = "wald"
    tested_difference: float | None = None

    def __post_init__(self):
        if self.tested_difference is None:
            object.__setattr__(self, "tested_difference", self.difference)


def z_value(confidence: float = 0.95) -> float:
    """Two-sided critical value of the standard normal distribution: 1.959964 for 0.95."""
    c = _check_confidence(confidence)
    return NormalDist().inv_cdf(0.5 + c / 2.0)


def _check_confidence(confidence) -> float:
    if isinstance(confidence, bool) or not isinstance(confidence, (int, float)):
        raise XlNpsError(f"confidence must be a number such as 0.95, not {quote(confidence)}")
    c = float(confidence)
    if 50 <= c < 100:  # 95 typed for 95%
        c = c / 100.0
    if not 0 < c < 1:
        raise XlNpsError(f"confidence must be between 0 and 1 (such as 0.95); got {confidence:g}")
    return c


def _choice(method, allowed: tuple[str, ...]) -> str:
    m = str(method).strip().lower()
    if m not in allowed:
        names = ", ".join(f'"{a}"' for a in allowed[:-1]) + f' or "{allowed[-1]}"'
        raise XlNpsError(f"method must be {names}; got {quote(method)}")
    return m


def check_method(method: str) -> str:
    """A test or standard-error method: "wald" or "adjusted"."""
    return _choice(method, METHODS)


def check_interval_method(method: str) -> str:
    """An interval method: "adjusted", "wald" or "score"."""
    return _choice(method, INTERVAL_METHODS)


def check_min_n(min_n) -> float:
    """The fewest answers a sample needs: a number of 1 or more."""
    if isinstance(min_n, bool) or not isinstance(min_n, (int, float)) or not math.isfinite(min_n):
        raise XlNpsError(f"min_n must be a number of answers such as 10, not {quote(min_n)}")
    if min_n < 1:
        raise XlNpsError(f"min_n must be 1 or more (answers in each sample); got {min_n:g}")
    return float(min_n)


def adjusted_counts(counts: NpsCounts) -> NpsCounts:
    """Counts with Rocks' (2016) pseudo-observations added: +0.75 detractor, +1.5 passive,
    +0.75 promoter (n + 3)."""
    return NpsCounts(
        promoters=counts.promoters + ADJUST_PROMOTERS,
        passives=counts.passives + ADJUST_PASSIVES,
        detractors=counts.detractors + ADJUST_DETRACTORS,
    )


def variance(scores_or_counts) -> float:
    """Variance of one respondent's -1/0/+1 score: pP + pD - (pP - pD)^2 (on the -1..1 scale)."""
    c = _nonempty(as_counts(scores_or_counts))
    p, d = c.promoter_share, c.detractor_share
    return max(p + d - (p - d) ** 2, 0.0)


def standard_error(scores_or_counts, method: str = "wald") -> float:
    """Standard error of the NPS in points: 100 * sqrt((pP + pD - (pP - pD)^2) / n).

    With ``method="adjusted"`` the shares and n are taken after adding Rocks' pseudo-observations.
    """
    c = _nonempty(as_counts(scores_or_counts))
    if check_method(method) == "adjusted":
        c = adjusted_counts(c)
    return 100.0 * math.sqrt(variance(c) / c.n)


def margin_of_error(scores_or_counts, confidence: float = 0.95) -> float:
    """Margin of error of the NPS in points: z * SE (Wald). At 95%, z = 1.96."""
    return z_value(confidence) * standard_error(scores_or_counts)


def confidence_interval(
    scores_or_counts, confidence: float = 0.95, method: str = "adjusted"
) -> Interval:
    """Confidence interval for the NPS in points, within [-100, 100].

    ``method="wald"``: NPS +- z * SE, clipped to the scale.
    ``method="adjusted"`` (default, Rocks 2016): add 0.75 detractor, 1.5 passive and 0.75
    promoter pseudo-observations, then centre +- z * SE on the adjusted counts, clipped. It keeps
    its coverage for small samples and extreme scores, where the Wald interval collapses; its
    centre is pulled towards 0, so on very few answers it can leave out the observed NPS (one
    promoter: NPS +100, interval -48.5 to +98.5).
    ``method="score"``: the iterative score interval (Rocks 2016, after Tango 1998); see
    :func:`score_interval`.
    """
    c = _nonempty(as_counts(scores_or_counts))
    z = z_value(confidence)
    m = check_interval_method(method)
    if m == "score":
        return score_interval(c, confidence)
    if m == "adjusted":
        c = adjusted_counts(c)
    centre = c.nps
    half = z * 100.0 * math.sqrt(variance(c) / c.n)
    return Interval(low=max(-100.0, centre - half), high=min(100.0, centre + half))


def score_statistic(counts: NpsCounts, nps_value: float) -> float:
    """Tango's (1998) score statistic for the hypothesis "the NPS is ``nps_value``" (-1..1 scale).

    With P promoters, D detractors and n answers, and d the hypothesised NPS:

        q = (sqrt(B^2 + 8 n D d (1 - d)) - B) / (4 n),   B = -(P + D) + (2n - P + D) d
        T = (P - D - n d) / sqrt(n (2 q + d (1 - d)))

    q is the maximum-likelihood share of detractors when the NPS is d, so the variance under the
    hypothesis is 2q + d(1 - d). NPS is the difference of the promoter and detractor shares of one
    sample, as a paired difference of proportions is: promoters and detractors play Tango's
    discordant cells b and c (Rocks 2016). T falls as d rises.
    """
    p, d_count, n = counts.promoters, counts.detractors, counts.n
    d = nps_value
    b_coef = -(p + d_count) + (2.0 * n - p + d_count) * d
    discriminant = max(b_coef * b_coef + 8.0 * n * d_count * d * (1.0 - d), 0.0)
    q = (math.sqrt(discriminant) - b_coef) / (4.0 * n)
    spread = n * (2.0 * q + d * (1.0 - d))
    numerator = p - d_count - n * d
    if spread <= 0.0:
        return 0.0 if numerator == 0 else math.copysign(math.inf, numerator)
    return numerator / math.sqrt(spread)


def score_interval(scores_or_counts, confidence: float = 0.95) -> Interval:
    """The iterative score interval for the NPS, in points (Rocks 2016, after Tango 1998).

    Every NPS d whose score test :func:`score_statistic` is not rejected: the limits solve
    T(low) = z and T(high) = -z, found here by bisection to machine precision (the R packages
    ``NPS`` and ``PropCIs::scoreci.mp`` halve the step 50 times). When every answer is a
    promoter the upper limit is 100; when every answer is a detractor the lower limit is -100.

    When to prefer it: on small samples (such as the quarters the report flags as small) and when
    nearly every answer falls in one category. Its limits come from inverting the test, so they need no clipping, always
    hold the observed NPS, and stay meaningful at n = 1 (one promoter: -58.7 to +100), where the
    adjusted-Wald interval leaves out the observed +100. On large, mixed samples the two agree to a
    fraction of a point. Rocks (2016) found both among the best-covering intervals for the NPS.
    """
    c = _nonempty(as_counts(scores_or_counts))
    z = z_value(confidence)
    estimate = (c.promoters - c.detractors) / c.n
    high = 1.0 if c.promoters >= c.n else _solve(c, -z, estimate, 1.0)
    low = -1.0 if c.detractors >= c.n else _solve(c, z, -1.0, estimate)
    return Interval(low=max(-100.0, 100.0 * low), high=min(100.0, 100.0 * high))


def _solve(counts: NpsCounts, target: float, left: float, right: float) -> float:
    """The d in [left, right] where the falling statistic crosses ``target``, by bisection."""
    for _ in range(200):
        middle = 0.5 * (left + right)
        if middle <= left or middle >= right:
            break
        if score_statistic(counts, middle) > target:
            left = middle
        else:
            right = middle
    return 0.5 * (left + right)


def compare(a, b, confidence: float = 0.95, method: str = "wald", min_n: float = MIN_TEST_ANSWERS) -> Comparison:
    """Test whether the NPS of two independent samples differs (two-sided z-test).

    ``method="wald"``: z = (NPS_a - NPS_b) / sqrt(V_a / n_a + V_b / n_b) on the observed counts.
    ``method="adjusted"``: the adjusted-Wald test of R's ``NPS`` package (``nps_test(x, y,
    test = "adjusted.wald")``, Rocks 2016) and of Lewis and Sauro (MeasuringU): add 0.75
    detractor, 1.5 passive and 0.75 promoter pseudo-answers to each sample, then
    z = (NPS'_a - NPS'_b) / sqrt(V'_a / n'_a + V'_b / n'_b) with the adjusted scores,
    variances and sizes (n' = n + 3). The observed scores are reported beside it.
    p = 2 * (1 - Phi(|z|)). Differences are signed (a minus b).

    A sample with fewer than ``min_n`` answers (default 10) is refused with
    :class:`TooFewAnswers`. The same customers answering twice are not independent samples; this
    test does not apply to them.
    """
    ca, cb = _nonempty(as_counts(a)), _nonempty(as_counts(b))
    conf = _check_confidence(confidence)
    m = check_method(method)
    minimum = check_min_n(min_n)
    for name, c in (("a", ca), ("b", cb)):
        if c.n < minimum:
            raise TooFewAnswers(
                f"sample {name} has {c.n:g} answer{'' if c.n == 1 else 's'}; the test needs at least "
                f"{minimum:g} in each sample (min_n), or it calls noise a change"
            )
    ta, tb = (ca, cb) if m == "wald" else (adjusted_counts(ca), adjusted_counts(cb))
    se = math.sqrt(variance(ta) / ta.n + variance(tb) / tb.n)
    tested = ta.nps - tb.nps
    if se == 0.0:
        raise XlNpsError(
            "in both samples every answer is in one category (all promoters, all passives or all "
            'detractors), so the standard ("wald") test cannot be computed; use method "adjusted"'
        )
    z = (tested / 100.0) / se
    p = math.erfc(abs(z) / math.sqrt(2.0))
    return Comparison(
        nps_a=ca.nps, nps_b=cb.nps, difference=ca.nps - cb.nps, z=z, p_value=p,
        significant=p < 1.0 - conf, confidence=conf, method=m, tested_difference=tested,
    )


@dataclass(frozen=True)
class Change:
    """A change between two periods (a minus b) under the small-sample policy: ``test`` is the
    z-test, or None with ``reason`` saying why it was not made ("too few answers", or every
    answer in one category for the Wald test). An untested change is never significant."""

    difference: float
    test: Comparison | None
    reason: str = ""

    @property
    def significant(self) -> bool:
        return self.test is not None and self.test.significant

    @property
    def p_value(self) -> float | None:
        return None if self.test is None else self.test.p_value


def change(a: NpsCounts, b: NpsCounts, confidence: float = 0.95, min_n: float = MIN_TEST_ANSWERS,
           method: str = "wald") -> Change:
    """The change from b to a, tested by :func:`compare` only when each has at least ``min_n``
    answers (never fewer than ``MIN_TEST_ANSWERS``): the one rule of the report, the CLI and
    NPS_TREND."""
    difference = a.nps - b.nps
    minimum = max(check_min_n(min_n), MIN_TEST_ANSWERS)
    if a.n < minimum or b.n < minimum:
        return Change(difference, None, TOO_FEW)
    try:
        return Change(difference, compare(a, b, confidence, method, minimum))
    except TooFewAnswers:
        return Change(difference, None, TOO_FEW)
    except XlNpsError:  # Wald test of two unanimous samples: no spread to test
        return Change(difference, None, "every answer in one category in both")


def sample_size(
    margin: float, confidence: float = 0.95, population: float | None = None, variance: float = 1.0
) -> int:
    """Respondents needed for a margin of error of ``margin`` NPS points.

    n0 = z^2 * V / m^2 with m = margin / 100 and V the per-respondent variance (worst case 1,
    so +-5 points at 95% needs 1,537). With a finite population N (for example the 150 client
    companies a B2B team can call), n = n0 / (1 + (n0 - 1) / N). Rounded up.
    """
    m = positive(margin, "margin") / 100.0
    if m > 2:
        raise XlNpsError(f"margin is in NPS points (such as 5 for +-5); {margin:g} is more than the whole scale")
    v = positive(variance, "variance")
    if v > 1:
        raise XlNpsError(f"variance of an NPS answer is at most 1; got {variance:g}")
    n0 = z_value(confidence) ** 2 * v / m**2 if m**2 > 0 else math.inf
    if population is not None:
        big_n = positive(population, "population")
        if math.isinf(n0):
            return math.ceil(big_n)  # so fine a margin needs everybody
        n0 = n0 / (1.0 + (n0 - 1.0) / big_n)
        return min(math.ceil(n0 - 1e-9), math.ceil(big_n))
    if n0 > 1e12:
        raise XlNpsError(f"a margin of {margin:g} points needs more respondents than there are people; "
                         "choose a larger margin (such as 5)")
    return math.ceil(n0 - 1e-9)


def _nonempty(counts: NpsCounts) -> NpsCounts:
    if counts.n <= 0:
        raise XlNpsError("there are no scores to work with")
    return counts
