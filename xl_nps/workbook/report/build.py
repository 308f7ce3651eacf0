"""The quarterly report as plain data: sheets of tables and the charts drawn from them.

Nothing here touches a file. :func:`build_report` turns the respondents (and customer counts)
into a :class:`Report`; ``xl_nps.workbook.write.sheet_xml`` (a file) and ``write.open_book`` (an
open workbook) write it. Every number comes from ``xl_nps.metrics``, the same code behind the Excel functions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass

import numpy as np

from xl_nps.errors import XlNpsError
from xl_nps.indexes import bincount
from xl_nps.metrics import benchmarks, customers as customer_metrics, stats
from xl_nps.metrics.nps import DETRACTOR, PASSIVE, PROMOTER, NpsCounts, counts_from_distribution
from xl_nps.metrics.enps import enps_rating
from xl_nps.metrics.warning import relative_change, revenue_warning
from xl_nps.rules import MIN_GROUP, MIN_TEST_ANSWERS, SMALL_GROUP
from xl_nps.text.mentions import Mentions
from xl_nps.text.themes import alongside, as_in, example, rank_keywords, rank_themes
from xl_nps.values import cell_text
from xl_nps.workbook import names as L
from xl_nps.workbook.read.respondents import CustomerPeriod, Problem, Respondents
from xl_nps.workbook.report import employee as employee_report
from xl_nps.workbook.report.answers import SheetAnswers
from xl_nps.workbook.report.model import (
    CHANGE, DATE, INT, P_VALUE, PCT, POINTS, SIGNED_PCT, Chart, Report, Sheet, Table,
)

TOP_THEMES = 10
TOP_PER_CATEGORY = 5
# Lists longer than a person reads are cut (the Respondents sheet holds every answer); a
# B2B survey of a few hundred clients never reaches these.
MAX_CALLBACKS = 300  # per quarter, worst first
MAX_COMMENTS = 100  # per category and quarter


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
    index: int  # the quarter's number, oldest first
    distribution: np.ndarray
    counts: NpsCounts
    interval: stats.Interval
    margin: float
    minimum: int  # the report's fewest answers to judge a quarter

    @property
    def small(self) -> bool:
        """Fewer answers than the report's minimum: shown, marked, and no change involving it is tested."""
        return self.counts.n < self.minimum

    @property
    def note(self) -> str:
        if not self.small:
            return ""
        n = int(self.counts.n)
        return f"only {n} answer{'' if n == 1 else 's'} of the {self.minimum} needed to judge a quarter: read with care"


def _figures(label: str, index: int, dist: np.ndarray, minimum: int) -> QuarterFigures:
    counts = counts_from_distribution(dist)
    return QuarterFigures(label, index, dist, counts, stats.confidence_interval(counts),
                          stats.margin_of_error(counts), minimum)


class MentionCounts:
    """How many comments of each quarter and category (0 detractors, 1 passives, 2 promoters)
    mention each theme key, counted in one pass over all mentions; and each key's spread over
    all those groups (the boilerplate measure of ``xl_nps.text.themes``)."""

    def __init__(self, analysis: Mentions, quarter_of: np.ndarray, slot: np.ndarray, quarters: int):
        self.analysis = analysis
        self.quarter_of, self.slot = quarter_of, slot
        self.names, self.keys = analysis.names, len(analysis.names)
        group = quarter_of * 3 + slot
        codes = np.sort(group[analysis.comment] * self.keys + analysis.key)
        starts = np.flatnonzero(np.concatenate([[True], codes[1:] != codes[:-1]])) if len(codes) else np.zeros(0, dtype=np.int64)
        self.codes, self.counts = codes[starts], np.diff(np.append(starts, len(codes)))
        self.bounds = np.searchsorted(self.codes, np.arange(3 * quarters + 1) * self.keys)
        self.said = bincount(group[analysis.said], minlength=3 * quarters).reshape(quarters, 3)
        # spread: a key missing from a group that commented has spread 0; otherwise its smallest share
        group_of, key_of = self.codes // max(self.keys, 1), self.codes % max(self.keys, 1)
        commented = self.said.reshape(-1)
        share = self.counts / np.maximum(commented[group_of], 1)
        lowest = np.full(self.keys, np.inf)
        np.minimum.at(lowest, key_of, share)
        everywhere = bincount(key_of, minlength=self.keys) == np.count_nonzero(commented)
        self.spread = np.where(everywhere & np.isfinite(lowest), lowest, 0.0)
        self._masks: dict = {}
        self.quotable = True  # or a mask: the answers whose comments may be quoted (employee surveys)

    def by_category(self, quarter: int) -> np.ndarray:
        """(keys, 3): the detractors, passives and promoters of a quarter mentioning each key."""
        out = np.zeros((self.keys, 3), dtype=np.int64)
        for slot in range(3):
            g = quarter * 3 + slot
            part = slice(self.bounds[g], self.bounds[g + 1])
            out[self.codes[part] - g * self.keys, slot] = self.counts[part]
        return out

    def shares(self, quarter: int, slots=(0, 1, 2)) -> np.ndarray:
        """Share of the commenting respondents of a quarter (in those categories) who mention each key."""
        said = int(self.said[quarter, list(slots)].sum())
        counts = self.by_category(quarter)[:, list(slots)].sum(axis=1)
        return counts / said if said else np.zeros(self.keys)

    def _mask(self, quarter: int | None, slot: int | None) -> np.ndarray:
        """The answers of a quarter, of a category, or of a category in a quarter."""
        if (quarter, slot) not in self._masks:
            if slot is None:
                self._masks[(quarter, slot)] = self.quarter_of == quarter
            elif quarter is None:
                self._masks[(quarter, slot)] = self.slot == slot
            else:
                self._masks[(quarter, slot)] = self._mask(quarter, None) & self._mask(None, slot)
        return self._masks[(quarter, slot)]

    def hidden(self, key: int) -> bool:
        """Whether a key is said alongside a bigger one (not shown)."""
        return alongside(self.analysis, key)

    def described(self, key: int, quarter: int, prefer_slot: int | None) -> tuple[str, str]:
        """(phrases, example comment) of a key in a quarter; the example from the comments of
        ``prefer_slot`` (0 detractors, 1 passives, 2 promoters) when any of them mentions it."""
        in_quarter = self._mask(quarter, None) if self.quotable is True else self._mask(quarter, None) & self.quotable
        prefer = None if prefer_slot is None else self._mask(None, prefer_slot)
        return as_in(self.analysis, key, in_quarter), example(self.analysis, key, in_quarter, prefer)

    def described_in_group(self, key: int, quarter: int, slot: int) -> tuple[str, str]:
        """(phrases, example comment) of a key among one category's comments in a quarter."""
        group = self._mask(quarter, slot) if self.quotable is True else self._mask(quarter, slot) & self.quotable
        return as_in(self.analysis, key, group), example(self.analysis, key, group)


def _compare(a: QuarterFigures | None, b: QuarterFigures | None) -> stats.Change | None:
    """The change from quarter b to a under the one small-sample rule (:func:`stats.change`):
    tested only when both have the report's minimum of answers (and at least 10)."""
    if a is None or b is None:
        return None
    return stats.change(a.counts, b.counts, min_n=a.minimum)


def _p_value_cell(change: stats.Change):
    """The p-value, or why there is none ("too few answers")."""
    return change.p_value if change.test is not None else change.reason


def _verdict(change: stats.Change) -> str:
    if change.test is None:
        return "not tested"
    return "yes" if change.significant else "no"


def _previous_year(label: str) -> str:
    year, q = label.split(" ")
    return f"{int(year) - 1} {q}"


def build_report(
    data,
    customer_periods: list[CustomerPeriod] = (),
    customer_problems: list[Problem] = (),
    edits: dict[str, tuple[str, str]] | None = None,
    progress=None,
    min_answers: int = SMALL_GROUP,
    origin: str = "",
    min_group: int = MIN_GROUP,
) -> Report:
    """The whole report: one sheet per quarter, Periods and Problems. ``data`` is the
    Respondents sheet or any other answers of ``report.answers`` (``origin`` then says where
    they came from, on the Periods sheet).

    A quarter with fewer than ``min_answers`` answers keeps its NPS and interval but is marked
    ("read with care"), and a change involving it shows "too few answers" instead of a p-value
    (never significant); no change is tested under 10 answers a quarter whatever the minimum.
    An employee survey (``data.employee``) follows the anonymity rule with ``min_group``
    (``report.employee``).
    """
    edits = edits or {}
    answers = SheetAnswers(data) if isinstance(data, Respondents) else data
    quarters = answers.quarters
    figures = {q: _figures(q, i, answers.distribution(i), min_answers) for i, q in enumerate(quarters)}

    problems = list(answers.problems) + list(customer_problems)
    churn_by_quarter: dict[str, tuple[float, float]] = {}
    amounts: dict[str, tuple[float | None, float | None]] = {}  # revenue, profit
    for period in customer_periods:
        label = quarter_label(period.period)
        if label is None:
            problems.append(Problem(L.CUSTOMERS_SHEET, period.row, "A", period.period, "the period must name a quarter, such as 2026 Q3"))
            continue
        amounts[label] = (period.revenue, period.profit)
        if period.start is None:
            continue
        try:
            churn_by_quarter[label] = (
                customer_metrics.churn(period.start, period.end, period.new),
                customer_metrics.retention(period.start, period.end, period.new),
            )
        except XlNpsError as error:
            problems.append(Problem(L.CUSTOMERS_SHEET, period.row, "B", period.period, str(error)))

    analysis, quarter_of, slots = answers.mentions(progress)
    privacy = None
    if getattr(data, "employee", False):  # an employee survey of the Respondents sheet
        privacy = employee_report.plan(data, quarter_of, len(quarters), min_group)
        analysis = privacy.mentions(analysis)
        problems = privacy.problems(problems, data)
        answers = SheetAnswers(privacy.quotable(data))  # from here on no hidden comment can be quoted
    mentions = MentionCounts(analysis, quarter_of, slots, len(quarters))
    if privacy is not None:
        mentions.quotable = ~privacy.hidden_answers  # no example or phrase from a hidden answer
    shown = [q for i, q in enumerate(quarters) if privacy is None or i not in privacy.hidden_quarters]
    sheets = [_periods_sheet(quarters, figures, churn_by_quarter, min_answers, origin, amounts, privacy)]
    for i, q in enumerate(shown):
        previous = figures[shown[i - 1]] if i > 0 else None
        last_year = figures.get(_previous_year(q)) if _previous_year(q) in shown else None
        sheets.append(_quarter_sheet(answers, figures[q], previous, last_year, edits, mentions, privacy,
                                     _warning(figures[q], previous, amounts)))
    sheets.append(_comments_sheet(shown, figures, mentions))
    sheets.append(_problems_sheet(problems))
    return Report(sheets=sheets, answers=answers.count, quarters=quarters, problems=sum(p.rows for p in problems),
                  changed=sum(p.used for p in problems), min_answers=min_answers,
                  small_quarters=[q for q in quarters if figures[q].small])


def _amounts(amounts: dict, f, previous, k: int):
    """(previous quarter's amount, this quarter's) of revenue (k = 0) or profit (1), or None."""
    if previous is None or f.label not in amounts or previous.label not in amounts:
        return None
    pair = (amounts[previous.label][k], amounts[f.label][k])
    return None if None in pair else pair


def _warning(f: QuarterFigures, previous: QuarterFigures | None, amounts: dict) -> str:
    """The revenue-up, loyalty-down warning of a quarter (metrics.warning), judged on the same
    test of the NPS change as the Periods sheet shows."""
    return revenue_warning(_compare(f, previous), _amounts(amounts, f, previous, 0), _amounts(amounts, f, previous, 1))


def _periods_sheet(quarters, figures, churn_by_quarter, min_answers: int, origin: str = "", amounts=None,
                   privacy=None) -> Sheet:
    amounts = amounts or {}
    money = privacy is None and any(v is not None for pair in amounts.values() for v in pair)
    rows = []
    previous = None
    for i, q in enumerate(quarters):
        f = figures[q]
        if privacy is not None and i in privacy.hidden_quarters:
            rows.append([q, privacy.quarter_note()])  # padded to the header below
            continue
        change = _compare(f, previous)
        churn, retention = churn_by_quarter.get(q, ("", ""))
        row = [
            q, f.counts.n, f.counts.promoter_share, f.counts.passive_share, f.counts.detractor_share,
            f.counts.nps, f.interval.low, f.interval.high, f.margin,
            "" if change is None else change.difference, "" if change is None else _p_value_cell(change),
            "" if change is None else _verdict(change),
        ]
        if money:
            row += [_change_or_blank(_amounts(amounts, f, previous, 0)), _change_or_blank(_amounts(amounts, f, previous, 1))]
        if privacy is None:
            row += [churn, retention]
        if money:
            row.append(_warning(f, previous, amounts))
        rows.append(row + [f.note])
        previous = f
    header = ["Quarter", "Respondents", "Promoters", "Passives", "Detractors", "NPS", "CI low", "CI high",
              "Margin of error", "Change", "p-value", "Significant?"]
    header += ["Revenue change", "Profit change"] if money else []
    header += ["Churn", "Retention"] if privacy is None else []
    header += (["Warning"] if money else []) + ["Note"]
    rows = [[row[0]] + [""] * (len(header) - 2) + [row[1]] if len(row) == 2 else row for row in rows]  # hidden quarters
    formats = {"Promoters": PCT, "Passives": PCT, "Detractors": PCT, "NPS": POINTS, "CI low": POINTS,
               "CI high": POINTS, "Margin of error": POINTS, "Change": CHANGE, "p-value": P_VALUE,
               "Churn": PCT, "Retention": PCT, "Revenue change": SIGNED_PCT, "Profit change": SIGNED_PCT}
    note = ("CI: 95% adjusted-Wald interval (Rocks 2016). Change: against the quarter before, "
            "with a two-sided z-test at 95%, made only when both quarters have at least "
            f"{max(min_answers, MIN_TEST_ANSWERS)} answers; otherwise \"too few answers\", never significant.")
    if privacy is not None:
        note += (f" A quarter with fewer than {privacy.min_group} answers is hidden; the next one is compared "
                 "with the quarter shown before it.")
    else:
        note += " Churn and retention come from the Customers sheet."
    if money:
        note += (" Revenue and profit change: against the quarter before, from the Customers sheet. Warning: "
                 "revenue or profit rose while the NPS fell significantly.")
    table = Table("All quarters", header, rows, formats, note=note)
    charts = [
        Chart("line", "NPS by quarter with its 95% interval", 0, "Quarter", ["NPS", "CI low", "CI high"], "NPS"),
        Chart("stacked", "Promoters, passives and detractors", 0, "Quarter", ["Promoters", "Passives", "Detractors"], "Share"),
    ]
    note = f"Answers from {origin}, not from the Respondents sheet." if origin else ""
    title = "Employee Net Promoter Score (eNPS) by quarter" if privacy is not None else "Net Promoter Score by quarter"
    return Sheet(L.PERIODS_SHEET, title, [table], charts, note=note)


def _change_or_blank(pair) -> float | str:
    change = relative_change(pair)
    return "" if change is None else change


def _quarter_sheet(data, f: QuarterFigures, previous, last_year, edits, mentions: MentionCounts,
                   privacy=None, warning: str = "") -> Sheet:
    c = f.counts
    headline = [
        ["Respondents", c.n, INT],
        ["Employee Net Promoter Score (eNPS)" if privacy is not None else "Net Promoter Score", c.nps, POINTS],
        ["95% interval: low", f.interval.low, POINTS],
        ["95% interval: high", f.interval.high, POINTS],
        ["Margin of error (95%)", f.margin, POINTS],
        ["Rating", enps_rating(c.nps) if privacy is not None else benchmarks.rating(c.nps), None],
    ]
    if f.small:
        headline.append(["Note", f.note, None])
    for name, other in (("the previous quarter", previous), ("the same quarter last year", last_year)):
        change = _compare(f, other)
        if other is None:
            headline.append([f"Change against {name}", "no data", None])
            continue
        headline.append([f"Change against {name} ({other.label})", change.difference, CHANGE])
        if change.test is None:
            headline.append(["  p-value", change.reason, None])
        else:
            verdict = "significant" if change.significant else "not significant"
            headline.append([f"  p-value ({verdict} at 95%)", change.p_value, P_VALUE])
    if warning:
        headline.append(["Warning", warning, None])
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
    ]
    if privacy is not None:
        tables += privacy.group_tables(data.data, f.index)
        tables += [_themes_table(f, previous, mentions), privacy.comments_table(data.data, f.index, MAX_COMMENTS)]
        return Sheet(f.label, f"{f.label}: Employee Net Promoter Score (eNPS)", tables,
                     note=f"Generated by xl-nps refresh: replaced on every refresh. Groups with fewer than "
                          f"{privacy.min_group} answers are hidden everywhere.")
    tables += [
        _segments_table(data, f),
        _themes_table(f, previous, mentions),
        _followup_table(data, f, edits),
        _comments_table(data, f),
    ]
    return Sheet(f.label, f"{f.label}: Net Promoter Score", tables,
                 note="Generated by xl-nps refresh: replaced on every refresh. Owner and Follow-up status "
                      "typed in the call-back list are kept.")


def _segments_table(data, f: QuarterFigures) -> Table:
    rows = []
    for name, distribution in sorted(data.segments(f.index), key=lambda item: item[0].casefold()):
        counts = counts_from_distribution(distribution)
        note = f"fewer than {f.minimum} answers: read with care" if counts.n < f.minimum else ""
        rows.append([name, counts.n, counts.nps, stats.margin_of_error(counts), note])
    return Table("NPS by segment", ["Segment", "Respondents", "NPS", "Margin of error", "Note"], rows,
                 {"NPS": POINTS, "Margin of error": POINTS})


def _themes_table(f: QuarterFigures, previous, mentions: MentionCounts) -> Table:
    said = int(mentions.said[f.index].sum())
    found = rank_themes(mentions.by_category(f.index), f.counts, said, mentions.names, TOP_THEMES,
                        spread=mentions.spread, hidden=mentions.hidden)
    now = mentions.shares(f.index)
    before = mentions.shares(previous.index) if previous is not None else None
    table_rows = []
    for t in found:
        phrases, said_as = mentions.described(t.key, f.index, None if t.impact == 0 else (0 if t.impact < 0 else 2))
        table_rows.append([t.theme, t.detractors, t.passives, t.promoters, t.nps, t.gap, t.impact, float(now[t.key]),
                           float(before[t.key]) if before is not None else "", phrases, said_as])
    return Table(
        "Themes: what drags the NPS down (first) and what lifts it (last)",
        ["Theme", "Detractors", "Passives", "Promoters", "NPS of those who mention it", "Difference from NPS",
         "Impact on NPS", "Share of comments", "Share previous quarter", "As in", "Example"],
        table_rows,
        {"NPS of those who mention it": POINTS, "Difference from NPS": CHANGE, "Impact on NPS": "+0.00;-0.00;0.00",
         "Share of comments": PCT, "Share previous quarter": PCT},
        note="Impact: (NPS of those who mention it - NPS) x their share of respondents, damped for themes few "
             "people mention; words every group uses count less. A theme is a word in all its forms (price, "
             "prices, pricing) with the phrases it is said in; Example: a typical comment (a detractor's for "
             "themes that drag the NPS down, a promoter's for those that lift it).",
    )


def _comments_sheet(quarters, figures, mentions: MentionCounts) -> Sheet:
    tables = []
    for i in range(len(quarters) - 1, -1, -1):
        f = figures[quarters[i]]
        previous = figures[quarters[i - 1]] if i > 0 else None
        rows = []
        for slot, name in enumerate(("Detractors", "Passives", "Promoters")):
            counts = mentions.by_category(f.index)[:, slot]
            before = mentions.shares(previous.index, (slot,)) if previous is not None else None
            for k in rank_keywords(counts, int(mentions.said[f.index, slot]), mentions.names, TOP_PER_CATEGORY,
                                   spread=mentions.spread, hidden=mentions.hidden):
                phrases, said_as = mentions.described_in_group(k.key, f.index, slot)
                if before is None:
                    rows.append([name, k.keyword, k.mentions, k.share, "", "", phrases, said_as])
                else:
                    rows.append([name, k.keyword, k.mentions, k.share, float(before[k.key]),
                                 100.0 * (k.share - float(before[k.key])), phrases, said_as])
        label = f"{f.label} against {previous.label}" if previous is not None else f.label
        tables.append(Table(
            f"{label}: what each group talks about",
            ["Category", "Theme", "Mentions", "Share of the group's comments", "Share previous quarter",
             "Change (points)", "As in", "Example"],
            rows, {"Share of the group's comments": PCT, "Share previous quarter": PCT, "Change (points)": CHANGE},
        ))
    return Sheet(L.COMMENTS_SHEET, "Comments: themes by quarter and category", tables,
                 note="Newest quarter first. A theme is a word in all its forms with the phrases it is said in "
                      "(As in), or a phrase that means more than its words (customer service); words every group "
                      "uses count less. Example: a typical comment of the group. The call-back lists are on each "
                      "quarter's sheet.")


def _followup_table(data, f: QuarterFigures, edits) -> Table:
    listed, total = data.callbacks(f.index, MAX_CALLBACKS)
    note = ("Owner and Follow-up status come from the Respondents sheet; what you type here is kept on "
            "refresh when the Respondents cells are empty.")
    if total > MAX_CALLBACKS:
        note += (f" Showing the {MAX_CALLBACKS:,} lowest scores of {total:,} detractors; filter the "
                 "Respondents sheet by Category for all of them.")
    rows = []
    for day, respondent, company, score, comment, owner, status, sheet_row in listed:
        key = followup_key(day, respondent, company, score, comment)
        typed_owner, typed_status = edits.get(key, ("", ""))
        rows.append([respondent, company, day, score, comment, owner or typed_owner, status or typed_status,
                     sheet_row, key])
    return Table(
        "Detractors to call back (worst first)",
        ["Respondent", "Company", "Date", "Score", "Comment", "Owner", "Follow-up status", "Respondents row", "Key"],
        rows, {"Date": DATE}, note=note,
        excel_table="Callbacks_" + f.label.replace(" ", "_"), hidden=("Key",),
    )


def _comments_table(data, f: QuarterFigures) -> Table:
    rows, over = [], []
    for slot, name in enumerate((DETRACTOR, PASSIVE, PROMOTER)):
        listed, total = data.comments(f.index, slot, MAX_COMMENTS)
        if total > MAX_COMMENTS:
            over.append(f"{total:,} {name.lower()}s")
        rows += [[respondent, company, name, score, comment] for score, respondent, company, comment in listed]
    note = (f"Showing the first {MAX_COMMENTS} comments of each category (lowest scores first) of {', '.join(over)}; "
            "the themes above and the Comments sheet cover them all." if over else "")
    # the columns of the call-back list above (Respondent, Company, ..., Score, Comment), so that
    # the two lists share their column widths on the sheet
    return Table("Comments by category", ["Respondent", "Company", "Category", "Score", "Comment"], rows, note=note)


def _problems_sheet(problems: list[Problem]) -> Sheet:
    rows = [[p.sheet, p.row, p.column, p.value if isinstance(p.value, str) else cell_text(p.value), p.reason]
            for p in problems]
    note = ("These rows were left out of the report. Nothing was changed or deleted: fix them in their sheet "
            "and refresh again." if rows else "No problems: every row with a score was used.")
    if any(p.used for p in problems):
        note = ("Rows whose reason ends \"the answer is used\" are in the report with a character of their text "
                "replaced by \ufffd; the others were left out. Nothing was changed or deleted: fix them in their "
                "sheet and refresh again.")
    return Sheet(L.PROBLEMS_SHEET, "Rows the report could not use",
                 [Table("Problems", ["Sheet", "Row", "Column", "Value", "Reason"], rows)], note=note)
