"""The anonymity rule of employee reports: hand-worked tables, and every pattern checked by a
second method (the linear-algebra audit of disclosure_audit.py)."""

import random

import pytest

from disclosure_audit import leaks
from xl_nps.errors import XlNpsError
from xl_nps.metrics.anonymity import TOTAL, Line, check_min_group, hidden_groups, suppress


def test_a_small_group_and_the_next_smallest_are_hidden():
    # Sales 3 is under 5; hiding it alone, the total 59 minus Support 6 and IT 50 gives 3 away.
    assert hidden_groups({"Sales": 3, "Support": 6, "IT": 50}) == {"Sales", "Support"}


def test_nothing_is_hidden_when_every_group_is_large_enough():
    assert hidden_groups({"Sales": 5, "Support": 6, "IT": 50}) == set()


def test_a_changed_min_group():
    counts = {"Sales": 3, "Support": 6, "IT": 50}
    assert hidden_groups(counts, 3) == set()  # 3 answers are enough when min_group is 3
    assert hidden_groups(counts, 10) == {"Sales", "Support", "IT"}  # 6 under 10; then 9 hidden are too few


def test_hidden_groups_must_hold_more_than_min_group_together():
    # 1 + 2 = 3 hidden answers: the total minus the shown groups tells their sum; hide 10 too.
    assert hidden_groups({"A": 1, "B": 2, "C": 10, "D": 30}) == {"A", "B", "C"}
    # 1 + 4 = 5: the one person of A would learn B's four answers exactly; hide C (9) too.
    assert hidden_groups({"A": 1, "B": 4, "C": 9, "D": 40}) == {"A", "B", "C"}
    # 3 + 6 = 9 > 5: two hidden groups whose sum is no small group.
    assert hidden_groups({"A": 3, "B": 6, "C": 9, "D": 40}) == {"A", "B"}


def test_ties_go_to_the_name_that_reads_first():
    assert hidden_groups({"Ops": 2, "Legal": 8, "HR": 8, "IT": 30}) == {"Ops", "HR"}


def test_a_table_whose_total_is_under_min_group_is_hidden_whole():
    assert hidden_groups({"A": 2, "B": 2}) == {"A", "B"}


def test_teams_inside_departments():
    # Quarter 30 = Sales 12 (teams A 3, B 9) + Support 18 (team C 18).
    counts = {"Q": 30, "Sales": 12, "Support": 18, "A": 3, "B": 9, "C": 18}
    lines = [Line("Q", ("Sales", "Support")), Line("Sales", ("A", "B")), Line("Support", ("C",))]
    assert suppress(counts, lines, 5) == {"A", "B"}  # Sales 12 - B 9 would give A away
    # A department under 5 hides its teams, and then the next smallest department, and then a
    # team inside that one (its total hidden, its teams shown would give it back).
    counts = {"Q": 40, "Ops": 4, "Sales": 12, "IT": 24, "O1": 4, "S1": 6, "S2": 6, "I1": 24}
    lines = [Line("Q", ("Ops", "Sales", "IT")), Line("Ops", ("O1",)), Line("Sales", ("S1", "S2")), Line("IT", ("I1",))]
    hidden = suppress(counts, lines, 5)
    assert hidden == {"Ops", "O1", "Sales", "S1"}
    assert leaks(counts, lines, hidden, 5) == []


def test_the_audit_finds_the_leak_that_complementary_suppression_prevents():
    counts = {TOTAL: 59, "Sales": 3, "Support": 6, "IT": 50}
    lines = [Line(TOTAL, ("Sales", "Support", "IT"))]
    assert ["Sales"] in leaks(counts, lines, {"Sales"}, 5)
    assert leaks(counts, lines, {"Sales", "Support"}, 5) == []


def _hierarchy(rnd: random.Random):
    """A random quarter: departments of teams (some empty), and tenure bands."""
    counts, lines, departments = {}, [], []
    for d in range(rnd.randint(1, 5)):
        teams = [rnd.choice([0, 1, 1, 2, 3, 4, 5, 6, 8, 12, 20]) for _ in range(rnd.randint(1, 4))]
        for t, n in enumerate(teams):
            counts[("team", d, t)] = n
        counts[("department", d)] = sum(teams)
        departments.append(("department", d))
        lines.append(Line(("department", d), tuple(("team", d, t) for t in range(len(teams)))))
    quarter = sum(counts[d] for d in departments)
    counts["quarter"] = quarter
    lines.append(Line("quarter", tuple(departments)))
    cuts = sorted(rnd.randint(0, quarter) for _ in range(rnd.randint(0, 3)))
    for i, (a, b) in enumerate(zip([0] + cuts, cuts + [quarter])):
        counts[("tenure", i)] = b - a
    lines.append(Line("quarter", tuple(("tenure", i) for i in range(len(cuts) + 1))))
    return counts, lines


@pytest.mark.parametrize("seed", range(300))
def test_random_hierarchies_leak_nothing_by_the_second_method(seed):
    rnd = random.Random(seed)
    counts, lines = _hierarchy(rnd)
    min_group = rnd.choice([3, 5, 10])
    hidden = suppress(counts, lines, min_group)
    assert {k for k, n in counts.items() if 0 < n < min_group} <= hidden
    assert leaks(counts, lines, hidden, min_group) == []


def test_a_two_way_table_with_both_margins_is_beyond_the_line_rule():
    # Why the report shows no group's all-quarters total beside each quarter: with rows and
    # columns both published, every line can hold two hidden cells and one still leaks through
    # a chain of them (found by the audit; see the module docstring).
    rnd = random.Random(2)
    for _ in range(2000):
        rows, cols = rnd.randint(2, 5), rnd.randint(2, 5)
        counts = {(r, c): rnd.choice([0, 1, 2, 3, 6, 8, 12, 20, 30]) for r in range(rows) for c in range(cols)}
        lines = []
        for r in range(rows):
            counts[("row", r)] = sum(counts[(r, c)] for c in range(cols))
            lines.append(Line(("row", r), tuple((r, c) for c in range(cols))))
        for c in range(cols):
            counts[("col", c)] = sum(counts[(r, c)] for r in range(rows))
            lines.append(Line(("col", c), tuple((r, c) for r in range(rows))))
        hidden = suppress(counts, lines, 5)
        if leaks(counts, lines, hidden, 5, largest_set=2):
            return
    pytest.fail("expected a two-way table that the line rule does not protect")


@pytest.mark.parametrize("bad", [0, -5, 2.5, "5", True, float("nan")])
def test_min_group_must_be_a_whole_number_of_answers(bad):
    with pytest.raises(XlNpsError, match="whole number of answers"):
        check_min_group(bad)


def test_min_group_accepts_a_whole_float_from_a_cell():
    assert check_min_group(5.0) == 5
