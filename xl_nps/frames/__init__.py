"""The Python face: xl-nps for analysts working in Python, Jupyter and xlwings scripts.

``xl_nps.nps``, ``xl_nps.nps_table``, ``xl_nps.read_answers`` and ``xl_nps.read_report``
(reached from the package top) live here. Like the Excel functions they call
``xl_nps.metrics`` for every number; they add the dataframe plumbing.

pandas and narwhals are not needed by the Excel add-in (xlwings Lite's Python has no pandas
wheel offline): they come with the extra ``pip install "xl-nps[frames]"`` and are imported
only when a function here needs them (:func:`need`).
"""

from __future__ import annotations

import importlib

from xl_nps.errors import XlNpsError

EXTRA = 'pip install "xl-nps[frames]"'


def need(module: str):
    """Import ``module`` (pandas, narwhals) or say in one line how to install it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise XlNpsError(f"this needs {module.partition('.')[0]}, which is not installed; run: {EXTRA}") from None
