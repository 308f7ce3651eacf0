"""The xlsx package: its zip members, relationships and content types, read with the parser of
``xml_edit``; and writing a new zip in which every untouched member keeps its compressed bytes.

Part names follow ECMA-376 Part 2 (Open Packaging Conventions): a relationship's target is
resolved against the folder of its source part, and part names compare without regard to case
(§9.1.1.1), so ``Target="Worksheets/Sheet1.xml"`` finds ``xl/worksheets/sheet1.xml``.
"""

from __future__ import annotations

import copy
import posixpath
import struct
import zipfile
from dataclasses import dataclass
from typing import Callable, Iterable

from xl_nps.errors import XlNpsError
from xl_nps.workbook.write.stable import member, needs_zip64
from xl_nps.workbook.write.xml_edit import Editor, Element, XmlError, as_utf8, parse

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
STRICT_MAIN_NS = "http://purl.oclc.org/ooxml/spreadsheetml/main"
TYPES_PART = "[Content_Types].xml"


class PackageError(XlNpsError):
    """The file's parts are not what an xlsx package holds."""


@dataclass
class Rel:
    id: str
    type: str
    target: str  # the part it points at (resolved), or the raw target when external
    external: bool
    element: Element


def rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def source_of(rels_part: str) -> str:
    """The part a .rels part belongs to ("" for the package's own _rels/.rels)."""
    folder, name = posixpath.split(rels_part)
    return posixpath.join(posixpath.dirname(folder), name[:-len(".rels")])


def resolve(base_part: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base_part), target)).lstrip("/")


class Package:
    """The parts of an xlsx, read from its zip when asked for."""

    def __init__(self, archive: zipfile.ZipFile):
        self.archive = archive
        self.names = set(archive.namelist())
        self._by_lower = {name.lower(): name for name in self.names}

    def member(self, part: str) -> str | None:
        """The zip member holding ``part`` (part names compare without case)."""
        return part if part in self.names else self._by_lower.get(part.lower())

    def read(self, part: str) -> bytes:
        name = self.member(part)
        if name is None:
            raise PackageError(f"the file has no part {part}")
        return as_utf8(self.archive.read(name))

    def parse(self, part: str) -> tuple[bytes, Element]:
        data = self.read(part)
        try:
            return data, parse(data)
        except XmlError as error:
            raise PackageError(f"the part {part} is not well-formed XML ({error})") from None

    def rels(self, part: str) -> list[Rel]:
        name = self.member(rels_name(part))
        return read_rels(self.parse(name)[1], part) if name else []

    def workbook_part(self) -> str:
        for rel in self.rels(""):
            if rel.type.endswith("/officeDocument") and not rel.external:
                return self.member(rel.target) or rel.target
        raise PackageError("the file has no workbook part (it is not an Excel workbook)")


def read_rels(root: Element, source_part: str) -> list[Rel]:
    out = []
    for element in root.findall("Relationship", PKG_REL_NS):
        external = element.get("TargetMode", "") == "External"
        target = element.get("Target", "")
        out.append(Rel(element.get("Id", ""), element.get("Type", ""),
                       target if external else resolve(source_part, target), external, element))
    return out


def owned_parts(package: Package, part: str, kinds: tuple[str, ...]) -> set[str]:
    """``part``, its .rels, and the parts it reaches through relationships of ``kinds``."""
    owned, todo = {part}, [part]
    while todo:
        current = todo.pop()
        name = package.member(rels_name(current))
        if name:
            owned.add(name)
        for rel in package.rels(current):
            target = package.member(rel.target) or rel.target
            if not rel.external and rel.type.endswith(kinds) and target not in owned:
                owned.add(target)
                todo.append(target)
    return owned


def referenced_parts(package: Package, skip: set[str]) -> set[str]:
    """Every part that a relationship outside ``skip`` points at."""
    out = set()
    for name in package.names - skip:
        if name.endswith(".rels"):
            out |= {package.member(r.target) or r.target for r in package.rels(source_of(name)) if not r.external}
    return out


# ---------------------------------------------------------------- editing rels and content types

def edit_rels(data: bytes, drop_ids: set[str], add: list[tuple[str, str, str]]) -> bytes:
    """A .rels part without the relationships ``drop_ids`` and with (id, type, target) added."""
    editor = Editor(data)
    for element in editor.root.findall("Relationship", PKG_REL_NS):
        if element.get("Id") in drop_ids:
            editor.remove(element)
    for rid, kind, target in add:
        editor.append(editor.root, editor.new_child(editor.root, "Relationship",
                                                    {"Id": rid, "Type": kind, "Target": target}))
    return editor.result()


def edit_content_types(data: bytes, drop: Iterable[str], add: dict[str, str]) -> bytes:
    """[Content_Types].xml without the overrides of the parts ``drop`` and with
    ``add`` (part -> content type) declared."""
    editor = Editor(data)
    dropped = {"/" + name.lower() for name in drop} | {"/" + name.lower() for name in add}
    for element in editor.root.findall("Override", TYPES_NS):
        if element.get("PartName", "").lower() in dropped:
            editor.remove(element)
    for name, content_type in add.items():
        editor.append(editor.root, editor.new_child(editor.root, "Override",
                                                    {"PartName": "/" + name, "ContentType": content_type}))
    return editor.result()


def content_types(data: bytes) -> dict[str, str]:
    """Part name (without the leading "/", lower case) -> content type, from the overrides."""
    root = parse(data)
    return {e.get("PartName", "").lstrip("/").lower(): e.get("ContentType", "") for e in root.findall("Override", TYPES_NS)}


# ---------------------------------------------------------------- writing the zip

def copy_raw(source: zipfile.ZipFile, target: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Copy one member with its compressed bytes untouched."""
    source.fp.seek(info.header_offset)
    header = source.fp.read(30)
    if header[:4] != b"PK\x03\x04":
        raise PackageError("the file's zip layout is damaged (a member's header is missing)")
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    source.fp.seek(info.header_offset + 30 + name_length + extra_length)
    new = copy.copy(info)
    new.flag_bits &= ~0x08  # sizes and CRC go in the local header, no data descriptor
    new.extra = b""
    target.fp.seek(target.start_dir)
    new.header_offset = target.start_dir
    zip64 = info.file_size > zipfile.ZIP64_LIMIT or info.compress_size > zipfile.ZIP64_LIMIT
    target.fp.write(new.FileHeader(zip64))
    remaining = info.compress_size
    while remaining:
        chunk = source.fp.read(min(remaining, 1 << 20))
        if not chunk:
            raise PackageError("the file is cut short (a zip member ends early)")
        target.fp.write(chunk)
        remaining -= len(chunk)
    target.start_dir = target.fp.tell()  # where zipfile writes the next member
    target.filelist.append(new)
    target.NameToInfo[new.filename] = new
    target._didModify = True


# A streamed member: a function that writes the new content of the part into a file object.
Writer = Callable[[object], None]


def write_package(archive: zipfile.ZipFile, destination, edited: dict[str, bytes], removed: set[str],
                  added: dict[str, bytes], streamed: dict[str, Writer] | None = None, level: int = 1) -> None:
    """A new zip at ``destination``: members in their old order, ``edited`` ones replaced,
    ``streamed`` ones written by their function, ``removed`` ones left out, ``added`` ones at
    the end; every other member copied with its compressed bytes. Written members are
    deflated at ``level`` (1: the report's parts are small and rewritten on every refresh) and
    dated as ``stable.member`` dates them, so the same input gives the same bytes."""
    streamed = streamed or {}
    with zipfile.ZipFile(destination, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as out:
        for info in archive.infolist():
            name = info.filename
            if name in removed or name in added:
                continue
            if name in edited:
                out.writestr(member(name), edited[name], compresslevel=level)
            elif name in streamed:
                with out.open(member(name, level), "w", force_zip64=needs_zip64(info.file_size)) as handle:
                    streamed[name](handle)
            else:
                copy_raw(archive, out, info)
        for name, data in added.items():
            out.writestr(member(name), data, compresslevel=level)

