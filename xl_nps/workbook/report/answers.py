"""What the report reads of the answers: counts per quarter, segment and score, the rows its
lists show, and the comments for the themes.

Two kinds of answers provide it: :class:`SheetAnswers`, the Respondents sheet held in memory
(every figure a ``numpy.bincount`` or a sort over its arrays), and
``xl_nps.sources.answers.OutsideAnswers``, answers counted by a database or DuckDB (the counts
come back from one GROUP BY; only listed rows are fetched). The report is built from either
the same way (``report.build``).

Each provides ``quarters`` (labels, oldest first), ``problems``, ``count`` (usable answers) and:

* ``distribution(q)``: the 11 counts of the scores 0..10 of quarter number ``q``;
* ``segments(q)``: (segment name, its 11 counts) for each segment with answers in quarter ``q``;
* ``callbacks(q, limit)``: (the first ``limit`` detractors, worst first, as
  (day, respondent, company, score, comment, owner, status, sheet row); how many there are);
* ``comments(q, slot, limit)``: (the first ``limit`` answers with a comment of a category,
  lowest scores first, as (score, respondent, company, comment); how many there are);
* ``mentions(progress)``: (``text.mentions.Mentions`` of the comments, each comment's quarter
  number, each comment's category slot).
"""

from __future__ import annotations

from functools import cached_property

import numpy as np

from xl_nps.indexes import bincount
from xl_nps.metrics.periods import quarter
from xl_nps.text.themes import analyse
from xl_nps.workbook.read.respondents import Respondents


class SheetAnswers:
    """The answers of the Respondents sheet (in sheet order; ties keep sheet order)."""

    def __init__(self, data: Respondents):
        self.data = data
        quarter_of_day = {day: quarter(day) for day in set(data.dates)}
        self.quarters = sorted(set(quarter_of_day.values()))
        number = {q: i for i, q in enumerate(self.quarters)}
        number_of_day = {day: number[q] for day, q in quarter_of_day.items()}
        self.quarter_of = np.fromiter(map(number_of_day.__getitem__, data.dates), dtype=np.int64, count=len(data))
        self.problems = list(data.problems)
        self.count = len(data)

    @cached_property
    def _masks(self) -> list[np.ndarray]:
        return [self.quarter_of == i for i in range(len(self.quarters))]

    def distribution(self, q: int) -> np.ndarray:
        return bincount(self.data.scores[self._masks[q]], minlength=11)

    def segments(self, q: int) -> list[tuple[str, np.ndarray]]:
        mask = self._masks[q]
        names, segment_of = self.data.segment_numbers
        by_segment = bincount(segment_of[mask] * 11 + self.data.scores[mask], minlength=11 * len(names)).reshape(-1, 11)
        return [(names[number], by_segment[number]) for number in np.flatnonzero(by_segment.sum(axis=1)).tolist()]

    def callbacks(self, q: int, limit: int) -> tuple[list[tuple], int]:
        data = self.data
        # worst first: by score, then date, then sheet row (answers are in sheet order)
        index = np.flatnonzero(self._masks[q] & (data.slots == 0))
        index = index[np.lexsort((index, data.day_numbers[index], data.scores[index]))].tolist()
        rows = [(data.dates[i], data.respondent[i], data.company[i], int(data.scores[i]), data.comment[i],
                 data.owner[i], data.status[i], data.rows[i]) for i in index[:limit]]
        return rows, len(index)

    def comments(self, q: int, slot: int, limit: int) -> tuple[list[tuple], int]:
        data = self.data
        index = np.flatnonzero(self._masks[q] & data.has_comment & (data.slots == slot))
        # lowest scores first, then sheet order (a stable sort keeps the order of equal scores)
        chosen = index[np.argsort(data.scores[index], kind="stable")][:limit]
        return [(int(data.scores[i]), data.respondent[i], data.company[i], data.comment[i]) for i in chosen], len(index)

    def mentions(self, progress=None):
        return analyse(self.data.comment, progress=progress), self.quarter_of, self.data.slots
