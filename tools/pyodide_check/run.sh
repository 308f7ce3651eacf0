#!/usr/bin/env bash
# The Pyodide check: xl-nps inside Pyodide 0.27.7 (Python 3.12, numpy 2.0.2, 32-bit wasm), what
# xlwings Lite runs in Excel on Mac, Windows and the web, under Node with every network fetch
# refused. check.py runs in CPython and in Pyodide, and the two must print the same lines.
#
# usage: bash tools/pyodide_check/run.sh [PYTHON]
#   PYTHON: a Python with xl-nps and its test extras installed (default: .venv/bin/python)
# Needs node and npm. Downloads are kept in ${XDG_CACHE_HOME:-~/.cache}/xl-nps/pyodide-check.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
PYTHON=${1:-$REPO/.venv/bin/python}
PYODIDE_VERSION=0.27.7
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/xl-nps/pyodide-check
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export PIP_DISABLE_PIP_VERSION_CHECK=1

for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "pyodide check: $tool is missing (apt-get install nodejs npm)" >&2; exit 1; }
done
mkdir -p "$CACHE/npm"
if [ "$(cat "$CACHE/npm/node_modules/pyodide/package.json" 2>/dev/null | "$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)["version"])' 2>/dev/null)" != "$PYODIDE_VERSION" ]; then
  rm -rf "$CACHE/dist-$PYODIDE_VERSION"
  (cd "$CACHE/npm" && npm install --no-audit --no-fund --no-save --loglevel=error "pyodide@$PYODIDE_VERSION" >/dev/null)
fi

# The wheel, main.py and requirements.txt exactly as `xl-nps lite` writes them for a Lite user
"$PYTHON" -m xl_nps.cli lite --out "$WORK/lite" >/dev/null
WHEEL=$(ls "$WORK"/lite/xl_nps-*-py3-none-any.whl)
BUILT=$("$PYTHON" "$HERE/wheels.py" "$CACHE" "$WHEEL" "$WORK/wheels")

LITE_MAIN="$WORK/lite/main.py" FAKE_EXCEL_DIR="$REPO/tests" "$PYTHON" "$HERE/check.py" > "$WORK/cpython.txt"
node "$HERE/run_pyodide.mjs" "$CACHE/dist-$PYODIDE_VERSION" "$WORK/wheels" "$WHEEL" "$BUILT" \
  "$WORK/lite/main.py" "$REPO/tests" "$HERE/check.py" > "$WORK/pyodide.txt"

if ! grep -qx 'FUNCTIONS not called \[\]' "$WORK/cpython.txt"; then
  grep '^FUNCTIONS not called' "$WORK/cpython.txt" >&2
  echo "pyodide check FAILED: check.py must call every function in xl_nps.udfs.__all__" >&2
  exit 1
fi
if ! diff -u --label CPython --label Pyodide "$WORK/cpython.txt" "$WORK/pyodide.txt" >&2; then
  echo "pyodide check FAILED: Pyodide printed other results than CPython (diff above)" >&2
  exit 1
fi
echo "pyodide check passed: $(wc -l < "$WORK/pyodide.txt") results identical in CPython and Pyodide $PYODIDE_VERSION"
