"""The one place that decides which dates a source's values may hold.

A date in a source must pass two limits, and :class:`DateWindow` holds both:

1. the **working-day calendar's years** (``calendar.yaml``): a date outside them has no
   working-day count (``CW-S042``);
2. the **plausible dates** of the source: by default from 1 January of the charter's first
   year to 31 December of the year after the release year (``project.release_date``, else
   this year), changed per source with ``dates: {earliest: ..., latest: ...}``. One record
   dated 2031 would otherwise make the site publish a 2031-32 release (``CW-S043``).

Open-ended markers (``9999-12-31``, ``2999-12-31``, ``2099-12-31``), which some systems write
for "no end date yet", are read as empty in the date columns a schema lists under
``open_ended:``, and are refused with their own message (``CW-S044``) anywhere else. A
financial-year label (``2031-32``) must overlap the window too. :func:`window_for` builds
the window of a framework's source; :class:`~charterwatch.sources.cells.FieldCheck` applies it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from charterwatch.sources import codes
from charterwatch.sources.codes import Problem

if TYPE_CHECKING:
    from charterwatch.model.files import SourceFile
    from charterwatch.model.framework import Framework

OPEN_ENDED_MARKERS = frozenset(
    {dt.date(9999, 12, 31), dt.date(2999, 12, 31), dt.date(2099, 12, 31)}
)
"""Dates that extracts use for "no end date yet"."""

YEARS_AFTER_RELEASE = 1
"""By default a date may be up to the end of the year after the release year."""


@dataclass(frozen=True)
class DateWindow:
    """The dates a framework's source may hold: the calendar's years (``first`` to ``last``)
    and, when known, its plausible dates (``earliest`` to ``latest``, decided as ``why``)."""

    first: dt.date
    last: dt.date
    earliest: dt.date | None = None
    latest: dt.date | None = None
    why: str = ""

    @property
    def lowest(self) -> dt.date:
        """The earliest date allowed by both limits."""
        return max(self.first, self.earliest or self.first)

    @property
    def highest(self) -> dt.date:
        """The latest date allowed by both limits."""
        return min(self.last, self.latest or self.last)

    def problem(self, value: dt.date, open_ended: bool = False) -> Problem | None:
        """The problem with a date (or the date of a date and time), or None when it is
        allowed. An open-ended marker in an ``open_ended`` column has no problem: the
        caller reads it as empty (see :meth:`means_not_yet`)."""
        day = value.date() if isinstance(value, dt.datetime) else value
        if day in OPEN_ENDED_MARKERS and not open_ended:
            return Problem(
                codes.OPEN_ENDED_DATE,
                f"{day} looks like an 'open-ended' marker (a date meaning 'not yet')",
                f"a real date between {self.lowest} and {self.highest}, or an empty cell "
                "while there is none",
                "leave the cell empty while there is no date; or, if this column writes "
                f"{day} for 'not yet', list the column under 'open_ended:' in the source's "
                "schema so it is read as empty",
            )
        if day in OPEN_ENDED_MARKERS:
            return None
        if not self.first <= day <= self.last:
            return Problem(
                codes.OUTSIDE_CALENDAR,
                f"{day} is outside the working-day calendar's years",
                f"a date between {self.first} and {self.last} (the working-day calendar's years)",
                "check the date; if it is right, extend the calendar's years (first_year, "
                "last_year in the framework's calendar.yaml)",
            )
        if not self.lowest <= day <= self.highest:
            side = "after the latest" if day > self.highest else "before the earliest"
            bound = self.highest if day > self.highest else self.lowest
            return Problem(
                codes.IMPLAUSIBLE_DATE,
                f"{day} is {side} plausible date for this source, {bound}",
                f"a date between {self.lowest} and {self.highest} ({self.why})",
                "check the date (a mistyped year?); if it is right, set the source's "
                "'dates: {earliest: ..., latest: ...}' in the framework folder, or "
                "project.release_date",
            )
        return None

    @staticmethod
    def means_not_yet(value: dt.date, open_ended: bool) -> bool:
        """True when ``value`` is an open-ended marker in an ``open_ended`` column."""
        day = value.date() if isinstance(value, dt.datetime) else value
        return open_ended and day in OPEN_ENDED_MARKERS

    def year_problem(self, label: str) -> Problem | None:
        """The problem with a financial year label (``2031-32``: 1 April 2031 to 31 March
        2032) none of whose days are allowed, or None."""
        start = int(label[:4])
        if start < 1 or start > 9998:
            return None  # not a real year; the pattern and the measures say so
        begins, ends = dt.date(start, 4, 1), dt.date(start + 1, 3, 31)
        if ends >= self.lowest and begins <= self.highest:
            return None
        return Problem(
            codes.IMPLAUSIBLE_DATE,
            f"the financial year {label} is outside the plausible dates of this source",
            f"a financial year with days between {self.lowest} and {self.highest} "
            f"({self.why or 'the working-day calendars years'})",
            "check the year (a mistyped year?); if it is right, set the source's "
            "'dates: {earliest: ..., latest: ...}' in the framework folder, or "
            "project.release_date",
        )


def window_for(
    fw: Framework, source: SourceFile | None = None, today: dt.date | None = None
) -> DateWindow:
    """The dates ``source`` of ``fw`` may hold (see the module docstring).

    The charter's first year is that of the earliest charter version's ``effective_from``;
    the release year that of ``project.release_date``, else of ``today`` (default: today).
    """
    calendar = fw.calendar
    starts = [c.spec.effective_from.year for c in fw.charters.values()]
    first_year = min(starts) if starts else calendar.first_day.year
    release = fw.project.release_date
    release_year = release.year if release is not None else (today or dt.date.today()).year
    earliest = dt.date(first_year, 1, 1)
    latest = dt.date(min(release_year + YEARS_AFTER_RELEASE, dt.MAXYEAR), 12, 31)
    release_words = "project.release_date" if release is not None else "this year"
    low = f"from the charter's first year, {first_year}"
    high = f"to the year after the release year ({release_year}, {release_words})"
    declared = getattr(source, "dates", None)
    if declared is not None and declared.earliest is not None:
        earliest, low = declared.earliest, "from the source's dates.earliest"
    if declared is not None and declared.latest is not None:
        latest, high = declared.latest, "to the source's dates.latest"
    return DateWindow(calendar.first_day, calendar.last_day, earliest, latest, f"{low} {high}")
