"""The array pipeline that finds themes (xl_nps.text.mentions) against the per-comment loop it
replaced (tests/themes_reference.py): the same themes and keywords, count for count."""

import random

import numpy as np
from hypothesis import given, settings, strategies as st

import themes_reference as reference
from xl_nps.text import mentions
from xl_nps.text.themes import analyse, keywords_of, themes_of

WORDS = {
    "en": "the price is too high support slow customer service delivery time late invoice wrong great "
          "pricing prices team helpful dashboard export login fails and but not very".split(),
    "fr": "le prix est trop élevé la livraison lente service client très bien équipe l'équipe d'attente".split(),
    "de": "der Preis ist zu hoch die Lieferung langsam Kundenservice sehr gut und nicht".split(),
    "es": "el precio es muy alto la entrega lenta servicio al cliente buena calidad".split(),
    "ru": "цена слишком высокая поддержка отвечает медленно доставка цены очень хорошо".split(),
    "zh": ["价格太高", "客服回复太慢", "服务很好", "交货很快", "质量", "但是", "产品质量不错", "物流太慢了"],
    "ja": ["価格が高い", "サポートが遅い", "配送", "とても", "料金は少し高め", "レポート"],
}
BREAKS = [", ", ". ", "; ", " - ", "-", "\n", "! ", "。", "，", "、", " (", ") "]
ODD = ["", None, "   ", "!!!", "😡", "Ã©levÃ© prix", "prix Ã©levÃ©", "42", "x", "l’équipe l'équipe", "price\x00price",
       "Price. PRICE, price!", "価格 price", "日本語のテキスト", "σίγμα ΣΊΓΜΑΣ", "İstanbul", "҂ price price",
       "Très cher, ÉNORME prix", "Über den Preis", "¿precio? ¡muy alto!", "¿ el precio ?", "¿precio?", "¡calidad!"]


def random_comments(rng: random.Random, n: int) -> list:
    out = []
    for _ in range(n):
        roll = rng.random()
        if roll < 0.15:
            out.append(rng.choice(ODD))
            continue
        language = rng.choice(list(WORDS))
        pool = WORDS[language]
        joiner = "" if language in ("zh", "ja") and rng.random() < 0.5 else " "
        parts = [rng.choice(pool) for _ in range(rng.randint(1, 9))]
        text = parts[0] + "".join((rng.choice(BREAKS) if rng.random() < 0.2 else joiner) + p for p in parts[1:])
        if rng.random() < 0.2:  # two languages in one comment
            text += " " + " ".join(rng.choice(WORDS[rng.choice(list(WORDS))]) for _ in range(2))
        out.append(text)
    return out


def same_results(comments, scores, language="auto"):
    new, old = analyse(comments, language), reference.analyse(comments, language)
    assert new.said.tolist() == [bool(keys) for keys in old.mentions]
    rows = [i for i in range(len(comments)) if i % 3]
    for subset in (None, rows):
        mine = [(k.keyword, k.mentions, k.share, k.as_in, k.example) for k in keywords_of(new, subset, 15)]
        theirs = [(k.keyword, k.mentions, k.share, k.as_in, k.example) for k in reference.keywords_of(old, subset, 15)]
        assert mine == theirs
        mine = [(t.theme, t.detractors, t.passives, t.promoters, t.nps, t.impact, t.as_in, t.example)
                for t in themes_of(new, scores, subset, 12)]
        theirs = [(t.theme, t.detractors, t.passives, t.promoters, t.nps, t.impact, t.as_in, t.example)
                  for t in reference.themes_of(old, scores, subset, 12)]
        assert mine == theirs
    # every comment's keys, by name
    names = [set() for _ in comments]
    for c, k in zip(new.comment.tolist(), new.key.tolist()):
        names[c].add(new.stems[k])
    assert names == [set(keys) for keys in old.mentions]


def test_a_thousand_mixed_comments_give_the_same_themes_as_the_per_comment_loop():
    rng = random.Random(5)
    comments = random_comments(rng, 1000)
    same_results(comments, [rng.randint(0, 10) for _ in comments])


def test_chunks_do_not_change_anything(monkeypatch):
    rng = random.Random(8)
    comments = random_comments(rng, 300)
    scores = [rng.randint(0, 10) for _ in comments]
    def found():
        return [(t.theme, t.detractors, t.passives, t.promoters, t.impact) for t in themes_of(analyse(comments), scores, None, 20)]

    whole = found()
    monkeypatch.setattr(mentions, "CHUNK", 7)
    assert found() == whole
    same_results(comments, scores)


def test_a_given_language_is_used_for_every_comment():
    rng = random.Random(9)
    comments = random_comments(rng, 200)
    scores = [rng.randint(0, 10) for _ in comments]
    for language in ("en", "fr", "ru", "zh", "ja"):
        same_results(comments, scores, language)


def test_no_comments_or_only_blanks():
    for comments in ([], [""], ["", None, "!!!"]):
        found = analyse(comments)
        assert len(found.key) == 0 and found.said.tolist() == [False] * len(comments)
        assert keywords_of(found) == [] and themes_of(found, [5] * len(comments)) == []


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([w for pool in WORDS.values() for w in pool] + ODD[:9]),
                          st.integers(1, 6)), min_size=1, max_size=40),
       st.randoms(use_true_random=False))
def test_any_comments_agree_with_the_per_comment_loop(parts, rng):
    comments = [" ".join([word] * repeat) if word else word for word, repeat in parts]
    rng.shuffle(comments)
    same_results(comments, [rng.randint(0, 10) for _ in comments])


def test_the_written_form_shown_is_the_commonest():
    found = analyse(["prices high", "prices up", "price", "pricing"] + ["customer service slow"] * 3
                    + ["customers services"], "en")
    names = {found.stems[k]: found.names[k] for k in set(found.key.tolist())}
    assert names[("price",)] == "prices"
    assert names[("custom", "servic")] == "customer service"
    assert np.array_equal(np.sort(found.comment), found.comment)


def test_of_forms_written_equally_often_the_first_in_sort_order_is_shown():
    found = analyse(["pricing", "prices", "pricing", "prices"], "en")
    assert found.names[int(found.key[0])] == "prices"


def test_han_characters_are_letters_so_counting_them_in_words_counts_them_all():
    # mentions counts Han characters, Cyrillic and accented letters inside words; the per-comment
    # detector looked at the whole text. The same only if every such character is in a word.
    from xl_nps.text.words import HAN, TIE_BREAK, WORD

    han = "".join(chr(c) for c in list(range(0x3400, 0x4DC0)) + list(range(0x4E00, 0x9FFD)))
    assert "".join(WORD.findall(han)) == han and HAN.fullmatch(han)
    assert HAN.search("\u9ffd\u9ffe\u9fff") is None  # letters only from Unicode 14 (Python 3.11) on
    marks = "".join(set().union(*TIE_BREAK.values()) - set("¿¡"))
    assert WORD.findall(" ".join(marks)) == list(marks)


def test_the_tokenizer_splits_as_words_WORD_does():
    from xl_nps.text.mentions import SEP, TOKEN
    from xl_nps.text.words import WORD

    text = "rock'n'roll 'quoted' l’équipe don't x2y _a_ 3rd ça-va über\u00adall 价格 ' '' a'"
    assert [t for t in TOKEN.findall(text + SEP + text) if t != SEP] == WORD.findall(text) * 2


TRICKY = ["rock'n'roll", "'quoted'", "l’équipe", "don't", "a'b'c'd'e", "x2y", "_a_b", "3rd", "ça-va",
          "über\u00adall", "价格太高", "''", "a'", "'b", "ΣΊΓΜΑΣ σίγμα", "İstanbul", "naïve café", "\ud800bad",
          "e\u0301t\u00e9", "O'Neil's", "it’s’", "abc" * 40, "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 letters", ""]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=list("ab'’ 9_-é日\u0301x\u00adΣ"), max_size=30) | st.sampled_from(TRICKY), max_size=12))
def test_numpy_word_finding_matches_the_regular_expression(texts):
    from xl_nps.text.mentions import SEP, TOKEN, _Reader

    lowered = SEP.join(t.replace(SEP, " ") for t in texts).lower()
    reader = _Reader("auto")
    numbers, local, _, _ = reader._words_of(lowered)
    words = list(reader.words.numbers)
    expected = [w for w in TOKEN.findall(lowered) if w != SEP]
    assert [words[n] for n in numbers] == expected
    assert local.tolist() == [i for i, part in enumerate(lowered.split(SEP)) for w in TOKEN.findall(part)]


def test_a_clash_of_hashes_falls_back_to_numbering_by_text(monkeypatch):
    # base 1 makes the first hash the plain sum of the code points: anagrams clash
    monkeypatch.setattr(mentions, "BASES", (1, mentions.BASES[1]))
    monkeypatch.setattr(mentions, "INVERSES", (1, mentions.INVERSES[1]))
    comments = ["silent night", "listen now", "enlist today"] * 4 + ["price price"] * 3
    same_results(comments, [2, 9, 5] * 4 + [0, 0, 10])
    reader = mentions._Reader("auto")
    reader._words_of("listen silent")
    assert reader.words.by_text


def test_long_words_are_numbered_by_their_text():
    # Thue-Morse strings and their complements clash under any polynomial hash modulo 2**64
    # once they are long enough; words over LONG_WORD letters are therefore kept by text
    from xl_nps.text.mentions import LONG_WORD, _Reader

    thue = "a"
    while len(thue) < 2048:
        thue += thue.translate(str.maketrans("ab", "ba"))
    other = thue.translate(str.maketrans("ab", "ba"))
    reader = _Reader("auto")
    numbers, local, _, _ = reader._words_of(f"{thue} price {other} price")
    assert len(thue) > LONG_WORD and numbers[0] != numbers[2] and numbers[1] == numbers[3]
    assert [list(reader.words.numbers)[n] for n in numbers] == [thue, "price", other, "price"]
    assert not reader.words.by_text


def test_the_powers_behind_the_hashes_are_those_python_works_out():
    # base**i modulo 2**64 by doubling, against Python's own pow for every i up to a size that
    # is not a power of two, and a few far out
    for base in mentions.BASES + mentions.INVERSES:
        for size in (1, 2, 3, 5, 1000):
            assert mentions._powers(base, size).tolist() == [pow(base, i, 2**64) for i in range(size)]
        far = mentions._powers(base, 300_001)
        assert [int(far[i]) for i in (65_536, 65_537, 131_071, 300_000)] == [
            pow(base, i, 2**64) for i in (65_536, 65_537, 131_071, 300_000)]
