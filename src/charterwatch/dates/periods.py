"""Reporting periods of a charter's measures: financial years, their quarters, and months.

A financial year runs from 1 April to 31 March and is labelled ``2023-24``. Its quarters are
labelled ``2023-24 Q1`` (April to June) to ``2023-24 Q4`` (January to March), and months are
labelled ``2023-04``. Every period has ``start`` and ``end`` (both inclusive dates), a
``label`` and a ``kind`` (``"year"``, ``"quarter"`` or ``"month"``). Labels are parsed
strictly: a label that could be read two ways is rejected rather than guessed.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal, Protocol, TypeAlias, TypeVar, runtime_checkable

PeriodKind = Literal["year", "quarter", "month"]

MIN_START_YEAR = 1000
MAX_START_YEAR = 9998

_FY_LABEL = re.compile(r"([0-9]{4})-([0-9]{2})")
_QUARTER_LABEL = re.compile(r"([0-9]{4}-[0-9]{2}) Q([0-9])")
_MONTH_LABEL = re.compile(r"([0-9]{4})-([0-9]{2})")
# Loose spellings we recognise only to suggest the right one: 2023/24, FY2023-24, 2023-2024.
_FY_LOOSE = re.compile(r"\s*(?:FY\s*)?([0-9]{4})\s*[-/–_ ]\s*([0-9]{2}|[0-9]{4})\s*", re.I)


def as_day(value: date) -> date:
    """``value`` as a plain date: a ``datetime`` loses its time of day (which is ignored).

    Raises TypeError when ``value`` is not a date.
    """
    if isinstance(value, datetime):
        return value.date()
    if not isinstance(value, date):
        raise TypeError(f"expected a date, got {type(value).__name__}: {value!r}")
    return value


def _fy_expected(start_year: int = 2023) -> str:
    end = start_year + 1
    return (
        f"expected a financial year like {start_year}-{end % 100:02d} "
        f"(1 April {start_year} to 31 March {end})"
    )


@runtime_checkable
class PeriodLike(Protocol):
    """Anything with the shape of a reporting period (inclusive dates, a label, a kind)."""

    @property
    def start(self) -> date: ...

    @property
    def end(self) -> date: ...

    @property
    def label(self) -> str: ...

    @property
    def kind(self) -> PeriodKind: ...

    def contains(self, day: date) -> bool: ...


@dataclass(frozen=True, order=True, slots=True)
class FinancialYear:
    """A financial year, 1 April ``start_year`` to 31 March ``start_year + 1``, label ``2023-24``.

    Raises ValueError when ``start_year`` is outside 1000..9998, TypeError when not an int.
    """

    start_year: int

    def __post_init__(self) -> None:
        if isinstance(self.start_year, bool) or not isinstance(self.start_year, int):
            raise TypeError(f"start_year must be an int, got {self.start_year!r}")
        if not MIN_START_YEAR <= self.start_year <= MAX_START_YEAR:
            raise ValueError(
                f"financial year starting in {self.start_year} is out of range "
                f"({MIN_START_YEAR} to {MAX_START_YEAR})"
            )

    @classmethod
    def parse(cls, text: str) -> FinancialYear:
        """The financial year labelled ``text``, which must be exactly ``YYYY-YY`` (``2023-24``).

        Raises ValueError naming the expected form for anything else, including ``2023/24``,
        ``FY2023-24``, ``2023-2024`` and non-consecutive years such as ``2023-25``.
        """
        if not isinstance(text, str):
            raise TypeError(f"a financial year label must be text, got {text!r}")
        match = _FY_LABEL.fullmatch(text)
        if match is None:
            loose = _FY_LOOSE.fullmatch(text)
            if loose is not None:
                first = int(loose.group(1))
                if first <= MAX_START_YEAR:
                    raise ValueError(
                        f"{text!r} is not a financial year label: {_fy_expected(first)}; "
                        f"write it as {first}-{(first + 1) % 100:02d}"
                    )
            raise ValueError(f"{text!r} is not a financial year label: {_fy_expected()}")
        first, second = int(match.group(1)), int(match.group(2))
        if second != (first + 1) % 100:
            if first > MAX_START_YEAR:
                raise ValueError(f"{text!r} is not a financial year label: {_fy_expected()}")
            raise ValueError(
                f"{text!r} is not a financial year: the two years must be consecutive; "
                f"{_fy_expected(first)}"
            )
        return cls(first)

    @classmethod
    def of(cls, day: date) -> FinancialYear:
        """The financial year containing ``day`` (a ``datetime`` is taken at its date)."""
        day = as_day(day)
        return cls(day.year if day.month >= 4 else day.year - 1)

    @classmethod
    def range(
        cls, first: FinancialYear | str, last: FinancialYear | str
    ) -> tuple[FinancialYear, ...]:
        """Every financial year from ``first`` to ``last``, both included, in order.

        Labels are parsed with :meth:`parse`. Raises ValueError when ``last`` is before
        ``first``.
        """
        lo = first if isinstance(first, FinancialYear) else cls.parse(first)
        hi = last if isinstance(last, FinancialYear) else cls.parse(last)
        return _span(lo, hi, "financial year")

    @property
    def kind(self) -> Literal["year"]:
        """Always ``"year"``."""
        return "year"

    @property
    def end_year(self) -> int:
        """The calendar year in which this financial year ends (``2024`` for ``2023-24``)."""
        return self.start_year + 1

    @property
    def start(self) -> date:
        """1 April of ``start_year`` (inclusive)."""
        return date(self.start_year, 4, 1)

    @property
    def end(self) -> date:
        """31 March of the following year (inclusive)."""
        return date(self.start_year + 1, 3, 31)

    @property
    def label(self) -> str:
        """The label, such as ``2023-24``."""
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}"

    def contains(self, day: date) -> bool:
        """Whether ``day`` falls in this financial year (both ends included)."""
        return self.start <= as_day(day) <= self.end

    def next(self) -> FinancialYear:
        """The following financial year."""
        return FinancialYear(self.start_year + 1)

    def previous(self) -> FinancialYear:
        """The preceding financial year."""
        return FinancialYear(self.start_year - 1)

    def quarters(self) -> tuple[FinancialQuarter, ...]:
        """Q1 (April-June) to Q4 (January-March) of this year."""
        return tuple(FinancialQuarter(self, n) for n in range(1, 5))

    def months(self) -> tuple[Month, ...]:
        """The twelve months, April to March."""
        return tuple(m for q in self.quarters() for m in q.months())

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True, order=True, slots=True)
class FinancialQuarter:
    """A quarter of a financial year: Q1 April-June ... Q4 January-March; label ``2023-24 Q1``.

    Raises ValueError when ``number`` is not 1 to 4.
    """

    financial_year: FinancialYear
    number: int

    def __post_init__(self) -> None:
        if not isinstance(self.financial_year, FinancialYear):
            raise TypeError(f"financial_year must be a FinancialYear, got {self.financial_year!r}")
        if isinstance(self.number, bool) or self.number not in (1, 2, 3, 4):
            raise ValueError(f"a quarter number is 1 to 4, got {self.number!r}")

    @classmethod
    def parse(cls, text: str) -> FinancialQuarter:
        """The quarter labelled ``text``, exactly ``YYYY-YY QN`` such as ``2023-24 Q1``.

        Raises ValueError naming the expected form otherwise.
        """
        match = _QUARTER_LABEL.fullmatch(text) if isinstance(text, str) else None
        if match is None or match.group(2) not in "1234":
            raise ValueError(
                f"{text!r} is not a quarter label: expected a financial-year quarter like "
                "2023-24 Q1 (April to June 2023); Q2 is July-September, Q3 October-December, "
                "Q4 January-March"
            )
        return cls(FinancialYear.parse(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, day: date) -> FinancialQuarter:
        """The financial-year quarter containing ``day``."""
        day = as_day(day)
        return cls(FinancialYear.of(day), (day.month - 4) % 12 // 3 + 1)

    @classmethod
    def range(
        cls, first: FinancialQuarter | str, last: FinancialQuarter | str
    ) -> tuple[FinancialQuarter, ...]:
        """Every quarter from ``first`` to ``last``, both included.

        Raises ValueError when ``last`` is before ``first``.
        """
        lo = first if isinstance(first, FinancialQuarter) else cls.parse(first)
        hi = last if isinstance(last, FinancialQuarter) else cls.parse(last)
        return _span(lo, hi, "quarter")

    @property
    def kind(self) -> Literal["quarter"]:
        """Always ``"quarter"``."""
        return "quarter"

    @property
    def start(self) -> date:
        """The first day of the quarter's first month (inclusive)."""
        return self.months()[0].start

    @property
    def end(self) -> date:
        """The last day of the quarter's last month (inclusive)."""
        return self.months()[-1].end

    @property
    def label(self) -> str:
        """The label, such as ``2023-24 Q1``."""
        return f"{self.financial_year.label} Q{self.number}"

    def contains(self, day: date) -> bool:
        """Whether ``day`` falls in this quarter (both ends included)."""
        return self.start <= as_day(day) <= self.end

    def months(self) -> tuple[Month, ...]:
        """The quarter's three months in order."""
        first = date(self.financial_year.start_year, 4, 1)
        offset = 3 * (self.number - 1)
        out = []
        for i in range(offset, offset + 3):
            year = first.year + (3 + i) // 12
            out.append(Month(year, (3 + i) % 12 + 1))
        return tuple(out)

    def next(self) -> FinancialQuarter:
        """The following quarter (Q4 is followed by Q1 of the next year)."""
        if self.number == 4:
            return FinancialQuarter(self.financial_year.next(), 1)
        return FinancialQuarter(self.financial_year, self.number + 1)

    def previous(self) -> FinancialQuarter:
        """The preceding quarter (Q1 is preceded by Q4 of the previous year)."""
        if self.number == 1:
            return FinancialQuarter(self.financial_year.previous(), 4)
        return FinancialQuarter(self.financial_year, self.number - 1)

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True, order=True, slots=True)
class Month:
    """A calendar month, label ``2023-04``.

    Raises ValueError when ``month`` is not 1 to 12 or ``year`` is outside 1000..9999.
    """

    year: int
    month: int

    def __post_init__(self) -> None:
        for name, value in (("year", self.year), ("month", self.month)):
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(f"{name} must be an int, got {value!r}")
        if not 1 <= self.month <= 12:
            raise ValueError(f"a month number is 1 to 12, got {self.month}")
        if not MIN_START_YEAR <= self.year <= MAX_START_YEAR + 1:
            raise ValueError(f"year {self.year} is out of range")

    @classmethod
    def parse(cls, text: str) -> Month:
        """The month labelled ``text``, exactly ``YYYY-MM`` such as ``2023-04``.

        Raises ValueError naming the expected form otherwise.
        """
        match = _MONTH_LABEL.fullmatch(text) if isinstance(text, str) else None
        if match is None or not 1 <= int(match.group(2)) <= 12:
            raise ValueError(f"{text!r} is not a month label: expected a month like 2023-04")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, day: date) -> Month:
        """The month containing ``day``."""
        day = as_day(day)
        return cls(day.year, day.month)

    @classmethod
    def range(cls, first: Month | str, last: Month | str) -> tuple[Month, ...]:
        """Every month from ``first`` to ``last``, both included. Raises ValueError if reversed."""
        lo = first if isinstance(first, Month) else cls.parse(first)
        hi = last if isinstance(last, Month) else cls.parse(last)
        return _span(lo, hi, "month")

    @property
    def kind(self) -> Literal["month"]:
        """Always ``"month"``."""
        return "month"

    @property
    def start(self) -> date:
        """The first day of the month (inclusive)."""
        return date(self.year, self.month, 1)

    @property
    def end(self) -> date:
        """The last day of the month (inclusive)."""
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def label(self) -> str:
        """The label, such as ``2023-04``."""
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def financial_year(self) -> FinancialYear:
        """The financial year this month belongs to."""
        return FinancialYear.of(self.start)

    @property
    def quarter(self) -> FinancialQuarter:
        """The financial-year quarter this month belongs to."""
        return FinancialQuarter.of(self.start)

    def contains(self, day: date) -> bool:
        """Whether ``day`` falls in this month."""
        day = as_day(day)
        return (day.year, day.month) == (self.year, self.month)

    def next(self) -> Month:
        """The following month."""
        return Month(self.year + 1, 1) if self.month == 12 else Month(self.year, self.month + 1)

    def previous(self) -> Month:
        """The preceding month."""
        return Month(self.year - 1, 12) if self.month == 1 else Month(self.year, self.month - 1)

    def __str__(self) -> str:
        return self.label


_P = TypeVar("_P", FinancialYear, FinancialQuarter, Month)


def _span(lo: _P, hi: _P, what: str) -> tuple[_P, ...]:
    """Every period from ``lo`` to ``hi`` inclusive. Raises ValueError when reversed."""
    if hi < lo:
        raise ValueError(f"{what} range ends ({hi}) before it starts ({lo})")
    out = [lo]
    while out[-1] < hi:
        out.append(out[-1].next())
    return tuple(out)


Period: TypeAlias = FinancialYear | FinancialQuarter | Month
"""One reporting period of any kind; use ``period.kind`` or ``isinstance`` to tell them apart."""


def parse_period(text: str, kind: PeriodKind | None = None) -> Period:
    """The period labelled ``text``: ``2023-24`` (year), ``2023-24 Q1`` (quarter), ``2023-04``.

    ``kind`` forces one reading. Without it, labels of the form ``YYYY-NN`` that are both a
    financial year and a month (``2000-01`` to ``2011-12``: ``2011-12`` is the year 2011-12
    and also December 2011) are rejected rather than guessed.

    Raises ValueError naming the expected forms when ``text`` is not a period label, or when it
    is ambiguous and ``kind`` is not given.
    """
    if kind == "year":
        return FinancialYear.parse(text)
    if kind == "quarter":
        return FinancialQuarter.parse(text)
    if kind == "month":
        return Month.parse(text)
    if kind is not None:
        raise ValueError(f"unknown period kind {kind!r}: expected 'year', 'quarter' or 'month'")
    if not isinstance(text, str):
        raise TypeError(f"a period label must be text, got {text!r}")
    if " Q" in text:
        return FinancialQuarter.parse(text)
    match = _MONTH_LABEL.fullmatch(text)
    if match is not None:
        first, second = int(match.group(1)), int(match.group(2))
        is_year = second == (first + 1) % 100 and first <= MAX_START_YEAR
        is_month = 1 <= second <= 12
        if is_year and is_month:
            raise ValueError(
                f"{text!r} is ambiguous: it is the financial year {text} and also the month "
                f"{date(first, second, 1):%B %Y}; pass kind='year' or kind='month'"
            )
        if is_year:
            return FinancialYear(first)
        if is_month:
            return Month(first, second)
    raise ValueError(
        f"{text!r} is not a period label: expected a financial year like 2023-24, "
        "a quarter like 2023-24 Q1 (April to June 2023) or a month like 2023-04"
    )
