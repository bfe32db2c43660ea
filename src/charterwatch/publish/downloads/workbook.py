"""The accessible spreadsheet, described once and written as XLSX and ODS alike.

The layout follows the Analysis Function guidance "Releasing statistics in spreadsheets":
a Cover sheet, a Contents sheet, a Notes sheet, then one table per sheet. Every sheet has
its title in cell A1 and a line saying how many tables it holds and where the notes are;
a table has one header row, no merged cells and no blank rows or columns, units in its
headers, numbers as numbers and shorthand symbols (``[c]``) as text. :mod:`.layout` fills
this model; the writers in :mod:`.formats.xlsx_workbook` and :mod:`.formats.ods_workbook`
lay it out.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

from charterwatch.stats.symbols import is_symbol


@dataclass(frozen=True)
class Link:
    """Cell text that links to another sheet of the workbook or to a web address."""

    text: str
    sheet: str | None = None
    url: str | None = None


Cell = str | int | float | Link | None


@dataclass(frozen=True)
class Line:
    """A line of text in column A above a table (or on the cover): a heading or plain text."""

    value: Cell
    style: Literal["heading", "text"] = "text"


@dataclass
class Table:
    """One table: a name (no spaces), one header row and rows of cells."""

    name: str
    headers: list[str]
    rows: list[list[Cell]]

    def numeric(self) -> list[bool]:
        """Which columns hold numbers (and symbols standing in for them): right-aligned."""
        out = []
        for i in range(len(self.headers)):
            cells = [row[i] for row in self.rows]
            numbers = [c for c in cells if isinstance(c, int | float) and not isinstance(c, bool)]
            others = [c for c in cells if not isinstance(c, int | float)]
            out.append(bool(numbers) and all(isinstance(c, str) and is_symbol(c) for c in others))
        return out

    def widths(self) -> list[float]:
        """Column widths in characters: wide enough for most text, wrapped beyond 50."""
        out = []
        for i, header in enumerate(self.headers):
            longest = max((len(_text(row[i])) for row in self.rows), default=0)
            out.append(float(min(max(min(len(header), 24), longest, 8) + 2, 52)))
        return out


@dataclass
class Sheet:
    """One worksheet: its name, the title in A1, lines under it, then at most one table."""

    name: str
    title: str
    lines: list[Line] = field(default_factory=list)
    table: Table | None = None

    @property
    def header_row(self) -> int:
        """The 0-based row of the table's header: straight after the title and lines."""
        return 1 + len(self.lines)


@dataclass
class Workbook:
    """The whole spreadsheet, with the document properties both formats carry."""

    title: str
    subject: str
    author: str
    language: str
    created: dt.datetime
    sheets: list[Sheet]

    def sheet(self, name: str) -> Sheet:
        return next(s for s in self.sheets if s.name == name)


def sheet_name(text: str, taken: set[str]) -> str:
    """A worksheet name from ``text``: letters, digits and underscores, at most 31 characters.

    Spaces become underscores and other characters are dropped, so the name needs no quoting
    in references; a number is added if the name is already ``taken`` (case-insensitively).
    """
    base = re.sub(r"_+", "_", re.sub(r"[^A-Za-z0-9_]", "", text.replace(" ", "_"))).strip("_")
    base = (base or "Table")[:31]
    name, n = base, 2
    lowered = {s.lower() for s in taken}
    while name.lower() in lowered:
        suffix = f"_{n}"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    return name


def table_name(sheet: str) -> str:
    """The name of a sheet's table (XLSX table, ODS database range): ``<sheet>_table``.

    A table name must start with a letter, so a sheet name that does not gets ``Table_``.
    """
    name = f"{sheet}_table"
    return name if name[0].isalpha() else f"Table_{name}"


def _text(cell: Cell) -> str:
    if isinstance(cell, Link):
        return cell.text
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)
