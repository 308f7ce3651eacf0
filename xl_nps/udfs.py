"""The Excel face: every function a user types into a cell.

Each function is an xlwings UDF and also a plain Python function that takes what xlwings
passes (a scalar, or a list of lists with ``None`` for blanks) and returns a number, a text or
a table (a list of rows with a header row, which spills in Excel). The work is done by
``xl_nps.metrics``; ``xl_nps.cells`` turns cell values into clean arrays.

Errors: a problem with the data or the arguments shows in the cell as one line, such as
``NPS: row 7 of the range holds 11; scores must be whole numbers 0-10``. That decision lives
in :func:`shows_errors` and nowhere else. The undecorated function is ``f.__wrapped__``,
which raises :class:`xl_nps.errors.XlNpsError` instead.
"""

from __future__ import annotations

import functools

import xlwings as xw

from xl_nps import cells
from xl_nps.errors import XlNpsError
from xl_nps.metrics import benchmarks, enps, loyalty, stats
from xl_nps.metrics import customers as customer_metrics
from xl_nps.metrics import nps as nps_metrics
from xl_nps.metrics import periods as period_metrics
from xl_nps.metrics import retention as retention_model
from xl_nps.rules import MIN_TEST_ANSWERS, SMALL_GROUP, TOO_FEW
from xl_nps.text import followup as text_followup
from xl_nps.text import themes as text_themes

__all__ = [  # the Excel functions (``from xl_nps.udfs import *`` registers them all in xlwings Lite)
    "nps",
    "nps_counts",
    "nps_category",
    "nps_se",
    "nps_moe",
    "nps_ci",
    "nps_test",
    "nps_sample_size",
    "nps_by",
    "nps_trend",
    "nps_benchmark",
    "nps_rating",
    "enps_benchmark",
    "enps_rating",
    "churn",
    "retention",
    "churn_annual",
    "churn_periodic",
    "repeat_rate",
    "clv",
    "retention_fit",
    "retention_forecast",
    "lifetime",
    "ces",
    "csat",
    "participation",
    "redemption",
    "response_rate",
    "nps_themes",
    "nps_keywords",
    "nps_followup",
]

RANGE = {"ndim": 2, "err_to_str": True}  # how every range argument is read
CELL = {"err_to_str": True}  # single values: an error cell arrives as "#N/A", not as a blank
CATEGORY = "xl-nps"


def shows_errors(func):
    """Show XlNpsError in the cell as "FUNCTION_NAME: message"; anything else is a bug and
    is left to propagate (xlwings then shows its traceback)."""

    @functools.wraps(func)
    def wrapper(*args):
        try:
            return func(*args)
        except XlNpsError as error:
            return f"{func.__name__.upper()}: {error}"

    return wrapper


def _confidence(value) -> float:
    return cells.number(value, "confidence", default=0.95)


# ---------------------------------------------------------------- NPS family

@xw.func(category=CATEGORY)
@xw.arg("scores", doc="Range of 0-10 answers; blank cells are skipped.", **RANGE)
@xw.arg("weights", doc="Optional range of weights, same size as scores.", **RANGE)
@shows_errors
def nps(scores, weights=None):
    """Net Promoter Score (-100..100) = % promoters (9-10) - % detractors (0-6)."""
    s = cells.scores(scores)
    if weights is None:
        return nps_metrics.nps(cells.require_answers(s))
    w, w_present, w_grid = cells.numbers(weights, "weights", low=0)
    cells.same_size(s.grid, w_grid, "scores", "weights")
    missing = s.present & ~w_present
    if missing.any():
        where = s.grid.where(int(missing.nonzero()[0][0]))
        raise XlNpsError(f"{where} has a score but no weight; give every score a weight")
    return nps_metrics.weighted_nps(cells.require_answers(s), w[s.present])


@xw.func(category=CATEGORY)
@xw.arg("scores", doc="Range of 0-10 answers; blank cells are skipped.", **RANGE)
@shows_errors
def nps_counts(scores):
    """Table of promoters (9-10), passives (7-8), detractors (0-6) and total: count and share."""
    c = nps_metrics.count_categories(cells.require_answers(cells.scores(scores)))
    return [
        ["Category", "Count", "Share"],
        ["Promoters (9-10)", c.promoters, c.promoter_share],
        ["Passives (7-8)", c.passives, c.passive_share],
        ["Detractors (0-6)", c.detractors, c.detractor_share],
        ["Total", c.n, 1.0],
    ]


@xw.func(category=CATEGORY)
@xw.arg("score", doc="A 0-10 answer, or a range of them.", **RANGE)
@shows_errors
def nps_category(score):
    """Promoter (9-10), Passive (7-8) or Detractor (0-6); a range gives a range, blanks stay blank."""
    s = cells.scores(score, check_scale=False)
    names = [nps_metrics.category(int(v)) if present else "" for v, present in zip(s.values, s.present)]
    g = s.grid
    table = [names[r * g.cols:(r + 1) * g.cols] for r in range(g.rows)]
    return table[0][0] if len(names) == 1 else table


@xw.func(category=CATEGORY)
@xw.arg("scores", doc="Range of 0-10 answers; blank cells are skipped.", **RANGE)
@shows_errors
def nps_se(scores):
    """Standard error of the NPS in points: 100 * sqrt((pP + pD - (pP - pD)^2) / n)."""
    return stats.standard_error(cells.require_answers(cells.scores(scores)))


@xw.func(category=CATEGORY)
@xw.arg("scores", doc="Range of 0-10 answers; blank cells are skipped.", **RANGE)
@xw.arg("confidence", doc="Confidence level, default 0.95.", **CELL)
@shows_errors
def nps_moe(scores, confidence=0.95):
    """Margin of error of the NPS in points: z * standard error (1.96 * SE at 95%)."""
    return stats.margin_of_error(cells.require_answers(cells.scores(scores)), _confidence(confidence))


@xw.func(category=CATEGORY)
@xw.arg("scores", doc="Range of 0-10 answers; blank cells are skipped.", **RANGE)
@xw.arg("confidence", doc="Confidence level, default 0.95.", **CELL)
@xw.arg("method", doc='"adjusted" (default, Rocks 2016), "score" (iterative score interval: best under 30 answers) or "wald".', **CELL)
@shows_errors
def nps_ci(scores, confidence=0.95, method="adjusted"):
    """Confidence interval of the NPS as [low, high] in points, within -100..100."""
    interval = stats.confidence_interval(
        cells.require_answers(cells.scores(scores)), _confidence(confidence),
        cells.text(method, "method", "adjusted"),
    )
    return [[interval.low, interval.high]]


@xw.func(category=CATEGORY)
@xw.arg("scores_a", doc="Range of 0-10 answers of one period or group (e.g. this quarter).", **RANGE)
@xw.arg("scores_b", doc="Range of 0-10 answers of the other (e.g. last quarter).", **RANGE)
@xw.arg("confidence", doc="Confidence level, default 0.95.", **CELL)
@xw.arg("method", doc='"wald" (default) or "adjusted" (adjusted-Wald test, Rocks 2016).', **CELL)
@xw.arg("min_n", doc=f"Fewest answers each range needs to be tested; default {MIN_TEST_ANSWERS}.", **CELL)
@shows_errors
def nps_test(scores_a, scores_b, confidence=0.95, method="wald", min_n=MIN_TEST_ANSWERS):
    """Is NPS a different from NPS b? Difference a-b, z, two-sided p-value, significant?"""
    result = stats.compare(
        cells.require_answers(cells.scores(scores_a)), cells.require_answers(cells.scores(scores_b)),
        _confidence(confidence), cells.text(method, "method", "wald"),
        cells.number(min_n, "min_n", default=MIN_TEST_ANSWERS),
    )
    difference = "Difference (a-b)" if result.method == "wald" else "Adjusted difference (a-b)"
    return [
        ["NPS a", "NPS b", difference, "z", "p-value", "Significant?"],
        [result.nps_a, result.nps_b, result.tested_difference, result.z, result.p_value, result.significant],
    ]


@xw.func(category=CATEGORY)
@xw.arg("margin", doc="Wanted margin of error in NPS points, e.g. 5 for +-5.", **CELL)
@xw.arg("confidence", doc="Confidence level, default 0.95.", **CELL)
@xw.arg("population", doc="Optional: how many customers there are to ask (finite population).", **CELL)
@xw.arg("variance", doc="Optional: expected variance of one answer, 0-1; default 1 (worst case).", **CELL)
@shows_errors
def nps_sample_size(margin, confidence=0.95, population=None, variance=1.0):
    """Respondents needed for a margin of error: z^2 * V / m^2, corrected for a finite population."""
    pop = cells.scalar(population)
    return stats.sample_size(
        cells.number(margin, "margin"), _confidence(confidence),
        None if cells.is_blank(pop) else cells.number(pop, "population"),
        cells.number(variance, "variance", default=1.0),
    )


@xw.func(category=CATEGORY)
@xw.arg("scores", doc="Range of 0-10 answers.", **RANGE)
@xw.arg("groups", doc="Range of segment names, same size as scores.", **RANGE)
@xw.arg("min_n", doc=f"Groups with fewer answers are flagged; default {SMALL_GROUP}.", **CELL)
@shows_errors
def nps_by(scores, groups, min_n=SMALL_GROUP):
    """Table per group: n, NPS and margin of error (95%); small groups are flagged, not hidden."""
    s = cells.scores(scores)
    cells.require_answers(s)
    names, g = cells.labels(groups, "groups")
    cells.same_size(s.grid, g, "scores", "groups")
    minimum = cells.number(min_n, "min_n", default=SMALL_GROUP)
    table = [["Group", "n", "NPS", "Margin of error", "Note"]]
    answered_names = [name for name, present in zip(names, s.present) if present]
    answered = s.answered
    for name in sorted(set(answered_names), key=str.casefold):
        mask = [n == name for n in answered_names]
        counts = nps_metrics.count_categories(answered[mask])
        note = f"only {counts.n:g} of the {minimum:g} answers needed to judge" if counts.n < minimum else ""
        table.append([name, counts.n, counts.nps, stats.margin_of_error(counts), note])
    return table


@xw.func(category=CATEGORY)
@xw.arg("scores", doc="Range of 0-10 answers.", **RANGE)
@xw.arg("dates", doc="Range of answer dates, same size as scores (dates, Excel date numbers or text such as 15/07/2026).", **RANGE)
@xw.arg("period", doc='"Q" calendar quarter (default), "M" month or "Y" year.', **CELL)
@xw.arg("min_n", doc=f"Periods with fewer answers are flagged and their changes not tested; default {SMALL_GROUP}.", **CELL)
@shows_errors
def nps_trend(scores, dates, period="Q", min_n=SMALL_GROUP):
    """Table per period: n, NPS, 95% interval, change vs the previous period, its significance, a note on small periods."""
    s = cells.scores(scores)
    days, g = cells.dates(dates, "dates")
    cells.same_size(s.grid, g, "scores", "dates")
    for index, present in enumerate(s.present):
        if present and days[index] is None:
            raise XlNpsError(f"{g.where(index, 'dates')} is empty but the answer has a score; give every score a date")
    keep = [i for i, present in enumerate(s.present) if present]
    minimum = cells.number(min_n, "min_n", default=SMALL_GROUP)
    rows = period_metrics.trend(s.values[keep], [days[i] for i in keep], cells.text(period, "period", "Q"),
                                min_n=minimum)
    if not rows:
        raise XlNpsError("the range holds no scores")
    table = [["Period", "n", "NPS", "CI low", "CI high", "Change", "Significant?", "Note"]]
    for row in rows:
        change = "" if row.change is None else row.change.difference
        if row.change is None:
            significant = ""
        else:
            significant = row.change.significant if row.change.test is not None else row.change.reason
        note = f"only {row.counts.n:g} of the {minimum:g} answers needed to judge" if row.small else ""
        table.append([row.period, row.counts.n, row.nps, row.interval.low, row.interval.high, change, significant, note])
    return table


@xw.func(category=CATEGORY)
@xw.arg("industry", doc="Industry name, e.g. \"banking\"; leave empty for the whole table.", **CELL)
@shows_errors
def nps_benchmark(industry=None):
    """Published NPS of an industry, to compare against; with no industry, the table with sources."""
    if industry is None or cells.is_blank(cells.scalar(industry)):
        return [["Industry", "NPS", "Year", "What was measured", "Source", "Address"]] + [
            [b.industry, b.nps, int(b.year) if b.year.isdigit() else b.year, b.measured, b.source, b.url]
            for b in benchmarks.benchmarks()]
    return benchmarks.benchmark(cells.text(industry, "industry", "")).nps


@xw.func(category=CATEGORY)
@xw.arg("nps_value", doc="An NPS between -100 and 100.", **CELL)
@shows_errors
def nps_rating(nps_value):
    """Plain-words band: negative (<0), positive (0-29), good (30-49), excellent (50-69), world class (70+)."""
    return benchmarks.rating(cells.number(nps_value, "NPS"))


@xw.func(category=CATEGORY)
@xw.arg("group", doc="Group of organisations, e.g. \"all organisations (Hive HR; Q3 2024)\"; empty for the table.", **CELL)
@shows_errors
def enps_benchmark(group=None):
    """Published employee NPS (eNPS) of a group of organisations; with no group, the table with sources."""
    if group is None or cells.is_blank(cells.scalar(group)):
        return [["Group", "eNPS", "Year", "Measured", "Source", "Address", "Note"]] + [
            [b.group, b.enps, b.year, b.measured, b.source, b.url, b.note] for b in enps.enps_benchmarks()]
    return enps.enps_benchmark(cells.text(group, "group", "")).enps


@xw.func(category=CATEGORY)
@xw.arg("enps_value", doc="An employee NPS (eNPS) between -100 and 100.", **CELL)
@shows_errors
def enps_rating(enps_value):
    """Plain-words band of an eNPS: negative (<0), low (0-9), good (10-29), very good (30-49), excellent (50+)."""
    return enps.enps_rating(cells.number(enps_value, "eNPS"))


# ---------------------------------------------------------------- customers

def _id_form(at_start, at_end) -> bool:
    """Two ranges of customer IDs rather than two counts."""
    return len(cells.grid(at_start)) > 1 or len(cells.grid(at_end)) > 1


@xw.func(category=CATEGORY)
@xw.arg("at_start", doc="Customers at the start of the period, or a range of their IDs.", **RANGE)
@xw.arg("at_end", doc="Customers at the end of the period, or a range of their IDs.", **RANGE)
@xw.arg("new_customers", doc="New customers won during the period; default 0.", **CELL)
@shows_errors
def churn(at_start, at_end, new_customers=0):
    """Churn rate = (start + new - end) / start; with two ID ranges, the share of start IDs gone at the end."""
    if _id_form(at_start, at_end):
        return customer_metrics.churn_from_ids(cells.ids(at_start, "at_start"), cells.ids(at_end, "at_end"))
    return customer_metrics.churn(
        cells.number(at_start, "customers at start"), cells.number(at_end, "customers at end"),
        cells.number(new_customers, "new customers", default=0.0),
    )


@xw.func(category=CATEGORY)
@xw.arg("at_start", doc="Customers at the start of the period, or a range of their IDs.", **RANGE)
@xw.arg("at_end", doc="Customers at the end of the period, or a range of their IDs.", **RANGE)
@xw.arg("new_customers", doc="New customers won during the period; default 0.", **CELL)
@shows_errors
def retention(at_start, at_end, new_customers=0):
    """Retention rate CRR = (end - new) / start; with two ID ranges, the share of start IDs still there."""
    if _id_form(at_start, at_end):
        return customer_metrics.retention_from_ids(cells.ids(at_start, "at_start"), cells.ids(at_end, "at_end"))
    return customer_metrics.retention(
        cells.number(at_start, "customers at start"), cells.number(at_end, "customers at end"),
        cells.number(new_customers, "new customers", default=0.0),
    )


@xw.func(category=CATEGORY)
@xw.arg("periodic_rate", doc="Churn rate of one period, e.g. a month.", **CELL)
@xw.arg("periods", doc="Periods in a year; default 12 (months).", **CELL)
@shows_errors
def churn_annual(periodic_rate, periods=12):
    """Annual churn from a periodic rate: 1 - (1 - r)^periods."""
    return customer_metrics.churn_annual(
        cells.number(periodic_rate, "periodic churn rate"), cells.number(periods, "periods", default=12.0)
    )


@xw.func(category=CATEGORY)
@xw.arg("annual_rate", doc="Churn rate of a year.", **CELL)
@xw.arg("periods", doc="Periods in a year; default 12 (months).", **CELL)
@shows_errors
def churn_periodic(annual_rate, periods=12):
    """Periodic churn from an annual rate: 1 - (1 - annual)^(1/periods)."""
    return customer_metrics.churn_periodic(
        cells.number(annual_rate, "annual churn rate"), cells.number(periods, "periods", default=12.0)
    )


@xw.func(category=CATEGORY)
@xw.arg("customer_ids", doc="Range with one customer ID per purchase, or the number of repeat customers.", **RANGE)
@xw.arg("customers", doc="Only with a number first: all customers.", **CELL)
@shows_errors
def repeat_rate(customer_ids, customers=None):
    """Repeat purchase rate = customers with more than one purchase / all customers."""
    if customers is not None and not cells.is_blank(cells.scalar(customers)):
        return customer_metrics.repeat_rate_from_counts(
            cells.number(customer_ids, "repeat customers"), cells.number(customers, "all customers")
        )
    return customer_metrics.repeat_rate(cells.ids(customer_ids, "customer IDs"))


@xw.func(category=CATEGORY)
@xw.arg("lifespan", doc="Customer lifespan, e.g. in years; or LIFETIME(...) of a cohort counted by year.", **CELL)
@xw.arg("avg_purchase_value", doc="Average value of one purchase.", **CELL)
@xw.arg("purchase_frequency", doc="Purchases per customer per year (per period of the lifespan).", **CELL)
@xw.arg("margin", doc="Optional gross margin as a fraction; default 1.", **CELL)
@shows_errors
def clv(lifespan, avg_purchase_value, purchase_frequency, margin=1.0):
    """Customer lifetime value = lifespan x average purchase value x purchase frequency (x margin)."""
    return customer_metrics.clv(
        cells.number(lifespan, "lifespan"), cells.number(avg_purchase_value, "average purchase value"),
        cells.number(purchase_frequency, "purchase frequency"), cells.number(margin, "margin", default=1.0),
    )


def _cohort(value) -> list[float]:
    """The customers still active at period 0, 1, 2, ... from a column or row; blank cells after the
    last count are skipped (a range selected longer than the data), a blank between counts is named."""
    values, present, g = cells.numbers(value, "active_by_period")
    filled = present.nonzero()[0]
    if filled.size == 0:
        raise XlNpsError("the range holds no counts of customers still active")
    gaps = (~present[: filled[-1] + 1]).nonzero()[0]
    if gaps.size:
        raise XlNpsError(f"{g.where(int(gaps[0]), 'active_by_period')} is empty between counts; "
                         "give the customers still active in every period")
    cohort = [float(v) for v in values[: filled[-1] + 1]]
    retention_model.check_cohort(cohort, lambda i: f"{g.where(i, 'active_by_period')} (period {i})")
    return cohort


@xw.func(category=CATEGORY)
@xw.arg("active_by_period", doc="Customers of one cohort still active at period 0, 1, 2, ... (a column; counts or shares).", **RANGE)
@shows_errors
def retention_fit(active_by_period):
    """Shifted-beta-geometric retention model (Fader & Hardie 2007): alpha, beta, log-likelihood."""
    model = retention_model.fit(_cohort(active_by_period))
    note = ""
    if model.constant_churn is not None:
        note = ("the retention rate does not rise: the best fit is a constant churn rate "
                "(alpha and beta without limit)")
    elif model.at_limit:
        note = "alpha or beta reached the edge of the search (e^-12 or e^12): read with care"
    unlimited = model.constant_churn is not None
    return [
        ["Measure", "Value"],
        ["alpha", "no limit" if unlimited else model.alpha],
        ["beta", "no limit" if unlimited else model.beta],
        ["log-likelihood", model.log_likelihood],
        ["average churn per period", model.mean_churn],
        ["periods fitted", model.periods],
        ["note", note],
    ]


@xw.func(category=CATEGORY)
@xw.arg("active_by_period", doc="Customers of one cohort still active at period 0, 1, 2, ... (a column).", **RANGE)
@xw.arg("periods_ahead", doc="How many periods after the last count to project.", **CELL)
@shows_errors
def retention_forecast(active_by_period, periods_ahead):
    """Projected retention rate and customers still active for each coming period (sBG model)."""
    rows = retention_model.forecast(_cohort(active_by_period), cells.number(periods_ahead, "periods ahead"))
    return [["Period", "Retention rate", "Customers still active"]] + [
        [r.period, r.retention_rate, r.survivors] for r in rows]


@xw.func(category=CATEGORY)
@xw.arg("active_by_period", doc="Customers of one cohort still active at period 0, 1, 2, ... (a column).", **RANGE)
@xw.arg("discount", doc="Optional discount rate per period, e.g. 10% a year; default 0 (none).", **CELL)
@shows_errors
def lifetime(active_by_period, discount=0.0):
    """Expected (discounted) customer lifetime in periods from the sBG model; use it as CLV's lifespan."""
    return retention_model.lifetime(_cohort(active_by_period), cells.number(discount, "discount rate", default=0.0))


# ---------------------------------------------------------------- loyalty, effort, satisfaction

def _answers(value, metric: str):
    values, present, g = cells.numbers(value, f"{metric} answers")
    if not present.any():
        raise XlNpsError(f"the range holds no {metric} answers")
    return values[present]


@xw.func(category=CATEGORY)
@xw.arg("scores", doc="Range of effort answers; blank cells are skipped.", **RANGE)
@xw.arg("scale", doc="Highest answer of the scale: 7 (default) or 5.", **CELL)
@xw.arg("method", doc='"mean" (default) or "agree" (share of answers 5-7 on the 7-point scale).', **CELL)
@shows_errors
def ces(scores, scale=7, method="mean"):
    """Customer Effort Score: mean answer, or the share of answers 5-7 with method "agree"."""
    return loyalty.ces(
        _answers(scores, "CES"), cells.number(scale, "scale", default=7.0), cells.text(method, "method", "mean")
    )


@xw.func(category=CATEGORY)
@xw.arg("scores", doc="Range of satisfaction answers; blank cells are skipped.", **RANGE)
@xw.arg("scale", doc="Highest answer of the scale: 5 (default), 7 or 10.", **CELL)
@shows_errors
def csat(scores, scale=5):
    """CSAT: share of the top two answers (4-5 on a 1-5 scale)."""
    return loyalty.csat(_answers(scores, "CSAT"), cells.number(scale, "scale", default=5.0))


@xw.func(category=CATEGORY)
@xw.arg("members", doc="Loyalty-programme members.", **CELL)
@xw.arg("customers", doc="All customers.", **CELL)
@shows_errors
def participation(members, customers):
    """Participation rate = programme members / all customers."""
    return loyalty.participation(cells.number(members, "programme members"), cells.number(customers, "customers"))


@xw.func(category=CATEGORY)
@xw.arg("redeemed", doc="Points (or rewards) redeemed.", **CELL)
@xw.arg("issued", doc="Points (or rewards) issued.", **CELL)
@shows_errors
def redemption(redeemed, issued):
    """Redemption rate = points redeemed / points issued."""
    return loyalty.redemption(cells.number(redeemed, "points redeemed"), cells.number(issued, "points issued"))


@xw.func(category=CATEGORY)
@xw.arg("responses", doc="Survey responses received.", **CELL)
@xw.arg("invited", doc="People invited to the survey.", **CELL)
@shows_errors
def response_rate(responses, invited):
    """Response rate = responses / people invited."""
    return loyalty.response_rate(cells.number(responses, "responses"), cells.number(invited, "people invited"))


# ---------------------------------------------------------------- comments

def _answered_comments(comments, scores):
    """Comments and scores of the rows that have a score (a comment without a score is left out)."""
    s = cells.scores(scores)
    said, g = cells.texts(comments, "comments")
    cells.same_size(g, s.grid, "comments", "scores")
    keep = [i for i, present in enumerate(s.present) if present]
    if not keep:
        raise XlNpsError("the range holds no scores")
    return [said[i] for i in keep], s.values[keep]


def _top(value, default: int) -> int:
    n = cells.number(value, "top_n", default=default)
    if n < 1 or n != int(n):
        raise XlNpsError(f"top_n must be a whole number of 1 or more; got {n:g}")
    return int(n)


@xw.func(category=CATEGORY)
@xw.arg("comments", doc="Range of comments (\"why did you give that score?\").", **RANGE)
@xw.arg("scores", doc="Range of 0-10 answers, same size as comments.", **RANGE)
@xw.arg("top_n", doc="How many themes; default 10.", **CELL)
@xw.arg("language", doc='"auto" (default: per comment) or en, ru, fr, de, es, zh, ja.', **CELL)
@shows_errors
def nps_themes(comments, scores, top_n=10, language="auto"):
    """Themes of the comments: mentions by category, NPS of those who mention it, the phrases and a typical comment; what drags NPS down first."""
    said, answered = _answered_comments(comments, scores)
    found = text_themes.themes(said, answered, _top(top_n, 10), cells.text(language, "language", "auto"))
    table = [["Theme", "Detractors", "Passives", "Promoters", "NPS of those who mention it",
              "Difference from overall NPS", "Impact on NPS", "As in", "Example"]]
    table += [[t.theme, t.detractors, t.passives, t.promoters, t.nps, t.gap, t.impact, t.as_in, t.example]
              for t in found]
    if len(table) == 1:
        table.append(["(no theme mentioned twice)", "", "", "", "", "", "", "", ""])
    return table


@xw.func(category=CATEGORY)
@xw.arg("comments", doc="Range of comments.", **RANGE)
@xw.arg("top_n", doc="How many keywords; default 20.", **CELL)
@xw.arg("language", doc='"auto" (default: per comment) or en, ru, fr, de, es, zh, ja.', **CELL)
@shows_errors
def nps_keywords(comments, top_n=20, language="auto"):
    """Most frequent themes: mentions, share of the comments, the phrases and a typical comment."""
    said, _ = cells.texts(comments, "comments")
    found = text_themes.keywords(said, _top(top_n, 20), cells.text(language, "language", "auto"))
    table = [["Keyword", "Mentions", "Share of comments", "As in", "Example"]]
    table += [[k.keyword, k.mentions, k.share, k.as_in, k.example] for k in found]
    if len(table) == 1:
        table.append(["(no comments)", "", "", "", ""])
    return table


@xw.func(category=CATEGORY)
@xw.arg("respondents", doc="Range of names, e-mails or companies.", **RANGE)
@xw.arg("scores", doc="Range of 0-10 answers, same size.", **RANGE)
@xw.arg("comments", doc="Range of comments, same size.", **RANGE)
@xw.arg("category", doc='"Detractor" (default), "Passive", "Promoter" or "all".', **CELL)
@shows_errors
def nps_followup(respondents, scores, comments, category="Detractor"):
    """Close-the-loop list: who to call, their score and what they said, worst first."""
    s = cells.scores(scores, check_scale=False)
    who, g_who = cells.texts(respondents, "respondents")
    said, g_said = cells.texts(comments, "comments")
    cells.same_size(g_who, s.grid, "respondents", "scores")
    cells.same_size(g_said, s.grid, "comments", "scores")
    keep = [i for i, present in enumerate(s.present) if present]
    calls = text_followup.followup([who[i] for i in keep], s.values[keep], [said[i] for i in keep],
                                   cells.text(category, "category", "Detractor"))
    table = [["Respondent", "Score", "Comment"]] + [[c.respondent, c.score, c.comment] for c in calls]
    if len(table) == 1:
        table.append(["(nobody in that category)", "", ""])
    return table
