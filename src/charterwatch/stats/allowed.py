"""The values a setting allows: a switch, a whole number or a number, each with its range.

Every setting declares one of these once (the fields of
:class:`~charterwatch.stats.settings.DisclosureSettings`, and the other entries of
``charterwatch.settings.SETTINGS``), and that one declaration gives the check, the words of
the message and the docs. :meth:`Allowed.check` judges a Python value; :meth:`Allowed.read`
first takes a value as a framework file writes it (the YAML reader keeps decimals such as
``0.05`` as text, so text that is a number is read as the number).
"""

from __future__ import annotations

import math
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Literal

_WHOLE = re.compile(r"^[+-]?\d+$")
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")


@dataclass(frozen=True)
class ValueProblem:
    """Why a value is not allowed: the wrong type, or out of range; ``expected`` in words
    that follow "must be" (``a whole number``, ``1 or more``)."""

    kind: Literal["type", "range"]
    expected: str


class Allowed(ABC):
    """What one setting allows."""

    @abstractmethod
    def describe(self) -> str:
        """Everything allowed, in words (``a whole number, 1 or more``)."""

    @abstractmethod
    def check(self, value: object) -> ValueProblem | None:
        """The problem with a Python value, or None when it is allowed."""

    def read(self, value: object) -> tuple[object, ValueProblem | None]:
        """A value as written in a framework file: the typed value and its problem, if any."""
        return value, self.check(value)


@dataclass(frozen=True)
class Switch(Allowed):
    """``true`` or ``false`` (never ``yes``/``no`` or 1/0: the YAML reader keeps those as
    written, so they are reported rather than guessed)."""

    def describe(self) -> str:
        return "true or false"

    def check(self, value: object) -> ValueProblem | None:
        return None if isinstance(value, bool) else ValueProblem("type", "true or false")


def _between(low: float | None, high: float | None, *, open_ends: bool = False) -> str:
    shown = [_text(x) if x is not None else None for x in (low, high)]
    if open_ends and shown[0] is not None and shown[1] is not None:
        return f"more than {shown[0]} and less than {shown[1]}"
    if open_ends:
        return f"more than {shown[0]}" if shown[0] is not None else f"less than {shown[1]}"
    if shown[0] is not None and shown[1] is not None:
        return f"from {shown[0]} to {shown[1]}"
    return f"{shown[0]} or more" if shown[0] is not None else f"{shown[1]} or less"


def _text(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


@dataclass(frozen=True)
class WholeNumber(Allowed):
    """A whole number from ``minimum`` to ``maximum`` (inclusive; no maximum when None)."""

    minimum: int = 0
    maximum: int | None = None

    def _range(self) -> str:
        return _between(self.minimum, self.maximum)

    def describe(self) -> str:
        return f"a whole number, {self._range()}"

    def check(self, value: object) -> ValueProblem | None:
        if isinstance(value, bool) or not isinstance(value, int):
            return ValueProblem("type", "a whole number")
        if value < self.minimum or (self.maximum is not None and value > self.maximum):
            return ValueProblem("range", self._range())
        return None

    def read(self, value: object) -> tuple[object, ValueProblem | None]:
        if isinstance(value, str) and _WHOLE.match(value.strip()):
            value = int(value)
        return value, self.check(value)


@dataclass(frozen=True)
class Number(Allowed):
    """A number in a range: ``minimum``/``maximum`` inclusive, or ``above``/``below``
    exclusive; ``optional`` also allows null (the setting is then off)."""

    minimum: float | None = None
    maximum: float | None = None
    above: float | None = None
    below: float | None = None
    optional: bool = False

    def _range(self) -> str:
        if self.above is not None or self.below is not None:
            return _between(self.above, self.below, open_ends=True)
        if self.minimum is None and self.maximum is None:
            return ""
        return _between(self.minimum, self.maximum)

    def describe(self) -> str:
        words = "a number" + (f", {self._range()}" if self._range() else "")
        return words + (", or null (off)" if self.optional else "")

    def check(self, value: object) -> ValueProblem | None:
        if value is None and self.optional:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            return ValueProblem("type", "a number" + (" or null" if self.optional else ""))
        number = float(value)
        outside = (
            not math.isfinite(number)
            or (self.minimum is not None and number < self.minimum)
            or (self.maximum is not None and number > self.maximum)
            or (self.above is not None and number <= self.above)
            or (self.below is not None and number >= self.below)
        )
        return ValueProblem("range", self._range() or "a finite number") if outside else None

    def read(self, value: object) -> tuple[object, ValueProblem | None]:
        if isinstance(value, str) and _NUMBER.match(value.strip()):
            value = float(value)
        return value, self.check(value)
