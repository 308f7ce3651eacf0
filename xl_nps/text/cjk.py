"""Words of Chinese and Japanese comments, which leave no spaces between words.

Chinese: the jieba segmenter (Sun Junyi, github.com/fxsjy/jieba; here its maintained fork
``jieba-py``, the only one published as a pure-Python wheel, so it installs in xlwings Lite
and works offline). It finds the most probable split of a run of Han characters over a
dictionary of 349,000 words with their frequencies (a directed acyclic graph of the
dictionary words in the run, best path by dynamic programming), and guesses words missing
from the dictionary with a hidden Markov model (Viterbi). 价格太高了，服务很慢 -> 价格 / 太高 /
了 / 服务 / 很 / 慢. The dictionary is read the first time a Chinese comment appears
(``_Tokenizer`` needs no prefix dictionary; jieba would otherwise build one for 0.3 s and write
it as a 9 MB cache file to the temporary folder). Reading jieba's text file takes 0.2 s; its
words, frequencies and long prefixes are then kept in a compact form in the user's cache folder
(``xl_nps.user_cache``), grouped by first character, from which later runs open it in 0.03 s
and put into memory only the groups of the characters their comments use (:class:`Dictionary`).
A word of two characters or more is a theme word unless it is a stop word, a feeling word
(很好, 不错) or led by a degree adverb (太高, 很快: describing words); one-character words
(贵, 慢) are describing words. Latin words inside a Chinese comment are left out.

Japanese: no segmenter is bundled (the dictionaries of pure-Python ones are large). A word is
a run of two or more kanji (価格, 配送) or of two or more katakana (サポート); hiragana, which
mostly write grammar (が, は, です) and word endings, separate them, so a word is never cut in
half, but a compound of several kanji stays one word (二度間違 in 二度間違っていました), a word
with a hiragana ending counts by its kanji (間違 for 間違い) and one written with one kanji and
hiragana (高い) is not read.

Traditional Chinese is read with the same dictionary, which is mostly of Simplified words:
words written alike in both (問題, 日期, 流程) are found; others fall apart into single
characters, which are never themes.
"""

from __future__ import annotations

import logging
import re
import sys
import threading
import warnings
from array import array
from bisect import bisect_left
from functools import lru_cache
from itertools import accumulate
from operator import itemgetter

from xl_nps import user_cache

from xl_nps.text.words import (ALL_JOINING, BREAKS, DESCRIBING, EVALUATIVE, MAX_BETWEEN, THEME, ZH_DEGREE_LEADS,
                               Word, stop_words)

HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
JA_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\u3005]{2,}|[\u30a1-\u30fa\u30fc\u31f0-\u31ff]{2,}")
_lock = threading.Lock()
_tokenizer = None


SHORT = 4  # words up to this length are looked up at every place; 98% of jieba's words are


def _dictionary(handle) -> tuple[list[str], list[int], int]:
    """jieba's dictionary file read: its words and their frequencies, in the file's order, and the
    total frequency (of every line, as jieba counts it)."""
    try:
        parts = handle.read().decode("utf-8").split()
    finally:
        handle.close()
    counts = list(map(int, parts[1::3]))  # lines: word frequency tag
    return parts[0::3], counts, sum(counts)


def _long_prefixes(words) -> list[str]:
    """The prefixes of SHORT or more characters of the longer words (see ``_Tokenizer.get_DAG``),
    sorted."""
    return sorted({w[:i] for w in words if len(w) > SHORT for i in range(SHORT, len(w))})


COUNT, END = "q", "I"  # array types of the frequencies and of the group ends


class Dictionary:
    """jieba's dictionary, put into memory a first character at a time.

    ``frequency`` (word -> frequency) and ``prefixes`` (the long prefixes) hold the words that
    begin with the characters of the texts given to :meth:`load` so far: every lookup jieba makes
    while it cuts a text is of a piece of that text, so it needs no other words. A survey with a
    few Chinese comments among many uses a few hundred of the 11,800 first characters; making
    the whole dictionary (349,000 words) took 0.08 s of every refresh.

    It is made from the words grouped by first character (``grouped``), as the compact form
    in the user's cache folder keeps them: ``words`` each followed by a line break, group after
    group; ``counts`` their frequencies; ``prefixes`` likewise; ``firsts`` the groups' first
    characters; ``ends`` for each group where it ends in words, in ``words``' text and in
    ``prefixes``' text (three arrays)."""

    def __init__(self, words: str, counts: array, prefixes: str, total: int, firsts: str,
                 ends: tuple[array, array, array]):
        self.frequency: dict[str, int] = {}
        self.prefixes: set[str] = set()
        self.total = total
        self._words, self._counts, self._prefix_text, self._firsts, self._ends = words, counts, prefixes, firsts, ends
        self._groups = dict(zip(firsts, range(len(firsts))))  # first character -> group not yet loaded
        self._lock = threading.Lock()  # one thread loads a group while another waits for its words
        self._complete = not self._groups  # every group loaded (set only once their words are in)

    def load(self, text: str) -> None:
        """Put the words that begin with a character of ``text`` into memory (when this
        returns, they are there, whichever thread began loading them)."""
        if self._complete:
            return
        with self._lock:
            self._load(self._groups.keys() & set(text))
            self._complete = not self._groups

    def _load(self, characters) -> None:
        word_ends, text_ends, prefix_ends = self._ends
        for character in characters:
            group = self._groups.pop(character)
            w0, t0, p0 = (word_ends[group - 1], text_ends[group - 1], prefix_ends[group - 1]) if group else (0, 0, 0)
            w1, t1, p1 = word_ends[group], text_ends[group], prefix_ends[group]
            self.frequency.update(zip(self._words[t0:t1 - 1].split("\n"), self._counts[w0:w1]))
            if p1 > p0:
                self.prefixes.update(self._prefix_text[p0:p1 - 1].split("\n"))

    def load_all(self) -> None:
        """Put every word into memory."""
        self.load("".join(self._groups))


def grouped(words: list[str], counts: list[int], total: int) -> Dictionary:
    """The :class:`Dictionary` of jieba's words and their frequencies (in the file's order: a
    word written twice keeps its last frequency, as jieba keeps it)."""
    order = sorted(range(len(words)), key=words.__getitem__)  # by first character, the file's order kept among equals
    if not order:
        return Dictionary("", array(COUNT), "", total, "", (array(END), array(END), array(END)))
    pick = itemgetter(*order) if len(order) > 1 else (lambda sequence: (sequence[order[0]],))
    words, counts = list(pick(words)), array(COUNT, pick(counts))
    prefixes = _long_prefixes(words)
    firsts = sorted(set(map(itemgetter(0), words)))
    # A word that begins with c sorts before the one-character text that follows c.
    after = [chr(ord(c) + 1) if ord(c) < sys.maxunicode else "\U0010ffff\U0010ffff" for c in firsts]
    word_ends = array(END, [bisect_left(words, a) for a in after])
    characters = list(accumulate(map(len, words)))  # characters of the words up to each one
    text_ends = array(END, [characters[end - 1] + end for end in word_ends])  # and a line break after each
    prefix_characters = [0, *accumulate(map(len, prefixes))]
    prefix_ends = array(END)
    for a in after:
        end = bisect_left(prefixes, a)
        prefix_ends.append(prefix_characters[end] + end)
    return Dictionary("\n".join(words) + "\n", counts, "".join(p + "\n" for p in prefixes), total,
                      "".join(firsts), (word_ends, text_ends, prefix_ends))


# The compact form of the dictionary (a cache file made by ``user_cache.pack``, checked whole):
# a JSON header (the dictionary file it was read from, the numbers of words, of characters of
# their text, of characters of the prefixes' text and of first characters, and the total
# frequency); then the words' text, the prefixes' text and the first characters (UTF-8, as
# Dictionary holds them), the frequencies (signed 64-bit) and the three arrays of group ends
# (unsigned 32-bit), little-endian. Nothing in it is run as code.
COMPACT = b"xl-nps jieba dictionary 3\n"
CACHE_FILE = "jieba-dictionary.bin"


def _source() -> str | None:
    """What identifies jieba's dictionary file (jieba's version, the file's size and time of
    change), or None when it is no plain file (then nothing is cached)."""
    import jieba
    from importlib.resources import files

    try:
        dictionary_file = user_cache.stamp(files("jieba").joinpath(jieba.DEFAULT_DICT_NAME))
    except (OSError, TypeError):  # inside a zip file, or gone
        return None
    return f"jieba {jieba.__version__} {dictionary_file} short {SHORT}"


def _little_endian(numbers: array) -> bytes:
    if sys.byteorder == "big":
        numbers = array(numbers.typecode, numbers)
        numbers.byteswap()
    return numbers.tobytes()


def _compact(dictionary: Dictionary, source: str) -> bytes:
    """The compact form of a :class:`Dictionary` (see COMPACT)."""
    d = dictionary
    head = {"source": source, "words": len(d._counts), "word_text": len(d._words), "prefix_text": len(d._prefix_text),
            "groups": len(d._firsts), "total": d.total}
    body = b"".join([t.encode("utf-8") for t in (d._words, d._prefix_text, d._firsts)] +
                    [_little_endian(a) for a in (d._counts, *d._ends)])
    return user_cache.pack(COMPACT, head, body)


def _from_compact(data: bytes | None, source: str) -> Dictionary | None:
    """The dictionary kept by :func:`_compact`, or None when ``data`` is not that of ``source``
    (another file, another form, or damaged)."""
    found = user_cache.unpack(data, COMPACT)
    if found is None:
        return None
    head, body = found
    try:
        if head["source"] != source:
            return None
        n, word_size, prefix_size, groups = head["words"], head["word_text"], head["prefix_text"], head["groups"]
        sizes = [(COUNT, n)] + [(END, groups)] * 3
        numbers = sum(array(kind).itemsize * length for kind, length in sizes)
        text = body[:len(body) - numbers].decode("utf-8")
        arrays, at = [], len(body) - numbers
        for kind, length in sizes:
            values = array(kind)
            values.frombytes(body[at:at + values.itemsize * length])
            at += values.itemsize * length
            if sys.byteorder == "big":
                values.byteswap()
            arrays.append(values)
    except (KeyError, TypeError, ValueError, UnicodeDecodeError):
        return None
    counts, word_ends, text_ends, prefix_ends = arrays
    if len(text) != word_size + prefix_size + groups or any(len(a) != groups for a in arrays[1:]) or len(counts) != n:
        return None
    if groups and (word_ends[-1] != n or text_ends[-1] != word_size or prefix_ends[-1] != prefix_size):
        return None
    return Dictionary(text[:word_size], counts, text[word_size:word_size + prefix_size], head["total"],
                      text[word_size + prefix_size:], (word_ends, text_ends, prefix_ends))


def _read_dictionary(tokenizer) -> Dictionary:
    """jieba's dictionary, from its compact form in the user's cache folder when it was kept
    there from the same file; else read from jieba's file (and then kept there)."""
    source = _source()
    if source is not None:
        found = _from_compact(user_cache.read(CACHE_FILE), source)
        if found is not None:
            return found
    found = grouped(*_dictionary(tokenizer.get_dict_file()))
    if source is not None:
        user_cache.write(CACHE_FILE, _compact(found, source))
    return found


def _tokenizer_class():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SyntaxWarning)  # invalid escapes in its source (3.12+)
        import jieba
    jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict..." on stderr

    class _Tokenizer(jieba.Tokenizer):
        """jieba's tokenizer without its prefix dictionary: jieba adds every prefix of every
        word to its word list (500,000 entries, 0.3 s to build) only so that the scan for
        words starting at a place can stop at the first fragment that begins no word. Here
        fragments of up to SHORT characters are all looked up and longer ones only while they
        begin a longer word: the same words are found (tested against jieba's own tokenizer)
        from a third of the work."""

        def cut(self, sentence, *args, **kwargs):
            """jieba's cut, with the words beginning with the sentence's characters in memory
            first (bytes decoded as jieba decodes them)."""
            sentence = jieba.strdecode(sentence)
            self.dictionary.load(sentence)
            return super().cut(sentence, *args, **kwargs)

        def get_DAG(self, sentence):
            frequency, prefixes = self.FREQ, self.long_prefixes
            n = len(sentence)
            dag = {}
            for k in range(n):
                ends = [i for i in range(k, min(n, k + SHORT)) if frequency.get(sentence[k:i + 1])]
                i = k + SHORT - 1
                while i < n - 1 and sentence[k:i + 1] in prefixes:
                    i += 1
                    if frequency.get(sentence[k:i + 1]):
                        ends.append(i)
                dag[k] = ends or [k]
            return dag

    return _Tokenizer


def segmenter():
    """A jieba tokenizer with the default dictionary (opened once per process, its words put
    into memory as the texts cut need them; its compact form is kept in the user's cache
    folder, nothing in the temporary folder)."""
    global _tokenizer
    with _lock:
        if _tokenizer is None:
            tokenizer = _tokenizer_class()()
            tokenizer.dictionary = dictionary = _read_dictionary(tokenizer)
            tokenizer.FREQ, tokenizer.total = dictionary.frequency, dictionary.total
            tokenizer.long_prefixes = dictionary.prefixes
            tokenizer.initialized = True
            _tokenizer = tokenizer
    return _tokenizer


def _cut(run: str) -> tuple[str, ...]:
    """The words of a run of Han characters (short runs, which recur, are remembered)."""
    return _cut_short(run) if len(run) <= 64 else tuple(segmenter().cut(run, HMM=True))


@lru_cache(maxsize=100_000)
def _cut_short(run: str) -> tuple[str, ...]:
    return tuple(segmenter().cut(run, HMM=True))


@lru_cache(maxsize=100_000)
def _zh_kind(word: str) -> int | None:
    if word in stop_words("zh") or word in EVALUATIVE["zh"]:
        return None
    if len(word) == 1 or word.startswith(ZH_DEGREE_LEADS):
        return DESCRIBING
    return THEME


def cjk_words(lowered: str, code: str) -> list[Word]:
    """The theme and describing words of one lower-cased Chinese (``code`` "zh") or Japanese
    ("ja") comment, as ``xl_nps.text.words.words`` gives them for other languages (a word's
    stem is the word itself)."""
    out: list[Word] = []
    position, last_end = 0, 0
    if code == "ja":
        stops = stop_words("ja")
        for match in JA_WORD.finditer(lowered):
            if out and BREAKS.search(lowered, last_end, match.start()):
                position += 2
            last_end = match.end()
            word = match.group()
            if word not in stops:
                out.append(Word(word, word, position, THEME, match.start(), match.end()))
                position += 1
        return out
    skipped = 0
    for match in HAN_RUN.finditer(lowered):
        if out and BREAKS.search(lowered, last_end, match.start()):
            position += 2
        start = match.start()
        for word in _cut(match.group()):
            end = start + len(word)
            if word in ALL_JOINING:
                position += 2
            else:
                kind = _zh_kind(word)
                if kind is None:
                    skipped += 1
                else:
                    if skipped > MAX_BETWEEN:
                        position += 2
                    skipped = 0
                    out.append(Word(word, word, position, kind, start, end))
                    position += 1
            start = end
        last_end = match.end()
    return out
