"""The standard UK shorthand symbols that stand in a table cell instead of a number.

These follow the Government Statistical Service shorthand (as published, for example, at
https://stats.gov.wales/en-GB/shorthand). A symbol is written in square brackets in the cell
itself, so a screen reader announces it and a spreadsheet never mistakes it for a number.
Every table that uses a symbol must carry its meaning in a note (see :func:`symbol_key`).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Symbol(StrEnum):
    """One shorthand symbol; its value is the text written in the cell, e.g. ``"[c]"``."""

    CONFIDENTIAL = "[c]"
    NOT_AVAILABLE = "[x]"
    NOT_APPLICABLE = "[z]"
    LOW_RELIABILITY = "[u]"
    PROVISIONAL = "[p]"
    REVISED = "[r]"
    BREAK_IN_SERIES = "[b]"
    ROUNDS_TO_ZERO = "[k]"

    @property
    def meaning(self) -> str:
        """The plain-English meaning, for the notes under a table."""
        return _MEANINGS[self]

    @classmethod
    def parse(cls, text: str) -> Symbol:
        """Read a symbol from cell text such as ``"[c]"``, ``"c"`` or ``" [C] "``.

        Raises:
            ValueError: if the text is not one of the eight symbols.
        """
        cleaned = text.strip().lower()
        if not cleaned.startswith("["):
            cleaned = f"[{cleaned}]"
        for symbol in cls:
            if symbol.value == cleaned:
                return symbol
        known = ", ".join(symbol.value for symbol in cls)
        raise ValueError(f"{text!r} is not a shorthand symbol; expected one of {known}")


_MEANINGS: dict[Symbol, str] = {
    Symbol.CONFIDENTIAL: "confidential: withheld to protect the people in a small group",
    Symbol.NOT_AVAILABLE: "not available",
    Symbol.NOT_APPLICABLE: "not applicable",
    Symbol.LOW_RELIABILITY: "low reliability",
    Symbol.PROVISIONAL: "provisional: may be revised",
    Symbol.REVISED: "revised since it was first published",
    Symbol.BREAK_IN_SERIES: "break in series: not comparable with earlier figures",
    Symbol.ROUNDS_TO_ZERO: "low figure that rounds to zero",
}


def is_symbol(text: str) -> bool:
    """Whether ``text`` is exactly one of the symbols as written in a cell (``"[c]"``)."""
    return text in _BY_TEXT


_BY_TEXT: frozenset[str] = frozenset(symbol.value for symbol in Symbol)


def symbol_key(used: Iterable[Symbol] | None = None) -> tuple[str, ...]:
    """The note lines explaining symbols, e.g. ``"[c] = confidential: ..."``.

    ``used`` limits the key to the symbols a table actually contains; ``None`` gives all eight.
    Lines come in the fixed order of :class:`Symbol`, so the same table gives the same notes.
    """
    wanted = set(Symbol) if used is None else set(used)
    return tuple(f"{symbol.value} = {symbol.meaning}" for symbol in Symbol if symbol in wanted)
