"""A generated corpus of broken, strange and hostile files (issue 7). Each maker writes one
file into a folder and returns its path."""

import datetime as dt
import io
import os
import random
import zipfile
from pathlib import Path

import openpyxl

from xl_nps.workbook import names as L
from xl_nps.workbook.setup.template import build_template

SECRET = "root:x:0:0:TOP-SECRET-LOCAL-FILE"


def valid_workbook(folder: Path, name="valid.xlsx", rows=3) -> Path:
    wb = build_template()
    ws = wb[L.RESPONDENTS_SHEET]
    for i in range(rows):  # typed from row 2 on, as a user fills the template's table
        for c, value in enumerate([dt.datetime(2026, 1, 5 + i), f"r{i}", "Co", "SMB", [9, 3, 7][i % 3], None, "ok"], 1):
            ws.cell(2 + i, c).value = value
        ws.cell(2 + i, 6).value = L.category_formula(2 + i)
    ws.tables[L.RESPONDENTS_TABLE].ref = f"A1:I{max(2, rows + 1)}"
    path = folder / name
    wb.save(path)
    return path


def _replace_part(source: Path, target: Path, part: str, data: bytes) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info, data if info.filename == part else old.read(info.filename))
    return target


# ---------------------------------------------------------------- attacks on the format

def decompression_bomb(folder: Path) -> Path:
    """A valid-looking workbook whose Respondents sheet inflates from ~120 KB to 120 MB."""
    source = valid_workbook(folder, "bomb-source.xlsx")
    target = folder / "bomb.xlsx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename == "xl/worksheets/sheet2.xml":
                with new.open(info.filename, "w", force_zip64=True) as part:
                    chunk = b" " * (1024 * 1024)
                    for _ in range(120):
                        part.write(chunk)
            else:
                new.writestr(info, old.read(info.filename))
    os.unlink(source)
    return target


def billion_laughs(folder: Path) -> Path:
    source = valid_workbook(folder, "laughs-source.xlsx")
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10))
    xml = (f'<?xml version="1.0"?><!DOCTYPE lolz [{entities}]>'
           '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>')
    target = _replace_part(source, folder / "laughs.xlsx", "xl/worksheets/sheet1.xml", xml.encode())
    os.unlink(source)
    return target


def external_entity(folder: Path, secret_file: Path) -> Path:
    secret_file.write_text(SECRET)
    source = valid_workbook(folder, "xxe-source.xlsx")
    with zipfile.ZipFile(source) as archive:
        sheet = archive.read("xl/worksheets/sheet2.xml").decode()
    sheet = sheet.replace("<worksheet", f'<!DOCTYPE w [<!ENTITY xxe SYSTEM "file://{secret_file}">]><worksheet', 1)
    sheet = sheet.replace("<t>ok</t>", "<t>&xxe;</t>")
    target = _replace_part(source, folder / "xxe.xlsx", "xl/worksheets/sheet2.xml", sheet.encode())
    os.unlink(source)
    return target


# ---------------------------------------------------------------- not what they claim

def random_bytes(folder: Path) -> Path:
    path = folder / "random.xlsx"
    path.write_bytes(random.Random(1).randbytes(50_000))
    return path


def truncated(folder: Path) -> Path:
    data = valid_workbook(folder, "whole.xlsx").read_bytes()
    path = folder / "truncated.xlsx"
    path.write_bytes(data[: len(data) // 2])
    return path


def encrypted(folder: Path) -> Path:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = valid_workbook(folder, "plain.xlsx")
    out = io.BytesIO()
    with open(plain, "rb") as handle:
        OOXMLFile(handle).encrypt("secret", out)
    path = folder / "encrypted.xlsx"
    path.write_bytes(out.getvalue())
    return path


def legacy_xls(folder: Path) -> Path:
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("Respondents")
    for c, name in enumerate(["Date", "Score"]):
        sheet.write(0, c, name)
    sheet.write(1, 0, "2026-01-05")
    sheet.write(1, 1, 9)
    path = folder / "legacy.xlsx"
    book.save(str(path))
    return path


def empty_file(folder: Path) -> Path:
    path = folder / "empty.xlsx"
    path.write_bytes(b"")
    return path


# ---------------------------------------------------------------- sheets that fool readers

def headers_only_export(folder: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.active.append(["Date", "Score", "Comment"])
    path = folder / "headers-only.xlsx"
    wb.save(path)
    return path


def two_row_merged_header_export(folder: Path) -> Path:
    """SurveyMonkey-style: questions on row 1 merged over their answer columns, row 2 names them."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Respondent ID", "End Date", "Email Address",
               "How likely is it that you would recommend us to a friend or colleague?",
               "What is the main reason for your score?", None])
    ws.append([None, None, None, "Response", "Open-Ended Response", "Other (please specify)"])
    ws.merge_cells("E1:F1")
    ws.append([101, dt.datetime(2026, 3, 2, 9, 30), "a@x.example", 10, "fast support", ""])
    ws.append([102, dt.datetime(2026, 3, 3, 9, 30), "b@x.example", 4, "slow delivery", "late twice"])
    path = folder / "two-row-header.xlsx"
    wb.save(path)
    return path


def formatted_to_the_last_row(folder: Path, name="formatted.xlsx") -> Path:
    """Three real answers; column formatting and one styled empty cell at row 1,048,576."""
    path = valid_workbook(folder, name)
    wb = openpyxl.load_workbook(path)
    ws = wb[L.RESPONDENTS_SHEET]
    ws.cell(1_048_576, 5).number_format = "0"
    ws.cell(1_048_576, 7).font = openpyxl.styles.Font(bold=True)
    wb.save(path)
    return path


# ---------------------------------------------------------------- CSV from real life

def csv_file(folder: Path, name: str, text: str, encoding="utf-8", newline="\n", bom=False) -> Path:
    data = text.replace("\n", newline).encode(encoding)
    if bom:
        data = {"utf-8": b"\xef\xbb\xbf"}.get(encoding, b"") + data
    path = folder / name
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------- text a report must show

HOSTILE_COMMENTS = [
    "Support never answers. " * 130,  # about 3,000 characters
    "Three things:\n1. invoices are wrong\n2. nobody calls back\n3. the app logs me out",
    "Windows line breaks\r\nsecond line\r\nthird line",
    "الخدمة بطيئة جدا والأسعار مرتفعة. لا أحد يرد على الهاتف عندما نتصل بالدعم.",
    "השירות איטי מאוד והמחיר גבוה מדי, ואף אחד לא חוזר אלינו.",
    "The app says خطأ 404 every time we open the invoices page",
    "服务很好，交货很快。" * 12,
    "サポートの対応がとても遅いです。価格も高すぎます。改善してください。",
    "배송이 너무 느려요. 가격도 비싸요. 그래도 제품은 좋아요.",
    "Love it 😍👍🏽 but 💸💸💸 pricey 👨‍👩‍👧‍👦 " * 4,
    "=HYPERLINK(\"http://x.example\",\"click\")",
    "https://example.com/" + "a" * 200,
    "Z̷̢a̸l̵g̶o̴ ̷t̸e̷x̵t in a comment",
    "Short and fine.",
]


def hostile_text_export(folder: Path) -> Path:
    """A survey export whose comments are long, multi-line, right-to-left, CJK, emoji and
    formula-like, over two quarters and every category (as a CSV with quoted line breaks)."""
    import csv

    path = folder / "hostile-text.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["Date", "Email", "Company", "Segment", "Score", "Comment"])
        for quarter, month in enumerate((2, 5)):
            for i, comment in enumerate(HOSTILE_COMMENTS):
                score = [0, 3, 6, 7, 8, 9, 10][(i + quarter) % 7]
                company = "Société Générale d'Équipements Industriels et Commerciaux" if i == 0 else f"Company {i}"
                out.writerow([f"2026-{month:02}-{1 + i:02}", f"person{i}@example.com", company,
                              ["SMB", "Enterprise"][i % 2], score, comment])
    return path
