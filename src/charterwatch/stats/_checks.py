"""Shared input checks for the stats functions, so every function words its errors alike."""

from __future__ import annotations

import operator
from typing import SupportsIndex


def whole_number(value: object, name: str, *, minimum: int = 0) -> int:
    """``value`` as an ``int`` if it is a whole number at least ``minimum``.

    Accepts ``int``, numpy integers and integer-valued floats (``94.0``); rejects ``bool``.

    Raises:
        ValueError: naming ``name`` if the value is not a whole number or is below
            ``minimum``.
    """
    number: int
    if isinstance(value, bool):
        raise ValueError(f"{name} must be a whole number, not {value!r}")
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(f"{name} must be a whole number; got {value!r}")
        number = int(value)
    elif isinstance(value, SupportsIndex):
        number = operator.index(value)
    else:
        raise ValueError(f"{name} must be a whole number; got {value!r}")
    if number < minimum:
        raise ValueError(f"{name} must be {minimum} or more; got {number}")
    return number
