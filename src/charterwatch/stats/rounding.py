"""Rounding for publication: round half up (never banker's rounding), to a base or to decimals.

Python's built-in ``round`` sends halves to the even neighbour (``round(2.5) == 2``) and works
on the binary value of a float (``round(0.945, 2) == 0.94``). Published statistics round
halves up, and readers expect the decimal they see: 2.5 becomes 3 and 0.945 becomes 0.95. So
these helpers round the shortest decimal form of the number (``repr``) with
``decimal.ROUND_HALF_UP``. Halves of negative numbers go away from zero (-2.5 becomes -3).
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext
from numbers import Real

# Enough digits for any float (up to about 1e308) and many decimal places: exact rounding.
_WIDE = Context(prec=700, Emax=999_999, Emin=-999_999)


def round_half_up(value: float, base: int = 1) -> int:
    """Round ``value`` to the nearest multiple of ``base``, halves going up (away from zero).

    ``round_half_up(12.5, 5) == 15``, ``round_half_up(12, 5) == 10``,
    ``round_half_up(2.5) == 3``.

    Raises:
        ValueError: if ``value`` is infinite or NaN, or ``base`` is not a positive whole
            number.
    """
    _check_finite(value)
    if isinstance(base, bool) or not isinstance(base, int) or base < 1:
        raise ValueError(f"the rounding base must be a positive whole number; got {base!r}")
    with localcontext(_WIDE):
        steps = (_exact(value) / base).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return int(steps) * base


def round_decimals(value: float, decimals: int = 0) -> float:
    """Round ``value`` to ``decimals`` places, halves going up: ``round_decimals(0.945, 2)``
    is 0.95.

    Raises:
        ValueError: if ``value`` is infinite or NaN, or ``decimals`` is negative.
    """
    _check_finite(value)
    if isinstance(decimals, bool) or not isinstance(decimals, int) or decimals < 0:
        raise ValueError(f"decimals must be a whole number 0 or more; got {decimals!r}")
    with localcontext(_WIDE):
        quantum = Decimal(1).scaleb(-decimals)
        return float(_exact(value).quantize(quantum, rounding=ROUND_HALF_UP))


def round_percent(proportion: float, decimals: int = 0) -> float:
    """Turn a proportion (a fraction, 0.9449) into a rounded percentage (94.0 for 0 decimals).

    Rounding is half up on the percentage: 0.945 gives 95.0, 0.9449 gives 94.0.

    Raises:
        ValueError: if ``proportion`` is infinite or NaN, or ``decimals`` is negative.
    """
    _check_finite(proportion)
    with localcontext(_WIDE):
        percent = _exact(proportion) * 100
    return round_decimals(float(percent), decimals)


def format_significant(value: float, figures: int = 2) -> str:
    """Write ``value`` to ``figures`` significant figures, halves going up, keeping the
    trailing zeros that are significant: ``format_significant(0.0496, 2) == "0.050"``,
    ``format_significant(0.8, 2) == "0.80"``, ``format_significant(0.0996, 2) == "0.10"``.

    Raises:
        ValueError: if ``value`` is infinite or NaN, or ``figures`` is not a whole number
            1 or more.
    """
    _check_finite(value)
    if isinstance(figures, bool) or not isinstance(figures, int) or figures < 1:
        raise ValueError(f"figures must be a whole number 1 or more; got {figures!r}")
    with localcontext(_WIDE):
        exact = _exact(value)
        if exact == 0:
            return "0." + "0" * (figures - 1) if figures > 1 else "0"
        exponent = exact.adjusted() - (figures - 1)
        rounded = exact.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_UP)
        if rounded.adjusted() > exact.adjusted():  # 0.0996 -> 0.100: one figure too many
            rounded = rounded.quantize(Decimal(1).scaleb(exponent + 1), rounding=ROUND_HALF_UP)
    return f"{rounded:f}"


def format_percent(percent: float, decimals: int = 0) -> str:
    """Write an already-rounded percentage with exactly ``decimals`` places: ``"94%"``,
    ``"94.0%"`` for one place."""
    return f"{percent:.{decimals}f}%"


def _exact(value: float) -> Decimal:
    # repr gives the shortest decimal that reads back as the same float: what people see.
    return Decimal(repr(float(value))) if not isinstance(value, int) else Decimal(value)


def _check_finite(value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, Real):
        raise ValueError(f"expected a number; got {value!r}")
    if not math.isfinite(float(value)):
        raise ValueError(f"cannot round {value!r}: it is not a finite number")


def round_ratio_percent(numerator: int, denominator: int, decimals: int = 0) -> float:
    """``numerator / denominator`` as a percentage rounded half up, in exact decimal arithmetic.

    A share of records is a ratio of whole numbers; computing it as a float first can land
    just below a half (189/200 is 94.5, not 94.49999...), so it is divided in decimal:
    ``round_ratio_percent(189, 200) == 95.0``.

    Raises:
        ValueError: if ``denominator`` is not a positive whole number or ``decimals`` is
            negative.
    """
    if isinstance(denominator, bool) or not isinstance(denominator, int) or denominator < 1:
        raise ValueError(f"the denominator must be a positive whole number; got {denominator!r}")
    if isinstance(decimals, bool) or not isinstance(decimals, int) or decimals < 0:
        raise ValueError(f"decimals must be a whole number 0 or more; got {decimals!r}")
    with localcontext(_WIDE):
        percent = Decimal(int(numerator)) * 100 / Decimal(denominator)
        quantum = Decimal(1).scaleb(-decimals)
        return float(percent.quantize(quantum, rounding=ROUND_HALF_UP))
