"""Report sheets kept between refreshes (xl_nps.workbook.write.kept_sheets): a quarterly refresh
takes the unchanged sheets from the user's cache folder, and the workbook it writes is byte for
byte the one a refresh without any cache writes, also when the kept files are damaged."""

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest

from xl_nps.cli import main
from xl_nps.workbook.report.model import Sheet, Table
from xl_nps.workbook.report.placement import Look
from xl_nps.workbook.write import kept_sheets, sheet_xml


def answers_csv(path: Path, first: int, count: int, start: dt.date, days: int) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["Date", "Email", "Company", "Score", "Comment"])
        for i in range(first, first + count):
            out.writerow([(start + dt.timedelta(days=i % days)).isoformat(), f"p{i}@example.com", f"Company {i % 7}",
                          (i * 7) % 11, ["Price too high", "Great support", "Slow delivery", ""][i % 4]])
    return path


@pytest.fixture
def written(monkeypatch):
    """The names of the sheets laid out and written (not taken from the cache folder)."""
    names = []
    real = sheet_xml._written

    def counted(sheet, styles):
        names.append(sheet.name)
        return real(sheet, styles)

    monkeypatch.setattr(sheet_xml, "_written", counted)
    return names


def refreshed(book: Path, copy: Path, cache: str, monkeypatch) -> bytes:
    monkeypatch.setenv("XL_NPS_CACHE_DIR", cache)
    shutil.copyfile(book, copy)
    assert main(["refresh", str(copy)]) == 0
    return copy.read_bytes()


@pytest.fixture
def quarter_later(tmp_path, monkeypatch):
    """A book refreshed once with answers of 2026 Q1 and Q2 (its cache folder filled), then
    given new answers dated in Q2: (the book, the cache folder)."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("XL_NPS_CACHE_DIR", str(cache))
    book = tmp_path / "book.xlsx"
    assert main(["new", str(book)]) == 0
    assert main(["import", str(answers_csv(tmp_path / "a.csv", 0, 240, dt.date(2026, 1, 1), 180)), str(book)]) == 0
    assert main(["refresh", str(book)]) == 0
    assert main(["import", str(answers_csv(tmp_path / "b.csv", 240, 5, dt.date(2026, 5, 4), 20)), str(book)]) == 0
    return book, cache


def test_unchanged_sheets_come_from_the_cache_and_the_workbook_is_the_same(tmp_path, monkeypatch, quarter_later,
                                                                             written, capsys):
    book, cache = quarter_later
    kept_before = sorted(cache.glob("sheet-*.bin"))
    written.clear()
    warm = refreshed(book, tmp_path / "warm.xlsx", str(cache), monkeypatch)
    # The new answers are all in 2026 Q2: the sheet of Q1 is taken as kept, Q2's is written again.
    assert "2026 Q1" not in written and "2026 Q2" in written
    assert len(sorted(cache.glob("sheet-*.bin"))) == len(kept_before) + len(written)
    written.clear()
    assert warm == refreshed(book, tmp_path / "none.xlsx", "none", monkeypatch)
    assert "2026 Q1" in written  # without a cache folder every sheet is written


@pytest.mark.parametrize("damage", ["cut short", "one byte changed", "one header byte changed", "another sheet's",
                                    "empty"])
def test_a_damaged_kept_sheet_is_written_again(tmp_path, monkeypatch, quarter_later, written, capsys, damage):
    book, cache = quarter_later
    files = sorted(cache.glob("sheet-*.bin"))
    for i, path in enumerate(files):
        data = path.read_bytes()
        path.write_bytes({
            "cut short": data[:len(data) // 2],
            "one byte changed": data[:-10] + bytes([data[-10] ^ 1]) + data[-9:],
            # landscape turned portrait or back: still JSON of the same length, another meaning
            "one header byte changed": (data.replace(b'"page": [false,', b'"page": [true, ', 1) if b'"page": [false,' in data
                                        else data.replace(b'"page": [true, ', b'"page": [false,', 1)),
            "another sheet's": files[(i + 1) % len(files)].read_bytes(),
            "empty": b"",
        }[damage])
    written.clear()
    damaged = refreshed(book, tmp_path / "damaged.xlsx", str(cache), monkeypatch)
    assert "2026 Q1" in written  # nothing usable was kept
    assert damaged == refreshed(book, tmp_path / "none.xlsx", "none", monkeypatch)


def test_formats_added_again_are_numbered_as_before():
    styles = sheet_xml.Styles()
    styles.index("header", None)
    before = styles.state()
    first = styles.index("data", "0.0%", Look(align="right"))
    second = styles.index(None, "yyyy-mm-dd")
    added = styles.added_since(before)
    assert len(added[0]) == 2 and len(added[2]) == 2  # two number formats, two cell formats

    again = sheet_xml.Styles()
    again.index("header", None)
    assert again.add(added) and again.state() == styles.state()
    assert again.index("data", "0.0%", Look(align="right")) == first and again.index(None, "yyyy-mm-dd") == second
    state = again.state()
    assert not again.add(added) and again.state() == state  # they are there already: nothing added

    other = sheet_xml.Styles()  # the formats before differ: the numbers would not be the same
    assert not other.add(added) and other.state() == sheet_xml.Styles().state()


def test_a_sheet_is_named_by_everything_written_of_it():
    table = Table("Answers", ["Day", "Score"], [[dt.date(2026, 1, 2), 9]], formats={"Score": "0"})
    sheet = Sheet("2026 Q1", "2026 Q1", [table])
    state = sheet_xml.Styles().state()
    first = kept_sheets.name(sheet, state, False)
    assert first == kept_sheets.name(Sheet("2026 Q1", "2026 Q1", [Table("Answers", ["Day", "Score"],
                                                                           [[dt.date(2026, 1, 2), 9]], formats={"Score": "0"})]),
                                     state, False)
    others = [
        Sheet("2026 Q1", "2026 Q1", [Table("Answers", ["Day", "Score"], [["2026-01-02", 9]], formats={"Score": "0"})]),
        Sheet("2026 Q1", "2026 Q1", [Table("Answers", ["Day", "Score"], [[dt.date(2026, 1, 2), 9]], formats={"Score": "0.0"})]),
        Sheet("2026 Q1", "2026 Q1", [Table("Answers", ["Day", "Score"], [[dt.date(2026, 1, 2), 9]], formats={"Score": "0"},
                                           excel_table="Answers")]),
    ]
    names = {first} | {kept_sheets.name(s, state, False) for s in others}
    names |= {kept_sheets.name(sheet, state, True)}  # the 1904 date system
    styles = sheet_xml.Styles()
    styles.index("title", None)
    names |= {kept_sheets.name(sheet, styles.state(), False)}  # other formats numbered before it
    assert len(names) == 6


def test_text_of_a_subclass_of_str_is_written_as_text():
    """A sheet is named by its values as JSON writes them, where numpy's text is plain text: so
    it must be written as plain text is (with the text's cell format, measured for wrapping)."""
    import numpy as np

    def sheet(text):
        return Sheet("2026 Q1", "2026 Q1", [Table("Answers", ["Comment", "Score"], [[text("n/a"), text("slow " * 40)],
                                                                                     [text(""), 9]],
                                                formats={"Comment": "0.0", "Score": "0"})])

    plain, numpy_text = sheet(str), sheet(np.str_)
    assert plain.fingerprint() == numpy_text.fingerprint()
    assert sheet_xml._written(plain, sheet_xml.Styles()) == sheet_xml._written(numpy_text, sheet_xml.Styles())
