"""The file shape of a working-day calendar's extensions, as a user writes it in YAML.

Example (the ``calendar:`` key of a framework folder, by convention in ``calendar.yaml``)::

    first_year: 2015
    last_year: 2035
    extra:
      - date: 2024-12-24
        name: Office closure (example)
    remove:
      - date: 2026-06-15
        reason: not a closure day for this service

Unknown keys are rejected so that a misspelt key cannot be silently ignored. Dates may be
written quoted (ISO text) or unquoted (YAML then reads them as dates already).
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, model_validator


class HolidayEntry(BaseModel):
    """One extra closure date and its name (for example a one-off bank holiday)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    date: dt.date
    name: str = Field(min_length=1)


class RemovedHoliday(BaseModel):
    """A date the holidays package lists that should count as a working day, and why."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    date: dt.date
    reason: str = ""


class CalendarConfig(BaseModel):
    """Extensions to the working-day calendar, and the years and region it covers.

    Raises pydantic's ValidationError (a ValueError) for unknown keys, malformed dates or
    ``last_year`` before ``first_year``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    extra: list[HolidayEntry] = Field(
        default_factory=list, description="Extra closure dates (not working days), with names."
    )
    remove: list[dt.date | RemovedHoliday] = Field(
        default_factory=list,
        description="Holidays of the region that are working days for this service.",
    )
    first_year: int = Field(
        default=2015,
        ge=1900,
        le=2200,
        description="The first calendar year covered (from 1 January). Dates before it are "
        "errors when sources load.",
    )
    last_year: int = Field(
        default=2035,
        ge=1900,
        le=2200,
        description="The last calendar year covered (to 31 December). Dates after it are "
        "errors when sources load.",
    )
    country: str | None = Field(
        None,
        description="The country whose public holidays apply (the holidays package's code, "
        "e.g. GB); without it no public holidays, only the extra closure dates.",
    )
    subdivision: str | None = Field(
        None, description="The region within the country (GB: ENG, NIR, SCT, WLS), or null."
    )

    @model_validator(mode="after")
    def _years_in_order(self) -> CalendarConfig:
        if self.last_year < self.first_year:
            raise ValueError(
                f"last_year ({self.last_year}) is before first_year ({self.first_year})"
            )
        return self

    def extra_dates(self) -> list[dt.date]:
        """The extra holiday dates in file order (duplicates kept, so they can be reported)."""
        return [entry.date for entry in self.extra]

    def removed_dates(self) -> list[dt.date]:
        """The dates to remove, whichever way each was written."""
        return [item.date if isinstance(item, RemovedHoliday) else item for item in self.remove]
