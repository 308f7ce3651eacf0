"""100,000 comments through NPS_THEMES, against a bare word count measured in the same run.

Target (issue 4): under 20 s on this machine.

    python bench/bench_themes.py
    python bench/bench_themes.py --comments 20000

The comments are built from the bundled example export's comments (six languages), each with
three random extra words so that the vocabulary is large, as in real data.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import time
from collections import Counter

from xl_nps import udfs
from xl_nps.workbook.demo import example_survey

TARGET_SECONDS = 20.0
SCORE_COLUMN = "How likely is it that you would recommend us to a friend or colleague?"
COMMENT_COLUMN = "What is the main reason for your score?"
FILLER = ("account invoice contract onboarding dashboard export mobile app login password report training "
          "upgrade renewal discount shipping warehouse manager integration api latency outage").split()


def comments(n: int, seed: int = 3) -> tuple[list[list], list[list]]:
    with open(example_survey(), encoding="utf-8") as handle:
        pool = [(r[COMMENT_COLUMN], int(r[SCORE_COLUMN])) for r in csv.DictReader(handle) if r[SCORE_COLUMN].isdigit()]
    rng = random.Random(seed)
    said, scores = [], []
    for _ in range(n):
        text, score = rng.choice(pool)
        extra = " ".join(rng.choice(FILLER) + rng.choice(["", "s", "ing", "ed"]) for _ in range(3))
        said.append([f"{text} {extra}"])
        scores.append([float(score)])
    return said, scores


def bare_count(said: list[list]) -> Counter:
    """The bare minimum: lower-case, split into words, count."""
    counts: Counter = Counter()
    for (text,) in said:
        counts.update(set(re.findall(r"\w+", text.lower())))
    return counts


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=100_000)
    args = parser.parse_args(argv)
    said, scores = comments(args.comments)
    start = time.perf_counter()
    bare_count(said)
    t_bare = time.perf_counter() - start
    start = time.perf_counter()
    table = udfs.nps_themes(said, scores)
    t_themes = time.perf_counter() - start
    assert isinstance(table, list) and len(table) > 1, table
    print(f"comments={args.comments:,}")
    print(f"bare word count        : {t_bare:6.2f} s")
    print(f"NPS_THEMES             : {t_themes:6.2f} s  ({t_themes / t_bare:.1f}x the bare count)")
    print(f"target                 : < {TARGET_SECONDS:.0f} s  {'OK' if t_themes < TARGET_SECONDS else 'MISSED'}")
    print("first themes:", ", ".join(row[0] for row in table[1:4]), "...", ", ".join(row[0] for row in table[-2:]))
    return 0 if t_themes < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
