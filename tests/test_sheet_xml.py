"""The direct XML writer (sheet_xml): its package, read back with openpyxl, holds what the
layout (report.placement) places, cell for cell (value, font, fill), column for column,
table for table and chart for chart."""

import datetime as dt
import io
import math
import random
import zipfile

import numpy as np
import openpyxl
import pytest

from test_mentions import random_comments
from xl_nps.workbook.report.build import build_report
from xl_nps.workbook.read.respondents import Problem, Respondents
from xl_nps.workbook.write.sheet_xml import cell, report_package, Styles
from xl_nps.values import clean_text, column_letter
from xl_nps.workbook.report.placement import lay_out


@pytest.fixture(scope="module")
def report():
    rng = random.Random(4)
    data = Respondents()
    comments = random_comments(rng, 900)
    for i in range(900):
        data.rows.append(i + 2)
        data.dates.append(dt.date(2025, 3, 1) + dt.timedelta(days=rng.randint(0, 200)))
        data.respondent.append(f"person{i}@example.com" if i % 7 else "=HYPERLINK(\"http://x\")")
        data.company.append(f"Company & Sons <{i % 9}>")
        data.segment.append(rng.choice(["SMB", "Enterprise", ""]))
        data.comment.append(comments[i] if isinstance(comments[i], str) else "")
        data.owner.append("Ann" if i % 5 == 0 else "")
        data.status.append("")
    data.scores = np.asarray([rng.randint(0, 10) for _ in range(900)], dtype=np.int64)
    data.problems.append(Problem("Respondents", 950, "E", "eleven", "not a score"))
    return build_report(data)


def cell_font_and_fill(c):
    fill = c.fill.fgColor.rgb[-6:] if c.fill.fill_type == "solid" else None
    return bool(c.font.b), bool(c.font.i), c.font.sz, fill


# what each block style looks like (the report's house style: bold titles, headers on blue)
LOOKS = {"title": (True, False, 14, None), "heading": (True, False, 12, None), "header": (True, False, 11, "D9E1F2"),
         "note": (False, True, 11, None), "data": (False, False, 11, None)}


def test_every_cell_holds_its_layout_value_in_its_block_style(report):
    book = openpyxl.load_workbook(io.BytesIO(report_package(report)))
    assert book.sheetnames == [s.name for s in report.sheets]
    for sheet in report.sheets:
        ws = book[sheet.name]
        for block in lay_out(sheet).blocks:
            for r, values in enumerate(block.values, start=block.row):
                for c, value in enumerate(values, start=block.col):
                    got = ws.cell(r, c)
                    where = (sheet.name, got.coordinate)
                    if value in (None, "") or (isinstance(value, float) and math.isnan(value)):
                        assert got.value is None, where
                        continue
                    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                        assert got.value == dt.datetime.combine(value, dt.time()) and got.is_date, where
                    elif isinstance(value, float):
                        assert got.value == value, where  # repr() round-trips exactly
                    elif isinstance(value, str):  # as a cell can hold it (tested in test_cells)
                        assert got.value == clean_text(value) and got.data_type == "s", where
                    else:
                        assert got.value == value, where
                    assert cell_font_and_fill(got) == LOOKS[block.style], where


def test_columns_tables_and_charts_follow_the_layout(report):
    book = openpyxl.load_workbook(io.BytesIO(report_package(report)))
    for sheet in report.sheets:
        ws, layout = book[sheet.name], lay_out(sheet)
        for col, width in layout.widths.items():
            assert ws.column_dimensions[column_letter(col)].width == pytest.approx(width), (sheet.name, col)
        for col in layout.hidden_columns:
            assert ws.column_dimensions[column_letter(col)].hidden, (sheet.name, col)
        assert {t.displayName: t.ref for t in ws.tables.values()} == {
            name: f"{column_letter(c1)}{r1}:{column_letter(c2)}{r2}" for name, r1, c1, r2, c2, _ in layout.excel_tables}
        assert len(ws._charts) == len(layout.charts)
        for drawn, planned in zip(ws._charts, layout.charts):
            assert [s.val.numRef.f.replace("$", "") for s in drawn.series] == [
                f"'{sheet.name}'!{column_letter(c)}{planned.first_row}:{column_letter(c)}{planned.last_row}"
                for c in planned.series_cols]
    assert sum(len(book[n]._charts) for n in book.sheetnames) == 2
    assert sum(len(book[n].tables) for n in book.sheetnames) == len(report.quarters)


def test_dates_follow_the_workbook_date_system(report):
    """1904 system (Mac workbooks): 2026-01-01 is day 44561 (46023 - 1462, ECMA-376 §18.17.4.1)."""
    assert '<v>44561</v>' in cell("A1", dt.date(2026, 1, 1), 0, Styles(date1904=True))


def test_text_stays_text_and_odd_values_are_safe():
    styles = Styles()
    assert cell("A1", "=1+1", 0, styles) == '<c r="A1" t="inlineStr"><is><t>=1+1</t></is></c>'
    assert cell("A1", " a <b> & c ", 0, styles) == ('<c r="A1" t="inlineStr"><is><t xml:space="preserve"> a &lt;b&gt; &amp; c '
                                                  "</t></is></c>")
    assert "\x07" not in cell("A1", "bell\x07", 0, styles)
    assert cell("A1", float("nan"), 0, styles) == "" and cell("A1", "", 0, styles) == ""
    assert cell("A1", True, 0, styles) == '<c r="A1" t="b"><v>1</v></c>'
    # 2026-01-01 is day 46023 of Excel's 1900 system (=DATE(2026,1,1) in Excel)
    assert '<v>46023</v>' in cell("A1", dt.date(2026, 1, 1), 0, styles)
    assert '<v>46023.5</v>' in cell("A1", dt.datetime(2026, 1, 1, 12), 0, styles)
    assert cell("A1", np.int64(7), 0, styles) == '<c r="A1"><v>7</v></c>'
    assert cell("A1", 0.1, 0, styles) == '<c r="A1"><v>0.1</v></c>'


def test_the_package_is_a_well_formed_zip_of_xml(report):
    import xml.etree.ElementTree as ET

    with zipfile.ZipFile(io.BytesIO(report_package(report))) as package:
        for name in package.namelist():
            ET.fromstring(package.read(name))


def test_text_and_attributes_are_escaped_as_the_standard_library_escapes_them():
    # sheet_xml has its own escape and quoteattr (importing xml.sax.saxutils costs a refresh
    # 0.03 s); the standard library's are the second method, on every short mix of the
    # characters either treats specially
    import itertools
    from xml.sax import saxutils

    from xl_nps.workbook.write import sheet_xml

    characters = ["a", "&", "<", ">", '"', "'", "\n", "\r", "\t", " ", "é", "&amp;"]
    for length in range(5):
        for combination in itertools.product(characters, repeat=length):
            text = "".join(combination)
            assert sheet_xml.escape(text) == saxutils.escape(text)
            assert sheet_xml.quoteattr(text) == saxutils.quoteattr(text)
