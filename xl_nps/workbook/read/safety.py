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

The encoding of text exports is decided in ``encodings.py``.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from xl_nps.errors import XlNpsError

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
