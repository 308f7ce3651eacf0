"""What each column of an export holds, measured on its values (headers are not looked at).

For every column, over the first ``PROFILE_ROWS`` answer rows: how many cells are filled; how
many read as a whole number 0-10 (or a label such as "10 - Extremely likely") and the highest
of those; whether they are only 0 and 1 or yes/no words; how many are other numbers, dates,
e-mail addresses; and of the text: how many distinct values, their mean length (a Chinese or
Japanese character counts as two letters, as it is drawn twice as wide), words per value, the
share of digits. From these the column is called free text, a few repeated labels, numbers...
(:class:`Profile`'s properties). Rankings are found over groups of columns (one ranking
question exported as one column per option): each row holds each of 1..k at most once.

Only counters are kept (and at most ``DISTINCT_LIMIT`` distinct texts per column), so a
profile takes a bounded pass over the rows, whatever their number.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass, field

from xl_nps.values import DateError, as_number, is_blank, parse_date

PROFILE_ROWS = 10_000
DISTINCT_LIMIT = 5_000

LEADING_SCORE = re.compile(r"^\s*(\d{1,2})(?:[.,]0+)?(?:\s*(?:[-:/(–]|$)|\s+\D)")
DECIMAL_COMMA = re.compile(r"^\s*[-+]?\d+,\d+\s*$")
EMAIL = re.compile(r"^\s*[^@\s]+@[^@\s]+\.[^@\s]+\s*$")
NO_ANSWER = {  # what exports write for "no answer": not counted as a value of the column
    "n/a", "na", "n.a.", "-", "--", "—", "–", "none", "null", "nan", "(blank)", "not applicable", "no answer",
    "no response", "ns/nc", "k. a.", "k.a.", "keine angabe", "нет ответа", "无", "なし",
}
SENTENCE_ENDS = tuple(".!?。！？…")
YES_NO = {  # answers of a yes/no question, folded
    "yes", "no", "y", "n", "true", "false", "sí", "si", "não", "nao", "sim", "oui", "non", "ja", "nein", "sì",
    "да", "нет", "是", "否", "はい", "いいえ", "tak", "nie", "ano", "ne", "igen", "nem", "evet", "hayır", "nee",
}


def parse_score(value):
    """A score from an export field: 9, 9.0, "9", "9.0", "10 - Extremely likely". None if none."""
    if isinstance(value, bool):
        return None
    number = as_number(value)
    if number is None and isinstance(value, str):
        match = LEADING_SCORE.match(value)
        number = float(match.group(1)) if match else None
    if number is None or not (0 <= number <= 10) or number != math.floor(number):
        return None
    return int(number)


def is_date(value, date_format: str | None = None) -> bool:
    """A date cell, or text that reads as a date in either day/month order (numbers are not
    dates here: a column of 1..10 would read as January 1900)."""
    if isinstance(value, (dt.date, dt.datetime)):
        return True
    if not isinstance(value, str) or as_number(value) is not None:
        return False
    for day_first in ((None,) if date_format else (True, False)):
        try:
            parse_date(value, day_first, date_format)
            return True
        except DateError:
            continue
    return False


def _width(text: str) -> int:
    return len(text) + sum(1 for ch in text if ch >= "\u1100" and unicodedata.east_asian_width(ch) in "WF")


@dataclass
class Profile:
    """What one column holds."""

    filled: int = 0
    scores: int = 0  # whole numbers 0-10 (or labels starting with one)
    score_values: set = field(default_factory=set)
    numbers: int = 0  # any number (decimal commas included), scores too
    dates: int = 0
    emails: int = 0
    yes_no: int = 0
    texts: int = 0  # neither number nor date
    distinct: set = field(default_factory=set)  # folded values, up to DISTINCT_LIMIT
    parts: dict = field(default_factory=dict)  # answers of a checkbox question split at ";" or ", "
    width: int = 0  # of texts
    wide: int = 0  # Chinese, Japanese and Korean characters (written without spaces)
    words: int = 0
    part_words: int = 0  # of the checkbox options
    digits: int = 0
    characters: int = 0
    multiline: int = 0
    sentences: int = 0  # texts of 4 words (or 4 Chinese characters) ending like a sentence (. ! ? 。), of 6 words, or on several lines
    ranking: bool = False
    first_texts: list = field(default_factory=list)  # a few values to quote in a message

    def add(self, value, date_format: str | None) -> None:
        if is_blank(value) or (isinstance(value, str) and value.strip().casefold() in NO_ANSWER):
            return
        self.filled += 1
        score = parse_score(value)
        if score is not None:
            self.scores += 1
            self.score_values.add(score)
        if len(self.distinct) < DISTINCT_LIMIT:
            self.distinct.add(" ".join(str(value).split()).casefold())
        if isinstance(value, (dt.date, dt.datetime)):
            self.dates += 1
            return
        if as_number(value) is not None or (isinstance(value, str) and DECIMAL_COMMA.match(value)):
            self.numbers += 1
            return
        text = str(value)
        if is_date(text, date_format):
            self.dates += 1
            return
        self.texts += 1
        folded = " ".join(text.split()).casefold()
        if len(self.first_texts) < 3 and folded not in (t.casefold() for t in self.first_texts):
            self.first_texts.append(" ".join(text.split()))
        if folded in YES_NO:
            self.yes_no += 1
        if EMAIL.match(text):
            self.emails += 1
        if len(self.parts) < DISTINCT_LIMIT:
            for part in re.split(r";|, ", folded):
                part = part.strip()
                if part:
                    self.parts[part] = self.parts.get(part, 0) + 1
                    self.part_words += len(part.split())
        width = _width(text.strip())
        self.wide += width - len(text.strip())
        self.width += width
        self.words += len(text.split())
        self.digits += sum(ch.isdigit() for ch in text)
        self.characters += len(text)
        stripped = text.strip()
        self.multiline += "\n" in stripped
        words = len(text.split())
        self.sentences += ((stripped.endswith(SENTENCE_ENDS) and (words >= 4 or width - len(stripped) >= 8))
                           or words >= 6 or "\n" in stripped)

    # -------------------------------------------------------- what the column is
    def share(self, count: int) -> float:
        return count / self.filled if self.filled else 0.0

    @property
    def score_share(self) -> float:
        return self.share(self.scores)

    @property
    def highest_score(self) -> int | None:
        return max(self.score_values) if self.score_values else None

    @property
    def yes_no_only(self) -> bool:
        """Only 0 and 1, or only yes/no words: the answers of a yes/no question."""
        if not self.filled:
            return False
        zero_one = self.scores == self.filled and self.score_values <= {0, 1}
        return zero_one or self.share(self.yes_no) >= 0.9

    @property
    def numeric(self) -> bool:
        return self.filled > 0 and self.share(self.numbers) >= 0.8

    @property
    def textual(self) -> bool:
        """Mostly text: not numbers, not dates."""
        return self.filled > 0 and self.share(self.texts) >= 0.8

    @property
    def mean_width(self) -> float:
        return self.width / self.texts if self.texts else 0.0

    @property
    def mean_words(self) -> float:
        return self.words / self.texts if self.texts else 0.0

    @property
    def digit_share(self) -> float:
        return self.digits / self.characters if self.characters else 0.0

    @property
    def distinct_share(self) -> float:
        return self.share(len(self.distinct))

    @property
    def labels(self) -> bool:
        """A few repeated choices: at most 20 distinct short answers (5 words or fewer on
        average), or checkbox answers made of at most 20 short options, each given twice or
        more on average; and few sentences among them (comments drawn from a small pool,
        as in a short phone survey, are sentences)."""
        if not self.textual:
            return False
        if self.share(self.sentences) >= 0.3:
            return False
        few = len(self.distinct) <= 20 and self.filled >= 2 * len(self.distinct) and self.mean_words <= 5
        options = sum(self.parts.values())
        checkbox = (len(self.parts) <= 20 and options >= 2 * len(self.parts) and self.texts >= 4
                    and self.part_words <= 3 * options)
        return few or checkbox

    @property
    def free_text(self) -> bool:
        """Sentences people wrote: text, not a few repeated choices, mostly not digits, and
        of 3 words or more on average (Chinese and Japanese, written without spaces: 10
        characters' width), or on several lines."""
        if not self.textual or self.labels or self.digit_share > 0.3 or self.share(self.emails) > 0.5:
            return False
        cjk = self.wide * 2 > self.width
        return self.mean_words >= 3 or (cjk and self.mean_width >= 10) or self.multiline > 0

    @property
    def short_labels(self) -> bool:
        """Names or labels: text of a few words, not sentences, not mostly digits."""
        return (self.textual and self.digit_share <= 0.3 and self.mean_words <= 6 and self.multiline == 0
                and self.share(self.emails) < 0.5 and self.share(self.sentences) < 0.5)


def profile_columns(rows, width: int, groups: list[list[int]] = (), date_format: str | None = None,
                    limit: int = PROFILE_ROWS) -> tuple[list[Profile], int]:
    """Profiles of ``width`` columns over the first ``limit`` rows of ``rows`` (an iterable),
    and how many rows were looked at. ``groups`` are runs of columns that may form a
    ranking question."""
    profiles = [Profile() for _ in range(width)]
    ranking_rows = [[0, 0] for _ in groups]  # rows with values in the group, rows holding a ranking
    seen = 0
    for row in rows:
        if seen >= limit:
            break
        if all(is_blank(v) for v in row):
            continue
        seen += 1
        for i, value in enumerate(row[:width]):
            profiles[i].add(value, date_format)
        for counts, group in zip(ranking_rows, groups):
            numbers = [parse_score(row[i]) for i in group if i < len(row)]
            numbers = [n for n in numbers if n is not None]  # "N/A" and blanks: options not ranked
            if len(numbers) < 2:
                continue
            counts[0] += 1
            if all(1 <= n <= len(group) for n in numbers) and len(set(numbers)) == len(numbers):
                counts[1] += 1
    for (with_values, ranked), group in zip(ranking_rows, groups):
        if with_values and ranked >= 0.9 * with_values:
            for i in group:
                profiles[i].ranking = True
    return profiles, seen
