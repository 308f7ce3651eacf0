"""The direct XML writer (sheet_xml) against the openpyxl writer it replaced on the refresh's
usual path: the same report written both ways and read back with openpyxl must agree cell
for cell (value, number format, font, fill), column for column and chart for chart."""

import datetime as dt
import io
import random
import zipfile

import numpy as np
import openpyxl
import pytest

from test_mentions import random_comments
from xl_nps.workbook.report.build import build_report
from xl_nps.workbook.read.respondents import Problem, Respondents
from xl_nps.workbook.write.sheet_xml import cell, report_package, Styles
from xl_nps.workbook.write.openpyxl_writer import write_report


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


def both(report):
    reference = openpyxl.Workbook()
    reference.remove(reference.active)
    write_report(reference, report)
    buffer = io.BytesIO()
    reference.save(buffer)
    return (openpyxl.load_workbook(io.BytesIO(buffer.getvalue())),
            openpyxl.load_workbook(io.BytesIO(report_package(report))))


def describe(c):
    fill = c.fill.fgColor.rgb[-6:] if c.fill.fill_type == "solid" else None
    fmt = c.number_format if c.value is not None else "General"
    return c.value, fmt, bool(c.font.b), bool(c.font.i), (c.font.sz or 11) if c.font.b else None, fill  # no size: 11


def test_every_cell_reads_back_as_the_openpyxl_writer_wrote_it(report):
    old, new = both(report)
    assert new.sheetnames == old.sheetnames == [s.name for s in report.sheets]
    for name in old.sheetnames:
        a, b = old[name], new[name]
        assert (b.max_row, b.max_column) == (a.max_row, a.max_column), name
        for row_a, row_b in zip(a.iter_rows(), b.iter_rows()):
            for ca, cb in zip(row_a, row_b):
                if ca.value in (None, "") and cb.value in (None, ""):
                    continue
                # openpyxl writes floats with 16 significant digits; sheet_xml writes repr()'s 17,
                # which read back as the very same float
                if isinstance(ca.value, float):
                    assert cb.value == pytest.approx(ca.value, rel=1e-15, abs=0), (name, ca.coordinate)
                    ca.value = cb.value
                assert describe(cb) == describe(ca), (name, ca.coordinate)


def test_columns_tables_and_charts_match(report):
    old, new = both(report)
    for name in old.sheetnames:
        a, b = old[name], new[name]
        widths = {k: (d.width, d.hidden) for k, d in a.column_dimensions.items() if d.width}
        assert {k: (d.width, d.hidden) for k, d in b.column_dimensions.items() if d.width} == widths
        assert {t.displayName: t.ref for t in b.tables.values()} == {t.displayName: t.ref for t in a.tables.values()}
        assert len(b._charts) == len(a._charts)
        for ca, cb in zip(a._charts, b._charts):
            assert [s.val.numRef.f for s in cb.series] == [s.val.numRef.f for s in ca.series]
            assert [s.tx.strRef.f.replace("$", "") for s in cb.series] == [s.tx.strRef.f for s in ca.series]
    assert sum(len(new[n]._charts) for n in new.sheetnames) == 2
    assert sum(len(new[n].tables) for n in new.sheetnames) == len(report.quarters)


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
