"""The ``xl-nps`` command.

It turns the library's errors into one-line messages (exit code 1) and never shows a Python
traceback for a problem with the user's files. Each command's help ends with an example.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from xl_nps import __version__
from xl_nps.errors import XlNpsError

EXAMPLES = {
    "new": "example: xl-nps new \"NPS 2026.xlsx\"\n         xl-nps new \"eNPS 2026.xlsx\" --employee   (an anonymous employee survey)",
    "template": "example: xl-nps template --out templates/xl-nps-template.xlsx",
    "import": "example: xl-nps import surveymonkey.csv \"NPS 2026.xlsx\" --score \"How likely are you to recommend us?\"",
    "refresh": "example: xl-nps refresh \"NPS 2026.xlsx\"\n"
               "         xl-nps refresh \"NPS 2026.xlsx\" --answers \"answers/*.parquet\"\n"
               "         xl-nps refresh \"NPS 2026.xlsx\" --answers postgresql://cx@db/survey --table answers",
    "demo": "example: xl-nps demo   (writes workbooks/example.xlsx)",
    "install-excel": "example: xl-nps install-excel \"NPS 2026.xlsx\"   (writes NPS 2026.xlsm beside it)",
    "lite": "example: xl-nps lite --url https://raw.githubusercontent.com/YOU/REPO/main/",
}


IMPORT_HELP = """Append answers from a survey export (CSV or xlsx) to the Respondents sheet.

Columns are recognised by what they hold first, their header second:
  score       whole numbers 0-10 (or "10 - Extremely likely") in 80% of its answers, under a
              question asking whether one would recommend (English, Spanish, Portuguese, French,
              German, Italian, Russian, Chinese, Japanese and more) or a header such as NPS,
              Score, Rating; never yes/no or 0/1, a ranking, text, or a 1-5/1-7 scale
  date        dates in 80% of its answers; the submission date (Submit Date, End Date,
              RecordedDate, Timestamp) before a start date; none: refused (--date, --answered-on)
  comment     free text (sentences, not repeated choices or numbers), the one asking why first
  respondent  e-mail addresses, else the export's response id, else names
  company     short labels under a company header; segment: under a segment header
  department, team, tenure (employee surveys) short labels under such a header, in the same
              languages (Department, Dept, Abteilung, Отдел, Département, Departamento, 部门;
              Team; Tenure, Years of service, Antigüedad, Стаж); an employee workbook stores no
              respondent, company or segment
Header rows of Qualtrics (3 rows, or the legacy 2) and SurveyMonkey (2) are recognised. The
summary names each column taken and why, and warns when another column also qualified."""


def _progress_bar(total: int | None, description: str):
    try:
        from tqdm import tqdm
    except ImportError:  # progress is a nicety; the work goes on without it
        return None
    tqdm.monitor_interval = 0  # no monitor thread (it only redraws stalled bars; Pyodide cannot start threads)
    return tqdm(total=total, desc=description, unit="", leave=False, disable=None, file=sys.stderr)


def cmd_new(args) -> int:
    from xl_nps.workbook.setup.excel import build_template_xlsm
    from xl_nps.workbook.setup.template import build_template, save_book

    path = Path(args.book)
    if path.exists():
        raise XlNpsError(f"{path} already exists; choose another name (xl-nps never overwrites a workbook)")
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise XlNpsError(f"{path.name}: the name must end in .xlsx, or .xlsm for the macro-enabled variant")
    employee = args.employee
    save_book(build_template_xlsm(employee) if path.suffix.lower() == ".xlsm" else build_template(employee), path)
    kind = "employee (eNPS) template" if employee else "template"
    print(f"Created {path} from the {kind}. Fill the Respondents sheet, then: xl-nps refresh \"{path}\"")
    return 0


def cmd_template(args) -> int:
    from xl_nps.workbook.setup.excel import build_template_xlsm
    from xl_nps.workbook.setup.template import save_book, write_template

    out = Path(args.out)
    print(f"Wrote {write_template(out)}")
    save_book(build_template_xlsm(), out.with_suffix(".xlsm"))
    print(f"Wrote {out.with_suffix('.xlsm')} (macro-enabled, with xlwings' quickstart VBA)")
    stem = out.stem.replace("template", "employee-template", 1) if "template" in out.stem else f"{out.stem}-employee"
    print(f"Wrote {write_template(out.with_name(stem + '.xlsx'), employee=True)} (employee survey, eNPS)")
    return 0


def cmd_install_excel(args) -> int:
    from xl_nps.workbook.setup.excel import install_excel

    summary = install_excel(Path(args.book), args.interpreter, args.standalone)
    print(f"Set up {summary.workbook} for the xl-nps functions")
    for key, value in summary.settings.items():
        print(f"  xlwings.conf  {key} = {value}")
    if summary.vba_added:
        print("  VBA           xlwings' quickstart project added (macro-enabled workbook)")
    if summary.run_main_file:
        print(f"  Run main      {summary.run_main_file.name} beside it refreshes the report")
    for note in summary.notes:
        print(f"  note          {note}")
    print("Next, in Excel: open it, enable macros, and click Import Functions on the xlwings tab.")
    return 0


def cmd_lite(args) -> int:
    from xl_nps.workbook.setup.lite import WHEEL_NAME, write_lite_project

    for path in write_lite_project(Path(args.out), args.url):
        print(f"Wrote {path}")
    requirement = (Path(args.out) / "requirements.txt").read_text(encoding="utf-8").strip()
    if args.url:
        print(f"Now: put {WHEEL_NAME} online at {requirement} ; then in Excel open xlwings Lite, add that "
              "address to its requirements.txt tab and paste main.py into its editor (steps: README.txt).")
    else:
        print(f"Now: put {WHEEL_NAME} online (xl-nps is not on PyPI; a GitHub repository's raw address works), "
              f"then run again with --url THAT_ADDRESS; README.txt in {args.out} has the steps.")
    return 0


def _answered_on(text: str | None):
    if text is None:
        return None
    import datetime as dt

    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise XlNpsError(f"--answered-on takes a date written YYYY-MM-DD, such as 2026-03-31; got \"{text}\"") from None


def cmd_import(args) -> int:
    from xl_nps.workbook.importer import import_survey
    from xl_nps.workbook.read.survey import read_survey
    from xl_nps.workbook import names as L

    answered_on = _answered_on(args.answered_on)
    if answered_on is not None and args.date:
        raise XlNpsError("give --date COLUMN or --answered-on YYYY-MM-DD, not both")
    mapping = {L.SCORE: args.score, L.DATE: args.date, L.COMMENT: args.comment,
               L.RESPONDENT: args.respondent, L.COMPANY: args.company, L.SEGMENT: args.segment,
               L.DEPARTMENT: args.department, L.TEAM: args.team, L.TENURE: args.tenure}
    survey = read_survey(Path(args.survey), mapping, args.encoding, args.delimiter, args.sheet, args.date_format,
                         answered_on is not None)
    bar = _progress_bar(len(survey.rows), "importing")
    summary = import_survey(survey, Path(args.book), args.date_format,
                            progress=(lambda n: bar.update(n - bar.n)) if bar is not None else None,
                            answered_on=answered_on)
    if bar is not None:
        bar.close()
    print_import_summary(Path(args.survey).name, Path(args.book).name, survey, summary)
    print(f"Next: xl-nps refresh \"{args.book}\"")
    return 0


def print_import_summary(survey_name: str, book_name: str, survey, summary) -> None:
    from xl_nps.workbook import names as L
    from xl_nps.workbook.read.columns import FLAGS

    print(f"Imported {survey_name} into {book_name}")
    print(f"  rows read             {summary.read}")
    print(f"  answers added         {summary.added}")
    same = "department, team, tenure" if summary.employee else "respondent"
    print(f"  already there         {summary.duplicates} (same date, {same}, score and comment)")
    if summary.unreadable:
        print(f"  score or date unread  {summary.unreadable} of the added rows (added as text; "
              "the refresh lists them on Problems)")
    if summary.replaced:
        print(f"  characters replaced   {summary.replaced} added rows held characters a workbook cannot hold "
              "(such as NUL), now \ufffd; the refresh lists them on Problems")
    if summary.cut:
        from xl_nps.rules import EXCEL_CELL_LIMIT

        print(f"  cut at Excel's {EXCEL_CELL_LIMIT:,}-character cell limit: {summary.cut}")
    print("Columns taken:")
    for name, choice in summary.choices.items():
        if choice.column is not None:
            print(f"  {name:<11} <- {choice.column.shown}: {choice.reason}")
        elif name == L.DATE and summary.answered_on is not None:
            print(f"  {name:<11} <- {summary.answered_on.isoformat()} for every answer (--answered-on)")
        else:
            print(f"  {name:<11}    none ({choice.reason}; name one with {FLAGS[name]} \"COLUMN\")")
    why = ("an employee survey keeps no names, companies or segments" if summary.employee
           else "the workbook has no such column; employee surveys: xl-nps new BOOK.xlsx --employee")
    for name, choice in summary.left_out.items():
        print(f"  {name:<11}    {choice.column.shown}: not stored ({why})")
    for name, choice in summary.choices.items():
        for other in choice.others:
            print(f"  warning: {other.shown} also qualifies as the {name.lower()}; "
                  f"to import it instead: {FLAGS[name]} \"{other.label}\"")
    where = []
    if summary.encoding:
        delimiter = {"\t": "tab", ",": "comma", ";": "semicolon", "|": "bar"}.get(summary.delimiter, summary.delimiter)
        where.append(f"{summary.encoding}, {delimiter}-separated")
    if survey.sheet:
        where.append(f"sheet \"{survey.sheet}\"")
    where.append(f"{survey.header_rows} header row{'s' if survey.header_rows > 1 else ''}")
    print(f"Read as {'; '.join(where)}")
    for note in summary.notes:
        print(f"Note: {note}")


def cmd_refresh(args) -> int:
    from xl_nps.values import as_number
    from xl_nps.workbook.read.settings import check_min_answers
    from xl_nps.workbook import names as L
    from xl_nps.workbook.refresh import refresh

    minimum = None
    if args.min_answers is not None:
        typed = args.min_answers.strip()
        minimum = check_min_answers(as_number(typed) if as_number(typed) is not None else typed)
    bar = _progress_bar(None, "refresh")
    current = [""]

    def step(name: str, done: int | None = None, total: int | None = None) -> None:
        if bar is None or bar.disable:
            return
        if current[0] != name:  # a new step: a fresh count (with an estimate where it has a total)
            current[0] = name
            bar.reset(total=total)
            bar.set_description(name)
        if total and bar.total != total:
            bar.total = total  # known once the step has started: now it can estimate
        if done is not None:
            bar.n = done
            bar.refresh()

    opened = []

    def outside_answers():
        """The answers named by --answers, counted by their engine."""
        from xl_nps.sources.answers import OutsideAnswers
        from xl_nps.sources.engines import open_source

        opened.append(open_source(args.answers, args.table, args.engine))
        mapping = {L.SCORE: args.score, L.DATE: args.date, L.COMMENT: args.comment,
                   L.RESPONDENT: args.respondent, L.COMPANY: args.company, L.SEGMENT: args.segment}
        found = OutsideAnswers.load(opened[0], mapping)
        found.themes = not args.no_themes
        return found

    if args.answers is None:
        for option in ("table", "engine", "score", "date", "comment", "respondent", "company", "segment"):
            if getattr(args, option) is not None:
                raise XlNpsError(f"--{option} goes with --answers SOURCE (answers outside the workbook)")
    try:
        summary = refresh(Path(args.book), step, minimum,
                          outside_answers if args.answers is not None else None, args.min_group)
    finally:
        for source in opened:
            source.close()
    if bar is not None:
        bar.close()
    print_refresh_summary(summary)
    return 0


def print_refresh_summary(summary) -> None:
    verb = "Refreshed" if summary.changed else "Nothing changed in"
    print(f"{verb} {summary.path.name}")
    quarters = summary.quarters
    span = f"{quarters[0]} to {quarters[-1]}" if len(quarters) > 1 else (quarters[0] if quarters else "none")
    print(f"  answers used      {summary.answers:,} ({len(quarters)} quarter{'' if len(quarters) == 1 else 's'}: {span})")
    periods = summary.report.sheets[0].tables[0]
    rows = [dict(zip(periods.header, row)) for row in periods.rows]
    rows = [r for r in rows if r["NPS"] != ""]  # an employee survey's hidden quarters
    if rows:
        small = set(summary.report.small_quarters)
        judged = [i for i, r in enumerate(rows) if r["Quarter"] not in small]
        at = judged[-1] if judged else len(rows) - 1  # the latest quarter with enough answers
        head = rows[at]
        flag = f"; fewer than {summary.report.min_answers}: read with care" if head["Quarter"] in small else ""
        print(f"  latest quarter    {head['Quarter']}: NPS {head['NPS']:+.1f} "
              f"(95% interval {head['CI low']:+.1f} to {head['CI high']:+.1f}), {_answers(head['Respondents'])}{flag}")
        if head["Change"] != "":
            if head["Significant?"] in ("yes", "no"):
                verdict = f"{'significant' if head['Significant?'] == 'yes' else 'not significant'}, p = {head['p-value']:.2f}"
            else:
                verdict = f"not tested: {head['p-value']}"
            print(f"  change            {head['Change']:+.1f} points against the quarter before ({verdict})")
        if head.get("Warning"):
            print(f"  warning           {head['Warning']}")
        newer = rows[at + 1:]
        if newer:
            listed = ", ".join(f"{r['Quarter']} ({_answers(r['Respondents'])}, NPS {r['NPS']:+.1f})" for r in newer)
            print(f"  newer, too small  {listed}: fewer than the {summary.report.min_answers} answers needed "
                  "to judge a quarter; see the Periods sheet")
    if summary.problems:
        changed = summary.report.changed
        parts = [f"{summary.problems - changed} rows left out"] if summary.problems > changed else []
        if changed:
            parts.append(f"{changed} answers used with a character replaced by \ufffd")
        print(f"  problems          {'; '.join(parts)}: see the Problems sheet")
    else:
        print("  problems          none")
    print(f"  sheets            {', '.join(s.name for s in summary.report.sheets)}")
    for note in summary.notes:
        print(f"  note              {note}")


def _answers(n) -> str:
    """``n`` answers, in whole numbers with thousands separators (12,509,800 answers, 1 answer)."""
    return f"{int(n):,} answer{'' if n == 1 else 's'}"


def cmd_demo(args) -> int:
    from xl_nps.workbook.demo import build_demo

    bar = _progress_bar(None, "demo")
    summary = build_demo(Path(args.out), (lambda step: bar.set_description(step)) if bar is not None else None)
    if bar is not None:
        bar.close()
    print_refresh_summary(summary)
    print(f"Open {summary.path} in Excel or LibreOffice to see the report.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="xl-nps", description="Net Promoter Score workbooks: template, import and quarterly refresh.",
        epilog="Run 'xl-nps COMMAND --help' for a command's options and an example.",
    )
    parser.add_argument("--version", action="version", version=f"xl-nps {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name, helptext, func):
        p = sub.add_parser(name, help=helptext.split("\n", 1)[0], description=helptext, epilog=EXAMPLES[name],
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        p.set_defaults(func=func)
        return p

    p = command("new", "Start a workbook from the template: BOOK.xlsx, or BOOK.xlsm for the macro-enabled variant "
                       "(with xlwings' VBA); --employee for an employee survey (eNPS); never overwrites a file.", cmd_new)
    p.add_argument("book", help="the workbook to create: .xlsx, or .xlsm for the macro-enabled variant")
    p.add_argument("--employee", action="store_true",
                   help="an employee survey (eNPS): Department, Team and Tenure, no names; the report hides small groups")

    p = command("template", "Rebuild templates/xl-nps-template.xlsx, its macro-enabled twin .xlsm and the employee "
                            "template from code.", cmd_template)
    p.add_argument("--out", default="templates/xl-nps-template.xlsx",
                   help="where to write the .xlsx (the .xlsm and the employee template go beside it)")

    p = command("import", IMPORT_HELP, cmd_import)
    p.add_argument("survey", help="the export: .csv, .txt, .tsv or .xlsx")
    p.add_argument("book", help="the workbook to add the answers to")
    for name in ("score", "date", "comment", "respondent", "company", "segment", "department", "team", "tenure"):
        p.add_argument(f"--{name}", metavar="COLUMN",
                       help=f"the export's column that holds the {name} (any of its header rows; default: recognised)")
    p.add_argument("--answered-on", metavar="YYYY-MM-DD",
                   help="give every answer of this file that date (an interview round, an event), for a file "
                        "without a date column; the date goes into the Date column")
    p.add_argument("--encoding", help="text encoding of a CSV (default: UTF-8 or UTF-16 when the bytes are, else "
                                      "the Windows or DOS code page that reads most like text: cp1252, cp1250, "
                                      "cp1251, gb18030 (GBK), cp950 (Big5), cp932 (Shift-JIS), cp850, cp866)")
    p.add_argument("--delimiter", help="field separator of a CSV (default: sniffed from , ; tab |)")
    p.add_argument("--date-format", help="strptime format of the dates, e.g. %%d.%%m.%%Y (default: recognised)")
    p.add_argument("--sheet", help="sheet of an xlsx export (default: an xl-nps workbook's Respondents sheet, "
                                   "else the first sheet with a score and a date column)")

    p = command("refresh", "Write the report sheets into a workbook: one per quarter, Periods, Comments and "
                           "Problems (close the workbook in Excel first).", cmd_refresh)
    p.add_argument("book", help="the workbook (.xlsx or .xlsm); close it in Excel first")
    p.add_argument("--min-answers", metavar="N",
                   help="fewest answers to judge a quarter: smaller quarters are shown but marked, and no change "
                        "involving one is tested (default: the Summary sheet's setting, else 30)")
    p.add_argument("--answers", metavar="SOURCE",
                   help="answers kept outside the workbook: a Parquet file, folder or glob, a CSV, a DuckDB "
                        "database (with --table), or a database URL such as postgresql://user@host/db")
    p.add_argument("--table", help="the table (schema.table) holding the answers in a database")
    p.add_argument("--engine", help="duckdb (default) or spark: which engine reads Parquet/CSV files")
    for name in ("score", "date", "comment", "respondent", "company", "segment"):
        p.add_argument(f"--{name}", metavar="COLUMN", help=f"the source's column that holds the {name}")
    p.add_argument("--no-themes", action="store_true", help="with --answers: do not read the comments for themes")
    p.add_argument("--min-group", metavar="N",
                   help="employee survey: hide groups with fewer than N answers (default: the Start here setting, 5)")

    p = command("demo", "Build workbooks/example.xlsx from the template and the bundled survey export, and "
                        "refresh it.", cmd_demo)
    p.add_argument("--out", default="workbooks/example.xlsx", help="where to write it (default: %(default)s)")

    p = command("install-excel", "Set a workbook up for the xl-nps functions in Windows Excel (xlwings): an .xlsx "
                                 "gets a macro-enabled .xlsm copy beside it.", cmd_install_excel)
    p.add_argument("book", help="an .xlsx (a macro-enabled .xlsm copy is written beside it) or .xlsm workbook")
    p.add_argument("--interpreter", help="python.exe that has xl-nps installed (default: this Python on Windows/Mac)")
    p.add_argument("--standalone", action="store_true",
                   help="embed xlwings' VBA module instead of relying on the installed xlwings add-in")

    p = command("lite", "Write the xl-nps wheel, main.py, requirements.txt and README.txt for xlwings Lite "
                        "(Excel on Mac, Windows and the web).", cmd_lite)
    p.add_argument("--out", default="xl-nps-lite", help="folder to write them into (default: %(default)s)")
    p.add_argument("--url", help="web address where you put the wheel (or the folder it is in), for requirements.txt")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except XlNpsError as error:
        print(f"xl-nps {args.command}: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"xl-nps {args.command}: interrupted; the workbook is unchanged", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
