"""Files xl-nps keeps so that the next run starts sooner, in the user's cache folder.

Never in the package's own folder, which may be read-only or shared by several users. The
folder is ``XL_NPS_CACHE_DIR`` when that is set; otherwise the platform's place for caches:
``%LOCALAPPDATA%\\xl-nps\\Cache`` on Windows, ``~/Library/Caches/xl-nps`` on macOS, and
``$XDG_CACHE_HOME/xl-nps`` (``~/.cache/xl-nps`` when unset) elsewhere, as the XDG Base Directory
Specification (freedesktop.org, version 0.8) says. In the browser (Pyodide, as in xlwings Lite)
nothing is kept: its files vanish with the page. ``XL_NPS_CACHE_DIR=none`` keeps nothing
anywhere (the kept analysis and the kept report sheets hold the words of the comments and
the names on the call-back lists, which an employee survey's owner may not want on disk
beside the workbook).

A cache is only ever a copy of something that can be worked out again: a file that is missing,
cannot be read or holds something else is ignored, and one that cannot be written (a read-only
or full disk, no home folder) is skipped. The work is then done each time, as without a cache.
Files are written whole (a temporary file renamed over the old one), so a reader never sees
half a file.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import sys
import tempfile
from pathlib import Path

APP = "xl-nps"
NOTHING = "none"  # XL_NPS_CACHE_DIR=none: keep nothing


def folder() -> Path | None:
    """The folder for xl-nps's caches (not created here), or None where nothing is kept."""
    chosen = os.environ.get("XL_NPS_CACHE_DIR")
    if chosen and chosen.strip().lower() == NOTHING:
        return None
    if chosen:
        return Path(chosen)
    if sys.platform == "emscripten":
        return None
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / APP / "Cache" if base else None
    try:
        home = Path.home()
    except (KeyError, RuntimeError):  # no home folder known
        home = None
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / APP if home else None
    base = os.environ.get("XDG_CACHE_HOME")
    if base and os.path.isabs(base):  # the specification ignores a relative path
        return Path(base) / APP
    return home / ".cache" / APP if home else None


def stamp(path) -> str:
    """What tells one version of an installed file from another, for a cache kept from it: its
    size and time of change ("12345 1732970000000000000"). Raises OSError (or TypeError for
    no path) when the file cannot be looked at; then nothing should be kept from it."""
    info = os.stat(path)
    return f"{info.st_size} {info.st_mtime_ns}"


def files_digest(root: Path, files, *parts: str) -> bytes:
    """What identifies the code a kept file was worked out by: a BLAKE2 hash of ``parts`` (the
    versions it depends on) and of each of ``files`` (their path under ``root`` and their
    bytes). Raises OSError when a file cannot be read; then nothing should be kept."""
    digest = hashlib.blake2b("\n".join(parts).encode("utf-8"), digest_size=32)
    for path in files:
        digest.update(str(Path(path).relative_to(root)).encode("utf-8") + b"\0" + Path(path).read_bytes())
    return digest.digest()


def read(name: str) -> bytes | None:
    """The bytes of the cache file ``name``, or None when there is none that can be read."""
    where = folder()
    if where is None:
        return None
    try:
        return (where / name).read_bytes()
    except OSError:
        return None


def write(name: str, data: bytes) -> bool:
    """Keep ``data`` as the cache file ``name``; whether it was written."""
    where = folder()
    if where is None:
        return False
    temporary = None
    try:
        where.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=where, prefix=f".{name}.", suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, where / name)
        return True
    except OSError:
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass
        return False


def used(name: str) -> None:
    """Mark the cache file ``name`` as used now (:func:`trim` removes those used longest ago first)."""
    where = folder()
    if where is not None:
        try:
            os.utime(where / name)
        except OSError:
            pass


def trim(prefix: str, suffix: str, limit: int) -> None:
    """Remove the cache files named ``prefix``...``suffix`` used longest ago until all of them
    take at most ``limit`` bytes."""
    where = folder()
    if where is None:
        return
    try:
        found = []
        with os.scandir(where) as entries:
            for entry in entries:
                if entry.name.startswith(prefix) and entry.name.endswith(suffix):
                    info = entry.stat()
                    found.append((info.st_mtime_ns, entry.name, info.st_size))
    except OSError:
        return
    total = sum(size for _, _, size in found)
    for _, name, size in sorted(found):
        if total <= limit:
            break
        try:
            os.unlink(where / name)
            total -= size
        except OSError:
            pass


# A kept file of several parts (``pack``): its first line naming its form, a BLAKE2 hash (20
# bytes) of everything after it, the length of a JSON header (8 bytes, little-endian), the
# header (ASCII: other characters escaped, so a lone surrogate of a cell survives), the body.
CHECK, LENGTH = 20, struct.Struct("<Q")


def pack(form: bytes, head: dict, body: bytes) -> bytes:
    """The bytes of a kept file of form ``form`` (its first line) holding ``head`` and ``body``."""
    header = json.dumps(head).encode("ascii")
    rest = LENGTH.pack(len(header)) + header + body
    return form + hashlib.blake2b(rest, digest_size=CHECK).digest() + rest


def unpack(data: bytes | None, form: bytes) -> tuple[dict, bytes] | None:
    """(head, body) of a kept file made by :func:`pack` with ``form``, or None when ``data`` is
    of another form or is not whole and unchanged (any byte of it)."""
    if not data or not data.startswith(form) or len(data) < len(form) + CHECK + LENGTH.size:
        return None
    rest = memoryview(data)[len(form) + CHECK:]
    if hashlib.blake2b(rest, digest_size=CHECK).digest() != data[len(form):len(form) + CHECK]:
        return None
    (size,) = LENGTH.unpack_from(rest)
    try:
        head = json.loads(bytes(rest[LENGTH.size:LENGTH.size + size]).decode("ascii"))
    except (ValueError, UnicodeDecodeError):
        return None
    return (head, bytes(rest[LENGTH.size + size:])) if isinstance(head, dict) else None
