"""Writing bytes: report sheets as XML (sheet_xml); the part patcher that moves them into the
user's file (parts), with the parsed-XML editing it shares with the import's row appender
(xml_edit, package, workbook_part, styles, append); a Strict Open XML workbook converted once
(normalise); atomic saving (atomic); the xlwings writer for an open book (open_book).

May import report/ (model and placement) and xl_nps.values; never read/ orchestration."""
