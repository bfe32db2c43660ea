"""How figures read in words and cells: units, symbols, bases and intervals.

One place decides that 351 seconds reads "5 min 51 s" and 0.94 reads "94%", so the site,
the downloads and the PDF never disagree about a figure.
"""

from __future__ import annotations

from typing import Any

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


def number(value: float) -> str:
    """Thousands separators; whole numbers without decimals; others to one decimal place."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


def duration_seconds(seconds: float) -> str:
    """``351`` -> ``5 min 51 s``; under a minute -> ``16 seconds``."""
    whole = round(seconds)
    if whole < 60:
        return f"{whole} seconds"
    minutes, rest = divmod(whole, 60)
    return f"{minutes} min {rest:02d} s"


def value_text(value: float | None, unit: str, symbol: str = "", note: str = "") -> str:
    """A figure as it is shown in a cell or sentence, or its symbol when withheld."""
    if value is None:
        return symbol or note or Symbol.NOT_AVAILABLE.value
    if unit == "percent":
        return f"{number(value)}%"
    if unit == "seconds":
        return duration_seconds(value)
    if unit == "gbp":
        return f"£{number(value)}"
    if unit in {"working_days", "calendar_days"}:
        return f"{number(value)} {UNIT_WORDS[unit]}"
    if unit == "evidence":
        return f"{number(value)} {'piece' if value == 1 else 'pieces'} of evidence"
    return number(value)


def interval_text(row: dict[str, Any]) -> str:
    """``93% to 95%`` for a row with an interval, else an empty string."""
    low, high = row.get("ci_low"), row.get("ci_high")
    if low is None or high is None:
        return ""
    return f"{value_text(low, row['unit'])} to {value_text(high, row['unit'])}"


def base_text(row: dict[str, Any]) -> str:
    """The base as published (already rounded by disclosure control), or an empty string."""
    base = row.get("base")
    return "" if base is None else number(base)
