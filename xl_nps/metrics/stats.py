"""How far an NPS can be trusted: standard error, margin of error, confidence intervals,
the test for a change between two periods, and the sample size a survey needs.

Score each respondent +1 (promoter), 0 (passive) or -1 (detractor); the NPS is their mean.
With shares pP and pD:

    variance per respondent  V  = pP + pD - (pP - pD)^2
    standard error           SE = sqrt(V / n)                 (x 100 for points)

References
----------
B. Rocks, "Interval Estimation for the Net Promoter Score", The American Statistician
70(4):365-372, 2016. doi:10.1080/00031305.2016.1158124 (Wald and adjusted Wald intervals).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

from xl_nps.errors import XlNpsError, quote
from xl_nps.metrics.checks import positive
from xl_nps.metrics.nps import NpsCounts, as_counts

METHODS = ("wald", "adjusted")

# Rocks (2016): pseudo-observations added before the adjusted Wald interval.
ADJUST_DETRACTORS = 0.75
ADJUST_PASSIVES = 1.5
ADJUST_PROMOTERS = 0.75


@dataclass(frozen=True)
class Interval:
    """A confidence interval for an NPS, in points, clipped to [-100, 100]."""

    low: float
    high: float


@dataclass(frozen=True)
class Comparison:
    """The difference between the NPS of two independent samples (a minus b)."""

    nps_a: float
    nps_b: float
    difference: float
    z: float
    p_value: float
    significant: bool
    confidence: float


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


def check_method(method: str) -> str:
    m = str(method).strip().lower()
    if m not in METHODS:
        raise XlNpsError(f'method must be "wald" or "adjusted"; got {quote(method)}')
    return m


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
    """Confidence interval for the NPS in points, clipped to [-100, 100].

    ``method="wald"``: NPS +- z * SE.
    ``method="adjusted"`` (default, Rocks 2016): add 0.75 detractor, 1.5 passive and 0.75
    promoter pseudo-observations, then centre +- z * SE on the adjusted counts. It keeps its
    coverage for small samples and extreme scores, where the Wald interval collapses.
    """
    c = _nonempty(as_counts(scores_or_counts))
    z = z_value(confidence)
    if check_method(method) == "adjusted":
        c = adjusted_counts(c)
    centre = c.nps
    half = z * 100.0 * math.sqrt(variance(c) / c.n)
    return Interval(low=max(-100.0, centre - half), high=min(100.0, centre + half))


def compare(a, b, confidence: float = 0.95, method: str = "wald") -> Comparison:
    """Test whether the NPS of two independent samples differs (two-sided z-test).

    z = (NPS_a - NPS_b) / sqrt(V_a / n_a + V_b / n_b); p = 2 * (1 - Phi(|z|)).
    The difference is signed (a minus b) and reported on the observed counts; with
    ``method="adjusted"`` the variances come from the adjusted counts. The same customers
    answering twice are not independent samples; this test does not apply to them.
    """
    ca, cb = _nonempty(as_counts(a)), _nonempty(as_counts(b))
    conf = _check_confidence(confidence)
    va, vb = (ca, cb) if check_method(method) == "wald" else (adjusted_counts(ca), adjusted_counts(cb))
    se = math.sqrt(variance(va) / va.n + variance(vb) / vb.n)
    diff = ca.nps - cb.nps
    if se == 0.0:
        raise XlNpsError(
            "in both samples every answer is in one category (all promoters, all passives or all "
            'detractors), so the standard ("wald") test cannot be computed; use method "adjusted"'
        )
    z = (diff / 100.0) / se
    p = math.erfc(abs(z) / math.sqrt(2.0))
    return Comparison(
        nps_a=ca.nps, nps_b=cb.nps, difference=diff, z=z, p_value=p,
        significant=p < 1.0 - conf, confidence=conf,
    )


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
