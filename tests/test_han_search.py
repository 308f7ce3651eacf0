"""The look for Han characters that lets a refresh read the Chinese dictionary while the answers
load (xl_nps.workbook.read.han): the UTF-8 bytes it looks for against the characters the
comment analysis treats as Han (text.cjk.HAN_RUN, the second method), and books as their
writers store text (shared strings, inline strings)."""

import datetime as dt
import io
import sys
from pathlib import Path

import pytest

from xl_nps.text.cjk import HAN_RUN
from xl_nps.workbook.read import han

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import book_kinds  # noqa: E402

EDGES = [range(0x33F0, 0x3410), range(0x4DB0, 0x4E10), range(0x9FF0, 0xA010)]
OTHERS = [0x41, 0xE9, 0x416, 0x3042, 0x30AB, 0x30FC, 0x3005, 0xAC00, 0xFF01, 0x1F600, 0x20000, 0x2A6D6]


@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 1 << 20])
def test_the_bytes_looked_for_are_those_of_the_han_characters_the_analysis_reads(monkeypatch, chunk):
    # every chunk size puts the bytes looked at on either side of a chunk's end somewhere
    monkeypatch.setattr(han, "CHUNK", chunk)
    for point in [p for edge in EDGES for p in edge] + OTHERS:
        for text in (f"a{chr(point)}b", f"<t>{'x' * 7}{chr(point)}</t>", chr(point)):
            found = han.han_in(io.BytesIO(text.encode("utf-8")), stop=lambda: False)
            assert found == bool(HAN_RUN.search(text)), (hex(point), text)


@pytest.mark.parametrize("chunk", [1, 4, 9, 1 << 20])
def test_han_written_as_character_references_is_found_too(monkeypatch, chunk):
    # openpyxl with lxml writes every character outside ASCII as &#NNNNN;. The decimal form is
    # looked for a little wider than Han (13000-40999), never as wide as kana or Hangul.
    monkeypatch.setattr(han, "CHUNK", chunk)
    for point in [p for edge in EDGES for p in edge] + OTHERS:
        for written in (f"&#{point};", f"&#x{point:X};", f"&#x{point:x};"):
            found = han.han_in(io.BytesIO(f"<t>ab{written}</t>".encode("ascii")), stop=lambda: False)
            if HAN_RUN.search(chr(point)):
                assert found, written
            elif not 13000 <= point <= 40999:
                assert not found, written


def test_the_search_stops_when_told():
    asked = []

    def stop():
        asked.append(1)
        return len(asked) > 2

    text = ("no han here " * 200_000 + "价格").encode("utf-8")  # past the second chunk
    assert han.han_in(io.BytesIO(text), stop) is False and len(asked) == 3
    assert han.han_in(io.BytesIO(text), stop=lambda: False) is True


def answers(comments):
    day = dt.datetime(2026, 2, 3)
    return [(day + dt.timedelta(days=i), f"r{i}@example.com", "Company", "SMB", 9, c) for i, c in enumerate(comments)]


@pytest.mark.parametrize("kind", ["xl-nps new", "openpyxl", "XlsxWriter", "Excel", "Google Sheets"])
def test_books_of_every_writer_are_searched_where_they_keep_their_text(tmp_path, kind):
    plain = ["fast delivery", "", "Отличный сервис", "サポートがおそい"]  # kana and Cyrillic are not Han
    with_han = book_kinds.make(kind, tmp_path / "han.xlsx", answers(plain + ["价格太高了"]))
    without = book_kinds.make(kind, tmp_path / "plain.xlsx", answers(plain))
    assert han.holds_han(with_han, "Respondents", stop=lambda: False) is True
    assert han.holds_han(without, "Respondents", stop=lambda: False) is False
    assert han.holds_han(with_han, "Respondents", stop=lambda: True) is False  # the answers have loaded: no time left


def test_a_file_that_cannot_be_read_so_is_left_to_the_reader_to_report(tmp_path):
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not a zip")
    assert han.holds_han(broken, "Respondents", stop=lambda: False) is False
