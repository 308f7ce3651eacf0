"""Comment themes, keywords and the call-back list, on comment sets with known answers."""

import pytest

from xl_nps import udfs
from xl_nps.errors import XlNpsError
from xl_nps.text.followup import followup
from xl_nps.text.themes import keywords, themes
from xl_nps.text.words import check_language, detect, repair


def by_theme(found):
    return {t.theme: t for t in found}


def test_a_theme_only_detractors_mention_comes_first_among_things_to_fix():
    comments = (["The invoices are wrong again"] * 6 + ["Friendly staff, quick answers"] * 10
                + ["Decent product overall"] * 10 + ["Quick answers from the staff"] * 4)
    scores = [3] * 6 + [10] * 10 + [8] * 10 + [9] * 4
    found = themes(comments, scores)
    # "invoices" and "wrong" are always said together: the phrase is the theme, named as written
    assert found[0].theme == "invoices are wrong"
    assert found[0].detractors == 6 and found[0].passives == 0 and found[0].promoters == 0
    assert found[0].impact < 0 and found[-1].impact > 0


def test_nps_of_those_who_mention_a_theme_and_its_gap_worked_by_hand():
    # 4 mention "delivery": scores 2, 5, 8, 10 -> (1 - 2) / 4 = -25. Overall: 10 respondents,
    # 5 promoters and 3 detractors -> +20. Gap -45.
    comments = ["late delivery", "delivery lost", "delivery ok", "delivery fast", "", "", "", "", "", ""]
    scores = [2, 5, 8, 10, 9, 9, 9, 10, 0, 7]
    delivery = by_theme(themes(comments, scores, min_mentions=1))["delivery"]
    assert (delivery.detractors, delivery.passives, delivery.promoters) == (2, 1, 1)
    assert delivery.nps == pytest.approx(-25.0)
    assert delivery.gap == pytest.approx(-45.0)
    assert delivery.impact == pytest.approx(-45.0 * 4 / 10 * 4 / 9)


def test_word_forms_merge_into_one_theme_per_language():
    cases = {
        "en": ["price is high", "prices went up", "pricing is unclear"],
        "ru": ["цена высокая", "цены растут", "снизьте цену"],
        "fr": ["le prix est élevé", "les prix augmentent", "prix trop élevés"],
        "de": ["der Preis ist hoch", "die Preise steigen", "zu hohe Preise"],
        "es": ["el precio es alto", "los precios suben", "precios altos"],
    }
    for language, comments in cases.items():
        top = keywords(comments, 1, language)[0]
        assert top.mentions == 3, (language, top)
        assert top.keyword in ("price", "prices", "цена", "цены", "цену", "prix", "preis", "preise", "precio", "precios")


def test_one_person_does_not_outrank_thirty():
    comments = (["support never answers"] * 12 + ["support is slow but ok"] * 12 + ["support helped"] * 6
                + ["invoice error"] * 2 + ["dashboard saves time"] * 48 + [""] * 20)
    scores = [2] * 12 + [7] * 12 + [9] * 6 + [0] * 2 + [10] * 48 + [8] * 20
    order = [t.theme for t in themes(comments, scores)]
    assert order.index("support") < order.index("invoice")


def test_a_recurring_two_word_phrase_is_one_theme():
    comments = ["customer service was rude", "slow customer service", "customer service never calls",
                "customer service is helpful", "delivery time too long", "delivery time improved", "long delivery time"]
    scores = [2, 3, 4, 9, 5, 9, 6]
    found = by_theme(themes(comments, scores, min_mentions=2))
    assert found["customer service"].mentions == 4
    assert found["delivery time"].mentions == 3
    assert "customer" not in found and "service" not in found


def test_chinese_comments_give_themes_and_do_not_break_anything():
    comments = ["价格太高，客服回复太慢。", "价格太高了", "服务很好，交货很快。", "交货很快"]
    found = by_theme(themes(comments, [2, 3, 10, 9], min_mentions=2))
    assert found["价格"].detractors == 2
    assert found["交货"].promoters == 2


@pytest.mark.parametrize(
    "text, language",
    [("The price is too high and support is slow", "en"), ("Le prix est trop élevé", "fr"),
     ("Der Preis ist zu hoch und der Support ist langsam", "de"), ("El precio es muy alto", "es"),
     ("Цена слишком высокая", "ru"), ("价格太高", "zh"), ("Très cher", "fr"), ("価格が高い", "ja"),
     ("Hervorragender Kundenservice!", "de")],
)
def test_each_comment_gets_its_language(text, language):
    assert detect(text) == language


def test_mojibake_is_repaired_before_analysis():
    assert repair("Le prix est trop Ã©levÃ©") == "Le prix est trop élevé"
    assert keywords(["Le prix est trop Ã©levÃ©", "prix élevé"], 5, "fr")[0].mentions == 2


def test_awkward_comments_give_sensible_output_not_a_crash():
    comments = ["", None, "   ", "!!!???", "😡😡😡", "👍", "ok " * 5000, "\x00\x07 bell", "price " + "x" * 10_000, "price"]
    found = themes(comments, [0, 10, 5, 7, 1, 10, 8, 3, 2, 4], min_mentions=2)
    assert [t.theme for t in found] == ["price"]
    assert keywords(["", "!!!", "😡"]) == []


def test_languages_are_checked():
    assert check_language("Russian") == "ru" and check_language("auto") == "auto"
    with pytest.raises(XlNpsError, match='language must be "auto" or one of en'):
        check_language("klingon")


def test_followup_is_worst_first_within_the_category():
    calls = followup(["a", "b", "c", "d", "e"], [6, 0, 9, 3, 0], ["x", "y", "z", "w", "v"])
    assert [(c.respondent, c.score) for c in calls] == [("b", 0), ("e", 0), ("d", 3), ("a", 6)]
    assert [c.respondent for c in followup(["a", "b"], [9, 7], ["", ""], "promoters")] == ["a"]
    assert len(followup(["a", "b"], [9, 7], ["", ""], "all")) == 2


def test_the_excel_functions_spill_tables():
    comments = [["slow delivery"], ["slow delivery"], ["great team"], [None]]
    scores = [[2.0], [3.0], [10.0], [9.0]]
    table = udfs.nps_themes(comments, scores)
    assert table[0][:4] == ["Theme", "Detractors", "Passives", "Promoters"] and table[0][-2:] == ["As in", "Example"]
    assert table[1][0] == "delivery" and table[1][-1] == "slow delivery"  # "slow" describes; the example is a detractor's
    assert udfs.nps_keywords(comments)[0] == ["Keyword", "Mentions", "Share of comments", "As in", "Example"]
    assert udfs.nps_keywords(comments)[1][:2] == ["delivery", 2]
    assert udfs.nps_followup([["a"], ["b"], ["c"], ["d"]], scores, comments)[1:] == [["a", 2, "slow delivery"], ["b", 3, "slow delivery"]]
    assert udfs.nps_followup([["a"]], [[2.0]], [["x"]], "everyone").startswith('NPS_FOLLOWUP: category must be')


def test_the_stop_word_lists_ship_with_the_package_for_every_language():
    # the commonest function word of each language is a stop word, whatever Python runs
    from xl_nps.text.words import stop_words

    for code, word in {"en": "the", "fr": "les", "de": "und", "es": "los", "ru": "и", "zh": "的"}.items():
        assert word in stop_words(code), code


def test_the_typical_comments_median_length_is_numpys_median():
    import random

    import numpy as np

    from xl_nps.text.themes import _median

    rng = random.Random(5)
    for n in list(range(1, 40)) + [999, 1000]:
        lengths = np.array([float(rng.randrange(0, 300)) for _ in range(n)])
        assert _median(lengths) == float(np.median(lengths)), n
    assert _median(np.array([3.0, 1.0, 2.0, 10.0])) == 2.5  # by hand: the mean of 2 and 3
