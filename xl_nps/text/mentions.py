"""Which comment mentions which theme key: the comments of a whole survey as a few integer arrays.

A *key* is one stem (price, prices, pricing -> "price") or a recurring two-word phrase
("customer service"). The rules (``xl_nps.text.themes`` gives them in full):

* every comment gets its own language (``words.detect``) unless one is given;
* its meaningful words are its words less stop words and evaluative words, each with its
  Snowball stem (``words.words``); Chinese is read as pairs of Han characters;
* a pair of stems that stand next to each other becomes a phrase when at least ``MIN_PHRASE``
  comments use it and at least ``PHRASE_SHARE`` of the comments using its rarer word;
  words inside a phrase are not counted again on their own.

How. Looping over every comment in Python costs about 20 microseconds each; a year of e-mail
answers has a million. Here the comments are taken 10,000 at a time and joined into one
lower-cased string. Its words are found with numpy (letters looked up per code point, runs of
letters, the apostrophe rule of ``words.WORD``) and numbered by a hash of their code points, so
no Python string is made per word, only per distinct word. From then on everything (language
scores, stems, phrase counts, who mentions what) is counting with numpy over those numbers;
only distinct words and Chinese comments (read as pairs of characters) are looked at one by
one. The original per-comment loop is kept in the tests as a second method, and the two agree
count for count; the word finder is tested against the regular expression it replaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from xl_nps.text.words import CYRILLIC, HAN, LATIN, MOJIBAKE_HINT, TIE_BREAK, meaning, repair, stop_words, words

MIN_PHRASE = 3
PHRASE_SHARE = 0.3
CHUNK = 10_000  # comments split at once (bounds the memory of a million comments)
SEP = "\x00"  # joins the comments of a chunk; Excel cells cannot hold it
TOKEN = re.compile(r"[^\W\d_]++(?:['’][^\W\d_]++)?+|" + SEP)  # words.WORD made possessive (10% faster), or SEP
CODES = LATIN + ("ru", "zh")  # LATIN first and in its order: a tie goes to the first, as in detect()
ZH, RU = CODES.index("zh"), CODES.index("ru")
LETTER = re.compile(r"[^\W\d_]")  # a letter as words.WORD counts one
APOSTROPHES = np.array([ord("'"), ord("’")], dtype=np.uint32)
BASES = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F)  # odd, so invertible modulo 2**64
INVERSES = tuple(pow(b, -1, 2**64) for b in BASES)
LONG_WORD = 64  # letters; polynomial hashes modulo 2**64 can be made to clash on long strings
CYRILLIC_SIGNS = [chr(c) for c in range(0x482, 0x48A)]  # in the Cyrillic block but not letters
MOJIBAKE_LEADS = "ÃÂÐÑâ"  # every sign of mojibake words.MOJIBAKE_HINT looks for starts with one (a fast test first)


@dataclass
class Mentions:
    """One entry per (comment, key) mentioned; ``names[key]`` is the form of a key written
    most often, ``stems[key]`` the stems behind it."""

    comment: np.ndarray  # int64, index of the comment
    key: np.ndarray  # int64, key id
    names: list[str]
    stems: list[tuple[str, ...]]
    comments: int  # how many comments were analysed (blanks included)

    @cached_property
    def said(self) -> np.ndarray:
        """Which comments mention at least one key."""
        out = np.zeros(self.comments, dtype=bool)
        out[self.comment] = True
        return out


class _Numbers(dict):
    """string -> number, numbered in order of first sight."""

    def number(self, item: str) -> int:
        return self.setdefault(item, len(self))

    def numbers(self, items: list[str]) -> np.ndarray:
        for item in dict.fromkeys(items):
            self.setdefault(item, len(self))
        return np.fromiter(map(self.__getitem__, items), dtype=np.int64, count=len(items))


class _Reader:
    """What the chunks of one analysis share: the numbering of words, stems and written forms,
    the meaning of each (word, language) met so far, and which words are stop words."""

    def __init__(self, language: str):
        self.language = language
        self.words, self.stems, self.forms = _Numbers(), _Numbers(), _Numbers()
        self.word_list: list[str] = []
        self.is_stop = {code: np.zeros(0, dtype=bool) for code in LATIN}
        self.han, self.cyrillic = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool)
        self.marks = {code: np.zeros(0, dtype=bool) for code in TIE_BREAK}
        self.meanings: dict[int, tuple[int, int]] = {}
        self.position = 0  # running word position; comments are kept apart by gaps
        self.is_letter = np.zeros(0x110000, dtype=bool)  # by code point, for those seen so far
        self.seen = np.zeros(0x110000, dtype=bool)
        self.by_hash: dict[int, int] = {}  # a word's first hash -> its number
        self.by_text = False  # set after a clash of hashes: words are then numbered by their text
        self.second: list[int] = []  # each word's second hash, to check the first never collides
        self.powers = [np.ones(1, dtype=np.uint64)] * 2  # BASE**i, and the inverses, for i < len
        self.inverses = [np.ones(1, dtype=np.uint64)] * 2

    def _new_words(self) -> None:
        """Per-word facts the language choice counts: stop word of each Latin language, Han
        characters, Cyrillic letters, accented letters that break ties (only non-ASCII words
        can have the last three)."""
        fresh = list(self.words)[len(self.word_list):]
        self.word_list += fresh
        if self.language != "auto":
            return
        facts = {code: [w in stop_words(code) for w in fresh] for code in LATIN}
        odd = [(i, w) for i, w in enumerate(fresh) if not w.isascii()]
        han, cyrillic = np.zeros(len(fresh), dtype=np.int64), np.zeros(len(fresh), dtype=bool)
        marks = {code: np.zeros(len(fresh), dtype=bool) for code in TIE_BREAK}
        for i, w in odd:
            han[i] = sum(len(run) for run in HAN.findall(w))
            cyrillic[i] = CYRILLIC.search(w) is not None
            for code, letters in TIE_BREAK.items():
                marks[code][i] = not letters.isdisjoint(w)
        for code in LATIN:
            self.is_stop[code] = np.concatenate([self.is_stop[code], np.asarray(facts[code], dtype=bool)])
        self.han = np.concatenate([self.han, han])
        self.cyrillic = np.concatenate([self.cyrillic, cyrillic])
        for code in TIE_BREAK:
            self.marks[code] = np.concatenate([self.marks[code], marks[code]])

    def _words_of(self, lowered: str) -> tuple[np.ndarray, np.ndarray]:
        """(number of each word, its comment within the chunk) for the words ``TOKEN`` finds
        in ``lowered`` (comments joined by SEP), found with numpy rather than one Python string
        per word: letters are looked up per code point; runs of letters joined by one
        apostrophe pair up left to right, as the regular expression matches them; each word of
        up to ``LONG_WORD`` letters is numbered by a polynomial hash of its code points,
        checked by a second hash (a clash, never seen, switches the rest of the analysis to
        numbering by text); longer words, where crafted clashes are known, go by their text."""
        codes = np.frombuffer(lowered.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        present = np.flatnonzero(np.bincount(codes)) if len(codes) else np.zeros(0, dtype=np.int64)
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
        if not self.by_text:
            short = (ends - starts) <= LONG_WORD
            numbers = self._number(lowered, starts[short], ends[short],
                                   self._hashes(codes, starts[short], ends[short], 0),
                                   self._hashes(codes, starts[short], ends[short], 1))
        if numbers is None:  # two words under one hash: from now on the slow, sure way
            self.by_text = True
            return self.words.numbers([w for w in TOKEN.findall(lowered) if w != SEP]), local
        if not short.all():  # long words (junk such as "aaaa...") go by their text
            out = np.empty(len(starts), dtype=np.int64)
            out[short] = numbers
            for i in np.flatnonzero(~short).tolist():
                out[i] = self._number_text(lowered[starts[i]:ends[i]])
            numbers = out
        return numbers, local

    def _number_text(self, word: str) -> int:
        number = self.words.setdefault(word, len(self.words))
        if number == len(self.second):
            self.second.append(-1)  # keeps self.second in step with the numbers; never hashed
        return number

    def _hashes(self, codes: np.ndarray, starts: np.ndarray, ends: np.ndarray, k: int) -> np.ndarray:
        """Each word's hash: the sum of code[i] * BASE**(i - start) over its letters, modulo
        2**64 (prefix sums, shifted to the word's start by the inverse power)."""
        n = len(codes) + 1
        if len(self.powers[k]) < n:
            size = max(n, 2 * len(self.powers[k]))
            self.powers[k], self.inverses[k] = _powers(BASES[k], size), _powers(INVERSES[k], size)
        prefix = np.zeros(n, dtype=np.uint64)
        np.cumsum(codes.astype(np.uint64) * self.powers[k][:n - 1], out=prefix[1:])
        return (prefix[ends] - prefix[starts]) * self.inverses[k][starts]

    def _number(self, lowered, starts, ends, first, second):
        """Each word's number (new words are added), or None if two words share a first hash."""
        order = np.argsort(first)  # np.unique(return_index=True) would sort stably, twice as slow
        ordered = first[order]
        new_group = np.ones(len(ordered), dtype=bool)
        np.not_equal(ordered[1:], ordered[:-1], out=new_group[1:])
        distinct, where = ordered[new_group], order[new_group]  # where: one word of each hash
        inverse = np.empty(len(first), dtype=np.int64)
        inverse[order] = np.cumsum(new_group) - 1
        if not np.array_equal(second, second[where][inverse]):
            return None
        numbers = np.empty(len(distinct), dtype=np.int64)
        for i, (h, h2, at) in enumerate(zip(distinct.tolist(), second[where].tolist(), where.tolist())):
            number = self.by_hash.get(h)
            if number is None:
                word = lowered[starts[at]:ends[at]]
                number = self.words.setdefault(word, len(self.words))
                if number != len(self.second):  # the same text under two hashes: impossible
                    return None
                self.by_hash[h] = number
                self.second.append(h2)
            elif self.second[number] != h2:
                return None
            numbers[i] = number
        return numbers[inverse]

    def chunk(self, texts: list[str], first: int):
        """(position, comment, stem, written form) of the meaningful words of ``texts``, the
        comments numbered from ``first``."""
        joined = SEP.join(texts)
        if any(lead in joined for lead in MOJIBAKE_LEADS) and MOJIBAKE_HINT.search(joined):
            texts = [repair(t) for t in texts]
            joined = SEP.join(texts)
        ids, local = self._words_of(joined.lower())
        self._new_words()
        place = np.arange(len(ids)) + local  # a word's place counting one separator per comment
        if self.language == "auto":
            code = self._languages(texts, ids, local, joined)
        else:
            code = np.full(len(texts), CODES.index(self.language), dtype=np.int64)

        keep = np.flatnonzero(code[local] != ZH)
        combos, inverse = np.unique(ids[keep] * len(CODES) + code[local[keep]], return_inverse=True)
        stem_of, form_of = np.empty(len(combos), dtype=np.int64), np.empty(len(combos), dtype=np.int64)
        for i, combo in enumerate(combos.tolist()):
            pair = self.meanings.get(combo)
            if pair is None:
                found = meaning(self.word_list[combo // len(CODES)], CODES[combo % len(CODES)])
                pair = (-1, -1) if found is None else (self.stems.number(found[0]), self.forms.number(found[1]))
                self.meanings[combo] = pair
            stem_of[i], form_of[i] = pair
        stem, form = stem_of[inverse], form_of[inverse]
        useful = stem >= 0
        keep = keep[useful]
        out = [self.position + place[keep], first + local[keep], stem[useful], form[useful]]
        self.position += len(ids) + len(texts)

        chinese = []  # pairs of Han characters, comment by comment (rare unless all are)
        for i in np.flatnonzero(code == ZH).tolist():
            for w in words(texts[i], "zh"):
                chinese.append((self.position + w.position, first + i, self.stems.number(w.stem), self.forms.number(w.surface)))
            self.position += len(texts[i]) + 2
        if chinese:
            out = [np.concatenate([a, b]) for a, b in zip(out, np.asarray(chinese, dtype=np.int64).T)]
        return out

    def _languages(self, texts: list[str], ids: np.ndarray, local: np.ndarray, joined: str) -> np.ndarray:
        """The language of each comment, chosen as ``words.detect`` chooses it: mostly Han
        characters -> zh, Cyrillic -> ru, else the Latin language whose stop words it uses most
        (accented letters break ties). Counted over the comment's words: Han characters and
        Cyrillic and accented letters are letters, so they are all inside words."""
        n, size = len(texts), len(self.word_list)
        once = distinct(local * size + ids)  # each word once per comment
        comment, word = once // size, once % size
        scores = np.zeros((len(LATIN), n))
        for row, code in enumerate(LATIN):
            scores[row] = np.bincount(comment[self.is_stop[code][word]], minlength=n)
            if code in TIE_BREAK:
                marked = np.bincount(comment, weights=self.marks[code][word], minlength=n) > 0
                signs = [sign for sign in TIE_BREAK[code] if not sign.isalpha() and sign in joined]
                if signs:  # marks that are not letters (Spanish ¿ ¡) are in no word: look at those comments
                    marked |= np.fromiter((any(sign in t for sign in signs) for t in texts), dtype=bool, count=n)
                scores[row] += 0.5 * marked
        best = np.argmax(scores, axis=0)  # the first of equal scores, as in detect()
        best[scores.max(axis=0) <= 0] = 0
        han = np.bincount(local, weights=self.han[ids], minlength=n).astype(np.int64)
        words_per_comment = np.bincount(local, minlength=n)
        cyrillic = np.bincount(comment, weights=self.cyrillic[word], minlength=n) > 0
        if any(sign in joined for sign in CYRILLIC_SIGNS):  # Cyrillic signs that are not letters
            cyrillic |= np.fromiter((CYRILLIC.search(t) is not None for t in texts), dtype=bool, count=n)
        zh = (han > 0) & (han * 2 >= words_per_comment + han // 2)
        return np.where(zh, ZH, np.where(cyrillic, RU, best))


def _powers(base: int, size: int) -> np.ndarray:
    """base**0 .. base**(size - 1) modulo 2**64."""
    out = np.ones(size, dtype=np.uint64)
    np.cumprod(np.full(size - 1, base, dtype=np.uint64), out=out[1:])
    return out


def find_mentions(comments, language: str = "auto", progress=None) -> Mentions:
    """The keys each comment mentions (see the module docstring). ``language`` is "auto" or a
    checked two-letter code; ``progress(done, total)`` is called once per 10,000 comments."""
    comments = comments if isinstance(comments, list) else list(comments)
    total = len(comments)
    reader = _Reader(language)
    parts = []
    for first in range(0, total, CHUNK):
        if progress is not None:
            progress(first, total)
        parts.append(reader.chunk([_text(c) for c in comments[first:first + CHUNK]], first))
    if progress is not None:
        progress(total, total)
    empty = np.zeros(0, dtype=np.int64)
    pos, comment, stem, form = (np.concatenate(a) for a in zip(*parts)) if parts else (empty,) * 4
    return _keys(pos, comment, stem, form, list(reader.stems), list(reader.forms), total)


def distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values, sorted: ``np.unique`` by sorting (numpy 2.3+'s hashing
    ``np.unique`` takes 100 times longer on a million large integers)."""
    values = np.sort(values)
    first = np.ones(len(values), dtype=bool)
    np.not_equal(values[1:], values[:-1], out=first[1:])
    return values[first]


def _text(comment) -> str:
    if not comment:
        return ""
    text = comment if type(comment) is str else str(comment)
    return text.replace(SEP, " ") if SEP in text else text


def _keys(pos, comment, stem, form, stem_names, form_names, total) -> Mentions:
    """Phrases, then the distinct keys of each comment and the commonest form of each key."""
    n_stems = max(len(stem_names), 1)
    unigram_df = np.bincount(distinct(comment * n_stems + stem) % n_stems, minlength=n_stems)

    side_by_side = np.flatnonzero(pos[1:] == pos[:-1] + 1)  # word j and word j + 1
    pair_codes, pair = np.unique(stem[side_by_side] * n_stems + stem[side_by_side + 1], return_inverse=True)
    n_pairs = max(len(pair_codes), 1)
    bigram_df = np.bincount(distinct(comment[side_by_side] * n_pairs + pair) % n_pairs, minlength=len(pair_codes))
    rarer = np.minimum(unigram_df[pair_codes // n_stems], unigram_df[pair_codes % n_stems])
    is_phrase = (bigram_df >= MIN_PHRASE) & (bigram_df >= PHRASE_SHARE * rarer)
    phrase_key = n_stems + np.cumsum(is_phrase) - 1  # phrase keys are numbered after the stems
    first = side_by_side[is_phrase[pair]]
    phrase_keys = phrase_key[pair[is_phrase[pair]]]
    single = np.ones(len(stem), dtype=bool)
    single[first] = single[first + 1] = False

    n_keys = n_stems + int(is_phrase.sum())
    key_comment = np.concatenate([comment[single], comment[first]])
    key = np.concatenate([stem[single], phrase_keys])
    mentioned = distinct(key_comment * n_keys + key)

    stems = [(s,) for s in stem_names] + [()] * (n_keys - len(stem_names))
    for k, code in zip(phrase_key[is_phrase].tolist(), pair_codes[is_phrase].tolist()):
        stems[k] = (stem_names[code // n_stems], stem_names[code % n_stems])
    names = [""] * n_keys
    _name(names, stem[single], form[single], lambda f: form_names[f])
    pair_forms, pair_form = np.unique(form[first] * len(form_names) + form[first + 1], return_inverse=True)

    def phrase_text(f: int) -> str:
        left, right = divmod(int(pair_forms[f]), len(form_names))
        return form_names[left] + ("" if _is_han(form_names[left]) else " ") + form_names[right]

    _name(names, phrase_keys, pair_form, phrase_text)
    return Mentions(mentioned // n_keys, mentioned % n_keys, names, stems, total)


def _is_han(text: str) -> bool:
    return all("\u3400" <= ch <= "\u9fff" for ch in text)


def _name(names: list[str], key: np.ndarray, form: np.ndarray, text) -> None:
    """names[k] = the form written most often for key k (of equal counts, the first in
    sort order); ``text(form)`` spells a form."""
    if not len(key):
        return
    n_forms = int(form.max()) + 1
    combos, counts = np.unique(key * n_forms + form, return_counts=True)
    best: dict[int, tuple[int, str]] = {}
    for combo, count in zip(combos.tolist(), counts.tolist()):
        k, f = divmod(combo, n_forms)
        spelled = text(f)
        held = best.get(k)
        if held is None or count > held[0] or (count == held[0] and spelled < held[1]):
            best[k] = (count, spelled)
    for k, (_, spelled) in best.items():
        names[k] = spelled
