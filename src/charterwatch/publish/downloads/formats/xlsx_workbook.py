"""The accessible spreadsheet as XLSX, written with xlsxwriter.

Lays out the :class:`~charterwatch.publish.downloads.workbook.Workbook` model: the title in
A1 (bold, larger), lines under it in column A, then each table marked up as an Excel table
(``add_table``) with one header row. Numbers are written as numbers, symbols and text as
text, every table cell wraps and every column has a width. Text a spreadsheet would read as a
formula is escaped (:mod:`..escaping`), and only web addresses the framework allows
(:mod:`charterwatch.model.links`) become links. The document properties carry
the title, subject and author, and a creation date from the store, so the bytes repeat.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from charterwatch.model.links import is_web_link
from charterwatch.publish.downloads.context import DownloadContext
from charterwatch.publish.downloads.escaping import inert
from charterwatch.publish.downloads.layout import build_workbook
from charterwatch.publish.downloads.registry import DownloadFormat, register
from charterwatch.publish.downloads.workbook import Cell, Link, Sheet, Workbook

COVER_WIDTH = 100
"""Characters in column A of the cover, where its text wraps."""
MAX_URL = 2079
"""The longest web address Excel keeps as a link; longer ones are written as text."""


class _Formats:
    """The few cell formats the spreadsheet uses."""

    def __init__(self, book: Any) -> None:
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.heading = book.add_format({"bold": True, "font_size": 12})
        self.line = book.add_format({})
        self.cover = book.add_format({"text_wrap": True, "valign": "top"})
        self.header = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        self.cell = book.add_format({"text_wrap": True, "valign": "top"})
        right = {"align": "right"}
        self.header_number = book.add_format(
            {"bold": True, "text_wrap": True, "valign": "top", **right}
        )
        self.number = book.add_format({"text_wrap": True, "valign": "top", **right})
        self.link = book.add_format(
            {"text_wrap": True, "valign": "top", "font_color": "#1F4E79", "underline": 1}
        )


def write_xlsx(workbook: Workbook, path: Path) -> Path:
    """Write the workbook model to ``path`` as XLSX."""
    import xlsxwriter

    book = xlsxwriter.Workbook(
        str(path),
        {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
    )
    book.set_properties(
        {
            "title": workbook.title,
            "subject": workbook.subject,
            "author": workbook.author,
            "company": workbook.author,
            "created": workbook.created,
        }
    )
    formats = _Formats(book)
    for sheet in workbook.sheets:
        _write_sheet(book.add_worksheet(sheet.name), sheet, formats)
    book.close()
    return path


def _write_sheet(ws: Any, sheet: Sheet, f: _Formats) -> None:
    ws.write_string(0, 0, inert(sheet.title), f.title)
    table = sheet.table
    for row, line in enumerate(sheet.lines, start=1):
        style = f.heading if line.style == "heading" else (f.line if table else f.cover)
        _write_cell(ws, row, 0, line.value, style, f)
    if table is None:
        ws.set_column(0, 0, COVER_WIDTH, f.cover)
        return
    top = sheet.header_row
    numeric = table.numeric()
    for col, width in enumerate(table.widths()):
        ws.set_column(col, col, width)
    for r, cells in enumerate(table.rows, start=top + 1):
        for c, value in enumerate(cells):
            _write_cell(ws, r, c, value, f.number if numeric[c] else f.cell, f)
    ws.add_table(
        top,
        0,
        top + len(table.rows),
        len(table.headers) - 1,
        {
            "name": table.name,
            "style": "Table Style Light 1",
            "columns": [
                {"header": inert(h), "header_format": f.header_number if n else f.header}
                for h, n in zip(table.headers, numeric, strict=True)
            ],
        },
    )


def _write_cell(ws: Any, row: int, col: int, value: Cell, style: Any, f: _Formats) -> None:
    if isinstance(value, Link):
        if value.sheet:
            target = f"internal:'{value.sheet}'!A1"
            ws.write_url(row, col, target, f.link, string=inert(value.text))
        elif value.url and len(value.url) <= MAX_URL and is_web_link(value.url):
            ws.write_url(row, col, value.url, f.link, string=inert(value.text))
        else:
            ws.write_string(row, col, inert(value.text), style)
    elif isinstance(value, bool | int | float):
        ws.write_number(row, col, value, style)
    elif value is None:
        ws.write_blank(row, col, None, style)
    else:
        ws.write_string(row, col, inert(value), style)


@register
class XlsxFormat(DownloadFormat):
    """The accessible spreadsheet in Excel format."""

    name = "xlsx"
    pattern = "charterwatch-<year>.xlsx"
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    description_key = "downloads.formats.xlsx"
    order = 30

    def build(self, ctx: DownloadContext) -> list[Path]:
        return [write_xlsx(build_workbook(ctx), ctx.out_dir / ctx.file_name(".xlsx"))]
