"""An in-memory stand-in for the part of xlwings' Book/Sheet/Range API that
``xl_nps.excel_book`` uses, with Excel's rule for typed text: a value starting with "=" is
stored as a formula, one starting with an apostrophe as the text after it.

It lets the in-Excel refresh run on a machine without Excel; it proves our logic, not Excel's.
"""

import re

from openpyxl.utils import column_index_from_string, get_column_letter


class Font:
    def __init__(self):
        self.bold = self.italic = False
        self.size = 11
        self.color = None


class Range:
    def __init__(self, sheet, first, last=None):
        self.sheet, self.first, self.last = sheet, first, last or first
        self.font = Font()

    def options(self, ndim=None):
        return self

    @property
    def value(self):
        (r1, c1), (r2, c2) = self.first, self.last
        return [[self.sheet.cells.get((r, c)) for c in range(c1, c2 + 1)] for r in range(r1, r2 + 1)]

    @value.setter
    def value(self, rows):
        if not isinstance(rows, list):
            rows = [[rows]]
        for i, row in enumerate(rows):
            for j, v in enumerate(row):
                at = (self.first[0] + i, self.first[1] + j)
                if v == "":
                    self.sheet.cells[at] = None  # Excel: an empty string clears the cell
                elif isinstance(v, str) and v.startswith("'"):
                    self.sheet.cells[at] = v[1:]
                elif isinstance(v, str) and v.startswith("="):
                    self.sheet.formulas[at] = v
                    self.sheet.cells[at] = None
                else:
                    self.sheet.cells[at] = v

    @property
    def address(self):
        (r1, c1), (r2, c2) = self.first, self.last
        return f"${get_column_letter(c1)}${r1}:${get_column_letter(c2)}${r2}"

    @property
    def last_cell(self):
        return type("Cell", (), {"row": self.last[0], "column": self.last[1]})()

    number_format = None
    color = None
    column_width = row_height = None
    horizontal_alignment = vertical_alignment = wrap_text = None
    left = top = 0
    RECORDED = ("number_format", "column_width", "row_height", "horizontal_alignment", "vertical_alignment", "wrap_text")

    def __setattr__(self, name, value):
        if name in self.RECORDED and hasattr(self, "sheet"):
            getattr(self.sheet, name + "s")[self.first, self.last] = value
        object.__setattr__(self, name, value)


class Name:
    def __init__(self, collection, name, refers_to):
        self.collection, self.name, self.refers_to = collection, name, refers_to

    def delete(self):
        self.collection.items.remove(self)


class Names:
    def __init__(self, prefix=""):
        self.items, self.prefix = [], prefix

    def add(self, name, refers_to):
        self.items.append(Name(self, self.prefix + name, refers_to))

    def __iter__(self):
        return iter(list(self.items))


class Table:
    def __init__(self, source, name):
        self.range, self.name = source, name


class Tables(list):
    def add(self, source, name, table_style_name=None):
        self.append(Table(source, name))


class Chart:
    chart_type = None

    def set_source_data(self, rng):
        self.source = rng


class Charts(list):
    def add(self, left, top, width, height):
        self.append(Chart())
        return self[-1]


class Sheet:
    def __init__(self, book, name):
        self.book, self._name = book, name
        self.cells, self.formulas, self.number_formats, self.column_widths = {}, {}, {}, {}
        self.row_heights, self.horizontal_alignments, self.vertical_alignments, self.wrap_texts = {}, {}, {}, {}
        self.names, self.tables, self.charts = Names(f"'{name}'!"), Tables(), Charts()

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, value):
        self._name = value
        for n in self.names.items:
            n.name = f"'{value}'!" + n.name.split("!")[-1]

    def range(self, first, last=None):
        if isinstance(first, str):
            first, last = self._parse(first)
        return Range(self, first, last)

    @staticmethod
    def _parse(address):
        cells = re.findall(r"\$?([A-Z]+)\$?(\d+)", address.split(",")[0])
        points = [(int(r), column_index_from_string(c)) for c, r in cells]
        return points[0], points[-1]

    @property
    def used_range(self):
        filled = [at for at, v in self.cells.items() if v is not None] or [(1, 1)]
        return Range(self, (1, 1), (max(r for r, _ in filled), max(c for _, c in filled)))

    def delete(self):
        self.book.sheets.items.remove(self)


class Sheets:
    def __init__(self, book):
        self.book, self.items = book, []

    def __iter__(self):
        return iter(list(self.items))

    def __len__(self):
        return len(self.items)

    def __getitem__(self, key):
        if isinstance(key, int):
            return self.items[key]
        return next(s for s in self.items if s.name == key)

    def add(self, name, after=None):
        sheet = Sheet(self.book, name)
        self.items.insert(self.items.index(after) + 1 if after else 0, sheet)
        return sheet


class App:
    screen_updating = display_alerts = True
    status_bar = None

    def alert(self, text, title=None):
        self.alerted = text


class Book:
    def __init__(self, name="NPS.xlsm"):
        self.name, self.app, self.names = name, App(), Names()
        self.sheets = Sheets(self)

    def sheet_with(self, name, rows):
        sheet = self.sheets.add(name, after=self.sheets[len(self.sheets) - 1] if len(self.sheets) else None)
        for r, row in enumerate(rows, start=1):  # cell contents as stored, not as typed
            for c, value in enumerate(row, start=1):
                sheet.cells[(r, c)] = None if value == "" else value
        return sheet
