"""xl-nps: Net Promoter Score and loyalty metrics for Excel, through xlwings, and for Python.

The package has three floors, imports pointing only down:

* ``xl_nps.metrics`` - pure computations (arrays in, numbers or small dataclasses out);
* ``xl_nps.cells`` and ``xl_nps.udfs`` - the Excel face; ``xl_nps.frames`` - the Python face
  (the four functions below); ``xl_nps.workbook`` - template, respondents reader, report and
  refresh;
* ``xl_nps.cli`` - the ``xl-nps`` command.

From Python::

    import xl_nps
    xl_nps.nps([10, 9, 8, 3])                       # 25.0
    xl_nps.nps_table(df, score="Score", by="Segment", date="Date")
    xl_nps.read_answers("NPS 2026.xlsx"); xl_nps.read_report("NPS 2026.xlsx")

They are imported when first used, so that ``import xl_nps`` (which every Excel function and
the refresh do) stays light; all but ``nps`` need ``pip install "xl-nps[frames]"``.
"""

from xl_nps.errors import XlNpsError

__version__ = "0.1.0"
__all__ = ["XlNpsError", "__version__", "nps", "nps_table", "read_answers", "read_report"]

_PYTHON_FACE = {"nps": "xl_nps.frames.scores", "nps_table": "xl_nps.frames.table",
                "read_answers": "xl_nps.frames.books", "read_report": "xl_nps.frames.books"}


def __getattr__(name: str):
    """The Python face's functions, imported on first use (PEP 562)."""
    if name in _PYTHON_FACE:
        import importlib

        return getattr(importlib.import_module(_PYTHON_FACE[name]), name)
    raise AttributeError(f"module 'xl_nps' has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + list(_PYTHON_FACE))
