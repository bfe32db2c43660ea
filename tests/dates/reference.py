"""A deliberately naive statement of the counting rule, to check the fast versions against."""

from __future__ import annotations

from datetime import date, timedelta

from charterwatch.dates import WorkingDayCalendar


def naive_working_days(cal: WorkingDayCalendar, received: date, decided: date) -> int:
    """Working days d with received < d <= decided, counted one day at a time."""
    count = 0
    day = received + timedelta(days=1)
    while day <= decided:
        if day.weekday() < 5 and day not in cal.holidays:
            count += 1
        day += timedelta(days=1)
    return count
