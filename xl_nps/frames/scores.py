"""``xl_nps.nps(values)``: the NPS of a list, a numpy array, or a pandas or polars Series.

The rules are those of the Excel function ``=NPS()`` (``xl_nps.cells``): whole numbers 0-10,
missing values skipped (None, NaN, pandas' NA, polars' null; blank text), TRUE/FALSE refused,
and a column that never leaves 1-5 or 1-7 refused as a satisfaction or effort scale
(:func:`xl_nps.metrics.nps.refuse_small_scale`). A bad value is named by its position.

    NPS = 100 * (promoters (9-10) - detractors (0-6)) / answers   (Reichheld, HBR 2003)
"""

from __future__ import annotations

import math

import numpy as np

from xl_nps import cells
from xl_nps.errors import XlNpsError, quote
from xl_nps.metrics.nps import nps as nps_of, refuse_small_scale
from xl_nps.rules import HIGHEST_SCORE, LOWEST_SCORE, SCORE_RULE
from xl_nps.values import as_number, describe, is_blank


class _Column:
    """Values as one flat numpy array, which of them are missing, and how to name position i."""

    def __init__(self, values, missing: np.ndarray, where):
        self.values, self.missing, self.where = values, missing, where


def _column(values) -> _Column:
    package = type(values).__module__.partition(".")[0]
    if package == "pandas" and getattr(values, "ndim", 0) == 1:
        name = quote(values.name) if values.name is not None else "the Series"
        index = values.index
        missing = values.isna().to_numpy()
        if getattr(values.dtype, "kind", "O") in "iuf":  # numpy and nullable (Int64, Float64) numbers
            data = values.to_numpy(dtype=np.float64, na_value=np.nan)
        else:
            data = values.to_numpy(dtype=object, na_value=None)
        return _Column(data, missing, lambda i: f"{name} at index {index[i]!r}")
    if package == "polars" and hasattr(values, "is_null"):
        name = quote(values.name) if values.name else "the Series"
        missing = values.is_null().to_numpy()
        if values.dtype.is_float():
            missing = missing | values.is_nan().fill_null(True).to_numpy()
        return _Column(values.to_numpy(), missing, lambda i: f"{name} at position {i}")
    if package in ("pandas", "polars"):
        raise XlNpsError(f"nps() takes one column (a Series), not a {type(values).__name__}; "
                         "for a table use nps_table(data, score=...)")
    if isinstance(values, (list, tuple)) and any(isinstance(v, (list, tuple)) for v in values):
        g = cells.grid(values)  # rows of a range, as xlwings hands them over
        return _Column(np.asarray(g.values, dtype=object), np.array([is_blank(v) for v in g.values], dtype=bool),
                       lambda i: g.where(i, "values"))
    if not isinstance(values, np.ndarray):
        values = list(values) if not isinstance(values, (list, tuple)) else values
        # TRUE/FALSE among numbers would become 1/0 in a numeric array: keep every value as it is
        values = np.asarray(values, dtype=object if any(type(v) is bool for v in values) else None)
    array = values
    shape = array.shape
    array = array.ravel()
    where = (lambda i: f"values[{i}]") if len(shape) == 1 else (
        lambda i: "values[" + ", ".join(str(k) for k in np.unravel_index(i, shape)) + "]")
    if array.dtype.kind == "f":
        return _Column(array, np.isnan(array), where)
    if array.dtype.kind in "iu":
        return _Column(array, np.zeros(array.size, dtype=bool), where)
    return _Column(array.astype(object), np.array([is_blank(v) for v in array.tolist()], dtype=bool), where)


def answered_scores(values) -> np.ndarray:
    """The answered scores of ``values`` as int64, after the checks of the module docstring."""
    column = _column(values)
    data, missing = column.values, column.missing
    answered = None
    if data.dtype.kind in "iuf":
        numbers = data.astype(np.float64, copy=False)
        good = missing | ((numbers >= LOWEST_SCORE) & (numbers <= HIGHEST_SCORE) & (numbers == np.floor(numbers)))
        if good.all():
            answered = numbers[~missing].astype(np.int64)
        else:
            i = int(np.flatnonzero(~good)[0])
            raise XlNpsError(f"{column.where(i)} holds {describe(data[i].item())}; {SCORE_RULE}")
    elif data.dtype.kind == "b":
        if (~missing).any():
            raise XlNpsError(f"{column.where(int(np.flatnonzero(~missing)[0]))} holds TRUE/FALSE; {SCORE_RULE}")
        answered = np.zeros(0, dtype=np.int64)
    else:
        out = []
        for i, value in enumerate(data.tolist()):
            if missing[i] or is_blank(value):
                continue
            number = None if isinstance(value, np.bool_) else as_number(value)
            if number is None or not (LOWEST_SCORE <= number <= HIGHEST_SCORE and number == math.floor(number)):
                raise XlNpsError(f"{column.where(i)} holds {describe(value)}; {SCORE_RULE}")
            out.append(int(number))
        answered = np.asarray(out, dtype=np.int64)
    refuse_small_scale(answered)
    return answered


def nps(values) -> float:
    """Net Promoter Score in points (-100..100) of a list, a numpy array, or a pandas or
    polars Series: 100 * (promoters (9-10) - detractors (0-6)) / answers; missing values are
    skipped. Raises :class:`xl_nps.XlNpsError` naming the position of a value that is not a
    whole number 0-10.

    >>> nps([10, 9, 8, 7, 3, None])
    20.0
    """
    answered = answered_scores(values)
    if answered.size == 0:
        raise XlNpsError("the values hold no scores (all are missing)")
    return nps_of(answered)
