"""Writes the report into an xlsx by replacing parts of the zip, not by re-saving the workbook.

The report sheets are written by ``sheet_xml`` into a small scratch package; their parts
(sheets, tables, drawings, charts) are then moved into the user's file:

* every part of the user's file that the refresh does not own is copied as it is, compressed
  bytes and all: the Respondents sheet, the user's own sheets, images, sparklines, macros;
* the previously generated sheets and the parts only they use are dropped;
* four small parts are edited as text: ``workbook.xml`` (sheet list and defined names),
  its relationships, ``[Content_Types].xml`` and ``styles.xml`` (the report's few styles are
  appended once and reused on later refreshes); ``calcChain.xml`` is dropped when sheets go
  (Excel rebuilds it).

Anything unusual (a prefixed or strict-OOXML workbook, a clashing table name) raises
:class:`Unsupported`, and the caller falls back to re-saving with openpyxl.
"""

from __future__ import annotations

import copy
import io
import posixpath
import re
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from xl_nps.values import column_letter, excel_serial
from xl_nps.workbook.report.model import Report
from xl_nps.workbook.report.placement import DIGEST, MARKER, check_names, is_report_name
from xl_nps.workbook.write.sheet_xml import report_package

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WORKSHEET = REL_NS + "/worksheet"
CALC_CHAIN = REL_NS + "/calcChain"
OWNED_TYPES = ("/drawing", "/chart", "/table", "/chartUserShapes", "/chartStyle", "/chartColorStyle")


class Unsupported(Exception):
    """The file is outside what the part writer handles; re-save it with openpyxl instead."""


def _attr(tag: str, name: str) -> str | None:
    match = re.search(rf'\s{re.escape(name)}\s*=\s*(["\'])(.*?)\1', tag, re.DOTALL)
    return match.group(2) if match else None


def _set_attr(tag: str, name: str, value: str) -> str:
    if _attr(tag, name) is None:
        return re.sub(r"\s*(/?>)$", f' {name}="{value}"\\1', tag, count=1)
    return re.sub(rf'(\s{re.escape(name)}\s*=\s*)(["\']).*?\2', lambda m: f'{m.group(1)}"{value}"', tag, count=1, flags=re.DOTALL)


def _unescape(text: str) -> str:
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))


@dataclass
class Rel:
    id: str
    type: str
    target: str  # the part name it points at (resolved), or the raw target when external
    external: bool
    xml: str


def _rels(xml: str, base: str) -> list[Rel]:
    out = []
    for tag in re.findall(r"<Relationship\b[^>]*>", xml):
        target = _unescape(_attr(tag, "Target") or "")
        external = (_attr(tag, "TargetMode") or "") == "External"
        if not external:
            target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
        out.append(Rel(_attr(tag, "Id") or "", _attr(tag, "Type") or "", target, external, tag))
    return out


def _rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


class Package:
    """The parts of an xlsx, read lazily from its zip."""

    def __init__(self, archive: zipfile.ZipFile):
        self.archive = archive
        self.names = set(archive.namelist())

    def text(self, name: str) -> str:
        return self.archive.read(name).decode("utf-8")

    def rels(self, part: str) -> list[Rel]:
        name = _rels_name(part)
        return _rels(self.text(name), posixpath.dirname(part)) if name in self.names else []

    def workbook_part(self) -> str:
        for rel in _rels(self.text("_rels/.rels"), ""):
            if rel.type.endswith("/officeDocument"):
                return rel.target
        raise Unsupported("no workbook part")

    def sheets(self, workbook_xml: str, workbook_part: str) -> list[tuple[str, str, str, str]]:
        """(name, r:id, part, the <sheet> tag) in workbook order."""
        by_id = {r.id: r.target for r in self.rels(workbook_part)}
        out = []
        for tag in re.findall(r"<sheet\b[^>]*/>", workbook_xml):
            rid = next((v for k, v in re.findall(r'\s([\w:]+)\s*=\s*"([^"]*)"', tag) if k.endswith(":id")), None)
            out.append((_unescape(_attr(tag, "name") or ""), rid, by_id.get(rid, ""), tag))
        return out


def _owned_parts(package: Package, sheet_part: str) -> set[str]:
    """A sheet's own parts: its rels and the drawings, charts and tables it reaches."""
    owned, todo = {sheet_part}, [sheet_part]
    while todo:
        part = todo.pop()
        if _rels_name(part) in package.names:
            owned.add(_rels_name(part))
        for rel in package.rels(part):
            if not rel.external and rel.type.endswith(OWNED_TYPES) and rel.target not in owned:
                owned.add(rel.target)
                todo.append(rel.target)
    return owned


# ---------------------------------------------------------------- styles

def _children(xml: str, container: str, child: str) -> tuple[re.Match, list[str]]:
    match = re.search(rf"<{container}\b[^>]*?(/>|>(.*?)</{container}>)", xml, re.DOTALL)
    if match is None:
        raise Unsupported(f"styles without {container}")
    body = match.group(2) or ""
    items = re.findall(rf"<{child}\b[^>]*/>|<{child}\b[^>]*>.*?</{child}>", body, re.DOTALL)
    return match, items


def _append_children(xml: str, container: str, child: str, new: list[str]) -> str:
    match, items = _children(xml, container, child)
    items = items + new
    start = re.match(rf"<{container}\b[^>]*?(?=/?>)", match.group(0)).group(0)
    start = _set_attr(start + ">", "count", str(len(items)))[:-1]
    return xml[:match.start()] + f"{start}>{''.join(items)}</{container}>" + xml[match.end():]


BOOLEAN_PROPERTIES = {"b", "i", "strike", "condense", "extend", "outline", "shadow"}
XF_FLAGS = {"applyNumberFormat", "applyFont", "applyFill", "applyBorder", "applyAlignment", "applyProtection",
            "pivotButton", "quotePrefix"}


def _canonical(xml: str):
    """A style element reduced to what it means, so that the same font, fill or cell format
    matches however a program spelled it (openpyxl, Excel and LibreOffice each rewrite
    styles.xml their own way): ``<b/>`` and ``<b val="1"/>``, children and attributes in any
    order, colours with or without their alpha byte, ``<patternFill/>`` and
    ``patternType="none"``, the presentational apply* flags of ``<xf>`` left out."""
    import xml.etree.ElementTree as ET

    def reduce(element):
        tag = element.tag.rsplit("}", 1)[-1]
        attrs = {k.rsplit("}", 1)[-1]: v for k, v in element.attrib.items()}
        if tag in BOOLEAN_PROPERTIES:
            attrs["val"] = {"true": "1", "false": "0"}.get(attrs.get("val", "1"), attrs.get("val", "1"))
        if tag == "xf":
            attrs = {k: v for k, v in attrs.items() if k not in XF_FLAGS}
            attrs.setdefault("xfId", "0")
        if tag == "patternFill":
            attrs.setdefault("patternType", "none")
        if "rgb" in attrs:
            attrs["rgb"] = attrs["rgb"][-6:].upper()
        children = [reduce(child) for child in element
                    if not (child.tag.endswith("bgColor") and child.attrib.get("indexed") == "64")]
        return tag, tuple(sorted(attrs.items())), tuple(sorted(children))

    return reduce(ET.fromstring(re.sub(r"<(\w+)", rf'<\1 xmlns="{MAIN_NS}"', xml, count=1)))


def merge_styles(target: str, scratch: str) -> tuple[str, dict[int, int]]:
    """Add the scratch workbook's cell formats to the target's styles.xml; returns the new
    styles.xml and the map from scratch cellXfs index to target index. Entries the target
    already has (from an earlier refresh, however the file was saved since) are reused, so
    styles do not pile up."""
    mapping: dict[int, int] = {}
    _, s_fonts = _children(scratch, "fonts", "font")
    _, s_fills = _children(scratch, "fills", "fill")
    _, s_borders = _children(scratch, "borders", "border")
    _, s_xfs = _children(scratch, "cellXfs", "xf")
    s_formats = {}
    if "<numFmts" in scratch:
        for tag in _children(scratch, "numFmts", "numFmt")[1]:
            s_formats[_attr(tag, "numFmtId")] = tag
    for kind, child, items in (("fonts", "font", s_fonts), ("fills", "fill", s_fills), ("borders", "border", s_borders)):
        _, existing = _children(target, kind, child)
        known = {_canonical(item) for item in existing}
        missing = [item for item in dict.fromkeys(items) if _canonical(item) not in known]
        if missing:
            target = _append_children(target, kind, child, missing)
    t_fonts, t_fills, t_borders = ([_canonical(x) for x in _children(target, kind, child)[1]]
                                   for kind, child in (("fonts", "font"), ("fills", "fill"), ("borders", "border")))
    t_formats = {}
    if "<numFmts" in target:
        t_formats = {_unescape(_attr(tag, "formatCode")): _attr(tag, "numFmtId")
                     for tag in _children(target, "numFmts", "numFmt")[1]}
    new_formats = []
    next_id = max([163] + [int(i) for i in t_formats.values() if i and i.isdigit()]) + 1
    xfs = []
    for xf in s_xfs:
        fmt = _attr(xf, "numFmtId") or "0"
        if fmt in s_formats:
            code = _unescape(_attr(s_formats[fmt], "formatCode"))
            if code not in t_formats:
                t_formats[code] = str(next_id)
                new_formats.append(f'<numFmt numFmtId="{next_id}" formatCode={quoteattr(code)}/>')
                next_id += 1
            fmt = t_formats[code]
        tag = re.match(r"<xf\b[^>]*?(?=/?>)", xf).group(0)
        for name, items, targets in (("fontId", s_fonts, t_fonts), ("fillId", s_fills, t_fills), ("borderId", s_borders, t_borders)):
            tag = _set_attr(tag + ">", name, str(targets.index(_canonical(items[int(_attr(tag, name) or 0)]))))[:-1]
        tag = _set_attr(_set_attr(tag + ">", "numFmtId", fmt), "xfId", "0")[:-1]
        xfs.append(tag + xf[len(re.match(r"<xf\b[^>]*?(?=/?>)", xf).group(0)):])
    if new_formats:
        if "<numFmts" in target:
            target = _append_children(target, "numFmts", "numFmt", new_formats)
        else:
            at = re.search(r"<fonts\b", target).start()
            target = target[:at] + f'<numFmts count="{len(new_formats)}">{"".join(new_formats)}</numFmts>' + target[at:]
    known_xfs = [_canonical(x) for x in _children(target, "cellXfs", "xf")[1]]
    missing = [xf for xf in dict.fromkeys(xfs) if _canonical(xf) not in known_xfs]
    if missing:
        target = _append_children(target, "cellXfs", "xf", missing)
        known_xfs = [_canonical(x) for x in _children(target, "cellXfs", "xf")[1]]
    for i, xf in enumerate(xfs):
        mapping[i] = known_xfs.index(_canonical(xf))
    return target, mapping


def _restyle(sheet_xml: str, mapping: dict[int, int]) -> str:
    def cell(match):
        return f'{match.group(1)}{mapping[int(match.group(2))]}"'
    sheet_xml = re.sub(r'(<c\b[^>]*?\ss=")(\d+)"', cell, sheet_xml)
    sheet_xml = re.sub(r'(<row\b[^>]*?\ss=")(\d+)"', cell, sheet_xml)
    return re.sub(r'(<col\b[^>]*?\sstyle=")(\d+)"', cell, sheet_xml)


# ---------------------------------------------------------------- zip writing

def _copy_raw(source: zipfile.ZipFile, target: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Copy one member with its compressed bytes untouched."""
    source.fp.seek(info.header_offset)
    header = source.fp.read(30)
    if header[:4] != b"PK\x03\x04":
        raise Unsupported("unexpected zip layout")
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    source.fp.seek(info.header_offset + 30 + name_length + extra_length)
    data = source.fp.read(info.compress_size)
    new = copy.copy(info)
    new.flag_bits &= ~0x08  # sizes and CRC go in the local header, no data descriptor
    new.extra = b""
    target.fp.seek(target.start_dir)
    new.header_offset = target.start_dir
    zip64 = info.file_size > zipfile.ZIP64_LIMIT or info.compress_size > zipfile.ZIP64_LIMIT
    target.fp.write(new.FileHeader(zip64))
    target.fp.write(data)
    target.start_dir = target.fp.tell()  # where zipfile writes the next member
    target.filelist.append(new)
    target.NameToInfo[new.filename] = new
    target._didModify = True


def patch_report(source: Path, destination: Path, report: Report) -> None:
    """Write ``source`` with the report's sheets swapped in to ``destination`` (a new file)."""
    with zipfile.ZipFile(source) as archive:
        package = Package(archive)
        wb_part = package.workbook_part()
        wb_xml = package.text(wb_part)
        root = re.search(r"<(\w+:)?workbook\b[^>]*>", wb_xml)
        if root is None or root.group(1) or MAIN_NS not in root.group(0):
            raise Unsupported("workbook.xml is not in the transitional namespace without a prefix")
        r_prefix = re.search(rf'xmlns:(\w+)="{re.escape(REL_NS)}"', root.group(0))
        if r_prefix is None:
            raise Unsupported("no relationships prefix")
        r_prefix = r_prefix.group(1)
        sheets = package.sheets(wb_xml, wb_part)
        names = [s[0] for s in sheets]
        marked = {_unescape(m) for m in _marked_sheets(wb_xml, names)}
        old = [s for s in sheets if s[0] in marked and is_report_name(s[0])]
        check_names(names, [s[0] for s in old], report)
        scratch = Package(zipfile.ZipFile(io.BytesIO(report_package(report))))

        removed = set()
        for _, _, part, _ in old:
            removed |= _owned_parts(package, part)
        kept_refs = set()
        for name in package.names - removed:
            if name.endswith(".rels"):
                source_part = posixpath.join(posixpath.dirname(posixpath.dirname(name)), posixpath.basename(name)[:-5])
                kept_refs |= {r.target for r in _rels(package.text(name), posixpath.dirname(source_part))}
        removed -= kept_refs - {s[2] for s in old}
        wb_rels_name = _rels_name(wb_part)
        wb_rels = package.rels(wb_part)
        calc_chain = [r for r in wb_rels if r.type == CALC_CHAIN]
        if old:
            removed |= {r.target for r in calc_chain}

        # the scratch parts, renamed into the target
        s_wb_part = scratch.workbook_part()
        s_sheets = scratch.sheets(scratch.text(s_wb_part), s_wb_part)
        renames: dict[str, str] = {}
        counters: dict[str, int] = {}
        for _, _, part, _ in s_sheets:
            for owned in sorted(_owned_parts(scratch, part)):
                if owned.endswith(".rels"):
                    continue
                folder, base = posixpath.split(owned)
                stem, ext = posixpath.splitext(base)
                kind = re.sub(r"\d+$", "", stem)
                while True:
                    counters[kind] = counters.get(kind, 0) + 1
                    name = f"{folder}/xlnps_{kind}{counters[kind]}{ext}"
                    if name not in package.names or name in removed:
                        break
                renames[owned] = name
        new_parts: dict[str, bytes] = {}
        table_ids = [int(m) for name in package.names - removed if name.startswith("xl/tables/")
                     for m in re.findall(r'<table\b[^>]*?\sid="(\d+)"', package.text(name))]
        table_names = {m.lower() for name in package.names - removed if name.startswith("xl/tables/")
                       for m in re.findall(r'<table\b[^>]*?\sdisplayName="([^"]*)"', package.text(name))}
        next_table = max(table_ids, default=0) + 1
        styles_part = next(r.target for r in wb_rels if r.type.endswith("/styles"))
        styles, mapping = merge_styles(package.text(styles_part), scratch.text("xl/styles.xml"))
        for old_name, new_name in renames.items():
            data = scratch.text(old_name)
            if old_name.startswith("xl/worksheets/"):
                data = _restyle(data, mapping).replace(' tabSelected="1"', "")  # the user's tab stays selected
            if old_name.startswith("xl/tables/"):
                display = re.search(r'\sdisplayName="([^"]*)"', data).group(1)
                if display.lower() in table_names:
                    raise Unsupported(f"a table named {display} already exists")
                data = re.sub(r'(<table\b[^>]*?\sid=")\d+"', lambda m: f'{m.group(1)}{next_table}"', data, count=1)
                next_table += 1
            new_parts[new_name] = data.encode("utf-8")
            rels = scratch.rels(old_name)
            if rels:
                tags = "".join(
                    _set_attr(r.xml, "Target", "/" + renames[r.target]) if not r.external else r.xml for r in rels)
                new_parts[_rels_name(new_name)] = (
                    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                    f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{tags}</Relationships>'
                ).encode()

        # workbook.xml: sheets, defined names, views
        kept = [s for s in sheets if s not in old]
        max_id = max([int(_attr(s[3], "sheetId") or 0) for s in sheets] + [0])
        new_sheet_tags, new_rels = [], []
        for i, (name, _, part, _) in enumerate(s_sheets, start=1):
            rid = f"rIdXlNps{i}"
            new_sheet_tags.append(f'<sheet name={quoteattr(name)} sheetId="{max_id + i}" {r_prefix}:id="{rid}"/>')
            new_rels.append(f'<Relationship Id="{rid}" Type="{WORKSHEET}" Target="/{renames[part]}"/>')
        final_names = [s[0] for s in kept] + [s[0] for s in s_sheets]
        wb_xml = _rewrite_workbook(wb_xml, sheets, kept, new_sheet_tags, final_names, report)

        dropped_ids = {s[1] for s in old} | {r.id for r in calc_chain if old}
        rels_xml = package.text(wb_rels_name)
        for rel in wb_rels:
            if rel.id in dropped_ids:
                rels_xml = rels_xml.replace(rel.xml, "")
        rels_xml = rels_xml.replace("</Relationships>", "".join(new_rels) + "</Relationships>")

        types = package.text("[Content_Types].xml")
        for part in removed:
            types = re.sub(rf'<Override\b[^>]*PartName="/{re.escape(part)}"[^>]*/>', "", types)
        s_types = scratch.text("[Content_Types].xml")
        overrides = []
        for old_name, new_name in renames.items():
            match = re.search(rf'<Override\b[^>]*PartName="/{re.escape(old_name)}"[^>]*/>', s_types)
            if match:
                content_type = _attr(match.group(0), "ContentType")
                overrides.append(f'<Override PartName="/{new_name}" ContentType="{content_type}"/>')
        types = types.replace("</Types>", "".join(overrides) + "</Types>")

        edited = {wb_part: wb_xml, wb_rels_name: rels_xml, "[Content_Types].xml": types, styles_part: styles}
        # compression level 1: the report's parts are small and rewritten on every refresh
        with zipfile.ZipFile(destination, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
            for info in archive.infolist():
                if info.filename in removed or info.filename in new_parts:
                    continue
                if info.filename in edited:
                    out.writestr(info.filename, edited[info.filename].encode("utf-8"))
                else:
                    _copy_raw(archive, out, info)
            for name, data in new_parts.items():
                out.writestr(name, data)


def _marked_sheets(wb_xml: str, names: list[str]) -> list[str]:
    out = []
    for tag, body in re.findall(r"(<definedName\b[^>]*>)(.*?)</definedName>", wb_xml, re.DOTALL):
        if _attr(tag, "name") == MARKER and _attr(tag, "localSheetId") is not None:
            index = int(_attr(tag, "localSheetId"))
            if index < len(names):
                out.append(names[index])
    return out


def _rewrite_workbook(wb_xml, sheets, kept, new_sheet_tags, final_names, report: Report) -> str:
    for sheet in sheets:
        if sheet not in kept:
            wb_xml = wb_xml.replace(sheet[3], "", 1)
    wb_xml = wb_xml.replace("</sheets>", "".join(new_sheet_tags) + "</sheets>", 1)
    old_names = [s[0] for s in sheets]
    names_xml = []
    for tag, body in re.findall(r"(<definedName\b[^>]*>)(.*?)</definedName>", wb_xml, re.DOTALL):
        name = _attr(tag, "name")
        local = _attr(tag, "localSheetId")
        if name == DIGEST or name == MARKER:
            continue
        if local is not None:
            sheet_name = old_names[int(local)] if int(local) < len(old_names) else None
            if sheet_name not in final_names[: len(kept)]:
                continue
            tag = _set_attr(tag, "localSheetId", str(final_names.index(sheet_name)))
        names_xml.append(f"{tag}{body}</definedName>")
    for sheet in report.sheets:
        index = final_names.index(sheet.name)
        names_xml.append(f'<definedName name="{MARKER}" localSheetId="{index}" hidden="1">'
                         f"{escape(_quote_sheet(sheet.name))}!$A$1</definedName>")
    names_xml.append(f'<definedName name="{DIGEST}" hidden="1">&quot;{report.digest()}&quot;</definedName>')
    block = f"<definedNames>{''.join(names_xml)}</definedNames>"
    if re.search(r"<definedNames\b", wb_xml):
        wb_xml = re.sub(r"<definedNames\b[^>]*>.*?</definedNames>|<definedNames\b[^>]*/>", lambda m: block, wb_xml,
                        count=1, flags=re.DOTALL)
    else:
        wb_xml = wb_xml.replace("</sheets>", "</sheets>" + block, 1)
    for attribute in ("activeTab", "firstSheet"):
        for tag in re.findall(rf"<workbookView\b[^>]*\s{attribute}=\"\d+\"[^>]*>", wb_xml):
            index = int(_attr(tag, attribute))
            name = old_names[index] if index < len(old_names) else None
            new_index = final_names.index(name) if name in final_names else 0
            wb_xml = wb_xml.replace(tag, _set_attr(tag, attribute, str(new_index)), 1)
    return wb_xml


def _quote_sheet(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def report_state(path: Path) -> tuple[list[str], list[str], str | None]:
    """All sheet names, the generated ones, and the stored report digest, read from
    workbook.xml alone."""
    with zipfile.ZipFile(path) as archive:
        package = Package(archive)
        wb_part = package.workbook_part()
        wb_xml = package.text(wb_part)
        names = [s[0] for s in package.sheets(wb_xml, wb_part)]
    generated = [n for n in _marked_sheets(wb_xml, names) if is_report_name(n)]
    digest = None
    for tag, body in re.findall(r"(<definedName\b[^>]*>)(.*?)</definedName>", wb_xml, re.DOTALL):
        if _attr(tag, "name") == DIGEST:
            digest = _unescape(body).strip('"')
    return names, generated, digest


# ---------------------------------------------------------------- appending answers (import)

ROW = re.compile(r"<row\b[^>]*?(?:/>|>.*?</row>)", re.DOTALL)
CELL = re.compile(r'<c\b[^>]*?\sr="([A-Z]+)(\d+)"[^>]*?(?:/>|>.*?</c>)', re.DOTALL)


def _column_number(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number


def _text_cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(text)}</t></is></c>'


def _date_style(styles: str) -> tuple[str, int]:
    """The index of a plain date cell format (built-in format 14, the user's short date)."""
    wanted = '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    _, xfs = _children(styles, "cellXfs", "xf")
    if wanted not in xfs:
        styles = _append_children(styles, "cellXfs", "xf", [wanted])
        _, xfs = _children(styles, "cellXfs", "xf")
    return styles, xfs.index(wanted)


def append_rows(source: Path, destination: Path, sheet_name: str, table_name: str, first_row: int,
                records: list[dict], columns: dict[str, int], category=None) -> None:
    """Write ``source`` to ``destination`` with ``records`` (field -> value) added to a sheet as
    rows ``first_row`` on; ``columns`` maps fields to 0-based columns; ``category`` is
    (column letters, function of the row giving the formula without "=") for a formula column
    to fill. Every other part is copied as it is. Raises :class:`Unsupported` for anything
    unusual (the caller then re-saves with openpyxl)."""
    with zipfile.ZipFile(source) as archive:
        package = Package(archive)
        wb_part = package.workbook_part()
        wb_xml = package.text(wb_part)
        if re.search(r"<workbookPr\b[^>]*date1904=\"(1|true)\"", wb_xml):
            raise Unsupported("1904 date system")
        part = next((p for name, _, p, _ in package.sheets(wb_xml, wb_part) if name == sheet_name), None)
        if part is None:
            raise Unsupported("no such sheet")
        sheet = package.text(part)
        if not re.search(r"<worksheet\b", sheet) or "<sheetData" not in sheet:
            raise Unsupported("unusual sheet part")
        styles_part = next(r.target for r in package.rels(wb_part) if r.type.endswith("/styles"))
        styles, date_style = _date_style(package.text(styles_part))

        last_row = first_row + len(records) - 1
        new_cells: dict[int, dict[int, str]] = {}
        for offset, record in enumerate(records):
            r = first_row + offset
            row_cells = {}
            for field, value in record.items():
                if field not in columns or value in ("", None):
                    continue
                col = columns[field] + 1
                ref = f"{column_letter(col)}{r}"
                if isinstance(value, str):
                    row_cells[col] = _text_cell(ref, value)
                elif hasattr(value, "toordinal"):
                    row_cells[col] = f'<c r="{ref}" s="{date_style}"><v>{excel_serial(value):.10g}</v></c>'
                else:
                    row_cells[col] = f'<c r="{ref}"><v>{value}</v></c>'
            if category:
                col = _column_number(category[0])
                row_cells[col] = f'<c r="{category[0]}{r}" t="str"><f>{escape(category[1](r))}</f></c>'
            new_cells[r] = row_cells

        data = re.search(r"<sheetData\b[^>]*?(?:/>|>(.*?)</sheetData>)", sheet, re.DOTALL)
        body = data.group(1) or ""
        kept, merged = [], {}
        for row_xml in ROW.findall(body):
            r = int(_attr(row_xml[: row_xml.index(">") + 1], "r") or 0)
            if r < first_row or r > last_row:
                kept.append((r, row_xml))
                continue
            existing = {_column_number(c): m.group(0) for m in CELL.finditer(row_xml) for c in [m.group(1)]}
            for col, cell in existing.items():
                has_content = re.search(r"<(v|is)\b[^>]*>[^<]", cell) or "<f" in cell
                if col in new_cells[r] and has_content and not (category and col == _column_number(category[0])):
                    raise Unsupported(f"row {r} already holds data")
            merged[r] = (re.sub(r'\sspans="[^"]*"', "", re.match(r"<row\b[^>]*?(?=/?>)", row_xml).group(0)),
                         {**existing, **new_cells[r]})
        rows_xml = []
        for r in range(first_row, last_row + 1):
            start, cells_by_col = merged.get(r, (f'<row r="{r}"', new_cells[r]))
            rows_xml.append((r, f"{start}>{''.join(cells_by_col[c] for c in sorted(cells_by_col))}</row>"))
        all_rows = sorted(kept + rows_xml, key=lambda item: item[0])
        new_body = "".join(xml for _, xml in all_rows)
        start_tag = re.match(r"<sheetData\b[^>]*?(?=/?>)", data.group(0)).group(0)
        sheet = sheet[:data.start()] + f"{start_tag}>{new_body}</sheetData>" + sheet[data.end():]
        width = max([max(c) for c in new_cells.values() if c] + [1])
        dimension = re.search(r"<dimension\b[^>]*/>", sheet)
        if dimension:
            old_ref = _attr(dimension.group(0), "ref") or "A1"
            old_last = re.findall(r"([A-Z]+)(\d+)", old_ref)[-1]
            ref = f"A1:{column_letter(max(width, _column_number(old_last[0])))}{max(last_row, int(old_last[1]))}"
            sheet = sheet.replace(dimension.group(0), _set_attr(dimension.group(0), "ref", ref), 1)

        edited = {part: sheet, styles_part: styles}
        for rel in package.rels(part):
            if rel.type.endswith("/table") and not rel.external:
                table = package.text(rel.target)
                if _attr(re.search(r"<table\b[^>]*>", table).group(0), "displayName") != table_name:
                    continue
                ref = _attr(re.search(r"<table\b[^>]*>", table).group(0), "ref")
                first, last = ref.split(":")
                letters, number = re.match(r"([A-Z]+)(\d+)", last).groups()
                new_ref = f"{first}:{letters}{max(int(number), last_row)}"
                table = re.sub(r'(<table\b[^>]*?\sref=")[^"]*"', lambda m: f'{m.group(1)}{new_ref}"', table, count=1)
                table = re.sub(r'(<autoFilter\b[^>]*?\sref=")[^"]*"', lambda m: f'{m.group(1)}{new_ref}"', table, count=1)
                edited[rel.target] = table
        calc = re.search(r"<calcPr\b[^>]*/>", wb_xml)
        if calc:
            wb_xml = wb_xml.replace(calc.group(0), _set_attr(calc.group(0), "fullCalcOnLoad", "1"), 1)
        else:
            wb_xml = re.sub(r"(</definedNames>|</sheets>)(?!.*(</definedNames>))", r'\1<calcPr fullCalcOnLoad="1"/>',
                            wb_xml, count=1, flags=re.DOTALL)
        edited[wb_part] = wb_xml
        with zipfile.ZipFile(destination, "w", zipfile.ZIP_DEFLATED) as out:
            for info in archive.infolist():
                if info.filename in edited:
                    out.writestr(info.filename, edited[info.filename].encode("utf-8"))
                else:
                    _copy_raw(archive, out, info)


