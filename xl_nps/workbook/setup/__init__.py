"""New workbooks: the template, the Windows Excel set-up and the xlwings Lite project.

May import write/ (atomic saving) and workbook.names."""
