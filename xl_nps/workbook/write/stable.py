"""Same input, same bytes: what makes a file xl-nps writes differ from run to run is fixed here.

A zip member records the time it was written and the system that wrote it (MS-DOS or Unix,
which also sets its permission bits), and openpyxl stamps the time of saving into
``docProps/core.xml``. So ``xl-nps demo`` rewrote ``workbooks/example.xlsx`` on every run and a
fresh clone was dirty after the README's first command. Every member xl-nps writes is dated
1980-01-01 00:00 (the earliest date a zip can hold, the date Excel gives every member) and
marked as written by MS-DOS, as Excel marks them; a workbook built from the template keeps the
modification time the template sets. (The zip format: PKWARE APPNOTE.TXT 4.4.2 "version made
by", 4.4.6 "last mod file time/date".)
"""

from __future__ import annotations

import io
import re
import zipfile

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
MS_DOS = 0
MODIFIED = re.compile(rb"(<dcterms:modified\b[^>]*>)[^<]*(</dcterms:modified>)")


# A member written as a stream has no size in advance. Declaring ZIP64 for every one of them
# made Python 3.10 and 3.11+ write different local headers (3.11 writes 0xFFFFFFFF placeholders),
# so ZIP64 is declared only where the part it replaces is this large: a part the safety check
# lets in, plus a million appended answers, stays well under zip's 2 GiB limit below that.
ZIP64_FROM = 1 << 30


def needs_zip64(source_size: int) -> bool:
    """Whether a member streamed in place of a part of ``source_size`` bytes must be ZIP64."""
    return source_size >= ZIP64_FROM


def member(name: str, level: int | None = None) -> zipfile.ZipInfo:
    """A deflated zip member named ``name`` with the fixed date and system."""
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.create_system = MS_DOS
    info.compress_type = zipfile.ZIP_DEFLATED
    if level is not None:
        info._compresslevel = level  # zipfile's field for ZipFile.open(info, "w") (an alias from Python 3.13)
    return info


def openpyxl_bytes(wb) -> bytes:
    """An openpyxl workbook saved with fixed member dates and the modification time it holds
    (openpyxl's save replaces that with the time of saving)."""
    modified = wb.properties.modified
    buffer = io.BytesIO()
    wb.save(buffer)
    stamp = modified.strftime("%Y-%m-%dT%H:%M:%SZ").encode() if modified else None
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml" and stamp:
                data = MODIFIED.sub(lambda m: m.group(1) + stamp + m.group(2), data)
            target.writestr(member(info.filename), data)
    wb.properties.modified = modified
    return out.getvalue()
