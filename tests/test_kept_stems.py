"""Stems kept between runs in the user's cache folder (xl_nps.text.words.stem, kept_stems): every
kept stem is the one the Snowball stemmer gives (checked against snowballstemmer itself), a
kept file is used only for the stemmer it was made with, and a damaged one is ignored."""

import pytest
import snowballstemmer

from xl_nps.text import words
from xl_nps.text.mentions import find_mentions


def fresh_run():
    """As a new process starts: nothing stemmed or read yet."""
    words.stem.cache_clear()
    words._kept_file.cache_clear()
    words._kept_stems.cache_clear()
    words._new_stems.clear()


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XL_NPS_CACHE_DIR", str(tmp_path))
    fresh_run()
    yield tmp_path / words.STEMS_FILE
    fresh_run()


COMMENTS = ["The invoices were wrong and the deliveries slow", "Des livraisons rapides, factures claires",
            "Lieferungen kamen pünktlich", "Доставка быстрая, цены высокие"]


def kept(path) -> dict[str, dict[str, str]]:
    lines = path.read_text("utf-8").split("\n")
    assert lines[0] == "xl-nps stems 1"
    return {head.split(" ")[0]: dict(zip(w.split("\t"), s.split("\t")))
            for head, w, s in zip(lines[1::3], lines[2::3], lines[3::3])}


def test_the_words_stemmed_are_kept_as_snowball_stems_them(cache):
    find_mentions(COMMENTS)
    stems = kept(cache)
    assert {"en", "fr", "de", "ru"} <= set(stems)
    assert stems["en"]["invoices"] == "invoic" and stems["ru"]["цены"] == "цен"
    for code, found in stems.items():
        stemmer = snowballstemmer.stemmer(words.LANGUAGES[code])
        assert found == {w: stemmer.stemWord(w) for w in found}
    written = cache.stat().st_mtime_ns
    fresh_run()
    first = find_mentions(COMMENTS)
    assert cache.stat().st_mtime_ns == written  # nothing new: nothing written
    fresh_run()
    cache.unlink()
    assert find_mentions(COMMENTS).names == first.names  # the same themes without the file


def test_a_kept_stem_is_used_only_with_the_stemmer_it_came_from(cache):
    find_mentions(["The invoices were wrong", "invoices again"])
    head = cache.read_text("utf-8").split("\n")[1]
    assert head.startswith("en snowballstemmer.english_stemmer ")
    cache.write_text(f"xl-nps stems 1\n{head}\ninvoices\nbilling", "utf-8")  # a kept stem that is not Snowball's
    fresh_run()
    assert words.stem("invoices", "en") == "billing"  # read from the file
    cache.write_text(f"xl-nps stems 1\n{head}0\ninvoices\nbilling", "utf-8")  # from another stemmer file
    fresh_run()
    assert words.stem("invoices", "en") == "invoic"


@pytest.mark.parametrize("content", [b"", b"xl-nps stems 1\nen", b"\xff\xfe", b"xl-nps stems 0\nen x\na\tb\nc"])
def test_a_damaged_file_is_ignored_and_written_again(cache, content):
    cache.write_bytes(content)
    fresh_run()
    assert words.stem("invoices", "en") == "invoic"
    words.kept_stems()
    assert kept(cache)["en"] == {"invoices": "invoic"}


def test_at_most_the_limit_is_kept_the_new_words_first(cache, monkeypatch):
    find_mentions(["invoices deliveries customers"])
    fresh_run()
    monkeypatch.setattr(words, "KEPT_LIMIT", 4)
    find_mentions(["contracts renewals"])
    stems = kept(cache)["en"]
    assert len(stems) == 4 and {"contracts", "renewals"} <= set(stems)
