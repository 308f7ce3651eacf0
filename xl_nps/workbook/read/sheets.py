"""Reading the sheets of a workbook file: python-calamine (a Rust xlsx reader) when it is
installed, openpyxl's read-only mode otherwise (for example in xlwings Lite). Only reads.

A :class:`Book` is opened once and read sheet by sheet: opening parses the whole shared-string
table, which in a workbook Excel saved holds every text of every sheet (at a million answers,
a second or more), so it is not done again for each sheet (but see :class:`SheetsRead`).
:class:`Loading` loads one sheet in a background thread: calamine parses the sheet's XML
without holding Python's lock, so the rest of the refresh (importing numpy and the report
code) runs meanwhile. Nothing here needs numpy, so that it can start before numpy is imported.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
import threading
import zipfile
from functools import lru_cache
from pathlib import Path

from xl_nps.errors import XlNpsError
from xl_nps.rules import EXCEL_EPOCH, EXCEL_EPOCH_1904


def _calamine():
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:  # pure-Python fallback
        return None
    return CalamineWorkbook


# The 1904 date system (workbookPr date1904, ECMA-376 Part 1 18.2.28; Excel for Mac made such
# books) counts days from 1904-01-01, 1,462 days after the 1900 system's day 0.
WORKBOOK_PR = re.compile(rb"<(?:[\w.-]+:)?workbookPr\b[^>]*>")
DATE1904 = re.compile(rb"""\sdate1904\s*=\s*["'](?:1|true)["']""")
DAYS_1904 = EXCEL_EPOCH_1904 - EXCEL_EPOCH  # 1,462 days


def _workbook_pr(path: Path) -> list[bool]:
    """For each workbookPr element of workbook.xml, in order (any namespace prefix), whether it
    sets the 1904 date system."""
    try:
        with zipfile.ZipFile(path) as archive:
            xml = archive.read("xl/workbook.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        return []
    return [DATE1904.search(tag) is not None for tag in WORKBOOK_PR.findall(xml)]


def uses_1904_dates(path: Path) -> bool:
    """Whether the workbook at ``path`` counts its dates in the 1904 date system."""
    return any(_workbook_pr(path))


def _calamine_misses_1904(path: Path) -> bool:
    """Whether the installed python-calamine reads this book's dates 1,462 days early.

    Excel writes a second element named workbookPr inside the workbook's extension list
    (``<x15:workbookPr chartTrackingRefBase="1"/>``). python-calamine 0.8.3, the last release for
    Python 3.10, takes the date system from the last element of that name, so it reads a 1904
    book Excel saved in the 1900 system; 0.9 reads the right element."""
    flags = _workbook_pr(path)
    return any(flags) and not flags[-1] and _calamine_takes_last_workbook_pr()


@lru_cache(maxsize=None)
def _calamine_takes_last_workbook_pr() -> bool:
    """Asked of the installed python-calamine once, with a one-cell 1904 workbook that holds
    day 1 and Excel's extension element."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006/relationships"
    types = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    parts = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{types}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{types}.worksheet+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{types}.styles+xml"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="{package}"><Relationship Id="rId1" '
        f'Type="{rels}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{main}" xmlns:r="{rels}"><workbookPr date1904="1"/>'
        '<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets><extLst><ext uri="{140A7094-0E35-4892-8432-'
        'C4D2E57EDEB5}" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main">'
        '<x15:workbookPr chartTrackingRefBase="1"/></ext></extLst></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{package}"><Relationship Id="rId1" '
        f'Type="{rels}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" '
        f'Type="{rels}/styles" Target="styles.xml"/></Relationships>',
        "xl/styles.xml": f'<styleSheet xmlns="{main}"><cellXfs count="2"><xf numFmtId="0"/>'
        '<xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>',
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{main}"><sheetData><row r="1"><c r="A1" s="1"><v>1</v>'
        '</c></row></sheetData></worksheet>',
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, xml in parts.items():
            archive.writestr(name, xml)
    buffer.seek(0)
    value = _calamine().from_filelike(buffer).get_sheet_by_name("S").to_python()[0][0]
    day = value.date() if isinstance(value, dt.datetime) else value
    return day != dt.date(1904, 1, 2)


def dates_to_shift(path: Path) -> bool:
    """Whether the installed reader needs the dates of the book at ``path`` moved into the 1904
    date system (see :func:`_calamine_misses_1904`)."""
    return _calamine() is not None and _calamine_misses_1904(path)


def _in_1904_system(row: list) -> list:
    return [v + DAYS_1904 if isinstance(v, dt.date) else v for v in row]


class Book:
    """One workbook file opened for reading."""

    def __init__(self, path: Path, shift_dates: bool | None = None):
        """``shift_dates``: whether this book's dates must be moved into the 1904 date system
        (:func:`dates_to_shift`; worked out here when not given)."""
        self.path = Path(path)
        reader = _calamine()
        self._calamine = None
        self._shift_dates = False  # a 1904-system book read by a calamine that ignores the system
        if reader is not None:
            try:
                self._calamine = reader.from_path(str(self.path))
            except Exception as error:  # calamine raises its own types for unreadable files
                raise XlNpsError(f"cannot read {self.path.name} as an Excel workbook ({error})") from None
            self._shift_dates = dates_to_shift(self.path) if shift_dates is None else shift_dates

    @property
    def sheet_names(self) -> list[str]:
        if self._calamine is not None:
            return list(self._calamine.sheet_names)
        import openpyxl

        book = openpyxl.load_workbook(self.path, read_only=True)
        try:
            return list(book.sheetnames)
        finally:
            book.close()

    def rows(self, sheet: str) -> list[list] | None:
        """All rows of one sheet as lists of cell values ("" or None for blanks), or None when
        there is no such sheet."""
        if self._calamine is None:
            return _read_sheet_openpyxl(self.path, sheet)
        if sheet not in self._calamine.sheet_names:
            return None
        rows = self._calamine.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
        return [_in_1904_system(row) for row in rows] if self._shift_dates else rows

    def iter_rows(self, sheet: str):
        """(the rows of one sheet from its first row, lazily; how many there are), or
        (None, 0) when there is no such sheet."""
        if self._calamine is None:
            table = _read_sheet_openpyxl(self.path, sheet)
            return (None, 0) if table is None else (iter(table), len(table))
        if sheet not in self._calamine.sheet_names:
            return None, 0
        try:
            data = self._calamine.get_sheet_by_name(sheet)
        except Exception as error:  # calamine raises its own types for unreadable files
            raise XlNpsError(f"cannot read {self.path.name} as an Excel workbook ({error})") from None
        top, left = data.start if data.start else (0, 0)
        total = top + data.height
        if left:  # rows must line up with the sheet's columns: fall back to the padded reading
            rows = iter(data.to_python(skip_empty_area=False))
        else:
            rows = itertools.chain(([] for _ in range(top)), data.iter_rows())
        return (map(_in_1904_system, rows) if self._shift_dates else rows), total


# A thread's memory comes from its own glibc arena, which the main thread does not reuse once
# the thread is done: a million-row sheet loaded in the background raised the refresh's peak
# from 850 to 995 MiB. Large files (where the fraction of a second saved no longer matters)
# are therefore loaded in the foreground. 128 MiB of unpacked parts is about 250,000 answers
# as xl-nps writes them and 180,000 after a LibreOffice save (its XML is the bulkiest: 71 MiB
# for 100,000 answers, which a limit of 64 MiB sent to the foreground, 0.2 s slower); 250,000
# answers loaded in the background peak at 340 MiB, against 305 in the foreground.
BACKGROUND_LIMIT = 128 * 2**20  # bytes of unpacked parts


def _unpacked_size(path: Path) -> int:
    try:
        with zipfile.ZipFile(path) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (OSError, zipfile.BadZipFile):
        return 0  # Book() reports what is wrong with the file


class Loading:
    """``Book(path).iter_rows(sheet)`` started in a background thread. :meth:`result` waits for
    it and returns what it returned (or raises what it raised); :attr:`book` is then the opened
    workbook, to read other sheets from without opening the file again. Both are handed over,
    not kept: a million-row sheet must be freed as soon as its reader is done with it."""

    def __init__(self, path: Path, sheet: str):
        self.book: Book | None = None
        self._result = self._error = None
        # Read here, not in the thread: each read of a file lets go of Python's lock, and taking
        # it back while the main thread imports waits up to 5 ms (Python's switch interval).
        shift_dates = self.shift_dates = dates_to_shift(path)
        self._thread = threading.Thread(target=self._load, args=(Path(path), sheet, shift_dates), daemon=True)
        if _unpacked_size(path) >= BACKGROUND_LIMIT:  # see BACKGROUND_LIMIT
            self._thread.run()
            return
        try:
            self._thread.start()
        except RuntimeError:  # no threads here (Pyodide, as in xlwings Lite): load now
            self._thread.run()

    def _load(self, path: Path, sheet: str, shift_dates: bool) -> None:
        try:
            self.book = Book(path, shift_dates)
            self._result = self.book.iter_rows(sheet)
        except BaseException as error:  # handed to the caller of result()
            self._error = error

    def busy(self) -> bool:
        """Whether the sheet is still loading in the background."""
        return self._thread.is_alive()

    def result(self):
        if self._thread.is_alive():
            self._thread.join()
        if self._error is not None:
            raise self._error
        result, self._result = self._result, None
        return result


class SheetsRead:
    """The rows of a few sheets of a book (``Book.rows`` of each), read at once: the refresh
    reads its small sheets from a second opening of the file while the answers still load in
    the background (the loader thread has the first; a calamine workbook serves one thread at a
    time)."""

    def __init__(self, book: Book, names):
        self._rows = {name: book.rows(name) for name in dict.fromkeys(names)}

    def rows(self, sheet: str) -> list[list] | None:
        return self._rows[sheet]


def read_sheet(path: Path, sheet: str) -> list[list] | None:
    """All rows of one sheet of a workbook file (see :meth:`Book.rows`)."""
    return Book(path).rows(sheet)


def sheet_names(path: Path) -> list[str]:
    """The names of a workbook's sheets, in order."""
    return Book(path).sheet_names


def _read_sheet_openpyxl(path: Path, sheet: str):
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        if sheet not in book.sheetnames:
            return None
        return [list(row) for row in book[sheet].iter_rows(values_only=True)]
    finally:
        book.close()
