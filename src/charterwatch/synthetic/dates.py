"""Calendar-aware date making for synthetic records: days in a period, and dates a set number
of working or calendar days before or after others, exact under charterwatch's counting rule.

The counting rule is :meth:`~charterwatch.dates.working_days.WorkingDayCalendar.
working_days_between`: the working days ``d`` with ``received < d <= decided``. Everything
here works on numpy ``datetime64[D]`` arrays so a year of cases is made in one call.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import numpy.typing as npt

from charterwatch.dates.working_days import WEEKMASK, WorkingDayCalendar, default_calendar

Days = npt.NDArray[np.datetime64]
"""An array of ``datetime64[D]`` dates."""

Ints = npt.NDArray[np.int64]


class DayMaker:
    """Makes dates on one working-day calendar (default: Monday to Friday, 2015 to 2035;
    the generator passes the framework's own)."""

    def __init__(self, calendar: WorkingDayCalendar | None = None) -> None:
        self.calendar = calendar or default_calendar()
        holidays = np.array(sorted(self.calendar.holidays), dtype="datetime64[D]")
        self.busdaycal = np.busdaycalendar(weekmask=WEEKMASK, holidays=holidays)

    def days(self, first: date, last: date, *, working_only: bool) -> Days:
        """Every date from ``first`` to ``last`` (both included), or only the working days."""
        every = np.arange(
            np.datetime64(first, "D"), np.datetime64(last, "D") + 1, dtype="datetime64[D]"
        )
        if not working_only:
            return every
        return every[np.is_busday(every, busdaycal=self.busdaycal)]

    def is_working(self, days: Days) -> npt.NDArray[np.bool_]:
        """Whether each date is a working day."""
        return np.asarray(np.is_busday(days, busdaycal=self.busdaycal), dtype=np.bool_)

    def spread(
        self,
        rng: np.random.Generator,
        n: int,
        first: date,
        last: date,
        *,
        working_only: bool = True,
    ) -> Days:
        """``n`` dates drawn evenly from ``first`` to ``last`` (working days only by default).

        Raises ValueError when the range holds no eligible day and ``n`` is above zero.
        """
        pool = self.days(first, last, working_only=working_only)
        if n and not pool.size:
            raise ValueError(f"no {'working ' if working_only else ''}day from {first} to {last}")
        if not n:
            return np.array([], dtype="datetime64[D]")
        return np.sort(pool[rng.integers(0, pool.size, size=n)])

    def after_working(self, start: Days, days: Ints) -> Days:
        """For each start, the first date ``working_days_between(start, d) == days`` (as
        :meth:`WorkingDayCalendar.add_working_days`): ``start`` itself for 0 days."""
        shifted = np.busday_offset(start, days, roll="backward", busdaycal=self.busdaycal)
        return np.where(days == 0, start, shifted)

    def before_working(
        self,
        end: Days,
        days: Ints,
        rng: np.random.Generator | None = None,
        chance: float = 0.0,
    ) -> Days:
        """For each end date, a start date with exactly ``days`` working days after it up to
        and including ``end``.

        With ``days >= 1`` the latest such start is a working day; when it is followed by
        non-working days (a Friday, or the day before a holiday), those days give the same
        count, and with ``rng`` one of them is picked with probability ``chance`` (a receipt
        on a Saturday). With ``days == 0`` the start is ``end`` itself.
        """
        latest = np.busday_offset(end, -days, roll="backward", busdaycal=self.busdaycal)
        if rng is not None and chance > 0:
            following = np.busday_offset(latest, 1, roll="backward", busdaycal=self.busdaycal)
            gap = (following - latest).astype(np.int64) - 1
            pick = 1 + np.floor(rng.random(latest.size) * np.maximum(gap, 1)).astype(np.int64)
            shift = np.where((rng.random(latest.size) < chance) & (gap > 0), pick, 0)
            latest = latest + shift.astype("timedelta64[D]")
        return np.where(days == 0, end, latest)

    def working_days_between(self, start: Days, end: Days) -> Ints:
        """The working days from each start to its end under the counting rule."""
        counts = np.busday_count(start + 1, end + 1, busdaycal=self.busdaycal)
        return np.asarray(counts, dtype=np.int64)
