"""Part-by-part comparison of two xlsx files, after normalising what always varies
(after XlsxWriter's excel_comparison_test / helperfunctions)."""

import re
import zipfile

VARYING = [
    (re.compile(r"<dcterms:modified[^>]*>[^<]*</dcterms:modified>"), "<dcterms:modified/>"),
    (re.compile(r"<Application>[^<]*</Application>"), "<Application/>"),
    (re.compile(r"<AppVersion>[^<]*</AppVersion>"), "<AppVersion/>"),
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
            for pattern, replacement in VARYING:
                text = pattern.sub(replacement, text)
            out[name] = text
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
