"""The report's cell formats added to the user's ``styles.xml``, once.

The scratch package's fonts, fills, borders, number formats and cell formats (``xf``) are
compared by meaning with those the workbook has; what is missing is appended to its list
(written with the workbook's own namespace prefix), and every scratch cell format gets the
index of its twin. A later refresh finds the same entries again, however the file was saved
in between, so styles do not pile up. Element order follows ECMA-376 Part 1, §18.8.39
(styleSheet).
"""

from __future__ import annotations

from dataclasses import replace

from xl_nps.workbook.write.xml_edit import Editor, Element, parse, rewrite

STYLESHEET_ORDER = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs",
                    "tableStyles", "colors", "extLst")
BOOLEAN_PROPERTIES = {"b", "i", "strike", "condense", "extend", "outline", "shadow"}
XF_FLAGS = {"applyNumberFormat", "applyFont", "applyFill", "applyBorder", "applyAlignment", "applyProtection",
            "pivotButton", "quotePrefix"}
FIRST_CUSTOM_FORMAT = 164  # ids below are Excel's built-in number formats (§18.8.30)


def canonical(element: Element):
    """A style element reduced to what it means, so that the same font, fill or cell format
    matches however a program spelled it (openpyxl, Excel, LibreOffice and Google Sheets each
    write ``styles.xml`` their own way): ``<b/>`` and ``<b val="1"/>``, ``sz="10"`` and
    ``"10.0"``, children and attributes in any order, colours with or without their alpha
    byte, ``<patternFill/>`` and ``patternType="none"``; the presentational apply* flags of
    ``<xf>`` left out."""
    attrs = {key.rsplit("}", 1)[-1]: _number(value) for key, value in element.attrs.items()}
    if element.name in BOOLEAN_PROPERTIES:
        value = attrs.get("val", "1")
        attrs["val"] = {"true": "1", "false": "0"}.get(value, value)
    if element.name == "xf":
        attrs = {k: v for k, v in attrs.items() if k not in XF_FLAGS}
        attrs.setdefault("xfId", "0")
    if element.name == "patternFill":
        attrs.setdefault("patternType", "none")
    if "rgb" in attrs:
        attrs["rgb"] = attrs["rgb"][-6:].upper()
    children = [canonical(c) for c in element.children if not (c.name == "bgColor" and c.get("indexed") == "64")]
    return element.name, tuple(sorted(attrs.items())), tuple(sorted(children))


def _number(value: str) -> str:
    try:
        number = float(value)
    except ValueError:
        return value
    return str(int(number)) if number.is_integer() and "e" not in value.lower() else value


class StyleSheet:
    """Edits to one styles.xml: lists extended, indexes of what they hold."""

    def __init__(self, data: bytes):
        self.editor = Editor(data)
        self.root = self.editor.root
        self.added: dict[str, list[str]] = {}  # container -> new children's XML
        self.known: dict[str, list] = {}  # container -> canonical forms, old and new

    def _forms(self, container: str, child: str) -> list:
        if container not in self.known:
            element = self.root.find(container)
            self.known[container] = [canonical(c) for c in element.findall(child)] if element is not None else []
        return self.known[container]

    def index(self, container: str, item: Element) -> int:
        """The index of ``item`` in ``container``, appended when the workbook lacks it."""
        forms = self._forms(container, item.name)
        form = canonical(item)
        if form in forms:
            return forms.index(form)
        forms.append(form)
        self.added.setdefault(container, []).append(rewrite(item, self._scope(container)))
        return len(forms) - 1

    def _scope(self, container: str) -> dict[str, str]:
        element = self.root.find(container)
        return element.scope if element is not None else self.root.scope

    def number_formats(self) -> dict[str, str]:
        """Format code -> id of the workbook's own number formats."""
        element = self.root.find("numFmts")
        return {f.get("formatCode", ""): f.get("numFmtId", "") for f in element.findall("numFmt")} if element is not None else {}

    def result(self) -> bytes:
        for container, items in self.added.items():
            count = str(len(self.known[container]))
            element = self.root.find(container)
            if element is not None:
                self.editor.set(element, count=count)
                self.editor.append(element, "".join(items))
            else:
                new = self.editor.new_child(self.root, container, {"count": count}, "".join(items))
                insert_in_order(self.editor, self.root, new, container, STYLESHEET_ORDER)
        return self.editor.result()


def insert_in_order(editor: Editor, parent: Element, xml: str, name: str, order: tuple[str, ...]) -> None:
    """Put a new child where the schema's sequence ``order`` wants it: after the last child
    that comes before it (elements the sequence does not name are passed over)."""
    rank = order.index(name)
    later = [c for c in parent.children if c.ns == parent.ns and c.name in order and order.index(c.name) > rank]
    if later:
        editor.insert_before(later[0], xml)
    else:
        editor.append(parent, xml)


def merge_styles(target: bytes, scratch: bytes) -> tuple[bytes, dict[int, int]]:
    """Add the scratch package's cell formats to the workbook's styles.xml; returns the new
    styles.xml and the map from scratch cell-format index to the workbook's."""
    sheet, source = StyleSheet(target), parse(scratch)
    ids = {}
    for container, child, key in (("fonts", "font", "fontId"), ("fills", "fill", "fillId"),
                                  ("borders", "border", "borderId")):
        items = source.find(container).findall(child) if source.find(container) is not None else []
        ids[key] = [sheet.index(container, item) for item in items]
    formats = _format_ids(sheet, source)
    mapping = {}
    for i, xf in enumerate(source.find("cellXfs").findall("xf")):
        attrs = dict(xf.attrs, xfId="0")
        for key, new_ids in ids.items():
            attrs[key] = str(new_ids[int(xf.get(key, "0"))])
        attrs["numFmtId"] = formats.get(xf.get("numFmtId", "0"), xf.get("numFmtId", "0"))
        mapping[i] = sheet.index("cellXfs", replace(xf, attrs=attrs))
    return sheet.result(), mapping


def _format_ids(sheet: StyleSheet, source: Element) -> dict[str, str]:
    """Scratch number-format id -> the workbook's id for the same format code (added if new)."""
    element = source.find("numFmts")
    if element is None:
        return {}
    codes = sheet.number_formats()
    used = [int(i) for i in codes.values() if i.isdigit()]
    next_id = max([FIRST_CUSTOM_FORMAT - 1] + used) + 1
    out = {}
    for fmt in element.findall("numFmt"):
        code = fmt.get("formatCode", "")
        if code not in codes:
            codes[code] = str(next_id)
            attrs = {"numFmtId": str(next_id), "formatCode": code}
            sheet.index("numFmts", replace(fmt, attrs=attrs))
            next_id += 1
        out[fmt.get("numFmtId")] = codes[code]
    return out


def cell_format(styles: bytes, number_format_id: int, wrap: bool = False) -> tuple[bytes, int]:
    """The index of a plain cell format showing built-in number format ``number_format_id``
    (14: the short date of the user's locale; 0: General), added when the workbook has none.
    ``wrap``: text wraps (at the foot of its row, as the other cells of the row sit)."""
    sheet = StyleSheet(styles)
    attrs = {"numFmtId": str(number_format_id), "fontId": "0", "fillId": "0", "borderId": "0", "xfId": "0",
             "applyNumberFormat": "1"}
    children = []
    if wrap:
        attrs["applyAlignment"] = "1"
        children = [Element(sheet.root.ns, "alignment", {"wrapText": "1"}, {}, 0)]
    index = sheet.index("cellXfs", Element(sheet.root.ns, "xf", attrs, {}, 0, children=children))
    return sheet.result(), index
