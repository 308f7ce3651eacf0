"""Comments as words: language, meaningful words and their common stem.

Packages (all pure Python, offline, no model downloads):

* ``stop-words`` - maintained stop-word lists per language;
* ``snowballstemmer`` - the Snowball stemmers, so price/prices/pricing and цена/цены/цену
  share one stem;
* ``ftfy`` - repairs text that arrived as mojibake ("TrÃ¨s" -> "Très").

Languages: English, Russian, French, German and Spanish are tokenised into stemmed words;
Chinese (which has no spaces) into pairs of characters. With ``language="auto"`` each comment
gets its own language: Han characters -> Chinese, Cyrillic -> Russian, otherwise the Latin
language whose stop words the comment uses most (accented letters break ties). This small
detector is fast (100,000 comments in seconds) and deterministic, and it only has to choose
among the languages we can stem.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from xl_nps.errors import XlNpsError, quote

LANGUAGES = {"en": "english", "ru": "russian", "fr": "french", "de": "german", "es": "spanish", "zh": "chinese"}
ALIASES = {name: code for code, name in LANGUAGES.items()} | {code: code for code in LANGUAGES}
LATIN = ("en", "fr", "de", "es")
TIE_BREAK = {"fr": set("éèêàçùœëîôû"), "de": set("äöüß"), "es": set("ñ¿¡áíóú")}

# Words that say how someone feels but not about what: they are no theme.
EVALUATIVE = {
    "en": {"great", "good", "bad", "excellent", "awesome", "amazing", "terrible", "poor", "nice", "fine",
           "ok", "okay", "love", "like", "happy", "satisfied", "recommend", "thank", "thanks", "perfect",
           "best", "worst", "everything", "nothing", "always", "never", "overall"},
    "ru": {"хороший", "хорошо", "отличный", "отлично", "плохо", "плохой", "спасибо", "всё", "все", "очень",
           "нравится", "рекомендую", "супер", "нормально"},
    "fr": {"bien", "bon", "bonne", "excellent", "mauvais", "merci", "super", "parfait", "très", "top", "génial"},
    "de": {"gut", "sehr", "schlecht", "super", "danke", "toll", "hervorragend", "perfekt", "prima"},
    "es": {"bueno", "buena", "bien", "malo", "excelente", "gracias", "muy", "genial", "perfecto"},
}

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
MOJIBAKE_HINT = re.compile(r"[ÃÂÐÑâ][\u0080-\u00bf€™œž]|â€")


class Word(NamedTuple):
    stem: str  # what forms of a word share
    surface: str  # the word as written (lower case)
    position: int  # index in the comment, to recognise phrases


def check_language(language: str) -> str:
    """'auto' or a supported language code/name -> 'auto' or its two-letter code."""
    value = str(language).strip().lower()
    if value in ("auto", ""):
        return "auto"
    if value not in ALIASES:
        names = ", ".join(f"{code} ({name})" for code, name in LANGUAGES.items())
        raise XlNpsError(f"language must be \"auto\" or one of {names}; got {quote(language)}")
    return ALIASES[value]


@lru_cache(maxsize=None)
def stop_words(code: str) -> frozenset[str]:
    from stop_words import get_stop_words

    return frozenset(get_stop_words(code)) | frozenset(EVALUATIVE.get(code, ()))


@lru_cache(maxsize=None)
def _stemmer(code: str):
    import snowballstemmer

    return snowballstemmer.stemmer(LANGUAGES[code])


@lru_cache(maxsize=200_000)
def stem(word: str, code: str) -> str:
    return _stemmer(code).stemWord(word)


def prepare() -> None:
    """Load every language's stop words and stemmer now (the refresh does it while the sheet
    loads, rather than on the first comment in each language)."""
    for code in LANGUAGES:
        stop_words(code)
        if code != "zh":
            _stemmer(code)


def repair(text: str) -> str:
    """Undo mojibake (UTF-8 read as a legacy code page) when the text shows its signs."""
    if MOJIBAKE_HINT.search(text):
        try:
            import ftfy
        except ImportError:  # optional: not installable everywhere (e.g. xlwings Lite)
            return text
        return ftfy.fix_text(text)
    return text


def detect(text: str, tokens: list[str] | None = None) -> str:
    """The language code of one comment (see the module docstring); ``tokens`` are its
    lower-case words when the caller has them already."""
    if tokens is None:
        tokens = WORD.findall(text.lower())
    han = sum(len(run) for run in HAN.findall(text)) if not text.isascii() else 0
    if han and han * 2 >= len(tokens) + han // 2:
        return "zh"
    if CYRILLIC.search(text):
        return "ru"
    present = set(tokens)
    scores = {code: len(present & stop_words(code)) for code in LATIN}
    if not text.isascii():
        letters = set(text.lower())
        for code, marks in TIE_BREAK.items():
            if letters & marks:
                scores[code] += 0.5
    best = max(LATIN, key=lambda code: scores[code])
    return best if scores[best] > 0 else "en"


_WORD_CACHE: dict[str, dict[str, tuple[str, str] | None]] = {}


def meaning(word: str, code: str) -> tuple[str, str] | None:
    """(stem, written form) of a lower-case word, or None for a stop word or a short one."""
    word = word.replace("’", "'")
    head, _, tail = word.partition("'")
    if tail and len(head) <= 2:  # French and Italian elision: l'équipe, d'attente
        word = tail
    if len(word) < 3 or word in stop_words(code):
        return None
    return stem(word, code), word


def words(text: str, code: str, tokens: list[str] | None = None) -> list[Word]:
    """Meaningful words of one comment in language ``code``: stop words and evaluative words
    removed, each with its stem; Chinese as overlapping pairs of Han characters."""
    if code == "zh":
        stops = stop_words("zh")
        out, position = [], 0
        for run in HAN.findall(text):
            for i in range(len(run) - 1):
                pair = run[i:i + 2]
                if pair[0] not in stops and pair[1] not in stops and pair not in stops:
                    out.append(Word(pair, pair, position))
                position += 1
            position += 1
        return out
    cache = _WORD_CACHE.setdefault(code, {})
    out = []
    for position, word in enumerate(WORD.findall(text.lower()) if tokens is None else tokens):
        try:
            found = cache[word]
        except KeyError:
            found = cache[word] = meaning(word, code)
        if found is not None:
            out.append(Word(found[0], found[1], position))
    return out
