"""Index arrays for numpy that work on every platform, Pyodide (xlwings Lite) included.

numpy reads some arguments as its index type ``np.intp``: what ``np.bincount`` counts, and the
indexes of ``np.take``, ``np.put``, ``np.repeat`` and ``np.choose``. It casts them with the
"safe" rule, which refuses a wider integer type. ``np.intp`` is 64 bits in CPython on 64-bit
machines but 32 bits in Pyodide (wasm32), so an int64 (or uint32) array that works everywhere
else fails there with "Cannot cast array data from dtype('int64') to dtype('int32') according
to the rule 'safe'" (numpy 2.0.2 in Pyodide 0.27.7, checked function by function; plain
indexing ``a[idx]`` and ``np.add.at`` accept any integer type).

So every array xl_nps hands to those functions goes through :func:`as_index`, :func:`bincount`
or :func:`repeat` here. A key combined from two numbers (``comment * keys + key``) can pass
2**31: it is kept in int64 and brought back into range (``%`` or ``//``) before it becomes an
index.

The tests set :data:`INDEX` to ``np.int32`` and make those numpy functions refuse anything
wider when xl_nps calls them (``tests/conftest.py``), so a missed cast fails on every
platform, not only in Pyodide.
"""

from __future__ import annotations

import numpy as np

INDEX = np.intp  # numpy's index type on this platform


def as_index(values) -> np.ndarray:
    """``values`` (whole numbers that fit an index) as an array of numpy's index type."""
    return np.asarray(values).astype(INDEX, copy=False)


def bincount(values, weights=None, minlength: int = 0) -> np.ndarray:
    """``np.bincount`` over ``values`` taken as indexes: how often each of 0, 1, 2, ... occurs
    (or the sum of ``weights`` at each)."""
    return np.bincount(as_index(values), weights, minlength)


def repeat(values, counts) -> np.ndarray:
    """``np.repeat``: each of ``values`` ``counts`` times (counts taken as indexes)."""
    return np.repeat(values, as_index(counts))
