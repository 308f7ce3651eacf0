"""Setting a workbook up for xlwings Lite (Excel on Mac, Windows and the web): the ``main.py``
and ``requirements.txt`` a Lite user pastes into the add-in."""

from __future__ import annotations

from pathlib import Path

from xl_nps import __version__
from xl_nps.errors import XlNpsError


def lite_main_source() -> str:
    """The ``main.py`` of an xlwings Lite project that offers every xl-nps function and the
    refresh as a script."""
    return f'''"""xl-nps {__version__} in xlwings Lite (Excel on Windows, Mac and the web).

Paste this file into the Lite editor's main.py and requirements.txt into its requirements tab.
The functions (=NPS, =NPS_CI, ... ) then work in any cell; "refresh_report" appears among the
scripts and writes the quarterly report sheets into this workbook.
"""

import xlwings as xw

from xl_nps.excel_book import refresh_book
from xl_nps.udfs import *  # noqa: F401,F403  (every xl-nps function: importing them registers them)


@xw.script
def refresh_report(book: xw.Book):
    """Refresh the xl-nps report sheets (one per quarter, Periods, Comments, Problems)."""
    report = refresh_book(book)
    print(f"xl-nps: {{report.answers}} answers, {{len(report.quarters)}} quarters, "
          f"{{report.problems}} problems (see the Problems sheet)")
'''


def write_lite_project(out: Path, requirement: str | None = None) -> list[Path]:
    """Write main.py and requirements.txt for xlwings Lite into ``out``; never overwrites."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    files = {
        out / "main.py": lite_main_source(),
        out / "requirements.txt": (requirement or f"xl-nps=={__version__}") + "\n",
    }
    for path in files:
        if path.exists() and path.read_text(encoding="utf-8") != files[path]:
            raise XlNpsError(f"{path} exists and differs; choose another --out (it is left as it is)")
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
    return list(files)

