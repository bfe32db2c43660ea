"""Text made inert for spreadsheets: the one rule against formula injection in downloads.

Framework text (titles, group names, notes, actions) reaches the CSV, XLSX and ODS files
verbatim, and a spreadsheet treats a cell starting with ``=``, ``+``, ``-`` or ``@`` (or a
tab or carriage return) as a formula: ``=HYPERLINK(...)`` becomes a live link and
``-1+HYPERLINK(...)`` one too. The list is :data:`~charterwatch.sources.formulas.FORMULA_STARTS`,
shared with the guard that refuses formulas in extracts. Following OWASP's CSV-injection
guidance, a *text* cell that starts with one of those characters is written with a single
quote in front, which every spreadsheet shows as text. Numbers are never changed: a negative
number stays a number, and only text cells are escaped. Every download writer (CSV, XLSX,
ODS, and the console's ``results --format csv``) calls :func:`inert`; JSON and the Atom feed
are not spreadsheets and keep text as written.
"""

from __future__ import annotations

from typing import TypeVar

from charterwatch.sources.formulas import FORMULA_STARTS

QUOTE = "'"
"""What goes in front of such text: a spreadsheet shows the rest as plain text."""

V = TypeVar("V")


def starts_formula(text: str) -> bool:
    """True when ``text``, written as a cell, would be read as the start of a formula."""
    return text.startswith(FORMULA_STARTS)


def inert(value: V) -> V:
    """A cell's value made safe to open in a spreadsheet.

    Text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a single
    quote in front (``=SUM(A1)`` -> ``'=SUM(A1)``); every other value, numbers included
    (``-5`` stays the number -5), is returned unchanged.
    """
    if isinstance(value, str) and starts_formula(value):
        return QUOTE + value  # type: ignore[return-value]
    return value


def read_back(text: str) -> str:
    """The text a cell of a download was written from: :func:`inert` undone, for tools that
    read the CSV files back (``'=SUM(A1)`` -> ``=SUM(A1)``; other text is unchanged)."""
    if text.startswith(QUOTE) and starts_formula(text[len(QUOTE) :]):
        return text[len(QUOTE) :]
    return text
