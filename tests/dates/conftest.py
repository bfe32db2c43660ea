"""Shared fixtures for the dates tests: the Scottish calendar of the shipped example."""

from __future__ import annotations

import functools

import pytest

from charterwatch.dates import WorkingDayCalendar

SCOTLAND = {"country": "GB", "subdivision": "SCT"}
"""The region of the shipped example's calendar (charterwatch itself has none)."""


@functools.cache
def scottish_calendar() -> WorkingDayCalendar:
    """The Scottish working-day calendar, 2015 to 2035, as examples/scotland declares it."""
    return WorkingDayCalendar(country="GB", subdivision="SCT")


@pytest.fixture(scope="session")
def calendar() -> WorkingDayCalendar:
    """The Scottish working-day calendar, 2015 to 2035."""
    return scottish_calendar()
