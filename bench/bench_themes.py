"""100,000 comments through NPS_THEMES, against a bare word count measured in the same run.

Target (issue 4): under 20 s on this machine.

    python bench/bench_themes.py
    python bench/bench_themes.py --comments 20000

The comments come from bench/survey_data.py: the bundled example export's comments (six
languages), each with three random extra words so that the vocabulary is large, as in real data.
The runs keep their files in a cache folder of the benchmark (``XL_NPS_CACHE_DIR``:
``xl-nps-bench-cache`` in the temporary folder, never the user's own), where the Chinese
dictionary stays from run to run as in a user's; the analysis of chunks kept by earlier runs
(``xl_nps.text.kept_chunks``) is removed first, so the first call analyses every comment; the
second call takes them all from the cache folder.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from xl_nps import udfs
from xl_nps.text import kept_chunks
from survey_data import Comments

TARGET_SECONDS = 2.0


def comments(n: int, seed: int = 3) -> tuple[list[list], list[list]]:
    """Cells as xlwings passes them: a column of comments and a column of scores."""
    rng, source = random.Random(seed), Comments(blank=0.0)
    said, scores = [], []
    for _ in range(n):
        text, score = source.next(rng)
        said.append([text])
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
    os.environ["XL_NPS_CACHE_DIR"] = str(Path(tempfile.gettempdir()) / "xl-nps-bench-cache")  # the benchmark's
    kept_chunks.trim(limit=0)  # no chunk kept from an earlier run: the first call analyses them all
    start = time.perf_counter()
    table = udfs.nps_themes(said, scores)
    t_themes = time.perf_counter() - start
    assert isinstance(table, list) and len(table) > 1, table
    start = time.perf_counter()
    udfs.nps_themes(said, scores)
    t_warm = time.perf_counter() - start
    print(f"comments={args.comments:,}")
    print(f"bare word count        : {t_bare:6.2f} s")
    print(f"NPS_THEMES, first call : {t_themes:6.2f} s  ({t_themes / t_bare:.1f}x the bare count; Chinese dictionary built)")
    print(f"NPS_THEMES, again      : {t_warm:6.2f} s  ({t_warm / t_bare:.1f}x the bare count; every chunk kept)")
    print(f"target                 : < {TARGET_SECONDS:.0f} s  {'OK' if t_themes < TARGET_SECONDS else 'MISSED'}")
    print("first themes:", ", ".join(row[0] for row in table[1:4]), "...", ", ".join(row[0] for row in table[-2:]))
    return 0 if t_themes < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
