"""The analysis of each chunk of comments, kept between runs in the user's cache folder.

A refresh analyses every comment of the survey, 10,000 at a time (``mentions.CHUNK``); a
quarterly refresh adds a few answers at the end of the Respondents sheet, so all chunks but
the last hold the same comments as in the refresh before. What the analysis finds in one chunk
(for each theme or describing word of each comment: its stem, its written form and the phrase
text it starts) depends only on that chunk's comments, the language asked for and the rules
(the code of ``xl_nps.text``, the word lists, the stemmer, the Chinese dictionary, the
mojibake repair, Python's Unicode tables). It is kept here with the stems, forms and phrase
texts spelled out (so it holds no number of another chunk), under a name that is a hash of all
of those: a chunk whose comments or rules changed has another name and is worked out again.
Each comment's words come from that comment alone, so a chunk is also its first comments'
chunk joined with the rest's (:func:`joined`): the last chunk, which a quarter's new answers
extend, is made from the kept chunk of the refresh before and the analysis of the new ones.

The file (``mentions-<count>-<hash>.bin``: the count of its comments, then the hash; no
pickle) is made by ``user_cache.pack``: the line ``FORM`` and a BLAKE2 hash of the rest; a
JSON header (the file's name, the counts, the stems with their kind, the forms and phrase
texts); then little-endian arrays: words per comment (uint32), then for each word its stem,
form and phrase (int32; -1 when it starts none). A file that is damaged anywhere, of another
form or not of this chunk is ignored (and written again). Files are written whole
(``user_cache.write``); beyond ``LIMIT`` bytes in all, those used longest ago are removed.
Nothing is kept where ``user_cache`` keeps nothing (the browser).
"""

from __future__ import annotations

import hashlib
import os
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

import numpy as np

from xl_nps import __version__, user_cache

FORM = b"xl-nps chunk analysis 2\n"
PREFIX, SUFFIX = "mentions-", ".bin"
LIMIT = 256 * 2**20  # bytes over all kept chunks: a million comments take some 60 MB


@dataclass
class Chunk:
    """The words of one chunk's comments, numbered within the chunk: comment ``i`` has
    ``per_comment[i]`` words; word ``j`` has stem ``stems[stem[j]]`` (stem, kind), form
    ``forms[form[j]]`` and starts phrase ``spans[span[j]]`` (-1: none). The tables are sorted,
    so the same comments give the same chunk whatever came before them."""

    per_comment: np.ndarray  # uint32
    stem: np.ndarray  # int32
    form: np.ndarray  # int32
    span: np.ndarray  # int32
    stems: list[tuple[str, int]]
    forms: list[str]
    spans: list[str]


@lru_cache(maxsize=None)
def _rules() -> bytes | None:
    """What identifies the rules of the analysis: xl-nps's version, the code of xl_nps.text and
    its word lists (their bytes), Python's Unicode version, numpy's version and the installed
    stemmer, dictionary and mojibake repair (their files' size and time of change); None when
    a file of them cannot be read (then nothing is kept or taken)."""
    try:
        return _rules_of_files()
    except OSError:
        return None


def _rules_of_files() -> bytes:
    package = Path(__file__).resolve().parent.parent
    files = sorted(package.joinpath("text").glob("*.py")) + [package / "indexes.py"]
    files += sorted(p for p in package.joinpath("data").rglob("*") if p.is_file())
    installed = [name + " " + _installed(name) for name in ("snowballstemmer", "jieba", "ftfy")]
    return user_cache.files_digest(package, files, __version__, sys.version, unicodedata.unidata_version,
                                   np.__version__, *installed)


def _installed(name: str) -> str:
    """The size and time of change of every file of package ``name`` ('' when not installed)."""
    try:
        spec = find_spec(name)
    except (ImportError, ValueError):
        return ""
    if spec is None or not spec.submodule_search_locations:
        return ""
    found = []
    for folder in spec.submodule_search_locations:
        for path in sorted(Path(folder).rglob("*")):
            if path.suffix in (".py", ".txt", ".json") and "__pycache__" not in path.parts:
                found.append(f"{path.name} {user_cache.stamp(path)}")
    return ";".join(found)


def name(texts: list[str], language: str) -> str | None:
    """The file name of the chunk of ``texts`` (comments without SEP) analysed in ``language``
    (None when the rules cannot be identified)."""
    rules = _rules()
    if rules is None:
        return None
    digest = hashlib.blake2b(rules, digest_size=20)
    digest.update(f"{language}\n{len(texts)}\n".encode("utf-8"))
    digest.update("\0".join(texts).encode("utf-8", "surrogatepass"))
    return f"{PREFIX}{len(texts)}-{digest.hexdigest()}{SUFFIX}"


def counts() -> list[int]:
    """How many comments the kept chunks hold, each count once, the largest first (a file name
    begins with it)."""
    where = user_cache.folder()
    if where is None:
        return []
    found = set()
    try:
        with os.scandir(where) as entries:
            for entry in entries:
                if entry.name.startswith(PREFIX) and entry.name.endswith(SUFFIX):
                    count = entry.name[len(PREFIX):].split("-", 1)[0]
                    if count.isdigit():
                        found.add(int(count))
    except OSError:  # no folder yet
        return []
    return sorted(found, reverse=True)


def joined(first: Chunk, second: Chunk) -> Chunk:
    """The chunk of the comments of ``first`` followed by those of ``second``: what analysing
    them together gives, each comment's words being found from that comment alone (its
    language, its clauses, its phrases), with the stems, forms and phrase texts of both in one
    sorted table each."""
    stems, stem_first, stem_second = _merged(first.stems, second.stems)
    forms, form_first, form_second = _merged(first.forms, second.forms)
    spans, span_first, span_second = _merged(first.spans, second.spans)
    none = np.array([-1], dtype=np.int32)  # span -1 stays -1
    span_first, span_second = np.concatenate([span_first, none]), np.concatenate([span_second, none])
    return Chunk(np.concatenate([first.per_comment, second.per_comment]),
                 np.concatenate([stem_first[first.stem], stem_second[second.stem]]),
                 np.concatenate([form_first[first.form], form_second[second.form]]),
                 np.concatenate([span_first[first.span], span_second[second.span]]), stems, forms, spans)


def _merged(first: list, second: list) -> tuple[list, np.ndarray, np.ndarray]:
    """The sorted union of two sorted tables, and the place in it of each item of each."""
    items = sorted(set(first).union(second))
    place = {item: i for i, item in enumerate(items)}
    return (items, np.fromiter(map(place.__getitem__, first), dtype=np.int32, count=len(first)),
            np.fromiter(map(place.__getitem__, second), dtype=np.int32, count=len(second)))


def read(file: str) -> Chunk | None:
    """The chunk kept as ``file``, or None when there is none that is whole and of this name."""
    try:
        return _parse(user_cache.read(file), file)
    except (ValueError, KeyError, TypeError, IndexError, UnicodeDecodeError):
        return None


def _parse(data: bytes | None, file: str) -> Chunk | None:
    found = user_cache.unpack(data, FORM)
    if found is None:
        return None
    head, body = found
    if head["name"] != file:
        return None
    n, m = head["comments"], head["words"]
    if len(body) != 4 * (n + 3 * m):
        return None
    per_comment = np.frombuffer(body, dtype="<u4", count=n).astype(np.uint32)
    stem, form, span = (np.frombuffer(body, dtype="<i4", count=m, offset=4 * (n + i * m)).astype(np.int32)
                        for i in range(3))
    stems = [(s, int(k)) for s, k in head["stems"]]
    forms, spans = list(head["forms"]), list(head["spans"])
    if (int(per_comment.sum()) != m or not all(isinstance(s, str) for s, _ in stems)
            or not all(isinstance(f, str) for f in forms + spans)):
        return None
    for values, table, lowest in ((stem, stems, 0), (form, forms, 0), (span, spans, -1)):
        if m and (int(values.min()) < lowest or int(values.max()) >= len(table)):
            return None
    return Chunk(per_comment, stem, form, span, stems, forms, spans)


def keep(file: str, chunk: Chunk) -> bool:
    """Keep ``chunk`` as ``file``; whether it was written."""
    body = b"".join([chunk.per_comment.astype("<u4").tobytes()]
                    + [a.astype("<i4").tobytes() for a in (chunk.stem, chunk.form, chunk.span)])
    head = {"name": file, "comments": len(chunk.per_comment), "words": len(chunk.stem),
            "stems": chunk.stems, "forms": chunk.forms, "spans": chunk.spans}
    return user_cache.write(file, user_cache.pack(FORM, head, body))


def used(file: str) -> None:
    """Mark ``file`` as used now (the files used longest ago are removed first)."""
    user_cache.used(file)


def trim(limit: int = LIMIT) -> None:
    """Remove the kept chunks used longest ago until all of them take at most ``limit`` bytes."""
    user_cache.trim(PREFIX, SUFFIX, limit)
