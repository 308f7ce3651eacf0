"""The quarterly report as plain data: sheets of tables and the charts drawn from them.

``report.build`` fills it from the answers; ``report.placement`` decides where each block
goes; ``write.sheet_xml`` (a file) and ``write.open_book`` (an open workbook) write it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from xl_nps.rules import SMALL_GROUP

# number formats the report uses
PCT, POINTS, P_VALUE, DATE, INT = "0.0%", "0.0", "0.0000", "yyyy-mm-dd", "0"
CHANGE = "+0.0;-0.0;0.0"
SIGNED_PCT = "+0.0%;-0.0%;0.0%"


@dataclass
class Table:
    title: str
    header: list[str]
    rows: list[list]
    formats: dict[str, str] = field(default_factory=dict)  # header -> number format
    note: str = ""
    excel_table: str | None = None  # make it an Excel table with this name
    hidden: tuple[str, ...] = ()  # headers of columns to hide
    row_formats: list[str | None] | None = None  # one number format per row (for key/value tables)


@dataclass
class Chart:
    kind: str  # "line" or "stacked"
    title: str
    table: int  # index of the table in its sheet
    categories: str  # header of the category column
    series: list[str]
    y_title: str = ""


@dataclass
class Sheet:
    name: str
    title: str
    tables: list[Table]
    charts: list[Chart] = field(default_factory=list)
    note: str = ""


@dataclass
class Report:
    sheets: list[Sheet]
    answers: int
    quarters: list[str]
    problems: int  # lines on the Problems sheet
    changed: int = 0  # of which answers used with a character replaced on import
    min_answers: int = SMALL_GROUP  # the fewest answers to judge a quarter (as set, or the rule's default)
    small_quarters: list[str] = field(default_factory=list)  # quarters under that minimum
    _digest: str | None = field(default=None, init=False, repr=False, compare=False)

    def digest(self) -> str:
        """A fingerprint of every value in the report (to skip rewriting an unchanged report;
        worked out once, the report being complete when it is first asked for)."""
        if self._digest is None:
            self._digest = self._fingerprint()
        return self._digest

    def _fingerprint(self) -> str:
        payload = [
            [s.name, s.title, s.note, [[t.title, t.header, t.rows, t.note] for t in s.tables],
             [[c.kind, c.title, c.table, c.categories, c.series] for c in s.charts]]
            for s in self.sheets
        ]
        return hashlib.sha256(json.dumps(payload, default=str, ensure_ascii=False).encode()).hexdigest()
