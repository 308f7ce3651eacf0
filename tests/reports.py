"""Reading generated report sheets back, and an independent reference for their numbers.

The reference is written from the definitions (Reichheld; Rocks 2016) with plain counting and
scipy's normal distribution, not with xl_nps.metrics.
"""

import math

from scipy.stats import norm


def read_tables(ws) -> dict[str, list[dict]]:
    """Tables of a generated sheet by title: a title row (one cell filled), a header row (more
    than one), then data rows (more than one cell filled; a note or "(none)" fills one cell)
    until an empty row. Cells are matched to headers by column, wherever the table starts."""
    rows = [list(r) for r in ws.iter_rows(values_only=True)]

    def filled(row):
        return [c for c, v in enumerate(row) if v is not None]

    tables, i = {}, 0
    while i < len(rows) - 1:
        title, header = filled(rows[i]), filled(rows[i + 1])
        if len(title) == 1 and len(header) > 1:
            names = {c: rows[i + 1][c] for c in header}
            data, j = [], i + 2
            while j < len(rows) and filled(rows[j]):
                if len(filled(rows[j])) > 1:
                    data.append({name: rows[j][c] if c < len(rows[j]) else None for c, name in names.items()})
                j += 1
            tables[rows[i][title[0]]] = data
            i = j
        else:
            i += 1
    return tables


def generated_sheets(path) -> list[str]:
    """The report sheets of a workbook file (marked as generated in its workbook.xml)."""
    from xl_nps.workbook.write.parts import report_state

    return report_state(path)[1]


def reference(scores: list[int]) -> dict:
    n = len(scores)
    p = sum(1 for s in scores if s >= 9)
    d = sum(1 for s in scores if s <= 6)
    z = norm.ppf(0.975)
    var = p / n + d / n - (p / n - d / n) ** 2
    pa, da, na = p + 0.75, d + 0.75, n + 3
    centre = (pa - da) / na
    var_a = pa / na + da / na - centre**2
    half = z * math.sqrt(var_a / na)
    return {
        "n": n, "promoters": p, "passives": n - p - d, "detractors": d,
        "nps": 100 * (p - d) / n, "var": var, "moe": 100 * z * math.sqrt(var / n),
        "low": 100 * max(-1, centre - half), "high": 100 * min(1, centre + half),
    }


def reference_change(a: list[int], b: list[int]) -> tuple[float, float]:
    ra, rb = reference(a), reference(b)
    se = math.sqrt(ra["var"] / ra["n"] + rb["var"] / rb["n"])
    z = (ra["nps"] - rb["nps"]) / 100 / se
    return ra["nps"] - rb["nps"], 2 * norm.sf(abs(z))
