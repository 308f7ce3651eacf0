"""Importing employee survey exports: Department, Team and Tenure recognised by their headers in
the project's languages, nothing that names a person stored, duplicates told apart by group."""

import csv

import openpyxl
import pytest

from conftest import fill_respondents, answer
from xl_nps.cli import main
from xl_nps.workbook import names as L

ROWS = [  # date, e-mail, department, team, tenure, score, comment
    ("2026-02-03 10:00:00", "a@x.example", "Sales", "North", "1-3 years", 9, "Good team, fair pay"),
    ("2026-02-03 11:00:00", "b@x.example", "Sales", "South", "<1 year", 6, "Too much overtime"),
    ("2026-02-04 09:30:00", "c@x.example", "IT", "Ops", "3+ years", 10, "Interesting projects"),
]
# Google Forms' headers as each language's form would have them
HEADERS = {
    "en": ["Timestamp", "Email Address", "Department", "Team", "Tenure",
           "How likely are you to recommend our company as a place to work?", "Why?"],
    "de": ["Zeitstempel", "E-Mail-Adresse", "Abteilung", "Team", "Betriebszugehörigkeit",
           "Wie wahrscheinlich ist es, dass Sie uns als Arbeitgeber weiterempfehlen?", "Warum?"],
    "es": ["Marca temporal", "Dirección de correo electrónico", "Departamento", "Equipo", "Antigüedad",
           "¿Qué tan probable es que recomiendes la empresa como lugar de trabajo?", "¿Por qué?"],
    "fr": ["Horodateur", "Adresse e-mail", "Département", "Équipe", "Ancienneté",
           "Quelle est la probabilité que vous recommandiez notre entreprise comme employeur ?", "Pourquoi ?"],
    "ru": ["Отметка времени", "Адрес электронной почты", "Отдел", "Команда", "Стаж работы",
           "Насколько вероятно, что вы порекомендуете нашу компанию как место работы?", "Почему?"],
    "zh": ["时间戳", "电子邮件地址", "部门", "团队", "工龄", "您向朋友推荐我们公司作为工作单位的可能性有多大？", "原因"],
}


def export(path, header, rows=ROWS):
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def respondents(book):
    ws = openpyxl.load_workbook(book)[L.RESPONDENTS_SHEET]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    return [dict(zip(rows[0], r)) for r in rows[1:] if r[0] is not None]


@pytest.mark.parametrize("language", sorted(HEADERS))
def test_groups_are_recognised_in_every_language_and_no_e_mail_is_stored(tmp_path, capsys, language):
    book = tmp_path / "enps.xlsx"
    assert main(["new", str(book), "--employee"]) == 0
    assert main(["import", str(export(tmp_path / "form.csv", HEADERS[language])), str(book)]) == 0
    printed = capsys.readouterr().out
    header = HEADERS[language]
    for field, column in ((L.DEPARTMENT, header[2]), (L.TEAM, header[3]), (L.TENURE, header[4])):
        assert f'{field:<11} <- column ' in printed and column[:20] in printed
    assert "not stored (an employee survey keeps no names" in printed
    stored = respondents(book)
    assert [(r["Department"], r["Team"], r["Tenure"], r["Score"]) for r in stored] == [
        (d, t, y, s) for _, _, d, t, y, s, _ in ROWS]
    assert not any("@" in str(v) for r in stored for v in r.values())
    assert openpyxl.load_workbook(book)[L.RESPONDENTS_SHEET].max_column == 7


def test_reimport_adds_nothing_and_groups_tell_answers_apart(tmp_path, capsys):
    book = tmp_path / "enps.xlsx"
    main(["new", str(book), "--employee"])
    main(["import", str(export(tmp_path / "a.csv", HEADERS["en"])), str(book)])
    assert main(["import", str(tmp_path / "a.csv"), str(book)]) == 0
    assert "already there         3 (same date, department, team, tenure, score and comment)" in capsys.readouterr().out
    # the same day, score and (empty) comment in another department is another answer
    same_but_it = [("2026-02-03 10:00:00", "", "IT", "North", "1-3 years", 9, "Good team, fair pay")]
    assert main(["import", str(export(tmp_path / "b.csv", HEADERS["en"], same_but_it)), str(book)]) == 0
    assert "answers added         1" in capsys.readouterr().out
    assert len(respondents(book)) == 4


def test_a_question_about_the_team_is_no_team_column(tmp_path, capsys):
    header = HEADERS["en"][:3] + ["How satisfied are you with your team?"] + HEADERS["en"][4:]
    rows = [(d, e, dep, "Very satisfied", y, s, c) for d, e, dep, _, y, s, c in ROWS]
    book = tmp_path / "enps.xlsx"
    main(["new", str(book), "--employee"])
    assert main(["import", str(export(tmp_path / "q.csv", header, rows)), str(book)]) == 0
    assert "Team        <-" not in capsys.readouterr().out
    assert {r["Team"] for r in respondents(book)} == {None}
    # named with --team it is taken as the user says
    book2 = tmp_path / "enps2.xlsx"
    main(["new", str(book2), "--employee"])
    assert main(["import", str(tmp_path / "q.csv"), str(book2), "--team", "How satisfied are you with your team?"]) == 0
    assert {r["Team"] for r in respondents(book2)} == {"Very satisfied"}


def test_a_customer_book_stores_no_department(tmp_path, capsys):
    book = fill_respondents(tmp_path / "c.xlsx", [answer(None, None)][:0])
    assert main(["import", str(export(tmp_path / "c.csv", HEADERS["en"])), str(book)]) == 0
    printed = capsys.readouterr().out
    assert 'Department     column C "Department": not stored (the workbook has no such column' in printed
    assert "Department" not in respondents(book)[0]
    assert [r["Respondent"] for r in respondents(book)] == ["a@x.example", "b@x.example", "c@x.example"]


def test_imported_groups_reach_the_report(tmp_path):
    rows = [(f"2026-02-{1 + i % 20:02d} 10:00:00", "", ("Sales", "IT")[i % 2], "", "", (9, 10, 6, 8, 3)[i % 5], "")
            for i in range(24)]
    book = tmp_path / "enps.xlsx"
    main(["new", str(book), "--employee"])
    assert main(["import", str(export(tmp_path / "e.csv", HEADERS["en"], rows)), str(book)]) == 0
    assert main(["refresh", str(book)]) == 0
    ws = openpyxl.load_workbook(book)["2026 Q1"]
    cells = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    assert "eNPS by department" in cells and "Sales" in cells and "IT" in cells
