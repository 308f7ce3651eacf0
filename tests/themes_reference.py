"""The per-comment theme analysis xl-nps shipped first (one Python loop per comment), kept as an
independent second method: the array pipeline in ``xl_nps.text.mentions`` must find the same
themes and keywords, count for count."""

from collections import Counter, defaultdict
from dataclasses import dataclass

import numpy as np

from xl_nps.metrics.nps import NpsCounts
from xl_nps.text.themes import MIN_PHRASE, PHRASE_SHARE, SHRINK, Keyword, Theme
from xl_nps.text.words import HAN, WORD, check_language, detect, repair, words


@dataclass
class Analysis:
    """The theme keys each comment mentions (a key is one stem or a phrase of two), and how
    often each written form of a key was seen, so that the commonest can be shown."""

    mentions: list[tuple[tuple[str, ...], ...]]
    surfaces: dict[tuple[str, ...], Counter]

    def readable(self, key: tuple[str, ...]) -> str:
        counts = self.surfaces.get(key)
        return min(counts, key=lambda form: (-counts[form], form)) if counts else " ".join(key)


def _is_han(text: str) -> bool:
    return all("\u3400" <= ch <= "\u9fff" for ch in text)


def analyse(comments, language: str = "auto", progress=None) -> Analysis:
    """Find the theme keys of every comment (one entry per comment, blanks included).

    Memory stays small for a million comments: each comment is kept as one tuple of shared
    (stem, written form) pairs, with None where two words are not next to each other, and
    replaced by the tuple of its keys once the phrases are known. ``progress(done, total)``
    is called every 20,000 comments."""
    code = check_language(language)
    sequences: list = []
    unigram_df: Counter = Counter()
    bigram_df: Counter = Counter()
    shared: dict = {}
    total = len(comments) if hasattr(comments, "__len__") else 0
    for done, comment in enumerate(comments):
        if progress is not None and done % 20_000 == 0:
            progress(done, total)
        text = repair(str(comment)) if comment else ""
        tokens = WORD.findall(text.lower()) if text else []
        found = words(text, code if code != "auto" else detect(text, tokens), tokens) if tokens or HAN.search(text) else []
        sequence, last = [], None
        for w in found:
            if sequence and w.position != last + 1:
                sequence.append(None)
            item = (w.stem, w.surface)
            sequence.append(shared.setdefault(item, item))
            last = w.position
        sequences.append(tuple(sequence))
        unigram_df.update({item[0] for item in sequence if item})
        bigram_df.update({(a[0], b[0]) for a, b in zip(sequence, sequence[1:]) if a and b})
    phrases = {
        pair for pair, df in bigram_df.items()
        if df >= MIN_PHRASE and df >= PHRASE_SHARE * min(unigram_df[pair[0]], unigram_df[pair[1]])
    }
    surfaces: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    single: dict[str, tuple[str]] = {}
    for index, sequence in enumerate(sequences):
        keys: set = set()
        used: set[int] = set()
        for i in range(len(sequence) - 1):
            a, b = sequence[i], sequence[i + 1]
            if a and b and (a[0], b[0]) in phrases:
                pair = shared.setdefault((a[0], b[0]), (a[0], b[0]))
                keys.add(pair)
                surfaces[pair][a[1] + ("" if _is_han(a[1]) else " ") + b[1]] += 1
                used.update((i, i + 1))
        for i, item in enumerate(sequence):
            if item and i not in used:
                key = single.setdefault(item[0], (item[0],))
                keys.add(key)
                surfaces[key][item[1]] += 1
        sequences[index] = tuple(keys)
    return Analysis(sequences, dict(surfaces))


def keywords_of(analysis: Analysis, rows=None, top_n: int = 20) -> list[Keyword]:
    """The keys mentioned by most comments among ``rows`` (all comments when None)."""
    chosen = analysis.mentions if rows is None else [analysis.mentions[i] for i in rows]
    said = sum(1 for keys in chosen if keys)
    counts = Counter(key for keys in chosen for key in keys)
    ranked = sorted(counts, key=lambda k: (-counts[k], analysis.readable(k)))[:top_n]
    return [Keyword(analysis.readable(k), counts[k], counts[k] / said, k) for k in ranked]


def themes_of(analysis: Analysis, scores, rows=None, top_n: int = 10, min_mentions: int | None = None) -> list[Theme]:
    """Themes among ``rows`` (all when None) ranked as the module docstring says; ``scores``
    runs in parallel with the analysed comments."""
    s = np.asarray(scores, dtype=np.int64)
    index = np.arange(len(s)) if rows is None else np.asarray(rows, dtype=np.int64)
    subset = s[index]
    n = len(subset)
    if n == 0:
        return []
    overall = NpsCounts(int((subset >= 9).sum()), int(((subset >= 7) & (subset <= 8)).sum()), int((subset <= 6).sum())).nps
    said = sum(1 for i in index if analysis.mentions[i])
    floor = min_mentions if min_mentions is not None else (2 if said >= 20 else 1)
    by_key: dict[tuple[str, ...], list[int]] = defaultdict(lambda: [0, 0, 0])
    for i in index:
        score = s[i]
        slot = 0 if score <= 6 else (1 if score <= 8 else 2)
        for key in analysis.mentions[i]:
            by_key[key][slot] += 1
    ranked = []
    for key, (d, pa, p) in by_key.items():
        m = d + pa + p
        if m < floor:
            continue
        nps = 100.0 * (p - d) / m
        gap = nps - overall
        impact = gap * m / n * m / (m + SHRINK)
        ranked.append(Theme(analysis.readable(key), d, pa, p, nps, gap, impact, key))
    ranked.sort(key=lambda t: (-abs(t.impact), t.theme))
    chosen = ranked[:top_n]
    chosen.sort(key=lambda t: (t.impact, t.theme))
    return chosen


