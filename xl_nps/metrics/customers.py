"""Customer counts over a period: churn, retention, repeat purchases and lifetime value.

Rates are fractions (0.04 for 4%), so Excel's % format shows them.

Definitions:

* churn rate       CCR = customers lost / customers at start = (start + new - end) / start
* retention rate   CRR = (end - new) / start
* annual churn from a periodic rate: 1 - (1 - r)^periods
* repeat purchase rate RPR = customers with more than one purchase / all customers
* customer lifetime value CLV = lifespan x average purchase value x purchase frequency
  (x gross margin, optionally)

References
----------
P. W. Farris, N. T. Bendle, P. E. Pfeifer and D. J. Reibstein, "Marketing Metrics: The
Definitive Guide to Measuring Marketing Performance", 2nd ed., Pearson, 2010, chapter 5
(customer retention and churn, customer lifetime value).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable

from xl_nps.errors import XlNpsError
from xl_nps.metrics.checks import count, share


def _start(value) -> float:
    start = count(value, "customers at start")
    if start == 0:
        raise XlNpsError("customers at start is 0, so there is no rate to compute; enter the count at the start of the period")
    return start


def churn(start: float, end: float, new: float = 0) -> float:
    """Customer churn rate: customers lost during the period / customers at its start.

    CCR = (start + new - end) / start. Example: 500 at the start, none new, 480 at the end:
    20 / 500 = 4%.
    """
    s, e, n = _start(start), count(end, "customers at end"), count(new, "new customers")
    if e > s + n:
        raise XlNpsError(
            f"customers at end ({e:g}) exceed customers at start plus new customers ({s + n:g}); "
            "check the counts or enter the new customers"
        )
    return (s + n - e) / s


def retention(start: float, end: float, new: float = 0) -> float:
    """Customer retention rate CRR = (end - new) / start.

    Example: 500 at the start, 50 new, 520 at the end: (520 - 50) / 500 = 94%.
    """
    s, e, n = _start(start), count(end, "customers at end"), count(new, "new customers")
    if n > e:
        raise XlNpsError(f"new customers ({n:g}) exceed customers at end ({e:g}); check the counts")
    if e - n > s:
        raise XlNpsError(
            f"customers kept ({e:g} at end - {n:g} new = {e - n:g}) exceed customers at start ({s:g}); "
            "enter the new customers of the period"
        )
    return (e - n) / s


def churn_from_ids(ids_at_start: Iterable[Hashable], ids_at_end: Iterable[Hashable]) -> float:
    """Share of the customers present at the start whose ID is missing at the end."""
    start, end = set(ids_at_start), set(ids_at_end)
    if not start:
        raise XlNpsError("there are no customer IDs at the start of the period")
    return len(start - end) / len(start)


def retention_from_ids(ids_at_start: Iterable[Hashable], ids_at_end: Iterable[Hashable]) -> float:
    """Share of the customers present at the start whose ID is still there at the end.

    Customers who are only in the end list are new and do not count, as in (end - new) / start.
    """
    return 1.0 - churn_from_ids(ids_at_start, ids_at_end)


def _rate(value, name: str) -> float:
    r = count(value, name)
    if r > 1:
        raise XlNpsError(f"{name} is a fraction between 0 and 1 (format the cell as %); got {value:g}")
    return r


def _periods(value) -> float:
    p = count(value, "periods")
    if p == 0:
        raise XlNpsError("periods must be more than 0 (12 for months in a year, 4 for quarters)")
    return p


def churn_annual(periodic_rate: float, periods: float = 12) -> float:
    """Annual churn from a periodic (monthly by default) churn rate: 1 - (1 - r)^periods.

    Example: 2% a month gives 1 - 0.98^12 = 21.5% a year.
    """
    return 1.0 - (1.0 - _rate(periodic_rate, "periodic churn rate")) ** _periods(periods)


def churn_periodic(annual_rate: float, periods: float = 12) -> float:
    """Periodic churn rate from an annual one, the inverse of :func:`churn_annual`:
    1 - (1 - annual)^(1 / periods)."""
    return 1.0 - (1.0 - _rate(annual_rate, "annual churn rate")) ** (1.0 / _periods(periods))


def repeat_rate(customer_ids: Iterable[Hashable]) -> float:
    """Repeat purchase rate from one ID per purchase: customers with more than one purchase
    / all distinct customers. Example: 1,500 of 10,000 customers bought twice or more: 15%."""
    seen = Counter(customer_ids)
    if not seen:
        raise XlNpsError("there are no customer IDs")
    return sum(1 for c in seen.values() if c > 1) / len(seen)


def repeat_rate_from_counts(repeat_customers: float, all_customers: float) -> float:
    """Repeat purchase rate from two counts: customers with more than one purchase / all customers."""
    return share(repeat_customers, all_customers, "repeat customers", "all customers")


def clv(lifespan: float, avg_purchase_value: float, purchase_frequency: float, margin: float = 1.0) -> float:
    """Customer lifetime value CLV = t x c x f (x gross margin).

    t: customer lifespan (years), c: average purchase value, f: purchases per year,
    margin: gross margin as a fraction (1 gives revenue rather than profit).

    Rather than a guessed lifespan, t can be the expected lifetime of a cohort from the
    shifted-beta-geometric model, :func:`xl_nps.metrics.retention.lifetime` (Excel: LIFETIME),
    counted in the cohort's period: with yearly counts and a discount rate d, t is the discounted
    expected lifetime (DEL) and t x c x f x margin is the value of a new customer as Fader and
    Hardie (2010) define it, DEL x the margin one year brings. The lifespan and the frequency
    must use the same period.
    """
    m = count(margin, "margin")
    if m == 0 or m > 1:
        raise XlNpsError(f"margin is a fraction above 0 and at most 1 (such as 0.3 for 30%); got {margin:g}")
    return (
        count(lifespan, "lifespan")
        * count(avg_purchase_value, "average purchase value")
        * count(purchase_frequency, "purchase frequency")
        * m
    )
