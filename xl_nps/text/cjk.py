"""Words of Chinese and Japanese comments, which leave no spaces between words.

Chinese: the jieba segmenter (Sun Junyi, github.com/fxsjy/jieba; here its maintained fork
``jieba-py``, the only one published as a pure-Python wheel, so it installs in xlwings Lite
and works offline). It finds the most probable split of a run of Han characters over a
dictionary of 349,000 words with their frequencies (a directed acyclic graph of the
dictionary words in the run, best path by dynamic programming), and guesses words missing
from the dictionary with a hidden Markov model (Viterbi). 价格太高了，服务很慢 -> 价格 / 太高 /
了 / 服务 / 很 / 慢. The dictionary is read into memory the first time a Chinese comment
appears (about 0.1 s: ``_Tokenizer`` needs no prefix dictionary; jieba would otherwise build
one for 0.3 s and write it as a 9 MB cache file to the temporary folder).
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
import threading
import warnings
from functools import lru_cache

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
    """A jieba tokenizer with the default dictionary read into memory (once per process; no
    cache file is written)."""
    global _tokenizer
    with _lock:
        if _tokenizer is None:
            tokenizer = _tokenizer_class()()
            tokenizer.FREQ, tokenizer.total, tokenizer.long_prefixes = _dictionary(tokenizer.get_dict_file())
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
