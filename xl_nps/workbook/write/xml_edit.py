"""Edits a small XML part (workbook.xml, relationships, content types, styles, a table) in place.

expat, the standard library's XML parser, reads the part; for every element it records the
namespace and name, the attributes, the namespace prefixes in scope, and where the start tag,
the content and the end tag lie in the bytes. An edit replaces one of those spans; every byte
outside them is kept. So whatever program wrote the part, its prefixes (``x:sheet`` or
``sheet``, ``r:id`` or ``ns1:id``), namespace declarations on the root or on each element,
``mc:Ignorable`` lists and extension lists come out as they went in: re-serialising with
ElementTree would rename prefixes to ``ns0:`` and drop the declarations that only
``mc:Ignorable`` uses (Excel then refuses the file).

New elements are written with the prefixes the part already binds at the place they go
(:func:`qualified`); a namespace that has no prefix there is declared on the new element.
"""

from __future__ import annotations

import re
import xml.parsers.expat
from dataclasses import dataclass, field

XMLNS = "http://www.w3.org/XML/1998/namespace"
# An attribute inside a start tag that expat has already found well-formed: a name, "=", and a
# value in quotes that cannot contain its own quote character.
ATTRIBUTE = re.compile(rb"""\s+([^\s=/>]+)\s*=\s*("[^"]*"|'[^']*')""")


class XmlError(ValueError):
    """The part is not well-formed XML."""


@dataclass(eq=False)
class Element:
    ns: str
    name: str
    attrs: dict[str, str]  # "name", or "{namespace}name" for a namespaced attribute
    scope: dict[str, str]  # prefix ("" = default) -> namespace, in scope at this element
    start: int  # where "<" of the start tag is
    open_end: int = 0  # just after the start tag's ">"
    close: int = 0  # where the end tag starts (= end for an empty element)
    end: int = 0  # just after the element
    children: list["Element"] = field(default_factory=list)
    text: str = ""  # the character data directly inside (for definedName)

    @property
    def empty(self) -> bool:
        return self.close == self.end and self.open_end == self.end

    def get(self, name: str, default=None):
        return self.attrs.get(name, default)

    def find(self, name: str, ns: str | None = None) -> "Element | None":
        return next(iter(self.findall(name, ns)), None)

    def findall(self, name: str, ns: str | None = None) -> list["Element"]:
        ns = self.ns if ns is None else ns
        return [c for c in self.children if c.name == name and c.ns == ns]

    def iter(self, name: str, ns: str | None = None):
        ns = self.ns if ns is None else ns
        for child in self.children:
            if child.name == name and child.ns == ns:
                yield child
            yield from child.iter(name, ns)


def _split(name: str) -> tuple[str, str]:
    """expat's "namespace name [prefix]" (namespace_prefixes on) as (namespace, name)."""
    parts = name.split(" ")
    return (parts[0], parts[1]) if len(parts) > 1 else ("", parts[0])


def _attr_key(name: str) -> str:
    ns, local = _split(name)
    return f"{{{ns}}}{local}" if ns else local


def parse(data: bytes) -> Element:
    """The root element of ``data``, with every element's spans (raises :class:`XmlError`)."""
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    parser.namespace_prefixes = True
    parser.ordered_attributes = True
    stack: list[Element] = []
    declared: dict[str, str] = {}
    roots: list[Element] = []

    def declare(prefix, uri):
        declared[prefix or ""] = uri or ""

    def start(name, attributes):
        ns, local = _split(name)
        scope = {**stack[-1].scope, **declared} if stack else {"xml": XMLNS, **declared}
        declared.clear()
        attrs = {_attr_key(attributes[i]): attributes[i + 1] for i in range(0, len(attributes), 2)}
        element = Element(ns, local, attrs, scope, parser.CurrentByteIndex)
        element.open_end = tag_end(data, element.start)
        (stack[-1].children if stack else roots).append(element)
        stack.append(element)

    def end(name):
        element = stack.pop()
        at = parser.CurrentByteIndex
        if data[element.open_end - 2:element.open_end] == b"/>":
            element.close = element.end = element.open_end
        else:
            element.close, element.end = at, tag_end(data, at)

    def text(content):
        if stack:
            stack[-1].text += content

    parser.StartNamespaceDeclHandler = declare
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as error:
        raise XmlError(str(error)) from None
    return roots[0]


def tag_end(data: bytes, at: int) -> int:
    """Just after the ">" closing the tag that starts at ``at`` (quotes skipped)."""
    quote = None
    for i in range(at, len(data)):
        ch = data[i]
        if quote:
            if ch == quote:
                quote = None
        elif ch in (0x22, 0x27):
            quote = ch
        elif ch == 0x3E:
            return i + 1
    raise XmlError("unterminated tag")


def tag_name(data: bytes, element: Element) -> str:
    """The element's name as written (with its prefix, if any)."""
    return re.match(rb"<([^\s/>]+)", data[element.start:element.open_end]).group(1).decode()


def escape_attr(value: str) -> str:
    """An attribute value in double quotes, with what XML would change escaped."""
    return '"' + (str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
                  .replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;")) + '"'


def escape_text(value: str) -> str:
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def prefix_of(scope: dict[str, str], ns: str, attribute: bool = False) -> str | None:
    """The prefix bound to ``ns`` here ("" for the default namespace, which an attribute
    cannot use), or None."""
    if not attribute and scope.get("") == ns:
        return ""
    return next((p for p, uri in scope.items() if uri == ns and p not in ("", "xmlns")), None)


def qualified(scope: dict[str, str], ns: str, name: str, attribute: bool = False) -> tuple[str, str]:
    """The name to write for ``name`` in ``ns`` at a place with ``scope``, and the prefix to
    declare on the new element for it ("" when the namespace is already bound there)."""
    if not ns:
        return name, ""
    prefix = prefix_of(scope, ns, attribute)
    if prefix is not None:
        return (f"{prefix}:{name}" if prefix else name), ""
    prefix = next(p for p in (f"ns{i}" if i else "r" for i in range(len(scope) + 2)) if p not in scope)
    return f"{prefix}:{name}", prefix


def declaration(prefix: str, ns: str) -> str:
    return f" xmlns:{prefix}={escape_attr(ns)}" if prefix else ""


class Editor:
    """Edits to one parsed part, applied all at once by :meth:`result`."""

    def __init__(self, data: bytes, root: Element | None = None):
        self.data = data
        self.root = root if root is not None else parse(data)
        self._attrs: dict[Element, dict[str, str | None]] = {}
        self._appended: dict[Element, list[str]] = {}
        self._spans: list[tuple[int, int, str]] = []

    def set(self, element: Element, **values: str | None) -> None:
        """Set (or with None, remove) plain attributes of an element."""
        self._attrs.setdefault(element, {}).update(values)

    def remove(self, element: Element) -> None:
        self._spans.append((element.start, element.end, ""))

    def append(self, parent: Element, xml: str) -> None:
        """Add ``xml`` at the end of ``parent``'s content."""
        self._appended.setdefault(parent, []).append(xml)

    def insert_before(self, element: Element, xml: str) -> None:
        self._spans.append((element.start, element.start, xml))

    def insert_after(self, element: Element, xml: str) -> None:
        self._spans.append((element.end, element.end, xml))

    def new_child(self, parent: Element, name: str, attrs: dict[str, str], content: str = "") -> str:
        """A new element for ``parent``, in its namespace, written with its prefix."""
        tag, prefix = qualified(parent.scope, parent.ns, name)
        return element_xml(tag, declaration(prefix, parent.ns), attrs, content)

    def _start_tag(self, element: Element, changes: dict[str, str | None], open_only: bool) -> str:
        return edit_start_tag(self.data[element.start:element.open_end], changes, open_only).decode("utf-8")

    def result(self) -> bytes:
        spans = list(self._spans)
        for element in set(self._attrs) | set(self._appended):
            changes = self._attrs.get(element, {})
            added = "".join(self._appended.get(element, []))
            if element.empty and added:
                start = self._start_tag(element, changes, open_only=True)
                spans.append((element.start, element.end, f"{start}{added}</{tag_name(self.data, element)}>"))
                continue
            if changes:
                spans.append((element.start, element.open_end, self._start_tag(element, changes, open_only=False)))
            if added:
                spans.append((element.close, element.close, added))
        spans.sort(key=lambda s: (s[0], s[1]))
        out, at = [], 0
        for start, end, text in spans:
            if start < at:
                raise ValueError("overlapping edits")
            out.append(self.data[at:start])
            out.append(text.encode("utf-8"))
            at = end
        out.append(self.data[at:])
        return b"".join(out)


def edit_start_tag(tag: bytes, changes: dict[str, str | None], open_only: bool = False) -> bytes:
    """A start tag (as found by the parser) with plain attributes set, or removed (None);
    ``open_only`` turns ``<a/>`` into ``<a>``."""
    closing = b"/>" if tag.endswith(b"/>") else b">"
    body = tag[:-len(closing)].rstrip()
    for name, value in changes.items():
        new = b"" if value is None else f" {name}={escape_attr(value)}".encode("utf-8")
        match = next((m for m in ATTRIBUTE.finditer(body) if m.group(1) == name.encode()), None)
        body = body[:match.start()] + new + body[match.end():] if match else body + new
    return body + (b">" if open_only else closing)


def element_xml(tag: str, declarations: str, attrs: dict[str, str], content: str = "") -> str:
    attributes = "".join(f" {name}={escape_attr(value)}" for name, value in attrs.items())
    if content:
        return f"<{tag}{declarations}{attributes}>{content}</{tag}>"
    return f"<{tag}{declarations}{attributes}/>"


def rewrite(element: Element, scope: dict[str, str]) -> str:
    """``element`` (from another part) written anew for a place with ``scope``: elements and
    namespaced attributes take the prefixes bound there (declared on it where missing)."""
    inner = dict(scope)
    tag, prefix = qualified(inner, element.ns, element.name)
    declarations = declaration(prefix, element.ns)
    inner.update({prefix: element.ns} if prefix else {})
    attrs = {}
    for key, value in element.attrs.items():
        if not key.startswith("{"):
            attrs[key] = value
            continue
        ns, name = key[1:].split("}", 1)
        name, prefix = qualified(inner, ns, name, attribute=True)
        declarations += declaration(prefix, ns)
        inner.update({prefix: ns} if prefix else {})
        attrs[name] = value
    content = "".join(rewrite(child, inner) for child in element.children) or escape_text(element.text.strip())
    return element_xml(tag, declarations, attrs, content)


def is_utf8(data: bytes) -> bool:
    """Whether ``data`` is UTF-8 by its byte order mark or declaration (the only encoding the
    spans are edited in; :func:`as_utf8` converts the others)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return False
    match = re.match(rb"(?:\xef\xbb\xbf)?<\?xml[^>]*encoding\s*=\s*[\"']([^\"']+)", data)
    return match is None or match.group(1).lower().replace(b"-", b"") == b"utf8"


def as_utf8(data: bytes) -> bytes:
    if is_utf8(data):
        return data
    parser_text = _decode(data)
    return re.sub(r"^<\?xml[^>]*\?>", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>', parser_text,
                  count=1).encode("utf-8")


def _decode(data: bytes) -> str:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16")
    encoding = re.match(rb"<\?xml[^>]*encoding\s*=\s*[\"']([^\"']+)", data).group(1).decode("ascii")
    return data.decode(encoding)
