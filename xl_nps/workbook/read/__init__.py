"""Reading: safety checks, the sheet reader, survey exports, the Respondents and Customers sheets.

May import xl_nps.metrics, xl_nps.values, xl_nps.rules and workbook.names; never report/ or write/."""
