"""The answers of an outside source, as the report reads them: counts from the engine, and
only the rows the sheets list.

``OutsideAnswers.load`` runs ``queries.COUNTS`` (one GROUP BY), works out from those counts
where each list ends, and fetches just those rows (``queries.LISTED``); the comments for the
themes are streamed (``queries.COMMENTS``) when the report asks for them. The lists are in the
order of the workbook's report: call-backs by score, then day; comments by score, then day;
answers of the same score and day by respondent, company and comment (a source has no sheet
order).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from xl_nps.errors import XlNpsError, quote
from xl_nps.metrics.nps import category_slots, refuse_small_scale_range
from xl_nps.metrics.periods import quarter
from xl_nps.rules import HIGHEST_SCORE, PASSIVE_FROM, PROMOTER_FROM, SCORE_RULE
from xl_nps.sources import queries
from xl_nps.values import as_number, describe
from xl_nps.sources.engines import Source
from xl_nps.workbook import names as L
from xl_nps.workbook.read.respondents import Problem
from xl_nps.text.mentions import find_mentions_in_batches
from xl_nps.workbook.read.survey import recognise_columns

NO_SEGMENT = "(no segment)"
BATCH = 50_000  # comments per batch streamed for the themes
FIELDS = (L.DATE, L.SCORE, L.SEGMENT, L.RESPONDENT, L.COMPANY, L.COMMENT)


@dataclass
class Listed:
    """One answer a sheet lists."""

    score: int
    day: dt.date
    respondent: str
    company: str
    comment: str


@dataclass
class OutsideAnswers:
    """What the report needs of answers counted by an engine."""

    source: Source
    columns: dict[str, str | None]  # our field -> the source's column (None: not there)
    quarters: list[str] = field(default_factory=list)
    distributions: np.ndarray = field(default_factory=lambda: np.zeros((0, 11), dtype=np.int64))
    by_segment: list[dict[str, np.ndarray]] = field(default_factory=list)  # per quarter: name -> 11 counts
    commented: np.ndarray = field(default_factory=lambda: np.zeros((0, 3), dtype=np.int64))  # quarter x slot
    detractors: list[list[Listed]] = field(default_factory=list)  # per quarter, worst first, cut
    with_comments: list[list[list[Listed]]] = field(default_factory=list)  # per quarter and slot, cut
    problems: list[Problem] = field(default_factory=list)
    count: int = 0
    themes: bool = True  # False: the comments are not read (no themes)

    @property
    def origin(self) -> str:
        """Where the answers came from, for the report's note."""
        return self.source.described

    # ------------------------------------------------------------------ what the report reads

    def distribution(self, q: int) -> np.ndarray:
        return self.distributions[q]

    def segments(self, q: int) -> list[tuple[str, np.ndarray]]:
        return sorted(self.by_segment[q].items())

    def callbacks(self, q: int, limit: int) -> tuple[list[tuple], int]:
        rows = [(r.day, r.respondent, r.company, r.score, r.comment, "", "", "") for r in self.detractors[q][:limit]]
        return rows, int(self.distributions[q, :PASSIVE_FROM].sum())

    def comments(self, q: int, slot: int, limit: int) -> tuple[list[tuple], int]:
        rows = [(r.score, r.respondent, r.company, r.comment) for r in self.with_comments[q][slot][:limit]]
        return rows, int(self.commented[q, slot])

    def mentions(self, progress=None):
        """The themes' input, the comments streamed from the engine batch by batch."""
        quarters, slots = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]

        def texts():
            if not self.themes:
                return
            for batch, quarter_of, slot in self.comment_batches():
                quarters.append(quarter_of)
                slots.append(slot)
                yield batch

        analysis = find_mentions_in_batches(texts(), "auto", progress, int(self.commented.sum()))
        return analysis, np.concatenate(quarters), np.concatenate(slots)

    # ------------------------------------------------------------------ loading

    @classmethod
    def load(cls, source: Source, mapping: dict[str, str | None] | None = None,
             callbacks: int = 300, comments: int = 100) -> "OutsideAnswers":
        """Count the answers of ``source`` and fetch the first ``callbacks`` detractors and
        ``comments`` comments per category of each quarter."""
        names = [name for name, _ in source.engine.schema(source.relation)]
        found = recognise_columns(names, {k: v for k, v in (mapping or {}).items() if v})
        if L.DATE not in found:
            raise XlNpsError(f"cannot tell which column of {source.described} holds the answer's date; name it "
                             f"with --date \"COLUMN\". Columns: {', '.join(quote(n) for n in names)}")
        columns = {name: (names[found[name]] if name in found else None) for name in FIELDS}
        out = cls(source, columns)
        out._count()
        out._fetch_listed(callbacks, comments)
        return out

    def _sql(self, template: str, **parts) -> str:
        c = self.columns
        return queries.in_dialect(
            template, self.source.relation, self.source.engine.dialect,
            date=queries.identifier(c[L.DATE]), score=queries.identifier(c[L.SCORE]),
            segment=queries.identifier(c[L.SEGMENT]), respondent=queries.identifier(c[L.RESPONDENT]),
            company=queries.identifier(c[L.COMPANY]), comment=queries.identifier(c[L.COMMENT]), **parts)

    def _count(self) -> None:
        rows = self.source.engine.run(self._sql(queries.COUNTS))
        good = [r for r in rows if r[4] == 0]
        days = sorted({_day(r[0]) for r in good})
        self.quarters = sorted({quarter(day) for day in days})
        number = {q: i for i, q in enumerate(self.quarters)}
        quarter_of = {day: number[quarter(day)] for day in days}
        nq = len(self.quarters)
        self.distributions = np.zeros((nq, HIGHEST_SCORE + 1), dtype=np.int64)
        self.by_segment = [{} for _ in range(nq)]
        self.commented = np.zeros((nq, 3), dtype=np.int64)
        # per quarter: counts of detractors, and of comments per category, by (score, day)
        self._by_score_day = [{} for _ in range(nq)]
        self._comments_by_score_day = [[{} for _ in range(3)] for _ in range(nq)]
        slots = category_slots(np.arange(HIGHEST_SCORE + 1))
        for d, seg, s, c, _, _, n in good:
            day, s, n = _day(d), int(s), int(n)
            qi = quarter_of[day]
            self.distributions[qi, s] += n
            dist = self.by_segment[qi].setdefault(seg or NO_SEGMENT, np.zeros(HIGHEST_SCORE + 1, dtype=np.int64))
            dist[s] += n
            if s < PASSIVE_FROM:
                key = (s, day)
                self._by_score_day[qi][key] = self._by_score_day[qi].get(key, 0) + n
            if c:
                slot = int(slots[s])
                self.commented[qi, slot] += n
                table = self._comments_by_score_day[qi][slot]
                table[(s, day)] = table.get((s, day), 0) + n
        self.count = int(self.distributions.sum())
        self._problems([r for r in rows if r[4] != 0])
        if self.count == 0:
            first = f": {self.problems[0].reason} in column {quote(self.problems[0].column)}" if self.problems else ""
            raise XlNpsError(f"{self.source.described} holds no usable answers{first}")
        total = self.distributions.sum(axis=0)
        answered = np.flatnonzero(total)
        if answered.size:
            try:
                refuse_small_scale_range(int(total.sum()), int(answered[0]), int(answered[-1]))
            except XlNpsError as error:
                raise XlNpsError(f"{self.source.described}, column {quote(self.columns[L.SCORE])}: {error}") from None

    def _problems(self, rows) -> None:
        """The unusable rows, one line per kind and value, with how many rows there are."""
        where = self.source.described
        score, date = self.columns[L.SCORE], self.columns[L.DATE]
        counted: dict[tuple, int] = {}
        for _, _, _, _, kind, bad, n in rows:
            number = as_number(bad)  # 11 whichever way the engine writes the number as text (11.0, 11)
            text = "" if bad is None or int(kind) == 1 else (describe(number) if number is not None else str(bad).strip())
            key = (int(kind), text)
            counted[key] = counted.get(key, 0) + int(n)
        for (kind, bad), n in sorted(counted.items(), key=lambda item: (item[0][0], -item[1], item[0][1]))[:200]:
            rows_text = f"{n:,} row{'s' if n > 1 else ''}"
            if kind == 1:
                self.problems.append(Problem(where, n, score, "", f"{rows_text} without a score; left out"))
            elif kind == 2:
                self.problems.append(Problem(where, n, score, bad, f"{rows_text}: {SCORE_RULE}"))
            else:
                self.problems.append(Problem(where, n, date, "", f"{rows_text} without a date: they belong to no quarter"))

    def _fetch_listed(self, callbacks: int, comments: int) -> None:
        """The call-back and comment rows, fetched in one query cut in the engine."""
        nq = len(self.quarters)
        self.detractors = [[] for _ in range(nq)]
        self.with_comments = [[[] for _ in range(3)] for _ in range(nq)]
        cuts, highest = [], {}
        for qi, q in enumerate(self.quarters):
            code = int(q[:4]) * 4 + int(q[-1]) - 1
            for number, (counts, limit) in enumerate([(self._by_score_day[qi], callbacks)] + [
                    (self._comments_by_score_day[qi][slot], comments) for slot in range(3)]):
                cut = _cut(counts, limit)
                if cut is not None:
                    score, day = cut
                    cuts.append(f"({code}, {number}, {score * 10**8 + day.year * 10**4 + day.month * 100 + day.day})")
                    highest[number] = max(highest.get(number, 0), score)
        if not cuts:
            return
        lowest = {0: 0, 1: 0, 2: PASSIVE_FROM, 3: PROMOTER_FROM}
        scores = " OR ".join(f"(x BETWEEN {lowest[n]} AND {top}{'' if n == 0 else ' AND has_comment = 1'})"
                             for n, top in sorted(highest.items()))
        number = {q: i for i, q in enumerate(self.quarters)}
        order = lambda r: (r.score, r.day, r.respondent, r.company, r.comment)  # noqa: E731
        fetched = sorted(((kind, Listed(int(s), _day(d), who, company, comment)) for kind, s, d, who, company, comment
                          in self.source.engine.run(self._sql(queries.LISTED, cuts=", ".join(cuts), scores=scores))),
                         key=lambda item: order(item[1]))
        for kind, row in fetched:
            qi = number[quarter(row.day)]
            if kind == 0:
                if len(self.detractors[qi]) < callbacks:
                    self.detractors[qi].append(row)
            elif len(self.with_comments[qi][kind - 1]) < comments:
                self.with_comments[qi][kind - 1].append(row)

    # ------------------------------------------------------------------ comments for the themes

    def comment_batches(self, size: int = BATCH):
        """(comments, quarter numbers, category slots) of every usable comment, in batches."""
        codes = [int(q[:4]) * 4 + int(q[-1]) - 1 for q in self.quarters]
        first = min(codes, default=0)
        number = np.full(max(codes, default=0) - first + 1, -1, dtype=np.int64)
        number[np.asarray(codes, dtype=np.int64) - first] = np.arange(len(codes))
        for quarter_codes, slots, texts in self.source.engine.stream_columns(self._sql(queries.COMMENTS), size):
            yield texts, number[np.asarray(quarter_codes, dtype=np.int64) - first], np.asarray(slots, dtype=np.int64)


def _day(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _cut(counts: dict[tuple[int, dt.date], int], limit: int):
    """The last (score, day) a list of ``limit`` rows in (score, day) order reaches; None
    when there is nothing to list."""
    total = 0
    for key in sorted(counts):
        total += counts[key]
        if total >= limit:
            return key
    return max(counts) if counts else None
