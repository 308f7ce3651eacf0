"""Which comment mentions which theme: the comments of a whole survey as a few integer arrays.

The rules (``xl_nps.text.themes`` gives them in full, with the ranking):

* every comment gets its own language (``words.detect``) unless one is given; its theme and
  describing words, each with its stem, come from ``words.words`` (Chinese and Japanese from
  ``xl_nps.text.cjk``); stop words do not separate words, clause breaks do;
* a *phrase* is two words next to each other in a clause, at least one of them a theme word;
  it *recurs* when at least ``MIN_PHRASE`` comments use it;
* a recurring phrase of two theme words that at least ``PHRASE_SHARE`` of the comments using
  each of its words use is a theme of its own ("customer service", "delivery time");
* any other recurring phrase is listed under its *head*: its theme word, or of two theme
  words the one more comments use (the second of equal ones): "high prices" and "prices went
  up" under "price";
* a comment mentions the theme of each recurring phrase it uses and the stem of each theme
  word outside them. So a comment counts once per theme however many of its phrases it uses,
  and a word counts for its own theme only outside the phrases listed under another word. A
  phrase that shares a word with a use of a phrase that is a theme of its own is not used
  there ("slow customer service" counts for "customer service" only).

How. Looping over every comment in Python costs about 20 microseconds each; a year of e-mail
answers has a million. Here the comments are taken 10,000 at a time and joined into one
lower-cased string. Its words are found with numpy (letters looked up per code point, runs of
letters, the apostrophe rule of ``words.WORD``) and numbered by a hash of their code points, so
no Python string is made per word, only per distinct word; the text of a phrase (from its
first word to its last, stop words included: "price is too high") is numbered the same way.
Clause breaks are counted per character. From then on everything (language scores, stems,
phrase counts, who mentions what) is counting with numpy over those numbers; only distinct
words and Chinese and Japanese comments are looked at one by one. The per-comment loop of
``tests/themes_reference.py`` is the second method: the two agree count for count; the word
finder is tested against the regular expression it replaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from itertools import islice

import numpy as np

from xl_nps import user_cache
from xl_nps.indexes import bincount, repeat
from xl_nps.text import kept_chunks
from xl_nps.text.words import (BREAK_SIGNS, CYRILLIC, HAN, KANA, LATIN, MAX_BETWEEN, MOJIBAKE_HINT, STEMMED, THEME,
                               TIE_BREAK, WORD, is_joining, kept_stems, known_words, meaning, repair)

MIN_PHRASE = 3
PHRASE_SHARE = 0.5
CHUNK = 10_000  # comments split at once (bounds the memory of a million comments)
SEP = "\x00"  # joins the comments of a chunk; Excel cells cannot hold it
TOKEN = re.compile(WORD.pattern + "|" + SEP)  # a word as words.WORD finds it, or SEP (used after a clash of hashes)
CODES = STEMMED + ("zh", "ja")  # LATIN first and in its order: a tie goes to the first, as in detect()
ZH, JA = CODES.index("zh"), CODES.index("ja")
RU = CODES.index("ru")
LETTER = re.compile(r"[^\W\d_]")  # a letter as words.WORD counts one
APOSTROPHES = np.array([ord("'"), ord("’")], dtype=np.uint32)
BASES = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F)  # odd, so invertible modulo 2**64
INVERSES = tuple(pow(b, -1, 2**64) for b in BASES)
LONG_WORD = 64  # letters; polynomial hashes modulo 2**64 can be made to clash on long strings
CYRILLIC_SIGNS = [chr(c) for c in range(0x482, 0x48A)]  # in the Cyrillic block but not letters
MOJIBAKE_LEADS = "ÃÂÐÑâ"  # every sign of mojibake words.MOJIBAKE_HINT looks for starts with one (a fast test first)
BREAK_POINTS = np.array(sorted({ord(c) for c in BREAK_SIGNS} | {0}), dtype=np.int64)  # and SEP
HYPHEN, SPACE = ord("-"), ord(" ")


@dataclass
class Mentions:
    """One entry per (comment, theme key) mentioned, sorted by comment; ``names[key]`` is the
    form of a key written most often, ``stems[key]`` the stems behind it (two for a phrase
    that is a theme of its own). The listed phrases (recurring phrases shown under the theme
    of their head word) are ``phrase_names``; ``phrase_comment``, ``phrase_key`` and
    ``phrase`` say which comment uses which of them, under which key."""

    comment: np.ndarray  # int64, index of the comment
    key: np.ndarray  # int64, key id
    names: list[str]
    stems: list[tuple[str, ...]]
    comments: int  # how many comments were analysed (blanks included)
    phrase_comment: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    phrase_key: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    phrase: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    phrase_names: list[str] = field(default_factory=list)
    texts: list = field(default_factory=list)  # the comments as given
    language: str = "auto"

    @cached_property
    def said(self) -> np.ndarray:
        """Which comments mention at least one key."""
        out = np.zeros(self.comments, dtype=bool)
        out[self.comment] = True
        return out

    @cached_property
    def comments_of_key(self) -> tuple[np.ndarray, np.ndarray]:
        """(comments sorted by key, then in order; where each key's part starts): the comments
        of key k are ``comments[bounds[k]:bounds[k + 1]]``."""
        size = max(self.comments, 1)
        codes = np.sort(self.key * size + self.comment)  # a plain sort: a stable argsort is 4 times slower
        bounds = np.searchsorted(codes, np.arange(len(self.names) + 1) * size)
        return codes % size, bounds

    @cached_property
    def keys_of_comment(self) -> np.ndarray:
        """Where each comment's part of ``key`` starts (``key`` is sorted by comment)."""
        return np.searchsorted(self.comment, np.arange(self.comments + 1))

    @cached_property
    def key_comments(self) -> np.ndarray:
        """How many comments mention each key."""
        return bincount(self.key, minlength=len(self.names))


class _Numbers(dict):
    """string -> number, numbered in order of first sight."""

    def number(self, item) -> int:
        return self.setdefault(item, len(self))

    def numbers(self, items: list[str]) -> np.ndarray:
        for item in dict.fromkeys(items):
            self.setdefault(item, len(self))
        return np.fromiter(map(self.__getitem__, items), dtype=np.int64, count=len(items))


class _Hashed:
    """Texts numbered by a polynomial hash of their code points, checked by a second hash, so
    that a Python string is made only per distinct text. A clash (never seen) sets
    ``by_text``: the caller then numbers the rest by text."""

    def __init__(self):
        self.numbers = _Numbers()  # text -> number
        self.second: list[int] = []  # number -> second hash (-1: numbered by its text only)
        self.by_text = False
        # the first hashes met so far, sorted, with their numbers and second hashes
        self.known = np.zeros(0, dtype=np.uint64)
        self.known_number = np.zeros(0, dtype=np.int64)
        self.known_second = np.zeros(0, dtype=np.uint64)

    def number_text(self, text: str) -> int:
        number = self.numbers.number(text)
        if number == len(self.second):
            self.second.append(-1)
        return number

    def number_hashed(self, source: str, starts, ends, first, second) -> np.ndarray | None:
        """Each text's number (new texts are added), or None if two texts share a first hash.
        Hashes met before are found by a binary search; only new ones are looked at one by one."""
        if not len(first):
            return np.zeros(0, dtype=np.int64)
        order = np.argsort(first)  # np.unique(return_index=True) would sort stably, twice as slow
        ordered = first[order]
        new_group = np.ones(len(ordered), dtype=bool)
        np.not_equal(ordered[1:], ordered[:-1], out=new_group[1:])
        distinct_hashes, where = ordered[new_group], order[new_group]  # where: one text of each hash
        inverse = np.empty(len(first), dtype=np.int64)
        inverse[order] = np.cumsum(new_group) - 1
        if not np.array_equal(second, second[where][inverse]):
            return None
        seconds = second[where]
        place = np.searchsorted(self.known, distinct_hashes)
        met = place < len(self.known)
        met[met] = self.known[place[met]] == distinct_hashes[met]
        if not np.array_equal(self.known_second[place[met]], seconds[met]):
            return None
        numbers = np.empty(len(distinct_hashes), dtype=np.int64)
        numbers[met] = self.known_number[place[met]]
        new = np.flatnonzero(~met)
        for i, at, h2 in zip(new.tolist(), where[new].tolist(), seconds[new].tolist()):
            number = self.numbers.setdefault(source[starts[at]:ends[at]], len(self.numbers))
            if number == len(self.second):
                self.second.append(h2)
            elif self.second[number] == -1:  # numbered by its text before (a Chinese phrase, a long word)
                self.second[number] = h2
            else:  # the same text under two first hashes: impossible
                return None
            numbers[i] = number
        if len(new):
            merged = np.concatenate([self.known, distinct_hashes[new]])
            by_hash = np.argsort(merged, kind="stable")
            self.known = merged[by_hash]
            self.known_number = np.concatenate([self.known_number, numbers[new]])[by_hash]
            self.known_second = np.concatenate([self.known_second, seconds[new]])[by_hash]
        return numbers[inverse]


class _Reader:
    """What the chunks of one analysis share: the numbering of words, stems, written forms and
    phrase texts, the meaning of each (word, language) met so far, and per-word facts."""

    def __init__(self, language: str):
        self.language = language
        self.words, self.spans = _Hashed(), _Hashed()
        self.stems, self.forms = _Numbers(), _Numbers()  # stems are numbered as (stem, kind)
        self.stem_kinds: list[int] = []
        self.word_list: list[str] = []
        self.is_joining = np.zeros(0, dtype=bool)
        self.is_stop = {code: np.zeros(0, dtype=bool) for code in LATIN}
        self.han, self.kana = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        self.cyrillic = np.zeros(0, dtype=bool)
        self.marks = {code: np.zeros(0, dtype=bool) for code in TIE_BREAK}
        self.meanings: dict[int, tuple[int, int]] = {}
        self.is_letter = np.zeros(0x110000, dtype=bool)  # by code point, for those seen so far
        self.seen = np.zeros(0x110000, dtype=bool)
        self.is_break = np.zeros(0x110000, dtype=bool)
        self.is_break[BREAK_POINTS] = True
        self.powers = [np.ones(1, dtype=np.uint64)] * 2  # BASE**i, and the inverses, for i < len
        self.inverses = [np.ones(1, dtype=np.uint64)] * 2
        self.stem_table: list[tuple[str, int]] = []  # the keys of stems, forms, spans.numbers in order
        self.form_table: list[str] = []
        self.span_table: list[str] = []

    def _stem_number(self, root: str, kind: int) -> int:
        number = self.stems.number((root, kind))
        if number == len(self.stem_kinds):
            self.stem_kinds.append(kind)
        return number

    def _new_words(self) -> None:
        """Per-word facts: joining word; and for the language choice, known word of each Latin
        language (``words.known_words``), Han characters, kana, Cyrillic letters, accented letters that break ties
        (only non-ASCII words can have the last four)."""
        fresh = list(self.words.numbers)[len(self.word_list):]
        self.word_list += fresh
        self.is_joining = np.concatenate([self.is_joining, np.fromiter(map(is_joining, fresh), dtype=bool, count=len(fresh))])
        if self.language != "auto":
            return
        facts = {code: [w in known_words(code) for w in fresh] for code in LATIN}
        odd = [(i, w) for i, w in enumerate(fresh) if not w.isascii()]
        han, kana = np.zeros(len(fresh), dtype=np.int64), np.zeros(len(fresh), dtype=np.int64)
        cyrillic = np.zeros(len(fresh), dtype=bool)
        marks = {code: np.zeros(len(fresh), dtype=bool) for code in TIE_BREAK}
        for i, w in odd:
            han[i] = sum(len(run) for run in HAN.findall(w))
            kana[i] = len(KANA.findall(w))
            cyrillic[i] = CYRILLIC.search(w) is not None
            for code, letters in TIE_BREAK.items():
                marks[code][i] = not letters.isdisjoint(w)
        for code in LATIN:
            self.is_stop[code] = np.concatenate([self.is_stop[code], np.asarray(facts[code], dtype=bool)])
        self.han = np.concatenate([self.han, han])
        self.kana = np.concatenate([self.kana, kana])
        self.cyrillic = np.concatenate([self.cyrillic, cyrillic])
        for code in TIE_BREAK:
            self.marks[code] = np.concatenate([self.marks[code], marks[code]])

    def _prefixes(self, codes: np.ndarray) -> list[np.ndarray]:
        """Per hash: prefix sums of code[i] * BASE**i modulo 2**64 (hash of a stretch: see _hash)."""
        n = len(codes) + 1
        wide = codes.astype(np.uint64)
        out = []
        for k in (0, 1):
            if len(self.powers[k]) < n:
                size = max(n, 2 * len(self.powers[k]))
                self.powers[k], self.inverses[k] = _powers(BASES[k], size), _powers(INVERSES[k], size)
            prefix = np.zeros(n, dtype=np.uint64)
            np.cumsum(wide * self.powers[k][:n - 1], out=prefix[1:])
            out.append(prefix)
        return out

    def _hash(self, prefixes, k: int, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """The hash of each stretch: the sum of code[i] * BASE**(i - start), modulo 2**64."""
        return (prefixes[k][ends] - prefixes[k][starts]) * self.inverses[k][starts]

    def _words_of(self, lowered: str, codes: np.ndarray | None = None, prefixes=None):
        """(number, comment within the chunk, start, end) of each word ``TOKEN`` finds in
        ``lowered`` (comments joined by SEP), found with numpy rather than one Python string
        per word: letters are looked up per code point; runs of letters joined by one
        apostrophe pair up left to right, as the regular expression matches them; each word of
        up to ``LONG_WORD`` letters is numbered by a polynomial hash of its code points,
        checked by a second hash (a clash, never seen, switches the rest of the analysis to
        numbering by text); longer words, where crafted clashes are known, go by their text."""
        if codes is None:
            codes = np.frombuffer(lowered.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
            prefixes = self._prefixes(codes)
        present = np.flatnonzero(bincount(codes)) if len(codes) else np.zeros(0, dtype=np.int64)
        for point in present[~self.seen[present]].tolist():
            self.is_letter[point] = LETTER.fullmatch(chr(point)) is not None
        self.seen[present] = True
        edge = np.diff(self.is_letter[codes].view(np.int8), prepend=np.int8(0), append=np.int8(0))
        starts, ends = np.flatnonzero(edge == 1), np.flatnonzero(edge == -1)
        if len(starts) > 1:  # "don't", "l'équipe": a run, one apostrophe, a run
            join = (starts[1:] == ends[:-1] + 1) & np.isin(codes[ends[:-1]], APOSTROPHES)
            index = np.arange(len(join))
            chain = np.maximum.accumulate(np.where(join & ~np.concatenate([[False], join[:-1]]), index, 0))
            pair = join & ((index - chain) % 2 == 0)  # rock'n'roll -> rock'n, roll
            taken = np.concatenate([[False], pair])
            ends = np.where(np.concatenate([pair, [False]]), np.concatenate([ends[1:], [0]]), ends)[~taken]
            starts = starts[~taken]
        local = np.cumsum(codes == 0)[starts] if len(starts) else np.zeros(0, dtype=np.int64)
        numbers = None
        if not self.words.by_text:
            short = (ends - starts) <= LONG_WORD
            s, e = starts[short], ends[short]
            numbers = self.words.number_hashed(lowered, s, e, self._hash(prefixes, 0, s, e), self._hash(prefixes, 1, s, e))
        if numbers is None:  # two words under one hash: from now on the slow, sure way
            self.words.by_text = True
            found = [m for m in TOKEN.finditer(lowered) if m.group() != SEP]
            starts = np.fromiter((m.start() for m in found), dtype=np.int64, count=len(found))
            ends = np.fromiter((m.end() for m in found), dtype=np.int64, count=len(found))
            numbers = np.fromiter((self.words.number_text(m.group()) for m in found), dtype=np.int64, count=len(found))
            local = np.cumsum(codes == 0)[starts] if len(starts) else np.zeros(0, dtype=np.int64)
            return numbers, local, starts, ends
        if not short.all():  # long words (junk such as "aaaa...") go by their text
            out = np.empty(len(starts), dtype=np.int64)
            out[short] = numbers
            for i in np.flatnonzero(~short).tolist():
                out[i] = self.words.number_text(lowered[starts[i]:ends[i]])
            numbers = out
        return numbers, local, starts, ends

    def _span_numbers(self, lowered: str, prefixes, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """The number of each phrase text lowered[start:end]."""
        numbers = None
        if not self.spans.by_text:
            numbers = self.spans.number_hashed(lowered, starts, ends, self._hash(prefixes, 0, starts, ends),
                                               self._hash(prefixes, 1, starts, ends))
        if numbers is None:
            self.spans.by_text = True
            numbers = np.fromiter((self.spans.number_text(lowered[s:e]) for s, e in zip(starts.tolist(), ends.tolist())),
                                  dtype=np.int64, count=len(starts))
        return numbers

    def _clause_breaks(self, codes: np.ndarray) -> np.ndarray:
        """How many clause breaks come before each character: punctuation (words.BREAKS),
        SEP, and a dash with a space on either side."""
        brk = self.is_break[codes]
        dash = np.flatnonzero(codes == HYPHEN)
        if len(dash):
            before = np.where(dash > 0, codes[np.maximum(dash - 1, 0)], 0) == SPACE
            after = np.where(dash + 1 < len(codes), codes[np.minimum(dash + 1, len(codes) - 1)], 0) == SPACE
            brk[dash[before | after]] = True
        out = np.zeros(len(codes) + 1, dtype=np.int64)
        np.cumsum(brk, out=out[1:])
        return out

    def chunk(self, texts: list[str], first: int):
        """(comment, stem, form, phrase text with the next word or -1) of the theme and
        describing words of ``texts``, the comments numbered from ``first``, in order (numbers
        below 2**31 are kept as int32: a million comments have some five million words)."""
        joined = SEP.join(texts)
        if any(lead in joined for lead in MOJIBAKE_LEADS) and MOJIBAKE_HINT.search(joined):
            texts = [repair(t) for t in texts]
            joined = SEP.join(texts)
        lowered = joined.lower()
        codes = np.frombuffer(lowered.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        prefixes = self._prefixes(codes)
        ids, local, starts, ends = self._words_of(lowered, codes, prefixes)
        self._new_words()
        if self.language == "auto":
            code = self._languages(texts, ids, local, joined)
        else:
            code = np.full(len(texts), CODES.index(self.language), dtype=np.int64)

        stemmed = np.flatnonzero(code[local] < len(STEMMED))
        combos, inverse = np.unique(ids[stemmed] * len(CODES) + code[local[stemmed]], return_inverse=True)
        stem_of, form_of = np.empty(len(combos), dtype=np.int64), np.empty(len(combos), dtype=np.int64)
        for i, combo in enumerate(combos.tolist()):
            pair = self.meanings.get(combo)
            if pair is None:
                found = meaning(self.word_list[combo // len(CODES)], CODES[combo % len(CODES)])
                pair = (-1, -1) if found is None else (self._stem_number(found[0], found[2]), self.forms.number(found[1]))
                self.meanings[combo] = pair
            stem_of[i], form_of[i] = pair
        useful = stem_of[inverse] >= 0
        kept = stemmed[useful]
        stem, form = stem_of[inverse][useful], form_of[inverse][useful]
        clause = self._clause_breaks(codes)[starts] + np.cumsum(self.is_joining[ids])
        far = np.zeros(len(kept), dtype=np.int64)  # more than MAX_BETWEEN stop words since the last kept word
        if len(kept) > 1:
            far[1:] = np.cumsum(np.diff(kept) - 1 > MAX_BETWEEN)
        pos = np.arange(len(kept)) + 2 * (clause[kept] + far)
        comment = local[kept]
        kinds = np.asarray(self.stem_kinds, dtype=np.int8)
        span = np.full(len(kept), -1, dtype=np.int64)
        if len(kept) > 1:
            adjacent = np.flatnonzero((pos[1:] == pos[:-1] + 1) & ((kinds[stem[1:]] == THEME) | (kinds[stem[:-1]] == THEME)))
            span[adjacent] = self._span_numbers(lowered, prefixes, starts[kept[adjacent]], ends[kept[adjacent + 1]])
        out = [first + comment, stem.astype(np.int32), form.astype(np.int32), span.astype(np.int32)]

        cjk = np.flatnonzero(code >= ZH).tolist()  # comment by comment (rare unless all are)
        if cjk:
            from xl_nps.text.cjk import cjk_words

            extra = []
            for i in cjk:
                text = texts[i].lower()
                found = cjk_words(text, CODES[code[i]])
                for j, w in enumerate(found):
                    nxt = found[j + 1] if j + 1 < len(found) else None
                    span_number = -1
                    if nxt is not None and nxt.position == w.position + 1 and THEME in (w.kind, nxt.kind):
                        span_number = self.spans.number_text(text[w.start:nxt.end])
                    extra.append((first + i, self._stem_number(w.stem, w.kind), self.forms.number(w.surface), span_number))
            if extra:
                out = [np.concatenate([a, b.astype(a.dtype)]) for a, b in zip(out, np.asarray(extra, dtype=np.int64).T)]
                order = np.argsort(out[0], kind="stable")
                out = [a[order] for a in out]
        return out

    def local_chunk(self, texts: list[str]) -> kept_chunks.Chunk:
        """:meth:`chunk` of ``texts`` with the stems, forms and phrase texts numbered within
        the chunk, in sorted order (``kept_chunks.Chunk``): what an earlier run may have kept."""
        comment, stem, form, span = self.chunk(texts, 0)
        per_comment = bincount(comment, minlength=len(texts)).astype(np.uint32)
        stem, stems = _local(stem, _table(self.stems, self.stem_table))
        form, forms = _local(form, _table(self.forms, self.form_table))
        span, spans = _local(span, _table(self.spans.numbers, self.span_table))
        return kept_chunks.Chunk(per_comment, stem, form, span, stems, forms, spans)

    def _languages(self, texts: list[str], ids: np.ndarray, local: np.ndarray, joined: str) -> np.ndarray:
        """The language of each comment, chosen as ``words.detect`` chooses it: mostly Han
        characters and kana -> ja if there is kana, else zh; Cyrillic -> ru; else the Latin
        language whose known words it uses most (accented letters break ties). Counted over the
        comment's words: Han characters, kana and Cyrillic and accented letters are letters, so
        they are all inside words."""
        n, size = len(texts), len(self.word_list)
        once = distinct(local * size + ids)  # each word once per comment
        comment, word = once // size, once % size
        scores = np.zeros((len(LATIN), n))
        for row, code in enumerate(LATIN):
            scores[row] = bincount(comment[self.is_stop[code][word]], minlength=n)
            if code in TIE_BREAK:
                marked = bincount(comment, weights=self.marks[code][word], minlength=n) > 0
                signs = [sign for sign in TIE_BREAK[code] if not sign.isalpha() and sign in joined]
                if signs:  # marks that are not letters (Spanish ¿ ¡) are in no word: look at those comments
                    marked |= np.fromiter((any(sign in t for sign in signs) for t in texts), dtype=bool, count=n)
                scores[row] += 0.5 * marked
        best = np.argmax(scores, axis=0)  # the first of equal scores, as in detect()
        best[scores.max(axis=0) <= 0] = 0
        han = bincount(local, weights=self.han[ids], minlength=n).astype(np.int64)
        kana = bincount(local, weights=self.kana[ids], minlength=n).astype(np.int64)
        words_per_comment = bincount(local, minlength=n)
        cyrillic = bincount(comment, weights=self.cyrillic[word], minlength=n) > 0
        if any(sign in joined for sign in CYRILLIC_SIGNS):  # Cyrillic signs that are not letters
            cyrillic |= np.fromiter((CYRILLIC.search(t) is not None for t in texts), dtype=bool, count=n)
        cjk = han + kana
        east = (cjk > 0) & (cjk * 2 >= words_per_comment + cjk // 2)
        return np.where(east, np.where(kana > 0, JA, ZH), np.where(cyrillic, RU, best))


def _powers(base: int, size: int) -> np.ndarray:
    """base**0 .. base**(size - 1) modulo 2**64, by doubling: the powers found so far times
    base**(how many there are) give as many more, one vectorised multiplication each (a
    running product, one element after the other, took ten times as long)."""
    out = np.empty(size, dtype=np.uint64)
    out[0] = 1
    filled = 1
    while filled < size:
        step = min(filled, size - filled)
        np.multiply(out[:step], np.uint64(int(out[filled - 1]) * base % 2**64), out=out[filled:filled + step])
        filled += step
    return out


def find_mentions(comments, language: str = "auto", progress=None) -> Mentions:
    """The keys each comment mentions (see the module docstring). ``language`` is "auto" or a
    checked two-letter code; ``progress(done, total)`` is called once per 10,000 comments."""
    comments = comments if isinstance(comments, list) else list(comments)
    return find_mentions_in_batches([comments], language, progress, len(comments))


def find_mentions_in_batches(batches, language: str = "auto", progress=None, total: int | None = None) -> Mentions:
    """:func:`find_mentions` of comments that arrive in batches (lists, such as the rows a
    database streams), numbered across the batches (the comments themselves are kept for the
    examples). ``progress(done, total)`` is called once per 10,000 comments (``total`` None
    when unknown). Each chunk's analysis is taken from the user's cache folder when an earlier
    run kept it (``xl_nps.text.kept_chunks``), else worked out and kept there."""
    reader = None
    numbering = _Numbering()
    first = 0
    comments: list = []
    given = None  # the first batch, when it is a list: kept as it is (never extended)
    keeping = user_cache.folder() is not None
    written = False
    heads = _Heads()
    for batch in batches:
        if given is None and not comments and isinstance(batch, list):
            comments = given = batch
        else:
            if comments is given:
                comments = list(comments)
            comments.extend(batch)
        for start in range(0, len(batch), CHUNK):
            if progress is not None:
                progress(first, total)
            texts = _texts(batch[start:start + CHUNK])
            file = kept_chunks.name(texts, language) if keeping else None
            chunk = kept_chunks.read(file) if file else None
            if chunk is not None and len(chunk.per_comment) == len(texts):
                kept_chunks.used(file)
            else:
                reader = reader or _Reader(language)
                chunk = (_extended(reader, texts, language, heads) if file else None) or reader.local_chunk(texts)
                written |= bool(file) and kept_chunks.keep(file, chunk)
            numbering.add(chunk, first)
            first += len(texts)
    total = first
    if written:
        kept_chunks.trim()
    kept_stems()  # the words stemmed for the first time, for the next analysis (words.stem)
    if progress is not None:
        progress(total, total)
    parts = numbering.parts
    empty = np.zeros(0, dtype=np.int64)
    comment, stem, form, span = (np.concatenate(a) for a in zip(*parts)) if parts else (empty,) * 4
    # comment numbers in int64 whatever numpy's index type: _keys multiplies them by key counts,
    # which passes 2**31 in 32-bit Pyodide from about 100,000 comments on
    comment = comment.astype(np.int64, copy=False)
    del parts, numbering.parts
    kinds = np.asarray([kind for _, kind in numbering.stems], dtype=np.int8)
    found = _keys(comment, stem, form, span, kinds, [s for s, _ in numbering.stems], list(numbering.forms),
                  list(numbering.spans), total)
    found.texts, found.language = comments, language
    return found


HEADS_TRIED = 4  # kept chunks at most tried, in one analysis, as the beginning of a chunk not kept


class _Heads:
    """The kept chunks that may be the beginning of a chunk that is not kept, by their comment
    counts (looked up the first time a chunk is not kept), the largest first. Each try hashes
    the chunk's first comments, so at most HEADS_TRIED are tried in one analysis: a quarterly
    refresh needs one (its last chunk), a first analysis of many chunks none."""

    def __init__(self):
        self.counts: list[int] | None = None
        self.left = HEADS_TRIED

    def below(self, size: int):
        if self.counts is None:
            self.counts = kept_chunks.counts()
        for count in [c for c in self.counts if 0 < c < size]:
            if self.left <= 0:
                return
            self.left -= 1
            yield count


def _extended(reader: "_Reader", texts: list[str], language: str, heads: _Heads) -> kept_chunks.Chunk | None:
    """The chunk of ``texts`` from a kept chunk of its first comments and the analysis of the
    rest (``kept_chunks.joined``), or None when none of its beginnings is kept. A quarterly
    refresh adds a few answers at the end: the last chunk is the one of the refresh before
    with a few more comments, so only those are analysed (the longest beginning kept is used)."""
    for count in heads.below(len(texts)):
        head = kept_chunks.read(kept_chunks.name(texts[:count], language))
        if head is not None and len(head.per_comment) == count:
            return kept_chunks.joined(head, reader.local_chunk(texts[count:]))
    return None


class _Numbering:
    """The stems (with their kind), forms and phrase texts of the whole analysis, numbered in
    order of first sight: chunk after chunk, each chunk's in its sorted order (so the numbers
    are the same whether a chunk was worked out or kept from an earlier run)."""

    def __init__(self):
        self.stems, self.forms, self.spans = _Numbers(), _Numbers(), _Numbers()
        self.parts: list[list[np.ndarray]] = []

    def add(self, chunk: kept_chunks.Chunk, first: int) -> None:
        stems = self.stems.numbers(chunk.stems).astype(np.int32)
        forms = self.forms.numbers(chunk.forms).astype(np.int32)
        spans = np.append(self.spans.numbers(chunk.spans), -1).astype(np.int32)  # span -1 stays -1
        comment = first + repeat(np.arange(len(chunk.per_comment), dtype=np.int64), chunk.per_comment)
        self.parts.append([comment, stems[chunk.stem], forms[chunk.form], spans[chunk.span]])


def _local(numbers: np.ndarray, table: list) -> tuple[np.ndarray, list]:
    """``numbers`` (of ``table``'s items; -1: none) renumbered as the sorted items they use."""
    used = distinct(numbers[numbers >= 0])
    items = [table[i] for i in used.tolist()]
    order = sorted(range(len(items)), key=items.__getitem__)
    rank = np.empty(len(used) + 1, dtype=np.int32)
    rank[order] = np.arange(len(used), dtype=np.int32)
    rank[-1] = -1
    place = np.searchsorted(used, numbers)
    place[numbers < 0] = len(used)
    return rank[place], [items[i] for i in order]


def _table(numbers: dict, table: list) -> list:
    """``table`` (the keys of ``numbers`` in order) brought up to date."""
    if len(table) < len(numbers):
        table.extend(islice(numbers, len(table), None))
    return table


def distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values, sorted: ``np.unique`` by sorting (numpy 2.3+'s hashing
    ``np.unique`` takes 100 times longer on a million large integers)."""
    values = np.sort(values)
    first = np.ones(len(values), dtype=bool)
    np.not_equal(values[1:], values[:-1], out=first[1:])
    return values[first]


def _texts(comments: list) -> list[str]:
    """The comments as :func:`_text` gives them; as they are when they are all text without
    SEP (checked at C speed: most comments come from a sheet's text cells)."""
    if set(map(type, comments)) <= {str} and SEP not in "".join(comments):
        return list(comments)
    return [_text(c) for c in comments]


def _text(comment) -> str:
    if not comment:
        return ""
    text = comment if type(comment) is str else str(comment)
    return text.replace(SEP, " ") if SEP in text else text


def _keys(comment, stem, form, span, kinds, stem_names, form_names, span_names, total) -> Mentions:
    """Phrases, the keys of each comment and the commonest form of each key (the module
    docstring gives the rules). The words come in comment order, each comment's in order."""
    n_stems = max(len(stem_names), 1)
    word_df = bincount(distinct(comment * n_stems + stem) % n_stems, minlength=n_stems)
    is_theme = kinds[stem] == THEME if len(stem) else np.zeros(0, dtype=bool)

    at = np.flatnonzero(span[:-1] >= 0) if len(span) else np.zeros(0, dtype=np.int64)  # word at and at + 1
    pair_codes, pair = np.unique(stem[at].astype(np.int64) * n_stems + stem[at + 1], return_inverse=True)
    pair = pair.reshape(-1)
    n_pairs = max(len(pair_codes), 1)
    pair_df = bincount(distinct(comment[at] * n_pairs + pair) % n_pairs, minlength=len(pair_codes))
    left, right = pair_codes // n_stems, pair_codes % n_stems
    left_theme, right_theme = kinds[left] == THEME, kinds[right] == THEME
    recurring = pair_df >= MIN_PHRASE
    own = (recurring & left_theme & right_theme & (pair_df >= PHRASE_SHARE * word_df[left])
           & (pair_df >= PHRASE_SHARE * word_df[right]))
    head = np.where(left_theme & (~right_theme | (word_df[left] > word_df[right])), left, right)
    pair_key = np.where(own, n_stems + np.cumsum(own) - 1, head)  # own phrases are numbered after the stems

    recurs = np.flatnonzero(recurring[pair])
    in_own = np.zeros(len(stem), dtype=bool)
    own_at = at[recurs[own[pair[recurs]]]]
    in_own[own_at] = in_own[own_at + 1] = True
    # a phrase that overlaps a phrase that is a theme of its own ("slow customer service") is not used
    used = recurs[own[pair[recurs]] | ~(in_own[at[recurs]] | in_own[at[recurs] + 1])]
    occurrence = at[used]  # recurring phrases, by their first word
    occurrence_pair = pair[used]
    occurrence_key = pair_key[occurrence_pair]
    in_phrase = np.zeros(len(stem), dtype=bool)
    in_phrase[occurrence] = in_phrase[occurrence + 1] = True
    free = np.flatnonzero(is_theme & ~in_phrase)

    n_keys = n_stems + int(own.sum())
    source = np.concatenate([free, occurrence])
    key_of_source = np.concatenate([stem[free].astype(np.int64), occurrence_key])
    mentioned = distinct(comment[source] * n_keys + key_of_source)

    stems = [(s,) for s in stem_names] + [()] * (n_keys - len(stem_names))
    for k, code in zip(pair_key[own].tolist(), pair_codes[own].tolist()):
        stems[k] = (stem_names[code // n_stems], stem_names[code % n_stems])
    names = [""] * n_keys
    listed = ~own[occurrence_pair]
    heads = np.where(head[occurrence_pair[listed]] == stem[occurrence[listed]], occurrence[listed], occurrence[listed] + 1)
    as_itself = np.concatenate([free, heads])
    _name(names, stem[as_itself], form[as_itself], lambda f: form_names[f])
    is_own = own[occurrence_pair]
    _name(names, occurrence_key[is_own], span[occurrence[is_own]], lambda f: span_names[f])

    phrase_names = [""] * len(pair_codes)
    _name(phrase_names, occurrence_pair[listed], span[occurrence[listed]], lambda f: span_names[f])
    n_listed = max(len(pair_codes), 1)
    listed_once = distinct(comment[occurrence[listed]] * n_listed + occurrence_pair[listed])
    listed_comment, listed_pair = listed_once // n_listed, listed_once % n_listed
    return Mentions(mentioned // n_keys, mentioned % n_keys, names, stems, total,
                    listed_comment, pair_key[listed_pair].astype(np.int32), listed_pair.astype(np.int32), phrase_names)


def _name(names: list[str], key: np.ndarray, form: np.ndarray, text) -> None:
    """names[k] = the form written most often for key k (of equal counts, the first in
    sort order); ``text(form)`` spells a form."""
    if not len(key):
        return
    n_forms = int(form.max()) + 1
    combos, counts = np.unique(key.astype(np.int64) * n_forms + form, return_counts=True)
    keys = combos // n_forms
    starts = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]]))
    most = np.maximum.reduceat(counts, starts)
    group = np.cumsum(np.concatenate([[False], keys[1:] != keys[:-1]]))
    best = np.flatnonzero(counts == most[group])  # the commonest forms of each key, in key order
    best_keys, best_forms = keys[best].tolist(), (combos[best] % n_forms).tolist()
    for k, f in zip(best_keys, best_forms):
        spelled = text(f)
        if names[k] == "" or spelled < names[k]:
            names[k] = spelled
