"""Reading ODS spreadsheets (OpenDocument, LibreOffice): the first or a named sheet."""

from __future__ import annotations

from charterwatch.sources.readers.spreadsheet import SpreadsheetReader


class OdsReader(SpreadsheetReader):
    """An OpenDocument spreadsheet, as saved by LibreOffice Calc and other office suites."""

    name = "ods"
    extensions = (".ods",)
    description = (
        "An OpenDocument spreadsheet (LibreOffice Calc): the first sheet, or the sheet named "
        "after '#' in the path."
    )
    format_label = "an ODS spreadsheet"
    save_hint = "save it again as 'ODF Spreadsheet (.ods)'"
