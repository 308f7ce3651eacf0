"""``xl_nps.read_answers`` and ``xl_nps.read_report``: a workbook's answers and its report
tables as pandas DataFrames.

The answers are read by the refresh's own reader (``workbook.read.respondents``), so a
DataFrame holds exactly the answers the report counts; the rows it leaves out (no score, a
score outside 0-10, no date) are listed in ``df.attrs["problems"]``, as on the Problems sheet. The
report tables are read back from the sheets the refresh wrote, following the layout of
``workbook.report.placement``: a table is a title row, a header row and its rows, ended by a
blank row, an "(none)" row or its note.
"""

from __future__ import annotations

from pathlib import Path

from xl_nps.errors import XlNpsError
from xl_nps.frames import need
from xl_nps.metrics.nps import category_slots
from xl_nps.rules import DETRACTOR, PASSIVE, PROMOTER
from xl_nps.workbook import names as L
from xl_nps.workbook.read.safety import check_workbook_file
from xl_nps.workbook.read.sheets import Book
from xl_nps.workbook.report.placement import FIRST_TABLE_ROW, is_report_name

TEXT_COLUMNS = (L.RESPONDENT, L.COMPANY, L.SEGMENT, L.COMMENT, L.OWNER, L.STATUS)
CATEGORIES = [DETRACTOR, PASSIVE, PROMOTER]  # in the order of category_slots: 0, 1, 2


def read_answers(book):
    """The answers of the workbook's Respondents sheet as a pandas DataFrame, one row per
    usable answer, indexed by its row number on the sheet ("Row"): Date (datetime64), Score
    (Int64), Category (from the score: an ordered categorical, Detractor < Passive < Promoter), and Respondent, Company, Segment, Comment, Owner and
    Follow-up status as text (string dtype, missing where the cell is empty). Rows the report
    leaves out are listed in ``df.attrs["problems"]`` (records of row, column, value and reason;
    ``pd.DataFrame(df.attrs["problems"])`` shows them as a table)."""
    pd = need("pandas")
    from xl_nps.workbook.read.respondents import read_respondents

    data = read_respondents(check_workbook_file(Path(book)))
    slots = category_slots(data.scores)
    columns = {
        L.DATE: pd.to_datetime(pd.Series(data.dates, dtype="object")).astype("datetime64[ns]").to_numpy(),
        L.RESPONDENT: data.respondent,
        L.COMPANY: data.company,
        L.SEGMENT: data.segment,
        L.SCORE: pd.array(data.scores, dtype="Int64"),
        L.CATEGORY: pd.Categorical.from_codes(slots, dtype=pd.CategoricalDtype(CATEGORIES, ordered=True)),
        L.COMMENT: data.comment,
        L.OWNER: data.owner,
        L.STATUS: data.status,
    }
    frame = pd.DataFrame({name: (list(values) if isinstance(values, list) else values)
                          for name, values in columns.items()}, index=pd.Index(data.rows, name="Row"))
    for name in TEXT_COLUMNS:
        frame[name] = frame[name].astype("string").replace("", pd.NA)
    # plain records, not a DataFrame: pandas compares attrs when it combines frames
    frame.attrs["problems"] = [{"row": p.row, "column": p.column, "value": p.value, "reason": p.reason}
                               for p in data.problems]
    return frame


def read_report(book) -> dict:
    """The report tables of a refreshed workbook: ``{sheet name: {table title: DataFrame}}``,
    sheets in workbook order ("Periods", "2026 Q3", ..., "Comments", "Problems"), tables in
    sheet order, each with the header of its sheet as columns. Numbers come back as numbers
    (whole counts as Int64), dates as dates, text as text, an empty cell as missing."""
    pd = need("pandas")
    path = check_workbook_file(Path(book))
    opened = Book(path)
    sheets = _report_sheets(path, opened.sheet_names)
    if not sheets:
        raise XlNpsError(f"{path.name} has no report sheets yet; refresh it first (xl-nps refresh \"{path.name}\")")
    report = {}
    for name in sheets:
        tables = {}
        for title, header, rows in _tables(opened.rows(name) or []):
            frame = pd.DataFrame([[None if v == "" else v for v in row] for row in rows], columns=header)
            tables[title] = frame.convert_dtypes()
        report[name] = tables
    return report


def _report_sheets(path: Path, names: list[str]) -> list[str]:
    """The sheets the refresh generated (marked in workbook.xml), in workbook order."""
    from xl_nps.workbook.write.package import PackageError
    from xl_nps.workbook.write.parts import report_state

    try:
        _, generated, _ = report_state(path)
    except PackageError:  # parts the part reader cannot read: go by the names alone
        generated = [n for n in names if is_report_name(n)]
    return [n for n in names if n in generated]


def _tables(rows: list[list]):
    """(title, header, data rows) of each table of a report sheet laid out by placement. A
    table starts where its header row starts (the call-back list at a hidden Key column left of
    its title)."""
    cells = [[("" if v is None else v) for v in row] for row in rows]
    i = FIRST_TABLE_ROW - 1
    while i < len(cells):
        row = _trimmed(cells[i])
        if not row:
            i += 1
            continue
        title = next(v for v in row if v != "")
        header_row = _trimmed(cells[i + 1]) if i + 1 < len(cells) else []
        first = next((c for c, v in enumerate(header_row) if v != ""), 0)
        header = [str(h) for h in header_row[first:]]
        i += 2
        data = []
        while i < len(cells):
            row = _trimmed(cells[i])
            if sum(v != "" for v in row) < min(2, len(header)):  # blank row, "(none)" or the note
                break
            data.append((row[first:] + [""] * len(header))[:len(header)])
            i += 1
        while i < len(cells) and _trimmed(cells[i]):  # the "(none)" row and the note
            i += 1
        yield str(title), header, data


def _trimmed(row: list) -> list:
    """A row without its empty cells at the end."""
    end = len(row)
    while end and row[end - 1] == "":
        end -= 1
    return list(row[:end])
