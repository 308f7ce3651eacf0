"""A second method for the anonymity rule: which hidden counts a reader can work out.

Every published line (a total and the groups that add up to it) is one linear equation. With
the shown cells moved to the right-hand side, a sum of hidden cells is known exactly when its
indicator vector lies in the row space of the equations restricted to the hidden cells (the
idea behind Statistics Norway's GaussSuppression). A pattern leaks when some set of hidden
cells whose answers add up to fewer than ``min_group`` has a known sum.

A person in a hidden group knows their own answer: what they learn about others is a known sum
minus their own part in it (they are counted in their group and in every total above it), and
the one person of a one-answer group knows that group outright. That must not be a set of 1 to
``min_group - 1`` answers either. This is linear algebra over the published equations, not the line-by-line rule of
``metrics.anonymity``.
"""

import itertools

import numpy as np


def leaks(counts: dict, lines, hidden: set, min_group: int, largest_set: int = 8) -> list[list]:
    """Sets of hidden cells (up to ``largest_set`` of them) that give away fewer than
    ``min_group`` answers of other people, to any reader or to the person of a one-answer group."""
    cells = sorted((k for k in hidden if counts.get(k, 0) > 0), key=str)
    found = _leaks(counts, lines, cells, min_group, largest_set, None, set())
    for cell in cells:  # a person in each hidden group, who knows their own answer
        known = cell if counts[cell] == 1 else None
        found += _leaks(counts, lines, cells, min_group, largest_set, known, _containing(cell, lines, counts))
    return found


def _containing(cell, lines, counts) -> set:
    """The cells the person of the one-answer ``cell`` is counted in: every total above it, and
    below it the one non-empty group of each line whose total is that one answer."""
    out, todo = {cell}, [cell]
    while todo:
        current = todo.pop()
        for line in lines:
            above = [line.total] if current in line.parts else []
            below = ([p for p in line.parts if counts.get(p, 0) > 0]
                     if line.total == current and counts.get(current) == 1 else [])
            for other in above + below:
                if other not in out:
                    out.add(other)
                    todo.append(other)
    return out


def _leaks(counts, lines, cells, min_group, largest_set, known, own: set) -> list[list]:
    index = {k: i for i, k in enumerate(cells)}
    equations = []
    for line in lines:
        row = np.zeros(len(cells))
        for key, sign in [(line.total, 1.0)] + [(p, -1.0) for p in line.parts]:
            if key in index:
                row[index[key]] += sign
        if row.any():
            equations.append(row)
    if known is not None:
        row = np.zeros(len(cells))
        row[index[known]] = 1.0
        equations.append(row)
    if not equations:
        return []
    system = np.array(equations)
    # (I - P) e_S is zero exactly when e_S lies in the row space (P projects onto it)
    outside = np.eye(len(cells)) - np.linalg.pinv(system) @ system
    weight = {i: counts[c] - (c in own) for i, c in enumerate(cells)}
    small = [i for i in range(len(cells)) if weight[i] < min_group]  # a set of others under min_group holds only these
    found = []

    def grow(start: int, chosen: list, others: int, vector):
        for j in range(start, len(small)):
            i = small[j]
            total = others + weight[i]
            if total >= min_group or len(chosen) >= largest_set:
                continue
            v = vector + outside[:, i]
            if total > 0 and np.abs(v).max() < 1e-9:
                found.append([cells[k] for k in chosen + [i]])
            grow(j + 1, chosen + [i], total, v)

    grow(0, [], 0, np.zeros(len(cells)))
    return found
