"""Control limits of a funnel plot: how far from the national figure chance alone can take an
organisation of a given size.

A funnel plot (Spiegelhalter, "Funnel plots for comparing institutional performance", 2005)
draws each organisation's figure against its base, with limits around the national figure
that narrow as the base grows. An organisation inside the limits differs from the national
figure no more than chance would explain; outside the 99.8% limits, very unlikely by chance.
Limits use the normal approximation:

- a share (``percent``): ``p0 ± z * sqrt(p0 * (1 - p0) / n)``, kept within 0 to 100;
- a rate per ``scale`` (events over a base): ``r0 ± z * sqrt(scale * r0 / n)`` (Poisson),
  kept at 0 or above.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from charterwatch.stats.intervals import z_value

LEVELS = (0.95, 0.998)
"""The two control levels drawn: about 2 and 3 standard errors."""


class Position(StrEnum):
    """Where an organisation's figure falls against the limits."""

    WELL_ABOVE = "well_above"
    ABOVE = "above"
    WITHIN = "within"
    BELOW = "below"
    WELL_BELOW = "well_below"


@dataclass(frozen=True)
class Limits:
    """The lower and upper control limits at one level for one base."""

    low: float
    high: float


def share_limits(national: float, base: float, level: float) -> Limits:
    """Limits of a percentage (``national`` in 0..100) for an organisation of ``base`` cases.

    Raises:
        ValueError: if ``base`` is not positive, ``national`` is outside 0..100, or
            ``level`` is not strictly between 0 and 1.
    """
    if base <= 0 or not 0 <= national <= 100:
        raise ValueError(f"no limits for a base of {base} around {national}%")
    p = national / 100.0
    half = z_value(level) * math.sqrt(p * (1 - p) / base)
    return Limits(max(0.0, 100 * (p - half)), min(100.0, 100 * (p + half)))


def rate_limits(national: float, base: float, level: float, scale: float) -> Limits:
    """Limits of a rate per ``scale`` for an organisation whose base is ``base``.

    Raises:
        ValueError: if ``base`` or ``scale`` is not positive or ``national`` is negative.
    """
    if base <= 0 or scale <= 0 or national < 0:
        raise ValueError(f"no limits for a base of {base} around {national} per {scale}")
    half = z_value(level) * math.sqrt(scale * national / base)
    return Limits(max(0.0, national - half), national + half)


def position(value: float, inner: Limits, outer: Limits) -> Position:
    """Where ``value`` falls against the inner (95%) and outer (99.8%) limits."""
    if value > outer.high:
        return Position.WELL_ABOVE
    if value > inner.high:
        return Position.ABOVE
    if value < outer.low:
        return Position.WELL_BELOW
    if value < inner.low:
        return Position.BELOW
    return Position.WITHIN
