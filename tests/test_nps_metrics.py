"""NPS and its categories against published worked examples and hand counts."""

import numpy as np
import pytest

from xl_nps.errors import XlNpsError
from xl_nps.metrics import nps as m


def answers(promoters=0, passives=0, detractors=0):
    return [10] * promoters + [8] * passives + [3] * detractors


def test_2000_respondents_600_detractors_400_passives_1000_promoters_give_nps_20():
    assert m.nps(answers(1000, 400, 600)) == pytest.approx(20.0)


def test_1000_surveyed_400_promoters_150_detractors_give_nps_25():
    assert m.nps(answers(400, 450, 150)) == pytest.approx(25.0)


def test_30_promoters_65_passives_5_detractors_give_nps_25():
    assert m.nps(answers(30, 65, 5)) == pytest.approx(25.0)


@pytest.mark.parametrize(
    "score, expected",
    [(0, "Detractor"), (6, "Detractor"), (7, "Passive"), (8, "Passive"), (9, "Promoter"), (10, "Promoter")],
)
def test_category_boundaries_follow_reichheld(score, expected):
    assert m.category(score) == expected


def test_distribution_counts_each_answer_0_to_10():
    dist = m.distribution([0, 0, 5, 10, 10, 10])
    assert dist.tolist() == [2, 0, 0, 0, 0, 1, 0, 0, 0, 0, 3]


def test_weighted_nps_counts_each_answer_with_its_weight():
    # promoter weight 3, detractor weight 1, passive weight 2: (3 - 1) / 6 = 33.3 points
    assert m.weighted_nps([10, 0, 7], [3, 1, 2]) == pytest.approx(100 * 2 / 6)


def test_equal_weights_give_the_unweighted_nps():
    scores = [9, 9, 3, 7, 10, 0]
    assert m.weighted_nps(scores, [2.5] * 6) == pytest.approx(m.nps(scores))


@pytest.mark.parametrize("bad", [[11], [-1], [7.5], [np.nan]])
def test_scores_outside_whole_0_to_10_are_refused(bad):
    with pytest.raises(XlNpsError, match="whole numbers 0-10"):
        m.nps(bad)


def test_no_scores_is_a_clear_error_not_a_zero_division():
    with pytest.raises(XlNpsError, match="no scores"):
        m.nps([])


def test_weights_that_add_up_to_zero_are_refused():
    with pytest.raises(XlNpsError, match="add up to 0"):
        m.weighted_nps([10, 0], [0, 0])
