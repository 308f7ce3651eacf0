"""What respondents talk about, and how it goes with their score.

A *theme* is a meaningful word (all its forms: price, prices, pricing) or a two-word phrase
that recurs ("customer service", "delivery time"). For each theme we count the comments that
mention it among detractors, passives and promoters, and the NPS of those respondents.

Ranking. A theme's weight on the score is

    impact = (NPS of those who mention it - overall NPS) x m / n x m / (m + 5)

with m the respondents who mention it and n all respondents with a score. The first factors
are the points of the overall NPS that go with the theme; the last shrinks themes with few
mentions, so one angry comment cannot outrank a complaint thirty people share. Negative
impact drags the NPS down (fix these first), positive lifts it.

A two-word phrase becomes a theme when it appears in at least ``MIN_PHRASE`` comments and in at
least ``PHRASE_SHARE`` of the comments that use its rarer word; inside such a phrase its
words are not counted again on their own. ``xl_nps.text.mentions`` finds who mentions what.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from xl_nps.errors import XlNpsError
from xl_nps.metrics.nps import NpsCounts, category_slots
from xl_nps.text.mentions import MIN_PHRASE, PHRASE_SHARE, Mentions, find_mentions
from xl_nps.text.words import check_language

SHRINK = 5
__all__ = ["MIN_PHRASE", "PHRASE_SHARE", "SHRINK", "Theme", "Keyword", "analyse", "themes", "themes_of", "rank_themes",
           "keywords", "keywords_of", "rank_keywords", "key_counts"]


@dataclass(frozen=True)
class Theme:
    theme: str
    detractors: int
    passives: int
    promoters: int
    nps: float  # NPS of the respondents who mention it
    gap: float  # that NPS minus the overall NPS
    impact: float
    key: int = -1  # the same theme in every subset of one analysis

    @property
    def mentions(self) -> int:
        return self.detractors + self.passives + self.promoters


@dataclass(frozen=True)
class Keyword:
    keyword: str
    mentions: int
    share: float  # of the comments that say anything
    key: int = -1


def analyse(comments, language: str = "auto", progress=None) -> Mentions:
    """Find the theme keys of every comment (one entry per comment, blanks included).
    ``progress(done, total)`` is called every 10,000 comments."""
    return find_mentions(comments, check_language(language), progress)


def _chosen(analysis: Mentions, rows) -> np.ndarray:
    """A mask over the mentions: those made by a comment among ``rows`` (all when None)."""
    if rows is None:
        return np.ones(len(analysis.comment), dtype=bool)
    in_rows = np.zeros(analysis.comments, dtype=bool)
    in_rows[np.asarray(rows, dtype=np.int64)] = True
    return in_rows[analysis.comment]


def key_counts(analysis: Mentions, rows=None) -> tuple[np.ndarray, int]:
    """(how many comments among ``rows`` mention each key, how many of them mention any)."""
    counts = np.bincount(analysis.key[_chosen(analysis, rows)], minlength=len(analysis.names))
    return counts, _said(analysis, rows)


def _said(analysis: Mentions, rows) -> int:
    """How many comments among ``rows`` (all when None) mention anything."""
    said = analysis.said if rows is None else analysis.said[np.asarray(rows, dtype=np.int64)]
    return int(np.count_nonzero(said))


def _top(values: np.ndarray, candidates: np.ndarray, top_n: int) -> np.ndarray:
    """The candidates whose value is among the ``top_n`` largest, ties at the edge included."""
    if len(candidates) <= top_n:
        return candidates
    edge = np.partition(values[candidates], len(candidates) - top_n)[len(candidates) - top_n]
    return candidates[values[candidates] >= edge]


def rank_keywords(counts: np.ndarray, said: int, names: list[str], top_n: int = 20) -> list[Keyword]:
    """The ``top_n`` keys by ``counts`` (comments that mention each key) out of ``said``
    comments that mention any; equal counts in alphabetical order."""
    candidates = _top(counts, np.flatnonzero(counts), top_n)
    ranked = sorted(candidates.tolist(), key=lambda k: (-counts[k], names[k]))[:top_n]
    return [Keyword(names[k], int(counts[k]), float(counts[k] / said), k) for k in ranked]


def keywords_of(analysis: Mentions, rows=None, top_n: int = 20) -> list[Keyword]:
    """The keys mentioned by most comments among ``rows`` (all comments when None)."""
    counts, said = key_counts(analysis, rows)
    return rank_keywords(counts, said, analysis.names, top_n)


def keywords(comments, top_n: int = 20, language: str = "auto") -> list[Keyword]:
    """The most frequent meaningful words and recurring phrases, by how many comments use them."""
    return keywords_of(analyse(comments, language), None, top_n)


def rank_themes(by_category: np.ndarray, overall: NpsCounts, said: int, names: list[str], top_n: int = 10,
                min_mentions: int | None = None) -> list[Theme]:
    """Themes ranked as the module docstring says. ``by_category[key]`` counts the detractors,
    passives and promoters whose comment mentions the key; ``overall`` counts every respondent
    of the group, ``said`` those whose comment mentions anything."""
    if overall.n == 0:
        return []
    n = overall.n
    floor = min_mentions if min_mentions is not None else (2 if said >= 20 else 1)
    d, pa, p = by_category[:, 0], by_category[:, 1], by_category[:, 2]
    m = d + pa + p
    candidates = np.flatnonzero((m >= floor) & (m > 0))
    with np.errstate(divide="ignore", invalid="ignore"):
        nps = 100.0 * (p - d) / m
        gap = nps - overall.nps
        impact = gap * m / n * m / (m + SHRINK)
    candidates = _top(np.abs(impact), candidates, top_n)
    ranked = [Theme(names[k], int(d[k]), int(pa[k]), int(p[k]), float(nps[k]), float(gap[k]), float(impact[k]), k)
              for k in candidates.tolist()]
    ranked.sort(key=lambda t: (-abs(t.impact), t.theme))
    chosen = ranked[:top_n]
    chosen.sort(key=lambda t: (t.impact, t.theme))
    return chosen


def themes_of(analysis: Mentions, scores, rows=None, top_n: int = 10, min_mentions: int | None = None) -> list[Theme]:
    """Themes among ``rows`` (all when None) ranked as the module docstring says; ``scores``
    runs in parallel with the analysed comments."""
    s = np.asarray(scores, dtype=np.int64)
    subset = s if rows is None else s[np.asarray(rows, dtype=np.int64)]
    overall = NpsCounts(*(int(c) for c in np.bincount(category_slots(subset), minlength=3)[::-1]))
    chosen = _chosen(analysis, rows)
    by_category = np.bincount(analysis.key[chosen] * 3 + category_slots(s)[analysis.comment[chosen]],
                              minlength=3 * len(analysis.names)).reshape(-1, 3)
    return rank_themes(by_category, overall, _said(analysis, rows), analysis.names, top_n, min_mentions)


def themes(comments, scores, top_n: int = 10, language: str = "auto", min_mentions: int | None = None) -> list[Theme]:
    """Themes ranked by how much they drag the NPS down (first) or lift it (last).

    ``comments`` and ``scores`` run in parallel (one respondent each). The overall NPS is that
    of every respondent given, with or without a comment.
    """
    comments = list(comments)
    if len(comments) != len(scores):
        raise XlNpsError(f"there are {len(comments)} comments but {len(scores)} scores; give one comment cell per score")
    return themes_of(analyse(comments, language), scores, None, top_n, min_mentions)
