"""Index arrays numpy accepts in Pyodide too: the guard every test runs under, and a check of
the source for numpy calls that take indexes without going through xl_nps.indexes."""

import ast
from pathlib import Path

import numpy as np
import pytest

import wasm_indexes
import xl_nps
from xl_nps import indexes

PACKAGE = Path(xl_nps.__file__).parent


def call_as_xl_nps(source: str):
    """Run ``source`` as if it were code of the xl_nps package (the guard looks at the caller)."""
    scope = {"__name__": "xl_nps.example", "np": np, "indexes": indexes}
    exec(source, scope)
    return scope.get("result")


@pytest.mark.parametrize("dtype", ["int64", "uint64", "uint32"])
@pytest.mark.parametrize("call", ["np.bincount(x)", "np.take(np.arange(5.0), x)", "np.repeat(np.arange(3), x)",
                                  "np.put(np.zeros(5), x, 1.0)", "np.choose(x % 2, [[1, 2, 3], [4, 5, 6]])"])
def test_index_arrays_wider_than_pyodides_int32_are_refused_on_every_platform(call, dtype):
    # the message numpy 2.0.2 gives in Pyodide 0.27.7 is "Cannot cast array data from
    # dtype('int64') to dtype('int32') according to the rule 'safe'"
    with pytest.raises(TypeError, match="Pyodide"):
        call_as_xl_nps(f"x = np.array([0, 1, 2], dtype='{dtype}')\nresult = {call}")


def test_through_xl_nps_indexes_they_pass_and_count_the_same():
    got = call_as_xl_nps("result = indexes.bincount(np.array([3, 1, 3, 0], dtype='int64'), minlength=5)")
    assert got.tolist() == [1, 1, 0, 2, 0]
    assert indexes.as_index(np.array([7], dtype=np.uint32)).dtype == wasm_indexes.WASM_INDEX
    weighted = call_as_xl_nps("result = indexes.bincount(np.array([1, 1], dtype='uint64'), weights=[0.5, 2.0])")
    assert weighted.tolist() == [0.0, 2.5]


def test_tests_own_numpy_calls_are_left_alone():
    assert np.bincount(np.array([2, 2], dtype=np.int64)).tolist() == [0, 0, 2]


def test_no_module_calls_numpys_index_taking_functions_except_through_xl_nps_indexes():
    # the guard sees only what the tests run; this sees every line
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == PACKAGE / "indexes.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in wasm_indexes.TAKES_INDEXES:
                found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} .{node.attr}")
    assert found == [], "call xl_nps.indexes.bincount / as_index instead: " + ", ".join(found)
