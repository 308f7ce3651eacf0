"""numpy as xlwings Lite has it, on every platform: index arguments refused unless they fit int32.

In Pyodide (wasm32) numpy's index type is int32, and numpy 2.0.2 (Pyodide 0.27.7) refuses to
cast a wider integer array to it where it takes indexes (checked there function by function):
what ``np.bincount`` counts, and the indexes of ``np.take``, ``np.put``, ``np.repeat`` and
``np.choose``. :func:`install` makes those functions refuse the same when xl_nps calls them,
and makes ``xl_nps.indexes`` cast to int32, so a missed cast fails in every test run and on
every machine, not only inside Pyodide.
"""

from __future__ import annotations

import sys

import numpy as np

WASM_INDEX = np.int32
TAKES_INDEXES = {"bincount": (0, "x"), "take": (1, "indices"), "put": (1, "ind"), "repeat": (1, "repeats"),
                 "choose": (0, "a")}  # function: (position, name) of the argument read as indexes


def refused(values) -> bool:
    """Would numpy in Pyodide refuse ``values`` as indexes?"""
    dtype = np.asarray(values).dtype
    return dtype.kind in "iu" and not np.can_cast(dtype, WASM_INDEX, "safe")


def guarded(name: str, original):
    position, keyword = TAKES_INDEXES[name]

    def function(*args, **kwargs):
        caller = sys._getframe(1).f_globals.get("__name__", "")
        if caller.startswith("xl_nps"):
            values = args[position] if len(args) > position else kwargs.get(keyword)
            if refused(values):
                raise TypeError(
                    f"np.{name} got indexes of type {np.asarray(values).dtype} from {caller}: numpy in "
                    "Pyodide (xlwings Lite, index type int32) refuses them; pass them through xl_nps.indexes")
        return original(*args, **kwargs)

    function.__wrapped__ = original
    return function


def install(monkeypatch) -> None:
    import xl_nps.indexes

    monkeypatch.setattr(xl_nps.indexes, "INDEX", WASM_INDEX)
    for name in TAKES_INDEXES:
        monkeypatch.setattr(np, name, guarded(name, getattr(np, name)))
