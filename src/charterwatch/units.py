"""How a value reads with its unit: 351 seconds is "5 min 51 s", 0.94 is "94%".

Shared by the words of the status reasons and every output, so a figure never reads two ways.
"""

from __future__ import annotations

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


def number(value: float) -> str:
    """Thousands separators; whole numbers without decimals; others to one decimal place."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


def duration_seconds(seconds: float) -> str:
    """``351`` -> ``5 min 51 s``; under a minute -> ``16 seconds``."""
    whole = round_half_up(seconds)
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
