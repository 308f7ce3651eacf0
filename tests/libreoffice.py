"""LibreOffice (headless) as a real spreadsheet engine: open, recalculate everything, save."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

RECALCULATE_ON_LOAD = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) is missing; .ci/run should have installed it")
        pytest.skip("LibreOffice is not installed here (apt-get install libreoffice-calc-nogui)")
    return found


def convert(book: Path, out_dir: Path, to: str = "xlsx") -> Path:
    """Open ``book`` in LibreOffice, recalculate every formula, save as ``to`` in ``out_dir``."""
    profile = out_dir / "lo-profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALCULATE_ON_LOAD)
    out = out_dir / "lo-out"
    out.mkdir(exist_ok=True)
    result = subprocess.run(
        [soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
         "--convert-to", to, "--outdir", str(out), str(book)],
        capture_output=True, text=True, timeout=180,
    )
    converted = out / f"{book.stem}.{to}"
    assert result.returncode == 0 and converted.exists(), result.stdout + result.stderr
    return converted
