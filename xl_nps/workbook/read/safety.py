"""Checks a file before anything reads it: is it what it claims, and is it safe to open?

Workbooks (.xlsx/.xlsm, which are zip archives of XML parts) are refused, with a one-line
message saying what they are, when they are:

* empty, random bytes, a truncated or damaged zip, or a zip that is not a workbook;
* a legacy .xls (Excel 97-2003) or a password-protected workbook (both OLE2 files; a
  protected one holds an "EncryptedPackage" stream);
* a decompression bomb: a part that would inflate past ``MAX_PART_BYTES``, more than
  ``MAX_RATIO`` times its compressed size once large, or an archive past ``MAX_TOTAL_BYTES``.
  The sizes are read from the zip directory; nothing is inflated to find out;
* XML with a document type declaration (``<!DOCTYPE``/``<!ENTITY``): entity expansion
  ("billion laughs") and external entities that point at local files. Excel never writes one.

Text exports get their encoding decided here too (:func:`decode`).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
import zipfile
from pathlib import Path

from xl_nps.errors import XlNpsError, quote

MAX_PART_BYTES = 2 * 1024**3  # one XML part: a full 1,048,576-row sheet is far below this
MAX_TOTAL_BYTES = 4 * 1024**3
MAX_RATIO = 200  # XML of real sheets compresses 5-30 times
RATIO_FROM_BYTES = 50 * 1024**2  # ratios matter only for parts larger than this
MAX_PARTS = 20_000
XML_PREFIX = 4096
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def check_workbook_file(path: Path) -> Path:
    """Refuse anything that is not a safe .xlsx/.xlsm workbook; say what it is."""
    path = Path(path)
    if not path.exists():
        raise XlNpsError(f"{path} does not exist")
    if path.is_dir():
        raise XlNpsError(f"{path} is a folder, not a workbook")
    with open(path, "rb") as handle:
        head = handle.read(8)
    if not head:
        raise XlNpsError(f"{path.name} is empty (0 bytes)")
    if head.startswith(OLE2):
        if _is_encrypted(path):
            raise XlNpsError(
                f"{path.name} is protected with a password; open it in Excel, remove the password "
                "(File > Info > Protect Workbook) and save it again"
            )
        raise XlNpsError(f"{path.name} is a legacy .xls file (Excel 97-2003); open it in Excel and save it as .xlsx")
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise XlNpsError(f"{path.name} is not an .xlsx or .xlsm workbook; save it from Excel as .xlsx first")
    if not head.startswith(b"PK"):
        raise XlNpsError(f"{path.name} is not an Excel workbook (it is not a valid .xlsx: another kind of file)")
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            _check_sizes(path, infos)
            names = {info.filename for info in infos}
            if "xl/workbook.xml" not in names:
                raise XlNpsError(f"{path.name} is a zip file but not an Excel workbook")
            for info in infos:
                if info.filename.endswith((".xml", ".rels", ".vml")):
                    with archive.open(info) as part:
                        if DTD.search(part.read(XML_PREFIX)):
                            raise XlNpsError(
                                f"{path.name} holds an XML document type declaration in {info.filename}, which "
                                "Excel never writes (it can expand to gigabytes or read local files); refused"
                            )
    except zipfile.BadZipFile:
        raise XlNpsError(f"{path.name} is not a valid .xlsx: the file is damaged or was cut short") from None
    except (zipfile.LargeZipFile, NotImplementedError, EOFError, OSError) as error:
        raise XlNpsError(f"{path.name} cannot be read as a workbook ({error})") from None
    return path


def _check_sizes(path: Path, infos) -> None:
    if len(infos) > MAX_PARTS:
        raise XlNpsError(f"{path.name} holds {len(infos):,} parts, far more than any workbook; refused")
    total = 0
    for info in infos:
        total += info.file_size
        big = info.file_size > RATIO_FROM_BYTES
        if info.file_size > MAX_PART_BYTES or (big and info.file_size > MAX_RATIO * max(info.compress_size, 1)):
            raise XlNpsError(
                f"{path.name} is a decompression bomb: {info.filename} would inflate from "
                f"{info.compress_size:,} to {info.file_size:,} bytes; refused without opening it"
            )
    if total > MAX_TOTAL_BYTES:
        raise XlNpsError(f"{path.name} would inflate to {total:,} bytes, more than any workbook; refused")


def _is_encrypted(path: Path) -> bool:
    """An OLE2 file holding the streams of an encrypted OOXML package."""
    marker = "EncryptedPackage".encode("utf-16-le")
    with open(path, "rb") as handle:
        data = handle.read(8 * 1024**2)
    return marker in data


# ---------------------------------------------------------------- text encodings

LEGACY = ("cp1252", "cp1251", "cp850", "cp866")  # Western and Cyrillic, Windows and DOS
PLAUSIBLE = set("«»–—‘’“”…€°£§©®·¿¡ºª")
WORD = re.compile(r"[^\W\d_]+")
SAMPLE_LINES = 2000


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Bytes of a text export as text, and the encoding used.

    UTF-8 (with or without BOM) and UTF-16 with BOM are recognised exactly. Anything else is
    one of the legacy code pages in ``LEGACY``: the one whose decoding of the lines with
    non-ASCII bytes reads most like text (letters of one script within a word, few stray
    symbols, Western words mostly ASCII) wins.
    """
    if encoding:
        try:
            return data.decode(encoding), encoding
        except LookupError:
            raise XlNpsError(f"unknown encoding {quote(encoding)}; try utf-8, cp1252, cp1251, cp850 or latin-1") from None
        except UnicodeDecodeError as error:
            raise XlNpsError(f"the file is not valid {encoding} (byte {error.start:,}); try another --encoding") from None
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as error:
                raise XlNpsError(f"the file starts like {name} but byte {error.start:,} is not; give --encoding") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    sample = b"\n".join([line for line in data.splitlines() if max(line, default=0) >= 128][:SAMPLE_LINES])
    best = min(LEGACY, key=lambda name: (_implausibility(sample.decode(name, errors="replace")), LEGACY.index(name)))
    return data.decode(best, errors="replace"), best


def _script(ch: str) -> str:
    return unicodedata.name(ch, "?").split(" ")[0]


def _implausibility(text: str) -> int:
    penalty = 0
    for i, ch in enumerate(text):
        if ord(ch) < 128:
            continue
        if not ch.isalpha():
            penalty += 0 if ch in PLAUSIBLE else 2
            continue
        script = _script(ch)
        for j in (i - 1, i + 1):
            if 0 <= j < len(text) and text[j].isalpha() and _script(text[j]) != script:
                penalty += 1
        if ch.isupper() and i > 0 and text[i - 1].islower():
            penalty += 1
    for word in WORD.findall(text):
        accented = sum(1 for ch in word if ord(ch) >= 128)
        if accented * 2 > len(word) and _script(word[0]) == "LATIN":
            penalty += accented
    return penalty
