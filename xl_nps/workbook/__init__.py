"""The workbook layer: files in, the report decided, bytes out.

Folders follow the data; imports point one way (read -> report -> write), and the modules at
this level put them together:

* ``read/``   what comes in: file safety checks, the sheet reader, survey exports, the
  Respondents and Customers sheets. Imports metrics/values/rules, never report or write.
* ``report/`` what the report says (plain data, no files) and where each block goes on a
  sheet. Imports metrics/text/values and read's data classes, never write.
* ``write/``  bytes: the report sheets as XML, the part patcher that moves them into the
  user's file, rows appended on import, atomic saving, the xlwings writer for an open book.
  Imports report's model and placement.
* ``setup/``  new workbooks: the template, Excel (Windows) and xlwings Lite set-up.
* ``names.py`` sheet and column names everything agrees on; ``refresh.py``, ``importer.py``
  and ``demo.py`` put the steps together for the command line.

Nothing here imports ``xl_nps.cells`` or ``xl_nps.udfs`` (the Excel face): cleaning values is
shared through ``xl_nps.values``.
"""
