"""A workbook saved as Strict Open XML, turned once into the usual (transitional) form.

Excel's "Strict Open XML Spreadsheet" differs from the usual xlsx in its namespace names
(``http://purl.oclc.org/ooxml/...`` for ``http://schemas.openxmlformats.org/.../2006/...``),
two relationship types and the ``conformance="strict"`` mark on the workbook (ECMA-376 Part 1,
§A.1 and Annex E; the names below are the pairs of its two schema sets). Everything else, cell
values included, is the same markup. The report's parts are transitional, and one package
cannot mix the two, so the file is converted once: every XML part gets the transitional names
(streamed, so a million-row sheet is never held whole), the mark goes, and non-XML parts are
copied with their compressed bytes. From then on it is patched like any other workbook, and
Excel opens and saves it as an ordinary .xlsx.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path


STRICT_TO_TRANSITIONAL = [(s.encode(), t.encode()) for s, t in (
    ("http://purl.oclc.org/ooxml/officeDocument/relationships/extendedProperties",
     "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"),
    ("http://purl.oclc.org/ooxml/officeDocument/relationships/customProperties",
     "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"),
    ("http://purl.oclc.org/ooxml/officeDocument/extendedProperties",
     "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"),
    ("http://purl.oclc.org/ooxml/officeDocument/customProperties",
     "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"),
    ("http://purl.oclc.org/ooxml/officeDocument/", "http://schemas.openxmlformats.org/officeDocument/2006/"),
    ("http://purl.oclc.org/ooxml/spreadsheetml/main", "http://schemas.openxmlformats.org/spreadsheetml/2006/main"),
    ("http://purl.oclc.org/ooxml/drawingml/", "http://schemas.openxmlformats.org/drawingml/2006/"),
    ("http://purl.oclc.org/ooxml/schemaLibrary/main", "http://schemas.openxmlformats.org/schemaLibrary/2006/main"),
)]
STRICT = b"http://purl.oclc.org/ooxml/"
CONFORMANCE = re.compile(rb"""\sconformance\s*=\s*["']strict["']""")
CHUNK = 1 << 20


def is_strict(path: Path) -> bool:
    """Whether the package names its workbook with a Strict relationship type."""
    with zipfile.ZipFile(path) as archive:
        return STRICT in archive.read("_rels/.rels") if "_rels/.rels" in archive.namelist() else False


def to_transitional(source: Path, destination: Path) -> None:
    """Write ``source`` (Strict) to ``destination`` in the transitional form."""
    from xl_nps.workbook.write.package import copy_raw  # imported here: most books are not Strict, and
    from xl_nps.workbook.write.stable import needs_zip64  # every refresh asks before its answers load

    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(destination, "w", zipfile.ZIP_DEFLATED) as out:
        for info in archive.infolist():
            if not info.filename.endswith((".xml", ".rels", ".vml")):
                copy_raw(archive, out, info)
                continue
            with archive.open(info) as stream, out.open(info.filename, "w", force_zip64=needs_zip64(info.file_size)) as target:
                _convert(stream, target, first=info.filename.endswith("workbook.xml"))


def _convert(stream, target, first: bool) -> None:
    """Copy with the names replaced inside tags (namespace declarations, relationship types);
    text, where a cell might hold such a name, is left alone. A chunk keeps back its last
    bytes from the last "<" on, so no tag is cut in two."""
    pending = b""
    while True:
        chunk = stream.read(CHUNK)
        data = pending + chunk
        cut = data.rfind(b"<") if chunk else len(data)
        block, pending = data[:max(cut, 0)], data[max(cut, 0):]
        if STRICT in block or (first and b"conformance" in block):  # in a sheet: the root only
            block = TAG.sub(_transitional, block)
            first = False
        target.write(block)
        if not chunk:
            return


TAG = re.compile(rb"""<(?:[^<>"']|"[^"]*"|'[^']*')*>""")


def _transitional(tag: re.Match) -> bytes:
    text = CONFORMANCE.sub(b"", tag.group(0), count=1)
    for strict, transitional in STRICT_TO_TRANSITIONAL:
        text = text.replace(strict, transitional)
    return text


def ensure_transitional(path: Path) -> str | None:
    """Convert a Strict workbook at ``path`` in place (atomically); returns the line that
    tells the user so, or None when there was nothing to do."""
    if not is_strict(path):
        return None
    from xl_nps.workbook.write.atomic import atomic_write

    atomic_write(path, lambda temp: to_transitional(path, Path(temp)))
    return (f"{path.name} was saved as Strict Open XML; it is now an ordinary Excel workbook (.xlsx), "
            "its contents unchanged")
