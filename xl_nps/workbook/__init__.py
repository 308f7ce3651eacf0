"""The workbook layer: template, respondents reader, report model, writer, importer."""
