"""Classic (Windows) xlwings on a machine without Excel or pywin32.

* ``classic_udfs()`` loads ``xl_nps/udfs.py`` afresh with xlwings' own classic decorators
  (``xlwings/udfs.py``: ``xlfunc``, ``xlarg``, ``xlret``), so the functions carry the
  ``__xlfunc__`` metadata that "Import Functions" turns into VBA and into the function wizard.
  The three pywin32 modules that ``xlwings/udfs.py`` imports at the top are replaced by empty
  modules; none of the code used here touches them.
* ``excel_call()`` does what xlwings' ``call_udf`` does with the values COM hands over: each
  argument through ``xlwings.conversion.read`` with the options the decorators declared, the
  function, then ``xlwings.conversion.write`` with the return options, and the squeeze of
  ``CallUDF`` (1x1 -> scalar, 1xN -> a row). Only the engine's own element cleaning (the step
  that needs COM) is reproduced here, after ``xlwings._xlwindows``.
"""

import datetime as dt
import importlib.util
import sys
import types
from pathlib import Path

import xlwings
from xlwings import conversion

UDFS_FILE = Path(__file__).resolve().parent.parent / "xl_nps" / "udfs.py"

# COM error codes and what classic xlwings turns them into with err_to_str=True
CELL_ERRORS = {
    -2146826281: "#DIV/0!", -2146826246: "#N/A", -2146826259: "#NAME?", -2146826288: "#NULL!",
    -2146826252: "#NUM!", -2146826265: "#REF!", -2146826273: "#VALUE!",
}


def _stub_pywin32():
    for name in ("pythoncom", "pywintypes", "win32com", "win32com.client"):
        sys.modules.setdefault(name, types.ModuleType(name))
    sys.modules["pythoncom"].CoInitialize = lambda: None  # only named at import (a thread pool initializer)
    sys.modules["win32com.client"].Dispatch = lambda *a, **k: None
    sys.modules["win32com"].client = sys.modules["win32com.client"]


def classic_udfs():
    """A fresh module object of xl_nps/udfs.py decorated by classic xlwings."""
    _stub_pywin32()
    import xlwings.udfs as classic

    saved = {name: getattr(xlwings, name) for name in ("func", "arg", "ret", "sub")}
    xlwings.func, xlwings.arg, xlwings.ret, xlwings.sub = classic.xlfunc, classic.xlarg, classic.xlret, classic.xlsub
    try:
        spec = importlib.util.spec_from_file_location("xl_nps_udfs_classic", UDFS_FILE)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        for name, value in saved.items():
            setattr(xlwings, name, value)
    return module


class ComEngine:
    """The element cleaning of xlwings' Windows engine (xlwings/_xlwindows.py), for values
    as COM delivers them: "" or None for blanks, floats, str, bool, datetimes, error ints."""

    name = "excel"
    type = "desktop"

    @staticmethod
    def clean_value_data(data, datetime_builder, empty_as, number_builder, err_to_str):
        def clean(value):
            if value in ("", None):
                return empty_as
            if isinstance(value, dt.datetime):
                return value if datetime_builder is None else datetime_builder(
                    value.year, value.month, value.day, value.hour, value.minute, value.second)
            if number_builder is not None and isinstance(value, float):
                return number_builder(value)
            if isinstance(value, int) and not isinstance(value, bool) and value in CELL_ERRORS:
                return CELL_ERRORS[value] if err_to_str else None
            return value
        return [[clean(c) for c in row] for row in data]

    @staticmethod
    def prepare_xl_data_element(x, options):
        return "" if x is None else x


def install_engine():
    if "excel" not in [e.name for e in xlwings.engines]:
        xlwings.engines.add(xlwings.main.Engine(impl=ComEngine()))


def excel_call(module, name, *cells):
    """Call function ``name`` of ``module`` as classic xlwings would for a cell formula whose
    arguments hold ``cells`` (each a COM value: a scalar for one cell, a tuple of row tuples for
    a range); returns what is written back to the cell(s)."""
    install_engine()
    func = getattr(module, name)
    info = func.__xlfunc__
    args = []
    for i, cell in enumerate(cells):
        arg_info = info["args"][min(i, len(info["args"]) - 1)]
        args.append(conversion.read(None, cell, arg_info["options"]))
    for arg_info in info["args"][len(cells):]:  # arguments left out take their default
        args.append(arg_info.get("optional"))
    result = conversion.write(func(*args), None, info["ret"]["options"])
    if len(result) == 1 and len(result[0]) == 1:
        return result[0][0]
    if len(result) == 1:
        return result[0]
    return result
