"""The working-day calendar: which days count when time is measured in working days.

A working day is a Monday to Friday that is not a public holiday of the calendar's region.
charterwatch has no region of its own: without one (the default, and a framework folder
without ``calendar.yaml``) every Monday to Friday is a working day. With a region, the
holidays come from the ``holidays`` package (``country`` and ``subdivision``, e.g. ``GB`` and
``SCT``; for ``GB`` the one-off bank holidays of 19 September 2022 and 8 May 2023 are
guaranteed), plus the user's own extensions: extra closure dates and dates to remove. The
calendar covers a fixed range of whole years (default 2015 to 2035; a framework folder sets
its own in ``calendar.yaml``) and raises :class:`OutsideCalendarError` for dates outside it, so
a missing year can never silently count holidays as working days.

Counting rule (the same in every function here and in :meth:`calendar_table`): the working
days from ``received`` to ``decided`` are the working days ``d`` with
``received < d <= decided``. See ``docs/methods-dates.md``.
"""

from __future__ import annotations

import functools
import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeAlias

import holidays
import numpy as np
import numpy.typing as npt

from charterwatch.arrow_values import numpy_column
from charterwatch.dates.calendar_config import CalendarConfig
from charterwatch.dates.periods import as_day

if TYPE_CHECKING:
    import pyarrow as pa

DEFAULT_FIRST_YEAR = 2015
DEFAULT_LAST_YEAR = 2035
WEEKMASK = "1111100"
"""Monday to Friday are working days, Saturday and Sunday are not (numpy weekmask)."""

ONE_OFF_GB_HOLIDAYS: Mapping[date, str] = MappingProxyType(
    {
        date(2022, 9, 19): "State Funeral of Queen Elizabeth II",
        date(2023, 5, 8): "Coronation of Charles III",
    }
)
"""One-off UK bank holidays the calendar always includes for GB, whatever the package says."""

_ONE_DAY = np.timedelta64(1, "D")

DateArrayLike: TypeAlias = npt.ArrayLike | Sequence[date]
"""Dates for the vectorised functions: a ``datetime64`` array, or a sequence of dates or text."""

CALENDAR_COLUMNS = (
    ("date", "date32"),
    ("is_working_day", "bool_"),
    ("working_day_number", "int64"),
)
"""The columns of :meth:`WorkingDayCalendar.calendar_table` and their Arrow types (named, so
that checking a framework, which needs the calendar but no table of it, imports no pyarrow)."""


class CalendarError(ValueError):
    """The calendar's extensions are inconsistent; ``problems`` lists every problem found,
    and ``days`` the date each problem is about (so a file reader can point at its line)."""

    def __init__(self, problems: list[str], days: list[date] | None = None) -> None:
        self.problems = problems
        self.days = days if days is not None else []
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        super().__init__(f"working-day calendar: {count}:\n- " + "\n- ".join(problems))


class OutsideCalendarError(ValueError):
    """A date is outside the years the calendar covers, so its working days are unknown."""


class WorkingDayCalendar:
    """Working days for the years ``first_year`` to ``last_year``: weekdays minus holidays.

    ``extra_holidays`` maps closure dates to their names (an extra date that is already a
    holiday gets the given name). ``remove`` lists dates that the ``holidays`` package names as
    holidays but that should be working days. Raises :class:`CalendarError` listing every
    problem: an extra or removed date outside the years covered, a date both added and removed,
    or a removed date that is not a holiday. Raises ValueError when ``last_year`` is before
    ``first_year`` or the ``holidays`` package does not know ``country``/``subdivision``.
    """

    __slots__ = (
        "_busdaycal",
        "_changes",
        "_cumulative",
        "_first_day",
        "_holidays",
        "_last_day",
        "_working",
        "_working_index",
        "country",
        "subdivision",
    )

    def __init__(
        self,
        extra_holidays: Mapping[date, str] | None = None,
        remove: Iterable[date] = (),
        *,
        first_year: int = DEFAULT_FIRST_YEAR,
        last_year: int = DEFAULT_LAST_YEAR,
        country: str | None = None,
        subdivision: str | None = None,
    ) -> None:
        if last_year < first_year:
            raise ValueError(f"calendar years end ({last_year}) before they start ({first_year})")
        self.country = country
        self.subdivision = subdivision
        self._first_day = date(first_year, 1, 1)
        self._last_day = date(last_year, 12, 31)
        extra = {as_day(d): name for d, name in (extra_holidays or {}).items()}
        removed = sorted({as_day(d) for d in remove})

        days: dict[date, str] = {}
        if country is not None:
            try:
                found = holidays.country_holidays(
                    country, subdiv=subdivision, years=range(first_year, last_year + 1)
                )
            except NotImplementedError as error:
                raise ValueError(f"the holidays package cannot give holidays: {error}") from error
            days = {as_day(d): str(name) for d, name in found.items()}
        elif subdivision is not None:
            raise ValueError(f"a subdivision ({subdivision}) needs its country")
        if country == "GB":
            for day, name in ONE_OFF_GB_HOLIDAYS.items():
                if self._covers(day):
                    days.setdefault(day, name)

        found_problems: list[tuple[date, str]] = []
        for day in sorted(extra):
            if not self._covers(day):
                found_problems.append((day, f"extra holiday {day} is outside {self._coverage()}"))
            if day in removed:
                found_problems.append((day, f"{day} is both an extra holiday and a date to remove"))
        for day in removed:
            if not self._covers(day):
                found_problems.append((day, f"date to remove {day} is outside {self._coverage()}"))
            elif day not in days and day not in extra:
                found_problems.append(
                    (day, f"date to remove {day} is not a holiday in the calendar")
                )
        if found_problems:
            raise CalendarError([p for _, p in found_problems], [d for d, _ in found_problems])
        self._changes = (len(extra), len(removed))
        days.update(extra)
        for day in removed:
            del days[day]
        self._holidays: Mapping[date, str] = MappingProxyType(dict(sorted(days.items())))

        holiday_array = np.array(sorted(days), dtype="datetime64[D]")
        self._busdaycal = np.busdaycalendar(weekmask=WEEKMASK, holidays=holiday_array)
        all_days = np.arange(
            np.datetime64(self._first_day, "D"),
            np.datetime64(self._last_day, "D") + _ONE_DAY,
            dtype="datetime64[D]",
        )
        self._working: npt.NDArray[np.bool_] = np.is_busday(all_days, busdaycal=self._busdaycal)
        self._cumulative: npt.NDArray[np.int64] = np.cumsum(self._working, dtype=np.int64)
        self._working_index: npt.NDArray[np.intp] = np.flatnonzero(self._working)

    @property
    def region(self) -> str:
        """Where the public holidays come from (``GB-SCT``), or ``none``."""
        if self.country is None:
            return "none"
        return self.country + (f"-{self.subdivision}" if self.subdivision else "")

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> WorkingDayCalendar:
        """A calendar from plain data, as read from YAML (see :class:`CalendarConfig`)::

            {"extra": [{"date": "2022-09-19", "name": "State Funeral"}],
             "remove": ["2026-06-15", {"date": "2027-01-04", "reason": "..."}],
             "first_year": 2015, "last_year": 2035}

        Dates may be ISO text or ``date`` objects (YAML reads unquoted dates as dates). Raises
        pydantic's ValidationError (a ValueError) for a malformed shape and
        :class:`CalendarError` for inconsistent dates.
        """
        parsed = CalendarConfig.model_validate(config)
        counts = Counter(parsed.extra_dates())
        duplicates = sorted(day for day, count in counts.items() if count > 1)
        if duplicates:
            raise CalendarError(
                [f"extra holiday {d} is listed more than once" for d in duplicates], duplicates
            )
        return cls(
            {e.date: e.name for e in parsed.extra},
            parsed.removed_dates(),
            first_year=parsed.first_year,
            last_year=parsed.last_year,
            country=parsed.country,
            subdivision=parsed.subdivision,
        )

    # -- coverage -------------------------------------------------------------------------

    @property
    def first_day(self) -> date:
        """The first date the calendar covers (1 January of ``first_year``)."""
        return self._first_day

    @property
    def last_day(self) -> date:
        """The last date the calendar covers (31 December of ``last_year``)."""
        return self._last_day

    @property
    def holidays(self) -> Mapping[date, str]:
        """Every holiday in the years covered, in date order, with its name (read-only).

        Holidays that fall on a weekend are listed too (they change nothing).
        """
        return self._holidays

    def _covers(self, day: date) -> bool:
        return self._first_day <= day <= self._last_day

    def _coverage(self) -> str:
        return f"the calendar's years ({self._first_day} to {self._last_day})"

    def _index(self, day: date, role: str) -> int:
        day = as_day(day)
        if not self._covers(day):
            raise OutsideCalendarError(
                f"{role} date {day} is outside {self._coverage()}; extend the calendar's "
                "years (first_year, last_year in the framework's calendar.yaml) to include it"
            )
        return (day - self._first_day).days

    # -- questions about days -------------------------------------------------------------

    def is_working_day(self, day: date) -> bool:
        """Whether ``day`` is a working day (Monday to Friday and not a holiday).

        Raises ValueError when ``day`` is outside the years covered.
        """
        return bool(self._working[self._index(day, "the")])

    def holiday_name(self, day: date) -> str | None:
        """The name of the holiday on ``day``, or None. Raises ValueError outside coverage."""
        self._index(day, "the")
        return self._holidays.get(as_day(day))

    def holidays_between(self, first: date, last: date) -> dict[date, str]:
        """The holidays from ``first`` to ``last`` (both included), in date order.

        Raises ValueError when ``last`` is before ``first`` or either is outside coverage.
        """
        lo, hi = self._index(first, "first"), self._index(last, "last")
        if hi < lo:
            raise ValueError(f"last date {last} is before first date {first}")
        first, last = as_day(first), as_day(last)
        return {d: n for d, n in self._holidays.items() if first <= d <= last}

    # -- counting -------------------------------------------------------------------------

    def working_days_between(self, received: date, decided: date) -> int:
        """Working days from ``received`` to ``decided``, in whole working days (>= 0).

        The rule: count the working days after the day of receipt, up to and including the day
        of decision (``received < d <= decided``). So:

        - the day of receipt is not counted; a decision the same day is 0 and a decision the
          next working day is 1;
        - the day of decision is counted if it is a working day;
        - a receipt on a weekend or holiday starts the clock at the next working day, which is
          day 1 (received Saturday, decided Monday: 1);
        - a decision on a weekend or holiday counts up to the last working day before it;
        - time of day is ignored (a ``datetime`` is taken at its date).

        Raises ValueError when ``decided`` is before ``received`` or either date is outside
        the years covered.
        """
        start, end = self._index(received, "received"), self._index(decided, "decided")
        if end < start:
            raise ValueError(f"decided date {decided} is before received date {received}")
        return int(self._cumulative[end] - self._cumulative[start])

    def working_days_between_arrays(
        self, received: DateArrayLike, decided: DateArrayLike
    ) -> npt.NDArray[np.int64]:
        """:meth:`working_days_between` for whole arrays at once (numpy ``busday_count``).

        ``received`` and ``decided`` are same-shaped array-likes of dates (``datetime64``,
        ``date`` objects or ISO text); times of day are dropped. Returns int64 working days.
        Raises ValueError when shapes differ, a date is missing (NaT: undecided cases must be
        reported separately), outside the years covered, or a decision precedes its receipt.
        """
        start = _day_array(received, "received")
        end = _day_array(decided, "decided")
        if start.shape != end.shape:
            raise ValueError(f"received has shape {start.shape} but decided has {end.shape}")
        for values, role in ((start, "received"), (end, "decided")):
            if np.isnat(values).any():
                raise ValueError(
                    f"{role} has missing dates (NaT) at positions "
                    f"{np.flatnonzero(np.isnat(values))[:5].tolist()}; report undecided cases "
                    "separately instead of counting them"
                )
            if values.size and (
                values.min() < np.datetime64(self._first_day, "D")
                or values.max() > np.datetime64(self._last_day, "D")
            ):
                raise OutsideCalendarError(
                    f"{role} has dates outside {self._coverage()}; extend the calendar's "
                    "years (first_year, last_year in the framework's calendar.yaml)"
                )
        backwards = np.flatnonzero(end < start)
        if backwards.size:
            i = int(backwards[0])
            raise ValueError(
                f"{backwards.size} decided date(s) before the received date, first at position "
                f"{i}: received {start.flat[i]}, decided {end.flat[i]}"
            )
        counts = np.busday_count(start + _ONE_DAY, end + _ONE_DAY, busdaycal=self._busdaycal)
        return np.asarray(counts, dtype=np.int64)

    def add_working_days(self, start: date, n: int) -> date:
        """The date ``n`` working days after ``start``: the first date ``d`` with
        ``working_days_between(start, d) == n`` (so ``n == 0`` gives ``start`` itself, and for
        ``n >= 1`` the result is always a working day). Used for working-day deadlines.

        Raises ValueError when ``n`` is negative or the result falls outside the years covered.
        """
        if isinstance(n, bool) or not isinstance(n, int):
            raise TypeError(f"n must be an int, got {n!r}")
        if n < 0:
            raise ValueError(f"n must be zero or more working days, got {n}")
        index = self._index(start, "start")
        if n == 0:
            return as_day(start)
        position = int(self._cumulative[index]) + n - 1
        if position >= self._working_index.size:
            raise OutsideCalendarError(
                f"{n} working days after {start} is beyond {self._coverage()}; extend the "
                "calendar with a later last_year"
            )
        return self._first_day + timedelta(days=int(self._working_index[position]))

    def calendar_table(self, start: date | None = None, end: date | None = None) -> pa.Table:
        """One row per date from ``start`` to ``end`` (both included; default: all years covered).

        Columns: ``date`` (date32), ``is_working_day`` (bool) and ``working_day_number``
        (int64: working days from the table's first date up to and including this date). Joined
        in SQL, ``wdn(decided) - wdn(received)`` equals :meth:`working_days_between` for any
        two dates in the table, so the table must start on or before the earliest receipt.

        Raises ValueError when ``end`` is before ``start`` or either is outside coverage.
        """
        lo = self._index(start, "start") if start is not None else 0
        hi = self._index(end, "end") if end is not None else self._working.size - 1
        if hi < lo:
            raise ValueError(f"end {end} is before start {start}")
        days = np.arange(lo, hi + 1) + np.datetime64(self._first_day, "D")
        working = self._working[lo : hi + 1]
        numbers = np.cumsum(working, dtype=np.int64)
        columns = [days, working, numbers]
        import pyarrow as pa

        schema = pa.schema([(name, getattr(pa, kind)()) for name, kind in CALENDAR_COLUMNS])
        return pa.Table.from_arrays(
            [numpy_column(c, f.type) for c, f in zip(columns, schema, strict=True)],
            schema=schema,
        )

    def provenance(self) -> dict[str, str]:
        """Where the calendar came from, for a results store: the ``holidays`` package version,
        region, years, number of user changes, and a SHA-256 fingerprint of the holiday list
        (two calendars with the same fingerprint count working days identically)."""
        lines = "".join(f"{day.isoformat()} {name}\n" for day, name in self._holidays.items())
        return {
            "holidays_package": str(getattr(holidays, "__version__", "unknown")),
            "region": self.region,
            "years": f"{self._first_day.year}-{self._last_day.year}",
            "extra_holidays": str(self._changes[0]),
            "removed_holidays": str(self._changes[1]),
            "weekmask": WEEKMASK,
            "fingerprint": hashlib.sha256(lines.encode("utf-8")).hexdigest(),
        }

    def __repr__(self) -> str:
        where = self.region
        return (
            f"WorkingDayCalendar({where}, {self._first_day.year}-{self._last_day.year}, "
            f"{len(self._holidays)} holidays)"
        )


def _day_array(values: DateArrayLike, role: str) -> npt.NDArray[np.datetime64]:
    """``values`` as a ``datetime64[D]`` array (times of day dropped). Raises ValueError."""
    array = np.asarray(values)
    if array.dtype.kind not in "MOUS":
        raise ValueError(f"{role} must hold dates, got an array of {array.dtype}")
    try:
        return array.astype("datetime64[D]")
    except (TypeError, ValueError) as error:
        raise ValueError(f"{role} must hold dates: {error}") from error


@functools.cache
def default_calendar() -> WorkingDayCalendar:
    """Monday to Friday, 2015-2035, no public holidays: the calendar of a framework folder
    without ``calendar.yaml``. Built once and shared."""
    return WorkingDayCalendar()
