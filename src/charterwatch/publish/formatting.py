"""How figures read in words and cells: units, symbols, bases and intervals.

One place decides that 351 seconds reads "5 min 51 s" and 0.94 reads "94%", so the site,
the downloads and the PDF never disagree about a figure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from charterwatch.model.framework import PublishedFigure
from charterwatch.publish.i18n import Catalogue
from charterwatch.results.figure import Figure
from charterwatch.units import UNIT_WORDS, duration_seconds, figure_text, number, value_text

__all__ = [
    "UNIT_WORDS",
    "base_text",
    "breakdown_words",
    "cited_period",
    "cited_value",
    "date_in_words",
    "duration_seconds",
    "figure_text",
    "interval_text",
    "number",
    "value_text",
]


def interval_text(row: Figure) -> str:
    """``93% to 95%`` for a figure with an interval, else an empty string."""
    low, high = row.ci_low, row.ci_high
    if low is None or high is None:
        return ""
    return f"{value_text(low, row.unit)} to {value_text(high, row.unit)}"


def base_text(row: Figure) -> str:
    """The base as published (already rounded by disclosure control), or an empty string."""
    return "" if row.base is None else number(row.base)


SMALL_NUMBERS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
"""Numbers below ten in words, as plain English writes them in running text."""


def count_in_words(count: int) -> str:
    """A count as running text writes it: "four" below ten, digits from 10 ("12")."""
    return SMALL_NUMBERS[count] if 0 <= count < len(SMALL_NUMBERS) else f"{count:,}"


def breakdown_words(breakdown: Mapping[str, str]) -> str:
    """The group a published figure is for, in words: ``{"benefit": "ADP"}`` -> ``benefit
    ADP``; empty for a figure for everyone."""
    return "; ".join(f"{k.replace('_', ' ')} {v}" for k, v in sorted(breakdown.items()))


def cited_period(figure: PublishedFigure) -> str:
    """The year of a published figure with its group, so two figures of one year read
    apart: ``2022-23, benefit ADP``."""
    group = breakdown_words(figure.breakdown)
    return f"{figure.year}, {group}" if group else figure.year


def cited_value(figure: PublishedFigure) -> str:
    """A published figure's value exactly as entered, with its unit (never re-rounded)."""
    return value_text(figure.value, figure.unit.value, exact=True)


def date_in_words(day: dt.date, t: Catalogue) -> str:
    """``2 December 2026``: the day as people write it, the month named in the locale.

    ISO dates suit tables and downloads; a sentence a reader acts on ("computed on ...") reads
    better in words, and the month name comes from the locale so another language can say it.
    """
    return f"{day.day} {t(f'print.doing.months.m{day.month}')} {day.year}"
