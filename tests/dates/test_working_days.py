"""Tests of the Scottish working-day calendar and the working-day counting rule."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
import yaml

from charterwatch.dates import (
    ONE_OFF_GB_HOLIDAYS,
    CalendarError,
    OutsideCalendarError,
    WorkingDayCalendar,
)
from tests.dates.conftest import SCOTLAND

FRI_16_SEP_2022 = date(2022, 9, 16)
MON_19_SEP_2022 = date(2022, 9, 19)  # State Funeral of Queen Elizabeth II
TUE_20_SEP_2022 = date(2022, 9, 20)
MON_8_MAY_2023 = date(2023, 5, 8)  # Coronation of Charles III


class TestScottishHolidays:
    def test_one_off_bank_holidays(self, calendar: WorkingDayCalendar) -> None:
        assert not calendar.is_working_day(MON_19_SEP_2022)
        assert not calendar.is_working_day(MON_8_MAY_2023)
        assert "State Funeral" in (calendar.holiday_name(MON_19_SEP_2022) or "")
        assert "Coronation" in (calendar.holiday_name(MON_8_MAY_2023) or "")

    def test_one_offs_added_even_if_the_package_lacks_them(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        def without_one_offs(*args: Any, **kwargs: Any) -> dict[date, str]:
            return {date(2023, 1, 2): "New Year Holiday"}

        monkeypatch.setattr(
            "charterwatch.dates.working_days.holidays.country_holidays", without_one_offs
        )
        cal = WorkingDayCalendar(first_year=2022, last_year=2023, **SCOTLAND)
        for day, name in ONE_OFF_GB_HOLIDAYS.items():
            assert cal.holiday_name(day) == name
            assert not cal.is_working_day(day)

    def test_second_of_january_is_a_scottish_holiday(self, calendar: WorkingDayCalendar) -> None:
        assert not calendar.is_working_day(date(2024, 1, 2))  # Tuesday
        assert not calendar.is_working_day(date(2025, 1, 2))  # Thursday
        england = WorkingDayCalendar(
            first_year=2024, last_year=2025, country="GB", subdivision="ENG"
        )
        assert england.is_working_day(date(2024, 1, 2))

    def test_christmas_and_new_year_substitutes(self, calendar: WorkingDayCalendar) -> None:
        # Christmas 2022 fell on a Sunday, New Year 2023 on a Sunday: Mon 26, Tue 27 Dec,
        # Mon 2 and Tue 3 Jan were all holidays in Scotland.
        for day in (date(2022, 12, 26), date(2022, 12, 27), date(2023, 1, 2), date(2023, 1, 3)):
            assert not calendar.is_working_day(day), day
        assert calendar.is_working_day(date(2022, 12, 28))
        # Received Fri 23 Dec 2022, decided Wed 4 Jan 2023: 28, 29, 30 Dec and 4 Jan.
        assert calendar.working_days_between(date(2022, 12, 23), date(2023, 1, 4)) == 4

    def test_st_andrews_day_and_its_substitute(self, calendar: WorkingDayCalendar) -> None:
        assert not calendar.is_working_day(date(2023, 11, 30))  # Thursday
        # 30 November 2024 was a Saturday: the holiday moved to Monday 2 December.
        assert not calendar.is_working_day(date(2024, 12, 2))
        assert calendar.working_days_between(date(2024, 11, 29), date(2024, 12, 3)) == 1
        # 30 November 2025 is a Sunday: the holiday moves to Monday 1 December.
        assert not calendar.is_working_day(date(2025, 12, 1))

    def test_easter_monday_follows_the_package(self, calendar: WorkingDayCalendar) -> None:
        # The holidays package does not list Easter Monday as a Scottish bank holiday;
        # Good Friday is one. We follow the package (see docs/methods-dates.md).
        assert not calendar.is_working_day(date(2024, 3, 29))  # Good Friday
        assert calendar.is_working_day(date(2024, 4, 1))  # Easter Monday
        assert calendar.working_days_between(date(2024, 3, 28), date(2024, 4, 2)) == 2

    def test_holidays_between_is_inclusive(self, calendar: WorkingDayCalendar) -> None:
        september = calendar.holidays_between(date(2022, 9, 1), date(2022, 9, 30))
        assert list(september) == [MON_19_SEP_2022]
        assert list(calendar.holidays_between(MON_19_SEP_2022, MON_19_SEP_2022)) == [
            MON_19_SEP_2022
        ]
        assert calendar.holidays_between(date(2022, 9, 20), date(2022, 9, 30)) == {}

    def test_invalid_holidays_between_reversed(self, calendar: WorkingDayCalendar) -> None:
        with pytest.raises(ValueError, match="before first date"):
            calendar.holidays_between(date(2022, 9, 30), date(2022, 9, 1))

    def test_holidays_mapping_is_read_only(self, calendar: WorkingDayCalendar) -> None:
        with pytest.raises(TypeError):
            calendar.holidays[date(2023, 6, 1)] = "x"  # type: ignore[index]


class TestCountingRule:
    @pytest.mark.parametrize(
        ("received", "decided", "expected", "why"),
        [
            (FRI_16_SEP_2022, TUE_20_SEP_2022, 1, "Mon 19 Sep 2022 is the State Funeral"),
            (FRI_16_SEP_2022, MON_19_SEP_2022, 0, "decided on a holiday: counts to Fri"),
            (date(2022, 9, 15), TUE_20_SEP_2022, 2, "Fri and Tue"),
            (date(2023, 5, 5), date(2023, 5, 9), 1, "Mon 8 May 2023 is the Coronation"),
            (date(2023, 5, 4), date(2023, 5, 9), 2, "Fri 5 and Tue 9 May"),
            (date(2023, 6, 7), date(2023, 6, 7), 0, "same day"),
            (date(2023, 6, 7), date(2023, 6, 8), 1, "next working day"),
            (date(2023, 6, 9), date(2023, 6, 12), 1, "Friday to Monday"),
            (date(2023, 6, 10), date(2023, 6, 12), 1, "Saturday receipt, Monday decision"),
            (date(2023, 6, 11), date(2023, 6, 13), 2, "Sunday receipt, Tuesday decision"),
            (date(2023, 6, 10), date(2023, 6, 10), 0, "same day, a Saturday"),
            (date(2023, 6, 10), date(2023, 6, 11), 0, "Saturday to Sunday"),
            (date(2023, 6, 7), date(2023, 6, 10), 2, "decided Saturday: Thu and Fri"),
            (date(2023, 6, 5), date(2023, 6, 19), 10, "two whole weeks"),
            (MON_19_SEP_2022, TUE_20_SEP_2022, 1, "holiday receipt, next-day decision"),
        ],
    )
    def test_examples(
        self,
        calendar: WorkingDayCalendar,
        received: date,
        decided: date,
        expected: int,
        why: str,
    ) -> None:
        assert calendar.working_days_between(received, decided) == expected, why

    def test_time_of_day_is_ignored(self, calendar: WorkingDayCalendar) -> None:
        late = datetime(2023, 6, 7, 23, 59)
        early = datetime(2023, 6, 8, 0, 1)
        assert calendar.working_days_between(late, early) == 1
        assert calendar.working_days_between(datetime(2023, 6, 7, 18), date(2023, 6, 7)) == 0

    def test_invalid_decided_before_received(self, calendar: WorkingDayCalendar) -> None:
        with pytest.raises(ValueError, match="decided date 2023-06-06 is before received date"):
            calendar.working_days_between(date(2023, 6, 7), date(2023, 6, 6))

    def test_invalid_outside_coverage(self, calendar: WorkingDayCalendar) -> None:
        with pytest.raises(OutsideCalendarError, match="outside the calendar's years"):
            calendar.working_days_between(date(2014, 12, 31), date(2015, 1, 5))
        with pytest.raises(OutsideCalendarError, match=r"first_year, last_year in .*calendar"):
            calendar.is_working_day(date(2036, 1, 1))

    def test_invalid_outside_coverage_never_counts(self, calendar: WorkingDayCalendar) -> None:
        """A date after the last year raises in every counting function, never counts 0."""
        late = date(2036, 1, 2)
        with pytest.raises(OutsideCalendarError, match="decided date 2036-01-02 is outside"):
            calendar.working_days_between(date(2035, 12, 1), late)
        with pytest.raises(OutsideCalendarError, match="decided has dates outside"):
            calendar.working_days_between_arrays([date(2035, 12, 1)], [late])
        with pytest.raises(OutsideCalendarError, match="beyond the calendar's years"):
            calendar.add_working_days(date(2035, 12, 30), 5)

    def test_invalid_not_a_date(self, calendar: WorkingDayCalendar) -> None:
        with pytest.raises(TypeError, match="expected a date"):
            calendar.is_working_day("2023-06-07")  # type: ignore[arg-type]


class TestAddWorkingDays:
    @pytest.mark.parametrize(
        ("start", "n", "expected"),
        [
            (FRI_16_SEP_2022, 1, TUE_20_SEP_2022),
            (date(2023, 6, 10), 1, date(2023, 6, 12)),  # Saturday + 1 = Monday
            (date(2023, 6, 9), 1, date(2023, 6, 12)),  # Friday + 1 = Monday
            (date(2023, 6, 10), 0, date(2023, 6, 10)),
            (date(2023, 6, 7), 5, date(2023, 6, 14)),
            (date(2022, 12, 22), 5, date(2023, 1, 4)),  # across Christmas and New Year
        ],
    )
    def test_examples(
        self, calendar: WorkingDayCalendar, start: date, n: int, expected: date
    ) -> None:
        assert calendar.add_working_days(start, n) == expected
        assert calendar.working_days_between(start, expected) == n

    def test_invalid_negative(self, calendar: WorkingDayCalendar) -> None:
        with pytest.raises(ValueError, match="zero or more"):
            calendar.add_working_days(date(2023, 6, 7), -1)

    def test_invalid_beyond_coverage(self, calendar: WorkingDayCalendar) -> None:
        with pytest.raises(ValueError, match="later last_year"):
            calendar.add_working_days(date(2035, 12, 20), 20)


class TestExtensions:
    def test_extra_closure_day(self) -> None:
        closure = date(2023, 6, 7)
        cal = WorkingDayCalendar(
            {closure: "Office closure"}, first_year=2023, last_year=2023, **SCOTLAND
        )
        assert not cal.is_working_day(closure)
        assert cal.holiday_name(closure) == "Office closure"
        assert cal.working_days_between(date(2023, 6, 6), date(2023, 6, 8)) == 1

    def test_remove_a_package_holiday(self) -> None:
        cal = WorkingDayCalendar(
            remove=[date(2023, 1, 3)], first_year=2023, last_year=2023, **SCOTLAND
        )
        assert cal.is_working_day(date(2023, 1, 3))
        assert cal.holiday_name(date(2023, 1, 3)) is None

    def test_invalid_extensions_list_every_problem(self) -> None:
        with pytest.raises(CalendarError) as caught:
            WorkingDayCalendar(
                {date(2030, 1, 7): "out of range", date(2023, 6, 7): "both"},
                remove=[date(2023, 6, 7), date(2023, 6, 8), date(2010, 1, 1)],
                first_year=2023,
                last_year=2023,
                **SCOTLAND,
            )
        problems = caught.value.problems
        assert len(problems) == 4
        text = str(caught.value)
        assert "4 problems" in text
        assert "extra holiday 2030-01-07 is outside" in text
        assert "2023-06-07 is both an extra holiday and a date to remove" in text
        assert "date to remove 2023-06-08 is not a holiday" in text
        assert "date to remove 2010-01-01 is outside" in text

    def test_invalid_years_reversed(self) -> None:
        with pytest.raises(ValueError, match="before they start"):
            WorkingDayCalendar(first_year=2030, last_year=2020, **SCOTLAND)

    def test_invalid_region(self) -> None:
        with pytest.raises(ValueError, match="does not have subdivision XXX"):
            WorkingDayCalendar(country="GB", subdivision="XXX")

    def test_coverage_is_configurable(self) -> None:
        cal = WorkingDayCalendar(first_year=2022, last_year=2023, **SCOTLAND)
        assert (cal.first_day, cal.last_day) == (date(2022, 1, 1), date(2023, 12, 31))
        with pytest.raises(ValueError, match="outside"):
            cal.is_working_day(date(2024, 1, 1))
        assert "2022-2023" in repr(cal)

    def test_from_config_yaml_shape(self) -> None:
        text = """
        country: GB
        subdivision: SCT
        first_year: 2022
        last_year: 2023
        extra:
          - date: 2023-06-07          # unquoted: YAML reads a date
            name: Office closure
          - date: "2023-06-08"        # quoted: ISO text
            name: Second closure
        remove:
          - 2023-01-03
          - date: 2022-12-27
            reason: open that day
        """
        cal = WorkingDayCalendar.from_config(yaml.safe_load(text))
        assert not cal.is_working_day(date(2023, 6, 7))
        assert not cal.is_working_day(date(2023, 6, 8))
        assert cal.is_working_day(date(2023, 1, 3))
        assert cal.is_working_day(date(2022, 12, 27))
        assert not cal.is_working_day(MON_19_SEP_2022)

    def test_invalid_from_config_unknown_key(self) -> None:
        with pytest.raises(ValueError, match="extras"):
            WorkingDayCalendar.from_config({"extras": []})

    def test_invalid_from_config_bad_date(self) -> None:
        with pytest.raises(ValueError, match=r"extra\.0\.date"):
            WorkingDayCalendar.from_config({"extra": [{"date": "19/09/2022", "name": "x"}]})

    def test_invalid_from_config_duplicate_extra(self) -> None:
        entry = {"date": "2023-06-07", "name": "x"}
        with pytest.raises(CalendarError, match="listed more than once"):
            WorkingDayCalendar.from_config({"extra": [entry, entry]})

    def test_world_cup_day_can_be_removed_if_the_package_lists_it(self) -> None:
        day = date(2026, 6, 15)
        cal = WorkingDayCalendar(first_year=2026, last_year=2026, **SCOTLAND)
        if cal.is_working_day(day):
            pytest.skip("this holidays version does not list 15 June 2026")
        assert WorkingDayCalendar(
            remove=[day], first_year=2026, last_year=2026, **SCOTLAND
        ).is_working_day(day)


def test_weekends_are_never_working_days(calendar: WorkingDayCalendar) -> None:
    day = calendar.first_day
    while day <= calendar.last_day:
        if day.weekday() >= 5:
            assert not calendar.is_working_day(day)
        day += timedelta(days=1)


def test_provenance_fingerprint_changes_with_extensions(calendar: WorkingDayCalendar) -> None:
    info = calendar.provenance()
    assert info["region"] == "GB-SCT"
    assert info["years"] == "2015-2035"
    assert info["extra_holidays"] == "0"
    assert len(info["fingerprint"]) == 64
    assert WorkingDayCalendar(**SCOTLAND).provenance() == info
    extended = WorkingDayCalendar({date(2023, 6, 7): "Office closure"}, **SCOTLAND).provenance()
    assert extended["extra_holidays"] == "1"
    assert extended["fingerprint"] != info["fingerprint"]
