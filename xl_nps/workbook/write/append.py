"""Appends answers to a sheet of an xlsx without holding the sheet in memory.

The sheet's part is streamed from the old zip into the new one in two passes:

1. :func:`locate` finds, in the decompressed stream, the ``<dimension>`` element, where
   ``<sheetData>`` starts, and the first row at or below the first new row (else
   ``</sheetData>``); what follows (those rows and the end of the part) is kept. Rows are
   found by their start tags: in SpreadsheetML every ``<`` in the sheet data starts a tag and
   no tag holds a ``<``, so a byte search is exact, unless the data holds comments or CDATA
   sections, where an expat pass finds the same place.
2. The new rows are written to a temporary file as the records come (they may come from a
   generator, so a million answers are never all in memory); rows already there from the
   first new row on (the template's row that holds only the Category formula, formatting)
   are parsed and the new cells merged in.
3. The part is copied through: the dimension widened, the rows before the split as bytes,
   the new rows, the rest.

The table's range is extended and ``fullCalcOnLoad`` set, so Excel computes the new rows'
formulas on opening. Every other part is copied with its compressed bytes. New cells use the
namespace prefix the sheet uses (``<row>`` or ``<x:row>``); dates are serial numbers in the
workbook's date system with a date format (built-in format 14, the user's short date).
"""

from __future__ import annotations

import re
import tempfile
import xml.parsers.expat
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

from xl_nps.errors import XlNpsError
from xl_nps.rules import EXCEL_ROWS
from xl_nps.values import column_letter, excel_serial
from xl_nps.workbook.report.placement import DEFAULT_WIDTH, LINE_HEIGHT, text_height
from xl_nps.workbook.write.package import MAIN_NS, Package, write_package
from xl_nps.workbook.write.styles import cell_format, insert_in_order
from xl_nps.workbook.write.workbook_part import WORKBOOK_ORDER, WorkbookPart
from xl_nps.workbook.write.xml_edit import (
    Editor, Element, XmlError, edit_start_tag, escape_text, parse, prefix_of, tag_end)

CHUNK = 1 << 20
SHORT_DATE = 14  # built-in number format: the short date of the user's locale (ECMA-376 §18.8.30)
ROWS_PER_WRITE = 2_000
REF = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)")


@dataclass
class Layout:
    """Where things are in the decompressed sheet part."""

    head: bytes  # everything up to and including the <sheetData> start tag
    prefix: str  # "" or "x:": how the sheet writes elements of the main namespace
    dimension: tuple[int, int, str] | None  # start, end and ref of <dimension>
    data_empty: bool  # <sheetData/>
    split: int  # where the rows at or below the first new row (or </sheetData>) start
    tail: bytes = b""  # the part from ``split`` on: those rows, </sheetData> and what follows


def append_rows(source: Path, destination: Path, sheet_name: str, table_name: str, first_row: int,
                records: Iterable[dict], columns: dict[str, int], category=None, wrapped: Sequence[str] = ()) -> int:
    """Write ``source`` to ``destination`` with ``records`` (field -> value) added to a sheet as
    rows ``first_row`` on; ``columns`` maps fields to 0-based columns; ``category`` is
    (column letters, function of the row giving the formula without "=") for a formula column
    to fill; text of the ``wrapped`` fields wraps in its cell (multi-line comments do not run
    over the rows above). Every other part is copied as it is. ``records`` may be a generator: the rows are
    written to a temporary file as they come (a million rows never sit in memory). Returns
    the number of rows added."""
    with zipfile.ZipFile(source) as archive, tempfile.TemporaryFile() as spool:
        package = Package(archive)
        book = WorkbookPart(package)
        sheet = next((s for s in book.sheets if s.name == sheet_name and s.part), None)
        if sheet is None:
            raise XlNpsError(f'{source.name} has no sheet named "{sheet_name}"')
        styles_part = package.member(book.part_of("styles"))
        styles, date_style = cell_format(package.read(styles_part), SHORT_DATE)
        styles, wrap_style = cell_format(styles, 0, wrap=True)
        open_sheet = lambda: archive.open(sheet.part)  # noqa: E731
        layout = locate(open_sheet, first_row)
        existing, after = _existing_rows(layout)
        widths = column_widths(layout.head)
        rows = NewRows(columns, category, first_row, date_style, book.date1904, layout.prefix,
                       {columns[f] + 1: widths.get(columns[f] + 1, DEFAULT_WIDTH) for f in wrapped if f in columns},
                       wrap_style)
        added = rows.write(spool, records, existing)
        last_row = first_row + added - 1
        edited = {styles_part: styles, book.part: _full_calculation_on_load(book)}
        edited |= _tables(package, sheet.part, table_name, last_row)
        streamed = {sheet.part: lambda out: _copy_sheet(open_sheet, out, layout, rows.width, last_row, spool, after)}
        write_package(archive, destination, edited, set(), {}, streamed, level=1)
    return added


# ---------------------------------------------------------------- pass 1: where things are

def locate(open_part: Callable, first_row: int) -> Layout:
    with open_part() as stream:
        head, rest, dimension, prefix = _head(stream)
        if head.endswith(b"/>"):
            return Layout(head, prefix, dimension, True, len(head), rest + stream.read())
        split, plain, tail = _body(stream, rest, len(head), prefix, first_row)
        if plain:
            return Layout(head, prefix, dimension, False, split, tail + stream.read())
    with open_part() as stream:  # comments or CDATA among the rows: find the split point exactly
        split = _body_exactly(stream, first_row)
    with open_part() as stream:
        _skip(stream, split)
        return Layout(head, prefix, dimension, False, split, stream.read())


class _Found(Exception):
    pass


def _head(stream) -> tuple[bytes, bytes, tuple[int, int, str] | None, str]:
    """The bytes up to the end of the <sheetData> start tag (found with expat), the bytes
    read past it, the dimension element, and the prefix of the main namespace."""
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    found: dict = {}
    root_scope: dict[str, str] = {}
    buffer = bytearray()

    def declare(prefix, uri):
        if "root" not in found:  # the root's own declarations come before its start
            root_scope[prefix or ""] = uri

    def start(name, attrs):
        found.setdefault("root", True)
        if name == MAIN_NS + " dimension":
            found["dimension"] = (parser.CurrentByteIndex, attrs.get("ref", ""))
        elif name == MAIN_NS + " sheetData":
            found["data"] = parser.CurrentByteIndex
            raise _Found

    parser.StartNamespaceDeclHandler, parser.StartElementHandler = declare, start
    while "data" not in found:
        chunk = _read(stream)
        buffer += chunk
        try:
            parser.Parse(chunk, False)
        except _Found:
            pass
    while (end := _tag_end_or_none(buffer, found["data"])) is None:
        buffer += _read(stream)
    dimension = None
    if "dimension" in found:
        at, ref = found["dimension"]
        dimension = (at, tag_end(bytes(buffer), at), ref)
    prefix = prefix_of(root_scope, MAIN_NS) or ""
    return bytes(buffer[:end]), bytes(buffer[end:]), dimension, f"{prefix}:" if prefix else ""


def _read(stream) -> bytes:
    chunk = stream.read(CHUNK)
    if not chunk:
        raise XlNpsError("the sheet's XML ends before its rows (the file is damaged)")
    return chunk


def _tag_end_or_none(buffer: bytearray, at: int) -> int | None:
    try:
        return tag_end(bytes(buffer), at)
    except XmlError:
        return None


def _body(stream, pending: bytes, at: int, prefix: str, first_row: int) -> tuple[int, bool, bytes]:
    """The offset of the first row numbered ``first_row`` or more (else of </sheetData>),
    whether the rows before it were plain (no comments, CDATA or processing instructions), and
    the bytes read from there on."""
    row_open = b"<" + prefix.encode() + b"row"
    end_tag = b"</" + prefix.encode() + b"sheetData>"
    row, plain = 0, True
    while True:
        chunk = stream.read(CHUNK)
        data = pending + chunk
        cut = data.rfind(b"<") if chunk else len(data)  # a block holds whole tags only
        block, pending = data[:max(cut, 0)], data[max(cut, 0):]
        plain = plain and b"<!" not in block and b"<?" not in block
        split, row = _split_in(block, at, row_open, end_tag, row, first_row)
        if split is not None:
            return split, plain, block[split - at:] + pending
        if not chunk:
            raise XlNpsError("the sheet's row data does not end (the file is damaged)")
        at += len(block)


def _split_in(block: bytes, at: int, row_open: bytes, end_tag: bytes, row: int,
              first_row: int) -> tuple[int | None, int]:
    """In one block of whole tags: where the rows at or below ``first_row`` start (else
    </sheetData>, else None), and the number of the last row seen. Only the block's last row
    is read unless it is at or below ``first_row``."""
    end = block.find(end_tag)
    rows = block if end < 0 else block[:end]
    last = _last_row_tag(rows, row_open)
    number = _row_number(rows, last) if last is not None else None
    if last is None or (number is not None and number < first_row):
        return (at + end if end >= 0 else None), (number if number is not None else row)
    for start in _row_tags(rows, row_open):
        number = _row_number(rows, start)
        row = number if number is not None else row + 1
        if row >= first_row:
            return at + start, row
    return (at + end if end >= 0 else None), row


def _is_row_tag(block: bytes, at: int, row_open: bytes) -> bool:
    return block[at + len(row_open):at + len(row_open) + 1] in (b" ", b"\t", b"\n", b"\r", b">", b"/")


def _last_row_tag(block: bytes, row_open: bytes) -> int | None:
    at = len(block)
    while (at := block.rfind(row_open, 0, at)) >= 0:
        if _is_row_tag(block, at, row_open):
            return at
    return None


def _row_tags(block: bytes, row_open: bytes):
    at = 0
    while (at := block.find(row_open, at)) >= 0:
        if _is_row_tag(block, at, row_open):
            yield at
        at += 1


def _row_number(block: bytes, at: int) -> int | None:
    tag = block[at:block.index(b">", at) + 1]
    match = re.search(rb"""\sr\s*=\s*["'](\d+)["']""", tag)
    return int(match.group(1)) if match else None


def _body_exactly(stream, first_row: int) -> int:
    """The same split point, found by parsing every element (slow; for unusual sheets)."""
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    state = {"row": 0, "depth": 0}

    def start(name, attrs):
        state["depth"] += 1
        if name == MAIN_NS + " row" and state["depth"] == 3:
            state["row"] = int(attrs["r"]) if "r" in attrs else state["row"] + 1
            if state["row"] >= first_row:
                state["split"] = parser.CurrentByteIndex
                raise _Found

    def end(name):
        state["depth"] -= 1
        if name == MAIN_NS + " sheetData":
            state["split"] = parser.CurrentByteIndex
            raise _Found

    parser.StartElementHandler, parser.EndElementHandler = start, end
    while True:
        chunk = stream.read(CHUNK)
        try:
            parser.Parse(chunk, not chunk)
        except _Found:
            return state["split"]
        if not chunk:
            raise XlNpsError("the sheet's row data does not end (the file is damaged)")


# ---------------------------------------------------------------- pass 2: copying

def _copy_sheet(open_part: Callable, out, layout: Layout, width: int, last_row: int, spool, after: bytes) -> None:
    """The sheet: its head (dimension widened), its rows up to the split point as they are,
    the new rows from the spool, then the rows below them and the rest of the part."""
    head = layout.head
    if layout.dimension:
        start, end, ref = layout.dimension
        head = head[:start] + _dimension(head[start:end], ref, last_row, width) + head[end:]
    if layout.data_empty:
        out.write(head[:-2].rstrip() + b">")
    else:
        out.write(head)
        with open_part() as stream:
            _skip(stream, len(layout.head))
            _copy_bytes(stream, out, layout.split - len(layout.head))
    spool.seek(0)
    while chunk := spool.read(CHUNK):
        out.write(chunk)
    if layout.data_empty:
        out.write(f"</{layout.prefix}sheetData>".encode())
    out.write(after)


def _skip(stream, size: int) -> None:
    while size > 0:
        size -= len(_read(stream) if size >= CHUNK else stream.read(size))


def _copy_bytes(stream, out, size: int) -> None:
    while size > 0:
        chunk = stream.read(min(size, CHUNK))
        if not chunk:
            raise XlNpsError("the sheet is cut short (the file is damaged)")
        out.write(chunk)
        size -= len(chunk)


def _dimension(tag: bytes, ref: str, last_row: int, width: int) -> bytes:
    cells = REF.findall(ref.upper())
    old_col, old_row = (cells[-1][0], int(cells[-1][1])) if cells else ("A", 1)
    new_ref = f"A1:{column_letter(max(width, _column_number(old_col)))}{max(last_row, old_row)}"
    return edit_start_tag(tag, {"ref": new_ref})


def _existing_rows(layout: Layout) -> tuple[dict[int, tuple[Element, bytes]], bytes]:
    """The rows at or below the first new row, parsed, and the bytes from </sheetData> on.
    The tail is parsed inside the sheet's own root and sheetData start tags, so its prefixes
    resolve."""
    if layout.data_empty:
        return {}, layout.tail
    head = layout.head
    root_at = _root_start(head)
    opening = head[root_at:tag_end(head, root_at)] + head[head.rindex(b"<"):]
    document = opening + layout.tail
    data = next(c for c in parse(document).children if c.ns == MAIN_NS and c.name == "sheetData")
    rows, number = {}, 0
    for row in data.findall("row", MAIN_NS):
        number = int(row.get("r")) if row.get("r", "").isdigit() else number + 1
        rows[number] = (row, document[row.start:row.end])
    return rows, document[data.close:]


def _root_start(head: bytes) -> int:
    """Where the root's start tag is (after the XML declaration, comments and processing
    instructions)."""
    at = 0
    while True:
        at = head.index(b"<", at)
        if head[at + 1:at + 2] not in (b"?", b"!"):
            return at
        at = head.index(b"-->", at) + 3 if head[at:at + 4] == b"<!--" else head.index(b">", at) + 1


# ---------------------------------------------------------------- the new rows

class NewRows:
    """The records as row XML, merged into existing rows where there are some."""

    def __init__(self, columns, category, first_row, date_style, date1904, prefix, wrap_widths=None, wrap_style=0):
        self.first_row, self.category, self.date1904, self.p = first_row, category, date1904, prefix
        self.wrap_widths = wrap_widths or {}  # column -> its width, for text that wraps
        self.wrap = {col: f' s="{wrap_style}"' for col in self.wrap_widths}
        self.wrap_fields = {field: col + 1 for field, col in columns.items() if col + 1 in self.wrap_widths}
        self.fields = [(field, col + 1, column_letter(col + 1)) for field, col in sorted(columns.items(), key=lambda i: i[1])]
        self.category_col = _column_number(category[0]) if category else None
        self.date_open = f' s="{date_style}"><{prefix}v>'
        self.serials: dict = {}  # date -> its serial text: answers share days
        self.width = max([col for _, col, _ in self.fields] + ([self.category_col] if category else []) + [1])

    def write(self, out, records: Iterable[dict], existing: dict[int, tuple[Element, bytes]]) -> int:
        """Write the rows to ``out`` (bytes); rows already there below the new ones follow
        them as they were. Returns the number of records written."""
        batch, r = [], self.first_row - 1
        for r, record in enumerate(records, start=self.first_row):
            if r > EXCEL_ROWS:
                raise XlNpsError(f"the answers would need row {r:,} of the sheet, past Excel's last row "
                                 f"({EXCEL_ROWS:,}); import the rest into another workbook (nothing was changed)")
            cells = self.cells(r, record)
            height = self.height(record) if self.wrap_fields else ""
            if r in existing:
                batch.append(self.merged(r, cells, *existing.pop(r), height))
            else:
                batch.append(f'<{self.p}row r="{r}"{height}>{"".join(x for _, x in cells)}</{self.p}row>')
            if len(batch) >= ROWS_PER_WRITE:
                out.write("".join(batch).encode("utf-8"))
                batch.clear()
        out.write("".join(batch).encode("utf-8"))
        for number in sorted(existing):  # rows below the new ones stay as they were
            out.write(existing[number][1])
        return r - self.first_row + 1

    def cells(self, r: int, record: dict) -> list[tuple[int, str]]:
        p, out = self.p, []
        for field, col, letter in self.fields:
            value = record.get(field)
            if value is None or value == "":
                continue
            kind = type(value)
            if kind is str:
                if "&" in value or "<" in value or ">" in value:
                    value = escape_text(value)
                space = ' xml:space="preserve"' if value[0].isspace() or value[-1].isspace() else ""
                out.append((col, f'<{p}c r="{letter}{r}"{self.wrap.get(col, "")} t="inlineStr"><{p}is><{p}t{space}>'
                                 f'{value}</{p}t></{p}is></{p}c>'))
            elif kind is int or kind is float:
                out.append((col, f'<{p}c r="{letter}{r}"><{p}v>{value}</{p}v></{p}c>'))
            else:  # a date or a date and time
                serial = self.serials.get(value)
                if serial is None:
                    serial = self.serials[value] = f"{excel_serial(value, self.date1904):.10g}"
                out.append((col, f'<{p}c r="{letter}{r}"{self.date_open}{serial}</{p}v></{p}c>'))
        if self.category:
            formula = escape_text(self.category[1](r))
            out.append((self.category_col, f'<{p}c r="{self.category[0]}{r}" t="str"><{p}f>{formula}</{p}f></{p}c>'))
            out.sort()
        return out

    def height(self, record: dict) -> str:
        """A row height for wrapped text of more than one line (the report's rules,
        ``placement.text_height``), as row attributes."""
        height = LINE_HEIGHT
        for field, col in self.wrap_fields.items():
            text, width = record.get(field), self.wrap_widths[col]
            # most comments are short: measured only when they may not fit on one line
            if type(text) is str and (2.1 * len(text) > width - 1 or "\n" in text or "\r" in text):
                height = max(height, text_height(text, width))
        return f' ht="{height:g}" customHeight="1"' if height > LINE_HEIGHT else ""

    def merged(self, r: int, cells: list[tuple[int, str]], row: Element, xml: bytes, height: str = "") -> str:
        """An existing row with the new cells put in; a cell that already holds something is
        kept when it is the Category formula, else the import stops (nothing is overwritten)."""
        new = dict(cells)
        kept = {}
        for cell in row.findall("c", MAIN_NS):
            col = _column_number(REF.match(cell.get("r", "")).group(1)) if REF.match(cell.get("r", "")) else None
            if col is None:
                raise XlNpsError(f"row {r} of the sheet has a cell without a reference; save it in Excel and retry")
            content = xml[cell.start - row.start:cell.end - row.start].decode("utf-8")
            holds = cell.find("f") is not None or any(c.text.strip() or c.children for c in cell.children)
            if col in new and holds:
                if col == self.category_col and cell.find("f") is not None:
                    new.pop(col)
                else:
                    raise XlNpsError(f"cell {column_letter(col)}{r} already holds something where answer {r} "
                                     "would go; clear the rows below the last answer and import again")
            if col not in new:
                kept[col] = content
        start = xml[:row.open_end - row.start].decode("utf-8")
        start = re.sub(r"""\sspans\s*=\s*("[^"]*"|'[^']*')""", "", start)
        if start.endswith("/>"):
            start = start[:-2].rstrip() + ">"
        if height and row.get("ht") is None:
            start = start[:-1].rstrip() + height + ">"
        merged = {**kept, **new}
        return f'{start}{"".join(merged[c] for c in sorted(merged))}</{self.p}row>'


def column_widths(head: bytes) -> dict[int, float]:
    """Column -> width from the ``<cols>`` of a sheet's head (the part before its rows)."""
    widths = {}
    for tag in re.findall(rb"<(?:\w+:)?col\b[^>]*>", head):
        attrs = dict(re.findall(rb'(\w+)\s*=\s*["\']([^"\']*)["\']', tag))
        try:
            low, high, width = int(attrs[b"min"]), int(attrs[b"max"]), float(attrs[b"width"])
        except (KeyError, ValueError):
            continue
        widths.update({c: width for c in range(low, min(high, low + 16384) + 1)})
    return widths


def _column_number(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number


# ---------------------------------------------------------------- the table and workbook.xml

def _tables(package: Package, sheet_part: str, table_name: str, last_row: int) -> dict[str, bytes]:
    """The sheet's table named ``table_name``, its range (and filter range) reaching ``last_row``."""
    out = {}
    for rel in package.rels(sheet_part):
        if rel.external or not rel.type.endswith("/table"):
            continue
        name = package.member(rel.target)
        editor = Editor(package.read(name))
        if editor.root.get("displayName") != table_name:
            continue
        first, _, last = editor.root.get("ref", "A1:A1").partition(":")
        match = REF.match(last or first)
        if match is None:  # whole columns ("A:I", as LibreOffice writes a table that fills them)
            continue
        letters, number = match.groups()
        ref = f"{first}:{letters}{max(int(number), last_row)}"
        editor.set(editor.root, ref=ref)
        auto_filter = editor.root.find("autoFilter")
        if auto_filter is not None:
            editor.set(auto_filter, ref=ref)
        out[name] = editor.result()
    return out


def _full_calculation_on_load(book: WorkbookPart) -> bytes:
    """workbook.xml with calcPr fullCalcOnLoad="1": Excel computes the new rows' formulas."""
    editor = Editor(book.data, book.root)
    calc = book.root.find("calcPr")
    if calc is not None:
        editor.set(calc, fullCalcOnLoad="1")
    else:
        insert_in_order(editor, book.root, editor.new_child(book.root, "calcPr", {"fullCalcOnLoad": "1"}),
                        "calcPr", WORKBOOK_ORDER)
    return editor.result()
