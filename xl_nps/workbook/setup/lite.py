"""Setting Excel up for xlwings Lite (Excel on Mac, Windows and the web): the files a Lite user
needs, written by ``xl-nps lite``.

xlwings Lite runs Python inside Excel (Pyodide) and installs packages with micropip from the
lines of its requirements.txt tab: names from PyPI, or the web address of a wheel. xl-nps is
not on PyPI, so the command writes the wheel itself beside ``main.py``; the user puts it on a
web address that Excel may read from (the server must allow other sites to fetch it, as
GitHub's raw file addresses do) and adds that address to the requirements tab.

Wheel format: PEP 427 (a zip of the package, ``*.dist-info/METADATA``, ``WHEEL`` and
``RECORD`` with the urlsafe-base64 sha256 of every file). It is built from the installed
package, so it needs no build tools, and its bytes depend only on the package's files.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import io
import zipfile
from pathlib import Path

import xl_nps
from xl_nps import __version__
from xl_nps.errors import XlNpsError

WHEEL_NAME = f"xl_nps-{__version__}-py3-none-any.whl"
DIST_INFO = f"xl_nps-{__version__}.dist-info"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # zip's earliest date: the same files give the same bytes


def lite_main_source() -> str:
    """The ``main.py`` of an xlwings Lite project that offers every xl-nps function and the
    refresh as a script. Registering the functions imports ``xl_nps.udfs`` only; the workbook
    layer is imported when the refresh runs."""
    return f'''"""xl-nps {__version__} in xlwings Lite (Excel on Windows, Mac and the web).

Paste this file into the Lite editor's main.py, and add the web address of the xl-nps wheel
to its requirements.txt tab. The functions (=NPS, =NPS_CI, ... ) then work in any cell;
"refresh_report" appears among the scripts and writes the quarterly report sheets into this
workbook.
"""

import xlwings as xw

from xl_nps.udfs import *  # noqa: F401,F403  (every xl-nps function: importing them registers them)


@xw.script
def refresh_report(book: xw.Book):
    """Refresh the xl-nps report sheets (one per quarter, Periods, Comments, Problems)."""
    from xl_nps.excel_book import refresh_book

    report = refresh_book(book)
    print(f"xl-nps: {{report.answers}} answers, {{len(report.quarters)}} quarters, "
          f"{{report.problems}} problems (see the Problems sheet)")
'''


def requirement_line(url: str | None) -> str:
    """The requirements.txt line: the wheel's web address (``url`` is that address, or the
    folder it is in), or, without one, a comment saying what to put there."""
    if not url:
        return (f"# xl-nps is not on PyPI: replace this line with the web address of {WHEEL_NAME}\n"
                "# once you have put it online (see README.txt)")
    url = url.strip()
    if not url.startswith(("https://", "http://")):
        raise XlNpsError(f"--url must be a web address starting with https://; got {url}")
    if url.endswith(".whl"):
        if not url.endswith("/" + WHEEL_NAME):
            raise XlNpsError(f"the wheel's address must end in its file name, /{WHEEL_NAME} (micropip reads "
                             f"the version from it); got {url}")
        return url
    return url.rstrip("/") + "/" + WHEEL_NAME


def readme_text(requirement: str) -> str:
    """What to do with the files, in the order a user does it."""
    hosted = requirement if requirement.startswith("http") else None
    where = (f"1. Put {WHEEL_NAME} online at exactly this address:\n       {hosted}\n"
             if hosted else
             f"1. Put {WHEEL_NAME} online where Excel can read it, for example in a GitHub repository:\n"
             "   its raw address (https://raw.githubusercontent.com/YOU/REPO/main/" + WHEEL_NAME + ")\n"
             "   works, because GitHub lets other sites fetch it. Then run `xl-nps lite --url THAT_ADDRESS`\n"
             "   again, or write the address into requirements.txt yourself.\n")
    return f"""xl-nps {__version__} for xlwings Lite (Excel on Windows, Mac and the web)

{where}2. In Excel: Home > Add-ins > search "xlwings Lite" > Add. Open it (the xlwings Lite button).
3. In the requirements.txt tab, keep the lines that are there and add the line of
   requirements.txt from this folder. Lite installs xl-nps and what it needs from PyPI.
4. In the main.py tab, replace the text with main.py from this folder.
5. Type =NPS(E2:E300) in a cell; run "refresh_report" from the scripts to write the report
   sheets into the open workbook.
"""


def build_wheel(out: Path) -> Path:
    """``xl_nps-<version>-py3-none-any.whl`` in ``out``, made from the installed package."""
    # what pip installed (a .dist-info with METADATA), not an egg-info a build left in the source folder
    installed = (d.read_text("METADATA") for d in importlib.metadata.distributions()
                 if (d.metadata["Name"] or "").lower().replace("_", "-") == "xl-nps")
    metadata = next((text for text in installed if text), None)
    if metadata is None:
        raise XlNpsError("xl-nps is not installed as a package here; install it with pip first "
                         "(pip install PATH-TO-xl-nps), then run this again")
    package = Path(xl_nps.__file__).resolve().parent
    files = {f"xl_nps/{p.relative_to(package).as_posix()}": p.read_bytes()
             for p in sorted(package.rglob("*"))
             if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".pyc", ".pyo")}
    files[f"{DIST_INFO}/METADATA"] = metadata.encode("utf-8")
    files[f"{DIST_INFO}/WHEEL"] = (b"Wheel-Version: 1.0\nGenerator: xl-nps\nRoot-Is-Purelib: true\n"
                                   b"Tag: py3-none-any\n")
    record = "".join(f"{name},sha256={_digest(data)},{len(data)}\n" for name, data in files.items())
    files[f"{DIST_INFO}/RECORD"] = (record + f"{DIST_INFO}/RECORD,,\n").encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as wheel:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            wheel.writestr(info, data)
    return _write(Path(out) / WHEEL_NAME, buffer.getvalue())


def _digest(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")


def _write(path: Path, data: bytes) -> Path:
    if path.exists() and path.read_bytes() != data:
        raise XlNpsError(f"{path} exists and differs; choose another --out (it is left as it is)")
    path.write_bytes(data)
    return path


def write_lite_project(out: Path, url: str | None = None) -> list[Path]:
    """Write main.py, requirements.txt, README.txt and the xl-nps wheel into ``out``; never
    overwrites a file that differs."""
    out = Path(out)
    requirement = requirement_line(url)
    texts = {
        out / "main.py": lite_main_source(),
        out / "requirements.txt": requirement + "\n",
        out / "README.txt": readme_text(requirement),
    }
    for path, text in texts.items():
        if path.exists() and path.read_text(encoding="utf-8") != text:
            raise XlNpsError(f"{path} exists and differs; choose another --out (it is left as it is)")
    out.mkdir(parents=True, exist_ok=True)
    wheel = build_wheel(out)
    for path, text in texts.items():
        _write(path, text.encode("utf-8"))
    return [*texts, wheel]
