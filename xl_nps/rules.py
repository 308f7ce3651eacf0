"""The rules xl-nps applies everywhere, each written once.

The Excel functions, the report and the command line all read them from here; nothing else
spells out a cut-off, a limit or a minimum.

Sources
-------
Categories: F. F. Reichheld, "The One Number You Need to Grow", Harvard Business Review
81(12), 2003: 9-10 promoters, 7-8 passives, 0-6 detractors.
Excel's limits: "Excel specifications and limits" (Microsoft Support): 32,767 characters in a
cell (counted in UTF-16 code units), dates from 1900-01-01 (serial 1) to 9999-12-31 (serial
2,958,465), 1,048,576 rows.
"""

from __future__ import annotations

import datetime as dt

# ---------------------------------------------------------------- the NPS question
LOWEST_SCORE = 0
HIGHEST_SCORE = 10
PROMOTER_FROM = 9  # 9-10 promoters
PASSIVE_FROM = 7  # 7-8 passives; 0-6 detractors
PROMOTER, PASSIVE, DETRACTOR = "Promoter", "Passive", "Detractor"
SCORE_RULE = "scores must be whole numbers 0-10"

# A range of at least this many answers that never leaves 1..5 or 1..7 is refused as NPS:
# it is a satisfaction (CSAT) or effort (CES) scale.
SMALL_SCALE_MIN_ANSWERS = 10

# ---------------------------------------------------------------- small samples: one policy
# A segment, group or period (quarter) with fewer answers is flagged "read with care": it keeps
# its NPS and interval, but a change involving it is not tested. Default of NPS_BY's and
# NPS_TREND's min_n and of the report's minimum (Start here sheet, xl-nps refresh --min-answers).
SMALL_GROUP = 30
# Two samples are tested against each other only when each has at least this many answers
# (default of NPS_TEST's min_n; the report and NPS_TREND never test below it either). A
# one-answer sample has a Wald variance of 0, so the test would lean on the other sample alone.
MIN_TEST_ANSWERS = 10
TOO_FEW = "too few answers"  # what a change shows instead of a p-value when it is not tested

# ---------------------------------------------------------------- anonymity (employee surveys)
# In an employee (eNPS) report a group with fewer answers than this is hidden everywhere, and
# further groups are hidden so that it cannot be worked out by subtraction
# (xl_nps.metrics.anonymity). Set on the Start here sheet or by xl-nps refresh --min-group.
MIN_GROUP = 5

# ---------------------------------------------------------------- Excel's file rules
EXCEL_EPOCH = dt.datetime(1899, 12, 30)  # day 0 of the 1900 date system (serial 1 = 1900-01-01)
# day 0 of the 1904 date system (workbookPr date1904; ECMA-376 Part 1, 18.17.4.1): 1462 days later
EXCEL_EPOCH_1904 = dt.datetime(1904, 1, 1)
MAX_SERIAL = 2_958_465  # 9999-12-31
EXCEL_CELL_LIMIT = 32_767  # characters in a cell, counted in UTF-16 code units
EXCEL_ROWS = 1_048_576
