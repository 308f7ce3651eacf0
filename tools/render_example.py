"""Renders workbook pages to PNG with LibreOffice and poppler-utils, as they print.

    python tools/render_example.py                     # docs/example-periods.png and docs/example-quarter.png
                                                       # from workbooks/example.xlsx (the README's pictures)
    python tools/render_example.py BOOK.xlsx OUT       # every printed page of BOOK as OUT/page-001.png ...,
                                                       # and OUT/pages.txt: each page's first line of text

The second form is how the report's pages are looked at before a change to the layout lands.
Install Carlito (Debian: fonts-crosextra-carlito), a font metric-compatible with Calibri, so that
LibreOffice measures columns and pages as Excel does; without it LibreOffice falls back to a
wider font and pages hold fewer columns. fonts-noto-cjk shows Chinese, Japanese and Korean.
"""

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = {"Net Promoter Score by quarter": "example-periods.png", "2026 Q3: Net Promoter Score": "example-quarter.png"}


def to_pdf(book: Path, folder: Path) -> Path:
    subprocess.run(["soffice", f"-env:UserInstallation=file://{folder}/profile", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(folder), str(book)], check=True, capture_output=True)
    return folder / (book.stem + ".pdf")


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages")))


def page_text(pdf: Path, page: int) -> str:
    return subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def to_png(pdf: Path, page: int, target: Path, resolution: int = 80) -> None:
    stem = target.with_suffix("")
    subprocess.run(["pdftoppm", "-f", str(page), "-l", str(page), "-png", "-r", str(resolution), "-singlefile",
                    str(pdf), str(stem)], check=True)


def readme_pictures() -> int:
    book = ROOT / "workbooks" / "example.xlsx"
    with tempfile.TemporaryDirectory() as tmp:
        pdf = to_pdf(book, Path(tmp))
        wanted = dict(PAGES)
        for page in range(1, page_count(pdf) + 1):
            text = page_text(pdf, page)
            for marker, name in list(wanted.items()):
                if marker in text:
                    (ROOT / "docs").mkdir(exist_ok=True)
                    to_png(pdf, page, ROOT / "docs" / name)
                    print(f"wrote docs/{name} (page {page})")
                    del wanted[marker]
            if not wanted:
                return 0
    print(f"not found: {', '.join(wanted)}", file=sys.stderr)
    return 1


def every_page(book: Path, out: Path, resolution: int) -> int:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        pdf = to_pdf(book.resolve(), Path(tmp))
        lines = []
        for page in range(1, page_count(pdf) + 1):
            to_png(pdf, page, out / f"page-{page:03}.png", resolution)
            text = [line.strip() for line in page_text(pdf, page).splitlines() if line.strip()]
            first, last = (text[0], text[-1]) if text else ("", "")
            lines.append(f"{page:3}  {last[:40]:40}  {first[:80]}")
        (out / "pages.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} pages to {out} (pages.txt: footer, then the first line)")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("book", nargs="?", type=Path, help="a workbook to render page by page")
    parser.add_argument("out", nargs="?", type=Path, help="folder for its pages")
    parser.add_argument("--resolution", type=int, default=60, help="dots per inch of the pages (default 60)")
    args = parser.parse_args(argv)
    if args.book is None:
        return readme_pictures()
    if args.out is None:
        parser.error("give a folder for the pages")
    return every_page(args.book, args.out, args.resolution)


if __name__ == "__main__":
    sys.exit(main())
