"""Small, safe building blocks for writing xlsx files with openpyxl.

* :func:`set_text` stores respondent text as text: a comment such as ``=HYPERLINK(...)``
  never becomes a formula, characters xlsx cannot hold are replaced, and text longer than
  Excel's 32,767-character cell limit is cut.
* :func:`atomic_save` writes to a temporary file beside the target and swaps it in only when
  complete, so a crash or a kill leaves the previous file intact.
"""

from __future__ import annotations

import glob
import os
import tempfile
import time
from pathlib import Path

from xl_nps.errors import XlNpsError
from xl_nps.values import clean_text
from xl_nps.workbook.write.stable import openpyxl_bytes

def set_text(cell, text):
    """Put ``text`` in ``cell`` as a text value, never as a formula. Returns the cell."""
    cell.value = clean_text(str(text))
    cell.data_type = "s"
    return cell


def set_value(cell, value):
    """Put a report value in a cell: text goes through :func:`set_text`, numbers, booleans,
    dates and None as they are."""
    if isinstance(value, str):
        return set_text(cell, value)
    cell.value = value
    return cell


def atomic_save(workbook, path: Path) -> None:
    """Save an openpyxl workbook to ``path`` through a temporary file and an atomic rename."""
    atomic_write(Path(path), lambda temp: Path(temp).write_bytes(openpyxl_bytes(workbook)))


def atomic_write(path: Path, write) -> None:
    """Call ``write(temporary_path)`` and rename the result over ``path`` only when it is
    complete; the previous file is intact after any failure or kill."""
    path = Path(path)
    directory = path.resolve().parent
    if not directory.is_dir():
        raise XlNpsError(f"the folder {directory} does not exist")
    if path.exists() and not path.stat().st_mode & 0o222:
        raise XlNpsError(f"{path.name} is read-only; make it writable (file properties) and try again; it is unchanged")
    _remove_stale_temporaries(path)
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".xlsx.tmp", dir=directory)
    except OSError as error:
        raise XlNpsError(f"cannot write in the folder {directory} ({error.strerror}); the workbook is unchanged") from None
    os.close(fd)
    try:
        write(temp)
        os.chmod(temp, _mode_for(path))
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        try:
            os.replace(temp, path)
        except PermissionError:
            raise XlNpsError(
                f"cannot replace {path.name}: it is open in another program (close it in Excel) "
                "or the folder is read-only; the file is unchanged"
            ) from None
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


STALE_AFTER_SECONDS = 3600


def _remove_stale_temporaries(path: Path) -> None:
    """Temporary files of this workbook left by a run that was killed, over an hour ago (a
    younger one may belong to a refresh still running)."""
    now = time.time()
    for leftover in path.resolve().parent.glob(f".{glob.escape(path.stem)}-*.xlsx.tmp"):
        try:
            if now - leftover.stat().st_mtime > STALE_AFTER_SECONDS:
                leftover.unlink()
        except OSError:
            pass


def _mode_for(path: Path) -> int:
    """Keep the permissions of the file being replaced; a new file gets the usual ones (0o666
    less the umask), and its owner can always read and write it: Pyodide's umask is 0o777,
    which would leave a new workbook with no permissions at all."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return (0o666 & ~umask) | 0o600
