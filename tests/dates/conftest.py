"""Shared fixtures for the dates tests: the default Scottish calendar."""

from __future__ import annotations

import pytest

from charterwatch.dates import WorkingDayCalendar, default_calendar


@pytest.fixture(scope="session")
def calendar() -> WorkingDayCalendar:
    """The default Scottish working-day calendar, 2015 to 2035."""
    return default_calendar()
