"""The report's counted tables on a survey of a few thousand answers, against second methods:
themes and keywords from the per-comment loop (tests/themes_reference.py) run on each quarter's
rows, call-back order and segment counts by plain Python sorting and counting."""

import datetime as dt
import random

import numpy as np
import pytest

import themes_reference as reference
from reports import reference as nps_reference
from test_mentions import random_comments
from xl_nps.workbook.report.build import build_report
from xl_nps.workbook.read.respondents import Respondents


@pytest.fixture(scope="module")
def survey():
    rng = random.Random(21)
    n = 3000
    comments = random_comments(rng, n)
    data = Respondents()
    for i in range(n):
        data.rows.append(i + 2)
        data.dates.append(dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 300)))
        data.respondent.append(f"person{i}")
        data.company.append(f"Company {i % 40}")
        data.segment.append(rng.choice(["SMB", "Enterprise", "", "smb team"]))
        data.comment.append(comments[i] if isinstance(comments[i], str) else "")
        data.owner.append("")
        data.status.append("")
    data.scores = np.asarray([rng.randint(0, 10) for _ in range(n)], dtype=np.int64)
    return data, build_report(data)


def quarter_rows(data, label):
    return [i for i, day in enumerate(data.dates) if f"{day.year} Q{(day.month - 1) // 3 + 1}" == label]


def all_groups(data, report):
    """Every (quarter, category) group of the report: the groups the boilerplate spread is over."""
    slot = lambda score: 0 if score <= 6 else (1 if score <= 8 else 2)
    return [[i for i in quarter_rows(data, label) if slot(data.scores[i]) == s]
            for label in report.quarters for s in range(3)]


def table(report, sheet, title_start):
    [sheet] = [s for s in report.sheets if s.name == sheet]
    [found] = [t for t in sheet.tables if t.title.startswith(title_start)]
    return found


def test_each_quarters_themes_are_those_of_the_per_comment_loop(survey):
    data, report = survey
    analysis = reference.analyse(data.comment)
    groups = all_groups(data, report)
    for label in report.quarters:
        rows = quarter_rows(data, label)
        expected = reference.themes_of(analysis, data.scores, rows, 10, groups=groups)
        got = table(report, label, "Themes").rows
        assert len(got) == 10
        assert [(r[0], r[1], r[2], r[3]) for r in got] == [(t.theme, t.detractors, t.passives, t.promoters) for t in expected]
        assert [r[6] for r in got] == pytest.approx([t.impact for t in expected])
        assert [(r[9], r[10]) for r in got] == [(t.as_in, t.example) for t in expected]
        commenting = [i for i in rows if analysis.mentions[i]]
        for r, t in zip(got, expected):
            assert r[7] == pytest.approx(sum(1 for i in commenting if t.key in analysis.mentions[i]) / len(commenting))


def test_the_comments_sheet_lists_each_groups_keywords_as_the_per_comment_loop_does(survey):
    data, report = survey
    analysis = reference.analyse(data.comment)
    categories = {"Detractors": range(0, 7), "Passives": range(7, 9), "Promoters": range(9, 11)}
    groups = all_groups(data, report)
    for label in report.quarters:
        got = table(report, "Comments", f"{label}").rows
        for name, scores in categories.items():
            rows = [i for i in quarter_rows(data, label) if data.scores[i] in scores]
            expected = reference.keywords_of(analysis, rows, 5, groups)
            assert [(r[1], r[2], pytest.approx(r[3]), r[6], r[7]) for r in got if r[0] == name] == [
                (k.keyword, k.mentions, k.share, k.as_in, k.example) for k in expected]


def test_the_callback_list_is_sorted_by_score_then_date_then_row(survey):
    data, report = survey
    label = report.quarters[1]
    rows = [i for i in quarter_rows(data, label) if data.scores[i] <= 6]
    expected = sorted(rows, key=lambda i: (data.scores[i], data.dates[i], data.rows[i]))[:300]
    got = table(report, label, "Detractors to call back").rows
    assert len(got) > 100
    assert [r[7] for r in got] == [data.rows[i] for i in expected]


def test_segments_are_counted_by_hand(survey):
    data, report = survey
    label = report.quarters[0]
    rows = quarter_rows(data, label)
    got = {r[0]: r for r in table(report, label, "NPS by segment").rows}
    assert list(got) == sorted(got, key=str.casefold)
    for name in ("SMB", "Enterprise", "(no segment)", "smb team"):
        scores = [int(data.scores[i]) for i in rows if (data.segment[i] or "(no segment)") == name]
        assert got[name][1] == len(scores) and got[name][2] == pytest.approx(nps_reference(scores)["nps"])
