"""Part-by-part comparison of two xlsx files, after normalising what always varies
(after XlsxWriter's excel_comparison_test / helperfunctions).

XML parts are compared in their canonical form (W3C Canonical XML 2.0, the standard
library's ``canonicalize``): attribute order, ``<a/>`` against ``<a></a>`` and where a namespace
is declared do not count, so the same workbook written by openpyxl with or without lxml
installed compares equal."""

import re
import zipfile
import xml.etree.ElementTree as ET

VARYING = [  # the element's text only: its start tag may declare the namespace it uses
    re.compile(r"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)"),
    re.compile(r"(<Application>)[^<]*(</Application>)"),
    re.compile(r"(<AppVersion>)[^<]*(</AppVersion>)"),
]


def parts(path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        out = {}
        for name in archive.namelist():
            data = archive.read(name)
            if not name.endswith((".xml", ".rels")):
                out[name] = data.hex()  # binary parts (vbaProject.bin) compare byte for byte
                continue
            text = data.decode("utf-8")
            for pattern in VARYING:
                text = pattern.sub(r"\1\2", text)
            out[name] = ET.canonicalize(text)
        return out


def differences(got, expected) -> list[str]:
    """Names of the parts that differ, with the first differing position."""
    a, b = parts(got), parts(expected)
    problems = [f"only in {got}: {n}" for n in sorted(set(a) - set(b))]
    problems += [f"only in {expected}: {n}" for n in sorted(set(b) - set(a))]
    for name in sorted(set(a) & set(b)):
        if a[name] != b[name]:
            at = next(i for i, (x, y) in enumerate(zip(a[name] + "\0", b[name] + "\1")) if x != y)
            problems.append(f"{name} differs at {at}: {a[name][max(0, at - 40):at + 40]!r} vs {b[name][max(0, at - 40):at + 40]!r}")
    return problems
