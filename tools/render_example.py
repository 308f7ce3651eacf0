"""Renders pages of workbooks/example.xlsx to PNG for the README (needs LibreOffice and
poppler-utils).

    python tools/render_example.py      # writes docs/example-periods.png and docs/example-quarter.png
"""

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = {"Net Promoter Score by quarter": "example-periods.png", "2026 Q3: Net Promoter Score": "example-quarter.png"}


def main() -> int:
    book = ROOT / "workbooks" / "example.xlsx"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--norestore",
                        "--convert-to", "pdf", "--outdir", str(tmp), str(book)], check=True, capture_output=True)
        pdf = tmp / "example.pdf"
        pages = int(next(line.split()[-1] for line in subprocess.run(
            ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines() if line.startswith("Pages")))
        wanted = dict(PAGES)
        for page in range(1, pages + 1):
            text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                                  capture_output=True, text=True, check=True).stdout
            for marker, name in list(wanted.items()):
                if marker in text:
                    stem = tmp / "page"
                    subprocess.run(["pdftoppm", "-f", str(page), "-l", str(page), "-png", "-r", "80", "-singlefile",
                                    str(pdf), str(stem)], check=True)
                    (ROOT / "docs").mkdir(exist_ok=True)
                    (ROOT / "docs" / name).write_bytes(stem.with_suffix(".png").read_bytes())
                    print(f"wrote docs/{name} (page {page})")
                    del wanted[marker]
            if not wanted:
                return 0
    print(f"not found: {', '.join(wanted)}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
