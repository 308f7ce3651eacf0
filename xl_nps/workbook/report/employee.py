"""The anonymity rule applied to an employee (eNPS) report.

:func:`plan` decides once, for the whole report, which cells are hidden (``metrics.anonymity``):
a quarter, or a department, team or tenure band within a quarter. Every other part of the
report asks the resulting :class:`Privacy`:

* the group tables of a quarter sheet show a hidden group's row with only its name and why;
* a hidden quarter gets no sheet, and its Periods row says why; changes are taken against the
  previous shown quarter (a change against a hidden one would give its eNPS away);
* an answer in any hidden cell is "hidden": its comment is blanked before the report is built
  (:meth:`Privacy.quotable`), so no table, list or example can quote it;
* themes count a hidden answer's mention only of a theme that at least ``min_group`` comments
  of shown answers mention overall (:meth:`Privacy.mentions`). The issue asked for ``min_group``
  mentions overall; counting shown answers only is stricter on purpose: a theme that only a
  hidden group talks about (its project, its office) would otherwise show that group's
  detractors and promoters in its row, and its words would name what the group said.

Lines of the rule, per quarter: the quarter is the total of its departments, and again of its
tenure bands; each department is the total of its teams (a team is named by its department
and its name, so "North" in Sales and "North" in Support are two teams). Without a
Department column, the quarter is the total of its teams. No figure of a group over all
quarters is shown, which keeps these lines a hierarchy (see ``metrics.anonymity``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from xl_nps.indexes import bincount
from xl_nps.metrics import stats
from xl_nps.metrics.anonymity import Line, suppress
from xl_nps.metrics.nps import DETRACTOR, PASSIVE, PROMOTER, counts_from_distribution
from xl_nps.text.mentions import Mentions
from xl_nps.workbook import names as L
from xl_nps.workbook.read.respondents import Respondents
from xl_nps.workbook.report.model import POINTS, Table

TITLES = {L.DEPARTMENT: "eNPS by department", L.TEAM: "eNPS by team", L.TENURE: "eNPS by tenure"}


@dataclass
class Dimension:
    """One group column: each answer's group number and the groups' names (for teams, the
    department's name and the team's)."""

    name: str
    of_answer: np.ndarray
    labels: list[tuple[str, ...]]
    columns: list[str]  # the table's name columns: [Department, Team] for teams, else [name]


@dataclass
class Privacy:
    min_group: int
    quarter_of: np.ndarray  # each answer's quarter number
    dimensions: list[Dimension]
    hidden_quarters: set[int]
    hidden: set  # (dimension name, quarter number, group's name) of every hidden group cell
    primary: set  # those hidden for having fewer than min_group answers themselves
    hidden_answers: np.ndarray  # answers in a hidden cell: their comments appear nowhere

    def note(self, cell) -> str:
        if cell in self.primary:
            return f"hidden: fewer than {self.min_group} answers"
        return f"hidden: it would give away a group of fewer than {self.min_group} answers"

    def quarter_note(self) -> str:
        return f"hidden: fewer than {self.min_group} answers"

    def quotable(self, data: Respondents) -> Respondents:
        """``data`` with the comments of hidden answers blanked (the answers themselves stay:
        they count in their quarter's eNPS, which is shown)."""
        hidden = self.hidden_answers
        comment = [("" if hidden[i] else text) for i, text in enumerate(data.comment)]
        return dataclasses.replace(data, comment=comment)

    def problems(self, problems: list, data: Respondents) -> list:
        """``problems`` with the text of a hidden answer left out: the import marks a used
        answer whose comment lost a character, and the Problems sheet would quote it."""
        hidden_rows = {data.rows[i] for i in np.flatnonzero(self.hidden_answers).tolist()}
        return [dataclasses.replace(p, value="(left out: the answer is in a hidden group)")
                if p.used and p.sheet == L.RESPONDENTS_SHEET and p.row in hidden_rows else p for p in problems]

    def mentions(self, analysis: Mentions) -> Mentions:
        """The mentions a report may count: every mention of a shown answer, and a hidden
        answer's mention of a theme that at least ``min_group`` shown answers mention. Hidden
        answers' phrases ("As in") and texts (examples) are dropped: they are never quoted."""
        shown = ~self.hidden_answers[analysis.comment]
        by_shown = bincount(analysis.key[shown], minlength=len(analysis.names))
        keep = shown | (by_shown[analysis.key] >= self.min_group)
        phrases = ~self.hidden_answers[analysis.phrase_comment]
        texts = [("" if hidden else text) for hidden, text in zip(self.hidden_answers.tolist(), analysis.texts)]
        return dataclasses.replace(
            analysis, comment=analysis.comment[keep], key=analysis.key[keep], texts=texts,
            phrase_comment=analysis.phrase_comment[phrases], phrase_key=analysis.phrase_key[phrases],
            phrase=analysis.phrase[phrases])

    def group_tables(self, data: Respondents, quarter: int) -> list[Table]:
        """One table per group column for one quarter: answers, eNPS and margin of error of each
        group with answers, or its name and why it is hidden."""
        mask = self.quarter_of == quarter
        tables = []
        for dim in self.dimensions:
            by_group = bincount(dim.of_answer[mask] * 11 + data.scores[mask],
                                   minlength=11 * len(dim.labels)).reshape(-1, 11)
            rows = []
            present = np.flatnonzero(by_group.sum(axis=1)).tolist()
            for g in sorted(present, key=lambda i: tuple(s.casefold() for s in dim.labels[i])):
                names = list(dim.labels[g])
                cell = (dim.name, quarter, dim.labels[g])
                if cell in self.hidden:
                    rows.append(names + ["", "", "", self.note(cell)])
                    continue
                counts = counts_from_distribution(by_group[g])
                rows.append(names + [counts.n, counts.nps, stats.margin_of_error(counts), ""])
            tables.append(Table(
                TITLES[dim.name], dim.columns + ["Respondents", "eNPS", "Margin of error", "Note"], rows,
                {"eNPS": POINTS, "Margin of error": POINTS},
                note=(f"Groups with fewer than {self.min_group} answers are hidden, and so is the next smallest "
                      "when only one would be: the quarter's total minus the groups shown would give it away."),
            ))
        return tables

    def comments_table(self, data: Respondents, quarter: int, limit: int) -> Table:
        """The quarter's comments by category, without who or which group wrote them: lowest
        scores first, then by text (not by sheet order, which can follow the groups)."""
        mask = self.quarter_of == quarter
        has_comment = data.has_comment & ~self.hidden_answers
        rows, over = [], []
        for slot, name in enumerate((DETRACTOR, PASSIVE, PROMOTER)):
            index = np.flatnonzero(mask & has_comment & (data.slots == slot)).tolist()
            if len(index) > limit:
                over.append(f"{len(index):,} {name.lower()}s")
            index = sorted(index, key=lambda i: (int(data.scores[i]), data.comment[i].casefold(), data.comment[i]))
            rows += [[name, int(data.scores[i]), data.comment[i]] for i in index[:limit]]
        note = ("Comments of hidden groups are left out. "
                + (f"Showing the first {limit} comments of each category (lowest scores first) of {', '.join(over)}."
                   if over else ""))
        return Table("Comments by category", ["Category", "Score", "Comment"], rows, note=note.strip())


def plan(data: Respondents, quarter_of: np.ndarray, quarters: int, min_group: int) -> Privacy:
    """Decide every hidden cell of an employee report (see the module docstring)."""
    dims = _dimensions(data)
    per_quarter = bincount(quarter_of, minlength=quarters)
    counts: dict = {("quarter", q): int(per_quarter[q]) for q in range(quarters)}
    lines: list[Line] = []
    sizes = {}
    for dim in dims:
        size = len(dim.labels)
        grid = bincount(quarter_of * size + dim.of_answer, minlength=quarters * size).reshape(quarters, size)
        sizes[dim.name] = grid
        for q in range(quarters):
            for g in np.flatnonzero(grid[q]).tolist():
                counts[(dim.name, q, dim.labels[g])] = int(grid[q, g])  # named, so that ties go by name
    by_name = {d.name: d for d in dims}
    for q in range(quarters):
        for dim in dims:
            cells = tuple((dim.name, q, dim.labels[g]) for g in np.flatnonzero(sizes[dim.name][q]).tolist())
            if dim.name == L.TEAM and L.DEPARTMENT in by_name:
                continue  # teams add up to their departments, below
            lines.append(Line(("quarter", q), cells))
        if L.TEAM in by_name and L.DEPARTMENT in by_name:
            teams_of: dict[str, list] = {}
            for g in np.flatnonzero(sizes[L.TEAM][q]).tolist():
                label = by_name[L.TEAM].labels[g]
                teams_of.setdefault(label[0], []).append((L.TEAM, q, label))
            lines += [Line((L.DEPARTMENT, q, (d,)), tuple(cells)) for d, cells in teams_of.items()]
    hidden = suppress(counts, lines, min_group)
    primary = {cell for cell, n in counts.items() if 0 < n < min_group}
    hidden_quarters = {q for q in range(quarters) if ("quarter", q) in hidden}
    hidden_answers = np.isin(quarter_of, sorted(hidden_quarters))
    for dim in dims:
        number = {label: g for g, label in enumerate(dim.labels)}
        cells = np.zeros(quarters * len(dim.labels), dtype=bool)
        for _, q, label in (c for c in hidden if c[0] == dim.name):
            cells[q * len(dim.labels) + number[label]] = True
        hidden_answers |= cells[quarter_of * len(dim.labels) + dim.of_answer]
    group_cells = {c for c in hidden if c[0] != "quarter"}
    return Privacy(min_group, quarter_of, dims, hidden_quarters, group_cells, primary, hidden_answers)


def _dimensions(data: Respondents) -> list[Dimension]:
    dims = []
    for name in L.GROUP_COLUMNS:
        if name not in data.groups:
            continue
        labels, of_answer = data.group_numbers(name)
        if name == L.TEAM and L.DEPARTMENT in data.groups:  # a team is named by its department too
            departments, of_department = data.group_numbers(L.DEPARTMENT)
            pairs: dict[tuple[str, str], int] = {}
            of_answer = np.fromiter(
                (pairs.setdefault((departments[d], labels[t]), len(pairs)) for d, t in zip(of_department, of_answer)),
                dtype=np.int64, count=len(of_answer))
            dims.append(Dimension(name, of_answer, list(pairs), [L.DEPARTMENT, L.TEAM]))
        else:
            dims.append(Dimension(name, of_answer, [(label,) for label in labels], [name]))
    return dims
