"""The quarterly report as plain data: sheets of tables and the charts drawn from them.

Nothing here touches a file. :func:`build_report` turns the respondents (and customer counts)
into a :class:`Report`; ``xl_nps.workbook.writer`` lays it out in a workbook. Every number
comes from ``xl_nps.metrics``, the same code behind the Excel functions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field

import numpy as np

from xl_nps.cells import cell_text
from xl_nps.errors import XlNpsError
from xl_nps.metrics import benchmarks, customers as customer_metrics, stats
from xl_nps.metrics.nps import DETRACTOR, NpsCounts, category, counts_from_distribution
from xl_nps.metrics.periods import quarter
from xl_nps.workbook import layout as L
from xl_nps.text.mentions import Mentions
from xl_nps.text.themes import analyse, key_counts, keywords_of, themes_of
from xl_nps.workbook.respondents import CustomerPeriod, Problem, Respondents

PCT, POINTS, P_VALUE, DATE, INT = "0.0%", "0.0", "0.0000", "yyyy-mm-dd", "0"
SMALL_GROUP = 30  # segments with fewer answers are flagged
TOP_THEMES = 10
TOP_PER_CATEGORY = 5
# Lists longer than a person reads are cut (the Respondents sheet holds every answer); a
# B2B survey of a few hundred clients never reaches these.
MAX_CALLBACKS = 300  # per quarter, worst first
MAX_COMMENTS = 100  # per category and quarter


@dataclass
class Table:
    title: str
    header: list[str]
    rows: list[list]
    formats: dict[str, str] = field(default_factory=dict)  # header -> number format
    note: str = ""
    excel_table: str | None = None  # make it an Excel table with this name
    hidden: tuple[str, ...] = ()  # headers of columns to hide
    row_formats: list[str | None] | None = None  # one number format per row (for key/value tables)


@dataclass
class Chart:
    kind: str  # "line" or "stacked"
    title: str
    table: int  # index of the table in its sheet
    categories: str  # header of the category column
    series: list[str]
    y_title: str = ""


@dataclass
class Sheet:
    name: str
    title: str
    tables: list[Table]
    charts: list[Chart] = field(default_factory=list)
    note: str = ""


@dataclass
class Report:
    sheets: list[Sheet]
    answers: int
    quarters: list[str]
    problems: int

    def digest(self) -> str:
        """A fingerprint of every value in the report (to skip rewriting an unchanged report)."""
        payload = [
            [s.name, s.title, s.note, [[t.title, t.header, t.rows, t.note] for t in s.tables],
             [[c.kind, c.title, c.table, c.categories, c.series] for c in s.charts]]
            for s in self.sheets
        ]
        return hashlib.sha256(json.dumps(payload, default=str, ensure_ascii=False).encode()).hexdigest()


def followup_key(day: dt.date, respondent: str, company: str, score: int, comment: str) -> str:
    """A stable key for one answer, to carry Owner / Follow-up status typed in the report."""
    text = "\x1f".join([day.isoformat(), respondent, company, str(score), comment])
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def edits_from_rows(rows) -> dict[str, tuple[str, str]]:
    """Owner and Follow-up status typed into a generated call-back list, by key, from the
    rows of a report sheet (the list's header row holds "Owner", "Follow-up status", "Key")."""
    edits: dict[str, tuple[str, str]] = {}
    columns = None
    for row in rows:
        cells = ["" if v is None else str(v).strip() for v in row]
        if {"Owner", "Follow-up status", "Key"} <= set(cells):
            columns = (cells.index("Owner"), cells.index("Follow-up status"), cells.index("Key"))
            continue
        if columns is None:
            continue
        if not any(cells):
            columns = None
            continue
        owner, status, key = (cells[i] if i < len(cells) else "" for i in columns)
        if key and (owner or status):
            edits[key] = (owner, status)
    return edits


QUARTER_TEXT = re.compile(r"^\s*(?:(\d{4})\s*[-/ ]?\s*Q([1-4])|Q([1-4])\s*[-/ ]?\s*(\d{4}))\s*$", re.IGNORECASE)


def quarter_label(text: str) -> str | None:
    """"2026 Q3", "2026-Q3", "Q3 2026", "q3/2026" -> "2026 Q3"; anything else -> None."""
    match = QUARTER_TEXT.match(text)
    if not match:
        return None
    year, q = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
    return f"{year} Q{q}"


@dataclass(frozen=True)
class QuarterFigures:
    label: str
    mask: np.ndarray
    distribution: np.ndarray
    counts: NpsCounts
    interval: stats.Interval
    margin: float


def _figures(label: str, mask: np.ndarray, scores: np.ndarray) -> QuarterFigures:
    dist = np.bincount(scores[mask], minlength=11)
    counts = counts_from_distribution(dist)
    return QuarterFigures(label, mask, dist, counts, stats.confidence_interval(counts), stats.margin_of_error(counts))


def _compare(a: QuarterFigures | None, b: QuarterFigures | None):
    if a is None or b is None:
        return None
    try:
        return stats.compare(a.counts, b.counts)
    except XlNpsError:  # both quarters unanimous: no spread to test
        return None


def _previous_year(label: str) -> str:
    year, q = label.split(" ")
    return f"{int(year) - 1} {q}"


def build_report(
    data: Respondents,
    customer_periods: list[CustomerPeriod] = (),
    customer_problems: list[Problem] = (),
    edits: dict[str, tuple[str, str]] | None = None,
    progress=None,
) -> Report:
    """The whole report: one sheet per quarter, Periods and Problems."""
    edits = edits or {}
    labels = np.asarray([quarter(d) for d in data.dates], dtype=object)
    quarters = sorted(set(labels.tolist()))
    figures = {q: _figures(q, labels == q, data.scores) for q in quarters}

    problems = list(data.problems) + list(customer_problems)
    churn_by_quarter: dict[str, tuple[float, float]] = {}
    for period in customer_periods:
        label = quarter_label(period.period)
        if label is None:
            problems.append(Problem(L.CUSTOMERS_SHEET, period.row, "A", period.period, "the period must name a quarter, such as 2026 Q3"))
            continue
        try:
            churn_by_quarter[label] = (
                customer_metrics.churn(period.start, period.end, period.new),
                customer_metrics.retention(period.start, period.end, period.new),
            )
        except XlNpsError as error:
            problems.append(Problem(L.CUSTOMERS_SHEET, period.row, "B", period.period, str(error)))

    analysis = analyse(data.comment, progress=progress)
    sheets = [_periods_sheet(quarters, figures, churn_by_quarter)]
    for i, q in enumerate(quarters):
        previous = figures[quarters[i - 1]] if i > 0 else None
        sheets.append(_quarter_sheet(data, figures[q], previous, figures.get(_previous_year(q)), edits, analysis))
    sheets.append(_comments_sheet(data, quarters, figures, analysis))
    sheets.append(_problems_sheet(problems))
    return Report(sheets=sheets, answers=len(data), quarters=quarters, problems=len(problems))


def _periods_sheet(quarters, figures, churn_by_quarter) -> Sheet:
    rows = []
    previous = None
    for q in quarters:
        f = figures[q]
        change = _compare(f, previous)
        churn, retention = churn_by_quarter.get(q, ("", ""))
        rows.append([
            q, f.counts.n, f.counts.promoter_share, f.counts.passive_share, f.counts.detractor_share,
            f.counts.nps, f.interval.low, f.interval.high, f.margin,
            "" if change is None else change.difference, "" if change is None else change.p_value,
            "" if change is None else ("yes" if change.significant else "no"), churn, retention,
        ])
        previous = f
    header = ["Quarter", "Respondents", "Promoters", "Passives", "Detractors", "NPS", "CI low", "CI high",
              "Margin of error", "Change", "p-value", "Significant?", "Churn", "Retention"]
    formats = {"Promoters": PCT, "Passives": PCT, "Detractors": PCT, "NPS": POINTS, "CI low": POINTS,
               "CI high": POINTS, "Margin of error": POINTS, "Change": "+0.0;-0.0;0.0", "p-value": P_VALUE,
               "Churn": PCT, "Retention": PCT}
    table = Table("All quarters", header, rows, formats,
                  note="CI: 95% adjusted-Wald interval (Rocks 2016). Change: against the quarter before, "
                       "with a two-sided z-test at 95%. Churn and retention come from the Customers sheet.")
    charts = [
        Chart("line", "NPS by quarter with its 95% interval", 0, "Quarter", ["NPS", "CI low", "CI high"], "NPS"),
        Chart("stacked", "Promoters, passives and detractors", 0, "Quarter", ["Promoters", "Passives", "Detractors"], "Share"),
    ]
    return Sheet(L.PERIODS_SHEET, "Net Promoter Score by quarter", [table], charts)


def _quarter_sheet(data: Respondents, f: QuarterFigures, previous, last_year, edits, analysis: Mentions) -> Sheet:
    c = f.counts
    headline = [
        ["Respondents", c.n, INT],
        ["Net Promoter Score", c.nps, POINTS],
        ["95% interval: low", f.interval.low, POINTS],
        ["95% interval: high", f.interval.high, POINTS],
        ["Margin of error (95%)", f.margin, POINTS],
        ["Rating", benchmarks.rating(c.nps), None],
    ]
    for name, other in (("the previous quarter", previous), ("the same quarter last year", last_year)):
        change = _compare(f, other)
        if other is None:
            headline.append([f"Change against {name}", "no data", None])
        elif change is None:
            headline.append([f"Change against {name} ({other.label})", c.nps - other.counts.nps, "+0.0;-0.0;0.0"])
        else:
            verdict = "significant" if change.significant else "not significant"
            headline.append([f"Change against {name} ({other.label})", change.difference, "+0.0;-0.0;0.0"])
            headline.append([f"  p-value ({verdict} at 95%)", change.p_value, P_VALUE])
    tables = [
        Table("Headline", ["Measure", "Value"], [row[:2] for row in headline],
              note="Interval: adjusted Wald (Rocks 2016). Change: two-sided z-test for independent samples.",
              row_formats=[row[2] for row in headline]),
        Table("Categories", ["Category", "Count", "Share"], [
            ["Promoters (9-10)", c.promoters, c.promoter_share],
            ["Passives (7-8)", c.passives, c.passive_share],
            ["Detractors (0-6)", c.detractors, c.detractor_share],
            ["Total", c.n, 1.0],
        ], {"Share": PCT}),
        Table("Answers 0-10", ["Score", "Count", "Share"],
              [[s, int(f.distribution[s]), f.distribution[s] / c.n] for s in range(11)], {"Share": PCT}),
        _segments_table(data, f),
        _themes_table(data, f, previous, analysis),
        _followup_table(data, f, edits),
        _comments_table(data, f),
    ]
    return Sheet(f.label, f"{f.label}: Net Promoter Score", tables,
                 note="Generated by xl-nps refresh: replaced on every refresh. Owner and Follow-up status "
                      "typed in the call-back list are kept.")


def _segments_table(data: Respondents, f: QuarterFigures) -> Table:
    segments = data.segment_names
    rows = []
    for name in sorted(set(segments[f.mask].tolist()), key=str.casefold):
        mask = f.mask & (segments == name)
        counts = counts_from_distribution(np.bincount(data.scores[mask], minlength=11))
        note = f"fewer than {SMALL_GROUP} answers: read with care" if counts.n < SMALL_GROUP else ""
        rows.append([name, counts.n, counts.nps, stats.margin_of_error(counts), note])
    return Table("NPS by segment", ["Segment", "Respondents", "NPS", "Margin of error", "Note"], rows,
                 {"NPS": POINTS, "Margin of error": POINTS})


def _share_by_key(analysis: Mentions, rows) -> np.ndarray:
    """Share of the commenting respondents among ``rows`` who mention each key (by key id)."""
    counts, said = key_counts(analysis, rows)
    return counts / said if said else np.zeros(len(counts))


def _themes_table(data: Respondents, f: QuarterFigures, previous, analysis: Mentions) -> Table:
    rows = np.flatnonzero(f.mask)
    found = themes_of(analysis, data.scores, rows, TOP_THEMES)
    before = _share_by_key(analysis, np.flatnonzero(previous.mask)) if previous is not None else None
    now = _share_by_key(analysis, rows)
    table_rows = [[t.theme, t.detractors, t.passives, t.promoters, t.nps, t.gap, t.impact,
                   float(now[t.key]), float(before[t.key]) if before is not None else ""] for t in found]
    return Table(
        "Themes: what drags the NPS down (first) and what lifts it (last)",
        ["Theme", "Detractors", "Passives", "Promoters", "NPS of those who mention it", "Difference from NPS",
         "Impact on NPS", "Share of comments", "Share previous quarter"],
        table_rows,
        {"NPS of those who mention it": POINTS, "Difference from NPS": "+0.0;-0.0;0.0", "Impact on NPS": "+0.00;-0.00;0.00",
         "Share of comments": PCT, "Share previous quarter": PCT},
        note="Impact: (NPS of those who mention it - NPS) x their share of respondents, damped for themes few "
             "people mention. Words are grouped by their stem (price, prices, pricing).",
    )


def _comments_sheet(data: Respondents, quarters, figures, analysis: Mentions) -> Sheet:
    tables = []
    categories = (("Detractors", data.scores <= 6), ("Passives", (data.scores >= 7) & (data.scores <= 8)),
                  ("Promoters", data.scores >= 9))
    for i in range(len(quarters) - 1, -1, -1):
        f = figures[quarters[i]]
        previous = figures[quarters[i - 1]] if i > 0 else None
        rows = []
        for name, mask in categories:
            now_rows = np.flatnonzero(f.mask & mask)
            now = _share_by_key(analysis, now_rows)
            before = _share_by_key(analysis, np.flatnonzero(previous.mask & mask)) if previous is not None else None
            for k in keywords_of(analysis, now_rows, TOP_PER_CATEGORY) if len(now_rows) else []:
                share = float(now[k.key])
                if before is None:
                    rows.append([name, k.keyword, k.mentions, share, "", ""])
                else:
                    rows.append([name, k.keyword, k.mentions, share, float(before[k.key]),
                                 100.0 * (share - float(before[k.key]))])
        label = f"{f.label} against {previous.label}" if previous is not None else f.label
        tables.append(Table(
            f"{label}: what each group talks about",
            ["Category", "Theme", "Mentions", "Share of the group's comments", "Share previous quarter", "Change (points)"],
            rows, {"Share of the group's comments": PCT, "Share previous quarter": PCT, "Change (points)": "+0.0;-0.0;0.0"},
        ))
    return Sheet(L.COMMENTS_SHEET, "Comments: themes by quarter and category", tables,
                 note="Newest quarter first. A theme is a word in all its forms, or a two-word phrase that recurs. "
                      "The call-back lists are on each quarter's sheet.")


def _followup_table(data: Respondents, f: QuarterFigures, edits) -> Table:
    index = [i for i in np.flatnonzero(f.mask) if data.scores[i] <= 6]
    index.sort(key=lambda i: (data.scores[i], data.dates[i], data.rows[i]))
    note = ("Owner and Follow-up status come from the Respondents sheet; what you type here is kept on "
            "refresh when the Respondents cells are empty.")
    if len(index) > MAX_CALLBACKS:
        note += (f" Showing the {MAX_CALLBACKS:,} lowest scores of {len(index):,} detractors; filter the "
                 "Respondents sheet by Category for all of them.")
        index = index[:MAX_CALLBACKS]
    rows = []
    for i in index:
        key = followup_key(data.dates[i], data.respondent[i], data.company[i], int(data.scores[i]), data.comment[i])
        typed_owner, typed_status = edits.get(key, ("", ""))
        rows.append([
            data.respondent[i], data.company[i], data.dates[i], int(data.scores[i]), data.comment[i],
            data.owner[i] or typed_owner, data.status[i] or typed_status, data.rows[i], key,
        ])
    return Table(
        "Detractors to call back (worst first)",
        ["Respondent", "Company", "Date", "Score", "Comment", "Owner", "Follow-up status", "Respondents row", "Key"],
        rows, {"Date": DATE}, note=note,
        excel_table="Callbacks_" + f.label.replace(" ", "_"), hidden=("Key",),
    )


def _comments_table(data: Respondents, f: QuarterFigures) -> Table:
    has_comment = data.has_comment
    groups = ((DETRACTOR, data.scores <= 6), ("Passive", (data.scores >= 7) & (data.scores <= 8)), ("Promoter", data.scores >= 9))
    rows, over = [], []
    for name, in_group in groups:
        index = np.flatnonzero(f.mask & has_comment & in_group)
        if len(index) > MAX_COMMENTS:
            over.append(f"{len(index):,} {name.lower()}s")
        # lowest scores first, then sheet order (a stable sort keeps the order of equal scores)
        index = index[np.argsort(data.scores[index], kind="stable")][:MAX_COMMENTS]
        rows += [[name, int(data.scores[i]), data.respondent[i], data.company[i], data.comment[i]] for i in index]
    note = (f"Showing the first {MAX_COMMENTS} comments of each category (lowest scores first) of {', '.join(over)}; "
            "the themes above and the Comments sheet cover them all." if over else "")
    return Table("Comments by category", ["Category", "Score", "Respondent", "Company", "Comment"], rows, note=note)


def _problems_sheet(problems: list[Problem]) -> Sheet:
    rows = [[p.sheet, p.row, p.column, p.value if isinstance(p.value, str) else cell_text(p.value), p.reason]
            for p in problems]
    note = ("These rows were left out of the report. Nothing was changed or deleted: fix them in their sheet "
            "and refresh again." if rows else "No problems: every row with a score was used.")
    return Sheet(L.PROBLEMS_SHEET, "Rows the report could not use",
                 [Table("Problems", ["Sheet", "Row", "Column", "Value", "Reason"], rows)], note=note)
