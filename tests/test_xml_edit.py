"""Editing parts in place: the bytes outside an edit stay as the writer left them, and new
elements take the prefixes in scope where they go."""

import pytest

from xl_nps.workbook.write.package import REL_NS, edit_content_types, edit_rels
from xl_nps.workbook.write.styles import cell_format, merge_styles
from xl_nps.workbook.write.xml_edit import Editor, XmlError, as_utf8, parse, qualified

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
EXCEL_ROOT = (f'<workbook xmlns="{MAIN}" xmlns:r="{REL_NS}" '
              'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
              'xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main" mc:Ignorable="x15">')


def test_spans_of_elements_empty_and_not():
    data = b'<?xml version="1.0"?>\r\n<a xmlns="u"><b x="1>2"/><c>t&amp;x</c><![CDATA[<d/>]]><!-- <e/> --></a>'
    root = parse(data)
    b, c = root.children
    assert data[b.start:b.end] == b'<b x="1>2"/>' and b.empty and b.get("x") == "1>2"
    assert data[c.start:c.open_end] == b"<c>" and data[c.close:c.end] == b"</c>" and c.text == "t&x"
    assert [e.name for e in root.children] == ["b", "c"]  # the CDATA and the comment are text, not elements


def test_an_edit_keeps_every_other_byte():
    data = (EXCEL_ROOT + "\r\n  <sheets><sheet name='A' sheetId=\"1\" r:id=\"rId1\"/></sheets><extLst><ext uri=\"u\">"
            "<x15:workbookPr chartTrackingRefBase=\"1\"/></ext></extLst></workbook>").encode()
    editor = Editor(data)
    sheets = editor.root.find("sheets")
    editor.set(sheets.find("sheet"), sheetId="7", name="B & C")
    out = editor.result()
    assert out == data.replace(b"name='A' sheetId=\"1\"", b'name="B &amp; C" sheetId="7"')


def test_new_elements_use_the_prefixes_in_scope():
    prefixed = f'<x:workbook xmlns:x="{MAIN}"><x:sheets/></x:workbook>'.encode()
    editor = Editor(prefixed)
    sheets = editor.root.find("sheets")
    tag, declare = qualified(sheets.scope, MAIN, "sheet")
    rid, rid_prefix = qualified(sheets.scope, REL_NS, "id", attribute=True)
    assert (tag, declare, rid, rid_prefix) == ("x:sheet", "", "r:id", "r")  # r: is not bound here: declare it
    editor.append(sheets, editor.new_child(sheets, "sheet", {"name": "P"}))
    assert editor.result() == f'<x:workbook xmlns:x="{MAIN}"><x:sheets><x:sheet name="P"/></x:sheets></x:workbook>'.encode()
    # an attribute never takes the default namespace; a prefix bound to it elsewhere is found
    assert qualified({"": REL_NS, "rel": REL_NS}, REL_NS, "id", attribute=True) == ("rel:id", "")


def test_rels_and_content_types_keep_their_shape():
    rels = (b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId1" Type="t/worksheet" Target="worksheets/sheet1.xml"/>'
            b'<Relationship Id="rId9" Type="t/calcChain" Target="calcChain.xml"/></Relationships>')
    out = edit_rels(rels, {"rId9"}, [("rIdXlNps1", "t/worksheet", "/xl/worksheets/xlnps_sheet1.xml")])
    assert out == rels.replace(b'<Relationship Id="rId9" Type="t/calcChain" Target="calcChain.xml"/>',
                               b'<Relationship Id="rIdXlNps1" Type="t/worksheet" Target="/xl/worksheets/xlnps_sheet1.xml"/>')
    types = (b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             b'<Override PartName="/xl/Worksheets/Sheet9.xml" ContentType="w"/></Types>')
    # part names compare without case (ECMA-376 Part 2, 9.1.1.1)
    assert edit_content_types(types, ["xl/worksheets/sheet9.xml"], {"xl/a.xml": "c"}) == (
        b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        b'<Override PartName="/xl/a.xml" ContentType="c"/></Types>')


SCRATCH = (f'<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0"/></numFmts>'
           '<fonts count="2"><font><sz val="11"/></font><font><b/><sz val="14"/></font></fonts>'
           '<fills count="1"><fill><patternFill/></fill></fills><borders count="1"><border/></borders>'
           '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
           '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
           '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
           '</styleSheet>').encode()


def test_styles_merge_into_a_prefixed_sheet_once():
    target = (f'<x:styleSheet xmlns:x="{MAIN}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
              'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" mc:Ignorable="x14ac">'
              '<x:fonts count="1" x14ac:knownFonts="1"><x:font><x:sz val="11.0"/></x:font></x:fonts>'
              '<x:fills count="1"><x:fill><x:patternFill patternType="none"/></x:fill></x:fills>'
              '<x:borders count="1"><x:border/></x:borders>'
              '<x:cellXfs count="1"><x:xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></x:cellXfs>'
              '</x:styleSheet>').encode()
    merged, mapping = merge_styles(target, SCRATCH)
    assert mapping == {0: 0, 1: 1, 2: 2}  # the plain format is the sheet's own (sz 11 = 11.0)
    text = merged.decode()
    assert text.startswith(target.decode()[:target.index(b"<x:fonts")])  # root and its declarations as they were
    assert '<x:numFmts count="1"><x:numFmt numFmtId="164" formatCode="0.0"/></x:numFmts><x:fonts' in text
    assert '<x:fonts count="2" x14ac:knownFonts="1">' in text and "<x:font><x:b/><x:sz val=\"14\"/></x:font>" in text
    again, mapping = merge_styles(merged, SCRATCH)
    assert again == merged and mapping == {0: 0, 1: 1, 2: 2}  # nothing piles up


def test_a_date_format_is_found_or_added():
    styles, index = cell_format(SCRATCH, 14)
    assert index == 3 and b'<cellXfs count="4">' in styles
    assert cell_format(styles, 14) == (styles, 3)


def test_utf16_parts_are_read_and_broken_ones_refused():
    text = f'<?xml version="1.0" encoding="UTF-16"?><workbook xmlns="{MAIN}"/>'
    root = parse(as_utf8(text.encode("utf-16")))
    assert root.name == "workbook"
    with pytest.raises(XmlError):
        parse(b"<a><b></a>")
