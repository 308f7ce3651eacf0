"""Comments for the benchmarks, shaped like a real e-mail survey's.

Each comment is one of the bundled example export's comments (six languages) with three
random extra words, so that almost every comment is different and the vocabulary is large,
as in real data; ``blank`` of the respondents leave the comment empty (in e-mail surveys
about half do). A handful of repeated strings would flatter anything that caches per comment.
"""

from __future__ import annotations

import csv
import datetime as dt
import random

from xl_nps.workbook.demo import example_survey

SCORE_COLUMN = "How likely is it that you would recommend us to a friend or colleague?"
COMMENT_COLUMN = "What is the main reason for your score?"
FILLER = ("account invoice contract onboarding dashboard export mobile app login password report training "
          "upgrade renewal discount shipping warehouse manager integration api latency outage").split()


def example_answers() -> list[tuple[str, int]]:
    """(comment, score) of every answer in the example export that has a comment."""
    with open(example_survey(), encoding="utf-8") as handle:
        return [(r[COMMENT_COLUMN], int(r[SCORE_COLUMN])) for r in csv.DictReader(handle)
                if r[SCORE_COLUMN].isdigit() and r[COMMENT_COLUMN]]


class Comments:
    """``next(rng)`` -> (comment, score): a score and a comment that goes with it."""

    def __init__(self, blank: float = 0.4):
        self.pool = example_answers()
        self.blank = blank

    def next(self, rng: random.Random) -> tuple[str, int]:
        text, score = rng.choice(self.pool)
        if rng.random() < self.blank:
            return "", score
        extra = " ".join(rng.choice(FILLER) + rng.choice(["", "s", "ing", "ed"]) for _ in range(3))
        return f"{text} {extra}", score


def answers(rows: int, seed: int = 7, start: dt.datetime = dt.datetime(2025, 1, 1), days: int = 730,
            tag: str = "person") -> list[tuple]:
    """``rows`` answers as a survey export holds them: (date, respondent, company, segment,
    score, comment), dates spread over ``days`` from ``start``."""
    rng, comments = random.Random(seed), Comments()
    out = []
    for r in range(rows):
        comment, score = comments.next(rng)
        out.append((start + dt.timedelta(days=rng.randrange(days)), f"{tag}{r}@example.com", f"Company {r % 500}",
                    rng.choice(["SMB", "Mid-market", "Enterprise"]), score, comment))
    return out
