"""The text encoding of a CSV export, decided by how the text reads.

UTF-8 (with or without BOM) and UTF-16 (with a BOM, or without one when every other byte of
plain text is NUL) are recognised exactly. Anything else was written by Excel's "Save as CSV"
in the ANSI code page of the Windows that saved it, or by an old DOS program: one of
``LEGACY``. Each is tried on the lines that hold non-ASCII bytes, and the one whose text reads
most like text wins (ties go to the earlier one). What counts against a reading:

* bytes the code page cannot decode (U+FFFD), private-use and C1 control characters;
* symbols where letters belong (``‚Ì•Ô`` where a Japanese export was read as cp1252);
* letters of two scripts inside one word (Latin next to Han, Greek or Cyrillic; Han, kana
  and full-width forms count as one script, as Japanese mixes them);
* Western words made mostly of accented letters, and a capital after a small letter;
* accented Latin letters that no two European languages use together (``ø`` from Czech
  ``ř`` read as cp1252; ``č`` and ``ŕ`` from French ``è`` and ``à`` read as cp1250);
* Han characters outside the commonly used level of the code page's own standard, which
  is where another script's bytes land: GB 2312 level 1 (3,755 characters) for GB18030,
  Big5's frequently used block (A440-C67E, 5,401 characters) for Big5, JIS X 0208 level 1
  (2,965 kanji) for Shift-JIS.

Sources: the code page tables are Python's codecs (Microsoft's cp1250/1251/1252, cp932 for
Windows Shift-JIS, cp950 for Windows Big5, GB18030, which covers GBK/cp936); the levels are
those of the standards (GB 2312-80 section 5; Big5 1984 常用字 block; JIS X 0208:1997 level 1).
"""

from __future__ import annotations

import codecs
import itertools
import re
import unicodedata
from functools import lru_cache

from xl_nps.errors import XlNpsError, quote

# Order = preference when two read equally well: Western, Central European and Cyrillic
# Windows; Chinese (simplified, traditional) and Japanese Windows; then DOS.
LEGACY = ("cp1252", "cp1250", "cp1251", "gb18030", "cp950", "cp932", "cp850", "cp866")
NAMES = {
    "cp1252": "Windows Western European", "cp1250": "Windows Central European", "cp1251": "Windows Cyrillic",
    "gb18030": "Chinese GB18030/GBK", "cp950": "Chinese Big5", "cp932": "Japanese Shift-JIS",
    "cp850": "DOS Western European", "cp866": "DOS Cyrillic",
}
SAMPLE_BYTES = 64 * 1024  # of lines holding non-ASCII bytes: enough to tell, quick to score eight times

PLAUSIBLE = set("«»–—‘’“”„…€°£¥§©®·¿¡ºª№•×"  # Western and Cyrillic punctuation and signs
                "。、，．：；！？「」『』（）【】《》〈〉・～〜ー…　―－＋％＆＠＃＊／＝")  # CJK punctuation
WORD = re.compile(r"[^\W\d_]+")

# Accented lower-case letters of the European languages written in cp1252 and cp1250.
ALPHABETS = {
    "fr": "àâæçéèêëîïôœùûüÿ", "es": "áéíñóúü", "pt": "áâãàçéêíóôõú", "it": "àèéìíîòóùú", "de": "äöüß",
    "nl": "áéëïóöü", "da": "æøåé", "sv": "åäöé", "fi": "äöåšž", "is": "áðéíóúýþæö", "ca": "àçèéíïòóúü",
    "pl": "ąćęłńóśźż", "cs": "áčďéěíňóřšťúůýž", "sk": "áäčďéíĺľňóôŕšťúýž", "hu": "áéíóöőúüű",
    "ro": "ăâîșşțţ", "hr": "čćđšž", "et": "äöõüšž", "tr": "çğıöşü", "sq": "çë",
}
LANGUAGE_PAIRS = [set(a) | set(b) for a, b in itertools.combinations(ALPHABETS.values(), 2)]

# The commonly used level of each CJK code page, as ranges of its two-byte codes.
COMMON_HAN = {"gb18030": ("gb2312", 0xB0A1, 0xD7FE), "cp950": ("cp950", 0xA440, 0xC67E),
              "cp932": ("cp932", 0x889F, 0x9872)}


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Bytes of a text export as text, and the encoding used (see the module docstring)."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except LookupError:
            raise XlNpsError(f"unknown encoding {quote(encoding)}; try utf-8, cp1252, cp1250, cp1251, gb18030, "
                             "cp950 (Big5), cp932 (Shift-JIS) or latin-1") from None
        except UnicodeDecodeError as error:
            raise XlNpsError(f"the file is not valid {encoding} (byte {error.start:,}); try another --encoding") from None
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as error:
                raise XlNpsError(f"the file starts like {name} but byte {error.start:,} is not; give --encoding") from None
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = best_legacy(data)
    return data.decode(best, errors="replace"), best


def best_legacy(data: bytes) -> str:
    """The code page of ``LEGACY`` whose decoding of ``data`` reads most like text."""
    lines, size = [], 0
    for line in data.splitlines():
        if size >= SAMPLE_BYTES:
            break
        if not line.isascii():
            lines.append(line)
            size += len(line)
    sample = b"\n".join(lines)
    return min(LEGACY, key=lambda name: (implausibility(sample.decode(name, errors="replace"), name), LEGACY.index(name)))


def _utf16_without_bom(data: bytes) -> str | None:
    """utf-16-le/-be when NUL fills the high byte of most characters at the start, as in
    plain text saved as UTF-16 without a byte order mark."""
    head = data[:4096]
    if len(head) < 4 or b"\x00" not in head:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


INSIDE_WORDS = set("’·-‐")  # apostrophe, Catalan middle dot, hyphens


def _letters_around(text: str, i: int) -> bool:
    """Western or Cyrillic letters on both sides of position ``i``."""
    return (0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha()
            and _script(text[i - 1]) in ("LATIN", "CYRILLIC") and _script(text[i + 1]) in ("LATIN", "CYRILLIC"))


@lru_cache(maxsize=65536)
def _script(ch: str) -> str:
    name = unicodedata.name(ch, "?").split(" ")[0]
    if name in ("CJK", "HIRAGANA", "KATAKANA", "KATAKANA-HIRAGANA", "IDEOGRAPHIC", "FULLWIDTH"):
        return "CJK"
    return name


@lru_cache(maxsize=65536)
def _rare_han(ch: str, encoding: str) -> bool:
    """A Han character outside the commonly used level of ``encoding``'s standard."""
    codec, low, high = COMMON_HAN[encoding]
    try:
        code = int.from_bytes(ch.encode(codec), "big")
    except UnicodeEncodeError:
        return True
    return not low <= code <= high


def implausibility(text: str, encoding: str = "") -> int:
    """How unlike text ``text`` reads, as decoded with ``encoding`` (0: nothing odd)."""
    penalty = 0
    check_han = encoding in COMMON_HAN
    for i, ch in enumerate(text):
        if ch < "\x80":
            continue
        if ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff":  # undecodable, private use
            penalty += 4
            continue
        if not ch.isalpha():
            if ch in PLAUSIBLE or (ch >= "\u2000" and unicodedata.category(ch) in ("No", "Nd", "Zs")):
                # ...but not inside a Western or Cyrillic word ("Gr”áe" is German "Größe" in cp850)
                if ch not in INSIDE_WORDS and _letters_around(text, i):
                    penalty += 2
                continue
            penalty += 4 if ch < "\xa0" else 2  # C1 controls, then stray symbols
            continue
        script = _script(ch)
        for j in (i - 1, i + 1):
            if 0 <= j < len(text) and text[j].isalpha():
                other = _script(text[j])
                if other != script:
                    penalty += 1 if "CJK" in (script, other) else 3
        if ch.isupper() and i > 0 and text[i - 1].islower():
            penalty += 1
        if check_han and script == "CJK" and unicodedata.name(ch, "").startswith("CJK") and _rare_han(ch, encoding):
            penalty += 1
    accented: dict[str, int] = {}
    for word in WORD.findall(text):
        letters = [ch.lower() for ch in word if ch >= "\x80"]
        if letters and _script(word[0]) == "LATIN" and _script(letters[0]) == "LATIN":
            if len(letters) * 2 > len(word) and not any(set(letters) <= set(a) for a in ALPHABETS.values()):
                penalty += len(letters)  # mostly accented letters, of no one language
            for ch in letters:
                accented[ch] = accented.get(ch, 0) + 1
    if accented:  # letters that no two European languages use together, counted twice
        penalty += 2 * min(sum(n for ch, n in accented.items() if ch not in pair) for pair in LANGUAGE_PAIRS)
    return penalty
