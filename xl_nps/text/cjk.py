"""Words of Chinese and Japanese comments, which leave no spaces between words.

Chinese: the jieba segmenter (Sun Junyi, github.com/fxsjy/jieba; here its maintained fork
``jieba-py``, the only one published as a pure-Python wheel, so it installs in xlwings Lite
and works offline). It finds the most probable split of a run of Han characters over a
dictionary of 349,000 words with their frequencies (a directed acyclic graph of the
dictionary words in the run, best path by dynamic programming), and guesses words missing
from the dictionary with a hidden Markov model (Viterbi). 价格太高了，服务很慢 -> 价格 / 太高 /
了 / 服务 / 很 / 慢. The dictionary is read into memory the first time a Chinese comment
appears (``_Tokenizer`` needs no prefix dictionary; jieba would otherwise build one for 0.3 s
and write it as a 9 MB cache file to the temporary folder). Reading jieba's text file takes
0.15 s; the words, frequencies and long prefixes read from it are then kept in a compact form
in the user's cache folder (``xl_nps.user_cache``), from which later runs read them in half the
time (the words' text in one piece, the frequencies as an array of numbers).
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
import struct
import sys
import threading
from array import array
import warnings
from functools import lru_cache

from xl_nps import user_cache

from xl_nps.text.words import (ALL_JOINING, BREAKS, DESCRIBING, EVALUATIVE, MAX_BETWEEN, THEME, ZH_DEGREE_LEADS,
                               Word, stop_words)

HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
JA_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\u3005]{2,}|[\u30a1-\u30fa\u30fc\u31f0-\u31ff]{2,}")
_lock = threading.Lock()
_tokenizer = None


SHORT = 4  # words up to this length are looked up at every place; 98% of jieba's words are


def _dictionary(handle) -> tuple[dict[str, int], int, frozenset[str]]:
    """jieba's dictionary: every word with its frequency, the total frequency, and the prefixes
    of SHORT or more characters of the longer words (see ``_Tokenizer.get_DAG``)."""
    try:
        parts = handle.read().decode("utf-8").split()
    finally:
        handle.close()
    words, counts = parts[0::3], list(map(int, parts[1::3]))  # lines: word frequency tag
    long_prefixes = frozenset(w[:i] for w in words if len(w) > SHORT for i in range(SHORT, len(w)))
    return dict(zip(words, counts)), sum(counts), long_prefixes


# The compact form of the dictionary (a cache file): a first line naming the form and the
# dictionary file it was read from; the numbers of words, of bytes of their text and of bytes of
# the prefixes' text, and the total frequency (four unsigned 64-bit numbers, little-endian); the
# words, one a line (UTF-8); their frequencies (unsigned 32-bit, little-endian, in the words'
# order); the long prefixes, one a line. Nothing in it is run as code.
COMPACT = "xl-nps jieba dictionary 1"
CACHE_FILE = "jieba-dictionary.bin"
SIZES = struct.Struct("<4Q")


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


def _compact(dictionary: tuple[dict[str, int], int, frozenset[str]], source: str) -> bytes:
    frequency, total, prefixes = dictionary
    words = "\n".join(frequency).encode("utf-8")
    counts = array("I", frequency.values())
    if sys.byteorder == "big":
        counts.byteswap()
    long_prefixes = "\n".join(sorted(prefixes)).encode("utf-8")
    return b"".join([f"{COMPACT}: {source}\n".encode("utf-8"), SIZES.pack(len(frequency), len(words), len(long_prefixes), total),
                     words, counts.tobytes(), long_prefixes])


def _from_compact(data: bytes, source: str) -> tuple[dict[str, int], int, frozenset[str]] | None:
    """The dictionary kept by :func:`_compact`, or None when ``data`` is not that of ``source``."""
    first = f"{COMPACT}: {source}\n".encode("utf-8")
    if not data.startswith(first) or len(data) < len(first) + SIZES.size:
        return None
    n, text_size, prefix_size, total = SIZES.unpack_from(data, len(first))
    at = len(first) + SIZES.size
    if len(data) != at + text_size + 4 * n + prefix_size:
        return None
    try:
        words = data[at:at + text_size].decode("utf-8").split("\n")
        prefixes = data[at + text_size + 4 * n:].decode("utf-8").split("\n") if prefix_size else []
    except UnicodeDecodeError:
        return None
    counts = array("I")
    counts.frombytes(data[at + text_size:at + text_size + 4 * n])
    if sys.byteorder == "big":
        counts.byteswap()
    if len(words) != n:
        return None
    return dict(zip(words, counts)), total, frozenset(prefixes)


def _read_dictionary(tokenizer) -> tuple[dict[str, int], int, frozenset[str]]:
    """:func:`_dictionary` of jieba's file, from the compact form in the user's cache folder
    when it was kept there from the same file (then kept there)."""
    source = _source()
    if source is not None:
        kept = user_cache.read(CACHE_FILE)
        found = _from_compact(kept, source) if kept else None
        if found is not None:
            return found
    found = _dictionary(tokenizer.get_dict_file())
    if source is not None:
        try:
            user_cache.write(CACHE_FILE, _compact(found, source))
        except OverflowError:  # a frequency outside 0 .. 2**32 - 1 (none in jieba's file): kept in no cache
            pass
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
    """A jieba tokenizer with the default dictionary read into memory (once per process; its
    compact form is kept in the user's cache folder, none in the temporary folder)."""
    global _tokenizer
    with _lock:
        if _tokenizer is None:
            tokenizer = _tokenizer_class()()
            tokenizer.FREQ, tokenizer.total, tokenizer.long_prefixes = _read_dictionary(tokenizer)
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
