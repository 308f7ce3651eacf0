"""The early warning: revenue or profit grows while loyalty falls.

Reichheld calls profit earned at the expense of customer relationships "bad profits": it shows
on the income statement as growth while it turns customers into detractors, who buy less,
leave and warn others, so the damage reaches revenue only later. A quarter whose revenue or
profit rose while its NPS fell is therefore the moment to act, not to celebrate.

A quarter gets a warning when, against the previous quarter of the report,

* its revenue or its profit rose (this quarter's amount above the previous one), and
* its NPS fell significantly: the change is negative and the report's test calls it
  significant. The test and its small-sample policy are the report's own (``stats.compare``
  and the rules around it): a change that was not tested, for too few answers, is never
  significant and never warns. The first quarter has nothing to compare with and never warns.

In words: "revenue +20%, NPS -30 points (p < 0.001): loyalty is falling while revenue grows".
A rise from a loss or from nothing has no percentage and is given in amounts ("profit up from
-20,000 to 5,000").

References
----------
F. Reichheld, "The Ultimate Question: Driving Good Profits and True Growth", Harvard Business
School Press, 2006; F. Reichheld and R. Markey, "The Ultimate Question 2.0", Harvard Business
Press, 2011, ch. 1 "Bad Profits, Good Profits, and the Ultimate Question".
"""

from __future__ import annotations

import math

def relative_change(amounts) -> float | None:
    """``amounts`` is (previous quarter's amount, this quarter's): (this - previous) / previous, or None without both amounts or when the previous one is
    0 or below (a percentage of a loss means nothing)."""
    if amounts is None:
        return None
    before, now = amounts
    if before is None or now is None or not before > 0:
        return None
    return (now - before) / before


def _rose(amounts) -> bool:
    return amounts is not None and None not in amounts and amounts[1] > amounts[0]


def _percent(fraction: float) -> str:
    """+20% / +4.5% / +0.25%: whole percent from 10% up, else two significant digits."""
    if abs(fraction) >= 0.1:
        return f"{fraction:+.0%}"
    return f"{fraction * 100:+.2g}%"


def _rise(name: str, amounts) -> str:
    change = relative_change(amounts)
    if change is not None:
        return f"{name} {_percent(change)}"
    before, now = amounts
    return f"{name} up from {before:,.0f} to {now:,.0f}"


def _points(difference: float) -> str:
    text = f"{difference:+.1f}"
    return text[:-2] if text.endswith(".0") else text


def _p(p_value: float) -> str:
    return "p < 0.001" if p_value < 0.001 else f"p = {p_value:.4f}"  # as the sheets show p-values


def revenue_warning(change, revenue=None, profit=None) -> str:
    """The warning of a quarter, or "" when there is none.

    ``change`` is the NPS change against the previous quarter as the report's test gave it: an
    object with ``difference`` (this minus previous, in points), ``significant`` and ``p_value``;
    None for the first quarter or when the change could not be tested. ``revenue`` and
    ``profit`` are (previous, this) amounts or None.
    """
    if change is None or not getattr(change, "significant", False):
        return ""
    difference, p_value = change.difference, change.p_value
    if p_value is None or not difference < 0 or not math.isfinite(difference):
        return ""
    grew = [name for name, amounts in (("revenue", revenue), ("profit", profit)) if _rose(amounts)]
    if not grew:
        return ""
    parts = [_rise(name, revenue if name == "revenue" else profit) for name in grew]
    what = " and ".join(grew)
    verb = "grow" if len(grew) > 1 else "grows"
    return (f"{', '.join(parts)}, NPS {_points(difference)} points ({_p(p_value)}): "
            f"loyalty is falling while {what} {verb}")
