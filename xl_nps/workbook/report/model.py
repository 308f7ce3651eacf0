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
    _fingerprint: str | None = field(default=None, init=False, repr=False, compare=False)

    def fingerprint(self) -> str:
        """A hash of everything in the sheet: every value with its type, format, table and
        chart (worked out once, the sheet being complete when it is first asked for)."""
        if self._fingerprint is None:
            payload = [self.name, self.title, self.note,
                       [[t.title, t.header, t.rows, list(t.formats.items()), t.note, t.excel_table, list(t.hidden),
                         t.row_formats] for t in self.tables],
                       [[c.kind, c.title, c.table, c.categories, c.series, c.y_title] for c in self.charts]]
            text = json.dumps(payload, default=_tagged, ensure_ascii=False)
            self._fingerprint = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=32).hexdigest()
        return self._fingerprint


def _tagged(value) -> dict:
    """A value JSON has no type for (a date, a number type of numpy), with its type: a date and
    the text of that date differ."""
    return {"type": type(value).__name__, "value": repr(value)}


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
        return hashlib.sha256("\n".join(s.fingerprint() for s in self.sheets).encode("ascii")).hexdigest()
