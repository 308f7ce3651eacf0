"""Regenerate the survey-export corpus in this folder and its manifest.json.

    python tests/exports/make_corpus.py            # rewrite every file and manifest.json here
    python tests/exports/make_corpus.py --check    # regenerate in a temporary folder, compare byte for byte

Every file is written from Python lists built below (fixed random seeds), and every expected
figure in manifest.json (rows, answers, promoters/passives/detractors, NPS, date range, answers
per quarter) is worked out from those same lists by `expected()`, never by reading the files back
and never with xl_nps. The xlsx files are written with openpyxl and then re-zipped with fixed
timestamps and fixed document properties, so every run gives the same bytes.

Needs only the standard library and openpyxl.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import random
import string
import sys
import tempfile
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from corpus_text import COMMENTS, COMPANIES, NAMES_EN  # noqa: E402

FIXED_ZIP_TIME = (2024, 1, 1, 0, 0, 0)
FIXED_DOC_TIME = "2024-01-01T00:00:00Z"


# --------------------------------------------------------------------------- the independent answer key

def nps_value(scores: list[int]) -> float:
    """%promoters - %detractors, to one decimal (half away from zero)."""
    n = len(scores)
    p = sum(1 for s in scores if s >= 9)
    d = sum(1 for s in scores if s <= 6)
    return float((Decimal(100 * (p - d)) / Decimal(n)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def quarter(day: dt.date) -> str:
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def expected(records: list[dict], answered_on: dt.date | None = None) -> dict:
    """The answer key of one file from the records it was written from. A record's `score` is the
    0-10 integer the row stands for (None when the row has no usable score) and its `day` the date
    the row was answered on as the file writes it (None when the row has no usable date)."""
    answers = []
    for r in records:
        day = answered_on if answered_on is not None else r.get("day")
        if r.get("score") is not None and day is not None:
            answers.append((r["score"], day))
    scores = [s for s, _ in answers]
    out = {"rows": len(records), "answers": len(answers)}
    if answers:
        days = sorted(d for _, d in answers)
        by_q: dict[str, int] = {}
        for d in days:
            by_q[quarter(d)] = by_q.get(quarter(d), 0) + 1
        out.update({
            "promoters": sum(1 for s in scores if s >= 9),
            "passives": sum(1 for s in scores if 7 <= s <= 8),
            "detractors": sum(1 for s in scores if s <= 6),
            "nps": nps_value(scores),
            "first_date": days[0].isoformat(),
            "last_date": days[-1].isoformat(),
            "answers_by_quarter": by_q,
        })
    return out


# --------------------------------------------------------------------------- shared makers

SCORE_WEIGHTS = [2, 1, 1, 2, 2, 4, 5, 9, 13, 15, 12]   # 0..10


def scores(rng: random.Random, n: int, weights=SCORE_WEIGHTS) -> list[int]:
    return rng.choices(range(11), weights=weights, k=n)


def moments(rng: random.Random, n: int, start: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
    """n sorted moments between start and end, mostly in working hours (7:00-21:59), a few at night."""
    days = (end.date() - start.date()).days
    out = []
    while len(out) < n:
        day = start.date() + dt.timedelta(days=rng.randrange(days + 1))
        hour = rng.randrange(24) if rng.random() < 0.08 else rng.randrange(7, 22)
        t = dt.datetime.combine(day, dt.time(hour, rng.randrange(60), rng.randrange(60)))
        if start <= t <= end:
            out.append(t)
    return sorted(out)


def comment(rng: random.Random, lang: str, blank_rate=0.2) -> str:
    return "" if rng.random() < blank_rate else rng.choice(COMMENTS[lang])


def token(rng: random.Random, n: int, alphabet=string.ascii_lowercase + string.digits) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def blanks(rng: random.Random, n: int, k: int) -> set[int]:
    """k row numbers (never the first three, so a reader looking at the top rows sees real answers)."""
    return set(rng.sample(range(3, n), k))


def email_of(name: str, domain: str) -> str:
    return name.lower().replace(" ", ".").replace("'", "") + "@" + domain


def twelve_hour(t: dt.datetime, am: str, pm: str) -> str:
    h = t.hour % 12 or 12
    return f"{h}:{t:%M:%S} {am if t.hour < 12 else pm}"


def write_csv(path: Path, rows: list[list], *, encoding="utf-8", delimiter=",", quoting=csv.QUOTE_MINIMAL,
              newline="\r\n", bom=False) -> None:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, quoting=quoting, lineterminator=newline).writerows(
        [["" if v is None else str(v) for v in row] for row in rows])
    data = buf.getvalue().encode(encoding)   # strict: a character the encoding lacks is a bug here
    if bom:
        data = "\ufeff".encode(encoding) + data
    path.write_bytes(data)


def write_xlsx(path: Path, sheets: list[tuple[str, list[list], dict]]) -> None:
    """sheets: (title, rows, {column index: number format}). Saved by openpyxl, then re-zipped with
    fixed entry times and fixed created/modified properties, so the bytes never change."""
    import openpyxl
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows, formats in sheets:
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
        for col, fmt in formats.items():
            for cells in ws.iter_rows(min_row=1, min_col=col + 1, max_col=col + 1):
                for cell in cells:
                    if isinstance(cell.value, (dt.datetime, dt.date)):
                        cell.number_format = fmt
    raw = io.BytesIO()
    wb.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = data.decode()
                import re
                text = re.sub(r"(<dcterms:created[^>]*>)[^<]*(</dcterms:created>)", rf"\g<1>{FIXED_DOC_TIME}\g<2>", text)
                text = re.sub(r"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rf"\g<1>{FIXED_DOC_TIME}\g<2>", text)
                data = text.encode()
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            new.writestr(entry, data)
    path.write_bytes(out.getvalue())


# --------------------------------------------------------------------------- the files
# Each maker writes its file(s) into `folder` and returns manifest entries.

def entry(file, imitates, source, columns, records, *, encoding, header_rows=1, delimiter=",", outcome="ok",
          refusal_mentions=(), warn_about=(), options=None, column_index=None, notes="", answered_on=None,
          sheet=None, also_accepted=None):
    exp = {"outcome": outcome, "refusal_mentions": list(refusal_mentions), "columns": columns,
           "warn_about": list(warn_about), "encoding": encoding, "header_rows": header_rows}
    if delimiter is not None:
        exp["delimiter"] = delimiter
    if sheet is not None:
        exp["sheet"] = sheet
    if column_index is not None:
        exp["column_index"] = column_index
    if also_accepted:
        exp["also_accepted"] = also_accepted
    key = expected(records, answered_on)
    if outcome == "refused":
        key = {"rows": key["rows"], "answers": 0}
    exp.update(key)
    e = {"file": file, "imitates": imitates, "source_of_shape": source, "expect": exp, "options": options or {}}
    if notes:
        e["notes"] = notes
    return e


def cols(score, date, comment=None, respondent=None, company=None, segment=None):
    return {"score": score, "date": date, "comment": comment, "respondent": respondent,
            "company": company, "segment": segment}


# 1 ------------------------------------------------------------------- Google Forms, English

SRC_FORMS_DOWNLOAD = ("Google Forms > Responses > Download responses (.csv): every field quoted, empty answers as \"\", "
                      "timestamp '2026/06/14 10:10:09 AM GMT+1' as in a public Laravel test fixture found through the "
                      "search index (find_string '\"Timestamp\",\"' ... 'AM GMT+1'); Spanish 'p. m. GMT-3' in "
                      "caidevOficial/Python_RepoClonerCopyDetector Github_Repositories.csv")


def google_forms_en(folder: Path) -> list[dict]:
    rng = random.Random(101)
    n = 40
    q_score = "How likely are you to recommend Acme Analytics to a friend or colleague?"
    q_reason = "What is the main reason for your score?"
    q_plan = "Which plan are you on?"
    q_rate = "How would you rate our onboarding? (1 = very poor, 5 = excellent)"
    q_feat = "Which features do you use? (select all that apply)"
    header = ["Timestamp", "Email Address", q_score, q_reason, q_plan, q_rate, q_feat]
    when = moments(rng, n, dt.datetime(2024, 2, 12, 8), dt.datetime(2024, 5, 10, 18))
    sc = scores(rng, n)
    skip = blanks(rng, n, 3)
    rows, records = [header], []
    for i in range(n):
        t = when[i]
        name = rng.choice(NAMES_EN)
        score = None if i in skip else sc[i]
        feats = ";".join(sorted(rng.sample(["Dashboards", "Alerts", "Scheduled reports", "API", "Mobile app"],
                                           rng.randint(1, 3))))
        rows.append([f"{t:%Y/%m/%d} {twelve_hour(t, 'AM', 'PM')} GMT+1", email_of(name, "example.com"),
                     "" if score is None else score, comment(rng, "en"),
                     rng.choice(["Starter", "Team", "Business", "Enterprise"]), rng.randint(1, 5), feats])
        records.append({"score": score, "day": t.date()})
    write_csv(folder / "google_forms_en.csv", rows, quoting=csv.QUOTE_ALL, newline="\n")
    return [entry("google_forms_en.csv", "Google Forms CSV download (English UI), form with email collection",
                  SRC_FORMS_DOWNLOAD, cols(q_score, "Timestamp", q_reason, "Email Address"), records,
                  encoding="utf-8",
                  notes="1-5 rating column (values 1..5) and a checkbox column joined with ';' must not be taken "
                        "as the score; 3 rows left the score blank. Date = the date as written (GMT+1 local).")]


# 2 ------------------------------------------------------------------- Google Forms, Spanish (download)

def google_forms_es(folder: Path) -> list[dict]:
    rng = random.Random(102)
    n = 36
    q_score = "¿Qué tan probable es que recomiendes Nubeo a un amigo o colega?"
    q_why = "¿Por qué?"
    header = ["Marca temporal", "Dirección de correo electrónico", q_score, q_why, "Empresa", "¿Qué plan usas?"]
    when = moments(rng, n, dt.datetime(2024, 3, 1, 7), dt.datetime(2024, 6, 28, 22))
    sc = scores(rng, n)
    skip = blanks(rng, n, 2)
    rows, records = [header], []
    for i in range(n):
        t = when[i]
        score = None if i in skip else sc[i]
        company = rng.choice(COMPANIES["es"])
        rows.append([f"{t:%Y/%m/%d} {twelve_hour(t, 'a. m.', 'p. m.')} GMT-3",
                     f"contacto{i + 1}@" + company.split()[0].lower().replace("ñ", "n").replace("í", "i") + ".com.ar",
                     "" if score is None else score, comment(rng, "es"), company,
                     rng.choice(["Básico", "Pro", "Corporativo"])])
        records.append({"score": score, "day": t.date()})
    write_csv(folder / "google_forms_es.csv", rows, quoting=csv.QUOTE_ALL, newline="\n")
    return [entry("google_forms_es.csv", "Google Forms CSV download, Spanish (Argentina) UI",
                  SRC_FORMS_DOWNLOAD, cols(q_score, "Marca temporal", q_why, "Dirección de correo electrónico",
                                           "Empresa"), records, encoding="utf-8",
                  notes="Timestamp '2024/03/05 10:15:32 p. m. GMT-3': 12-hour clock with 'a. m.'/'p. m.' "
                        "(a public 2026 export writes 'p.m.' without the space; both occur). "
                        "Column 'Empresa' is the company; '¿Qué plan usas?' is not.")]


# 3 ------------------------------------------------------------------- Google Sheets CSV downloads

def google_sheets_es_csv(folder: Path) -> list[dict]:
    rng = random.Random(103)
    n = 30
    q_score = "¿Qué tan probable es que recomiendes Nubeo a un amigo o colega?"
    q_why = "¿Por qué?"
    header = ["Marca temporal", "Dirección de correo electrónico", q_score, q_why, "Empresa",
              "¿Qué funciones usas? (marca todas las que correspondan)"]
    when = moments(rng, n, dt.datetime(2024, 1, 3, 7), dt.datetime(2024, 4, 27, 22))
    sc = scores(rng, n)
    skip = blanks(rng, n, 2)
    rows, records = [header], []
    for i in range(n):
        t = when[i]
        score = None if i in skip else sc[i]
        feats = ", ".join(sorted(rng.sample(["Reportes", "Alertas", "Facturación", "App móvil"], rng.randint(1, 3))))
        rows.append([f"{t:%d/%m/%Y %H:%M:%S}", f"cliente{i + 1}@correo.es", "" if score is None else score,
                     comment(rng, "es"), rng.choice(COMPANIES["es"]), feats])
        records.append({"score": score, "day": t.date()})
    write_csv(folder / "google_sheets_es.csv", rows)
    return [entry("google_sheets_es.csv", "Google Sheets File > Download > CSV of a Spanish-locale form response sheet",
                  "Sheets CSV download with minimal quoting and checkbox answers joined by ', ' as in "
                  "alan-turing-institute/AutisticaCitizenScience community-recommendations/GoogleFormResponses.csv; "
                  "day-first '%d/%m/%Y %H:%M:%S' for 'Marca temporal' as parsed by a public script found via "
                  "find_string 'Marca temporal' (datetime.strptime(marca, \"%d/%m/%Y %H:%M:%S\"))",
                  cols(q_score, "Marca temporal", q_why, "Dirección de correo electrónico", "Empresa"),
                  records, encoding="utf-8",
                  notes="Day-first dates; several days are above 12, so day and month can be told apart. "
                        "Reading them month-first moves answers to other quarters (see answers_by_quarter).")]


def google_sheets_en_csv(folder: Path) -> list[dict]:
    rng = random.Random(104)
    n = 28
    q_score = "On a scale of 0-10, how likely are you to recommend Brightdesk to a friend or colleague?"
    q_reason = "Tell us why you chose that score"
    header = ["Timestamp", "Email address", "Company", q_score, q_reason,
              "What do you use Brightdesk for? (check all that apply)"]
    when = moments(rng, n, dt.datetime(2024, 9, 2, 8), dt.datetime(2024, 12, 20, 18))
    sc = scores(rng, n)
    skip = blanks(rng, n, 2)
    rows, records = [header], []
    for i in range(n):
        t = when[i]
        score = None if i in skip else sc[i]
        company = rng.choice(COMPANIES["en"])
        uses = ", ".join(sorted(rng.sample(["Ticketing", "Live chat", "Knowledge base", "Reporting"], rng.randint(1, 2))))
        rows.append([f"{t.month}/{t.day}/{t.year} {t.hour}:{t:%M:%S}", f"user{i + 1}@customer{i % 7}.com", company,
                     "" if score is None else score, comment(rng, "en"), uses])
        records.append({"score": score, "day": t.date()})
    write_csv(folder / "google_sheets_en.csv", rows)
    return [entry("google_sheets_en.csv", "Google Sheets File > Download > CSV of an English (US) form response sheet",
                  "alan-turing-institute/AutisticaCitizenScience 'community-recommendations/Autistica_Turing Citizen "
                  "Science Platform (Responses) - Form Responses 1.csv': header 'Timestamp', dates '8/21/2019 13:10:31' "
                  "(M/D/YYYY H:MM:SS, 24-hour, no zero padding), minimal quoting, multi-line answers quoted",
                  cols(q_score, "Timestamp", q_reason, "Email address", "Company"), records, encoding="utf-8",
                  notes="Month-first without zero padding; Sheets writes 'Email address' (lower-case a) where the "
                        "Forms download writes 'Email Address'.")]


# 3b ------------------------------------------------------------------ Google Sheets xlsx downloads

def google_sheets_xlsx(folder: Path) -> list[dict]:
    out = []
    for lang, fname, sheet, seed in (("en", "google_sheets_form_responses_en.xlsx", "Form Responses 1", 105),
                                     ("es", "google_sheets_respuestas_es.xlsx", "Respuestas de formulario 1", 106)):
        rng = random.Random(seed)
        n = 32
        if lang == "en":
            q_score = "How likely is it that you would recommend Orbitly to a friend or colleague?"
            q_reason = "What is the most important reason for your score?"
            header = ["Timestamp", "Email Address", q_score, q_reason, "Company name", "How long have you used Orbitly?"]
            tenure = ["Less than 6 months", "6-12 months", "1-2 years", "More than 2 years"]
            fmt = "m/d/yyyy h:mm:ss"
            cols_ = cols(q_score, "Timestamp", q_reason, "Email Address", "Company name")
        else:
            q_score = "¿Con qué probabilidad recomendarías Orbitly a un amigo o colega?"
            q_reason = "¿Cuál es el motivo principal de tu puntuación?"
            header = ["Marca temporal", "Dirección de correo electrónico", q_score, q_reason, "Nombre de la empresa",
                      "¿Cuánto tiempo llevas usando Orbitly?"]
            tenure = ["Menos de 6 meses", "6-12 meses", "1-2 años", "Más de 2 años"]
            fmt = "d/m/yyyy h:mm:ss"
            cols_ = cols(q_score, "Marca temporal", q_reason, "Dirección de correo electrónico", "Nombre de la empresa")
        when = moments(rng, n, dt.datetime(2025, 1, 6, 8), dt.datetime(2025, 6, 27, 19))
        sc = scores(rng, n)
        skip = blanks(rng, n, 2)
        rows, records = [header], []
        for i in range(n):
            t = when[i]
            score = None if i in skip else sc[i]
            rows.append([t, f"r{i + 1}@cliente{i % 9}.example", score, comment(rng, lang) or None,
                         rng.choice(COMPANIES[lang]), rng.choice(tenure)])
            records.append({"score": score, "day": t.date()})
        write_xlsx(folder / fname, [(sheet, rows, {0: fmt})])
        out.append(entry(fname, f"Google Sheets File > Download > Microsoft Excel (.xlsx) of a form response sheet ({lang})",
                         "Sheet names 'Form Responses 1' / 'Respuestas de formulario 1' as Google Forms names the "
                         "linked sheet (seen in public Apps Script code, e.g. setName(\"Form Responses 1\")); the "
                         "timestamp is a real date-time cell, scores are number cells. Cell styles are openpyxl's, "
                         "not Google's.",
                         cols_, records, encoding=None, delimiter=None, sheet=sheet,
                         notes="Timestamp cells are datetimes (no text to parse); blank answers are empty cells."))
    return out


# 4 ------------------------------------------------------------------- Typeform

SRC_TYPEFORM = ("Typeform Results > Download (CSV): first column '#' (response token, 32 lower-case letters and "
                "digits), question columns, then 'Response Type','Start Date (UTC)','Stage Date (UTC)',"
                "'Submit Date (UTC)','Network ID','Tags' (and 'Ending' in newer exports), dates "
                "'2025-02-22 17:15:19', newest response first, phone numbers with a leading apostrophe; seen in a real "
                "export embedded in a public chatbot prompt (find_string 'Submit Date (UTC),Network ID') and in a "
                "Laravel importer test ('...,Response Type,Start Date (UTC),Stage Date (UTC),Submit Date (UTC),"
                "Network ID,Tags,Ending'). Yes/No answers exported as 1/0: not verified in any stored copy.")


def typeform_rows(rng, n, start, end, *, crossing=()):
    """Start/submit pairs, newest first. `crossing`: submit moments that get a start a few minutes
    before midnight of the previous day."""
    submits = moments(rng, n - len(crossing), start, end) + list(crossing)
    pairs = []
    for s in submits:
        if s in crossing:
            st = s - dt.timedelta(minutes=rng.randint(6, 15), seconds=rng.randint(0, 59))
        else:
            st = s - dt.timedelta(seconds=rng.randint(40, 600))
        pairs.append((st, s))
    pairs.sort(key=lambda p: p[1], reverse=True)
    return pairs


def typeform_yes_no(folder: Path) -> list[dict]:
    rng = random.Random(107)
    n = 24
    q_rec = "Would you recommend Parcelly to a colleague?"
    header = ["#", "What's your company called?", q_rec, "Anything we could do better?", "What's your phone number?",
              "Response Type", "Start Date (UTC)", "Stage Date (UTC)", "Submit Date (UTC)", "Network ID", "Tags"]
    rows, records = [header], []
    for st, sub in typeform_rows(rng, n, dt.datetime(2024, 10, 1), dt.datetime(2024, 12, 15)):
        yes = 1 if rng.random() < 0.75 else 0
        rows.append([token(rng, 32), rng.choice(COMPANIES["en"]), yes, comment(rng, "en", 0.35),
                     "'+1 555 01" + "".join(rng.choice(string.digits) for _ in range(2)),
                     "completed", f"{st:%Y-%m-%d %H:%M:%S}", "", f"{sub:%Y-%m-%d %H:%M:%S}", token(rng, 10, "0123456789abcdef"), ""])
        records.append({"score": None, "day": sub.date()})
    write_csv(folder / "typeform_yes_no.csv", rows, newline="\n")
    return [entry("typeform_yes_no.csv", "Typeform CSV download of a form whose only recommend question is Yes/No",
                  SRC_TYPEFORM, cols(None, "Submit Date (UTC)", "Anything we could do better?", "#",
                                     "What's your company called?"), records,
                  encoding="utf-8", outcome="refused", refusal_mentions=["--score"],
                  notes="'Would you recommend Parcelly to a colleague?' holds only 1 and 0 (Yes/No). It is not a 0-10 "
                        "score: refuse, saying no 0-10 score column was found and how to name one with --score. "
                        "Taking it would report every 'No' as a detractor and every 'Yes' as a detractor too.")]


def typeform_opinion_scale(folder: Path) -> list[dict]:
    rng = random.Random(108)
    n = 30
    q_score = "On a scale from 0 to 10, how likely are you to recommend Parcelly to a friend or colleague?"
    q_why = "What's the main reason for your score?"
    header = ["#", "First, what's your name?", "And which company are you with?", q_score, q_why,
              "How did you hear about us?", "Response Type", "Start Date (UTC)", "Stage Date (UTC)",
              "Submit Date (UTC)", "Network ID", "Tags", "Ending"]
    # three answers started before midnight and submitted after: one of them across the Q1/Q2 boundary
    crossing = [dt.datetime(2025, 4, 1, 0, 3, 12), dt.datetime(2025, 2, 15, 0, 1, 40), dt.datetime(2025, 5, 20, 0, 7, 5)]
    pairs = typeform_rows(rng, n, dt.datetime(2025, 1, 8), dt.datetime(2025, 6, 20), crossing=crossing)
    sc = scores(rng, n)
    partial = [i for i, (_, sub) in enumerate(pairs) if sub not in crossing and i >= 4][::11][:2]
    rows, records = [header], []
    for i, (st, sub) in enumerate(pairs):
        name = rng.choice(NAMES_EN)
        if i in partial:   # left after the company question: no score, no submit date
            rows.append([token(rng, 32), name.split()[0], rng.choice(COMPANIES["en"]), "", "", "", "partial",
                         f"{st:%Y-%m-%d %H:%M:%S}", f"{st + dt.timedelta(seconds=35):%Y-%m-%d %H:%M:%S}", "",
                         token(rng, 10, "0123456789abcdef"), "", ""])
            records.append({"score": None, "day": None})
            continue
        score = sc[i]
        rows.append([token(rng, 32), name.split()[0], rng.choice(COMPANIES["en"]), score, comment(rng, "en"),
                     rng.choice(["Google", "A colleague", "LinkedIn", "Podcast", "Other"]), "completed",
                     f"{st:%Y-%m-%d %H:%M:%S}", "", f"{sub:%Y-%m-%d %H:%M:%S}", token(rng, 10, "0123456789abcdef"),
                     "", "default_tys"])
        records.append({"score": score, "day": sub.date()})
    write_csv(folder / "typeform_opinion_scale.csv", rows, newline="\n")
    return [entry("typeform_opinion_scale.csv", "Typeform CSV download with a 0-10 Opinion Scale question",
                  SRC_TYPEFORM, cols(q_score, "Submit Date (UTC)", q_why, "#", "And which company are you with?"),
                  records, encoding="utf-8",
                  notes="Date = Submit Date (UTC), not Start Date: three rows start before midnight and are submitted "
                        "after it, one of them on 2025-04-01 after starting on 2025-03-31 (a quarter apart). Two "
                        "'partial' rows have no score and no Submit Date; 'Stage Date (UTC)' is filled only for them.")]


# 5 ------------------------------------------------------------------- "Recommend" column of Likert text

def likert_recommend(folder: Path) -> list[dict]:
    rng = random.Random(109)
    n = 26
    header = ["ResponseDate", "AccountName", "Segment", "Recommend", "LikelyToRecommend", "Comments"]
    likert = ["Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree"]
    when = moments(rng, n, dt.datetime(2025, 7, 1, 9), dt.datetime(2025, 9, 30, 17))
    sc = scores(rng, n)
    skip = blanks(rng, n, 1)
    rows, records = [header], []
    for i in range(n):
        score = None if i in skip else sc[i]
        lik = likert[0 if (score or 0) >= 9 else 1 if (score or 0) >= 7 else rng.randint(2, 4)]
        rows.append([f"{when[i]:%Y-%m-%d}", rng.choice(COMPANIES["en"]), rng.choice(["SMB", "Mid-Market", "Enterprise"]),
                     lik, "" if score is None else score, comment(rng, "en", 0.3)])
        records.append({"score": score, "day": when[i].date()})
    write_csv(folder / "likert_recommend.csv", rows)
    return [entry("likert_recommend.csv",
                  "CRM/BI report export where 'Recommend' is an agreement statement ('I would recommend us': "
                  "Strongly agree ... Strongly disagree) and the 0-10 question is 'LikelyToRecommend'",
                  "Shape defined by the brief (no public source: column names imitate a CamelCase report export)",
                  cols("LikelyToRecommend", "ResponseDate", "Comments", None, "AccountName", "Segment"),
                  records, encoding="utf-8",
                  notes="A column named exactly 'Recommend' must lose to the 0-10 column: it holds Likert text.")]


# 6 ------------------------------------------------------------------- SurveyMonkey CSV + xlsx

SM_META = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name",
           "Last Name", "Custom Data 1"]
SM_Q_SCORE = "How likely is it that you would recommend Fieldnote to a friend or colleague?"
SM_Q_WHY = "What is the primary reason for your score?"
SM_Q_CONTACT = "Please tell us about yourself."
SM_Q_SIZE = "How many people in your organization use Fieldnote?"
SM_Q_RANK = "Please rank the following features in order of importance to you."
SM_Q_PLAN = "Which plan is your team on?"
SM_RANK_OPTIONS = ["Dashboards", "Alerts", "Integrations", "Mobile app"]


def surveymonkey_data(rng: random.Random, n: int):
    when = moments(rng, n - 1, dt.datetime(2024, 4, 2, 8), dt.datetime(2024, 8, 30, 20))
    when.append(dt.datetime(2024, 6, 30, 23, 57, 31))   # started 30 June, ended 1 July: End Date decides
    when.sort(reverse=True)                               # newest first
    sc = scores(rng, n)
    skip = blanks(rng, n, 2)
    rid = 114920000000 + n * 9173
    data, records = [], []
    for i, st in enumerate(when):
        en = st + dt.timedelta(seconds=rng.randint(60, 420))
        score = None if i in skip else sc[i]
        name = rng.choice(NAMES_EN)
        ranks = rng.sample(range(1, len(SM_RANK_OPTIONS) + 1), len(SM_RANK_OPTIONS))
        size = rng.choice([1, 2, 5, 5, 8, 12, 25, 40, 150, 1200])
        data.append({"rid": rid - i * rng.randint(3000, 90000), "collector": 434920187, "start": st, "end": en,
                     "ip": f"{rng.randint(20, 220)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
                     "score": score, "why": comment(rng, "en"), "name": name, "company": rng.choice(COMPANIES["en"]),
                     "email": email_of(name, "example.org"), "size": size, "ranks": ranks,
                     "plan": rng.choice(["Free", "Standard", "Premier"])})
        records.append({"score": score, "day": en.date()})
    return data, records


def sm_time(t: dt.datetime) -> str:
    return f"{t:%m/%d/%Y} {t.hour % 12 or 12:02d}:{t:%M:%S} {'AM' if t.hour < 12 else 'PM'}"


SRC_SM = ("Two header rows as in ajturner/dc-elections: its parser src comment ('Row 1: Respondent ID,Collector ID,"
          "Start Date,End Date,IP Address,Email Address,First Name,Last Name,Custom Data 1,Contact information,,,,...'; "
          "'Row 2: ,,,,,,,,,Name,Email,...,Response,Response,Open-Ended Response,...') and assets/2022_anc.csv (a real "
          "export: question text only above a group's first column, option labels in row 2, ranking answers 1..k and "
          "N/A, newest respondent first). Date format 'MM/DD/YYYY hh:mm:ss AM' not verified in a stored copy.")


def surveymonkey(folder: Path) -> list[dict]:
    rng = random.Random(110)
    n = 34
    data, records = surveymonkey_data(rng, n)
    row1 = SM_META + [SM_Q_SCORE, SM_Q_WHY, SM_Q_CONTACT, "", "", SM_Q_SIZE, SM_Q_RANK, "", "", "", SM_Q_PLAN]
    row2 = [""] * len(SM_META) + ["Response", "Open-Ended Response", "Name", "Company", "Email Address", "Response"] \
        + SM_RANK_OPTIONS + ["Response"]
    rows = [row1, row2]
    for d in data:
        rows.append([d["rid"], d["collector"], sm_time(d["start"]), sm_time(d["end"]), d["ip"], "", "", "", "",
                     "" if d["score"] is None else d["score"], d["why"], d["name"], d["company"], d["email"], d["size"],
                     *d["ranks"], d["plan"]])
    write_csv(folder / "surveymonkey.csv", rows)
    index = {"score": 9, "date": 3, "comment": 10, "respondent": 13, "company": 12, "segment": None}
    columns = cols([SM_Q_SCORE, "Response"], ["End Date", ""], [SM_Q_WHY, "Open-Ended Response"],
                   [SM_Q_CONTACT, "Email Address"], [SM_Q_CONTACT, "Company"])
    notes = ("Headers are given as [row 1, row 2], row 1 carried right over a question's blank cells; column_index is "
             "0-based. Row 2 ('Response', option labels) is never an answer. 'How many people in your organization "
             "use Fieldnote?' holds head counts (1 ... 1200): never the company, never the score. The four ranking "
             "columns hold 1..4, each once per respondent: not a score. Date = End Date: one respondent started "
             "06/30/2024 11:57 PM and ended on 07/01/2024. Email Address/First Name/Last Name/Custom Data 1 are empty "
             "(web link collector); the respondent's e-mail is the contact question's Email Address, filled in every row.")
    out = [entry("surveymonkey.csv", "SurveyMonkey Analyze > Export > All responses data > CSV (actual answer text)",
                 SRC_SM, columns, records, encoding="utf-8", header_rows=2, column_index=index, notes=notes)]

    # the same survey as xlsx, a different sample of respondents
    rng = random.Random(111)
    data, records = surveymonkey_data(rng, 22)
    row1x = list(row1)
    row1x[row1x.index(SM_Q_SIZE)] = "How many people in your organization use Fieldnote? (Don&apos;t count guests.)"
    rows = [row1x, row2]
    for d in data:
        rows.append([d["rid"], d["collector"], d["start"], d["end"], d["ip"], None, None, None, None, d["score"],
                     d["why"] or None, d["name"], d["company"], d["email"], d["size"], *d["ranks"], d["plan"]])
    write_xlsx(folder / "surveymonkey.xlsx", [("Sheet", rows, {2: "mm/dd/yyyy hh:mm:ss AM/PM", 3: "mm/dd/yyyy hh:mm:ss AM/PM"})])
    out.append(entry("surveymonkey.xlsx", "SurveyMonkey Analyze > Export > All responses data > XLS+ (xlsx)",
                     SRC_SM + " The HTML entity '&apos;' left in a question text follows a public script reading a "
                     "SurveyMonkey xlsx (find_string '\"Respondent ID\",\"Collector ID\",\"Start Date\"': column "
                     "'What was yesterday&apos;s date? ...'). Sheet name 'Sheet' and date cells as real datetimes: "
                     "not verified.",
                     columns, records, encoding=None, delimiter=None, header_rows=2, column_index=index, sheet="Sheet",
                     notes=notes))
    return out


# 7 ------------------------------------------------------------------- Qualtrics

Q_META = ["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished", "RecordedDate",
          "ResponseId", "RecipientLastName", "RecipientFirstName", "RecipientEmail", "ExternalReference",
          "LocationLatitude", "LocationLongitude", "DistributionChannel", "UserLanguage"]
Q_META_TEXT = ["Start Date", "End Date", "Response Type", "IP Address", "Progress", "Duration (in seconds)", "Finished",
               "Recorded Date", "Response ID", "Recipient Last Name", "Recipient First Name", "Recipient Email",
               "External Data Reference", "Location Latitude", "Location Longitude", "Distribution Channel",
               "User Language"]
Q_META_IMPORT = ["startDate", "endDate", "status", "ipAddress", "progress", "duration", "finished", "recordedDate",
                 "_recordId", "recipientLastName", "recipientFirstName", "recipientEmail", "externalDataReference",
                 "locationLatitude", "locationLongitude", "distributionChannel", "userLanguage"]


def q_import(key: str, tz: str | None = None) -> str:
    return json.dumps({"ImportId": key, **({"timeZone": tz} if tz else {})}, separators=(",", ":"))


def response_id(rng) -> str:
    return "R_" + token(rng, 15, string.ascii_letters + string.digits)


SRC_QUALTRICS = ("Three header rows (export tags; question texts; {\"ImportId\":...} JSON) as in a Qualtrics tutorial "
                 "export found via find_string '\"{\"\"ImportId\"\":\"\"startDate\"\"' (rows 'StartDate,EndDate,"
                 "Status,Progress,...' / 'Start Date,End Date,Response Type,...' / JSON; data '2025-07-01 11:13:44,"
                 "...,IP Address,100,34,True,...,R_5rYfeErcBsS3nsJ'); metadata column list as in gist "
                 "drio/1b79aeccdaeb9a227782803c012d04b9; QIDn_NPS_GROUP beside QIDn as in a public API record "
                 "('QID2_NPS_GROUP': 2, 'QID2': 8). Row-2 text of the group column and the UTF-8 BOM: from memory, "
                 "not verified.")


def qualtrics_numeric(folder: Path) -> list[dict]:
    rng = random.Random(112)
    n = 40
    q_prod = "Which Helio product do you use most?"
    q_score = "How likely are you to recommend Helio to a friend or colleague?"
    q_why = "What is the primary reason for your score?"
    row1 = Q_META + ["Q1", "Q2_NPS_GROUP", "Q2", "Q3", "Company", "Segment"]
    row2 = Q_META_TEXT + [q_prod, f"{q_score} - Group", q_score, q_why, "Company", "Segment"]
    row3 = [q_import(k, "America/Denver" if k in ("startDate", "endDate", "recordedDate") else None) for k in Q_META_IMPORT] \
        + [q_import("QID1"), q_import("QID2_NPS_GROUP"), q_import("QID2"), q_import("QID3_TEXT"), q_import("Company"),
           q_import("Segment")]
    when = moments(rng, n, dt.datetime(2025, 2, 3, 7), dt.datetime(2025, 5, 29, 21))
    sc = scores(rng, n)
    unfinished = blanks(rng, n, 3)
    rows, records = [row1, row2, row3], []
    for i, st in enumerate(when):
        dur = rng.randint(45, 400)
        en = st + dt.timedelta(seconds=dur)
        rec = en + dt.timedelta(seconds=1)
        done = i not in unfinished
        score = sc[i] if done else None
        group = "" if score is None else (1 if score <= 6 else 2 if score <= 8 else 3)
        rows.append([f"{st:%Y-%m-%d %H:%M:%S}", f"{en:%Y-%m-%d %H:%M:%S}", 0,
                     f"{rng.randint(20, 220)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
                     100 if done else rng.choice([20, 40]), dur, 1 if done else 0, f"{rec:%Y-%m-%d %H:%M:%S}",
                     response_id(rng), "", "", "", "", f"{rng.uniform(30, 48):.4f}", f"{rng.uniform(-122, -75):.4f}",
                     "anonymous", "EN", rng.randint(1, 4), group, "" if score is None else score,
                     comment(rng, "en") if done else "", rng.choice(COMPANIES["en"]),
                     rng.choice(["SMB", "Mid-Market", "Enterprise"])])
        records.append({"score": score, "day": en.date()})
    write_csv(folder / "qualtrics_numeric.csv", rows, bom=True)
    h = lambda i: [row1[i], row2[i], row3[i]]  # noqa: E731
    return [entry("qualtrics_numeric.csv", "Qualtrics Data & Analysis > Export > CSV, 'Use numeric values'",
                  SRC_QUALTRICS,
                  cols(h(row1.index("Q2")), h(1), h(row1.index("Q3")), h(8), h(row1.index("Company")),
                       h(row1.index("Segment"))),
                  records, encoding="utf-8-sig", header_rows=3, also_accepted={"date": [h(7)]},
                  column_index={"score": row1.index("Q2"), "date": 1, "comment": row1.index("Q3"), "respondent": 8,
                                "company": row1.index("Company"), "segment": row1.index("Segment")},
                  notes="Headers are [row 1, row 2, row 3]. Rows 2 and 3 are never answers. Q2_NPS_GROUP holds 1/2/3 "
                        "(detractor/passive/promoter) and its row-2 text contains the recommend question: never the "
                        "score, no warning about it. Q1 holds choice codes 1..4: not a score. Date: EndDate; "
                        "RecordedDate is one second later and on the same day for every row, so either gives the same "
                        "answer key. Status 0 = 'IP Address' (a normal response). Three unfinished responses "
                        "(Finished 0) have no score.")]


def qualtrics_choice_text_labels(folder: Path) -> list[dict]:
    rng = random.Random(113)
    n = 30
    q_score = "How likely is it that you would recommend Helio Support to a friend or colleague?"
    q_why = "Please tell us why."
    labels = {0: "0 - Not at all likely", 10: "10 - Extremely likely"}
    row1 = Q_META + ["Q5", "Q6", "Q7"]
    row2 = Q_META_TEXT + [q_score, q_why, "Which region are you in?"]
    row3 = [q_import(k, "America/Denver" if k in ("startDate", "endDate", "recordedDate") else None) for k in Q_META_IMPORT] \
        + [q_import("QID5"), q_import("QID6_TEXT"), q_import("QID7")]
    when = moments(rng, n, dt.datetime(2025, 8, 4, 7), dt.datetime(2025, 11, 14, 21))
    sc = scores(rng, n, weights=[4, 1, 1, 1, 2, 3, 4, 8, 11, 12, 12])
    skip = blanks(rng, n, 2)
    rows, records = [row1, row2, row3], []
    for i, st in enumerate(when):
        dur = rng.randint(30, 300)
        en = st + dt.timedelta(seconds=dur)
        score = None if i in skip else sc[i]
        rows.append([f"{st:%Y-%m-%d %H:%M:%S}", f"{en:%Y-%m-%d %H:%M:%S}", "IP Address",
                     f"{rng.randint(20, 220)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
                     100, dur, "True", f"{en + dt.timedelta(seconds=1):%Y-%m-%d %H:%M:%S}", response_id(rng),
                     "", "", "", "", "", "", "anonymous", "EN",
                     "" if score is None else labels.get(score, str(score)), comment(rng, "en"),
                     rng.choice(["North America", "EMEA", "APAC", "LATAM"])])
        records.append({"score": score, "day": en.date()})
    write_csv(folder / "qualtrics_choice_text_labels.csv", rows, bom=True)
    h = lambda i: [row1[i], row2[i], row3[i]]  # noqa: E731
    return [entry("qualtrics_choice_text_labels.csv",
                  "Qualtrics CSV export with 'Use choice text' of a 0-10 multiple-choice question whose end points "
                  "are labelled '0 - Not at all likely' and '10 - Extremely likely'",
                  SRC_QUALTRICS + " End-point labels '0 - Not at all likely'/'10 - Extremely likely': the brief; "
                  "a public Google Forms sample shows the same 'N - text' pattern ('5 - It's extremely important', "
                  "GeckoRobotics/gecko-sustainability components/Form.tsx).",
                  cols(h(row1.index("Q5")), h(1), h(row1.index("Q6")), h(8)), records, encoding="utf-8-sig",
                  header_rows=3, also_accepted={"date": [h(7)]},
                  column_index={"score": row1.index("Q5"), "date": 1, "comment": row1.index("Q6"), "respondent": 8,
                                "company": None, "segment": None},
                  notes="Scores 0 and 10 are written as their labels ('0 - Not at all likely', '10 - Extremely "
                        "likely'); 1..9 as plain numbers. Status is the text 'IP Address', Finished 'True'.")]


def qualtrics_legacy(folder: Path) -> list[dict]:
    rng = random.Random(114)
    n = 25
    q_score = "How likely is it that you would recommend Helio to a friend or colleague?"
    q_why = "Why did you give that score?"
    legacy = ["ResponseID", "ResponseSet", "Name", "ExternalDataReference", "EmailAddress", "IPAddress", "Status",
              "StartDate", "EndDate", "Finished"]
    row1 = [f"V{i}" for i in range(1, 11)] + ["Q1", "Q2", "Q3", "LocationLatitude", "LocationLongitude",
                                              "LocationAccuracy"]
    row2 = legacy + [q_score, q_why, "What is your company's name?", "LocationLatitude", "LocationLongitude",
                     "LocationAccuracy"]
    when = moments(rng, n, dt.datetime(2016, 10, 3, 8), dt.datetime(2017, 1, 27, 18))
    sc = scores(rng, n)
    skip = blanks(rng, n, 2)
    rows, records = [row1, row2], []
    for i, st in enumerate(when):
        en = st + dt.timedelta(seconds=rng.randint(40, 500))
        score = None if i in skip else sc[i]
        rows.append(["R_" + token(rng, 15, string.ascii_letters + string.digits), "Default Response Set", "Anonymous",
                     "", "", f"{rng.randint(20, 220)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
                     0, f"{st:%Y-%m-%d %H:%M:%S}", f"{en:%Y-%m-%d %H:%M:%S}", 1, "" if score is None else score,
                     comment(rng, "en"), rng.choice(COMPANIES["en"]), f"{rng.uniform(30, 48):.6f}",
                     f"{rng.uniform(-122, -75):.6f}", -1])
        records.append({"score": score, "day": en.date()})
    write_csv(folder / "qualtrics_legacy.csv", rows)
    return [entry("qualtrics_legacy.csv", "Qualtrics legacy CSV export (before 2017; 'Use legacy format'), two header rows",
                  "jamesdunham/qsurvey (R package) notes on Qualtrics header formats: legacy row 1 'V1, V2, ...' for "
                  "the first ten fields then question numbers, row 2 labels 'ResponseID', 'IPAddress', ... and "
                  "question texts; legacy rows without a JSON row. Field order of V1..V10 and the Location* tail: "
                  "from memory, not verified.",
                  cols(["Q1", q_score], ["V9", "EndDate"], ["Q2", q_why], ["V1", "ResponseID"],
                       ["Q3", "What is your company's name?"]), records, encoding="utf-8", header_rows=2,
                  column_index={"score": 10, "date": 8, "comment": 11, "respondent": 0, "company": 12, "segment": None},
                  notes="Row 1 names are meaningless (V1..V10, Q1..); the real names are in row 2. Row 2 is never "
                        "an answer.")]


# 8 ------------------------------------------------------------------- two 0-10 questions

def two_recommend_questions(folder: Path) -> list[dict]:
    rng = random.Random(115)
    n = 30
    q_prod = "How likely are you to recommend Tallyo to a friend or colleague?"
    q_sup = "How likely are you to recommend our support team to a colleague?"
    q_why = "What is the main reason for your scores?"
    header = ["Timestamp", "Email Address", "Company", q_prod, q_sup, q_why]
    when = moments(rng, n, dt.datetime(2025, 3, 3, 8), dt.datetime(2025, 5, 30, 18))
    sc = scores(rng, n)
    sup = scores(rng, n, weights=[1, 1, 1, 1, 2, 3, 4, 8, 12, 16, 18])
    skip = blanks(rng, n, 2)
    rows, records = [header], []
    for i, t in enumerate(when):
        score = None if i in skip else sc[i]
        rows.append([f"{t.month}/{t.day}/{t.year} {t.hour}:{t:%M:%S}", f"user{i + 1}@tallyo-customer.com",
                     rng.choice(COMPANIES["en"]), "" if score is None else score, sup[i], comment(rng, "en")])
        records.append({"score": score, "day": t.date()})
    write_csv(folder / "two_recommend_questions.csv", rows)
    out = [entry("two_recommend_questions.csv", "Google Sheets CSV download of a form with two 0-10 recommend questions",
                 "Sheets CSV download shape as google_sheets_en.csv (alan-turing-institute/AutisticaCitizenScience)",
                 cols(q_prod, "Timestamp", q_why, "Email Address", "Company"), records, encoding="utf-8",
                 warn_about=[q_sup],
                 notes="Both questions are 0-10 and recommend-like: take the first (the product), warn naming the "
                       "support question. The support column has answers in rows where the product score is blank; "
                       "those rows are not answers.")]

    rng = random.Random(116)
    n = 28
    q_sat = "Overall, how satisfied are you with Tallyo? (0 = not at all satisfied, 10 = completely satisfied)"
    q_rec = "How likely is it that you would recommend Tallyo to a friend or colleague?"
    header = ["Timestamp", "Email Address", q_sat, q_rec, "Anything else you'd like to tell us?"]
    when = moments(rng, n, dt.datetime(2025, 6, 2, 8), dt.datetime(2025, 8, 29, 18))
    sc = scores(rng, n)
    skip = blanks(rng, n, 1)
    rows, records = [header], []
    for i, t in enumerate(when):
        score = None if i in skip else sc[i]
        sat = min(10, max(0, (score if score is not None else 7) + rng.randint(-2, 1)))
        rows.append([f"{t.month}/{t.day}/{t.year} {t.hour}:{t:%M:%S}", f"user{i + 1}@tallyo-customer.com", sat,
                     "" if score is None else score, comment(rng, "en")])
        records.append({"score": score, "day": t.date()})
    write_csv(folder / "satisfaction_before_recommend.csv", rows)
    out.append(entry("satisfaction_before_recommend.csv",
                     "Google Sheets CSV download: a 0-10 satisfaction question placed before the 0-10 recommend question",
                     "Sheets CSV download shape as google_sheets_en.csv (alan-turing-institute/AutisticaCitizenScience)",
                     cols(q_rec, "Timestamp", "Anything else you'd like to tell us?", "Email Address"), records,
                     encoding="utf-8",
                     notes="The first 0-10 column is satisfaction, not recommendation: the recommend question wins "
                           "although it comes second. No warning expected: the satisfaction question is not "
                           "recommend-like (a warning naming it would be acceptable but is not required)."))
    return out


# 9 ------------------------------------------------------------------- no date column

def phone_interviews(folder: Path) -> list[dict]:
    rng = random.Random(117)
    n = 18
    header = ["Company", "Contact", "Score", "Comment"]
    sc = scores(rng, n)
    rows, records = [header], []
    companies = rng.sample(COMPANIES["en"], 12) + rng.sample(COMPANIES["en"], 6)
    for i in range(n):
        score = sc[i]
        cell = score
        if i == 7:
            cell, score = "n/a", None           # declined to give a number
        elif i == 12:
            cell, score = None, None            # not reached
        rows.append([companies[i], rng.choice(NAMES_EN), cell,
                     (comment(rng, "en", 0.15) or None) if score is not None else ("Not reached, left voicemail" if i == 12 else "Didn't want to give a number")])
        records.append({"score": score, "day": None})
    write_xlsx(folder / "phone_interviews.xlsx", [("Calls March", rows, {})])
    columns = cols("Score", None, "Comment", "Contact", "Company")
    src = "Hand-made call list typed into Excel (shape defined by the brief; no public source)."
    out = [entry("phone_interviews.xlsx", "Phone interview list cleaned by hand: Company, Contact, Score, Comment; no date",
                 src, columns, records, encoding=None, delimiter=None, sheet="Calls March", outcome="refused",
                 refusal_mentions=["--date", "--answered-on"],
                 notes="No date column: refuse, naming both ways out (--date COLUMN, --answered-on DAY).")]
    with_day = dict(columns, date=None)
    out.append(entry("phone_interviews.xlsx", "Same file, imported with answered_on", src, with_day, records,
                     encoding=None, delimiter=None, sheet="Calls March", options={"answered_on": "2026-03-31"},
                     answered_on=dt.date(2026, 3, 31),
                     notes="Every row with a score gets 2026-03-31. Score cells: numbers, one 'n/a' text and one empty "
                           "cell (those two rows are not answers)."))
    return out


# 10 ------------------------------------------------------------------ a Value column and no score

def kpi_export(folder: Path) -> list[dict]:
    rng = random.Random(118)
    header = ["Date", "Team", "Metric", "Value", "Target"]
    rows, records = [header], []
    day = dt.date(2025, 10, 1)
    for i in range(24):
        metric = ["Open tickets", "Escalations", "Deals closed"][i % 3]
        rows.append([day + dt.timedelta(days=i // 3), rng.choice(["North", "South"]), metric, rng.randint(0, 10),
                     {"Open tickets": 5, "Escalations": 2, "Deals closed": 6}[metric]])
        records.append({"score": None, "day": day})
    write_xlsx(folder / "kpi_value_export.xlsx", [("Export", rows, {0: "yyyy-mm-dd"})])
    return [entry("kpi_value_export.xlsx", "Weekly KPI export from a BI tool: Date, Team, Metric, Value, Target",
                  "Shape defined by the brief (no public source)",
                  cols(None, "Date"), records, encoding=None, delimiter=None, sheet="Export", outcome="refused",
                  refusal_mentions=["--score"],
                  notes="'Value' holds whole numbers 0..10 and 'Target' 2..6, every one a valid 0-10 number, but no "
                        "header asks a survey question: refuse instead of computing an NPS of ticket counts.")]


# 11 ------------------------------------------------------------------ hostile fields

def hostile_fields(folder: Path) -> list[dict]:
    rng = random.Random(119)
    n = 20
    header = ["Response ID", "Submitted", "Score", "Comment"]
    when = moments(rng, n, dt.datetime(2025, 9, 1, 8), dt.datetime(2025, 9, 30, 18))
    sc = scores(rng, n)
    emoji = "".join(chr(0x1F600 + (k % 64)) for k in range(20000))
    rows, records = [header], []
    for i, t in enumerate(when):
        rid = f"R-{1000 + i}"
        text = comment(rng, "en")
        if i == 4:
            rid = "R-10\x0004"                                        # NUL inside the respondent id
        if i == 9:
            text = "Love it " + emoji                                 # 20,008 characters, 40,008 UTF-16 units
        if i == 13:
            text = "\n\n  Great tool, but the export is slow.  \n\n"  # starts and ends with blank lines
        if i == 16:
            text = 'She said "it\'s fine", then churned.'
        rows.append([rid, f"{t:%Y-%m-%d %H:%M}", sc[i], text])
        records.append({"score": sc[i], "day": t.date()})
    write_csv(folder / "hostile_fields.csv", rows)
    return [entry("hostile_fields.csv", "Generic survey export (UTF-8, comma) carrying hostile field contents",
                  "Shape defined by the brief (no public source)", cols("Score", "Submitted", "Comment", "Response ID"),
                  records, encoding="utf-8",
                  notes="Row 5 'Response ID' is 'R-10<NUL>04' (Python 3.10's csv module raises 'line contains NUL'; "
                        "3.11+ reads it; XML 1.0 cannot store U+0000). Row 10's comment is 'Love it ' + 20,000 emoji "
                        "(U+1F600..U+1F63F): 20,008 Python characters but 40,008 UTF-16 code units, above Excel's "
                        "32,767-unit cell limit. Row 14's comment starts and ends with blank lines. Every row is an "
                        "answer.")]


def long_comment(folder: Path) -> list[dict]:
    rng = random.Random(120)
    n = 16
    header = ["Response ID", "Submitted", "Score", "Comment"]
    when = moments(rng, n, dt.datetime(2025, 10, 1, 8), dt.datetime(2025, 10, 31, 18))
    sc = scores(rng, n)
    para = ("Step {k}: opened the report, applied the region filter, exported to Excel, and the totals no longer "
            "matched the dashboard. ")
    long_text = "Here is the full log our admin asked me to paste:\n"
    k = 1
    while len(long_text) < 140_000:
        long_text += para.format(k=k)
        k += 1
    rows, records = [header], []
    for i, t in enumerate(when):
        rows.append([f"R-{2000 + i}", f"{t:%Y-%m-%d %H:%M}", sc[i], long_text if i == 6 else comment(rng, "en")])
        records.append({"score": sc[i], "day": t.date()})
    write_csv(folder / "long_comment.csv", rows)
    return [entry("long_comment.csv", "Generic survey export with one comment longer than 131,072 characters",
                  "Shape defined by the brief (no public source)", cols("Score", "Submitted", "Comment", "Response ID"),
                  records, encoding="utf-8",
                  notes=f"Row 7's comment is {len(long_text):,} characters: above Python csv's default field_size_limit "
                        "(131,072; csv.Error 'field larger than field limit') and above Excel's 32,767-character "
                        "cell limit. Every row is an answer. Committed (about 150 KB), not generated at test time.")]


# 12/13 --------------------------------------------------------------- encodings and languages

def excel_saved(folder: Path, *, file, lang, seed, n, header, score_q, date_col, comment_q, company_col, email_col,
                fmt_time, start, end, encoding, delimiter, imitates, source, notes, extra=None, quoting_bom=False,
                newline="\r\n", respondent_col="same as email"):
    rng = random.Random(seed)
    when = moments(rng, n, start, end)
    sc = scores(rng, n)
    skip = blanks(rng, n, 2)
    rows, records = [header], []
    for i, t in enumerate(when):
        score = None if i in skip else sc[i]
        values = {date_col: fmt_time(t), score_q: "" if score is None else score, comment_q: comment(rng, lang),
                  company_col: rng.choice(COMPANIES[lang])}
        if email_col:
            local = {"de": "kontakt", "fr": "contact", "ru": "info", "ja": "jimu", "zh_tw": "service", "pl": "biuro"}
            values[email_col] = f"{local.get(lang, 'mail')}{i + 1}@{lang.replace('_', '-')}-kunde{i % 8}.example"
        if extra:
            values.update(extra(rng, i))
        rows.append([values.get(h, "") for h in header])
        records.append({"score": score, "day": t.date()})
    write_csv(folder / file, rows, encoding=encoding, delimiter=delimiter, newline=newline, bom=quoting_bom)
    enc_name = {"utf-16-le": "utf-16"}.get(encoding, encoding)
    respondent = email_col if respondent_col == "same as email" else respondent_col
    return entry(file, imitates, source, cols(score_q, date_col, comment_q, respondent, company_col), records,
                 encoding=enc_name, delimiter=delimiter, notes=notes)


SRC_EXCEL_SAVE = ("Excel 'Save As > CSV' writes the ANSI code page of the Windows locale and the locale's list separator "
                  "(';' where the decimal separator is ','), CRLF line ends, quotes only where needed, dates as "
                  "displayed. General Excel behaviour, not checked against a stored copy of these exact files.")


def encoded_files(folder: Path) -> list[dict]:
    out = []
    # zh-CN: wjx.cn (问卷星) download, re-saved by Chinese Excel as CSV -> GBK
    q = "3、您向朋友或同事推荐我们的可能性有多大？"
    header = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP", "1、贵公司名称", "2、您的职位", q,
              "4、您给出这个分数的主要原因是什么？"]

    def wjx_extra(rng, i):
        return {"序号": i + 1, "所用时间": f"{rng.randint(35, 400)}秒", "来源": rng.choice(["微信", "链接", "手机提交"]),
                "来源详情": "直接访问", "来自IP": f"{rng.randint(36, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}."
                f"{rng.randint(1, 254)}({rng.choice(['上海', '北京', '广东-深圳', '浙江-杭州', '四川-成都'])})",
                "2、您的职位": rng.choice(["总经理", "IT主管", "财务经理", "运营专员"])}
    out.append(excel_saved(
        folder, file="wjx_excel_gbk.csv", lang="zh", seed=121, n=30, header=header, score_q=q, date_col="提交答卷时间",
        comment_q="4、您给出这个分数的主要原因是什么？", company_col="1、贵公司名称", email_col=None,
        fmt_time=lambda t: f"{t.year}/{t.month}/{t.day} {t.hour}:{t:%M}",
        start=dt.datetime(2025, 3, 10, 9), end=dt.datetime(2025, 7, 18, 21), encoding="gbk", delimiter=",",
        extra=wjx_extra, respondent_col="序号",
        imitates="问卷星 (wjx.cn) answer download opened in Chinese Excel and saved as 'CSV (逗号分隔)'",
        source="问卷星 column layout '序号','提交答卷时间','所用时间','来源','来源详情','来自IP', then '1、...' questions, as "
               "expected by public readers (find_string '提交答卷时间', e.g. a dataframe dropping those six columns and a "
               "test record '提交答卷时间': '2026/09/03 12:00:00'). " + SRC_EXCEL_SAVE,
        notes="GBK (code page 936) bytes, no BOM: not UTF-8, and a cp1252 fallback turns it into mojibake. "
              "Dates as Chinese Excel displays them: '2025/3/10 9:05' (no seconds, no zero padding). The recommend "
              "question is the Chinese wording from the brief, prefixed with its number '3、'. '来自IP' holds "
              "'1.2.3.4(上海)'."))
    # zh-TW: Google Forms sheet downloaded as xlsx, saved by Taiwanese Excel as CSV -> Big5 (cp950)
    q = "您向朋友或同事推薦我們的可能性有多大？"
    header = ["時間戳記", "電子郵件地址", "公司名稱", q, "請問您給這個分數的主要原因是什麼？"]
    out.append(excel_saved(
        folder, file="forms_zh_tw_excel_big5.csv", lang="zh_tw", seed=122, n=24, header=header, score_q=q,
        date_col="時間戳記", comment_q="請問您給這個分數的主要原因是什麼？", company_col="公司名稱", email_col="電子郵件地址",
        fmt_time=lambda t: f"{t.year}/{t.month}/{t.day} {'上午' if t.hour < 12 else '下午'} {t.hour % 12 or 12}:{t:%M:%S}",
        start=dt.datetime(2025, 5, 5, 8), end=dt.datetime(2025, 8, 29, 20), encoding="cp950", delimiter=",",
        imitates="Google Forms response sheet (Traditional Chinese UI) saved from Taiwanese Excel as CSV",
        source="'時間戳記' and sheet '表單回應 1' as written by zh-TW Google Forms (public Apps Script: SHEET_NAME = "
               "\"表單回應 1\"; HEADERS = [\"時間戳記\", ...]); '電子郵件地址' likewise. " + SRC_EXCEL_SAVE +
               " The '上午/下午' (a.m./p.m.) date display: from memory, not verified.",
        notes="Big5 (code page 950) bytes. Dates like '2025/5/5 下午 3:04:05': 12-hour clock with 上午 (a.m.) / "
              "下午 (p.m.) before the time."))
    # ja: Google Forms sheet saved by Japanese Excel as CSV -> Shift-JIS (cp932)
    q = "友人や同僚に当社を薦める可能性はどのくらいありますか？"
    header = ["タイムスタンプ", "メールアドレス", "会社名", q, "そのスコアを付けた主な理由を教えてください。"]
    out.append(excel_saved(
        folder, file="forms_ja_excel_cp932.csv", lang="ja", seed=123, n=24, header=header, score_q=q,
        date_col="タイムスタンプ", comment_q="そのスコアを付けた主な理由を教えてください。", company_col="会社名",
        email_col="メールアドレス", fmt_time=lambda t: f"{t.year}/{t.month}/{t.day} {t.hour}:{t:%M}",
        start=dt.datetime(2025, 1, 14, 9), end=dt.datetime(2025, 4, 25, 19), encoding="cp932", delimiter=",",
        imitates="Google Forms response sheet (Japanese UI) saved from Japanese Excel as CSV",
        source="'タイムスタンプ','メールアドレス' as the first headers of Japanese Google Forms sheets (public Apps Script "
               "header lists found via find_string '\"タイムスタンプ\",\"'). " + SRC_EXCEL_SAVE,
        notes="Windows Shift-JIS (cp932), not plain shift_jis: comments contain '①' (NEC row 13, absent from "
              "shift_jis) and '～' (0x8160: U+FF5E in cp932, U+301C in shift_jis); one company name has half-width "
              "katakana. Dates '2025/1/14 9:05'."))
    # pl: Polish Excel -> cp1250, ';'
    q = "Jak prawdopodobne jest, że polecisz nas znajomemu lub współpracownikowi?"
    header = ["Data", "Firma", "E-mail", q, "Komentarz"]
    out.append(excel_saved(
        folder, file="excel_pl_cp1250.csv", lang="pl", seed=124, n=24, header=header, score_q=q, date_col="Data",
        comment_q="Komentarz", company_col="Firma", email_col="E-mail", fmt_time=lambda t: f"{t:%d.%m.%Y %H:%M}",
        start=dt.datetime(2025, 2, 3, 8), end=dt.datetime(2025, 5, 30, 17), encoding="cp1250", delimiter=";",
        imitates="Survey list kept in Polish Excel, saved as 'CSV (rozdzielany przecinkami)'",
        source=SRC_EXCEL_SAVE + " Question wording written for the corpus.",
        notes="cp1250 bytes (ą ę ł ś ż ź ć ń ó), ';' separator, dates '03.02.2025 08:15' day-first."))
    # cs: Czech Excel -> cp1250, ';'
    q = "Jak pravděpodobné je, že byste nás doporučili příteli nebo kolegovi?"
    header = ["Datum", "Společnost", q, "Komentář"]
    out.append(excel_saved(
        folder, file="excel_cs_cp1250.csv", lang="cs", seed=125, n=20, header=header, score_q=q, date_col="Datum",
        comment_q="Komentář", company_col="Společnost", email_col=None, fmt_time=lambda t: f"{t.day}.{t.month}.{t.year} {t.hour}:{t:%M}",
        start=dt.datetime(2025, 9, 1, 8), end=dt.datetime(2025, 12, 19, 17), encoding="cp1250", delimiter=";",
        imitates="Survey list kept in Czech Excel, saved as CSV",
        source=SRC_EXCEL_SAVE + " Question wording written for the corpus.",
        notes="cp1250 bytes (ě š č ř ž ý á í é ů ť), ';' separator, dates '1.9.2025 8:15' day-first without zero "
              "padding."))
    # de: Excel 'Unicode Text' -> UTF-16LE with BOM, tab separated
    q = "Wie wahrscheinlich ist es, dass Sie uns einem Freund oder Kollegen weiterempfehlen?"
    header = ["Zeitstempel", "E-Mail-Adresse", "Unternehmen", q, "Was ist der wichtigste Grund für Ihre Bewertung?"]
    out.append(excel_saved(
        folder, file="excel_unicode_text_de.txt", lang="de", seed=126, n=26, header=header, score_q=q,
        date_col="Zeitstempel", comment_q="Was ist der wichtigste Grund für Ihre Bewertung?", company_col="Unternehmen",
        email_col="E-Mail-Adresse", fmt_time=lambda t: f"{t:%d.%m.%Y %H:%M}",
        start=dt.datetime(2025, 4, 7, 8), end=dt.datetime(2025, 7, 25, 18), encoding="utf-16-le", delimiter="\t",
        quoting_bom=True,
        imitates="Google Forms response sheet (German UI) saved from German Excel as 'Unicode-Text (*.txt)'",
        source="'Zeitstempel' as German Google Forms names the timestamp column. Excel 'Unicode Text' = UTF-16 "
               "little-endian with BOM, tab-separated, CRLF: general Excel behaviour, not checked against a stored copy.",
        notes="UTF-16LE with BOM (FF FE), tab separator, '.txt' extension. Dates '07.04.2025 08:15'."))
    # ru: Russian Excel -> cp1251, ';'
    q = "Насколько вероятно, что вы порекомендуете нас другу или коллеге?"
    header = ["Отметка времени", "Адрес электронной почты", "Компания", q, "Почему вы поставили такую оценку?"]
    out.append(excel_saved(
        folder, file="forms_ru_excel_cp1251.csv", lang="ru", seed=127, n=26, header=header, score_q=q,
        date_col="Отметка времени", comment_q="Почему вы поставили такую оценку?", company_col="Компания",
        email_col="Адрес электронной почты", fmt_time=lambda t: f"{t:%d.%m.%Y %H:%M}",
        start=dt.datetime(2025, 6, 2, 8), end=dt.datetime(2025, 9, 26, 19), encoding="cp1251", delimiter=";",
        imitates="Google Forms response sheet (Russian UI) saved from Russian Excel as CSV",
        source="'Отметка времени' as Russian Google Forms names the timestamp column (public scripts found via "
               "find_string '\"Отметка времени\"', e.g. pd.to_datetime(df[\"Отметка времени\"], dayfirst=True)). "
               + SRC_EXCEL_SAVE,
        notes="cp1251 bytes (not KOI8-R, not UTF-8), ';' separator, dates '02.06.2025 08:15' day-first; company "
              "names use «» quotes."))
    # fr: French Excel -> cp1252, ';'
    q = "Quelle est la probabilité que vous recommandiez Lumio à un ami ou un collègue ?"

    def fr_extra(rng, i):
        return {"Montant annuel (k€)": f"{rng.randint(2, 90)},{rng.randint(0, 9)}"}
    header = ["Horodateur", "Adresse e-mail", "Société", q, "Pourquoi cette note ?", "Montant annuel (k€)"]
    out.append(excel_saved(
        folder, file="forms_fr_excel_cp1252.csv", lang="fr", seed=128, n=26, header=header, score_q=q,
        date_col="Horodateur", comment_q="Pourquoi cette note ?", company_col="Société", email_col="Adresse e-mail",
        fmt_time=lambda t: f"{t:%d/%m/%Y %H:%M}", start=dt.datetime(2025, 1, 6, 8), end=dt.datetime(2025, 4, 30, 18),
        encoding="cp1252", delimiter=";", extra=fr_extra,
        imitates="Google Forms response sheet (French UI) saved from French Excel as 'CSV (séparateur: point-virgule)'",
        source="'Horodateur' as French Google Forms names the timestamp column. " + SRC_EXCEL_SAVE,
        notes="cp1252 bytes with '€' (0x80) and 'Œ' (0x8C), which latin-1 decodes to control characters. ';' "
              "separator; 'Montant annuel (k€)' holds decimal-comma numbers like '12,5' (not a score). Dates "
              "'06/01/2025 08:15' day-first; the French question has a space before '?'."))
    return out


def forms_pt_it(folder: Path) -> list[dict]:
    out = []
    rng = random.Random(129)
    n = 28
    q = "Qual a probabilidade de você recomendar a Tarefa+ para um amigo ou colega?"
    header = ["Carimbo de data/hora", "Endereço de e-mail", "Nome da empresa", q, "Por que você deu essa nota?"]
    when = moments(rng, n, dt.datetime(2025, 8, 1, 8), dt.datetime(2025, 11, 28, 20))
    sc = scores(rng, n)
    skip = blanks(rng, n, 2)
    rows, records = [header], []
    for i, t in enumerate(when):
        score = None if i in skip else sc[i]
        rows.append([f"{t:%Y/%m/%d} {twelve_hour(t, 'AM', 'PM')} GMT-3", f"cliente{i + 1}@empresa{i % 6}.com.br",
                     rng.choice(COMPANIES["pt"]), "" if score is None else score, comment(rng, "pt")])
        records.append({"score": score, "day": t.date()})
    write_csv(folder / "google_forms_pt_br.csv", rows, quoting=csv.QUOTE_ALL, newline="\n")
    out.append(entry("google_forms_pt_br.csv", "Google Forms CSV download, Portuguese (Brazil) UI",
                     "Header 'Carimbo de data/hora' and timestamp '2021/04/14 9:57:33 AM GMT-3' (English AM/PM even in "
                     "a Portuguese form) as in a public Jest fixture found via find_string '\"Carimbo de data/hora\",\"'. "
                     + SRC_FORMS_DOWNLOAD,
                     cols(q, "Carimbo de data/hora", "Por que você deu essa nota?", "Endereço de e-mail",
                          "Nome da empresa"), records, encoding="utf-8"))

    rng = random.Random(130)
    n = 26
    q = "Quanto è probabile che tu consigli Fattura Facile a un amico o collega?"
    header = ["Informazioni cronologiche", "Indirizzo email", "Nome dello studio", q, "Perché hai dato questo punteggio?"]
    when = moments(rng, n, dt.datetime(2025, 9, 1, 8), dt.datetime(2025, 12, 19, 20))
    sc = scores(rng, n)
    skip = blanks(rng, n, 2)
    rows, records = [header], []
    for i, t in enumerate(when):
        score = None if i in skip else sc[i]
        rows.append([f"{t:%d/%m/%Y %H.%M.%S}", f"studio{i + 1}@pec{i % 5}.it", rng.choice(COMPANIES["it"]),
                     "" if score is None else score, comment(rng, "it")])
        records.append({"score": score, "day": t.date()})
    write_csv(folder / "google_forms_it.csv", rows, quoting=csv.QUOTE_ALL, newline="\n")
    out.append(entry("google_forms_it.csv", "Google Forms CSV download, Italian UI",
                     "Header 'Informazioni cronologiche', 'Indirizzo email' and the timestamp '20/09/2026 18.01.22' "
                     "(day-first, dots between hours, minutes and seconds), every field quoted, as in a public test "
                     "that imitates 'the CSV that Google downloads' (find_string '\"Informazioni cronologiche\"'). "
                     "Not checked against a real Italian download.",
                     cols(q, "Informazioni cronologiche", "Perché hai dato questo punteggio?", "Indirizzo email",
                          "Nome dello studio"), records, encoding="utf-8",
                     notes="Time written '18.01.22' with dots; day-first date."))
    return out


MAKERS = [google_forms_en, google_forms_es, google_sheets_es_csv, google_sheets_en_csv, google_sheets_xlsx,
          typeform_yes_no, typeform_opinion_scale, likert_recommend, surveymonkey, qualtrics_numeric,
          qualtrics_choice_text_labels, qualtrics_legacy, two_recommend_questions, phone_interviews, kpi_export,
          hostile_fields, long_comment, encoded_files, forms_pt_it]


def build(folder: Path) -> list[dict]:
    manifest = []
    for make in MAKERS:
        manifest.extend(make(folder))
    text = json.dumps({"about": "Answer key of the survey-export corpus; see README.md. Worked out by make_corpus.py "
                                "from the lists the files are written from.",
                       "files": manifest}, ensure_ascii=False, indent=1) + "\n"
    (folder / "manifest.json").write_text(text, encoding="utf-8")
    return manifest


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="regenerate in a temporary folder and compare with this one")
    ap.add_argument("--out", type=Path, help="write into this folder instead of the script's own")
    args = ap.parse_args(argv)
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            manifest = build(Path(tmp))
            names = sorted({e["file"] for e in manifest} | {"manifest.json"})
            bad = [n for n in names if (Path(tmp) / n).read_bytes() != (HERE / n).read_bytes()]
        print("differ: " + ", ".join(bad) if bad else f"all {len(names)} files identical")
        return 1 if bad else 0
    out = args.out or HERE
    out.mkdir(parents=True, exist_ok=True)
    manifest = build(out)
    print(f"wrote {len({e['file'] for e in manifest})} files and manifest.json ({len(manifest)} entries) to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
