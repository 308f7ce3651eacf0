"""Whether a sheet's text holds Han characters, found out while the sheet loads.

The refresh loads the Respondents sheet in a background thread (``sheets.Loading``; calamine
does not hold Python's lock while it parses), and the main thread runs out of work before the
sheet is loaded. A Chinese comment needs jieba's dictionary (``text.cjk``: 0.03 s to open from
the user's cache folder, 0.2 s the first time, from jieba's own file), so when the sheet's text
holds Han characters the refresh opens the dictionary in that idle time instead of when the
first Chinese comment comes up.

The text of a sheet is in the workbook's shared-string table (as Excel, LibreOffice and Google
Sheets save it) or in the sheet itself (inline strings, as openpyxl, XlsxWriter and ``xl-nps
import`` write it). Both are decompressed a megabyte at a time and searched for a character of
``text.cjk.HAN_RUN`` (U+3400-U+4DBF, U+4E00-U+9FFF) in UTF-8 or as a character reference; the
search stops at the first one or as soon as ``stop()`` says so (the sheet has loaded: no idle
time is left). It is a guess that only decides when the dictionary is read, never what a comment
means: Han in a company name or a Japanese comment reads it for nothing; text the search misses
(a part saved in UTF-16) has it read when the first Chinese comment comes up, as before.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO, Callable

from xl_nps.workbook.write.package import Package, PackageError
from xl_nps.workbook.write.workbook_part import WorkbookPart

# A Han character of text.cjk.HAN_RUN (U+3400-U+4DBF, U+4E00-U+9FFF) in UTF-8: its lead byte and
# first continuation byte (E3 90-BF, E4 80-B6, E4 B8-BF, E5-E9 any). Searched for among the
# bytes of the multi-byte characters alone (ASCII deleted first, at C speed: a search over the
# whole text took twenty times as long), where a character's bytes stay together.
HAN_UTF8 = re.compile(rb"\xe3[\x90-\xbf]|\xe4[\x80-\xb6\xb8-\xbf]|[\xe5-\xe9]")
ASCII = bytes(range(128))
# Or written as a character reference, as openpyxl with lxml writes every character outside
# ASCII: decimal 13000-40999 (a little wider than Han, never as wide as kana or Hangul) or hex.
HAN_REFERENCE = re.compile(rb"&#(?:1[3-9]\d{3}|[23]\d{4}|40\d{3}|[xX](?:3[4-9a-fA-F]|[4-9][0-9a-fA-F])[0-9a-fA-F]{2});")
OVERLAP = 9  # bytes of a chunk searched again with the next: the longest match (&#x4E00;) less one
CHUNK = 1 << 20


def holds_han(path: Path, sheet: str, stop: Callable[[], bool]) -> bool:
    """Whether the text of ``sheet`` holds a Han character (False also when ``stop()`` became
    true before one was found, or when the file cannot be read so: the refresh reports that)."""
    try:
        with zipfile.ZipFile(path) as archive:
            for part in _text_parts(Package(archive), sheet):
                with archive.open(part) as handle:
                    if han_in(handle, stop):
                        return True
    except (OSError, KeyError, zipfile.BadZipFile, zlib.error, PackageError):
        return False
    return False


def han_in(stream: BinaryIO, stop: Callable[[], bool]) -> bool:
    """Whether the UTF-8 bytes of ``stream`` hold a Han character, read a chunk at a time
    until one is found, the stream ends or ``stop()`` is true."""
    tail = b""
    while not stop():
        chunk = stream.read(CHUNK)
        if not chunk:
            return False
        window = tail + chunk
        if HAN_UTF8.search(window.translate(None, ASCII)) or (b"&#" in window and HAN_REFERENCE.search(window)):
            return True
        tail = window[-OVERLAP:]
    return False


def _text_parts(package: Package, sheet: str) -> list[str]:
    """The zip members that may hold the text of ``sheet``: the shared-string table, then the
    sheet's own part."""
    book = WorkbookPart(package)
    shared = book.part_of("sharedStrings")
    parts = [package.member(shared) if shared else None] + [s.part for s in book.sheets if s.name == sheet][:1]
    return [p for p in parts if p]
