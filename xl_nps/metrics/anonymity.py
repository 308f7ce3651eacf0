"""Anonymity in employee reports: which groups of a table to hide.

An employee (eNPS) report must never let a reader work out what a small group said. Two rules
of statistical disclosure control for tables of counts decide what is hidden:

1. **Threshold rule** (primary suppression). A group with fewer than ``min_group`` answers (a
   department, a team, a tenure band, a quarter, or one quarter of a group) is hidden: no count,
   score, share, theme or comment of it is shown. Five is the default (``rules.MIN_GROUP``):
   agencies require at least three or five respondents per cell (OECD), and Microsoft's Viva
   Insights hides groups under 5 by default (``mingroup = 5``); Officevibe hides teams under 3.

2. **Complementary suppression** (the leak by subtraction). When the total of a table is known,
   showing every group but one hidden group gives the hidden one away: total - shown = hidden.
   A :class:`Line` is such a relation, a total and the groups that add up to it; every quarter
   is one (its headline is the total of its department table, and again of its tenure table),
   and every department is one for the teams inside it. A line is safe when it has no hidden
   cell, or at least two whose answers together number more than ``min_group``: their sum, the
   total minus the shown groups, is itself a group that must not be small, even to someone in
   it who subtracts their own answer (the "singleton problem" of the Handbook below: the one
   person of a one-answer group would otherwise learn the rest exactly). While a line is unsafe, its
   smallest shown group is hidden too ("the next smallest"; its total, when no group is left).
   Hiding one cell can make another line unsafe (a department hidden to protect a team leaves
   the quarter's department table with one hidden row), so the lines are gone over until none
   changes. Counts decide; every figure that adds up the same way (promoters, detractors, the
   0-10 distribution, eNPS x answers) is then protected by the same pattern.

Quarter x group tables: each quarter's groups add up to the quarter, so each quarter is a line,
and a quarter under the threshold is hidden with all its groups. The report shows no
all-quarters figure per group, so one group across the quarters is not a line, and its lines
form a hierarchy (quarter > department > team; quarter > tenure band), where going over the
lines until none changes is enough (checked by the tests on thousands of random hierarchies).
A full two-way table with both margins shown (a group's total over all quarters beside each
quarter's) is not: a cell can then be recovered through a chain of rows and columns each holding
two hidden cells (the tests keep such a case), and it would need a method such as tau-ARGUS'
hypercube; the report therefore shows no such table.

What this does not promise: it stops exact recovery by subtraction, as cell suppression in
official statistics does. Bounds remain known (a hidden group has fewer than ``min_group``
answers unless the note says it was hidden to protect another), and people who pool their own
answers learn more than one person does.
The tests check every pattern with a second method: a hidden count is recoverable exactly if
and only if its unit vector lies in the row space of the lines restricted to hidden cells.

References
----------
A. Hundepool, J. Domingo-Ferrer, L. Franconi, S. Giessing et al., "Handbook on Statistical
Disclosure Control", 2nd ed., 2024 (sdctools.github.io/HandbookSDC), ch. 4 (sensitive cells,
secondary cell suppression) and ch. 5 (frequency tables).
Federal Committee on Statistical Methodology, "Report on Statistical Disclosure Limitation
Methodology", Statistical Policy Working Paper 22, 2nd version, 2005 (primary and complementary
suppression; a row with one suppressed cell is recovered from its marginal total).
OECD Glossary of Statistical Terms, "Threshold rule" and "Cell suppression" (after the Glossary
of Statistical Disclosure Control, UNECE/Eurostat work session, Geneva, 2005).
Microsoft, vivainsights R package, ``identify_privacythreshold(mingroup = 5)``; Workleap
Officevibe help, "Comparison, Benchmarking, and Variation for your Scores" (3 members).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

from xl_nps.errors import XlNpsError, quote
from xl_nps.rules import MIN_GROUP


@dataclass(frozen=True)
class Line:
    """A total and the groups that add up to it (cells named by any hashable keys)."""

    total: Hashable
    parts: tuple[Hashable, ...]


def check_min_group(value) -> int:
    """The smallest group shown: a whole number of answers, 1 or more (1 hides nothing)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or value != math.floor(value) or value < 1:
        raise XlNpsError(f"the smallest group shown (min_group) must be a whole number of answers such as 5, "
                         f"1 or more; got {quote(value)}")
    return int(value)


def suppress(counts: Mapping[Hashable, float], lines: Iterable[Line], min_group: int = MIN_GROUP) -> set:
    """The cells to hide: every cell with 1 to ``min_group - 1`` answers, then, line by line
    until no line changes, the smallest shown cell of any line that is unsafe (see the module
    docstring). ``counts`` holds every cell of the lines (a missing cell counts 0; empty cells
    are not shown and take no part). Ties go to the cell whose key reads first."""
    minimum = check_min_group(min_group)
    lines = list(lines)
    hidden = {key for key, n in counts.items() if 0 < n < minimum}
    changed = True
    while changed:
        changed = False
        for line in lines:
            cell = _complement(line, counts, hidden, minimum)
            if cell is not None:
                hidden.add(cell)
                changed = True
    return hidden


def _complement(line: Line, counts, hidden: set, minimum: int):
    """The cell to hide next so that ``line`` no longer gives a small group away, or None."""
    parts = [p for p in line.parts if counts.get(p, 0) > 0]
    hidden_parts = [p for p in parts if p in hidden]
    total_hidden = line.total in hidden
    if not hidden_parts and not total_hidden:
        return None
    if len(hidden_parts) + total_hidden >= 2:
        if total_hidden:
            return None
        if sum(counts[p] for p in hidden_parts) > minimum:
            return None
    shown = [p for p in parts if p not in hidden]
    if shown:
        return min(shown, key=lambda p: (counts[p], str(p)))
    return None if total_hidden else line.total


TOTAL = ("total",)  # the key of a table's total in :func:`hidden_groups`


def hidden_groups(counts: Mapping[Hashable, float], min_group: int = MIN_GROUP) -> set:
    """The groups of one table whose total is shown (or known from elsewhere, as a quarter's
    headline is) that must be hidden: those under ``min_group`` answers and, when that leaves
    one hidden group or hidden groups adding up to fewer than ``min_group`` answers, the next
    smallest ones. Example with min_group 5: {A: 3, B: 6, C: 20} hides A and B (A alone would
    be the total minus B and C)."""
    cells = dict(counts)
    cells[TOTAL] = sum(counts.values())
    return suppress(cells, [Line(TOTAL, tuple(counts))], min_group) - {TOTAL}
