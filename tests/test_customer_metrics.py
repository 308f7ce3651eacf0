"""Churn, retention, repeat purchases, CLV and loyalty rates against the published examples."""

import pytest

from xl_nps.errors import XlNpsError
from xl_nps.metrics import customers, loyalty


def test_retention_500_start_50_new_520_end_is_94_percent():
    assert customers.retention(500, 520, 50) == pytest.approx(0.94)


def test_churn_500_to_480_is_4_percent():
    assert customers.churn(500, 480) == pytest.approx(0.04)


def test_churn_counts_new_customers_as_not_lost():
    # 500 + 50 new - 520 at end = 30 lost of 500
    assert customers.churn(500, 520, 50) == pytest.approx(0.06)


def test_churn_and_retention_from_customer_ids():
    start = list(range(1, 11))
    end = list(range(1, 9)) + [11, 12]  # 9 and 10 left; 11 and 12 are new
    assert customers.churn_from_ids(start, end) == pytest.approx(0.2)
    assert customers.retention_from_ids(start, end) == pytest.approx(0.8)


def test_monthly_churn_of_2_percent_compounds_to_21_5_percent_a_year():
    assert customers.churn_annual(0.02) == pytest.approx(1 - 0.98**12)
    assert customers.churn_annual(0.02) == pytest.approx(0.21528, abs=1e-5)


def test_periodic_churn_inverts_annual_churn():
    assert customers.churn_periodic(customers.churn_annual(0.03, 4), 4) == pytest.approx(0.03)


def test_repeat_rate_1500_of_10000_customers_is_15_percent():
    purchases = list(range(10_000)) + list(range(1_500))  # the first 1,500 bought twice
    assert customers.repeat_rate(purchases) == pytest.approx(0.15)
    assert customers.repeat_rate_from_counts(1500, 10000) == pytest.approx(0.15)


def test_participation_2000_of_10000_is_20_percent():
    assert loyalty.participation(2000, 10000) == pytest.approx(0.20)


def test_redemption_rate_may_exceed_issued_points_of_the_period():
    assert loyalty.redemption(1367, 10000) == pytest.approx(0.1367)
    assert loyalty.redemption(120, 100) == pytest.approx(1.2)
    # found by hypothesis: 1 / 5e-324 overflows to infinity, which no cell can show
    with pytest.raises(XlNpsError, match="too large to be a rate"):
        loyalty.redemption(1, 5e-324)


def test_clv_is_lifespan_times_value_times_frequency_times_margin():
    assert customers.clv(3, 50, 4) == pytest.approx(600)
    assert customers.clv(3, 50, 4, 0.3) == pytest.approx(180)


def test_ces_mean_of_the_published_7_point_example_is_4_67():
    answers = [1] * 20 + [2] * 30 + [3] * 50 + [4] * 50 + [5] * 50 + [6] * 50 + [7] * 80
    assert loyalty.ces(answers) == pytest.approx(1540 / 330)
    assert round(loyalty.ces(answers), 2) == 4.67


def test_ces_agree_is_the_share_of_answers_5_to_7():
    answers = [1] * 20 + [2] * 30 + [3] * 50 + [4] * 50 + [5] * 50 + [6] * 50 + [7] * 80
    assert loyalty.ces(answers, method="agree") == pytest.approx(180 / 330)


def test_csat_is_the_share_of_the_top_two_answers():
    assert loyalty.csat([5, 4, 3, 1, 5]) == pytest.approx(3 / 5)


def test_ces_refuses_an_answer_off_its_scale():
    with pytest.raises(XlNpsError, match="1-7; found 9"):
        loyalty.ces([3, 9])


def test_agree_ces_is_only_defined_on_7_points():
    with pytest.raises(XlNpsError, match="7-point"):
        loyalty.ces([3, 4], scale=5, method="agree")


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: customers.churn(0, 10), "customers at start is 0"),
        (lambda: customers.churn(-5, 10), "cannot be negative"),
        (lambda: customers.churn(100, 130), "exceed customers at start plus new"),
        (lambda: customers.retention(100, 40, 50), "new customers \\(50\\) exceed customers at end"),
        (lambda: customers.churn_annual(1.5), "fraction between 0 and 1"),
        (lambda: loyalty.participation(20, 0), "customers is 0"),
        (lambda: loyalty.response_rate(120, 100), "exceed people invited"),
        (lambda: customers.clv(3, 50, 4, 30), "margin is a fraction"),
        (lambda: customers.repeat_rate([]), "no customer IDs"),
    ],
)
def test_impossible_counts_get_a_clear_message(call, message):
    with pytest.raises(XlNpsError, match=message):
        call()


def test_counts_beyond_any_real_customer_base_are_refused():
    # found by hypothesis: start and new of 9e307 made start + new overflow to infinity
    with pytest.raises(XlNpsError, match="beyond any real count"):
        customers.churn(8.98e307, 0, 8.98e307)
