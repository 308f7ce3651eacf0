"""Names and positions the template, the reader, the importer and the refresh agree on."""

from __future__ import annotations

from xl_nps.rules import DETRACTOR, PASSIVE, PASSIVE_FROM, PROMOTER, PROMOTER_FROM

RESPONDENTS_SHEET = "Respondents"
RESPONDENTS_TABLE = "Respondents"
CUSTOMERS_SHEET = "Customers"
CUSTOMERS_TABLE = "Customers"
SUMMARY_SHEET = "Summary"
LOYALTY_SHEET = "Loyalty"
START_SHEET = "Start here"

# Respondents columns, in template order. Keys are what the code uses; values the headers.
DATE, RESPONDENT, COMPANY, SEGMENT, SCORE, CATEGORY, COMMENT, OWNER, STATUS = (
    "Date", "Respondent", "Company", "Segment", "Score", "Category", "Comment", "Owner", "Follow-up status",
)
RESPONDENT_COLUMNS = (DATE, RESPONDENT, COMPANY, SEGMENT, SCORE, CATEGORY, COMMENT, OWNER, STATUS)
REQUIRED_COLUMNS = (DATE, SCORE)

# An employee (eNPS) workbook's Respondents columns: no names, companies, owners or follow-up.
# A Respondents sheet with a group column and neither a Respondent nor a Company column is an
# employee survey, and its report follows the anonymity rule (metrics.anonymity).
DEPARTMENT, TEAM, TENURE = "Department", "Team", "Tenure"
GROUP_COLUMNS = (DEPARTMENT, TEAM, TENURE)
EMPLOYEE_COLUMNS = (DATE, DEPARTMENT, TEAM, TENURE, SCORE, CATEGORY, COMMENT)
IDENTITY_COLUMNS = (RESPONDENT, COMPANY)


def is_employee_header(header) -> bool:
    """Whether a Respondents header row is an employee survey's (see EMPLOYEE_COLUMNS)."""
    names = {" ".join(str(h).split()).casefold() for h in header if h is not None}
    return (any(g.casefold() in names for g in GROUP_COLUMNS)
            and not any(i.casefold() in names for i in IDENTITY_COLUMNS))


CUSTOMER_COLUMNS = ("Period", "Customers at start", "New customers", "Customers at end", "Churn", "Retention")
# Optional amounts per quarter on the Customers sheet, for the revenue-up, loyalty-down warning.
REVENUE, PROFIT = "Revenue", "Profit"
AMOUNT_COLUMNS = (REVENUE, PROFIT)

# Settings the refresh reads from the Start here sheet: a label in column A, its value in B.
MIN_GROUP_SETTING = "Smallest group shown (answers)"

# The report's setting on the Summary sheet (the refresh also looks for it on Start here): the
# label in column A, the number beside it in column B. Cell in the template:
MIN_ANSWERS_LABEL = "Report: fewest answers to judge a quarter"
MIN_ANSWERS_CELL = (13, 1)  # row, column (1-based) of the label on the Summary sheet

# Sheets the refresh writes besides one per quarter.
PERIODS_SHEET = "Periods"
PROBLEMS_SHEET = "Problems"
COMMENTS_SHEET = "Comments"



def category_of(cell: str) -> str:
    """The native Excel expression (no leading "=") that names the NPS category of a score cell."""
    return (f'IF({cell}="","",IF({cell}>={PROMOTER_FROM},"{PROMOTER}",'
            f'IF({cell}>={PASSIVE_FROM},"{PASSIVE}","{DETRACTOR}")))')


def category_formula(row: int, score_column: str = "E") -> str:
    """The native Excel formula of the Category column for one row."""
    return "=" + category_of(f"{score_column}{row}")
