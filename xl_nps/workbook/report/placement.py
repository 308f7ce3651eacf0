"""Where each part of a report sheet goes, and how it reads on screen and on paper: blocks of
values with their formats and alignment, column widths, row heights for wrapped text, Excel
tables, charts and the print set-up.

Every writer uses this one layout: ``write.sheet_xml`` (the command line's file) and
``write.open_book`` (xlwings, inside an open workbook). Rows and columns are 1-based.

The rules a reader sees:

* Hidden columns (the call-back list's Key) are the sheet's leftmost columns and hold nothing
  else: every other block starts to their right, so no visible table can fall into them.
* A column of numbers or dates is right-aligned, its header too, so each header sits over its
  values; a text column other than a table's first is indented one step, so it never runs
  into the number before it ("0.6503  no", not "0.6503no").
* Widths come from what the columns show (East Asian wide characters and emoji count twice),
  capped at ``MAX_WIDTH``; longer text and text with line breaks wraps, and its row is made
  tall enough for its lines (``LINE_HEIGHT`` a line, up to Excel's limit of 409.5 points).
  A long header wraps onto a second line rather than widening its column.
* Printing: fit to one page wide, landscape when the columns are wider than a portrait page,
  the header row of a one-table sheet (else the sheet's title) repeated on every page, and a
  footer with the sheet name and "Page n of m".

Generated sheets are recognised by a hidden sheet-scoped defined name (``MARKER``) together
with a name the report uses (``is_report_name``); a copy a user makes of a report sheet gets a
new name ("2026 Q3 (2)") and is therefore never replaced or removed.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from xl_nps.errors import XlNpsError
from xl_nps.workbook import names as L
from xl_nps.workbook.report.model import CHANGE, DATE, P_VALUE, PCT, POINTS, Report, Sheet, Table

MARKER = "xlnps_report"  # sheet-scoped defined name on every generated sheet
DIGEST = "xlnps_digest"  # workbook defined name holding the report's digest
FIRST_TABLE_ROW = 4
SERIES_COLOURS = {"Promoters": "70AD47", "Passives": "BFBFBF", "Detractors": "E46C5B",
                  "NPS": "1F4E79", "CI low": "8EA9DB", "CI high": "8EA9DB"}
QUARTER_SHEET = re.compile(r"^\d{4} Q[1-4]$")

# Widths are in Excel's unit, the width of a digit of the default font (11-point Calibri).
MIN_WIDTH, MAX_WIDTH, HIDDEN_WIDTH = 6, 70, 18
SHEET_BUDGET = 230  # digits: wider sheets would print below 58% on a landscape page (see _narrow_to_budget)
WRAP_FLOOR = 30  # digits a text column keeps when a wide sheet is narrowed
PADDING = 2  # room between a column's widest value and the next column
INDENT_WIDTH = 2  # digit widths one step of indent takes
LETTER = 0.9  # digit widths an average letter takes (see _display_width)
WIDE = 2.1  # digit widths of a Chinese, Japanese or Korean character: a full em of 11 points
WIDTH_SAMPLE = 200  # rows looked at for a column's width (they are alike; heights look at all)
DEFAULT_WIDTH = 8.43  # Excel's width of a column nobody sized
POINTS_PER_DIGIT = 5.25  # a digit of 11-point Calibri is 7 pixels wide, 0.75 point each
FONT_SCALE = {"title": 1.4, "heading": 1.2, "note": 1.0}  # letter widths of the bold 14 and 12 point fonts against 11-point Calibri
STYLE_LINE = {"title": 18.75, "heading": 15.75}  # points a line of the larger fonts takes
LINE_HEIGHT = 15.0  # points per line of 11-point Calibri: Excel's default row height
WIDE_LINE_HEIGHT = 18.0  # a line of 11-point CJK text in Excel's and LibreOffice's fallback fonts
MAX_ROW_HEIGHT = 409.5  # Excel's limit
# Printable width and height in points between Letter and A4 (portrait: 7.1 x 9.5 and 6.87 x
# 10.19 inches, landscape the other way round) inside Excel's normal margins (0.7 inch left and
# right, 0.75 top and bottom, the footer within them).
PRINTABLE = {False: (500.0, 690.0), True: (700.0, 495.0)}
# A sheet prints portrait unless that would shrink it below 90%: up to 105 digits wide.
PORTRAIT_WIDTH = PRINTABLE[False][0] / POINTS_PER_DIGIT / 0.9
KEEP_ROWS = 5  # a table starting at the foot of a page brings at least its heading, header and these rows
CHART_SIZE = (5_760_000, 3_060_000)  # a chart's width and height in EMU (16 cm x 8.5 cm)
CHART_WIDTH = CHART_SIZE[0] / 12_700 / POINTS_PER_DIGIT  # in digits (12,700 EMU a point)
CHART_HEIGHT = CHART_SIZE[1] / 12_700  # in points
CHART_GAP = 2  # digits between charts that stand side by side
LINE_BREAK = re.compile(r"\r\n|\r|\n")
WORDS = re.compile(r"(\S+)(\s*)")
FOOTER = "&L&A&RPage &P of &N"  # Excel's codes: sheet name on the left, "Page 2 of 5" on the right


def is_report_name(name: str) -> bool:
    """A sheet name the refresh generates."""
    return name in (L.PERIODS_SHEET, L.PROBLEMS_SHEET, L.COMMENTS_SHEET) or bool(QUARTER_SHEET.match(name))


def check_names(existing_names, generated, report: Report) -> None:
    """Refuse to replace a sheet the user made under a name the report needs."""
    for sheet in report.sheets:
        if sheet.name in existing_names and sheet.name not in generated:
            raise XlNpsError(
                f'the workbook already has a sheet named "{sheet.name}" that xl-nps did not make; '
                "rename it and refresh again (nothing was changed)"
            )


@dataclass(frozen=True)
class Look:
    """How the cells of one column of a block sit."""

    align: str | None = None  # "left", "right" or None (Excel's general: text left, numbers right)
    indent: int = 0  # steps of left indent
    wrap: bool = False  # text wraps within the column (its row is made tall enough)
    top: bool = False  # vertical alignment at the top of the row (Excel's default is the bottom)


PLAIN = Look()


@dataclass
class Block:
    """Values written as one rectangle starting at (row, col)."""

    row: int
    col: int
    values: list[list]
    style: str  # "title", "note", "heading", "header" or "data"
    column_formats: list[str | None] = field(default_factory=list)
    row_formats: list[str | None] | None = None  # for key/value tables: a format per row (not column 1)
    looks: list[Look] = field(default_factory=list)  # one per column; missing ones are PLAIN
    merge_to: int | None = None  # a one-cell block merged across to this column


@dataclass
class ChartLayout:
    kind: str  # "line" or "stacked"
    title: str
    y_title: str
    header_row: int  # the row holding the series names
    first_row: int
    last_row: int
    category_col: int
    series_cols: list[int]
    series_names: list[str]
    anchor: tuple[int, int]  # top-left cell


class ExcelTable(NamedTuple):
    name: str
    first_row: int
    first_col: int
    last_row: int
    last_col: int
    header: list[str]  # in the order the columns stand on the sheet


@dataclass(frozen=True)
class PageSetup:
    """How a sheet prints: fitted to one page wide (as many pages tall as it takes)."""

    landscape: bool
    title_rows: tuple[int, int] | None  # first and last row repeated at the top of every page
    footer: str = FOOTER
    breaks: tuple[int, ...] = ()  # rows that start a new page

    @property
    def footer_parts(self) -> tuple[str, str]:
        """The footer's left and right sections (without Excel's &L and &R codes)."""
        left, right = self.footer.removeprefix("&L").split("&R")
        return left, right


def page_setup(width: float, title_rows: tuple[int, int] | None) -> PageSetup:
    """The printing rules for a sheet whose columns are ``width`` digits wide in all."""
    return PageSetup(landscape=width > PORTRAIT_WIDTH, title_rows=title_rows)


@dataclass
class SheetLayout:
    name: str
    blocks: list[Block]
    widths: dict[int, float]
    hidden_columns: list[int]
    excel_tables: list[ExcelTable]
    charts: list[ChartLayout]
    row_heights: dict[int, float] = field(default_factory=dict)  # rows taller than one line
    page: PageSetup = PageSetup(landscape=False, title_rows=None)


def lay_out(sheet: Sheet) -> SheetLayout:
    hidden_count = max((len(t.hidden) for t in sheet.tables), default=0)
    first = 1 + hidden_count  # where visible blocks start
    blocks = [Block(1, first, [[sheet.title]], "title")]
    if sheet.note:
        blocks.append(Block(2, first, [[sheet.note]], "note"))
    columns: dict[int, _Column] = {}
    excel_tables, tops, placed = [], [], []
    row = FIRST_TABLE_ROW
    for table in sheet.tables:
        tops.append(row)
        table_layout = _table(table, row, first, blocks, columns, excel_tables)
        placed.append(table_layout)
        row = table_layout.last + 2
    widths = {col: column.width() for col, column in columns.items()}
    hidden = sorted(col for col, column in columns.items() if column.hidden)
    _narrow_to_budget(widths, columns)
    for col in hidden:
        widths[col] = HIDDEN_WIDTH
    _fit_lines(blocks, widths, first)
    heights = _row_heights(blocks, widths)
    charts, left = [], 0.0
    for chart in sheet.charts:
        if sheet.tables[chart.table].rows:
            col = _column_at(widths, first, left)
            charts.append(_chart(placed[chart.table], chart, (row + 1, col)))
            left = _offset(widths, first, col) + CHART_WIDTH + CHART_GAP
    shown = max(sum(w for col, w in widths.items() if col not in hidden), left - CHART_GAP)
    title_rows = (placed[0].header_row,) * 2 if len(placed) == 1 else (1, 1)
    page = page_setup(shown, title_rows)
    spans = [(top, table.last) for top, table in zip(tops, placed)]
    if charts:
        spans.append((row + 1, row + 1))
    page = replace(page, breaks=_page_breaks(spans, heights, page, shown, CHART_HEIGHT if charts else 0))
    return SheetLayout(sheet.name, blocks, widths, hidden, excel_tables, charts, heights, page)


def _narrow_to_budget(widths: dict[int, float], columns: dict[int, "_Column"]) -> None:
    """A sheet wider than ``SHEET_BUDGET`` would print too small: its widest text columns are
    narrowed to one level (never below ``WRAP_FLOOR`` or their numbers) and their text wraps."""
    visible = {c: w for c, w in widths.items() if not columns[c].hidden}
    if sum(visible.values()) <= SHEET_BUDGET:
        return
    floors = {c: max(WRAP_FLOOR, columns[c].numbers) for c in visible if columns[c].text}

    def total(level: float) -> float:
        return sum(min(w, max(level, floors[c])) if c in floors else w for c, w in visible.items())

    low, high = 0.0, max(visible.values())
    for _ in range(40):  # the level at which the sheet is as wide as the budget (bisection)
        middle = (low + high) / 2
        low, high = (middle, high) if total(middle) < SHEET_BUDGET else (low, middle)
    for c in floors:
        widths[c] = float(min(widths[c], math.ceil(max(low, floors[c]))))


def _fit_lines(blocks: list[Block], widths: dict[int, float], first: int) -> None:
    """Titles, headings and notes run across the empty cells to their right. One longer than
    the sheet's columns (it would run off the printed page) is merged across them and wraps."""
    last = max(widths, default=first)
    shown = _offset(widths, first, last + 1)
    for block in blocks:
        if block.style in FONT_SCALE and block.col == first:
            text = block.values[0][0]
            if _display_width(text) / LETTER * FONT_SCALE[block.style] + PADDING > shown:  # may not fit
                block.merge_to = last
                block.looks = [Look(wrap=True, top=True)]


def text_height(text: str, width: float, indent: int = 0, style: str | None = None) -> float:
    """Points a row needs to show ``text`` wrapped in a column ``width`` digits wide (Excel's
    limit of 409.5 at most)."""
    return min(line_count(text, width, indent) * _line_height(text, style), MAX_ROW_HEIGHT)


def _offset(widths: dict[int, float], first: int, col: int) -> float:
    """Digits from the left edge of column ``first`` to the left edge of column ``col``."""
    return sum(widths.get(c, DEFAULT_WIDTH) for c in range(first, col))


def _column_at(widths: dict[int, float], first: int, left: float) -> int:
    """The first column whose left edge is at least ``left`` digits right of column ``first``."""
    col = first
    while _offset(widths, first, col) < left:
        col += 1
    return col


# ---------------------------------------------------------------- pages

def _row_height(row: int, heights: dict[int, float]) -> float:
    return heights.get(row, STYLE_LINE["title"] if row == 1 else LINE_HEIGHT)


def _page_breaks(spans, heights, page: PageSetup, width: float, chart_height: float) -> tuple[int, ...]:
    """Rows before which a page breaks so that a table that fits on a page is not split and a
    table never starts with fewer than ``KEEP_ROWS`` of its rows at the foot of a page. Pages
    are measured on the smaller of Letter and A4 with Excel's normal margins, at the scale that
    fits the sheet to one page wide; the printer breaks longer tables where it must."""
    if len(spans) < 2:
        return ()
    page_width, page_height = PRINTABLE[page.landscape]
    scale = min(1.0, page_width / max(width * POINTS_PER_DIGIT, 1))
    room = page_height / scale
    titles = sum(_row_height(r, heights) for r in range(page.title_rows[0], page.title_rows[1] + 1)) if page.title_rows else 0
    room_after_titles = room - titles

    def height(first: int, last: int) -> float:
        custom = [h for r, h in heights.items() if first <= r <= last]
        return LINE_HEIGHT * (last - first + 1 - len(custom)) + sum(custom) + (STYLE_LINE["title"] - LINE_HEIGHT) * (first == 1)

    breaks, used, row = [], 0.0, 1
    for i, (first, last) in enumerate(spans):
        used += height(row, first - 1) if first > row else 0
        whole = chart_height if (chart_height and i == len(spans) - 1) else height(first, last)
        start = whole if whole <= room_after_titles else height(first, min(last, first + KEEP_ROWS + 1))
        if used > titles and used + start > room:
            breaks.append(first)
            used = titles
        used += whole
        while used > room:  # the printer's own breaks inside a long table
            used = titles + (used - room)
        row = last + 1
    return tuple(breaks)


# ---------------------------------------------------------------- tables

@dataclass
class _Column:
    """What one sheet column must fit, over every table that uses it."""

    data: float = 0  # widest value shown (capped at MAX_WIDTH)
    header: float = 0  # narrowest width at which every header fits in two lines
    full_header: float = 0  # widest header on one line
    hidden: bool = False
    numbers: float = 0  # widest number or date (they never wrap)
    text: bool = False  # some table wraps text in it

    def width(self) -> float:
        width = max(self.data, MIN_WIDTH)
        if self.full_header > width:  # a header wider than the values wraps onto two lines
            width = max(width, self.header)
        return float(math.ceil(min(width, MAX_WIDTH)))


@dataclass
class _PlacedTable:
    header_row: int
    data_last: int  # the last data row
    last: int  # the last row used, note included
    header: list[str]
    first_col: int


def _table(table: Table, top: int, first: int, blocks, columns, excel_tables) -> _PlacedTable:
    """Lay out one table starting at row ``top``; its hidden columns go left of ``first``."""
    hidden = [table.header.index(name) for name in table.hidden]
    order = hidden + [i for i in range(len(table.header)) if i not in hidden]
    header = [table.header[i] for i in order]
    rows = table.rows if not hidden else [[row[i] for i in order] for row in table.rows]
    col0 = first - len(hidden)
    blocks.append(Block(top, first, [[table.title]], "heading"))
    header_row = top + 1
    data_last = last = header_row + len(rows)
    formats = [table.formats.get(name) for name in header]
    looks = []
    for offset, name in enumerate(header):
        column = columns.setdefault(col0 + offset, _Column())
        values = [row[offset] for row in rows[:WIDTH_SAMPLE]]
        if table.row_formats and offset > 0:
            shown = [_shown(v, f) for v, f in zip(values, table.row_formats)]
        else:
            shown = [_shown(v, formats[offset]) for v in values]
        label = offset == len(hidden)  # a table's first visible column names its rows: left-aligned
        numeric = not label and (formats[offset] is not None or any(not isinstance(v, str) and v is not None for v in values))
        indent = 0 if numeric or label else 1
        look = Look("right" if numeric else "left", indent, wrap=True, top=True)  # numbers never wrap; text does
        looks.append(look)
        extra = PADDING + INDENT_WIDTH * indent
        column.data = max(column.data, min(max(shown, default=0), MAX_WIDTH) + extra)
        numbers = [size for v, size in zip(values, shown) if not isinstance(v, str)]
        column.numbers = max(column.numbers, max(numbers, default=0) + extra)
        column.text = column.text or any(isinstance(v, str) and v for v in values) or not values
        column.full_header = max(column.full_header, _display_width(name) + extra)
        column.header = max(column.header, _two_lines(name, indent))
        column.hidden = column.hidden or offset < len(hidden)
    header_looks = [Look(look.align, look.indent, wrap=True) for look in looks]
    blocks.append(Block(header_row, col0, [header], "header", looks=header_looks))
    if rows:
        blocks.append(Block(header_row + 1, col0, rows, "data", formats, table.row_formats, looks))
        if table.excel_table:
            excel_tables.append(ExcelTable(table.excel_table, header_row, col0, last, col0 + len(header) - 1, header))
    else:
        last += 1
        blocks.append(Block(last, first, [["(none)"]], "note"))
    if table.note:
        last += 1
        blocks.append(Block(last, first, [[table.note]], "note"))
    return _PlacedTable(header_row, data_last, last, header, col0)


def _chart(placed: _PlacedTable, chart, anchor: tuple[int, int]) -> ChartLayout:
    def col(name: str) -> int:
        return placed.first_col + placed.header.index(name)

    return ChartLayout(
        kind=chart.kind, title=chart.title, y_title=chart.y_title, header_row=placed.header_row,
        first_row=placed.header_row + 1, last_row=placed.data_last, category_col=col(chart.categories),
        series_cols=[col(name) for name in chart.series], series_names=list(chart.series), anchor=anchor,
    )


# ---------------------------------------------------------------- text measures

def _shown(value, number_format: str | None) -> float:
    """About how many digit widths a value takes as Excel shows it."""
    if value is None or value == "":
        return 0
    if isinstance(value, str):
        if "\n" not in value and "\r" not in value:
            return LETTER * len(value) if value.isascii() else _display_width(value)
        return max(map(_display_width, LINE_BREAK.split(value)))
    if isinstance(value, (dt.date, dt.datetime)):
        return 10  # yyyy-mm-dd
    if isinstance(value, bool):
        return 5
    number = float(value)
    if not math.isfinite(number):
        return 0
    if number_format == PCT:
        return len(f"{number * 100:.1f}%")
    if number_format in (POINTS, CHANGE):
        return len(f"{number:+.1f}")
    if number_format == P_VALUE:
        return 6
    if number_format == DATE:
        return 10
    if number.is_integer() and abs(number) < 1e15:
        return len(f"{int(number):,}") if abs(number) >= 1e4 else len(str(int(number)))
    return 8


# East Asian Wide and Fullwidth characters (Unicode Standard Annex #11: Hangul Jamo, CJK
# radicals to Yi, Hangul syllables, CJK compatibility, full-width forms, the supplementary
# ideographic planes) and emoji, taking two digits; combining marks, joiners and variation
# selectors take none. Counted with regular expressions, which run at C speed.
WIDE_CHARS = re.compile("[\u1100-\u115f\u231a\u231b\u2329\u232a\u23e9-\u23ec\u23f0\u23f3\u25fd\u25fe\u2614\u2615"
                        "\u2648-\u2653\u267f\u2693\u26a1\u26aa\u26ab\u26bd\u26be\u26c4\u26c5\u26ce\u26d4\u26ea"
                        "\u26f2-\u26f5\u26fa\u26fd\u2705\u270a\u270b\u2728\u274c\u274e\u2753-\u2755\u2757"
                        "\u2795-\u2797\u27b0\u27bf\u2b1b\u2b1c\u2b50\u2b55\u2e80-\u303e\u3041-\u33ff"
                        "\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff"
                        "\ufe10-\ufe19\ufe30-\ufe6f\uff00-\uff60\uffe0-\uffe6\U0001f000-\U0001faff"
                        "\U00020000-\U0003fffd]")
NO_WIDTH = re.compile("[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f\u0670"
                      "\u1ab0-\u1aff\u1dc0-\u1dff\u200b-\u200f\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f"
                      "\U000e0100-\U000e01ef]")


def _display_width(text: str) -> float:
    """Width of one line of text in digit widths: a letter of 11-point Calibri is on average
    about 0.9 of a digit (lower case and spaces are narrower, capitals wider), Chinese,
    Japanese and Korean characters and emoji about two (``WIDE``), combining marks and joiners
    none."""
    if text.isascii():
        return LETTER * len(text)
    wide = len(WIDE_CHARS.findall(text))
    return LETTER * (len(text) - wide - len(NO_WIDTH.findall(text))) + WIDE * wide


@functools.lru_cache(maxsize=65536)
def _word_width(word: str) -> float:
    return _display_width(word)  # words recur: each short one is measured once


def _line_height(text: str, style: str | None = None) -> float:
    """Points a line of ``text`` takes: Chinese, Japanese and Korean come in a fallback font
    whose lines are taller than Calibri's."""
    if not text.isascii() and WIDE_CHARS.search(text):
        return max(WIDE_LINE_HEIGHT, STYLE_LINE.get(style, LINE_HEIGHT))
    return STYLE_LINE.get(style, LINE_HEIGHT)


def _two_lines(header: str, indent: int) -> float:
    """The narrowest column width at which a header takes at most two lines."""
    width = max((_display_width(word) for word in header.split()), default=0) + PADDING + INDENT_WIDTH * indent
    while line_count(header, width, indent) > 2:
        width += 1
    return width


def line_count(text: str, width: float, indent: int = 0) -> int:
    """Lines ``text`` takes when Excel wraps it in a column ``width`` digits wide: words are
    kept whole when they fit on a line, longer ones are broken, and every line break starts a
    new line."""
    capacity = max(1.0, width - 1 - INDENT_WIDTH * indent)
    lines = 0
    for paragraph in LINE_BREAK.split(text):
        lines += 1
        used = 0
        plain = paragraph.isascii()
        for word, space in WORDS.findall(paragraph):
            size = LETTER * len(word) if plain else _word_width(word) if len(word) <= 40 else _display_width(word)
            if used and used + size > capacity:  # the word goes to the next line
                lines += 1
                used = 0
            while size > capacity:  # a word longer than a line is broken
                lines += 1
                size -= capacity
            used += size + LETTER * len(space)
    return lines


def _row_heights(blocks: list[Block], widths: dict[int, float]) -> dict[int, float]:
    """Rows whose wrapped text needs more than one line, and the height that shows it all."""
    heights: dict[int, float] = {}
    measured: dict[tuple, float] = {}  # a comment is in the call-back list and among the comments
    for block in blocks:
        for offset, look in enumerate(block.looks):
            if not look.wrap:
                continue
            col = block.col + offset
            width = widths.get(col, MAX_WIDTH)
            if block.merge_to:  # the text runs across the merged columns, in a font of its own size
                width = _offset(widths, col, block.merge_to + 1) / FONT_SCALE.get(block.style, 1.0)
            quick = width - 1 - INDENT_WIDTH * look.indent  # text shorter than this fits on one line
            for r, values in enumerate(block.values, start=block.row):
                value = values[offset]
                if not isinstance(value, str) or (WIDE * len(value) <= quick and "\n" not in value and "\r" not in value):
                    continue
                if "\n" not in value and "\r" not in value and _display_width(value) <= quick:
                    continue
                key = (value, width, look.indent, block.style)
                height = measured.get(key)
                if height is None:
                    height = measured[key] = text_height(value, width, look.indent, block.style)
                if height > STYLE_LINE.get(block.style, LINE_HEIGHT):  # more than one line
                    heights[r] = max(heights.get(r, 0), height)
    return heights
