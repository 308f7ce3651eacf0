"""What the Pyodide check runs, the same script in CPython and inside Pyodide: it prints one
line per result, and the two runs must print the same lines (run.sh compares them).

Covered: every Excel function (each name in ``xl_nps.udfs.__all__`` must be called), themes
and keywords in the seven languages, the Lite project's ``refresh_report`` (from the main.py
that ``xl-nps lite`` wrote) against the in-memory Book of tests/fake_excel.py, and the file
commands (new, template, import, refresh, demo) on .xlsx files.

Environment: LITE_MAIN (that main.py), FAKE_EXCEL_DIR (the folder of fake_excel.py).
"""

import contextlib
import datetime as dt
import hashlib
import importlib.util
import io
import json
import os
import sys
import tempfile
from pathlib import Path

if sys.platform != "emscripten":
    # Pyodide 0.27.7 has no python-calamine: the CPython run reads workbooks with openpyxl too
    class _NoCalamine:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] == "python_calamine":
                raise ImportError("python_calamine left out, as in Pyodide 0.27.7")

    sys.meta_path.insert(0, _NoCalamine())

sys.path.insert(0, os.environ["FAKE_EXCEL_DIR"])
import numpy  # noqa: E402
import openpyxl  # noqa: E402

from xl_nps import udfs  # noqa: E402

print(f"# {sys.platform}, Python {sys.version.split()[0]}, numpy {numpy.__version__} (index type "
      f"{numpy.dtype(numpy.intp).name})", file=sys.stderr)


def norm(value):
    if isinstance(value, float):
        return round(value, 9)
    if isinstance(value, (list, tuple)):
        return [norm(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if type(value).__name__ == "ArrayFormula":  # openpyxl's, shown by its range and text
        return ["ArrayFormula", value.ref, value.text]
    return value


def show(label, value):
    print(label, json.dumps(norm(value), ensure_ascii=False, default=str))


CALLED = set()


def call(name, *args):
    CALLED.add(name)
    return getattr(udfs, name)(*args)


def col(values):
    return [[v] for v in values]


# ------------------------------------------------------------------ every function
S1 = [10, 9, 9, 10, 10, 9, 7, 8, 3, 6, 9, 10, 2, 8, 9, 10, 7, 5, 9, 10]
S2 = [9, 10, 10, 8, 7, 7, 0, 2, 5, 6, 8, 9, 4, 7, 6, 10, 3, 9, 8, 7]
show("NPS", call("nps", [[9.0], [10.0], [3.0], [None]]))
show("NPS weighted", call("nps", col(S1[:4]), col([1, 2, 3, 4])))
show("NPS error", call("nps", [[9.0], [11.0]]))
show("NPS scale", call("nps", col([1, 2, 3, 4, 5, 4, 3, 2, 1, 5, 4])))
show("NPS_COUNTS", call("nps_counts", col(S1)))
show("NPS_CATEGORY", call("nps_category", [[9.0], [7.0], [None], ["3"]]))
show("NPS_SE", call("nps_se", col(S1)))
show("NPS_MOE", call("nps_moe", col(S1)))
show("NPS_CI", call("nps_ci", col(S1)))
show("NPS_CI wald 90%", call("nps_ci", col(S1), 0.9, "wald"))
show("NPS_CI score", call("nps_ci", col(S1), 0.95, "score"))
show("NPS_TEST", call("nps_test", col(S1), col(S2)))
show("NPS_SAMPLE_SIZE", [call("nps_sample_size", 5), call("nps_sample_size", 5, 0.95, 150)])
show("NPS_BY", call("nps_by", col(S1), col(["SMB" if i % 2 else "Ent" for i in range(20)]), 5))
show("NPS_TREND serials", call("nps_trend", col(S1), col([46000.0 + 7 * i for i in range(20)])))  # Office.js sends serials
show("NPS_TREND years", call("nps_trend", col(S1), col([dt.datetime(2026, 1 + i % 12, 5) for i in range(20)]), "Y"))
show("NPS_BENCHMARK", call("nps_benchmark", "software development"))
show("NPS_BENCHMARK table", call("nps_benchmark"))
show("NPS_RATING", [call("nps_rating", v) for v in (-3, 12, 35, 55, 80)])
show("ENPS_BENCHMARK", call("enps_benchmark", "all organisations (global; 2023)"))
show("ENPS_BENCHMARK table", call("enps_benchmark"))
show("ENPS_RATING", [call("enps_rating", v) for v in (-12, 4, 22, 41, 63)])
show("CHURN", [call("churn", 500, 480), call("churn", 500, 520, 50)])
show("CHURN ids", call("churn", col(["a", "b", "c", "d"]), col(["a", "c", "e"])))
show("RETENTION", call("retention", 500, 520, 50))
show("CHURN_ANNUAL", call("churn_annual", 0.02))
show("CHURN_PERIODIC", call("churn_periodic", 0.215))
show("REPEAT_RATE", [call("repeat_rate", 1500, 10000), call("repeat_rate", col(["a", "b", "a", "c", "b", "a"]))])
show("CLV", call("clv", 3, 50, 4, 0.3))
COHORT = col([1000.0, 631.0, 468.0, 382.0, 326.0, 289.0, 262.0, 241.0])  # customers of one cohort still active
show("RETENTION_FIT", call("retention_fit", COHORT))
show("RETENTION_FORECAST", call("retention_forecast", COHORT, 3))
show("LIFETIME", [call("lifetime", COHORT), call("lifetime", COHORT, 0.1)])
show("CES", [call("ces", col([7, 6, 5, 6, 4, 7, 5, 3, 6, 7])), call("ces", col([7, 6, 5, 6, 4, 7, 5, 3, 6, 7]), 7, "agree")])
show("CSAT", call("csat", col([5, 4, 3, 5, 2, 4, 5, 1, 4, 5])))
show("PARTICIPATION", call("participation", 2000, 10000))
show("REDEMPTION", call("redemption", 1367, 10000))
show("RESPONSE_RATE", call("response_rate", 60, 100))

# ------------------------------------------------------------------ comments, seven languages
COMMENTS = {
    "en": ["The price is too high and pricing keeps changing", "Support was slow to answer",
           "Great support team, very helpful", "Delivery time was too long", "Prices went up again",
           "Customer service is excellent", "slow delivery, late again", "customer service took days to reply",
           "love the product, price is fair", "The delivery time is ok"],
    "ru": ["Цена слишком высокая", "Поддержка отвечает медленно", "Доставка заняла две недели",
           "Цены растут каждый месяц", "Поддержка очень помогла", "медленная доставка, опять опоздали",
           "Хорошая цена за такое качество", "Служба поддержки не отвечает", "Доставка быстрая", "цена нормальная"],
    "fr": ["Le prix est trop élevé", "Le support est lent à répondre", "La livraison a pris deux semaines",
           "Les prix augmentent encore", "TrÃ¨s bien, le support est rapide", "livraison lente, encore en retard",
           "Le service client est excellent", "prix correct pour la qualité", "Le support ne répond pas", "Livraison rapide"],
    "de": ["Der Preis ist zu hoch", "Der Support ist langsam", "Die Lieferung dauerte zwei Wochen",
           "Die Preise steigen wieder", "Der Support hat sehr geholfen", "langsame Lieferung, wieder zu spät",
           "Der Kundenservice ist hervorragend", "fairer Preis für die Qualität", "Der Support antwortet nicht", "Lieferung schnell"],
    "es": ["El precio es muy alto", "El soporte es lento", "La entrega tardó dos semanas", "Los precios suben otra vez",
           "El soporte me ayudó mucho", "entrega lenta, otra vez tarde", "¿Por qué el precio sube tanto?",
           "precio justo por la calidad", "El soporte no responde", "Entrega rápida"],
    "zh": ["价格太高了，服务很慢", "客服回复太慢", "送货花了两个星期", "价格又涨了", "客服很有帮助",
           "送货很慢，又迟到了", "价格合理，质量好", "客服不回复", "送货很快", "价格太高"],
    "ja": ["価格が高すぎる", "サポートの返信が遅い", "配送に二週間かかった", "価格がまた上がった", "サポートがとても親切",
           "配送が遅い、また遅れた", "価格は妥当で品質も良い", "サポートが返信しない", "配送が速い", "価格が高い"],
}
SCORES = [2, 4, 9, 3, 5, 10, 4, 6, 9, 8]
for code, comments in COMMENTS.items():
    show(f"NPS_THEMES {code}", call("nps_themes", col(comments), col(SCORES), 5, code))
    show(f"NPS_KEYWORDS {code}", call("nps_keywords", col(comments), 5, code))
everything = [c for comments in COMMENTS.values() for c in comments] + [None, "", "🙂🙂", "=HYPERLINK(\"x\")"]
everything_scores = SCORES * len(COMMENTS) + [9, 7, 10, 0]
show("NPS_THEMES auto", call("nps_themes", col(everything), col(everything_scores)))
show("NPS_KEYWORDS auto", call("nps_keywords", col(everything), 10))
show("NPS_FOLLOWUP", call("nps_followup", col([f"r{i}@x.example" for i in range(len(everything))]),
                          col(everything_scores), col(everything)))
show("NPS_THEMES language error", call("nps_themes", col(COMMENTS["en"]), col(SCORES), 5, "xx"))
missing = sorted(set(udfs.__all__) - CALLED)
show("FUNCTIONS not called", missing)

# ------------------------------------------------------------------ the Lite project in an open book
spec = importlib.util.spec_from_file_location("lite_main", os.environ["LITE_MAIN"])
lite_main = importlib.util.module_from_spec(spec)
spec.loader.exec_module(lite_main)
show("LITE functions", sorted(n for n in dir(lite_main) if hasattr(getattr(lite_main, n), "__wrapped__")))

from fake_excel import Book  # noqa: E402
from xl_nps.workbook import names as L  # noqa: E402


def digest(rows) -> str:
    return hashlib.sha256(json.dumps(norm(rows), ensure_ascii=False, default=str).encode()).hexdigest()[:16]


rows = []
for q, (day, scores) in enumerate([(dt.datetime(2026, 2, 10), S1), (46160.0, S2)]):  # serial dates as Lite sends
    for i, s in enumerate(scores):
        comment = everything[(i + 20 * q) % len(everything)] or ""
        rows.append({L.DATE: day, L.SCORE: float(s), L.RESPONDENT: f"r{q}{i}@x.example", L.COMPANY: f"Co {i % 3}",
                     L.SEGMENT: "SMB" if i % 2 else "Enterprise", L.COMMENT: comment})
rows.append({L.DATE: dt.datetime(2026, 2, 11), L.SCORE: 11.0, L.RESPONDENT: "bad@x.example"})  # a problem row
book = Book()
book.sheet_with("Start here", [["xl-nps"]])
book.sheet_with(L.RESPONDENTS_SHEET, [list(L.RESPONDENT_COLUMNS)] + [[r.get(c) for c in L.RESPONDENT_COLUMNS] for r in rows])
with contextlib.redirect_stdout(io.StringIO()) as said:
    lite_main.refresh_report(book)
show("LITE refresh_report says", said.getvalue().strip())
for sheet in book.sheets:
    cells = sorted((k, v) for k, v in sheet.cells.items() if v is not None)
    show("LITE sheet", [sheet.name, len(cells), len(sheet.charts), len(sheet.tables), digest(cells)])
show("LITE Periods A1:D6", book.sheets["Periods"].range((1, 1), (6, 4)).value)
with contextlib.redirect_stdout(io.StringIO()):
    lite_main.refresh_report(book)  # the same answers again: nothing changes
show("LITE sheets after a second refresh", [s.name for s in book.sheets])

# ------------------------------------------------------------------ the file commands
from xl_nps.cli import main as xl_nps  # noqa: E402

folder = Path(tempfile.mkdtemp())


def command(*args) -> None:
    """Run ``xl-nps ARGS`` and show its exit code and what it printed (folder names left out)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = xl_nps([str(a) for a in args])
    text = (out.getvalue() + err.getvalue()).replace(str(folder) + os.sep, "").strip()
    show(f"xl-nps {args[0]}", [code, text.splitlines()])


def show_book(label: str, path: Path) -> None:
    wb = openpyxl.load_workbook(path)
    show(f"{label} sheets", wb.sheetnames)
    for ws in wb.worksheets:
        values = [list(row) for row in ws.iter_rows(values_only=True)]
        show(f"{label} {ws.title}", [ws.max_row, ws.max_column, len(ws._charts), len(ws.tables), digest(values)])


command("template", "--out", folder / "template.xlsx")
show_book("TEMPLATE", folder / "template.xlsx")
command("new", folder / "book.xlsx")
survey = folder / "survey.csv"
with open(survey, "w", encoding="utf-8", newline="") as handle:
    handle.write("Submitted At,How likely are you to recommend us?,Why?,Email\n")
    for i, (text, score) in enumerate(zip(everything, everything_scores)):
        quoted = '"' + (text or "").replace('"', '""') + '"'
        handle.write(f"{(dt.date(2026, 1, 5) + dt.timedelta(days=3 * i)).isoformat()},{score},{quoted},p{i}@x.example\n")
    handle.write("2026-03-01,eleven,not a score,bad@x.example\n")
command("import", survey, folder / "book.xlsx")
command("import", survey, folder / "book.xlsx")  # the same export again: nothing added
command("refresh", folder / "book.xlsx")
command("refresh", folder / "book.xlsx")  # unchanged: not rewritten
show_book("BOOK", folder / "book.xlsx")
show("BOOK mode", oct(os.stat(folder / "book.xlsx").st_mode & 0o600))
command("refresh", folder / "missing.xlsx")
command("demo", "--out", folder / "example.xlsx")
show_book("DEMO", folder / "example.xlsx")
print("# done", file=sys.stderr)
