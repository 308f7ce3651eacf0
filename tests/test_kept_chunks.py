"""The analysis of unchanged chunks of comments kept between refreshes (xl_nps.text.kept_chunks):
a refresh with the kept chunks, one without any and one whose cache folder is missing, cannot
be written or holds damaged files write the same workbook byte for byte; a changed comment is
analysed again and gives the themes a run without any kept chunk gives."""

import csv
import os
import random
import shutil
from pathlib import Path

import numpy as np
import pytest

from xl_nps.cli import main
from xl_nps import user_cache
from xl_nps.text import kept_chunks, mentions
from xl_nps.text.themes import themes_of

WORDS = ("price prices pricing support delivery invoice app login refund staff service customer slow fast "
         "great terrible expensive cheap late quick helpful rude friendly broken crashes weeks days").split()
CHUNK = 100  # comments per chunk in these tests (10,000 in use), so a few hundred comments make several


def comment(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 9))).capitalize() + rng.choice([".", "!", ""])


def survey_csv(folder: Path, rows: int, seed: int = 1) -> Path:
    rng = random.Random(seed)
    path = folder / "survey.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["Date", "Email", "Company", "Score", "Comment"])
        for i in range(rows):
            out.writerow([f"2026-{1 + 3 * (i * 2 // rows):02}-{1 + i % 28:02}", f"p{i}@example.com", f"Company {i % 40}",
                          rng.randint(0, 10), comment(rng)])
    return path


def chunk_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("mentions-*.bin")) if folder.is_dir() else []


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(mentions, "CHUNK", CHUNK)


@pytest.fixture
def analysed(monkeypatch):
    """How many chunks were worked out (not taken from the cache folder)."""
    calls = []
    real = mentions._Reader.chunk

    def counted(self, texts, first):
        calls.append(len(texts))
        return real(self, texts, first)

    monkeypatch.setattr(mentions._Reader, "chunk", counted)
    return calls


def refreshed(book: Path, copy: Path, cache: Path, monkeypatch) -> bytes:
    monkeypatch.setenv("XL_NPS_CACHE_DIR", str(cache))
    shutil.copyfile(book, copy)
    assert main(["refresh", str(copy)]) == 0
    return copy.read_bytes()


def test_kept_missing_unwritable_and_damaged_cache_folders_give_the_same_workbook(tmp_path, monkeypatch, small_chunks,
                                                                                   analysed, capsys):
    monkeypatch.setenv("XL_NPS_CACHE_DIR", str(tmp_path / "setup"))
    book = tmp_path / "book.xlsx"
    assert main(["new", str(book)]) == 0
    assert main(["import", str(survey_csv(tmp_path, 650)), str(book)]) == 0

    cold_folder = tmp_path / "cold"  # does not exist yet: a first run
    cold = refreshed(book, tmp_path / "cold.xlsx", cold_folder, monkeypatch)
    assert len(analysed) == 7 and len(chunk_files(cold_folder)) == 7  # 650 comments, 100 a chunk

    analysed.clear()
    warm = refreshed(book, tmp_path / "warm.xlsx", cold_folder, monkeypatch)
    assert analysed == []  # every chunk taken from the cache folder
    assert warm == cold

    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder")
    analysed.clear()
    unwritable = refreshed(book, tmp_path / "unwritable.xlsx", a_file / "cache", monkeypatch)
    assert len(analysed) == 7 and unwritable == cold

    damaged_folder = tmp_path / "damaged"
    shutil.copytree(cold_folder, damaged_folder)
    files = [damaged_folder / name for name in chunk_files(damaged_folder)]
    files[0].write_bytes(files[0].read_bytes()[:-7])  # cut short
    data = bytearray(files[1].read_bytes())
    length = len(kept_chunks.FORM) + user_cache.CHECK  # where the header's length is (user_cache.pack)
    body = length + 8 + int.from_bytes(data[length:length + 8], "little")
    monkeypatch.setenv("XL_NPS_CACHE_DIR", str(damaged_folder))
    kept = kept_chunks.read(files[1].name)
    at = body + 4 * len(kept.per_comment)  # the first word's stem number: made another stem of the chunk
    data[at:at + 4] = ((int(kept.stem[0]) + 1) % len(kept.stems)).to_bytes(4, "little")
    files[1].write_bytes(bytes(data))
    files[2].write_bytes(b"")
    files[3].write_bytes(os.urandom(5000))
    files[4].write_bytes(files[5].read_bytes())  # another chunk's analysis under this name
    head = bytearray(files[6].read_bytes())
    head[len(kept_chunks.FORM) + user_cache.CHECK + 8 + 20] ^= 0x20  # the header
    files[6].write_bytes(bytes(head))
    analysed.clear()
    damaged = refreshed(book, tmp_path / "damaged.xlsx", damaged_folder, monkeypatch)
    assert len(analysed) == 6 and damaged == cold  # all but files[5] worked out again
    assert [p.read_bytes() for p in files] == [(cold_folder / p.name).read_bytes() for p in files]  # and kept again


def test_a_changed_comment_in_the_middle_chunk_is_analysed_again(tmp_path, monkeypatch, small_chunks, analysed):
    rng = random.Random(7)
    comments = [comment(rng) for _ in range(300)]
    scores = [rng.randint(0, 10) for _ in comments]
    monkeypatch.setenv("XL_NPS_CACHE_DIR", str(tmp_path / "kept"))
    mentions.find_mentions(comments)
    assert len(analysed) == 3

    changed = list(comments)
    for i in (150, 160, 170):  # three comments of the middle chunk: a phrase recurs
        changed[i] = "The parking garage was dark"
    scores_changed = list(scores)
    for i in (150, 160, 170):
        scores_changed[i] = 0
    analysed.clear()
    warm = mentions.find_mentions(changed)
    assert analysed == [100]  # the middle chunk only

    monkeypatch.setenv("XL_NPS_CACHE_DIR", str(tmp_path / "empty"))
    cold = mentions.find_mentions(changed)
    for name in ("comment", "key", "phrase_comment", "phrase_key", "phrase"):
        assert np.array_equal(getattr(warm, name), getattr(cold, name)), name
    assert (warm.names, warm.stems, warm.phrase_names) == (cold.names, cold.stems, cold.phrase_names)
    assert themes_of(warm, scores_changed, top_n=30) == themes_of(cold, scores_changed, top_n=30)

    # worked out by hand: "parking garage" (two theme words used only together, in no other
    # comment) is a theme of its own (rule 3), used by comments 150, 160 and 170 and no other
    garage = warm.names.index("parking garage")
    assert warm.stems[garage] == ("park", "garag")
    assert warm.comment[warm.key == garage].tolist() == [150, 160, 170]


def test_another_language_or_another_comment_is_another_file():
    texts = ["Price is too high", "Support was slow"]
    assert kept_chunks.name(texts, "auto") != kept_chunks.name(texts, "en")
    assert kept_chunks.name(texts, "auto") != kept_chunks.name([texts[0], "Support was slow."], "auto")
    assert kept_chunks.name(texts, "auto") != kept_chunks.name(["Price is too high\0Support was slow"], "auto")
    assert kept_chunks.name(texts, "auto") == kept_chunks.name(list(texts), "auto")


def test_a_lone_surrogate_of_a_cell_survives_the_round_trip(tmp_path, monkeypatch):
    monkeypatch.setenv("XL_NPS_CACHE_DIR", str(tmp_path))
    texts = ["price \ud800 price", "price pricing"]
    cold = mentions.find_mentions(texts)
    assert len(chunk_files(tmp_path)) == 1
    warm = mentions.find_mentions(texts)
    assert (warm.names, warm.comment.tolist(), warm.key.tolist()) == (cold.names, cold.comment.tolist(), cold.key.tolist())


def test_beyond_the_limit_the_chunks_used_longest_ago_are_removed(tmp_path, monkeypatch):
    monkeypatch.setenv("XL_NPS_CACHE_DIR", str(tmp_path))
    chunk = kept_chunks.Chunk(np.array([1, 0], dtype=np.uint32), np.array([0], dtype=np.int32),
                              np.array([0], dtype=np.int32), np.array([-1], dtype=np.int32), [("price", 1)], ["prices"], [])
    names = [kept_chunks.name([f"comment {i}"], "auto") for i in range(4)]
    for age, name in enumerate(names):
        assert kept_chunks.keep(name, chunk)
        os.utime(tmp_path / name, ns=(10**18 + age * 10**9,) * 2)  # the first written is the oldest
    (tmp_path / "stems.txt").write_bytes(b"x" * 10**6)  # another cache: never counted nor removed
    kept_chunks.used(names[0])  # read now: the most recent
    size = (tmp_path / names[0]).stat().st_size
    kept_chunks.trim(limit=2 * size)
    assert chunk_files(tmp_path) == sorted([names[0], names[3]])
    assert (tmp_path / "stems.txt").exists()
    kept = kept_chunks.read(names[0])
    assert kept.per_comment.tolist() == [1, 0] and kept.stems == [("price", 1)] and kept.forms == ["prices"]
    assert kept_chunks.read(names[3]) is not None and kept_chunks.read(names[1]) is None


def test_rules_that_cannot_be_read_keep_nothing_and_change_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("XL_NPS_CACHE_DIR", str(tmp_path))
    texts = ["price too high", "slow support", "support was slow and the price too high"]
    expected = mentions.find_mentions(texts)
    for path in tmp_path.glob("mentions-*.bin"):
        path.unlink()
    real = Path.read_bytes

    def unreadable(path):
        if path.suffix == ".py":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", unreadable)
    kept_chunks._rules.cache_clear()
    try:
        found = mentions.find_mentions(texts)
    finally:
        kept_chunks._rules.cache_clear()
    assert chunk_files(tmp_path) == []
    assert (found.names, found.comment.tolist(), found.key.tolist()) == (expected.names, expected.comment.tolist(),
                                                                         expected.key.tolist())


MIXED = ["Price too high", "", "Support was slow, the price too high!", "价格太高了，服务很慢", "価格が高いです",
         "Цена высокая, поддержка медленная", "El precio es muy alto", "Le prix est trop élevé",
         "Prices are too high â€” support slow", "CafÃ© was cold", "The parking garage was dark - slow staff",
         "price\0support", "  spaces   around  ", "产品质量不错但是价格贵 price", "Der Preis ist zu hoch"]


def assert_same_chunk(found: kept_chunks.Chunk, expected: kept_chunks.Chunk) -> None:
    for field in ("per_comment", "stem", "form", "span"):
        assert np.array_equal(getattr(found, field), getattr(expected, field)), field
        assert getattr(found, field).dtype == getattr(expected, field).dtype, field
    assert (found.stems, found.forms, found.spans) == (expected.stems, expected.forms, expected.spans)


@pytest.mark.parametrize("language", ["auto", "en"])
def test_a_chunk_is_the_analysis_of_its_beginning_joined_with_the_rest(language):
    """Each comment's words come from that comment alone, so a chunk's analysis is the analysis
    of its first comments joined with that of the others (kept_chunks.joined), for any cut."""
    rng = random.Random(11)
    texts = mentions._texts([rng.choice(MIXED) + " " + comment(rng) if rng.random() < 0.7 else rng.choice(MIXED)
                             for _ in range(120)])
    reader = mentions._Reader(language)
    whole = reader.local_chunk(texts)
    for cut in (1, 2, 17, 60, 119):
        assert_same_chunk(kept_chunks.joined(reader.local_chunk(texts[:cut]), reader.local_chunk(texts[cut:])), whole)
    assert_same_chunk(kept_chunks.joined(reader.local_chunk(texts[:60]), reader.local_chunk([])),
                      reader.local_chunk(texts[:60]))


def test_new_comments_at_the_end_are_the_only_ones_analysed(tmp_path, monkeypatch, small_chunks, analysed):
    rng = random.Random(3)
    comments = [rng.choice(MIXED) + " " + comment(rng) for _ in range(305)]
    monkeypatch.setenv("XL_NPS_CACHE_DIR", str(tmp_path / "kept"))
    mentions.find_mentions(comments[:250])
    assert analysed == [100, 100, 50]
    for count, expected in ((255, [5]), (305, [45, 5])):  # the chunk of 50 gets 5 more, then 50 more and a new chunk
        analysed.clear()
        warm = mentions.find_mentions(comments[:count])
        assert analysed == expected
        monkeypatch.setenv("XL_NPS_CACHE_DIR", "none")
        cold = mentions.find_mentions(comments[:count])
        monkeypatch.setenv("XL_NPS_CACHE_DIR", str(tmp_path / "kept"))
        for name in ("comment", "key", "phrase_comment", "phrase_key", "phrase"):
            assert np.array_equal(getattr(warm, name), getattr(cold, name)), name
        assert (warm.names, warm.stems, warm.phrase_names) == (cold.names, cold.stems, cold.phrase_names)


def test_a_first_analysis_tries_only_a_few_kept_beginnings(tmp_path, monkeypatch, small_chunks, analysed):
    """Trying a kept chunk as a chunk's beginning hashes the chunk's first comments: in a
    folder full of other surveys' short chunks, a first analysis of many chunks tries only
    HEADS_TRIED of them in all."""
    monkeypatch.setenv("XL_NPS_CACHE_DIR", str(tmp_path))
    rng = random.Random(5)
    for size in range(10, 100, 10):  # other comments: kept chunks of 10, 20, ... 90 comments
        mentions.find_mentions([comment(rng) for _ in range(size)])
    named = []
    real = kept_chunks.name
    monkeypatch.setattr(kept_chunks, "name", lambda texts, language: named.append(len(texts)) or real(texts, language))
    analysed.clear()
    mentions.find_mentions([comment(rng) for _ in range(500)])
    assert analysed == [100] * 5  # none of them was the beginning of these chunks
    assert sorted(named) == sorted([100] * 5 + [90, 80, 70, 60][:mentions.HEADS_TRIED])
