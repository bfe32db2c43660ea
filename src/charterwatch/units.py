"""How a value reads with its unit: 351 seconds is "5 min 51 s", 0.94 is "94%".

Shared by the words of the status reasons and every output, so a figure never reads two ways.
"""

from __future__ import annotations

from typing import Any

from charterwatch.stats.rounding import round_half_up
from charterwatch.stats.symbols import Symbol

UNIT_WORDS = {
    "percent": "%",
    "working_days": "working days",
    "calendar_days": "days",
    "seconds": "seconds",
    "count": "",
    "people": "people",
    "gbp": "£",
    "rate": "",
    "evidence": "pieces of evidence",
}


def number(value: float, exact: bool = False) -> str:
    """Thousands separators; whole numbers without decimals; others to one decimal place,
    or with ``exact`` every decimal the value was entered with (a published figure: 12.25
    stays 12.25; up to 15 significant digits, the precision a YAML number keeps)."""
    if float(value).is_integer():
        return f"{int(value):,}"
    if exact:
        return f"{value:,.15g}"
    return f"{value:,.1f}"


def duration_seconds(seconds: float) -> str:
    """``351`` -> ``5 min 51 s``; under a minute -> ``16 seconds``."""
    whole = round_half_up(seconds)
    if whole < 60:
        return f"{whole} seconds"
    minutes, rest = divmod(whole, 60)
    return f"{minutes} min {rest:02d} s"


def value_text(
    value: float | None, unit: str, symbol: str = "", note: str = "", exact: bool = False
) -> str:
    """A figure as it is shown in a cell or sentence, or its symbol when withheld.

    ``exact`` shows the value as it was entered (a published figure, never re-rounded)."""
    if value is None:
        return symbol or note or Symbol.NOT_AVAILABLE.value
    shown = number(value, exact)
    if unit == "percent":
        return f"{shown}%"
    if unit == "seconds" and not exact:
        return duration_seconds(value)
    if unit == "gbp":
        return f"£{shown}"
    if unit in {"working_days", "calendar_days", "seconds"}:
        return f"{shown} {UNIT_WORDS[unit]}"
    if unit == "evidence":
        return f"{shown} {'piece' if value == 1 else 'pieces'} of evidence"
    return shown


def figure_text(row: Any) -> str:
    """A stored figure (or result row) in words: its value with its unit, or its symbol.

    A figure entered from a publication is shown exactly as entered (12.25% stays 12.25%):
    it is already public, and re-rounding would misquote its source."""
    published = bool(getattr(row, "provenance", {}).get("published_figure"))
    return value_text(row.value, row.unit, row.symbol, row.note, exact=published)
