"""What a chart draws, taken from a measure view: points per year or group, breaks, the table.

The chart, its text summary and its table are all built from these points, so the three
always agree. Years with no stored row between the first and latest are filled in as gaps
(``[x]``) rather than skipped, so the x axis never hides a missing year.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from charterwatch.dates.periods import FinancialYear
from charterwatch.publish.formatting import base_text, interval_text, value_text
from charterwatch.results.figure import Figure, year_label
from charterwatch.stats.symbols import Symbol

Row = Figure


@dataclass(frozen=True)
class Point:
    """One year (trend) or one group (breakdown): its figure, or why there is none."""

    label: str
    value: float | None
    unit: str
    shown: str
    symbol: str
    base: str
    interval: str
    low: float | None
    high: float | None
    synthetic: bool

    @property
    def missing(self) -> bool:
        return self.value is None

    @property
    def gap_label(self) -> str:
        """The short text drawn where a figure is missing: its symbol, else ``[x]``."""
        return self.symbol or Symbol.NOT_AVAILABLE.value


@dataclass(frozen=True)
class Break:
    """A break in series drawn between ``points[index - 1]`` and ``points[index]``."""

    index: int
    year: str
    reason: str


def point(label: str, row: Row | None, unit: str) -> Point:
    """The point for a stored row, or a not-available gap when there is no row."""
    if row is None:
        return Point(label, None, unit, Symbol.NOT_AVAILABLE.value, "", "", "", None, None, False)
    value = row.value
    unit = row.unit or unit
    symbol = row.symbol
    shown = value_text(value, unit, symbol, row.note, exact=row.published_figure)
    low, high = row.ci_low, row.ci_high
    if value is None or low is None or high is None:
        low = high = None
    return Point(
        label=label,
        value=None if value is None else float(value),
        unit=unit,
        shown=shown,
        symbol=symbol,
        base=base_text(row),
        interval="" if low is None else interval_text(row),
        low=None if low is None else float(low),
        high=None if high is None else float(high),
        synthetic=row.synthetic,
    )


def year_start(label: str) -> int | None:
    """``2023-24`` -> 2023; None for anything that is not a financial-year label."""
    try:
        return FinancialYear.parse(label).start_year
    except ValueError:
        return None


def trend_points(series: list[Row], unit: str) -> list[Point]:
    """One point per financial year from the first to the latest row, gaps filled in."""
    by_period: dict[str, Row] = {}
    for row in series:
        by_period[str(row.label)] = row
    periods = list(by_period)
    starts = [year_start(p) for p in periods]
    if periods and all(s is not None for s in starts):
        known = [s for s in starts if s is not None]
        periods = [year_label(s) for s in range(min(known), max(known) + 1)]
    return [point(p, by_period.get(p), unit) for p in periods]


def breakdown_points(rows: list[Row], unit: str) -> list[Point]:
    """One point per group, in the order given."""
    return [point(r.group, r, unit) for r in rows]


def _field(item: Any, name: str) -> str:
    """A field of a break, whether it is a model object or a plain mapping."""
    found = item.get(name) if isinstance(item, dict) else getattr(item, name, None)
    return "" if found is None else str(found).strip()


def series_breaks(points: list[Point], breaks: list[Any]) -> list[Break]:
    """The breaks that fall between two shown years (a break at the first year has no "before")."""
    labels = [p.label for p in points]
    found: list[Break] = []
    for item in breaks:
        year = _field(item, "year")
        taken = {b.index for b in found}
        if year in labels and labels.index(year) > 0 and labels.index(year) not in taken:
            found.append(Break(labels.index(year), year, _field(item, "reason")))
    return sorted(found, key=lambda b: b.index)


def runs(points: list[Point], breaks: list[Break]) -> list[list[int]]:
    """Indexes of points joined by one line: split at every gap and at every break."""
    cuts = {b.index for b in breaks}
    out: list[list[int]] = []
    current: list[int] = []
    for i, p in enumerate(points):
        if i in cuts and current:
            out.append(current)
            current = []
        if p.missing:
            if current:
                out.append(current)
            current = []
            continue
        current.append(i)
    if current:
        out.append(current)
    return out


def table_rows(points: list[Point], breaks: list[Break] | None = None) -> list[dict[str, str]]:
    """The data behind a chart: label, value text, base, interval and symbol for each point.

    The first year after a break in series carries ``[b]`` in its symbol column, as the
    Government Statistical Service shorthand asks.
    """
    after_break = {b.index for b in breaks or []}
    rows = []
    for i, p in enumerate(points):
        symbols = [p.symbol] if p.symbol else []
        if p.missing and not p.symbol:
            symbols.append(Symbol.NOT_AVAILABLE.value)
        if i in after_break and Symbol.BREAK_IN_SERIES.value not in symbols:
            symbols.append(Symbol.BREAK_IN_SERIES.value)
        rows.append(
            {
                "label": p.label,
                "value": p.shown,
                "base": p.base,
                "interval": p.interval,
                "symbol": " ".join(symbols),
            }
        )
    return rows


def symbols_used(rows: list[dict[str, str]]) -> list[str]:
    """The shorthand symbols a table uses, in the standard order, for its notes."""
    used = " ".join(r["symbol"] for r in rows)
    return [s.value for s in Symbol if s.value in used]
