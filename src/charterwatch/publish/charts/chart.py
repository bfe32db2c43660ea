"""The chart a page embeds: SVG markup with its title, text summary and data table.

A chart is never shown alone (DESIGN.md: "charts always with a table and a text summary"),
so the three travel together in one object, and the table's column headings and symbol
notes come with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from charterwatch.publish.charts.data import Point, symbols_used
from charterwatch.publish.charts.summary import symbol_meaning
from charterwatch.publish.i18n import Catalogue
from charterwatch.units import base_unit

TABLE_KEYS = ("label", "value", "base", "interval", "symbol")
"""The keys of every table row, in column order."""


@dataclass(frozen=True)
class Chart:
    """One chart, ready to embed.

    ``svg`` is inline markup (``role="img"``, named by its ``<title>`` and ``<desc>``);
    ``summary`` says in words everything the chart shows; ``table`` holds one dict per year or
    group with the keys in :data:`TABLE_KEYS` (all text, already formatted); ``columns`` pairs
    each key with its heading; ``notes`` explain the symbols the table uses.
    """

    svg: str
    summary: str
    table: list[dict[str, str]]
    title: str
    columns: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = field(default=())


def measure_unit(view: Any) -> str:
    """The unit of the measure as plain text (``percent``, ``working_days`` ...); money with
    the currency its figures were computed in (``money:EUR``)."""
    unit = view.measure.unit
    plain = str(getattr(unit, "value", unit))
    latest = getattr(view, "latest", None)
    if latest is not None and base_unit(latest.unit) == plain:
        return str(latest.unit)
    return plain


def columns(first_heading: str, catalogue: Catalogue) -> tuple[tuple[str, str], ...]:
    """The table's column headings: the label column, then figure, base, interval, symbol."""
    return (
        ("label", first_heading),
        ("value", catalogue("charts.table.value")),
        ("base", catalogue("charts.table.base")),
        ("interval", catalogue("charts.table.interval")),
        ("symbol", catalogue("charts.table.symbol")),
    )


def notes(table: list[dict[str, str]], catalogue: Catalogue) -> tuple[str, ...]:
    """One note per symbol the table uses, e.g. ``[c] means confidential: ...``."""
    return tuple(
        catalogue("charts.table.symbol_note", symbol=s, meaning=symbol_meaning(s, catalogue))
        for s in symbols_used(table)
    )


def has_interval(points: list[Point]) -> bool:
    return any(p.low is not None and p.high is not None for p in points)
