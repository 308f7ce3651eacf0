"""The theme rules of xl_nps.text.themes written as a plain per-comment loop (dictionaries and
Counters, no arrays), kept as an independent second method: the array pipeline in
``xl_nps.text.mentions`` and the ranking in ``xl_nps.text.themes`` must find the same themes,
phrases, examples and keywords, count for count. It shares only the per-comment word reader
(``xl_nps.text.words.words``) and the published constants."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from statistics import median

from xl_nps.metrics.nps import NpsCounts
from xl_nps.text.themes import (ALONGSIDE, AS_IN, MIN_PHRASE, PHRASE_SHARE, SHRINK, Keyword, Theme, excerpt)
from xl_nps.text.words import THEME, check_language, detect, repair, words


@dataclass
class Analysis:
    """The theme keys each comment mentions (a key is a tuple: one stem, or the two stems of a
    phrase that is a theme of its own), the listed phrases each comment uses per key, and the
    names."""

    mentions: list[set]  # per comment: its keys
    listed: list[dict]  # per comment: key -> set of listed phrases (pairs of stems)
    names: dict  # key -> name
    phrase_names: dict  # pair -> name
    texts: list
    language: str

    def readable(self, key) -> str:
        return self.names[key]


def _most_common(counts: Counter) -> str:
    return min(counts, key=lambda form: (-counts[form], form))


def analyse(comments, language: str = "auto") -> Analysis:
    code = check_language(language)
    comments = list(comments)
    read = []
    word_df: Counter = Counter()
    pair_df: Counter = Counter()
    for comment in comments:
        text = repair(str(comment).replace("\x00", " ")) if comment else ""
        found = words(text, code if code != "auto" else detect(text)) if text else []
        lowered = text.lower()
        pairs = []  # (index of first word, pair of (stem, kind), text)
        for i in range(len(found) - 1):
            a, b = found[i], found[i + 1]
            if b.position == a.position + 1 and THEME in (a.kind, b.kind):
                pairs.append((i, ((a.stem, a.kind), (b.stem, b.kind)), lowered[a.start:b.end]))
        read.append((found, pairs))
        word_df.update({(w.stem, w.kind) for w in found})
        pair_df.update({p for _, p, _ in pairs})

    def theme_of(pair):
        """(key, whether the phrase is a theme of its own) of a recurring phrase."""
        a, b = pair
        if a[1] == THEME and b[1] == THEME and pair_df[pair] >= PHRASE_SHARE * word_df[a] \
                and pair_df[pair] >= PHRASE_SHARE * word_df[b]:
            return (a[0], b[0]), True
        if a[1] != THEME:
            return (b[0],), False
        if b[1] != THEME:
            return (a[0],), False
        return ((a[0],), False) if word_df[a] > word_df[b] else ((b[0],), False)

    mentions, listed = [], []
    forms: dict = defaultdict(Counter)
    spans: dict = defaultdict(Counter)
    for found, pairs in read:
        keys, in_phrase, under = set(), set(), defaultdict(set)
        recurring = [(i, pair, span) for i, pair, span in pairs if pair_df[pair] >= MIN_PHRASE]
        in_own = {j for i, pair, _ in recurring if theme_of(pair)[1] for j in (i, i + 1)}
        for i, pair, span in recurring:
            key, own = theme_of(pair)
            if not own and (i in in_own or i + 1 in in_own):
                continue  # it shares a word with a phrase that is a theme of its own
            keys.add(key)
            in_phrase.update((i, i + 1))
            if own:
                forms[key][span] += 1
            else:
                under[key].add(pair)
                spans[pair][span] += 1
                head = i if (found[i].stem,) == key and found[i].kind == THEME else i + 1
                forms[key][found[head].surface] += 1
        for i, w in enumerate(found):
            if w.kind == THEME and i not in in_phrase:
                keys.add((w.stem,))
                forms[(w.stem,)][w.surface] += 1
        mentions.append(keys)
        listed.append(dict(under))
    names = {key: _most_common(c) for key, c in forms.items()}
    phrase_names = {pair: _most_common(c) for pair, c in spans.items()}
    return Analysis(mentions, listed, names, phrase_names, comments, code)


def _comments_of(analysis: Analysis) -> dict:
    out = defaultdict(list)
    for i, keys in enumerate(analysis.mentions):
        for key in keys:
            out[key].append(i)
    return out


def hidden(analysis: Analysis, key) -> bool:
    """Rule 4: a key of MIN_PHRASE comments or more, at least ALONGSIDE of which mention one key
    that more comments mention."""
    of = _comments_of(analysis)
    mine = of[key]
    if len(mine) < MIN_PHRASE:
        return False
    together = Counter(other for i in mine for other in analysis.mentions[i] if other != key)
    return any(len(of[other]) > len(mine) and count >= ALONGSIDE * len(mine) for other, count in together.items())


def as_in(analysis: Analysis, key, rows) -> str:
    counts = Counter(pair for i in rows for pair in analysis.listed[i].get(key, ()))
    best = sorted(counts, key=lambda p: (-counts[p], analysis.phrase_names[p]))[:AS_IN]
    return ", ".join(analysis.phrase_names[p] for p in best)


def example(analysis: Analysis, key, rows, preferred=None) -> str:
    candidates = [i for i in rows if key in analysis.mentions[i]]
    if preferred is not None and any(i in preferred for i in candidates):
        candidates = [i for i in candidates if i in preferred]
    if not candidates:
        return ""
    lengths = [len(str(analysis.texts[i])) for i in candidates]
    middle = median(lengths)
    best = min(range(len(candidates)), key=lambda j: (abs(lengths[j] - middle), j))
    return excerpt(" ".join(repair(str(analysis.texts[candidates[best]])).split()), key, analysis.language)


def _spread(counts_by_group: list[Counter], said_by_group: list[int], key) -> float:
    shares = [counts[key] / said for counts, said in zip(counts_by_group, said_by_group) if said]
    return min(shares) if shares else 0.0


def keywords_of(analysis: Analysis, rows=None, top_n: int = 20, groups=None, preferred=None) -> list[Keyword]:
    """Keywords among ``rows`` by mentions x (1 - spread over ``groups``; none when None);
    examples from ``preferred`` comments when any mentions the key."""
    rows = list(range(len(analysis.mentions))) if rows is None else list(rows)
    said = sum(1 for i in rows if analysis.mentions[i])
    counts = Counter(key for i in rows for key in analysis.mentions[i])
    weight = {k: float(c) for k, c in counts.items()}
    if groups is not None:
        counts_by_group = [Counter(k for i in g for k in analysis.mentions[i]) for g in groups]
        said_by_group = [sum(1 for i in g if analysis.mentions[i]) for g in groups]
        weight = {k: c * (1.0 - _spread(counts_by_group, said_by_group, k)) for k, c in counts.items()}
    shown = [k for k in counts if not hidden(analysis, k)]
    ranked = sorted(shown, key=lambda k: (-weight[k], analysis.readable(k)))[:top_n]
    return [Keyword(analysis.readable(k), counts[k], counts[k] / said, k, as_in(analysis, k, rows),
                    example(analysis, k, rows, preferred)) for k in ranked]


def _slot(score) -> int:
    return 0 if score <= 6 else (1 if score <= 8 else 2)


def themes_of(analysis: Analysis, scores, rows=None, top_n: int = 10, min_mentions: int | None = None,
              groups=None) -> list[Theme]:
    """Themes among ``rows``; ``groups`` (lists of comment indexes) are the groups the spread is
    taken over (the three categories of ``rows`` when None)."""
    s = [int(x) for x in scores]
    rows = list(range(len(s))) if rows is None else list(rows)
    n = len(rows)
    if n == 0:
        return []
    overall = NpsCounts(sum(1 for i in rows if s[i] >= 9), sum(1 for i in rows if 7 <= s[i] <= 8),
                        sum(1 for i in rows if s[i] <= 6)).nps
    said = sum(1 for i in rows if analysis.mentions[i])
    floor = min_mentions if min_mentions is not None else (2 if said >= 20 else 1)
    if groups is None:
        groups = [[i for i in rows if _slot(s[i]) == slot] for slot in range(3)]
    counts_by_group = [Counter(k for i in g for k in analysis.mentions[i]) for g in groups]
    said_by_group = [sum(1 for i in g if analysis.mentions[i]) for g in groups]
    by_key: dict = defaultdict(lambda: [0, 0, 0])
    for i in rows:
        for key in analysis.mentions[i]:
            by_key[key][_slot(s[i])] += 1
    ranked = []
    for key, (d, pa, p) in by_key.items():
        m = d + pa + p
        if m < floor or hidden(analysis, key):
            continue
        nps = 100.0 * (p - d) / m
        gap = nps - overall
        impact = gap * m / n * m / (m + SHRINK)
        weight = abs(impact) * (1.0 - _spread(counts_by_group, said_by_group, key))
        ranked.append((weight, Theme(analysis.readable(key), d, pa, p, nps, gap, impact, key)))
    ranked.sort(key=lambda wt: (-wt[0], wt[1].theme))
    chosen = [t for _, t in ranked[:top_n]]
    chosen.sort(key=lambda t: (t.impact, t.theme))
    out = []
    for t in chosen:
        preferred = None if t.impact == 0 else {i for i in rows if _slot(s[i]) == (0 if t.impact < 0 else 2)}
        out.append(Theme(t.theme, t.detractors, t.passives, t.promoters, t.nps, t.gap, t.impact, t.key,
                         as_in(analysis, t.key, rows), example(analysis, t.key, rows, preferred)))
    return out
