"""How a value reads with its unit: 351 seconds is "5 min 51 s", 0.94 is "94%", 81.47 pounds
is "£81.47", 3.6 hours is "3.6 hours".

Shared by the words of the status reasons and every output, so a figure never reads two ways.

Money carries its currency in the unit a figure is stored with: a measure in ``money`` is
computed into rows whose unit is ``money:EUR`` (the measure's ``currency``, else the
project's, else GBP; see :func:`resolved_unit`), so every output that words the figure knows
its currency without looking the measure up. ``gbp`` is money in pounds.
"""

from __future__ import annotations

from typing import Any

from charterwatch.stats.rounding import round_decimals, round_half_up
from charterwatch.stats.symbols import Symbol

UNIT_WORDS = {
    "percent": "%",
    "working_days": "working days",
    "calendar_days": "days",
    "hours": "hours",
    "minutes": "minutes",
    "seconds": "seconds",
    "count": "",
    "people": "people",
    "gbp": "£",
    "money": "",
    "rate": "",
    "per_1000": "per 1,000",
    "evidence": "pieces of evidence",
}

DEFAULT_CURRENCY = "GBP"
MONEY = "money"
MONEY_PREFIX = f"{MONEY}:"
CURRENCY_SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}
"""Currencies written with a symbol before the figure; any other reads "81.47 NOK"."""
PENCE = 2
"""Decimal places of money: to the penny (or cent)."""
VALUE_DECIMALS = 1
"""Decimal places of published medians, means, quartiles, rates, hours and days."""


def resolved_unit(unit: str, currency: str | None = None) -> str:
    """The unit a measure's figures are stored with: ``money`` becomes ``money:<code>``
    (``currency``, else GBP); every other unit is itself."""
    if unit == MONEY:
        return f"{MONEY_PREFIX}{(currency or DEFAULT_CURRENCY).upper()}"
    return unit


def currency_of(unit: str) -> str | None:
    """The ISO 4217 code of a money unit (``gbp`` is GBP; a bare ``money`` is GBP), else None."""
    if unit == "gbp" or unit == MONEY:
        return DEFAULT_CURRENCY
    if unit.startswith(MONEY_PREFIX):
        return unit[len(MONEY_PREFIX) :]
    return None


def base_unit(unit: str) -> str:
    """The unit without its currency: ``money:EUR`` -> ``money``."""
    return MONEY if unit.startswith(MONEY_PREFIX) else unit


def decimals_of(unit: str) -> int:
    """Decimal places a published value in ``unit`` keeps: money to the penny, others one."""
    return PENCE if currency_of(unit) is not None else VALUE_DECIMALS


def published_value(value: float, unit: str) -> float:
    """A computed value rounded (half up, in decimal) as it is published in ``unit``."""
    return round_decimals(value, decimals_of(unit))


def number(value: float, exact: bool = False) -> str:
    """Thousands separators; whole numbers without decimals; others to one decimal place,
    or with ``exact`` every decimal the value was entered with (a published figure: 12.25
    stays 12.25; up to 15 significant digits, the precision a YAML number keeps)."""
    if float(value).is_integer():
        return f"{int(value):,}"
    if exact:
        return f"{value:,.15g}"
    return f"{value:,.1f}"


def money(value: float, currency: str = DEFAULT_CURRENCY, whole: bool = False) -> str:
    """``81.47`` -> ``£81.47``; ``1234567`` -> ``£1,234,567.00``; ``-5`` -> ``-£5.00``;
    a currency without a symbol here reads ``81.47 NOK``. ``whole`` leaves out the pennies
    of a whole amount entered from a publication (``£163,600,000`` as it was published)."""
    places = 0 if whole else PENCE
    amount = f"{abs(round_decimals(value, places)):,.{places}f}"
    sign = "-" if value < 0 and amount.strip("0.,") else ""
    symbol = CURRENCY_SYMBOLS.get(currency)
    if symbol is None:
        return f"{sign}{amount} {currency}"
    return f"{sign}{symbol}{amount}"


def duration_seconds(seconds: float) -> str:
    """``351`` -> ``5 min 51 s``; under a minute -> ``16 seconds``."""
    whole = round_half_up(seconds)
    if whole < 60:
        return f"{whole} seconds"
    minutes, rest = divmod(whole, 60)
    return f"{minutes} min {rest:02d} s"


def _counted(value: float, one: str, many: str, exact: bool = False) -> str:
    """``1 hour``, ``3.6 hours``, ``12 days``: the word agrees with the number shown."""
    shown = number(value, exact)
    return f"{shown} {one if shown == '1' else many}"


_COUNTED = {
    "working_days": ("working day", "working days"),
    "calendar_days": ("day", "days"),
    "hours": ("hour", "hours"),
    "minutes": ("minute", "minutes"),
    "seconds": ("second", "seconds"),
    "evidence": ("piece of evidence", "pieces of evidence"),
}


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
    currency = currency_of(unit)
    if currency is not None:
        return money(value, currency, whole=exact and float(value).is_integer())
    if unit in _COUNTED:
        return _counted(value, *_COUNTED[unit], exact=exact)
    if unit == "per_1000":
        return f"{shown} per 1,000"
    return shown


def figure_text(row: Any) -> str:
    """A stored figure (or result row) in words: its value with its unit, or its symbol.

    A figure entered from a publication is shown exactly as entered (12.25% stays 12.25%):
    it is already public, and re-rounding would misquote its source."""
    published = bool(getattr(row, "provenance", {}).get("published_figure"))
    return value_text(row.value, row.unit, row.symbol, row.note, exact=published)
