"""Which column of an export is the score, the date, the comment, the respondent, the company
and the segment: content first (``profile.py``), headers second (``headers.py``).

* **Score**: nearly all answers (80%) whole numbers 0-10 or labels such as "10 - Extremely
  likely", AND a header that asks the recommend question (in any of ``headers.RECOMMEND``'s
  languages) or names a score (NPS, Score, Rating...). Never a column of only 0/1 or yes/no
  (a yes/no recommend question is refused, saying so), never a ranking, never Likert text,
  never a scale that stays within 1-5 or 1-7 (10 answers or more). Of several, a recommend
  question before a score header, then the leftmost; the others are named in a warning.
* **Date**: 80% of the answers read as dates (half under a date header; numbers only under a
  date header, as Excel date numbers). Of several, the submission date ("Submit Date", "End Date", "RecordedDate",
  "Timestamp" and its translations) before any other, and a start or creation date last.
  None: refused, naming ``--date`` and ``--answered-on``.
* **Comment**: free text (sentences, not a few repeated choices, not numbers): first one that
  asks why, then one that asks for comments, then the first free text after the score, then
  any free text.
* **Respondent**: e-mail addresses; else the tool's response id (``#``, "Respondent ID",
  ``ResponseId``, 序号) if nearly all distinct; else a column of names ("Name", "Contact").
* **Company** and **Segment**: short labels (never numbers, never sentences) under a company
  header ("Company", "Empresa", "公司名称"; never a "how many" question) or a segment header
  ("Segment"; or exactly "Plan", "Tier", "Customer type", "Region").
* **Department**, **Team** and **Tenure** (employee surveys): short labels under a department
  header ("Department", "Dept", "Abteilung", "Отдел", "Département", "Departamento", "部门") or a
  team header ("Team", "Equipo", "Команда", "团队"), never under a question ("How do you rate
  your team?" holds ratings, not teams); tenure: short labels or numbers under a tenure header
  ("Tenure", "Years of service", "Antigüedad", "Стаж", "工龄"), questions included ("How long
  have you worked here?"). Taken only when found or named; only an employee workbook stores them.

An explicit choice (``--score "..."``) always wins; a score or date chosen so is still
refused when its content cannot be one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from xl_nps.errors import XlNpsError, quote
from xl_nps.rules import SMALL_SCALE_MIN_ANSWERS
from xl_nps.values import column_letter
from xl_nps.workbook import names as L
from xl_nps.workbook.read import headers as H
from xl_nps.workbook.read.profile import Profile

SCORE_SHARE = 0.8  # of a column's answers that must read as 0-10 scores
DATE_SHARE = 0.8
EXPLICIT_SHARE = 0.5  # a column named with --score or --date must read in at least half its rows
FLAGS = {L.SCORE: "--score", L.DATE: "--date", L.COMMENT: "--comment", L.RESPONDENT: "--respondent",
         L.COMPANY: "--company", L.SEGMENT: "--segment",
         L.DEPARTMENT: "--department", L.TEAM: "--team", L.TENURE: "--tenure"}


@dataclass
class Column:
    index: int
    names: list[str]  # the header texts as written, one per header row
    label: str  # the header as the summary names it
    profile: Profile

    @cached_property
    def folded(self) -> list[str]:
        return [H.fold(n) for n in self.names + [self.label] if str(n).strip()]

    @property
    def shown(self) -> str:
        """Column letter and header, as a message names it."""
        return f"column {column_letter(self.index + 1)} {quote(self.label, 70)}"

    def says(self, what: str) -> bool:
        return H.says(self.folded, what)

    def is_named(self, wanted: set) -> bool:
        return any(name in wanted for name in self.folded)


@dataclass
class Choice:
    """The column taken for a field (None: none), why, and the others that also qualified."""

    column: Column | None
    reason: str
    others: list[Column] = field(default_factory=list)


def percent(count: int, whole: int) -> str:
    share = 100 * count / whole if whole else 0
    return f"{share:.0f}%" if share >= 1 or share == 0 else "under 1%"


def find_column(columns: list[Column], wanted: str, name: str) -> Column:
    """The column a user named (any of its header rows, or the summary's label; case and spacing ignored)."""
    target = H.fold(wanted)
    for column in columns:
        if target and target in column.folded:
            return column
    shown = ", ".join(quote(c.label) for c in columns if c.label.strip())
    raise XlNpsError(f"the export has no column named {quote(wanted)} for {name}; its columns are: {shown}")


def choose_columns(columns: list[Column], mapping: dict[str, str | None] | None = None,
                   answered_on: bool = False, rows_seen: int = 0) -> dict[str, Choice]:
    """The column for each field (see the module docstring); raises XlNpsError when there is
    no score or no date to be had."""
    mapping = {k: v for k, v in (mapping or {}).items() if v}
    chosen: dict[str, Choice] = {}
    for name, wanted in mapping.items():
        column = find_column(columns, wanted, name)
        if name == L.SCORE:
            _check_explicit_score(column)
        if name == L.DATE:
            _check_explicit_date(column)
        chosen[name] = Choice(column, f"named with {FLAGS[name]}")
    used = {c.column.index for c in chosen.values()}
    free = [c for c in columns if c.index not in used]
    if L.SCORE not in chosen:
        chosen[L.SCORE] = _score(free, columns)
    score_index = chosen[L.SCORE].column.index
    free = [c for c in free if c.index != score_index]
    if L.DATE not in chosen:
        chosen[L.DATE] = Choice(None, "--answered-on: every answer gets that day") if answered_on else _date(free, columns)
    pickers = ((L.RESPONDENT, _respondent), (L.COMMENT, lambda f: _comment(f, score_index)),
               (L.COMPANY, _company), (L.SEGMENT, _segment))
    for name, pick in pickers:
        taken = {c.column.index for c in chosen.values() if c.column is not None}
        free = [c for c in columns if c.index not in taken]
        if name not in chosen:
            chosen[name] = pick(free)
    for name in L.GROUP_COLUMNS:  # an employee survey's groups: only when there is such a column
        taken = {c.column.index for c in chosen.values() if c.column is not None}
        if name not in chosen:
            found = _group(name, [c for c in columns if c.index not in taken])
            if found is not None:
                chosen[name] = found
    order = (L.DATE, L.RESPONDENT, L.COMPANY, L.SEGMENT, L.SCORE, L.COMMENT) + L.GROUP_COLUMNS
    return {name: chosen[name] for name in order if name in chosen}


# ---------------------------------------------------------------- score

def score_problem(p: Profile) -> str | None:
    """Why a column's content cannot be NPS scores (None: it can)."""
    if not p.filled:
        return "is empty"
    if p.ranking:
        return "is a ranking (each of 1..k once per respondent), not a 0-10 score"
    if p.yes_no_only:
        return f"is yes/no (it holds only {_yes_no(p)}), not a 0-10 score"
    if p.score_share < SCORE_SHARE:
        if p.textual and p.first_texts:
            return f"holds text such as {quote(p.first_texts[0])}, not 0-10 scores"
        return f"holds whole numbers 0-10 in only {percent(p.scores, p.filled)} of its answers"
    if p.scores >= SMALL_SCALE_MIN_ANSWERS and p.highest_score <= 7:
        top = 5 if p.highest_score <= 5 else 7
        return f"never goes above {top}: a 1-{top} rating, not a 0-10 score"
    return None


def _yes_no(p: Profile) -> str:
    if p.scores == p.filled:
        return " and ".join(str(v) for v in sorted(p.score_values, reverse=True))
    return " and ".join(quote(t) for t in p.first_texts[:2])


def _score_reason(column: Column) -> str:
    p = column.profile
    why = "asks the recommend question" if column.says("recommend") else "its header names a score"
    return f"whole numbers 0-10 in {percent(p.scores, p.filled)} of its {p.filled:,} answers; {why}"


def _score(free: list[Column], columns: list[Column]) -> Choice:
    candidates = [c for c in free if (c.says("recommend") or c.says("score")) and score_problem(c.profile) is None]
    if candidates:
        candidates.sort(key=lambda c: (not c.says("recommend"), c.index))
        return Choice(candidates[0], _score_reason(candidates[0]), candidates[1:])
    asking = [c for c in free if c.says("recommend")] or [c for c in free if c.says("score")]
    if asking:
        column = asking[0]
        problem = score_problem(column.profile)
        if column.profile.yes_no_only:
            raise XlNpsError(
                f"the recommend question {column.shown} is yes/no (it holds only {_yes_no(column.profile)}), "
                "not a 0-10 score, so there is no NPS to compute; if another column holds the 0-10 answers, "
                "name it with --score \"COLUMN\"")
        raise XlNpsError(f"no 0-10 score column: {column.shown} {problem}; "
                         "if another column holds the 0-10 answers, name it with --score \"COLUMN\"")
    numbers = [c for c in free if score_problem(c.profile) is None]
    if numbers:
        shown = " and ".join(quote(c.label) for c in numbers[:3])
        raise XlNpsError(
            f"no column asks the recommend question or is named NPS, Score or Rating; {shown} "
            f"{'hold' if len(numbers) > 1 else 'holds'} whole numbers 0-10 but may be anything: if one is the "
            f"answer to \"How likely are you to recommend ...?\", name it with --score {quote(numbers[0].label)}")
    shown = ", ".join(quote(c.label) for c in columns if c.label.strip())
    raise XlNpsError(f"no column holds 0-10 answers to the recommend question; name it with --score \"COLUMN\". "
                     f"Columns: {shown}")


def _check_explicit_score(column: Column) -> None:
    p = column.profile
    problem = score_problem(p)
    if problem and (p.yes_no_only or p.ranking or p.score_share < EXPLICIT_SHARE or "never goes above" in problem):
        raise XlNpsError(f"{column.shown}, named with --score, {problem}")


# ---------------------------------------------------------------- date

def _date_tier(column: Column) -> int:
    if column.says("started"):
        return 2
    return 0 if column.says("submitted") else 1


def _dated(column: Column) -> bool:
    p = column.profile
    if not p.filled or column.says("not answer date"):
        return False
    named = column.says("date") or column.says("submitted") or column.says("started")
    if p.share(p.dates) >= (EXPLICIT_SHARE if named else DATE_SHARE):
        return True
    # Excel date numbers under a date header (a CSV written from serial numbers)
    return p.numeric and named


def _date(free: list[Column], columns: list[Column]) -> Choice:
    candidates = sorted((c for c in free if _dated(c)), key=lambda c: (_date_tier(c), c.index))
    if not candidates:
        named = [c for c in free if (c.says("date") or c.says("submitted")) and c.profile.filled]
        hint = ""
        if named:
            first = named[0].profile.first_texts[:1]
            example = f" (such as {quote(first[0])})" if first else ""
            hint = f"{named[0].shown} holds no dates xl-nps reads{example}: name it with --date and give --date-format; "
        raise XlNpsError(
            f"no date column: {hint or 'no column holds dates; '}name one with --date COLUMN, or give every answer "
            "of this file the same day with --answered-on YYYY-MM-DD")
    best = candidates[0]
    p = best.profile
    reason = f"dates in {percent(p.dates, p.filled)} of its {p.filled:,} answers" if p.dates else \
        "numbers under a date header, read as Excel date numbers"
    if len(candidates) > 1:
        others = ", ".join(quote(c.label) for c in candidates[1:3])
        kind = "the submission date" if _date_tier(best) == 0 else "the first date"
        reason += f"; {kind}, not {others}"
    return Choice(best, reason)


def _check_explicit_date(column: Column) -> None:
    p = column.profile
    if p.filled and p.share(p.dates) < EXPLICIT_SHARE and not p.numeric:
        first = f" (such as {quote(p.first_texts[0])})" if p.first_texts else ""
        raise XlNpsError(f"{column.shown}, named with --date, holds no dates xl-nps reads{first}; "
                         "give their form with --date-format, e.g. --date-format \"%d %B %Y\"")


# ---------------------------------------------------------------- comment, respondent, company, segment

def _writes_text(p: Profile) -> bool:
    """Text answers that are not a few repeated choices, numbers or addresses."""
    return p.textual and not p.labels and p.digit_share <= 0.3 and p.share(p.emails) < 0.5


def _comment(free: list[Column], score_index: int) -> Choice:
    def tier(c: Column) -> int | None:
        p = c.profile
        if c.says("reason") and _writes_text(p):
            return 0
        if c.says("comment") and _writes_text(p):
            return 1
        if p.free_text:
            return 2 if c.index > score_index else 3
        return None

    ranked = sorted(((tier(c), c.index, c) for c in free if tier(c) is not None), key=lambda t: (t[0], t[1]))
    if not ranked:
        return Choice(None, "no column of free text")
    level, _, best = ranked[0]
    p = best.profile
    why = ("asks why", "asks for comments", "the first free text after the score", "free text")[level]
    return Choice(best, f"text in {percent(p.texts, p.filled)} of its {p.filled:,} answers, "
                        f"{percent(len(p.distinct), p.filled)} distinct; {why}")


def _respondent(free: list[Column]) -> Choice:
    rows = max((c.profile.filled for c in free), default=0)
    filled = [c for c in free if c.profile.filled >= 0.5 * rows]
    emails = [c for c in filled if c.profile.share(c.profile.emails) >= 0.8]
    if emails:
        best = sorted(emails, key=lambda c: (not c.says("email"), c.index))[0]
        return Choice(best, f"e-mail addresses in {percent(best.profile.emails, best.profile.filled)} of its answers")
    ids = [c for c in filled if (c.is_named(H.RESPONSE_ID) and c.profile.distinct_share >= 0.9)
           or c.is_named({H.fold(L.RESPONDENT)})]
    if ids:
        if ids[0].is_named({H.fold(L.RESPONDENT)}):
            return Choice(ids[0], "named like the Respondents sheet's column")
        return Choice(ids[0], "the export's response id, distinct in every row" if ids[0].profile.distinct_share == 1
                      else "the export's response id")
    people = [c for c in filled if c.is_named(H.PERSON) and c.profile.short_labels and c.profile.distinct_share >= 0.5]
    if people:
        return Choice(people[0], "names of people")
    return Choice(None, "no e-mail, response id or name column")


def _labels_reason(p: Profile, header: str) -> str:
    return f"short text in {percent(p.texts, p.filled)} of its answers, {len(p.distinct):,} distinct; {header}"


def _company(free: list[Column]) -> Choice:
    for c in free:
        if (c.says("company") or c.is_named(H.COMPANY_HEADERS)) and not c.says("how many") \
                and c.profile.short_labels:
            return Choice(c, _labels_reason(c.profile, "a company header"))
    return Choice(None, "no company column")


def _segment(free: list[Column]) -> Choice:
    for c in free:
        if (c.says("segment") or c.is_named(H.SEGMENT_HEADERS)) and c.profile.short_labels:
            return Choice(c, _labels_reason(c.profile, "a segment header"))
    return Choice(None, "no segment column")


def _group(name: str, free: list[Column]) -> Choice | None:
    """An employee survey's department, team or tenure column (see the module docstring)."""
    what = name.lower()
    for c in free:
        if not c.says(what):
            continue
        if name != L.TENURE and any(H.is_question(n) for n in c.names + [c.label] if str(n).strip()):
            continue
        if c.profile.short_labels or (name == L.TENURE and c.profile.numeric):
            return Choice(c, _labels_reason(c.profile, f"a {what} header"))
    return None


# ---------------------------------------------------------------- by name alone

def columns_by_name(header: list[str], mapping: dict[str, str | None] | None = None) -> dict[str, int]:
    """Field -> index of its column, from the column names alone, for sources whose values are
    not looked at here (a database table's columns: ``xl_nps.sources``). An explicit
    ``mapping`` (field -> column name) wins; then, in the order of the module docstring, the
    names: a recommend question or a score header; a submission date, a date, a start date; a
    question asking why, one asking for comments; an e-mail, a response id, a person; a company;
    a segment."""
    columns = [Column(i, [str(h)], str(h), Profile()) for i, h in enumerate(header)]
    found = {name: find_column(columns, wanted, name).index for name, wanted in (mapping or {}).items() if wanted}
    rules = {
        L.SCORE: (lambda c: c.says("recommend"), lambda c: c.says("score")),
        L.DATE: (lambda c: c.says("submitted") and not c.says("started"), lambda c: c.says("date"),
                 lambda c: c.says("started")),
        L.COMMENT: (lambda c: c.says("reason"), lambda c: c.says("comment")),
        L.RESPONDENT: (lambda c: c.says("email"), lambda c: c.is_named(H.RESPONSE_ID | {H.fold(L.RESPONDENT)}),
                       lambda c: c.is_named(H.PERSON)),
        L.COMPANY: (lambda c: (c.says("company") or c.is_named(H.COMPANY_HEADERS)) and not c.says("how many"),),
        L.SEGMENT: (lambda c: c.says("segment") or c.is_named(H.SEGMENT_HEADERS),),
    }
    for name, tiers in rules.items():
        if name in found:
            continue
        used = set(found.values())
        match = next((c.index for tier in tiers for c in columns if c.index not in used and tier(c)), None)
        if match is not None:
            found[name] = match
    if L.SCORE not in found:
        shown = ", ".join(quote(h) for h in header if str(h).strip())
        raise XlNpsError(f"cannot tell which column holds the 0-10 score; name it with --score \"COLUMN\". Columns: {shown}")
    return found
