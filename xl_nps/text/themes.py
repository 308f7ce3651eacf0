"""What respondents talk about, and how it goes with their score.

A *theme* is a word in all its forms (price, prices, pricing; цена, цены, цену), with the
recurring phrases that contain it shown under it ("as in": "high prices, prices went up"), or
a recurring phrase that means something its words do not ("customer service" apart from
"customer"). ``xl_nps.text.mentions`` finds who mentions what; the rules, in order:

1. Words. Stop words, feeling words ("great", "thanks") and degree words ("a bit") are left
   out; describing words (speed, size, durations: "slow", "high", "days", "lang") are never
   themes but can be part of phrases (``xl_nps.text.words``).
2. Phrases. Two words next to each other in a clause (stop words between them do not count;
   punctuation and "and", "but"... end a clause), at least one a theme word, that at least
   ``MIN_PHRASE`` comments use.
3. A phrase is a theme of its own when both its words are theme words and at least
   ``PHRASE_SHARE`` (half) of the comments using each word use the phrase: then the words
   mostly mean the phrase ("customer service", "delivery time"). Otherwise the phrase is shown
   under its head word (the theme word; of two, the one more comments use) and counts for it:
   "цены выросли", "высокие цены", "цену платить" all count for "цена", once per comment.
4. Said alongside. A theme of at least ``MIN_PHRASE`` comments, at least ``ALONGSIDE`` (80%)
   of which also mention one bigger theme (one that more comments mention), is not shown: it is
   part of how people talk about that theme ("takes days to answer" in comments about
   support, "solved our issue" in comments about customer service). Its comments are counted
   under the bigger theme already.

Ranking. A theme's weight on the score is

    impact = (NPS of those who mention it - overall NPS) x m / n x m / (m + 5)

with m the respondents who mention it and n all respondents with a score. The first factors
are the points of the overall NPS that go with the theme; the last shrinks themes with few
mentions, so one angry comment cannot outrank a complaint thirty people share. Negative
impact drags the NPS down (fix these first), positive lifts it.

Survey boilerplate. Words that every group uses (detractors, passives and promoters, and every
quarter in the report) say little about any of them. Each theme's *spread* is the smallest
share of comments that mention it in any group that commented; themes are chosen by
|impact| x (1 - spread), and keyword lists by mentions x (1 - spread). A word in 60% of
every group's comments keeps 40% of its weight; a theme one group never mentions keeps all of
it. This is the idea of inverse document frequency (Sparck Jones 1972, "A statistical
interpretation of term specificity", J. Documentation 28(1)) applied to groups of comments.

Example. Each theme shows one comment that mentions it: among the comments of the preferred
group (detractors for a theme that drags the NPS down, promoters for one that lifts it; the
group itself on the Comments sheet; all when none of them mentions it), the one whose length
in characters is closest to the median length of those comments (a typical one, neither a
one-word answer nor an essay; of equal ones, the first), mojibake repaired, cut to
``EXAMPLE_LENGTH`` characters at a word boundary around its first mention of the theme.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from xl_nps.errors import XlNpsError
from xl_nps.indexes import bincount, repeat
from xl_nps.metrics.nps import NpsCounts, category_slots
from xl_nps.text.mentions import MIN_PHRASE, PHRASE_SHARE, Mentions, find_mentions
from xl_nps.text.words import check_language, detect, repair, words

SHRINK = 5
ALONGSIDE = 0.8
AS_IN = 3  # phrases shown under a theme
EXAMPLE_LENGTH = 120
__all__ = ["MIN_PHRASE", "PHRASE_SHARE", "SHRINK", "ALONGSIDE", "EXAMPLE_LENGTH", "Theme", "Keyword", "analyse",
           "themes", "themes_of", "rank_themes", "keywords", "keywords_of", "rank_keywords", "key_counts",
           "spread_of", "alongside", "as_in", "example"]


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
    as_in: str = ""  # its commonest phrases
    example: str = ""  # a typical comment that mentions it

    @property
    def mentions(self) -> int:
        return self.detractors + self.passives + self.promoters


@dataclass(frozen=True)
class Keyword:
    keyword: str
    mentions: int
    share: float  # of the comments that say anything
    key: int = -1
    as_in: str = ""
    example: str = ""


def analyse(comments, language: str = "auto", progress=None) -> Mentions:
    """Find the theme keys of every comment (one entry per comment, blanks included).
    ``progress(done, total)`` is called every 10,000 comments."""
    return find_mentions(comments, check_language(language), progress)


def _in_rows(analysis: Mentions, rows) -> np.ndarray | None:
    if rows is None:
        return None
    mask = np.zeros(analysis.comments, dtype=bool)
    mask[np.asarray(rows, dtype=np.int64)] = True
    return mask


def _chosen(analysis: Mentions, rows) -> np.ndarray:
    """A mask over the mentions: those made by a comment among ``rows`` (all when None)."""
    if rows is None:
        return np.ones(len(analysis.comment), dtype=bool)
    return _in_rows(analysis, rows)[analysis.comment]


def key_counts(analysis: Mentions, rows=None) -> tuple[np.ndarray, int]:
    """(how many comments among ``rows`` mention each key, how many of them mention any)."""
    counts = bincount(analysis.key[_chosen(analysis, rows)], minlength=len(analysis.names))
    return counts, _said(analysis, rows)


def _said(analysis: Mentions, rows) -> int:
    """How many comments among ``rows`` (all when None) mention anything."""
    said = analysis.said if rows is None else analysis.said[np.asarray(rows, dtype=np.int64)]
    return int(np.count_nonzero(said))


def spread_of(counts: np.ndarray, said: np.ndarray) -> np.ndarray:
    """Per key, the smallest share of comments that mention it over the groups that commented:
    ``counts[:, g]`` comments of group g mention each key, ``said[g]`` of them mention any."""
    groups = np.flatnonzero(np.asarray(said) > 0)
    if not len(groups):
        return np.zeros(counts.shape[0])
    return (counts[:, groups] / np.asarray(said, dtype=float)[groups]).min(axis=1)


def alongside(analysis: Mentions, key: int) -> bool:
    """Whether ``key`` is mentioned by MIN_PHRASE comments or more, at least ALONGSIDE of which
    also mention one bigger key (one that more comments mention): rule 4."""
    cache = analysis.__dict__.setdefault("_alongside", {})
    if key in cache:
        return cache[key]
    if analysis.key_comments[key] < MIN_PHRASE:  # one or two comments are no evidence
        return False
    by_key, bounds = analysis.comments_of_key
    own = by_key[bounds[key]:bounds[key + 1]]
    starts, stops = analysis.keys_of_comment[own], analysis.keys_of_comment[own + 1]
    lengths = stops - starts
    index = repeat(starts - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths) + np.arange(int(lengths.sum()))
    together = bincount(analysis.key[index], minlength=len(analysis.names))
    size = analysis.key_comments
    found = bool(np.any((size > size[key]) & (together >= ALONGSIDE * size[key])))
    cache[key] = found
    return found


def _pick(score: np.ndarray, candidates: np.ndarray, names: list[str], top_n: int, hidden) -> list[int]:
    """The ``top_n`` candidates of largest score that ``hidden`` does not hide; equal scores in
    alphabetical order."""
    order = candidates[np.argsort(-score[candidates], kind="stable")]
    taken: list[int] = []
    edge = None
    for k in order.tolist():
        if edge is not None and score[k] != edge:
            break
        if hidden is not None and hidden(k):
            continue
        taken.append(k)
        if len(taken) == top_n:
            edge = score[k]
    taken.sort(key=lambda k: (-score[k], names[k]))
    return taken[:top_n]


def rank_keywords(counts: np.ndarray, said: int, names: list[str], top_n: int = 20, spread=None,
                  hidden=None) -> list[Keyword]:
    """The ``top_n`` keys by ``counts`` (comments that mention each key) x (1 - spread) out of
    ``said`` comments that mention any; equal ones in alphabetical order."""
    weight = counts * (1.0 - spread) if spread is not None else counts.astype(float)
    chosen = _pick(weight, np.flatnonzero(counts), names, top_n, hidden)
    return [Keyword(names[k], int(counts[k]), float(counts[k] / said), k) for k in chosen]


def keywords_of(analysis: Mentions, rows=None, top_n: int = 20) -> list[Keyword]:
    """The keys mentioned by most comments among ``rows`` (all comments when None), with the
    phrases they are said in and an example."""
    counts, said = key_counts(analysis, rows)
    found = rank_keywords(counts, said, analysis.names, top_n, hidden=lambda k: alongside(analysis, k))
    chosen = _in_rows(analysis, rows)
    return [Keyword(k.keyword, k.mentions, k.share, k.key, as_in(analysis, k.key, chosen),
                    example(analysis, k.key, chosen)) for k in found]


def keywords(comments, top_n: int = 20, language: str = "auto") -> list[Keyword]:
    """The most frequent themes, by how many comments mention them."""
    return keywords_of(analyse(comments, language), None, top_n)


def rank_themes(by_category: np.ndarray, overall: NpsCounts, said: int, names: list[str], top_n: int = 10,
                min_mentions: int | None = None, spread=None, hidden=None) -> list[Theme]:
    """Themes ranked as the module docstring says. ``by_category[key]`` counts the detractors,
    passives and promoters whose comment mentions the key; ``overall`` counts every respondent
    of the group, ``said`` those whose comment mentions anything; ``spread`` per key is the
    boilerplate measure (none when None); ``hidden(key)`` says whether a key is not shown."""
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
        score = np.abs(impact) * (1.0 - spread) if spread is not None else np.abs(impact)
    chosen = _pick(score, candidates, names, top_n, hidden)
    ranked = [Theme(names[k], int(d[k]), int(pa[k]), int(p[k]), float(nps[k]), float(gap[k]), float(impact[k]), k)
              for k in chosen]
    ranked.sort(key=lambda t: (t.impact, t.theme))
    return ranked


def themes_of(analysis: Mentions, scores, rows=None, top_n: int = 10, min_mentions: int | None = None) -> list[Theme]:
    """Themes among ``rows`` (all when None) ranked as the module docstring says, with their
    phrases and an example; ``scores`` runs in parallel with the analysed comments."""
    s = np.asarray(scores, dtype=np.int64)
    subset = s if rows is None else s[np.asarray(rows, dtype=np.int64)]
    overall = NpsCounts(*(int(c) for c in bincount(category_slots(subset), minlength=3)[::-1]))
    chosen = _chosen(analysis, rows)
    slots = category_slots(s)
    by_category = bincount(analysis.key[chosen] * 3 + slots[analysis.comment[chosen]],
                              minlength=3 * len(analysis.names)).reshape(-1, 3)
    in_rows = _in_rows(analysis, rows)
    talking = analysis.said if in_rows is None else analysis.said & in_rows
    said_by_category = bincount(slots[talking], minlength=3)
    found = rank_themes(by_category, overall, _said(analysis, rows), analysis.names, top_n, min_mentions,
                        spread_of(by_category, said_by_category), lambda k: alongside(analysis, k))
    return [_described(analysis, t, in_rows, slots) for t in found]


def _described(analysis: Mentions, t: Theme, in_rows, slots) -> Theme:
    """The theme with its phrases and example: a detractor's comment for a theme that drags the
    NPS down, a promoter's for one that lifts it."""
    prefer = None
    if t.impact != 0:
        prefer = slots == (0 if t.impact < 0 else 2)
    return Theme(t.theme, t.detractors, t.passives, t.promoters, t.nps, t.gap, t.impact, t.key,
                 as_in(analysis, t.key, in_rows), example(analysis, t.key, in_rows, prefer))


def themes(comments, scores, top_n: int = 10, language: str = "auto", min_mentions: int | None = None) -> list[Theme]:
    """Themes ranked by how much they drag the NPS down (first) or lift it (last).

    ``comments`` and ``scores`` run in parallel (one respondent each). The overall NPS is that
    of every respondent given, with or without a comment.
    """
    comments = list(comments)
    if len(comments) != len(scores):
        raise XlNpsError(f"there are {len(comments)} comments but {len(scores)} scores; give one comment cell per score")
    return themes_of(analyse(comments, language), scores, None, top_n, min_mentions)


# ---------------------------------------------------------------- what a theme looks like

def as_in(analysis: Mentions, key: int, in_rows: np.ndarray | None = None, limit: int = AS_IN) -> str:
    """The phrases listed under ``key`` that most comments among ``in_rows`` (a mask over the
    comments; all when None) use, commonest first (equal ones in alphabetical order)."""
    comment, phrase, bounds = _phrases_of_key(analysis)
    part = slice(bounds[key], bounds[key + 1])
    comment, phrase = comment[part], phrase[part]
    if in_rows is not None:
        phrase = phrase[in_rows[comment]]
    if not len(phrase):
        return ""
    numbers, counts = np.unique(phrase, return_counts=True)
    names = analysis.phrase_names
    best = sorted(zip(counts.tolist(), numbers.tolist()), key=lambda c: (-c[0], names[c[1]]))[:limit]
    return ", ".join(names[p] for _, p in best)


def _phrases_of_key(analysis: Mentions) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(comment, phrase) of the listed phrases sorted by key, and where each key's part starts."""
    cache = analysis.__dict__
    if "_phrases_of_key" not in cache:
        order = np.argsort(analysis.phrase_key)  # any order within a key: as_in counts them
        keys = analysis.phrase_key[order]
        bounds = np.searchsorted(keys, np.arange(len(analysis.names) + 1))
        cache["_phrases_of_key"] = (analysis.phrase_comment[order], analysis.phrase[order], bounds)
    return cache["_phrases_of_key"]


def example(analysis: Mentions, key: int, in_rows: np.ndarray | None = None, prefer: np.ndarray | None = None) -> str:
    """A typical comment among ``in_rows`` (a mask; all when None) that mentions ``key``, from
    the ``prefer`` group (a mask) when any of it does; see the module docstring."""
    by_key, bounds = analysis.comments_of_key
    candidates = by_key[bounds[key]:bounds[key + 1]]
    if in_rows is not None:
        candidates = candidates[in_rows[candidates]]
    if prefer is not None and prefer[candidates].any():
        candidates = candidates[prefer[candidates]]
    if not len(candidates):
        return ""
    lengths = _lengths(analysis)[candidates]
    median = _median(lengths)
    best = int(candidates[int(np.argmin(np.abs(lengths - median)))])  # the first of equal distances
    return excerpt(_clean(repair(str(analysis.texts[best]))), analysis.stems[key], analysis.language)


def _median(values: np.ndarray) -> float:
    """The median: the middle value, or the mean of the two middle ones, as ``np.median`` gives
    it without its checks for NaN and masked arrays (lengths are never NaN, and its first call
    imports numpy.ma)."""
    ordered = np.sort(values)
    return float((ordered[(len(ordered) - 1) // 2] + ordered[len(ordered) // 2]) / 2)


def _lengths(analysis: Mentions) -> np.ndarray:
    """Each comment's length in characters, as written."""
    cache = analysis.__dict__
    if "_lengths" not in cache:
        texts = analysis.texts
        if set(map(type, texts)) <= {str}:  # comments from a sheet: measured at C speed
            lengths = map(len, texts)
        else:
            lengths = (len(t) if type(t) is str else len(str(t)) if t else 0 for t in texts)
        cache["_lengths"] = np.fromiter(lengths, dtype=float, count=len(texts))
    return cache["_lengths"]


def _clean(comment) -> str:
    """A comment as one line: runs of spaces and line breaks become one space."""
    return " ".join(str(comment).split()) if comment else ""


def excerpt(text: str, stems: tuple[str, ...], language: str = "auto", limit: int = EXAMPLE_LENGTH) -> str:
    """``text`` cut to ``limit`` characters at a word boundary, with "..." where it is cut, so
    that the first word with one of ``stems`` shows."""
    if len(text) <= limit:
        return text
    lowered = text.lower()
    at = 0
    if len(lowered) == len(text):
        code = language if language != "auto" else detect(text)
        for w in words(text, code):
            if w.stem in stems:
                at = w.start
                break
    start = 0
    if at > limit - 40:  # begin a little before the mention, at a word boundary
        start = _boundary(text, at - 30, backwards=True)
    room = limit - (3 if start else 0) - 3
    end = start + room
    if end < len(text):
        end = _boundary(text, end, backwards=True, floor=start + room // 2)
    piece = text[start:end].strip(" ,;:-")
    return ("..." if start else "") + piece + ("..." if end < len(text) else "")


def _boundary(text: str, at: int, backwards: bool, floor: int = 0) -> int:
    """The last space at or before ``at`` (after ``floor``); where there is none (Chinese,
    Japanese), ``at`` itself, between two characters."""
    at = max(0, min(at, len(text)))
    space = text.rfind(" ", floor, at + 1)
    return space if space > floor else at
