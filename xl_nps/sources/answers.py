"""The answers of an outside source, as the report reads them: counts from the engine, and
only the rows the sheets list.

``OutsideAnswers.load`` runs ``queries.COUNTS`` (one GROUP BY), works out from those counts
where each list ends, and fetches just those rows; the comments for the themes are streamed
(``queries.COMMENTS``) when the report asks for them.

The lists are in the order of the workbook's report (``workbook/report/answers.py``):
call-backs by score, then day, then sheet row; comments by score, then sheet row. Two roads:

* A source whose engine tells each row's place in it (``Source.placed``: DuckDB over Parquet
  files, the files in name order, and over its own tables) keeps that order exactly, its place
  standing for the sheet row. Each list reads the source from its start, stretch by stretch
  (``queries.PLACED``), until the counts tell that its first rows are all met: the rows a list
  shows are most often the first of their score and day in the file, in its first row groups,
  so the engine reads the text of little more than those (over 100 million answers in 100
  row groups: about 17 row groups for the call-backs, one for the comments).
* Other sources (DuckDB over CSV, PostgreSQL, Spark, SQLAlchemy URLs) have no sheet order: the
  engine keeps every row up to the (score, day) where each list ends (``queries.LISTED``, by
  plain comparisons it applies while it reads), and both lists are by score, then day, then
  respondent, company and comment.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

import numpy as np

from xl_nps.errors import XlNpsError, quote
from xl_nps.metrics.nps import category_slots, refuse_small_scale_range
from xl_nps.metrics.periods import quarter
from xl_nps.rules import HIGHEST_SCORE, PASSIVE_FROM, PROMOTER_FROM, SCORE_RULE
from xl_nps.sources import queries
from xl_nps.values import cell_text, describe
from xl_nps.sources.engines import Source
from xl_nps.workbook import names as L
from xl_nps.workbook.read.respondents import Problem
from xl_nps.text.mentions import find_mentions_in_batches
from xl_nps.workbook.read.survey import recognise_columns

NO_SEGMENT = "(no segment)"
NUMERIC = ("int", "double", "float", "decimal", "numeric", "real")  # in an engine's name of a number type
BATCH = 50_000  # comments per batch streamed for the themes
FIRST_STRETCH = 1 << 16  # rows of a placed source a list reads first at least
PLACE_NAMES = {"file_index", "file_row_number", "rowid", "xl_nps_file", "xl_nps_row"}
FIELDS = (L.DATE, L.SCORE, L.SEGMENT, L.RESPONDENT, L.COMPANY, L.COMMENT)


@dataclass
class Listed:
    """One answer a sheet lists."""

    score: int
    day: dt.date
    respondent: str
    company: str
    comment: str
    place: int | None = None  # the row's place in the source (files in name order); None: not told


@dataclass
class OutsideAnswers:
    """What the report needs of answers counted by an engine."""

    source: Source
    columns: dict[str, str | None]  # our field -> the source's column (None: not there)
    types: dict[str, str] = field(default_factory=dict)  # the source's column -> its type, as the engine names it
    quarters: list[str] = field(default_factory=list)
    distributions: np.ndarray = field(default_factory=lambda: np.zeros((0, 11), dtype=np.int64))
    by_segment: list[dict[str, np.ndarray]] = field(default_factory=list)  # per quarter: name -> 11 counts
    commented: np.ndarray = field(default_factory=lambda: np.zeros((0, 3), dtype=np.int64))  # quarter x slot
    detractors: list[list[Listed]] = field(default_factory=list)  # per quarter, worst first, cut
    with_comments: list[list[list[Listed]]] = field(default_factory=list)  # per quarter and slot, cut
    problems: list[Problem] = field(default_factory=list)
    count: int = 0
    themes: bool = True  # False: the comments are not read (no themes)
    placed: bool = False  # the engine tells each row's place in the source (``Source.placed``)

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
        schema = source.engine.schema(source.relation)
        names = [name for name, _ in schema]
        found = recognise_columns(names, {k: v for k, v in (mapping or {}).items() if v})
        if L.DATE not in found:
            raise XlNpsError(f"cannot tell which column of {source.described} holds the answer's date; name it "
                             f"with --date \"COLUMN\". Columns: {', '.join(quote(n) for n in names)}")
        columns = {name: (names[found[name]] if name in found else None) for name in FIELDS}
        out = cls(source, columns)
        out.types = dict(schema)
        # a column of the source of the same name as a place would hide it
        out.placed = source.placed is not None and not {n.lower() for n in names} & PLACE_NAMES
        out._count()
        out._fetch_listed(callbacks, comments)
        return out

    def _sql(self, template: str, relation: str | None = None, **parts) -> str:
        c = self.columns
        return queries.in_dialect(
            template, relation or self.source.relation, self.source.engine.dialect,
            date=queries.identifier(c[L.DATE]), score=queries.identifier(c[L.SCORE]),
            segment=queries.identifier(c[L.SEGMENT]), respondent=queries.identifier(c[L.RESPONDENT]),
            company=queries.identifier(c[L.COMPANY]), comment=queries.identifier(c[L.COMMENT]), **parts)

    def _count(self) -> None:
        usable, unusable = [], {}  # unusable: (kind, value) -> rows; 1 no score, 2 not 0-10, 3 no date
        not_numbers = False
        # of a placed source (DuckDB), comments are counted as not NULL (no text read) and
        # those of spaces alone taken off (BLANKS, usually no row read), and the counts tell
        # where the first row of each score and day lies (its place, coded)
        blanks = {}
        self._first = {}  # (score, day) -> the coded place of its first row
        if self.placed and self.columns[L.COMMENT] is not None:
            for d, x, n in self.source.engine.run(self._sql(queries.BLANKS)):
                if _usable(x, d):
                    blanks[_day(d), int(x)] = int(n)
        if self.placed:
            rows = self.source.engine.run(self._sql(queries.COUNTS_PLACED, self.source.placed))
        else:
            rows = [row + (None,) for row in self.source.engine.run(self._sql(queries.COUNTS))]
        for d, seg, x, n, c, first_place in rows:
            n, c = int(n), int(c or 0)
            if first_place is not None and _usable(x, d):
                key = (int(x), _day(d))
                self._first[key] = min(self._first.get(key, first_place), first_place)
            if x is None:
                not_numbers = True
                continue
            elif not (0 <= x <= HIGHEST_SCORE and float(x) == math.floor(x)):
                key = (2, describe(float(x)))
            elif d is None:
                key = (3, "")
            else:
                usable.append((_day(d), cell_text(seg).strip() or NO_SEGMENT, int(x), n, c))
                continue
            unusable[key] = unusable.get(key, 0) + n
        if not_numbers:
            for score_text, n in self.source.engine.run(self._sql(queries.NOT_NUMBERS)):
                text = cell_text(score_text).strip()
                key = (2, text) if text else (1, "")
                unusable[key] = unusable.get(key, 0) + int(n)
        days = sorted({row[0] for row in usable})
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
        for day, seg, s, n, c in usable:
            qi = quarter_of[day]
            self.distributions[qi, s] += n
            dist = self.by_segment[qi].setdefault(seg, np.zeros(HIGHEST_SCORE + 1, dtype=np.int64))
            dist[s] += n
            if s < PASSIVE_FROM:
                key = (s, day)
                self._by_score_day[qi][key] = self._by_score_day[qi].get(key, 0) + n
            if c:
                slot = int(slots[s])
                self.commented[qi, slot] += c
                table = self._comments_by_score_day[qi][slot]
                table[(s, day)] = table.get((s, day), 0) + c
        for (day, s), n in blanks.items():
            qi, slot = quarter_of[day], int(slots[s])
            self.commented[qi, slot] -= n
            table = self._comments_by_score_day[qi][slot]
            table[(s, day)] -= n
            if not table[(s, day)]:
                del table[(s, day)]
        self.count = int(self.distributions.sum())
        self._problems(unusable)
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

    def _problems(self, counted: dict[tuple[int, str], int]) -> None:
        """The unusable rows, one line per kind and value, with how many rows there are."""
        where = self.source.described
        score, date = self.columns[L.SCORE], self.columns[L.DATE]
        for (kind, bad), n in sorted(counted.items(), key=lambda item: (item[0][0], -item[1], item[0][1]))[:200]:
            rows_text = f"{n:,} row{'s' if n > 1 else ''}"
            if kind == 1:
                self.problems.append(Problem(where, None, score, "", f"{rows_text} without a score; left out", rows=n))
            elif kind == 2:
                self.problems.append(Problem(where, None, score, bad, f"{rows_text}: {SCORE_RULE}", rows=n))
            else:
                self.problems.append(Problem(where, None, date, "", f"{rows_text} without a date: they belong to no quarter",
                                             rows=n))

    def _fetch_listed(self, callbacks: int, comments: int) -> None:
        """The call-back and comment rows: the engine keeps those up to where each list ends
        (plain comparisons on the columns); they are put in order and cut here. A list left
        short (comments the counts took for text but that hold only spaces in an engine that
        compares text its own way) is fetched again further on."""
        nq = len(self.quarters)
        self.detractors = [[] for _ in range(nq)]
        self.with_comments = [[[] for _ in range(3)] for _ in range(nq)]
        wanted = {}  # (quarter, list) -> (counts by group, how many to list, rows there are)
        for qi in range(nq):
            wanted[qi, 0] = (self._by_score_day[qi], callbacks, int(self.distributions[qi, :PASSIVE_FROM].sum()))
            for slot in range(3):
                counts = self._comments_by_score_day[qi][slot]
                if self.placed:  # comments by score, then place: the groups are scores
                    counts = _by_score(counts)
                wanted[qi, slot + 1] = (counts, comments, int(self.commented[qi, slot]))
        reach = {key: limit for key, (_, limit, _) in wanted.items()}
        for _ in range(6):
            cuts = {key: _cut(wanted[key][0], reach[key]) for key in reach}
            cuts_there = {key: cut for key, cut in cuts.items() if cut is not None}
            found = self._placed_rows(cuts_there, wanted) if self.placed else self._listed(cuts_there)
            short = {}
            for key, (counts, limit, there) in wanted.items():
                rows = found.get(key, [])
                if key in reach:
                    target = self.detractors[key[0]] if key[1] == 0 else self.with_comments[key[0]][key[1] - 1]
                    target[:] = rows[:limit]
                    if len(rows) < min(limit, there) and cuts[key] is not None and cuts[key] < max(counts):
                        short[key] = reach[key] * 4
            if not short:
                return
            reach = short

    def _keep(self, cuts: dict[tuple[int, int], tuple]) -> str:
        """The condition of the rows the lists reach up to their cuts: plain comparisons on the
        columns, which the engine applies while it reads. A cut is a (score, day), or a
        (score,) for a list by score then place (all days of the quarter)."""
        score = self.columns[L.SCORE]
        numeric = any(word in self.types.get(score, "") for word in NUMERIC)
        x = queries.identifier(score) if numeric else f"TRY_CAST({queries.identifier(score)} AS DOUBLE)"
        date, comment = queries.identifier(self.columns[L.DATE]), queries.identifier(self.columns[L.COMMENT])
        keep, days, scores = [], [], set()
        for (qi, number), cut in cuts.items():
            first, after = _quarter_days(self.quarters[qi])
            top, last = cut[0], (cut[1] if len(cut) > 1 else after - dt.timedelta(days=1))
            low = (0, 0, PASSIVE_FROM, PROMOTER_FROM)[number]
            scores.update(range(low, top + 1))
            said = f" AND {comment} IS NOT NULL" if number else ""
            until = after if top > low else last + dt.timedelta(days=1)
            days.append((first, until))
            if top > low:
                keep.append(f"({x} >= {low} AND {x} < {top} AND {date} >= {queries.day_literal(first)} "
                            f"AND {date} < {queries.day_literal(after)}{said})")
            keep.append(f"({x} = {top} AND {date} >= {queries.day_literal(first)} AND "
                        f"{date} < {queries.day_literal(last + dt.timedelta(days=1))}{said})")
        # the same rows, first narrowed by conditions on one column each (the days the lists
        # reach; the scores they reach), which an engine applies while it reads
        spans = " OR ".join(f"({date} >= {queries.day_literal(a)} AND {date} < {queries.day_literal(b)})"
                            for a, b in _merged(days))
        return " AND ".join([f"({spans})", f"{x} IN ({', '.join(str(v) for v in sorted(scores))})",
                             "(" + " OR ".join(keep) + ")"])

    def _listed(self, cuts: dict[tuple[int, int], tuple[int, dt.date]]) -> dict[tuple[int, int], list[Listed]]:
        """The rows of each list up to its cut, in list order (a source without places:
        answers of the same score and day by respondent, company and comment)."""
        if not cuts:
            return {}
        number_of = {q: i for i, q in enumerate(self.quarters)}
        rows = []
        for x_value, d, who, company, text in self.source.engine.run(self._sql(queries.LISTED, keep=self._keep(cuts))):
            if not _usable(x_value, d):
                continue
            rows.append(Listed(int(x_value), _day(d), cell_text(who).strip(), cell_text(company).strip(),
                               cell_text(text).strip()))
        rows.sort(key=lambda r: (r.score, r.day, r.respondent, r.company, r.comment))
        slots = category_slots(np.arange(HIGHEST_SCORE + 1))
        found: dict[tuple[int, int], list[Listed]] = {}
        for row in rows:
            qi = number_of.get(quarter(row.day))
            if qi is None:
                continue
            if row.score < PASSIVE_FROM and (qi, 0) in cuts:
                found.setdefault((qi, 0), []).append(row)
            key = (qi, int(slots[row.score]) + 1)
            if row.comment and key in cuts:
                found.setdefault(key, []).append(row)
        return found

    def _placed_rows(self, cuts: dict[tuple[int, int], tuple], wanted: dict) -> dict[tuple[int, int], list[Listed]]:
        """The rows of each list up to its cut, in list order, for a source whose rows have
        places. Each list reads the source stretch by stretch from its start (each stretch
        four times the last; lists at the same stretch read it in one query) until it is
        known (``_Reading``). Of each of its groups (a (score, day) or a score) a stretch gives
        the first ``limit`` rows by place; a group given that many is read on from its last
        row. Answers tied on the groups' key so come in the source's order, as in the sheet."""
        if not cuts:
            return {}
        files = self._extent()
        total = sum(rows for _, _, rows in files)
        first_place = {number: first for first, number, _ in files}

        def place(code: int) -> int:  # a coded place (file number * 2^40 + row) in the source
            return first_place[code >> 40] + (code & (1 << 40) - 1)

        number_of = {q: i for i, q in enumerate(self.quarters)}
        firsts = [[] for _ in self.quarters]  # per quarter: (score, day, the place of its first row)
        for (s, day), first in self._first.items():
            firsts[number_of[quarter(day)]].append((s, day, place(first)))
        reading = {}
        for (qi, number), cut in cuts.items():
            counts, limit = wanted[qi, number][:2]
            first_of = {}  # group -> the place of its first row
            for s, day, first in firsts[qi]:
                group = (s, day) if number == 0 else (s,)
                if group in counts:
                    first_of[group] = min(first_of.get(group, total), first)
            reading[qi, number] = _Reading(sorted(g for g in counts if g <= cut), counts, limit, first_of, cut, total)
        slots = category_slots(np.arange(HIGHEST_SCORE + 1))
        pending = set(cuts)
        while pending:
            together: dict[tuple[int, int], list] = {}
            for key in sorted(pending):
                together.setdefault(reading[key].stretch(), []).append(key)
            for (start, rows), keys in together.items():
                end = min(total, start + rows)
                caps = [max([reading[key].limit for key in keys if (key[1] == 0) == callbacks], default=1)
                        for callbacks in (True, False)]
                keep = self._keep({key: cuts[key] for key in keys}) + " AND " + _stretch(files, start, end)
                batch = []  # (row, whether the engine counted its comment, its number in its day, in its quarter)
                for x_value, d, number, place, who, company, text, said, nth_of_day, nth_of_quarter in \
                        self.source.engine.run(self._sql(queries.PLACED, self.source.placed, keep=keep,
                                                         day_cap=caps[0], quarter_cap=caps[1])):
                    if _usable(x_value, d):
                        batch.append((Listed(int(x_value), _day(d), cell_text(who).strip(), cell_text(company).strip(),
                                             cell_text(text).strip(), first_place[number] + int(place)),
                                      bool(said), nth_of_day, nth_of_quarter))
                batch.sort(key=lambda item: item[0].place)
                for row, said, nth_of_day, nth_of_quarter in batch:
                    qi = number_of.get(quarter(row.day))
                    key = (qi, 0)
                    if row.score < PASSIVE_FROM and key in keys and nth_of_day <= caps[0] \
                            and (row.score, row.day) <= cuts[key]:
                        reading[key].meet((row.score, row.day), row, True, nth_of_day >= caps[0])
                    key = (qi, int(slots[row.score]) + 1)
                    if said and key in keys and nth_of_quarter <= caps[1] and (row.score,) <= cuts[key]:
                        reading[key].meet((row.score,), row, bool(row.comment), nth_of_quarter >= caps[1])
                for key in keys:
                    reading[key].read_to(end)
            pending = {key for key in pending if not reading[key].known()}
        return {key: reading[key].listed() for key in cuts}

    def _extent(self) -> list[tuple[int, int, int]]:
        """(first place, file number, rows) of each file of a placed source, in order."""
        files, first = [], 0
        for number, rows in sorted(self.source.engine.run(self.source.extent)):
            files.append((first, int(number), int(rows or 0)))
            first += int(rows or 0)
        return files

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


def _quarter_days(label: str) -> tuple[dt.date, dt.date]:
    """The first day of a quarter and the first day after it."""
    year, q = int(label[:4]), int(label[-1])
    return dt.date(year, 3 * q - 2, 1), (dt.date(year + 1, 1, 1) if q == 4 else dt.date(year, 3 * q + 1, 1))


def _merged(spans: list[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    """Half-open day ranges joined where they touch or overlap."""
    out: list[list[dt.date]] = []
    for first, after in sorted(spans):
        if out and first <= out[-1][1]:
            out[-1][1] = max(out[-1][1], after)
        else:
            out.append([first, after])
    return [(a, b) for a, b in out]


def _cut(counts: dict[tuple[int, dt.date], int], limit: int):
    """The last (score, day) a list of ``limit`` rows in (score, day) order reaches; None
    when there is nothing to list."""
    total = 0
    for key in sorted(counts):
        total += counts[key]
        if total >= limit:
            return key
    return max(counts) if counts else None


def _usable(x, d) -> bool:
    return x is not None and d is not None and 0 <= x <= HIGHEST_SCORE and float(x) == math.floor(x)


def _by_score(counts: dict[tuple[int, dt.date], int]) -> dict[tuple[int], int]:
    """Counts by (score, day) summed by (score,)."""
    out: dict[tuple[int], int] = {}
    for (s, _), n in counts.items():
        out[(s,)] = out.get((s,), 0) + n
    return out


class _Reading:
    """A list read from a placed source, stretch by stretch (``OutsideAnswers._placed_rows``).

    Each group of the list has a frontier: every row of it placed before is met. It starts at
    the group's first row (the counts tell where that lies). A stretch moves it to the
    stretch's end, or, if the stretch gave as many rows of the group as a list shows (it may
    hold more), to just after the last of them. A group is complete when its counted rows are
    all met or its frontier is the source's end. The list is known when its groups, in order,
    hold ``limit`` rows to list before the first group not complete, or when all are complete.

    A stretch starts at the first frontier of a group not complete. The first reaches the
    source's end if the list shows every row of a group before its last one (they may lie
    anywhere), otherwise past the rows it needs of its last group, were those spread evenly
    from the group's first row to the source's end, with a quarter more. Each next stretch is
    four times longer. Stretches are FIRST_STRETCH times a power of four, a first one starting
    at a multiple of its length, so that lists read the same stretches together; one that
    would leave less than itself reaches the end. A next one starts exactly at the first
    frontier, so that the group there always moves on (a stretch gives a group's first rows
    from where it starts, those met before included)."""

    def __init__(self, groups: list[tuple], counts: dict, limit: int, first_of: dict, cut: tuple, total: int):
        self.groups, self.counts, self.limit, self.total = groups, counts, limit, total
        self.met: dict = {}  # group -> its rows met
        self.rows: dict = {}  # group -> its rows to list, by place
        self.frontier = {group: first_of.get(group, 0) for group in groups}
        self.full: set = set()  # groups of which the last stretch gave as many rows as a list shows
        start = self._start()
        if any(group < cut for group in groups):
            needed = total - start
        else:
            first = first_of.get(cut, 0)
            needed = first - start + (total - first) * min(1.0, limit / max(counts[cut], 1) * 1.25)
        self.size = FIRST_STRETCH
        while self.size < needed:
            self.size *= 4
        self.first = True  # the first stretch is still to read

    def complete(self, group: tuple) -> bool:
        return self.met.get(group, 0) >= self.counts[group] or self.frontier[group] >= self.total

    def _start(self) -> int:
        return min((self.frontier[g] for g in self.groups if not self.complete(g)), default=self.total)

    def stretch(self) -> tuple[int, int]:
        """(first place, places) of the next stretch."""
        start = self._start()
        if self.first:  # no row of a group lies before its first
            start = start // self.size * self.size
        return (start, self.total - start if start + 2 * self.size > self.total else self.size)

    def meet(self, group: tuple, row: Listed, listed: bool, full: bool) -> None:
        """A row of ``group`` met in place order (``listed``: it has what the list shows, a
        comment that is more than spaces to Python too; ``full``: the stretch gave no more)."""
        if group not in self.frontier:
            return  # past the list's cut
        if full:
            self.full.add(group)
        if row.place < self.frontier[group]:
            return  # met in an earlier stretch
        self.met[group] = self.met.get(group, 0) + 1
        if listed:
            self.rows.setdefault(group, []).append(row)
        if full:
            self.frontier[group] = row.place + 1

    def read_to(self, end: int) -> None:
        for group in self.groups:
            if group not in self.full:
                self.frontier[group] = max(self.frontier[group], end)
        self.full.clear()
        self.first, self.size = False, self.size * 4

    def known(self) -> bool:
        listed = 0
        for group in self.groups:
            listed += len(self.rows.get(group, ()))
            if listed >= self.limit:
                return True
            if not self.complete(group):
                return False
        return True

    def listed(self) -> list[Listed]:
        return [row for group in self.groups for row in self.rows.get(group, [])]


def _stretch(files: list[tuple[int, int, int]], start: int, end: int) -> str:
    """The condition of the rows placed from ``start`` up to ``end`` (not included), on the
    file number and the row number, which the engine uses to skip files and row groups."""
    parts = {}  # file number -> its condition
    for first, number, rows in files:
        low, high = max(start, first) - first, min(end, first + rows) - first
        if low >= high:
            continue
        where = [f"xl_nps_file = {number}"]
        if low > 0:
            where.append(f"xl_nps_row >= {low}")
        if high < rows:
            where.append(f"xl_nps_row < {high}")
        parts[number] = "(" + " AND ".join(where) + ")"
    if len(parts) == 1:
        return next(iter(parts.values()))
    return f"(xl_nps_file BETWEEN {min(parts)} AND {max(parts)} AND ({' OR '.join(parts.values())}))"
