"""Cell values as xlwings hands them over, and the messages that name the cell."""

import datetime as dt

import numpy as np
import pytest
from openpyxl.utils.datetime import from_excel

from xl_nps import cells, values
from xl_nps.errors import XlNpsError


def column(*values):
    return [[v] for v in values]


def test_a_column_of_floats_with_blanks():
    s = cells.scores(column(9.0, None, 3.0, 10.0))
    assert s.answered.tolist() == [9, 3, 10]
    assert s.present.tolist() == [True, False, True, True]


def test_a_row_a_block_a_flat_list_and_a_scalar_are_all_ranges():
    assert cells.scores([[9.0, 10.0, None]]).answered.tolist() == [9, 10]
    assert cells.scores([[9.0, 1.0], [None, 0.0]]).answered.tolist() == [9, 1, 0]
    assert cells.scores([9, 7]).answered.tolist() == [9, 7]
    assert cells.scores(8.0).answered.tolist() == [8]


def test_numbers_stored_as_text_count_as_numbers():
    assert cells.scores(column("9", " 10 ", "", "  ")).answered.tolist() == [9, 10]


@pytest.mark.parametrize(
    "values, message",
    [
        (column(9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 11.0), "row 7 of the range holds 11; scores must be whole numbers 0-10"),
        (column(9.0, 7.5), "row 2 of the range holds 7.5"),
        (column(9.0, "great"), 'row 2 of the range holds the text "great"'),
        (column(True), "row 1 of the range holds TRUE"),
        (column(9.0, False), "row 2 of the range holds FALSE"),
        (column("#N/A"), "row 1 of the range holds the Excel error #N/A"),
        (column(-2146826281), "the Excel error #DIV/0!"),
        (column(dt.datetime(2026, 7, 1)), "holds the date 2026-07-01"),
        (column(float("inf")), "holds inf"),
        ([[9.0, 9.0, 12.0]], "column 3 of the range holds 12"),
        ([[9.0, 9.0], [9.0, -1.0]], "row 2, column 2 of the range holds -1"),
    ],
)
def test_bad_scores_name_the_position_and_the_value(values, message):
    with pytest.raises(XlNpsError) as error:
        cells.scores(values)
    assert message in str(error.value)


def test_with_the_range_origin_the_message_names_the_cell():
    with pytest.raises(XlNpsError, match="cell E8 holds 11"):
        cells.scores(column(9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 11.0), origin=(2, 5))


def test_answers_that_never_leave_1_to_5_look_like_csat_and_are_refused():
    with pytest.raises(XlNpsError, match="1-5 satisfaction or effort scale"):
        cells.scores(column(*[1.0, 2.0, 3.0, 4.0, 5.0] * 2))


def test_answers_that_never_leave_1_to_7_look_like_ces_and_are_refused():
    with pytest.raises(XlNpsError, match="1-7"):
        cells.scores(column(*[1.0, 6.0, 7.0, 4.0, 5.0] * 2))


def test_a_zero_or_an_answer_above_7_makes_it_an_nps_range():
    assert cells.scores(column(*[1.0, 2.0, 3.0, 4.0, 0.0] * 2)).answered.size == 10
    assert cells.scores(column(*[1.0, 2.0, 3.0, 4.0, 8.0] * 2)).answered.size == 10


def test_a_handful_of_low_answers_is_not_evidence_of_another_scale():
    assert cells.scores(column(3.0, 5.0, 6.0)).answered.tolist() == [3, 5, 6]


def test_fast_and_cell_by_cell_readings_agree():
    rng = np.random.default_rng(7)
    values = [[float(v)] if v < 11 else [None] for v in rng.integers(0, 13, 500)]
    fast = cells.scores(values)
    values_with_text = values + [["10"]]  # text forces the cell-by-cell path
    slow = cells.scores(values_with_text)
    assert slow.values[:-1].tolist() == fast.values.tolist()


@pytest.mark.parametrize("serial", [1, 59, 61, 25569, 45853, 46022.75])
def test_excel_serial_numbers_become_the_dates_openpyxl_reads(serial):
    assert values.excel_serial_to_date(serial) == from_excel(serial).date()


def test_dates_accept_datetimes_serials_and_iso_text():
    days, _ = cells.dates(column(dt.datetime(2026, 7, 15, 9, 30), 46218.0, "2026-07-15", None))
    assert days == [dt.date(2026, 7, 15)] * 3 + [None]


def test_impossible_dates_are_named():
    with pytest.raises(XlNpsError, match='row 2 of dates holds the text "next week"'):
        cells.dates(column(46218.0, "next week"))
    with pytest.raises(XlNpsError, match="row 1 of dates holds -5"):
        cells.dates(column(-5.0))


def test_customer_ids_match_across_number_and_text_and_case():
    assert cells.ids(column(1001.0, "1001", "AB-7 ", "ab-7", None), "ids") == [1001, 1001, "ab-7", "ab-7"]


def test_column_letters():
    assert [cells.column_letter(c) for c in (1, 26, 27, 52, 703)] == ["A", "Z", "AA", "AZ", "AAA"]


def test_ragged_lists_are_refused():
    with pytest.raises(XlNpsError, match="rectangular"):
        cells.scores([[1.0, 2.0], [3.0]])
