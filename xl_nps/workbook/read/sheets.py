"""Reading the sheets of a workbook file: python-calamine (a Rust xlsx reader) when it is
installed, openpyxl's read-only mode otherwise (for example in xlwings Lite). Only reads.

A :class:`Book` is opened once and read sheet by sheet: opening parses the whole shared-string
table, which in a workbook Excel saved holds every text of every sheet (at a million answers,
a second or more), so it is not done again for each sheet. :class:`Loading` loads one sheet
in a background thread: calamine parses the sheet's XML without holding Python's lock, so the
rest of the refresh (importing numpy and the report code) runs meanwhile. Nothing here
needs numpy, so that it can start before numpy is imported.
"""

from __future__ import annotations

import itertools
import threading
import zipfile
from pathlib import Path

from xl_nps.errors import XlNpsError


def _calamine():
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:  # pure-Python fallback
        return None
    return CalamineWorkbook


class Book:
    """One workbook file opened for reading."""

    def __init__(self, path: Path):
        self.path = Path(path)
        reader = _calamine()
        self._calamine = None
        if reader is not None:
            try:
                self._calamine = reader.from_path(str(self.path))
            except Exception as error:  # calamine raises its own types for unreadable files
                raise XlNpsError(f"cannot read {self.path.name} as an Excel workbook ({error})") from None

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
        return self._calamine.get_sheet_by_name(sheet).to_python(skip_empty_area=False)

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
            return iter(data.to_python(skip_empty_area=False)), total
        return itertools.chain(([] for _ in range(top)), data.iter_rows()), total


# A thread's memory comes from its own glibc arena, which the main thread does not reuse once
# the thread is done: a million-row sheet loaded in the background raised the refresh's peak
# from 850 to 995 MiB. Large files (where the second saved on imports no longer matters) are
# therefore loaded in the foreground.
BACKGROUND_LIMIT = 64 * 2**20  # bytes of unpacked parts, about 150,000 answers


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
        self._thread = threading.Thread(target=self._load, args=(Path(path), sheet), daemon=True)
        if _unpacked_size(path) >= BACKGROUND_LIMIT:  # see BACKGROUND_LIMIT
            self._thread.run()
            return
        try:
            self._thread.start()
        except RuntimeError:  # no threads here (Pyodide, as in xlwings Lite): load now
            self._thread.run()

    def _load(self, path: Path, sheet: str) -> None:
        try:
            self.book = Book(path)
            self._result = self.book.iter_rows(sheet)
        except BaseException as error:  # handed to the caller of result()
            self._error = error

    def result(self):
        if self._thread.is_alive():
            self._thread.join()
        if self._error is not None:
            raise self._error
        result, self._result = self._result, None
        return result


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
