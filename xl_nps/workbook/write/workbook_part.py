"""workbook.xml read with the parser: its sheets, defined names and date system, and the
report's marks in it (which sheets a refresh generated, the digest of what they hold).

Child order follows ECMA-376 Part 1, §18.2.27 (workbook); a relationship id is an attribute in
the relationships namespace whatever its prefix (``r:id`` from Excel, LibreOffice,
XlsxWriter and Google Sheets, declared on each ``<sheet>`` by openpyxl).
"""

from __future__ import annotations

from dataclasses import dataclass

from xl_nps.workbook.report.placement import DIGEST, MARKER
from xl_nps.workbook.write.package import MAIN_NS, REL_NS, STRICT_MAIN_NS, Package, PackageError, Rel, rels_name
from xl_nps.workbook.write.xml_edit import Element

WORKBOOK_ORDER = ("fileVersion", "fileSharing", "workbookPr", "workbookProtection", "bookViews", "sheets",
                  "functionGroups", "externalReferences", "definedNames", "calcPr", "oleSize",
                  "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes", "webPublishing",
                  "fileRecoveryPr", "webPublishObjects", "extLst")
RID = "{%s}id" % REL_NS


class StrictWorkbook(PackageError):
    """The workbook is saved as Strict Open XML (normalise it first)."""


@dataclass
class Sheet:
    name: str
    rid: str
    part: str  # the sheet's part name ("" when its relationship is missing)
    element: Element


class WorkbookPart:
    """The parsed workbook.xml of a package, with its relationships."""

    def __init__(self, package: Package):
        self.part = package.workbook_part()
        self.data, self.root = package.parse(self.part)
        if self.root.ns == STRICT_MAIN_NS:
            raise StrictWorkbook("the workbook is saved as Strict Open XML")
        if (self.root.ns, self.root.name) != (MAIN_NS, "workbook"):
            raise PackageError(f"{self.part} is not a SpreadsheetML workbook")
        self.rels: list[Rel] = package.rels(self.part)
        self.rels_part = package.member(rels_name(self.part)) or rels_name(self.part)
        by_id = {rel.id: rel for rel in self.rels}
        sheets = self.root.find("sheets")
        self.sheets_element = sheets
        self.sheets = []
        for element in sheets.findall("sheet") if sheets is not None else []:
            rel = by_id.get(element.get(RID, ""))
            part = (package.member(rel.target) or rel.target) if rel and not rel.external else ""
            self.sheets.append(Sheet(element.get("name", ""), element.get(RID, ""), part, element))
        self.names = [s.name for s in self.sheets]

    @property
    def date1904(self) -> bool:
        properties = self.root.find("workbookPr")
        return properties is not None and properties.get("date1904", "0").lower() in ("1", "true")

    def defined_names(self) -> list[Element]:
        names = self.root.find("definedNames")
        return names.findall("definedName") if names is not None else []

    def marked_sheets(self) -> list[str]:
        """The sheets that carry the report's hidden sheet-scoped marker name."""
        out = []
        for element in self.defined_names():
            local = element.get("localSheetId", "")
            if element.get("name") == MARKER and local.isdigit() and int(local) < len(self.names):
                out.append(self.names[int(local)])
        return out

    def digest(self) -> str | None:
        for element in self.defined_names():
            if element.get("name") == DIGEST:
                return element.text.strip().strip('"')
        return None

    def part_of(self, kind: str) -> str | None:
        """The part of the workbook's first relationship of ``kind`` (e.g. "styles")."""
        return next((r.target for r in self.rels if r.type.endswith("/" + kind) and not r.external), None)
