"""Honest value axes: a range that starts at zero, round tick steps and tick labels.

Percentages run from 0 to 100 unless every figure is small (then from 0 to a round number
above the largest); every other unit also starts at 0, so a bar or line is never cut short
to make a change look bigger than it is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from charterwatch.publish.formatting import duration_seconds
from charterwatch.stats.rounding import round_decimals, round_half_up
from charterwatch.units import CURRENCY_SYMBOLS, currency_of

NICE_STEPS = (1.0, 2.0, 5.0, 10.0)
WHOLE_UNITS = frozenset({"count", "people", "evidence"})
"""Units counted in whole things: their axis never steps by a fraction."""
NARROW_PERCENT = 50.0
"""Percentages whose top (with intervals) is at most this get an axis shorter than 0-100."""


@dataclass(frozen=True)
class Axis:
    """A value axis: its range, where its ticks go and how they read."""

    low: float
    high: float
    ticks: tuple[float, ...]
    unit: str
    decimals: int

    def position(self, value: float, start: float, end: float) -> float:
        """Where ``value`` falls between the pixel positions ``start`` (low) and ``end`` (high)."""
        span = self.high - self.low or 1.0
        return start + (value - self.low) / span * (end - start)

    def label(self, value: float) -> str:
        """A tick label such as ``40%``, ``£1,200``, ``5 min 00 s`` or ``2.5``."""
        return tick_label(value, self.unit, self.decimals)


def nice_step(span: float, count: int = 5) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving about ``count`` intervals."""
    if span <= 0:
        return 1.0
    raw = span / count
    power = math.pow(10.0, math.floor(math.log10(raw)))
    for factor in NICE_STEPS:
        if raw <= factor * power * (1 + 1e-9):
            return factor * power
    return 10 * power  # pragma: no cover - the loop always returns


def value_axis(values: list[float], unit: str, count: int = 5) -> Axis:
    """The axis for figures in ``unit``: from 0 (or below, for negatives) to a round top."""
    top = max([0.0, *values])
    bottom = min([0.0, *values])
    if unit == "percent" and top > NARROW_PERCENT and bottom >= 0:
        step = 20.0
        high = max(100.0, math.ceil(top / step) * step)
        low = 0.0
    else:
        if top - bottom < 1e-9:  # all zero (or too small to draw): a 0 to 1 axis
            top = bottom + 1.0
        if unit == "seconds" and top - bottom >= 120:
            step = nice_step((top - bottom) / 60, count) * 60
        else:
            step = nice_step(top - bottom, count)
        if unit in WHOLE_UNITS:
            step = max(step, 1.0)
        high = math.ceil(top / step - 1e-9) * step
        low = math.floor(bottom / step + 1e-9) * step
    steps = round_half_up((high - low) / step)
    ticks = tuple(round_decimals(low + i * step, 10) for i in range(steps + 1))
    decimals = max(0, -math.floor(math.log10(step) + 1e-9)) if step < 1 else 0
    return Axis(low=low, high=high, ticks=ticks, unit=unit, decimals=decimals)


def tick_label(value: float, unit: str, decimals: int = 0) -> str:
    """A tick value in the figure's own unit, to ``decimals`` places."""
    if unit == "seconds" and value % 60 == 0 and value != 0:
        return duration_seconds(value)
    shown = f"{value:,.{decimals}f}"
    if shown.startswith("-") and float(value) == 0:
        shown = shown[1:]
    if unit == "percent":
        return f"{shown}%"
    symbol = CURRENCY_SYMBOLS.get(currency_of(unit) or "")
    if symbol is not None:
        return f"{symbol}{shown}" if not shown.startswith("-") else f"-{symbol}{shown[1:]}"
    return shown
