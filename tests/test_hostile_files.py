"""Hostile and awkward files through the real command (a new process each time): each is
imported correctly or refused with one line, within 30 s and 1 GB, and a refused file leaves
the target workbook byte for byte unchanged."""

import datetime as dt
import hashlib
import subprocess
import sys

import openpyxl
import pytest

import hostile_files as make
from reports import read_tables
from xl_nps.workbook import names as L

MEMORY_LIMIT_KB = 1024 * 1024  # 1 GB
RUNNER = (
    "import resource, sys\n"
    "from xl_nps.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "print('MAXRSS', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def xl_nps(*args):
    result = subprocess.run([sys.executable, "-c", RUNNER, *map(str, args)], capture_output=True, text=True, timeout=30)
    lines = result.stderr.strip().splitlines()
    maxrss = int(lines[-1].split()[1])
    assert maxrss < MEMORY_LIMIT_KB, f"used {maxrss} KB"
    return result.returncode, result.stdout, "\n".join(lines[:-1])


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def book(tmp_path):
    return make.valid_workbook(tmp_path, "book.xlsx")


REFUSED_WORKBOOKS = [
    (make.decompression_bomb, "decompression bomb"),
    (make.billion_laughs, "document type declaration"),
    (make.random_bytes, "not an Excel workbook"),
    (make.truncated, "damaged or was cut short"),
    (make.encrypted, "protected with a password"),
    (make.legacy_xls, "legacy .xls file"),
    (make.empty_file, "is empty (0 bytes)"),
]


@pytest.mark.parametrize("maker, message", REFUSED_WORKBOOKS, ids=[m.__name__ for m, _ in REFUSED_WORKBOOKS])
def test_a_hostile_workbook_is_refused_as_refresh_target_and_as_import_source(tmp_path, book, maker, message):
    bad = maker(tmp_path)
    before = sha(bad)
    code, _, err = xl_nps("refresh", bad)
    assert code == 1 and message in err and err.count("\n") == 0, err
    assert sha(bad) == before
    book_before = sha(book)
    code, _, err = xl_nps("import", bad, book)
    assert code == 1 and message in err, err
    assert sha(book) == book_before


def test_external_entities_never_bring_local_files_into_any_output(tmp_path, book):
    bad = make.external_entity(tmp_path, tmp_path / "passwd")
    before = sha(book)
    for args in (("refresh", bad), ("import", bad, book)):
        code, out, err = xl_nps(*args)
        assert code == 1 and "document type declaration" in err
        assert make.SECRET not in out + err
    assert sha(book) == before
    with open(bad, "rb") as handle:
        assert make.SECRET.encode() not in handle.read()


def test_an_export_with_headers_only_is_refused(tmp_path, book):
    before = sha(book)
    code, _, err = xl_nps("import", make.headers_only_export(tmp_path), book)
    assert code == 1 and "header row but no answers" in err
    assert sha(book) == before


def test_a_workbook_without_answers_refreshes_to_an_empty_report(tmp_path):
    code, out, err = xl_nps("new", tmp_path / "new.xlsx")
    assert code == 0, err
    code, out, err = xl_nps("refresh", tmp_path / "new.xlsx")
    assert code == 0, err
    assert "answers used      0" in out
    assert openpyxl.load_workbook(tmp_path / "new.xlsx").sheetnames[-3:] == ["Periods", "Comments", "Problems"]


def respondents(path):
    ws = openpyxl.load_workbook(path)[L.RESPONDENTS_SHEET]
    return [[c.value for c in row[:9]] for row in ws.iter_rows(min_row=2) if row[0].value is not None or row[4].value is not None]


def test_a_two_row_header_with_merged_cells_is_read_as_one(tmp_path, book):
    code, out, err = xl_nps("import", make.two_row_merged_header_export(tmp_path), book)
    assert code == 0, err
    new = respondents(book)[3:]
    assert [(r[0], r[1], r[4], r[6]) for r in new] == [
        (dt.datetime(2026, 3, 2), "a@x.example", 10, "fast support"),
        (dt.datetime(2026, 3, 3), "b@x.example", 4, "slow delivery"),
    ]


def test_a_sheet_formatted_down_to_row_1048576_is_read_for_its_three_answers(tmp_path):
    formatted = make.formatted_to_the_last_row(tmp_path)
    code, out, err = xl_nps("refresh", formatted)
    assert code == 0, err
    assert "answers used      3" in out
    book = tmp_path / "fresh.xlsx"
    xl_nps("new", book)
    code, out, err = xl_nps("import", formatted, book)
    assert code == 0 and "answers added         3" in out, out + err


CSV = 'Date,Score,Comment\n2026-02-10,9,"{a}"\n2026-02-11,3,"{b}"\n'


@pytest.mark.parametrize(
    "encoding, bom, a, b",
    [("utf-16", False, "Très bien", "Цены высокие"), ("utf-8", True, "Très bien", "価格が高い"),
     ("cp1251", False, "Отличный сервис", "Цены слишком высокие, доставка медленная"),
     ("cp850", False, "Très bien, équipe réactive", "Délai de livraison trop long, déçu"),
     ("cp1252", False, "Größe passt, Lieferung pünktlich", "¿Por qué tan caro? El envío tardó mucho"),
     ("gb18030", False, "服务很好，交货很快。", "价格太高，客服回复太慢，希望改进。"),
     ("gbk", False, "已经推荐给合作伙伴了。", "报表导出太慢"),
     ("cp950", False, "已經推薦給合作夥伴了。", "價格太高，客服回覆太慢。"),
     ("cp932", False, "サポートの返信が早く、とても助かっています。", "価格が高すぎます～①"),
     ("cp1250", False, "Zażółć gęślą jaźń, dostawa trwała zbyt długo", "Ceny są wysokie, ale obsługa miła"),
     ("cp1250", False, "Příliš drahé, ale podpora je rychlá", "Doručení trvalo týden, děkujeme")],
)
def test_csv_text_arrives_exactly_in_every_encoding(tmp_path, book, encoding, bom, a, b):
    path = make.csv_file(tmp_path, "s.csv", CSV.format(a=a, b=b), encoding, bom=bom)
    code, out, err = xl_nps("import", path, book)
    assert code == 0, err
    assert [r[6] for r in respondents(book)[3:]] == [a, b]


def test_mixed_line_endings_quoted_multiline_comments_and_no_final_newline(tmp_path, book):
    text = 'Date,Score,Comment\r\n2026-02-10,9,"first line\nsecond line"\n2026-02-11,3,plain\r2026-02-12,7,"last, ""quoted"""'
    path = tmp_path / "s.csv"
    path.write_bytes(text.encode())
    code, out, err = xl_nps("import", path, book)
    assert code == 0, err
    assert [(r[4], r[6]) for r in respondents(book)[3:]] == [(9, "first line\nsecond line"), (3, "plain"), (7, 'last, "quoted"')]


def test_a_european_export_with_semicolons_decimal_commas_and_day_first_dates(tmp_path, book):
    path = make.csv_file(tmp_path, "eu.csv", "Datum;NPS;Kommentar\n05.03.2026;9,0;Gut\n25.03.2026;3;Zu teuer\n")
    code, out, err = xl_nps("import", path, book)
    assert code == 0, err
    assert [(r[0], r[4]) for r in respondents(book)[3:]] == [(dt.datetime(2026, 3, 5), 9), (dt.datetime(2026, 3, 25), 3)]


def test_serial_dates_and_impossible_dates(tmp_path, book):
    path = make.csv_file(tmp_path, "s.csv", "Date,Score\n46063,9\n99999999,7\n")
    code, out, err = xl_nps("import", path, book)
    assert code == 0, err
    rows = respondents(book)[3:]
    assert rows[0][0] == dt.datetime(2026, 2, 10) and rows[1][0] == "99999999"
    code, out, err = xl_nps("refresh", book)
    assert code == 0, err
    problems = read_tables(openpyxl.load_workbook(book)["Problems"])["Problems"]
    assert [(p["Row"], p["Value"]) for p in problems] == [(6, "99999999")]


def test_iso_and_us_dates_in_one_column(tmp_path, book):
    path = make.csv_file(tmp_path, "s.csv", "Date,Score\n2026-07-15,9\n07/16/2026,8\n07/02/2026,7\n")
    code, out, err = xl_nps("import", path, book)
    assert code == 0, err
    assert [r[0] for r in respondents(book)[3:]] == [dt.datetime(2026, 7, 15), dt.datetime(2026, 7, 16), dt.datetime(2026, 7, 2)]


def test_scores_written_as_labels_or_decimals(tmp_path, book):
    path = make.csv_file(tmp_path, "s.csv", 'Date,Score\n2026-01-05,10 - Extremely likely\n2026-01-06,"0 - Not at all likely"\n2026-01-07,9.0\n')
    code, out, err = xl_nps("import", path, book)
    assert code == 0, err
    assert [r[4] for r in respondents(book)[3:]] == [10, 0, 9]


def test_duplicate_and_missing_headers(tmp_path, book):
    path = make.csv_file(tmp_path, "s.csv", "Date,Score,Comment,Comment,\n2026-01-05,9,first,second,extra\n")
    code, out, err = xl_nps("import", path, book)
    assert code == 0, err
    assert respondents(book)[3][6] == "first"


def test_control_characters_and_a_comment_longer_than_a_cell_can_hold(tmp_path, book):
    long = "too long " * 5000  # 45,000 characters
    path = make.csv_file(tmp_path, "s.csv", f"Date,Score,Comment\n2026-01-05,2,bad\x00byte\x07bell\n2026-01-06,3,{long}\n")
    code, out, err = xl_nps("import", path, book)
    assert code == 0, err
    assert "cut at Excel's 32,767-character cell limit: 1" in out
    rows = respondents(book)[3:]
    assert rows[0][6] == "bad\ufffdbyte\ufffdbell"
    assert len(rows[1][6]) == 32_767 and rows[1][6].endswith("[cut at Excel's cell limit]")
    code, out, err = xl_nps("refresh", book)
    assert code == 0, err
