"""Net Promoter Score: categories, counts and the score itself.

Respondents answer "How likely are you to recommend us to a friend or colleague?" on a 0-10
scale. Answers 9-10 are promoters, 7-8 passives and 0-6 detractors; passives count in the
total but in neither share.

    NPS = 100 * (promoters - detractors) / respondents        (-100 .. +100)

References
----------
F. F. Reichheld, "The One Number You Need to Grow", Harvard Business Review 81(12), 2003.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from xl_nps.errors import XlNpsError
from xl_nps.indexes import bincount
from xl_nps.rules import (
    DETRACTOR, HIGHEST_SCORE, LOWEST_SCORE, PASSIVE, PASSIVE_FROM, PROMOTER, PROMOTER_FROM, SMALL_SCALE_MIN_ANSWERS,
)

__all__ = ["PROMOTER", "PASSIVE", "DETRACTOR", "NpsCounts", "category", "category_slots", "check_scores",
           "refuse_small_scale", "refuse_small_scale_range", "distribution", "counts_from_distribution",
           "count_categories", "as_counts", "nps", "weighted_counts", "weighted_nps"]


@dataclass(frozen=True)
class NpsCounts:
    """How many respondents fall in each category.

    ``nps``, ``promoter_share`` and the other properties are derived from the three counts;
    counts may be fractional when they are sums of weights.
    """

    promoters: float
    passives: float
    detractors: float

    @property
    def n(self) -> float:
        """All respondents (passives included)."""
        return self.promoters + self.passives + self.detractors

    @property
    def promoter_share(self) -> float:
        return self.promoters / self.n

    @property
    def passive_share(self) -> float:
        return self.passives / self.n

    @property
    def detractor_share(self) -> float:
        return self.detractors / self.n

    @property
    def nps(self) -> float:
        """Net Promoter Score in points: 100 * (promoters - detractors) / n."""
        if self.n <= 0:
            raise XlNpsError("there are no scores, so there is no NPS")
        return 100.0 * (self.promoters - self.detractors) / self.n


def category(score: int) -> str:
    """The NPS category of one 0-10 score: "Promoter" (9-10), "Passive" (7-8) or "Detractor" (0-6)."""
    check_scores(np.asarray([score]))
    if score >= PROMOTER_FROM:
        return PROMOTER
    if score >= PASSIVE_FROM:
        return PASSIVE
    return DETRACTOR


def category_slots(scores) -> np.ndarray:
    """Each 0-10 score's category as a number: 0 detractor (0-6), 1 passive (7-8), 2 promoter (9-10)."""
    s = np.asarray(scores)
    return (s >= PASSIVE_FROM).astype(np.intp) + (s >= PROMOTER_FROM)


def check_scores(scores: np.ndarray) -> np.ndarray:
    """Return ``scores`` as an int64 array after checking every value is a whole number 0-10."""
    values = np.asarray(scores)
    if values.dtype == bool:
        raise XlNpsError("scores must be whole numbers 0-10, not TRUE/FALSE")
    if values.size and not np.issubdtype(values.dtype, np.number):
        raise XlNpsError("scores must be whole numbers 0-10")
    values = values.astype(np.float64, copy=False).ravel()
    bad = ~((values >= LOWEST_SCORE) & (values <= HIGHEST_SCORE) & (values == np.floor(values)))
    if bad.any():
        first = values[np.flatnonzero(bad)[0]]
        raise XlNpsError(f"scores must be whole numbers 0-10; found {first:g}")
    return values.astype(np.int64)


def refuse_small_scale(answered: np.ndarray) -> None:
    """Refuse answers that look like a 1-5 or 1-7 satisfaction or effort scale: at least
    ``SMALL_SCALE_MIN_ANSWERS`` answers, none 0 and none above 5 (or 7). Fewer answers are not
    enough evidence and pass."""
    if answered.size < SMALL_SCALE_MIN_ANSWERS:
        return
    refuse_small_scale_range(answered.size, int(answered.min()), int(answered.max()))


def refuse_small_scale_range(answers: int, low: int, high: int) -> None:
    """:func:`refuse_small_scale` for answers known by their number, lowest and highest score
    (counted by a database or a dataframe library rather than held in an array)."""
    if answers < SMALL_SCALE_MIN_ANSWERS:
        return
    if low >= 1 and high <= 7:
        scale = 5 if high <= 5 else 7
        raise XlNpsError(
            f"all {answers} answers lie between 1 and {scale} and none is 0 or above {scale}: "
            f"this looks like a 1-{scale} satisfaction or effort scale, not the 0-10 NPS question; "
            "use CSAT or CES for it"
        )


def distribution(scores) -> np.ndarray:
    """How many respondents gave each answer: an array of 11 counts for the scores 0..10."""
    return bincount(check_scores(scores), minlength=HIGHEST_SCORE + 1)


def counts_from_distribution(dist) -> NpsCounts:
    """Category counts from the 11 per-answer counts of :func:`distribution`."""
    d = np.asarray(dist)
    return NpsCounts(
        promoters=int(d[PROMOTER_FROM:].sum()), passives=int(d[PASSIVE_FROM:PROMOTER_FROM].sum()),
        detractors=int(d[:PASSIVE_FROM].sum()),
    )


def count_categories(scores) -> NpsCounts:
    """Count promoters (9-10), passives (7-8) and detractors (0-6) among 0-10 scores."""
    return counts_from_distribution(distribution(scores))


def as_counts(scores_or_counts) -> NpsCounts:
    """Accept either an :class:`NpsCounts` or an array of 0-10 scores."""
    if isinstance(scores_or_counts, NpsCounts):
        return scores_or_counts
    return count_categories(scores_or_counts)


def nps(scores_or_counts) -> float:
    """Net Promoter Score in points (-100..+100).

    NPS = 100 * (promoters - detractors) / n, with promoters scoring 9-10 and detractors
    0-6 (Reichheld, HBR 2003).

    Examples
    --------
    2000 respondents, 600 detractors, 400 passives, 1000 promoters: 100 * (1000-600)/2000 = 20.
    """
    return as_counts(scores_or_counts).nps


def weighted_counts(scores, weights) -> NpsCounts:
    """Category counts where each respondent counts with its weight (weights >= 0)."""
    s = check_scores(scores)
    w = np.asarray(weights, dtype=np.float64).ravel()
    if w.shape != s.shape:
        raise XlNpsError(f"there are {s.size} scores but {w.size} weights; give one weight per score")
    if not np.all(np.isfinite(w)) or (w < 0).any():
        raise XlNpsError("weights must be numbers of 0 or more")
    if not np.isfinite(w.sum()):
        raise XlNpsError("the weights are too large to add up; use smaller weights (only their ratios matter)")
    counts = NpsCounts(
        promoters=float(w[s >= PROMOTER_FROM].sum()),
        passives=float(w[(s >= PASSIVE_FROM) & (s < PROMOTER_FROM)].sum()),
        detractors=float(w[s < PASSIVE_FROM].sum()),
    )
    if counts.n <= 0:
        raise XlNpsError("the weights add up to 0, so there is no weighted NPS")
    return counts


def weighted_nps(scores, weights) -> float:
    """Weighted NPS in points: 100 * (sum of promoter weights - sum of detractor weights) / sum of weights."""
    return weighted_counts(scores, weights).nps
