"""Reading XLSX workbooks (Excel): the first sheet, or a named one, via python-calamine."""

from __future__ import annotations

from charterwatch.sources.readers.spreadsheet import SpreadsheetReader


class XlsxReader(SpreadsheetReader):
    """An Excel workbook; formulas are read as their last calculated values."""

    name = "xlsx"
    extensions = (".xlsx",)
    description = (
        "An Excel workbook: the first sheet, or the sheet named after '#' in the path "
        "(data/cases.xlsx#Applications). Formulas are read as their saved values."
    )
    format_label = "an XLSX workbook"
    save_hint = "save it again as 'Excel Workbook (.xlsx)'"
