"""Turn a benchmark workbook into one stored the way Excel stores it: every text in the shared
string table (``xl/sharedStrings.xml``), cells pointing at it by number.

openpyxl and XlsxWriter's constant-memory mode write each text inside its cell ("inline
strings"); Excel, LibreOffice and XlsxWriter's normal mode write shared strings. A workbook a
team has opened and saved in Excel is the latter, and a reader pays for the table once per
opening, so the refresh benchmark measures both kinds.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

INLINE = re.compile(r'<c r="([A-Z]+\d+)"((?: s="\d+")?) t="inlineStr"><is><t(?: xml:space="preserve")?>(.*?)</t></is></c>',
                    re.DOTALL)
SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def to_shared_strings(source: Path, destination: Path) -> None:
    strings: dict[str, int] = {}
    count = 0

    def shared(match: re.Match) -> str:
        nonlocal count
        count += 1
        index = strings.setdefault(match.group(3), len(strings))
        return f'<c r="{match.group(1)}"{match.group(2)} t="s"><v>{index}</v></c>'

    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(destination, "w", zipfile.ZIP_DEFLATED) as out:
        if "xl/sharedStrings.xml" in archive.namelist():
            raise ValueError(f"{source} has shared strings already")
        for info in archive.infolist():
            data = archive.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                data = INLINE.sub(shared, data.decode("utf-8")).encode("utf-8")
            elif info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SST_TYPE}"/></Types>'.encode())
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", f'<Relationship Id="rIdSst" Type="{SST_REL}" '
                                                         f'Target="sharedStrings.xml"/></Relationships>'.encode())
            out.writestr(info.filename, data)
        items = "".join(f'<si><t xml:space="preserve">{text}</t></si>' for text in strings)
        out.writestr("xl/sharedStrings.xml",
                     '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                     '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                     f'count="{count}" uniqueCount="{len(strings)}">{items}</sst>')
