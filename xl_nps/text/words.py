"""Comments as words: language, clauses, meaningful words and their common stem.

Packages (all pure Python, offline, no model downloads):

* the stop-word lists of the ``stop-words`` project (A. Savand and contributors, release
  2025.11.4, BSD-3-Clause; github.com/Alir3z4/python-stop-words), copied into
  ``xl_nps/data/stop_words`` with their licence: the only release that has Chinese needs
  Python 3.11, and a copy gives the same themes on every Python and in xlwings Lite;
* ``snowballstemmer`` - the Snowball stemmers (Porter 2001, snowballstem.org), so
  price/prices/pricing and цена/цены/цену share one stem;
* ``ftfy`` - repairs text that arrived as mojibake ("TrÃ¨s" -> "Très");
* ``jieba-py`` - Chinese word segmentation (``xl_nps.text.cjk``).

Languages: English, Russian, French, German and Spanish are tokenised into stemmed words;
Chinese into dictionary words (jieba); Japanese into runs of kanji and runs of katakana
(``xl_nps.text.cjk``). With ``language="auto"`` each comment gets its own language: kana ->
Japanese, Han characters -> Chinese, Cyrillic -> Russian, otherwise the Latin language whose
stop words (and listed words, below) the comment uses most (accented letters break ties). This small detector is fast
and deterministic, and it only has to choose among the languages we can read.

Every word of a comment is one of three kinds:

* a *stop word* (the stop-words list, plus the feeling words of ``EVALUATIVE`` such as
  "great", "thanks", and the degree words of ``DEGREE`` such as "a bit", "a lot"): left out;
* a *describing word* (``DESCRIBING``: speed, size, length and durations such as "slow",
  "high", "days", "lang"; in Chinese one-character words and words led by a degree adverb such
  as 太高 "too high"): it says how something is, not what, so it is never a theme of its own,
  but it can be part of a phrase ("high prices", "support is slow");
* a *theme word*: anything else of three letters or more (two characters in Chinese and
  Japanese).

Clauses. A phrase never crosses a *clause break*: punctuation (``BREAKS``: comma, full stop,
semicolon, colon, ! ?, brackets and quotes, a dash between spaces, line breaks, and Chinese
and Japanese punctuation 。，、；：！？) or a joining word (``JOINING``: and, but, или, 但是, ...).
Inside a clause, up to ``MAX_BETWEEN`` (3) stop words do not separate words: "price is a bit
high" has "price" next to "high". ``Word.position`` numbers the theme and describing words of a
comment so that two words are next to each other exactly when their positions differ by one.
"""

from __future__ import annotations

import re
import sys
import threading
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from xl_nps import user_cache
from xl_nps.errors import XlNpsError, quote

LANGUAGES = {"en": "english", "ru": "russian", "fr": "french", "de": "german", "es": "spanish", "zh": "chinese",
             "ja": "japanese"}
ALIASES = {name: code for code, name in LANGUAGES.items()} | {code: code for code in LANGUAGES}
LATIN = ("en", "fr", "de", "es")
STEMMED = LATIN + ("ru",)  # the languages with a Snowball stemmer; zh and ja are read by xl_nps.text.cjk
TIE_BREAK = {"fr": set("éèêàçùœëîôû"), "de": set("äöüß"), "es": set("ñ¿¡áíóú")}

THEME, DESCRIBING = 1, 0  # the kinds of word that are kept (a stop word is not kept)

# Words that say how someone feels but not about what: they are no theme. Matched by their
# stem too (hervorragender -> hervorragend).
EVALUATIVE = {
    "en": {"great", "good", "bad", "excellent", "awesome", "amazing", "terrible", "poor", "nice", "fine",
           "ok", "okay", "love", "like", "happy", "satisfied", "recommend", "thank", "thanks", "perfect",
           "best", "worst", "everything", "nothing", "always", "never", "overall", "decent", "fantastic",
           "friendly", "helpful", "wonderful", "horrible", "awful", "outstanding", "superb", "brilliant",
           "special", "disappointed", "disappointing"},
    "ru": {"хороший", "хорошо", "отличный", "отлично", "плохо", "плохой", "спасибо", "всё", "все", "очень",
           "нравится", "рекомендую", "супер", "нормально", "ужасно", "ужасный", "прекрасный", "всегда", "никогда",
           "лучший", "худший"},
    "fr": {"bien", "bon", "bonne", "excellent", "mauvais", "merci", "super", "parfait", "très", "top", "génial",
           "correct", "nul", "déçu", "toujours", "jamais"},
    "de": {"gut", "gute", "guter", "gutes", "sehr", "schlecht", "super", "danke", "toll", "tolle", "toller", "hervorragend",
           "hervorragende", "hervorragender", "hervorragendes", "perfekt", "prima", "okay", "immer", "nie"},
    "es": {"bueno", "buena", "bien", "malo", "excelente", "gracias", "muy", "genial", "perfecto", "fatal", "siempre",
           "nunca"},
    "zh": {"很好", "好", "不错", "满意", "谢谢", "感谢", "喜欢", "推荐", "一般", "差", "很差", "棒", "优秀",
           "完美", "糟糕", "失望", "非常好", "还好", "还行", "不好", "太好了"},
    "ja": set(),
}
# How much, not what: left out like stop words.
DEGREE = {
    "en": {"bit", "lot", "lots", "kinda", "somewhat", "slightly", "extremely", "totally"},
    "ru": {"чуть", "немножко", "совсем", "крайне"},
    "fr": {"vraiment", "assez", "plutôt", "carrément"},
    "de": {"bisschen", "ziemlich", "total", "extrem", "echt"},
    "es": {"bastante", "demasiado", "algo", "súper"},
    "zh": {"有点", "非常", "比较", "特别", "真的", "挺", "太", "很", "最", "更", "我们", "你们", "他们", "没有",
           "一个", "这个", "那个", "就是", "什么", "还是", "已经", "可以", "一直", "总是"},
    "ja": set(),
}
# How something is (speed, size, length, how long): part of phrases, never a theme.
DESCRIBING_WORDS = {
    "en": {"slow", "slowly", "fast", "quick", "short", "high", "low", "long", "big", "small", "hour", "hours",
           "day", "days", "week", "weeks", "month", "months", "minute", "minutes", "year", "years"},
    "ru": {"медленно", "медленный", "медленная", "медленные", "быстро", "быстрый", "быстрая", "быстрые",
           "высокий", "высокая", "высокие", "высокую", "низкий", "низкая", "низкие", "долго", "долгий",
           "час", "часа", "часов", "день", "дня", "дней", "неделя", "недели", "недель", "месяц", "месяца"},
    "fr": {"lent", "lente", "lents", "lentes", "rapide", "rapides", "long", "longs", "longue", "longues",
           "court", "courte", "élevé", "élevée", "élevés", "élevées", "heure", "heures", "jour", "jours",
           "semaine", "semaines", "mois"},
    "de": {"lang", "lange", "langsam", "schnell", "hoch", "hohe", "hoher", "hohen", "kurz", "niedrig", "stunde",
           "stunden", "tag", "tage", "tagen", "woche", "wochen", "monat", "monate"},
    "es": {"lento", "lenta", "lentos", "lentas", "rápido", "rápida", "rápidos", "alto", "alta", "altos", "altas",
           "largo", "larga", "corto", "bajo", "hora", "horas", "día", "días", "semana", "semanas", "mes", "meses"},
}
# Words that join two clauses: a phrase does not cross them.
JOINING = {
    "en": {"and", "but", "or", "because", "although", "though", "however", "while", "whereas"},
    "ru": {"и", "а", "но", "или", "потому", "однако", "зато"},
    "fr": {"et", "mais", "ou", "car", "donc", "cependant"},
    "de": {"und", "aber", "oder", "denn", "sondern", "doch", "jedoch"},
    "es": {"y", "pero", "o", "porque", "aunque", "sino"},
    "zh": {"但是", "但", "而且", "和", "可是", "因为", "所以", "不过", "并且", "还有", "以及", "而"},
    "ja": set(),
}
ALL_JOINING = frozenset().union(*JOINING.values())
# In Chinese, a word led by one of these says how much (太高 "too high", 很快 "very fast").
ZH_DEGREE_LEADS = tuple("很太挺真不没超最更较好") + ("非常", "比较", "特别", "有点")

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# CJK ideographs up to U+9FFC: U+9FFD-U+9FFF came with Unicode 14 (Python 3.11), so in Python 3.10
# they are no letters; left out, every Python counts the same Han characters, all inside words
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9ffc]+")
KANA = re.compile(r"[\u3041-\u309f\u30a0-\u30ff\u31f0-\u31ff]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
MOJIBAKE_HINT = re.compile(r"[ÃÂÐÑâ][\u0080-\u00bf€™œž]|â€")
BREAK_SIGNS = ",.;:!?…—–()[]{}\"“”„«»¿¡\n\r\u2028\u2029。，、；：！？（）【】「」『』．｡､"
BREAKS = re.compile("[" + re.escape(BREAK_SIGNS) + "]| -|- ")  # a clause break between two words
MAX_BETWEEN = 3  # stop words between two words next to each other


class Word(NamedTuple):
    stem: str  # what forms of a word share
    surface: str  # the word as written (lower case)
    position: int  # place among the kept words of the comment; a clause break leaves a gap
    kind: int  # THEME or DESCRIBING
    start: int  # where it starts and ends in the lower-cased comment (for the phrase's text)
    end: int


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
    """The stop words of a language with its feeling and degree words: words left out."""
    text = resources.files("xl_nps").joinpath(f"data/stop_words/{LANGUAGES[code]}.txt").read_text("utf-8")
    listed = frozenset(line.strip() for line in text.splitlines() if line.strip())
    return listed | frozenset(EVALUATIVE.get(code, ())) | frozenset(DEGREE.get(code, ()))


@lru_cache(maxsize=None)
def known_words(code: str) -> frozenset[str]:
    """The words that tell a Latin language apart when choosing a comment's language: its stop
    words and its listed feeling, degree, describing and joining words."""
    return stop_words(code) | frozenset(DESCRIBING_WORDS[code]) | frozenset(JOINING[code])


@lru_cache(maxsize=None)
def _stemmer(code: str):
    import snowballstemmer

    return snowballstemmer.stemmer(LANGUAGES[code])


@lru_cache(maxsize=200_000)
def stem(word: str, code: str) -> str:
    """The Snowball stem of a lower-case word: from the stems kept in the user's cache folder
    by earlier runs when it is there (``kept_stems``), else from the stemmer (about 60
    microseconds a word: a survey of 100,000 comments has tens of thousands of distinct words,
    stemmed again by every refresh before they were kept)."""
    found = _kept_stems(code).get(word)
    if found is None:
        found = _stemmer(code).stemWord(word)
        if "\t" not in word and "\n" not in word:
            _new_stems.setdefault(code, {})[word] = found
    return found


# The stems kept between runs: a text file (UTF-8) in the user's cache folder. Its first line
# names the form; then three lines per language: the code and what identifies its stemmer's
# source file (a new snowballstemmer leaves the old stems unused), the words and their stems,
# each separated by tabs (words hold neither tabs nor line breaks).
STEMS_FILE = "stems.txt"
STEMS_FORM = "xl-nps stems 1"
KEPT_LIMIT = 300_000  # words kept over all languages (about 6 MB; read in some 0.05 s)
_new_stems: dict[str, dict[str, str]] = {}  # stemmed in this run and not kept yet
_keeping = threading.Lock()  # two analyses ending at once in one process keep their stems in turn


def _stemmer_source(code: str) -> str | None:
    module = sys.modules.get(type(_stemmer(code)).__module__)
    try:
        return f"{module.__name__} {user_cache.stamp(module.__file__)}"
    except (AttributeError, TypeError, OSError):
        return None


@lru_cache(maxsize=None)
def _kept_file() -> dict[str, tuple[str, dict[str, str]]]:
    """Language code -> (its stemmer's source, {word: stem}) as kept by earlier runs."""
    data = user_cache.read(STEMS_FILE)
    if not data:
        return {}
    try:
        lines = data.decode("utf-8").split("\n")
    except UnicodeDecodeError:
        return {}
    if lines[0] != STEMS_FORM or len(lines) % 3 != 1:
        return {}
    out = {}
    for head, words, stems in zip(lines[1::3], lines[2::3], lines[3::3]):
        code, _, source = head.partition(" ")
        words, stems = words.split("\t"), stems.split("\t")
        if code in STEMMED and len(words) == len(stems):
            out[code] = (source, dict(zip(words, stems)))
    return out


@lru_cache(maxsize=None)
def _kept_stems(code: str) -> dict[str, str]:
    """The stems kept for ``code`` by earlier runs with the same stemmer (empty when none)."""
    source, stems = _kept_file().get(code, (None, {}))
    return stems if source is not None and source == _stemmer_source(code) else {}


def kept_stems() -> None:
    """Keep the stems worked out in this run with those kept before, in the user's cache folder
    (``xl_nps.user_cache``: a file that cannot be written is skipped). Nothing is written
    when no new word was stemmed. Beyond ``KEPT_LIMIT`` words the new ones are kept first."""
    with _keeping:
        _keep_stems()


def _keep_stems() -> None:
    if not _new_stems:
        return
    blocks, room = [STEMS_FORM], KEPT_LIMIT
    for code in STEMMED:
        source = _stemmer_source(code) if code in _new_stems or _kept_stems(code) else None
        if source is None:
            continue
        merged = dict(_new_stems.get(code, {}))
        for word, found in _kept_stems(code).items():
            if len(merged) >= room:
                break
            merged.setdefault(word, found)
        merged = dict(list(merged.items())[:room])
        if not merged:
            continue
        room -= len(merged)
        blocks += [f"{code} {source}", "\t".join(merged), "\t".join(merged.values())]
        _kept_stems(code).update(merged)
    _new_stems.clear()
    user_cache.write(STEMS_FILE, "\n".join(blocks).encode("utf-8"))


@lru_cache(maxsize=None)
def _stems_of(code: str, which: str) -> frozenset[str]:
    """The stems of a language's feeling and degree words ("left") or describing words, to
    recognise their inflected forms (hervorragender, хорошая, excelentes). Not for English,
    whose adjectives hardly inflect and whose stems would catch other words (helpful -> help)."""
    if code == "en":
        return frozenset()
    if which == "left":
        listed = EVALUATIVE[code] | DEGREE[code]
    else:
        listed = DESCRIBING_WORDS[code]
    return frozenset(stem(w, code) for w in listed)


def prepare() -> None:
    """Load every language's stop words and stemmer now (the refresh does it while the sheet
    loads, rather than on the first comment in each language). The Chinese dictionary is
    loaded only when a Chinese comment appears."""
    for code in LANGUAGES:
        stop_words(code)
        if code in LATIN:
            known_words(code)
        if code in STEMMED:
            _stems_of(code, "left")
            _stems_of(code, "describing")


def repair(text: str) -> str:
    """Undo mojibake (UTF-8 read as a legacy code page) when the text shows its signs."""
    if MOJIBAKE_HINT.search(text):
        import ftfy  # pure Python: installed everywhere, xlwings Lite included

        return ftfy.fix_text(text)
    return text


def detect(text: str, tokens: list[str] | None = None) -> str:
    """The language code of one comment (see the module docstring); ``tokens`` are its
    lower-case words when the caller has them already."""
    if tokens is None:
        tokens = WORD.findall(text.lower())
    if not text.isascii():
        han = sum(len(run) for run in HAN.findall(text))
        kana = len(KANA.findall(text))
        cjk = han + kana
        if cjk and cjk * 2 >= len(tokens) + cjk // 2:
            return "ja" if kana else "zh"
    if CYRILLIC.search(text):
        return "ru"
    present = set(tokens)
    scores = {code: len(present & known_words(code)) for code in LATIN}
    if not text.isascii():
        letters = set(text.lower())
        for code, marks in TIE_BREAK.items():
            if letters & marks:
                scores[code] += 0.5
    best = max(LATIN, key=lambda code: scores[code])
    return best if scores[best] > 0 else "en"


_WORD_CACHE: dict[str, dict[str, tuple[str, str, int] | None]] = {}


def meaning(word: str, code: str) -> tuple[str, str, int] | None:
    """(stem, written form, kind) of a lower-case word of a stemmed language, or None for a
    stop word, a feeling or degree word, a joining word or a short one."""
    word = word.replace("’", "'")
    head, _, tail = word.partition("'")
    if tail and len(head) <= 2:  # French and Italian elision: l'équipe, d'attente
        word = tail
    if len(word) < 3 or word in ALL_JOINING:
        return None
    if word in DESCRIBING_WORDS[code]:  # before the stop words, which hold "high" and "long"
        return stem(word, code), word, DESCRIBING
    if word in stop_words(code):
        return None
    root = stem(word, code)
    if root in _stems_of(code, "left"):
        return None
    if root in _stems_of(code, "describing"):
        return root, word, DESCRIBING
    return root, word, THEME


def is_joining(word: str) -> bool:
    """Whether a lower-case word joins two clauses in any language ("and", "но", ...)."""
    return word in ALL_JOINING


def words(text: str, code: str) -> list[Word]:
    """The theme and describing words of one comment in language ``code``, in order, each with
    its stem and its place (see the module docstring)."""
    if code in ("zh", "ja"):
        from xl_nps.text.cjk import cjk_words

        return cjk_words(text.lower(), code)
    lowered = text.lower()
    cache = _WORD_CACHE.setdefault(code, {})
    out: list[Word] = []
    position, last_end, skipped = 0, 0, 0
    for match in WORD.finditer(lowered):
        token = match.group()
        if out and BREAKS.search(lowered, last_end, match.start()):
            position += 2  # a clause break between this word and the last kept one
        last_end = match.end()
        if token in ALL_JOINING:
            position += 2
            continue
        try:
            found = cache[token]
        except KeyError:
            found = cache[token] = meaning(token, code)
        if found is None:
            skipped += 1
            continue
        if skipped > MAX_BETWEEN:
            position += 2
        skipped = 0
        out.append(Word(found[0], found[1], position, found[2], match.start(), match.end()))
        position += 1
    return out
