"""The user's cache folder (xl_nps.user_cache) and jieba's dictionary kept there in compact form
(xl_nps.text.cjk): the dictionary read back is the one jieba itself reads from its text file,
and a cache that is missing, damaged, stale or cannot be written changes nothing but the time."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from xl_nps import user_cache
from xl_nps.text import cjk

# In a fresh interpreter: the dictionary as the segmenter holds it, summed up in one line.
SUMMARY = ("from xl_nps.text.cjk import segmenter\n"
           "t = segmenter()\n"
           "t.dictionary.load_all()\n"
           "import hashlib\n"
           "words = hashlib.sha256('\\n'.join(f'{w} {f}' for w, f in sorted(t.FREQ.items())).encode()).hexdigest()\n"
           "prefixes = hashlib.sha256('\\n'.join(sorted(t.long_prefixes)).encode()).hexdigest()\n"
           "print(len(t.FREQ), t.total, len(t.long_prefixes), words, prefixes, ' '.join(t.cut('价格太高了，服务很慢')))\n")


def summary(cache: Path) -> list[str]:
    result = subprocess.run([sys.executable, "-c", SUMMARY], capture_output=True, text=True,
                            env={**os.environ, "XL_NPS_CACHE_DIR": str(cache)})
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


@pytest.fixture(scope="module")
def jieba_reading():
    """The dictionary as jieba reads its text file itself (gen_pfdict: every word with its
    frequency, every prefix with 0, the total of all lines), summed up as SUMMARY does."""
    import hashlib

    import jieba

    tokenizer = jieba.Tokenizer()
    frequencies, total = tokenizer.gen_pfdict(tokenizer.get_dict_file())
    words = {w: f for w, f in frequencies.items() if f}
    long_prefixes = {w[:i] for w in words if len(w) > cjk.SHORT for i in range(cjk.SHORT, len(w))}
    return [str(len(words)), str(total), str(len(long_prefixes)),
            hashlib.sha256("\n".join(f"{w} {f}" for w, f in sorted(words.items())).encode()).hexdigest(),
            hashlib.sha256("\n".join(sorted(long_prefixes)).encode()).hexdigest(),
            "价格", "太高", "了", "，", "服务", "很", "慢"]


def test_the_kept_dictionary_is_jiebas_own(tmp_path, jieba_reading):
    cache = tmp_path / "cache"
    assert summary(cache) == jieba_reading  # read from the text file, then kept
    kept = cache / cjk.CACHE_FILE
    assert kept.read_bytes().startswith(cjk.COMPACT)
    first = kept.stat().st_mtime_ns
    assert summary(cache) == jieba_reading  # read from the kept form
    assert kept.stat().st_mtime_ns == first  # and not written again
    assert [p.name for p in cache.iterdir()] == [cjk.CACHE_FILE]  # no temporary file left


def other_source(data: bytes) -> bytes:
    head, body = user_cache.unpack(data, cjk.COMPACT)
    assert head["source"].startswith("jieba ")
    return user_cache.pack(cjk.COMPACT, {**head, "source": head["source"].replace("jieba ", "jieba 0.0.1 ", 1)}, body)


@pytest.mark.parametrize("damage", ["cut short", "other dictionary", "bad text", "empty"])
def test_a_damaged_or_stale_cache_is_read_again_from_jieba(tmp_path, jieba_reading, damage):
    cache = tmp_path / "cache"
    summary(cache)
    kept = cache / cjk.CACHE_FILE
    data = kept.read_bytes()
    changed = {
        "cut short": data[:len(data) // 2],
        "other dictionary": other_source(data),  # whole, but kept from another jieba version's file
        "bad text": data[:200] + b"\xff\xfe" + data[202:],
        "empty": b"",
    }[damage]
    kept.write_bytes(changed)
    assert summary(cache) == jieba_reading
    assert kept.read_bytes() == data  # kept again, right


def test_no_cache_where_none_can_be_written(tmp_path, jieba_reading):
    blocked = tmp_path / "a file"
    blocked.write_text("not a folder")
    assert summary(blocked / "cache") == jieba_reading  # the folder cannot be made under a file
    assert blocked.read_text() == "not a folder"


def test_compact_form_round_trip_and_refusals():
    words = ["服务", "价格", "中华人民共和国", "a", "价格", "中"]  # as in jieba's file: unsorted, one word twice
    counts = [7, 5, 3, 2**40, 6, 1]
    data = cjk._compact(cjk.grouped(words, counts, 99), "source 1")
    back = cjk._from_compact(data, "source 1")
    assert back.total == 99 and back.frequency == {} and back.prefixes == set()  # nothing in memory yet
    back.load("价格a")
    assert back.frequency == {"价格": 6, "a": 2**40}  # the words led by 价 and a; the last 价格 of the file
    back.load_all()
    assert back.frequency == {"服务": 7, "价格": 6, "中华人民共和国": 3, "a": 2**40, "中": 1}
    assert back.prefixes == {"中华人民", "中华人民共", "中华人民共和"}  # of SHORT (4) characters and more
    assert cjk._from_compact(data, "source 2") is None
    assert cjk._from_compact(data + b"x", "source 1") is None
    assert cjk._from_compact(data[:-1], "source 1") is None
    assert cjk._from_compact(data[:-3] + bytes([data[-3] ^ 1]) + data[-2:], "source 1") is None  # one bit changed
    empty = cjk._from_compact(cjk._compact(cjk.grouped([], [], 0), "source 1"), "source 1")
    empty.load_all()
    assert empty.frequency == {} and empty.total == 0


def test_the_dictionary_is_put_into_memory_by_first_character(tmp_path, monkeypatch):
    """The words cut_words needs, and no others: those led by the characters of the texts cut."""
    monkeypatch.setenv("XL_NPS_CACHE_DIR", str(tmp_path))
    tokenizer = cjk._tokenizer_class()()
    dictionary = cjk._read_dictionary(tokenizer)
    assert dictionary.frequency == {}
    dictionary.load("价格太高")
    assert {w[0] for w in dictionary.frequency} == {"价", "格", "太", "高"}
    assert dictionary.frequency["价格"] > 0 and "服务" not in dictionary.frequency
    loaded = len(dictionary.frequency)
    dictionary.load("价格")  # loaded already
    assert len(dictionary.frequency) == loaded


def test_cache_folder_by_platform(monkeypatch, tmp_path):
    monkeypatch.delenv("XL_NPS_CACHE_DIR", raising=False)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", r"C:\Users\ann\AppData\Local")
    assert user_cache.folder() == Path(r"C:\Users\ann\AppData\Local") / "xl-nps" / "Cache"
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(Path, "home", lambda: Path("/Users/ann"))
    assert user_cache.folder() == Path("/Users/ann/Library/Caches/xl-nps")
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_CACHE_HOME", "/var/cache/ann")
    assert user_cache.folder() == Path("/var/cache/ann/xl-nps")
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")  # ignored, as the XDG specification says
    assert user_cache.folder() == Path("/Users/ann/.cache/xl-nps")
    monkeypatch.setattr(sys, "platform", "emscripten")
    assert user_cache.folder() is None and user_cache.read("x") is None and not user_cache.write("x", b"1")
    monkeypatch.setenv("XL_NPS_CACHE_DIR", str(tmp_path))
    assert user_cache.write("x", b"12") and user_cache.read("x") == b"12"


def test_none_keeps_nothing_anywhere(monkeypatch, tmp_path):
    """XL_NPS_CACHE_DIR=none: no folder, whatever the platform; nothing read or written."""
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    for spelling in ("none", "None", " NONE "):
        monkeypatch.setenv("XL_NPS_CACHE_DIR", spelling)
        assert user_cache.folder() is None and not user_cache.write("x", b"1") and user_cache.read("x") is None
    assert list(tmp_path.iterdir()) == []


def test_a_word_being_loaded_by_another_thread_is_waited_for():
    """Two threads cutting at once: the second asks for a group the first is still putting into
    memory (the last one), and gets it only once its words are in."""
    import threading
    import time

    class Slow(dict):
        def update(self, *args, **kwargs):
            time.sleep(0.3)  # the first thread has taken the group and not yet added its words
            super().update(*args, **kwargs)

    dictionary = cjk.grouped(["中华", "人民", "中国"], [5, 6, 7], 18)
    dictionary.load("人")
    dictionary.frequency = Slow(dictionary.frequency)
    first = threading.Thread(target=dictionary.load, args=("中",))
    first.start()
    time.sleep(0.1)
    dictionary.load("中")  # the second thread
    assert dictionary.frequency.get("中华") == 5 and dictionary.frequency.get("中国") == 7
    first.join()


def test_bytes_are_cut_with_their_words_in_memory():
    tokenizer = cjk.segmenter()
    assert list(tokenizer.cut("价格太高了，服务很慢".encode("utf-8"))) == list(tokenizer.cut("价格太高了，服务很慢"))
