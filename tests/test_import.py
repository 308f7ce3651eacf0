"""Survey exports into the Respondents sheet: column recognition, encodings, dates,
duplicates, and rows that cannot be read (kept, then listed on Problems by the refresh)."""

import datetime as dt

import openpyxl
import pytest

from reports import read_tables
from xl_nps.errors import XlNpsError
from xl_nps.workbook import names as L
from xl_nps.workbook.importer import import_survey, parse_score
from xl_nps.workbook.refresh import refresh
from xl_nps.workbook.read.survey import read_survey
from xl_nps.workbook.setup.template import write_template


@pytest.fixture
def book(tmp_path):
    return write_template(tmp_path / "book.xlsx")


def respondents(book):
    ws = openpyxl.load_workbook(book)["Respondents"]
    return [[c.value for c in row[:9]] for row in ws.iter_rows(min_row=2) if any(c.value for c in row[:5])]


SENTENCES = ["Support answered within the hour.", "Too expensive for what we get.", "The new dashboard saves us hours.",
             "Delivery took two weeks, far too long.", "Works fine, nothing special.", "Onboarding was long; reporting is fine."]
PEOPLE = ["Alex Morgan", "Sam O'Neil", "Priya Shah", "Chloe Martin", "Noah Brown", "Fatima Khan"]
COMPANIES = ["Contoso Ltd", "Fabrikam, Inc.", "Wingtip Toys", "Northwind Traders"]


def column_values(kind: str, rows: int) -> list[str]:
    """Values as survey tools write them, for a column of the given kind."""
    make = {
        "date": lambda i: f"2026-07-{i + 1:02d} 10:{i:02d}:00",
        "score": lambda i: str([10, 9, 3, 7, 8, 0, 6, 10, 9, 5, 8, 2][i % 12]),
        "comment": lambda i: SENTENCES[i % len(SENTENCES)] if i % 4 else "",
        "email": lambda i: f"person{i}@customer.example",
        "id": lambda i: str(114920311000 + i),
        "token": lambda i: f"{i:04d}ahefupfubphvacf8sv12ch63vnvacgl4s"[:32],
        "person": lambda i: PEOPLE[i % len(PEOPLE)] + ("" if i < len(PEOPLE) else f" {i}"),
        "company": lambda i: COMPANIES[i % len(COMPANIES)],
        "plan": lambda i: ["Free", "Pro", "Enterprise"][i % 3],
    }[kind]
    return [make(i) for i in range(rows)]


def export_csv(path, columns: list[tuple[str, str]], rows=12):
    values = [column_values(kind, rows) for _, kind in columns]
    lines = [",".join(f'"{h}"' for h, _ in columns)]
    lines += [",".join(f'"{v[r]}"' for v in values) for r in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "columns, expected",
    [
        # SurveyMonkey (one header row, as after a cleanup)
        ([("Respondent ID", "id"), ("Start Date", "date"), ("End Date", "date"), ("Email Address", "email"),
          ("How likely is it that you would recommend us to a friend or colleague?", "score"),
          ("What is the main reason for your score?", "comment")],
         {L.RESPONDENT: "Email Address", L.DATE: "End Date", L.SCORE: "How likely is it that you would recommend us to a friend or colleague?",
          L.COMMENT: "What is the main reason for your score?"}),
        # Google Forms
        ([("Timestamp", "date"), ("Email address", "email"), ("How likely are you to recommend Acme to a friend?", "score"),
          ("Why?", "comment")],
         {L.DATE: "Timestamp", L.RESPONDENT: "Email address", L.SCORE: "How likely are you to recommend Acme to a friend?", L.COMMENT: "Why?"}),
        # SatisMeter
        ([("Date", "date"), ("Email", "email"), ("User ID", "id"), ("Score", "score"), ("Feedback", "comment"), ("Plan", "plan")],
         {L.DATE: "Date", L.RESPONDENT: "Email", L.SCORE: "Score", L.COMMENT: "Feedback", L.SEGMENT: "Plan"}),
        # Typeform
        ([("#", "token"), ("On a scale from 0 to 10, how likely are you to recommend us?", "score"),
          ("What's the main reason for your score?", "comment"), ("Submitted At", "date"), ("Company", "company")],
         {L.SCORE: "On a scale from 0 to 10, how likely are you to recommend us?", L.COMMENT: "What's the main reason for your score?",
          L.DATE: "Submitted At", L.COMPANY: "Company", L.RESPONDENT: "#"}),
        # a phone-interview spreadsheet
        ([("Date of interview", "date"), ("Client", "company"), ("Contact", "person"), ("NPS", "score"), ("Comment", "comment"),
          ("Segment", "plan")],
         {L.DATE: "Date of interview", L.COMPANY: "Client", L.RESPONDENT: "Contact", L.SCORE: "NPS", L.COMMENT: "Comment", L.SEGMENT: "Segment"}),
    ],
)
def test_columns_of_common_survey_tools_are_recognised(tmp_path, columns, expected):
    survey = read_survey(export_csv(tmp_path / "s.csv", columns))
    found = {name: survey.columns[i].label for name, i in survey.fields.items()}
    assert found == expected


def test_an_explicit_mapping_wins_and_a_wrong_one_is_named(tmp_path):
    path = export_csv(tmp_path / "s.csv", [("Q1", "score"), ("Q2", "score"), ("When", "date")])
    survey = read_survey(path, {L.SCORE: "Q2", L.DATE: "When"})
    assert survey.fields[L.SCORE] == 1 and survey.fields[L.DATE] == 2
    with pytest.raises(XlNpsError, match='no column named "Q9" for Score; its columns are: "Q1", "Q2", "When"'):
        read_survey(path, {L.SCORE: "Q9"})


def test_without_a_score_column_the_message_says_how_to_name_it(tmp_path):
    with pytest.raises(XlNpsError, match='name it with --score "COLUMN"'):
        read_survey(export_csv(tmp_path / "s.csv", [("Date", "date"), ("Comment", "comment")]))


@pytest.mark.parametrize("value, score", [(9, 9), (9.0, 9), ("9", 9), ("9.0", 9), ("10 - Extremely likely", 10),
                                          ("0 (Not at all likely)", 0), ("7,0", 7), ("11", None), ("7.5", None),
                                          ("Extremely likely", None), (True, None), ("", None)])
def test_scores_as_exports_write_them(value, score):
    assert parse_score(value) == score


def write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


CSV = ("Date,Email,Score,Comment\n"
       "2026-07-01,a@x.example,10,Très bien\n"
       "2026-07-02,b@x.example,3,\"Slow,\nvery slow\"\n"
       "2026-07-03,c@x.example,8,Цена высокая\n")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_unicode_exports_arrive_exactly(tmp_path, book, encoding):
    survey = read_survey(write(tmp_path / "s.csv", CSV, encoding))
    summary = import_survey(survey, book)
    assert summary.added == 3
    rows = respondents(book)
    assert [r[6] for r in rows] == ["Très bien", "Slow,\nvery slow", "Цена высокая"]
    assert rows[0][0] == dt.datetime(2026, 7, 1) and rows[0][4] == 10


def test_a_legacy_windows_export_is_read_as_cp1252(tmp_path, book):
    survey = read_survey(write(tmp_path / "s.csv", "Date;Score;Comment\n01.07.2026;9;Déjà vu, très cher\n", "cp1252"))
    assert (survey.encoding, survey.delimiter) == ("cp1252", ";")
    import_survey(survey, book)
    assert respondents(book)[0][6] == "Déjà vu, très cher"


def test_an_explicit_encoding_reads_russian_windows_1251(tmp_path, book):
    path = write(tmp_path / "s.csv", "Date,Score,Comment\n2026-07-01,2,Дорого и долго\n", "cp1251")
    import_survey(read_survey(path, encoding="cp1251"), book)
    assert respondents(book)[0][6] == "Дорого и долго"


def test_day_first_and_month_first_dates_are_told_apart_by_the_column(tmp_path, book):
    european = write(tmp_path / "eu.csv", "Date,Score\n03/04/2026,9\n25/04/2026,7\n")
    american = write(tmp_path / "us.csv", "Date,Score\n03/04/2026 10:31:00 AM,9\n04/25/2026 09:00:00 AM,8\n")
    import_survey(read_survey(european), book)
    import_survey(read_survey(american), book)
    dates = [r[0] for r in respondents(book)]
    assert dates == [dt.datetime(2026, 4, 3), dt.datetime(2026, 4, 25), dt.datetime(2026, 3, 4), dt.datetime(2026, 4, 25)]


def test_importing_the_same_export_twice_adds_nothing_the_second_time(tmp_path, book):
    path = write(tmp_path / "s.csv", CSV)
    assert import_survey(read_survey(path), book).added == 3
    again = import_survey(read_survey(path), book)
    assert (again.added, again.duplicates) == (0, 3)
    assert len(respondents(book)) == 3


def test_unreadable_rows_are_kept_and_listed_on_problems_after_refresh(tmp_path, book):
    path = write(tmp_path / "s.csv", "Date,Score,Comment\n2026-07-01,9,ok\n2026-07-02,N/A,no score\nsoon,8,bad date\n")
    summary = import_survey(read_survey(path), book)
    assert (summary.added, summary.unreadable) == (3, 2)
    refresh(book)
    problems = read_tables(openpyxl.load_workbook(book)["Problems"])["Problems"]
    assert [(p["Row"], p["Value"]) for p in problems] == [(3, "N/A"), (4, "soon")]


def test_imported_text_never_becomes_a_formula(tmp_path, book):
    path = write(tmp_path / "s.csv", 'Date,Score,Comment,Email\n2026-07-01,9,"=HYPERLINK(""http://x"",""y"")",@SUM(A1)\n')
    import_survey(read_survey(path, {L.RESPONDENT: "Email"}), book)
    ws = openpyxl.load_workbook(book)["Respondents"]
    assert ws["G2"].data_type == "s" and ws["G2"].value.startswith("=HYPERLINK")
    assert ws["B2"].data_type == "s"


def test_imported_rows_get_the_category_formula_and_extend_the_table(tmp_path, book):
    import_survey(read_survey(write(tmp_path / "s.csv", CSV)), book)
    ws = openpyxl.load_workbook(book)["Respondents"]
    assert ws["F4"].value == L.category_formula(4)
    assert ws.tables["Respondents"].ref == "A1:I4"


def test_an_xlsx_export_is_read_from_its_first_sheet(tmp_path, book):
    wb = openpyxl.Workbook()
    wb.active.append(["Submitted At", "NPS", "Why"])
    wb.active.append([dt.datetime(2026, 8, 3, 14, 5), 6, "support"])
    wb.save(tmp_path / "export.xlsx")
    import_survey(read_survey(tmp_path / "export.xlsx"), book)
    assert respondents(book)[0][:7] == [dt.datetime(2026, 8, 3), None, None, None, 6, L.category_formula(2), "support"]
