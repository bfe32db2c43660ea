"""Disclosure-control settings: every threshold declared once, with its default and help.

A charter's own thresholds are rarely published, so every number here is a setting. The
defaults follow common UK official-statistics conventions (bases rounded to the nearest 10,
whole percentages, counts rounded to 5); :func:`describe_settings` lists them for help
text and the methods documentation.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import TypeVar

from charterwatch.stats.allowed import Allowed, Switch, WholeNumber

_T = TypeVar("_T")


def _setting(default: _T, text: str, allowed: Allowed) -> _T:
    return field(default=default, metadata={"help": text, "allowed": allowed})


@dataclass(frozen=True)
class DisclosureSettings:
    """How small numbers are protected in published tables and percentages.

    All values are whole numbers of people or cases, except ``suppress_zeros`` (a switch)
    and ``percent_decimals`` (decimal places, 0 to 3). What each field allows is declared
    with it (``metadata["allowed"]``, see :mod:`charterwatch.stats.allowed`); the framework
    loader checks ``project.settings`` with the same declarations.

    Raises:
        ValueError: on construction, if a value is negative, a rounding base is below 1,
            ``percent_decimals`` is above 3, or a value has the wrong type; every problem is
            listed.
    """

    min_count: int = _setting(
        10,
        "Counts from 1 to min_count - 1 are suppressed as [c] (primary suppression).",
        WholeNumber(0),
    )
    suppress_zeros: bool = _setting(
        False,
        "Also suppress counts of 0 (off by default: a zero reveals nobody).",
        Switch(),
    )
    min_base: int = _setting(
        50,
        "A survey percentage whose unweighted base is below this is suppressed as [c].",
        WholeNumber(0),
    )
    round_counts_to: int = _setting(
        5,
        "Published counts and totals are rounded to the nearest multiple of this.",
        WholeNumber(1),
    )
    round_bases_to: int = _setting(
        10,
        "Published unweighted survey bases are rounded to the nearest multiple of this.",
        WholeNumber(1),
    )
    percent_decimals: int = _setting(
        0,
        "Decimal places for published percentages (0 gives whole percentages).",
        WholeNumber(0, 3),
    )
    words_below: int = _setting(
        30,
        "A percentage not suppressed but with a base below this is given in words "
        "('most'). Only takes effect when it is above min_base.",
        WholeNumber(0),
    )

    def __post_init__(self) -> None:
        problems: list[str] = []
        for spec in fields(self):
            value = getattr(self, spec.name)
            allowed: Allowed = spec.metadata["allowed"]
            problem = allowed.check(value)
            if problem is not None:
                problems.append(f"{spec.name} must be {problem.expected}; got {value!r}")
        if problems:
            raise ValueError("invalid disclosure settings: " + "; ".join(problems))


DEFAULT_SETTINGS = DisclosureSettings()


def describe_settings() -> tuple[tuple[str, int | bool, str], ...]:
    """Each setting as ``(name, default, help)``, in declaration order."""
    return tuple(
        (spec.name, getattr(DEFAULT_SETTINGS, spec.name), str(spec.metadata["help"]))
        for spec in fields(DisclosureSettings)
    )
