"""Loyalty-programme, effort and satisfaction metrics.

* participation rate = programme members / all customers
* redemption rate    = points (or rewards) redeemed / points issued
* response rate      = responses / people invited
* Customer Effort Score (CES): the mean answer on its scale, or, on the 7-point agreement
  scale of CES 2.0 (1 strongly disagree .. 7 strongly agree that the company made it easy), the
  share of answers 5-7, the agreeing side of that scale
* CSAT: the share of the top two answers of the scale (4-5 on a 1-5 scale)

Never mix scales: an answer outside 1..scale is refused.

References
----------
M. Dixon, N. Toman and R. DeLisi, "The Effortless Experience", Portfolio/Penguin, 2013 (the
Customer Effort Score and its 7-point agreement question, CES 2.0).
P. W. Farris, N. T. Bendle, P. E. Pfeifer and D. J. Reibstein, "Marketing Metrics", 2nd ed.,
Pearson, 2010 (rates as shares of a whole).
"""

from __future__ import annotations

import numpy as np

from xl_nps.errors import XlNpsError, quote
from xl_nps.metrics.checks import share

CES_SCALES = (5, 7)
CSAT_SCALES = (5, 7, 10)
CES_METHODS = ("mean", "agree")


def participation(members: float, customers: float) -> float:
    """Participation rate = loyalty-programme members / all customers (2,000 of 10,000: 20%)."""
    return share(members, customers, "programme members", "customers")


def redemption(redeemed: float, issued: float) -> float:
    """Redemption rate = points redeemed / points issued.

    It may exceed 100% in a period when older points are redeemed, so it is not capped.
    """
    return share(redeemed, issued, "points redeemed", "points issued", at_most_whole=False)


def response_rate(responses: float, invited: float) -> float:
    """Response rate = responses / people invited to the survey."""
    return share(responses, invited, "responses", "people invited")


def _scale(scale, allowed: tuple[int, ...], metric: str) -> int:
    if isinstance(scale, bool) or not isinstance(scale, (int, float)) or scale not in allowed:
        names = ", ".join(str(a) for a in allowed)
        raise XlNpsError(f"{metric} scale must be one of {names} (the highest answer); got {quote(scale)}")
    return int(scale)


def check_scale(answers, scale: int, metric: str) -> np.ndarray:
    """Return answers as int64 after checking each is a whole number 1..scale."""
    a = np.asarray(answers, dtype=np.float64).ravel()
    if a.size == 0:
        raise XlNpsError(f"there are no {metric} answers")
    bad = ~((a >= 1) & (a <= scale) & (a == np.floor(a)))
    if bad.any():
        raise XlNpsError(
            f"answers on the {scale}-point {metric} scale must be whole numbers 1-{scale}; "
            f"found {a[np.flatnonzero(bad)[0]]:g}"
        )
    return a.astype(np.int64)


def ces(answers, scale: int = 7, method: str = "mean") -> float:
    """Customer Effort Score.

    ``method="mean"``: the mean answer on the 1..scale scale. ``method="agree"``: the share of
    answers 5, 6 or 7, the agreeing side of the 7-point agreement scale of CES 2.0 (Dixon, Toman
    and DeLisi 2013), so defined on the 7-point scale only.
    """
    s = _scale(scale, CES_SCALES, "CES")
    m = str(method).strip().lower()
    if m not in CES_METHODS:
        raise XlNpsError(f'CES method must be "mean" or "agree"; got {quote(method)}')
    a = check_scale(answers, s, "CES")
    if m == "mean":
        return float(a.mean())
    if s != 7:
        raise XlNpsError('the "agree" CES (share of answers 5-7) is defined on the 7-point scale only')
    return float((a >= 5).mean())


def csat(answers, scale: int = 5) -> float:
    """Customer satisfaction: the share of the top two answers (4-5 on the 1-5 scale)."""
    s = _scale(scale, CSAT_SCALES, "CSAT")
    a = check_scale(answers, s, "CSAT")
    return float((a >= s - 1).mean())
