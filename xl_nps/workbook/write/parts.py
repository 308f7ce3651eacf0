"""Writes the report into an xlsx by replacing parts of the zip, not by re-saving the workbook.

The report sheets are written by ``sheet_xml`` into a small scratch package; their parts
(sheets, tables, drawings, charts) are then moved into the user's file:

* every part of the user's file that the refresh does not own is copied as it is, compressed
  bytes and all: the Respondents sheet, the user's own sheets, images, sparklines, macros;
* the previously generated sheets and the parts only they use are dropped;
* four small parts are edited through the parser of ``xml_edit``, which changes only the
  elements concerned and keeps every other byte (prefixes, namespace declarations,
  ``mc:Ignorable``, extension lists): ``workbook.xml`` (sheet list, defined names, views),
  its relationships, ``[Content_Types].xml`` and ``styles.xml`` (``styles.merge_styles``);
  ``calcChain.xml`` is dropped when sheets go (Excel rebuilds it).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from xl_nps.workbook.report.model import Report
from xl_nps.workbook.report.placement import DIGEST, MARKER, check_names, is_report_name
from xl_nps.workbook.write.package import (
    MAIN_NS, REL_NS, TYPES_NS, TYPES_PART, Package, content_types, edit_content_types, edit_rels, owned_parts,
    referenced_parts, rels_name, write_package)
from xl_nps.workbook.write.sheet_xml import report_package
from xl_nps.workbook.write.styles import insert_in_order, merge_styles
from xl_nps.workbook.write.workbook_part import WORKBOOK_ORDER, Sheet, WorkbookPart
from xl_nps.workbook.write.xml_edit import Editor, declaration, element_xml, escape_text, parse, qualified

WORKSHEET = REL_NS + "/worksheet"
CALC_CHAIN = REL_NS + "/calcChain"
OWNED_TYPES = ("/drawing", "/chart", "/table", "/chartUserShapes", "/chartStyle", "/chartColorStyle")
RELS_TYPE = "application/vnd.openxmlformats-package.relationships+xml"


@dataclass
class NewSheet:
    name: str
    part: str  # its name in the user's file
    rid: str
    sheet_id: int


def patch_report(source: Path, destination: Path, report: Report) -> None:
    """Write ``source`` with the report's sheets swapped in to ``destination`` (a new file)."""
    with zipfile.ZipFile(source) as archive:
        package = Package(archive)
        book = WorkbookPart(package)
        old = generated(book)
        check_names(book.names, [s.name for s in old], report)
        scratch = Package(zipfile.ZipFile(io.BytesIO(report_package(report, book.date1904))))
        removed = _dropped_parts(package, book, old)
        renames = _new_part_names(package, scratch, removed)
        styles_part = book.part_of("styles")
        styles, mapping = merge_styles(package.read(styles_part), scratch.read("xl/styles.xml"))
        added = _moved_parts(package, book, scratch, renames, mapping, removed)
        new = _new_sheets(book, old, scratch, renames)
        dropped_ids = {s.rid for s in old} | {r.id for r in book.rels if r.type == CALC_CHAIN and old}
        types = _content_types(package.read(TYPES_PART), scratch, renames, removed, added)
        edited = {
            book.part: _workbook_xml(book, old, new, report, WorkbookPart(scratch)),
            book.rels_part: edit_rels(package.read(book.rels_part), dropped_ids,
                                      [(s.rid, WORKSHEET, "/" + s.part) for s in new]),
            TYPES_PART: types,
            package.member(styles_part): styles,
        }
        write_package(archive, destination, edited, removed, added)


def generated(book: WorkbookPart) -> list[Sheet]:
    """The sheets a previous refresh generated: marked, and named as the report names them."""
    marked = set(book.marked_sheets())
    return [s for s in book.sheets if s.name in marked and is_report_name(s.name)]


def report_state(path: Path) -> tuple[list[str], list[str], str | None]:
    """All sheet names, the generated ones, and the stored report digest, read from
    workbook.xml alone."""
    with zipfile.ZipFile(path) as archive:
        book = WorkbookPart(Package(archive))
    return book.names, [s.name for s in generated(book)], book.digest()


# ---------------------------------------------------------------- which parts go, which come

def _dropped_parts(package: Package, book: WorkbookPart, old: list[Sheet]) -> set[str]:
    """The old report's sheets and what only they use; the calculation chain with them."""
    removed: set[str] = set()
    for sheet in old:
        removed |= owned_parts(package, sheet.part, OWNED_TYPES)
    removed -= referenced_parts(package, removed) - {s.part for s in old}
    if old:
        removed |= {package.member(r.target) or r.target for r in book.rels if r.type == CALC_CHAIN}
    return removed


def _new_part_names(package: Package, scratch: Package, removed: set[str]) -> dict[str, str]:
    """Scratch part -> its name in the user's file (xl/worksheets/xlnps_sheet1.xml, ...)."""
    scratch_book = WorkbookPart(scratch)
    taken = {n.lower() for n in package.names - removed}
    renames: dict[str, str] = {}
    counters: dict[str, int] = {}
    for sheet in scratch_book.sheets:
        for part in sorted(owned_parts(scratch, sheet.part, OWNED_TYPES)):
            if part.endswith(".rels"):
                continue
            folder, base = posixpath.split(part)
            stem, ext = posixpath.splitext(base)
            kind = stem.rstrip("0123456789")
            while True:
                counters[kind] = counters.get(kind, 0) + 1
                name = f"{folder}/xlnps_{kind}{counters[kind]}{ext}"
                if name.lower() not in taken:
                    break
            renames[part] = name
    return renames


def _moved_parts(package: Package, book: WorkbookPart, scratch: Package, renames: dict[str, str],
                 mapping: dict[int, int], removed: set[str]) -> dict[str, bytes]:
    """The scratch parts under their new names: sheets restyled, tables renumbered, relationships
    pointing at the new names."""
    tables = _TableNames(package, book, removed)
    added = {}
    for old_name, new_name in renames.items():
        data = scratch.read(old_name)
        if old_name.startswith("xl/worksheets/"):
            data = _restyle(data, mapping)
        elif old_name.startswith("xl/tables/"):
            data = tables.place(data)
        added[new_name] = data
        rels = scratch.rels(old_name)
        if rels:
            editor = Editor(scratch.read(rels_name(old_name)))
            for rel in rels:
                if not rel.external:
                    editor.set(rel.element, Target="/" + renames[rel.target])
            added[rels_name(new_name)] = editor.result()
    return added


class _TableNames:
    """Table ids and names must be unique in a workbook (ECMA-376 Part 1, §18.5.1.2): the
    report's tables take the next free ids, and a name one of the user's tables or defined
    names already has gets a number (Callbacks_Detractors_2)."""

    def __init__(self, package: Package, book: WorkbookPart, removed: set[str]):
        self.ids, self.names = [0], set()
        for name in package.names - removed:
            if name.startswith("xl/tables/") and name.endswith(".xml"):
                root = parse(package.read(name))
                self.ids.append(int(root.get("id", "0")) if root.get("id", "0").isdigit() else 0)
                self.names |= {root.get("displayName", "").lower(), root.get("name", "").lower()}
        self.names |= {e.get("name", "").lower() for e in book.defined_names()}

    def place(self, data: bytes) -> bytes:
        editor = Editor(data)
        name = base = editor.root.get("displayName")
        number = 1
        while name.lower() in self.names:
            number += 1
            name = f"{base}_{number}"
        self.names.add(name.lower())
        self.ids.append(max(self.ids) + 1)
        editor.set(editor.root, id=str(self.ids[-1]), name=name, displayName=name)
        return editor.result()


# A style index in a report sheet: a cell's or row's s="N", a column's style="N" (group 2).
STYLE_INDEX = re.compile(rb'(<(?:c|row)\b[^>]*?\ss="|<col\b[^>]*?\sstyle=")(\d+)(?=")')


def _restyle(sheet: bytes, mapping: dict[int, int]) -> bytes:
    """A report sheet (``sheet_xml``'s own output) with its style indexes moved to the
    workbook's, and not selected (the user's selected tab stays selected). The sheet is split
    around its style indexes and joined again with the new ones (a replacement function per
    index took twice as long: a report of 100,000 answers has some 40,000)."""
    new_index = {str(old).encode(): str(new).encode() for old, new in mapping.items()}
    pieces = STYLE_INDEX.split(sheet)  # text, what precedes an index, the index, text, ...
    pieces[2::3] = map(new_index.__getitem__, pieces[2::3])
    return b"".join(pieces).replace(b' tabSelected="1"', b"")


def _new_sheets(book: WorkbookPart, old: list[Sheet], scratch: Package, renames: dict[str, str]) -> list[NewSheet]:
    kept_ids = {r.id for r in book.rels} - {s.rid for s in old}
    max_id = max([int(s.element.get("sheetId", "0")) for s in book.sheets if s.element.get("sheetId", "").isdigit()]
                 + [0])
    out, number = [], 0
    for i, sheet in enumerate(WorkbookPart(scratch).sheets, start=1):
        number += 1
        while f"rIdXlNps{number}" in kept_ids:
            number += 1
        out.append(NewSheet(sheet.name, renames[sheet.part], f"rIdXlNps{number}", max_id + i))
    return out


def _content_types(data: bytes, scratch: Package, renames: dict[str, str], removed: set[str],
                   added: dict[str, bytes]) -> bytes:
    types = content_types(scratch.read(TYPES_PART))
    new = {name: types[old.lower()] for old, name in renames.items() if old.lower() in types}
    root = parse(data)
    defaults = {e.get("Extension", "").lower() for e in root.findall("Default", TYPES_NS)}
    if "rels" not in defaults:  # a package that declares its .rels parts one by one
        new |= {name: RELS_TYPE for name in added if name.endswith(".rels")}
    return edit_content_types(data, removed, new)


# ---------------------------------------------------------------- workbook.xml

def _workbook_xml(book: WorkbookPart, old: list[Sheet], new: list[NewSheet], report: Report,
                  scratch: WorkbookPart) -> bytes:
    editor = Editor(book.data, book.root)
    for sheet in old:
        editor.remove(sheet.element)
    sheets = book.sheets_element
    sheet_tag, _ = qualified(sheets.scope, MAIN_NS, "sheet")
    rid_attr, prefix = qualified(sheets.scope, REL_NS, "id", attribute=True)
    editor.append(sheets, "".join(
        element_xml(sheet_tag, declaration(prefix, REL_NS), {"name": s.name, "sheetId": str(s.sheet_id), rid_attr: s.rid})
        for s in new))
    old_names = book.names
    final = [s.name for s in book.sheets if s not in old] + [s.name for s in new]
    replaced = {i for i, s in enumerate(book.sheets) if s in old}
    _defined_names(editor, book, old_names, final, report, scratch, replaced)
    _views(editor, book, old_names, final)
    return editor.result()


def _defined_names(editor: Editor, book: WorkbookPart, old_names: list[str], final: list[str], report: Report,
                   scratch: WorkbookPart, replaced: set[int]) -> None:
    """Names scoped to a sheet follow their sheet (or go with it, as those of the replaced
    report sheets do); the report's marks are written anew, and the names the scratch package
    gives its sheets (the rows printed on every page, _xlnm.Print_Titles) come with them."""
    for element in book.defined_names():
        local = element.get("localSheetId", "")
        if element.get("name") in (DIGEST, MARKER):
            editor.remove(element)
        elif local.isdigit():
            name = old_names[int(local)] if int(local) < len(old_names) else None
            if name not in final or int(local) in replaced:
                editor.remove(element)
            elif final.index(name) != int(local):
                editor.set(element, localSheetId=str(final.index(name)))
    container = book.root.find("definedNames")
    scope = container.scope if container is not None else book.root.scope
    tag, _ = qualified(scope, MAIN_NS, "definedName")
    marks = [element_xml(tag, "", {"name": MARKER, "localSheetId": str(final.index(s.name)), "hidden": "1"},
                         escape_text(f"{_quote_sheet(s.name)}!$A$1")) for s in report.sheets]
    marks.append(element_xml(tag, "", {"name": DIGEST, "hidden": "1"}, escape_text(f'"{report.digest()}"')))
    for element in scratch.defined_names():
        local = element.get("localSheetId", "")
        if local.isdigit():
            where = str(final.index(scratch.names[int(local)]))
            marks.append(element_xml(tag, "", {"name": element.get("name"), "localSheetId": where}, escape_text(element.text)))
    if container is not None:
        editor.append(container, "".join(marks))
    else:
        insert_in_order(editor, book.root, editor.new_child(book.root, "definedNames", {}, "".join(marks)),
                        "definedNames", WORKBOOK_ORDER)


def _views(editor: Editor, book: WorkbookPart, old_names: list[str], final: list[str]) -> None:
    """The active and first visible tab keep pointing at the same sheet (the first one if
    that sheet is gone)."""
    views = book.root.find("bookViews")
    for view in views.findall("workbookView") if views is not None else []:
        changes = {}
        for attribute in ("activeTab", "firstSheet"):
            index = view.get(attribute, "")
            if index.isdigit():
                name = old_names[int(index)] if int(index) < len(old_names) else None
                new_index = str(final.index(name) if name in final else 0)
                if new_index != index:
                    changes[attribute] = new_index
        if changes:
            editor.set(view, **changes)


def _quote_sheet(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"
