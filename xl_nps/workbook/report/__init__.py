"""The report: what it says, as plain data (build, model), and where each block goes on a sheet
(placement). No files.

May import xl_nps.metrics, xl_nps.text, xl_nps.values and read/ data classes; never write/."""
