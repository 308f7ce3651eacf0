"""The Excel functions under the small-sample policy, the score interval, the retention model and
the guards (scale, dates) that must give the same verdict in every function and in the refresh.
Inputs are in the shapes xlwings passes: lists of rows, floats, None for blanks, datetimes."""

import datetime as dt

import pytest
from scipy.special import hyp2f1

from conftest import answer, fill_respondents
from xl_nps import udfs
from xl_nps.errors import XlNpsError
from xl_nps.workbook.refresh import refresh


def column(*values):
    return [[float(v) if isinstance(v, int) and not isinstance(v, bool) else v] for v in values]


def answers(promoters=0, passives=0, detractors=0):
    return column(*([10] * promoters + [7] * passives + [0] * detractors))


def test_nps_test_adjusted_reports_observed_scores_and_the_adjusted_difference():
    # R NPS 2.0.999: nps_test_(c(15, 25, 60), c(25, 30, 45), test = "adjusted.wald"):
    # delta.hat 0.24271844660, se.hat 0.10831066859, p.value 0.02502952101
    table = udfs.nps_test(answers(60, 25, 15), answers(45, 30, 25), 0.95, "adjusted")
    assert table[0] == ["NPS a", "NPS b", "Adjusted difference (a-b)", "z", "p-value", "Significant?"]
    nps_a, nps_b, difference, z, p, significant = table[1]
    assert (nps_a, nps_b) == (pytest.approx(45), pytest.approx(20))
    assert difference == pytest.approx(24.271844660, abs=1e-8)
    assert z == pytest.approx(0.24271844660 / 0.10831066859, rel=1e-9)
    assert p == pytest.approx(0.02502952101, rel=1e-8) and significant is True


def test_nps_test_refuses_a_range_under_min_n_and_min_n_can_be_lowered():
    message = udfs.nps_test(answers(60, 25, 15), column(10))
    assert message == ("NPS_TEST: sample b has 1 answer; the test needs at least 10 in each sample (min_n), "
                       "or it calls noise a change")
    table = udfs.nps_test(answers(4, 2, 3), answers(60, 25, 15), 0.95, "wald", 9.0)
    assert table[0][2] == "Difference (a-b)" and 0 < table[1][4] < 1
    assert udfs.nps_test(answers(60, 25, 15), answers(45, 30, 25), None, None, None) == \
        udfs.nps_test(answers(60, 25, 15), answers(45, 30, 25))  # blanks take the defaults
    assert udfs.nps_test(answers(60, 25, 15), answers(45, 30, 25), 0.95, "wald", 0.0).startswith("NPS_TEST: min_n")


def test_nps_ci_score_of_one_promoter_holds_plus_100():
    # R PropCIs::scoreci.mp(0, 1, 1, 0.95) = -0.5869016647, 1
    (row,) = udfs.nps_ci(column(10), 0.95, "score")
    assert row == [pytest.approx(-58.69016647, abs=1e-4), 100.0]


def test_nps_trend_marks_a_small_quarter_and_says_too_few_answers():
    scores = column(*([10] * 30 + [8] * 10 + [3] * 10 + [9]))
    days = column(*([dt.datetime(2026, 2, 1)] * 50 + [dt.datetime(2026, 4, 1)]))
    table = udfs.nps_trend(scores, days)
    assert table[0] == ["Period", "n", "NPS", "CI low", "CI high", "Change", "Significant?", "Note"]
    assert table[1][1:3] == [50, pytest.approx(40)] and table[1][5:] == ["", "", ""]
    assert table[2][0] == "2026 Q2" and table[2][2] == 100
    assert table[2][5] == pytest.approx(60) and table[2][6] == "too few answers"
    assert table[2][7] == "only 1 of the 30 answers needed to judge"
    lowered = udfs.nps_trend(scores, days, "Q", 1.0)  # a minimum of 1: not marked, still not tested
    assert lowered[2][6] == "too few answers" and lowered[2][7] == ""


def test_nps_trend_reads_the_date_forms_the_refresh_reads():
    scores = column(9, 3, 10, 0)
    as_text = column("15/07/2026", "2026-7-5", "1.2.2026", "2026-02-03 09:30")
    as_cells = column(dt.datetime(2026, 7, 15), dt.datetime(2026, 7, 5), dt.datetime(2026, 2, 1), dt.datetime(2026, 2, 3))
    assert udfs.nps_trend(scores, as_text) == udfs.nps_trend(scores, as_cells)
    assert [row[0] for row in udfs.nps_trend(scores, as_text)[1:]] == ["2026 Q1", "2026 Q3"]


def test_nps_trend_and_the_refresh_read_the_same_text_dates_into_the_same_quarters(tmp_path):
    texts = ["15/07/2026", "2026-7-5", "03/02/2026", "28/02/2026"] * 3
    scores = [9, 3, 10, 0, 9, 9, 7, 8, 10, 6, 5, 9]
    book = fill_respondents(tmp_path / "dates.xlsx", [answer(t, s) for t, s in zip(texts, scores)])
    summary = refresh(book)
    table = udfs.nps_trend(column(*scores), column(*texts))
    assert [row[0] for row in table[1:]] == summary.quarters == ["2026 Q1", "2026 Q3"]


def test_an_ambiguous_text_date_is_named_without_advice_for_the_command_line():
    message = udfs.nps_trend(column(9, 3), column("07/03/2026", "2026-7-5"))
    assert message.startswith('NPS_TREND: row 1 of dates holds the text "07/03/2026"; not a date: day and month')
    assert "--date-format" not in message


SEVEN_POINT = [1, 2, 3, 4, 5, 6, 7, 7, 6, 5, 4, 3]  # twelve answers on a 1-7 scale


def test_the_scale_guard_gives_one_verdict_in_every_function_and_the_refresh(tmp_path):
    scores = column(*SEVEN_POINT)
    groups = column(*("A" * 6 + "B" * 6))
    days = column(*([dt.datetime(2026, 2, 1)] * 12))
    expected = "all 12 answers lie between 1 and 7 and none is 0 or above 7"
    for name, result in [("NPS", udfs.nps(scores)), ("NPS_BY", udfs.nps_by(scores, groups)),
                         ("NPS_TREND", udfs.nps_trend(scores, days)), ("NPS_COUNTS", udfs.nps_counts(scores))]:
        assert result.startswith(f"{name}: {expected}"), result
    book = fill_respondents(tmp_path / "seven.xlsx", [answer(dt.datetime(2026, 2, 1), s) for s in SEVEN_POINT])
    with pytest.raises(XlNpsError, match=f"Respondents column E: {expected}"):
        refresh(book)


def test_below_ten_answers_every_function_and_the_refresh_compute(tmp_path):
    nine = SEVEN_POINT[:9]  # 7 detractors, 2 passives: NPS -77.8
    scores, days = column(*nine), column(*([dt.datetime(2026, 2, 1)] * 9))
    assert udfs.nps(scores) == pytest.approx(-700 / 9)
    assert udfs.nps_by(scores, column(*("A" * 9)))[1][2] == pytest.approx(-700 / 9)
    assert udfs.nps_trend(scores, days)[1][2] == pytest.approx(-700 / 9)
    book = fill_respondents(tmp_path / "nine.xlsx", [answer(dt.datetime(2026, 2, 1), s) for s in nine])
    assert refresh(book).quarters == ["2026 Q1"]


REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241]  # Fader and Hardie (2007), regular customers


def test_retention_fit_spills_the_published_estimates_from_a_longer_selection():
    table = udfs.retention_fit(column(*REGULAR, None, None, None))
    values = dict(table[1:])
    assert table[0] == ["Measure", "Value"]
    assert round(values["alpha"], 3) == 0.704 and round(values["beta"], 3) == 1.182
    assert values["periods fitted"] == 7 and values["note"] == ""
    assert values["average churn per period"] == pytest.approx(values["alpha"] / (values["alpha"] + values["beta"]))
    assert udfs.retention_fit([[float(v) for v in REGULAR]]) == table  # a row gives the same


def test_retention_forecast_and_lifetime_through_the_cell_face():
    table = udfs.retention_forecast(column(*REGULAR), 2.0)
    assert table[0] == ["Period", "Retention rate", "Customers still active"]
    assert [row[0] for row in table[1:]] == [8, 9]
    values = dict(udfs.retention_fit(column(*REGULAR))[1:])
    a, b = values["alpha"], values["beta"]
    assert table[1][1] == pytest.approx((b + 7) / (a + b + 7))
    assert table[1][2] == pytest.approx(1000 * _survival(a, b, 8))  # survivors = cohort x S(t)
    lifetime = udfs.lifetime(column(*REGULAR), 0.1)
    assert lifetime == pytest.approx(hyp2f1(1, b, a + b, 1 / 1.1), rel=1e-9)  # DEL of Fader and Hardie (2010)
    # the pairing: CLV with LIFETIME as its lifespan = DEL x value per period
    assert udfs.clv(lifetime, 50.0, 4.0, 0.3) == pytest.approx(lifetime * 50 * 4 * 0.3)


def _survival(a, b, t):
    s = 1.0
    for k in range(1, t + 1):
        s *= (b + k - 1) / (a + b + k - 1)
    return s


@pytest.mark.parametrize("call, message", [
    (lambda: udfs.retention_fit(column(1000, 631)), "RETENTION_FIT: give the customers still active in at least 3"),
    (lambda: udfs.retention_fit(column(1000, 631, 700)),
     "RETENTION_FIT: row 3 of active_by_period (period 2) holds 700, more than row 2"),
    (lambda: udfs.retention_fit(column(1000, None, 500, 400)), "RETENTION_FIT: row 2 of active_by_period is empty between counts"),
    (lambda: udfs.retention_fit(column(0, 0, 0)), "RETENTION_FIT: the cohort starts with 0 customers (row 1 of active_by_period"),
    (lambda: udfs.retention_fit(column(1000, "#N/A", 400)), "RETENTION_FIT: row 2 of active_by_period holds the Excel error #N/A"),
    (lambda: udfs.retention_forecast(column(*REGULAR), 0.0), "RETENTION_FORECAST: periods ahead must be a whole number"),
    (lambda: udfs.lifetime(column(*REGULAR)), "LIFETIME: alpha is 0.704 (1 or less)"),
    (lambda: udfs.lifetime(column(*REGULAR), 10.0), "LIFETIME: a discount rate of 10 is 100% or more per period"),
])
def test_bad_cohorts_give_one_line_naming_the_cell(call, message):
    result = call()
    assert isinstance(result, str) and result.startswith(message), result
    assert "\n" not in result


def test_a_cohort_with_a_constant_churn_rate_says_so():
    values = dict(udfs.retention_fit(column(1000, 500, 250, 125))[1:])
    assert values["alpha"] == values["beta"] == "no limit"
    assert values["average churn per period"] == pytest.approx(875 / 1750)
    assert "constant churn rate" in values["note"]
    assert udfs.lifetime(column(1000, 500, 250, 125)) == pytest.approx(2.0)  # 1 / 0.5


def test_the_readme_examples_of_the_new_functions_are_what_they_compute():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    cohort = column(*REGULAR)
    fit = dict(udfs.retention_fit(cohort)[1:])
    assert "alpha `0.704`, beta `1.182`" in readme and (round(fit["alpha"], 3), round(fit["beta"], 3)) == (0.704, 1.182)
    assert "period 8: `220.1` customers" in readme and round(udfs.retention_forecast(cohort, 5.0)[1][2], 1) == 220.1
    assert "`=LIFETIME(B2:B9, 10%)` -> `3.69`" in readme and round(udfs.lifetime(cohort, 0.1), 2) == 3.69
    assert "`=REDEMPTION(1200, 10000)` -> `12%`" in readme and udfs.redemption(1200.0, 10000.0) == pytest.approx(0.12)
    assert "interval -48.5 to +98.5" in readme and [round(v, 1) for v in udfs.nps_ci(column(10))[0]] == [-48.5, 98.5]
    assert "(one promoter: -58.7 to\n  +100)" in readme and round(udfs.nps_ci(column(10), 0.95, "score")[0][0], 1) == -58.7
