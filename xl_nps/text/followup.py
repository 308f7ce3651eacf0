"""Closing the loop: whom to call back, with their score and what they said.

Practice: call detractors personally, re-engage passives before they leave, thank promoters.
The list is worst first (lowest score first; equal scores keep their order).
"""

from __future__ import annotations

from dataclasses import dataclass

from xl_nps.errors import XlNpsError, quote
from xl_nps.metrics.nps import DETRACTOR, PASSIVE, PROMOTER, category

CHOICES = {"detractor": DETRACTOR, "detractors": DETRACTOR, "passive": PASSIVE, "passives": PASSIVE,
           "promoter": PROMOTER, "promoters": PROMOTER, "all": "all"}


@dataclass(frozen=True)
class Callback:
    respondent: str
    score: int
    comment: str


def check_category(value: str) -> str:
    key = str(value).strip().lower()
    if key not in CHOICES:
        raise XlNpsError(f'category must be "Detractor", "Passive", "Promoter" or "all"; got {quote(value)}')
    return CHOICES[key]


def followup(respondents, scores, comments, which: str = DETRACTOR) -> list[Callback]:
    """The respondents of one category (or "all"), worst first."""
    wanted = check_category(which)
    rows = [
        (int(score), i, Callback(str(who), int(score), str(said)))
        for i, (who, score, said) in enumerate(zip(respondents, scores, comments))
        if wanted == "all" or category(int(score)) == wanted
    ]
    rows.sort(key=lambda row: (row[0], row[1]))
    return [row[2] for row in rows]
