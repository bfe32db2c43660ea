"""Dates for charter measures: financial-year periods, working days, dated deadlines.

- :mod:`~charterwatch.dates.periods`: financial years (``2023-24``), quarters, months.
- :mod:`~charterwatch.dates.working_days`: the working-day calendar and the counting rule.
- :mod:`~charterwatch.dates.calendar_config`: the YAML shape of calendar extensions.
- :mod:`~charterwatch.dates.deadlines`: deadline rules with effective dates, and compliance.

Everything here is pure (no I/O) and typed. A framework folder declares its calendar and
deadline rules in ``calendar.yaml`` and ``deadlines.yaml``; the model layer reads them.
See ``docs/methods-dates.md`` for the rules in plain words.
"""

from charterwatch.dates.calendar_config import CalendarConfig, HolidayEntry, RemovedHoliday
from charterwatch.dates.deadlines import (
    ANY_GROUP,
    DeadlineRule,
    DeadlineRulebook,
    DeadlinesFile,
    DeadlineUnit,
    NoDeadlineRuleError,
    RulebookError,
    deadline,
    load_default_rulebook,
    met,
)
from charterwatch.dates.periods import (
    FinancialQuarter,
    FinancialYear,
    Month,
    Period,
    PeriodKind,
    PeriodLike,
    as_day,
    parse_period,
)
from charterwatch.dates.working_days import (
    ONE_OFF_GB_HOLIDAYS,
    CalendarError,
    OutsideCalendarError,
    WorkingDayCalendar,
    default_calendar,
)

__all__ = [
    "ANY_GROUP",
    "ONE_OFF_GB_HOLIDAYS",
    "CalendarConfig",
    "CalendarError",
    "DeadlineRule",
    "DeadlineRulebook",
    "DeadlineUnit",
    "DeadlinesFile",
    "FinancialQuarter",
    "FinancialYear",
    "HolidayEntry",
    "Month",
    "NoDeadlineRuleError",
    "OutsideCalendarError",
    "Period",
    "PeriodKind",
    "PeriodLike",
    "RemovedHoliday",
    "RulebookError",
    "WorkingDayCalendar",
    "as_day",
    "deadline",
    "default_calendar",
    "load_default_rulebook",
    "met",
    "parse_period",
]
