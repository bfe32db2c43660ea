"""The three ways of counting working days agree: scalar, vectorised, and the calendar table."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from charterwatch.dates import WorkingDayCalendar
from tests.dates.conftest import scottish_calendar
from tests.dates.reference import naive_working_days

CAL = scottish_calendar()
DAYS = st.dates(min_value=CAL.first_day, max_value=CAL.last_day)


@st.composite
def date_pairs(draw: st.DrawFn, max_gap: int = 400) -> tuple[date, date]:
    received = draw(st.dates(min_value=CAL.first_day, max_value=CAL.last_day))
    gap = draw(st.integers(min_value=0, max_value=max_gap))
    decided = min(received + timedelta(days=gap), CAL.last_day)
    return received, decided


class TestArrays:
    def test_equal_to_scalar_on_examples(self, calendar: WorkingDayCalendar) -> None:
        received = [date(2022, 9, 16), date(2023, 6, 10), date(2022, 12, 23), date(2023, 6, 7)]
        decided = [date(2022, 9, 20), date(2023, 6, 12), date(2023, 1, 4), date(2023, 6, 7)]
        counts = calendar.working_days_between_arrays(received, decided)
        assert counts.dtype == np.int64
        assert counts.tolist() == [1, 1, 4, 0]

    def test_accepts_text_and_datetime64_with_times(self, calendar: WorkingDayCalendar) -> None:
        received = np.array(["2023-06-07T23:59"], dtype="datetime64[m]")
        decided = ["2023-06-08"]
        assert calendar.working_days_between_arrays(received, decided).tolist() == [1]
        stamps = [datetime(2023, 6, 7, 18, 0)]
        assert calendar.working_days_between_arrays(stamps, stamps).tolist() == [0]

    def test_empty(self, calendar: WorkingDayCalendar) -> None:
        empty = np.array([], dtype="datetime64[D]")
        assert calendar.working_days_between_arrays(empty, empty).shape == (0,)

    def test_invalid_missing_decision(self, calendar: WorkingDayCalendar) -> None:
        with pytest.raises(ValueError, match="undecided cases"):
            calendar.working_days_between_arrays(
                ["2023-06-07", "2023-06-07"], ["2023-06-08", "NaT"]
            )

    def test_invalid_decided_before_received(self, calendar: WorkingDayCalendar) -> None:
        with pytest.raises(ValueError, match=r"1 decided date.* first at position 1"):
            calendar.working_days_between_arrays(
                ["2023-06-07", "2023-06-07"], ["2023-06-08", "2023-06-06"]
            )

    def test_invalid_shapes_types_and_coverage(self, calendar: WorkingDayCalendar) -> None:
        with pytest.raises(ValueError, match="shape"):
            calendar.working_days_between_arrays(["2023-06-07"], ["2023-06-08", "2023-06-09"])
        with pytest.raises(ValueError, match="must hold dates"):
            calendar.working_days_between_arrays([1, 2], [3, 4])
        with pytest.raises(ValueError, match="outside"):
            calendar.working_days_between_arrays(["2014-06-07"], ["2023-06-08"])

    @settings(max_examples=200)
    @given(st.lists(date_pairs(), min_size=1, max_size=30))
    def test_equal_to_scalar_and_naive(self, pairs: list[tuple[date, date]]) -> None:
        received = [p[0] for p in pairs]
        decided = [p[1] for p in pairs]
        counts = CAL.working_days_between_arrays(received, decided).tolist()
        assert counts == [CAL.working_days_between(a, b) for a, b in pairs]
        assert counts == [naive_working_days(CAL, a, b) for a, b in pairs]


class TestCalendarTable:
    def test_schema_and_first_rows(self, calendar: WorkingDayCalendar) -> None:
        table = calendar.calendar_table(date(2022, 9, 15), date(2022, 9, 21))
        assert table.schema == pa.schema(
            [
                ("date", pa.date32()),
                ("is_working_day", pa.bool_()),
                ("working_day_number", pa.int64()),
            ]
        )
        assert table.column("date").to_pylist()[0] == date(2022, 9, 15)
        working = [d.weekday() < 5 and d != date(2022, 9, 19) for d in table["date"].to_pylist()]
        assert table.column("is_working_day").to_pylist() == working
        assert table.column("working_day_number").to_pylist() == [1, 2, 2, 2, 2, 3, 4]

    def test_starting_on_a_non_working_day_numbers_from_zero(
        self, calendar: WorkingDayCalendar
    ) -> None:
        table = calendar.calendar_table(date(2023, 6, 10), date(2023, 6, 12))
        assert table.column("working_day_number").to_pylist() == [0, 0, 1]

    def test_default_covers_all_years(self, calendar: WorkingDayCalendar) -> None:
        table = calendar.calendar_table()
        assert table.num_rows == (calendar.last_day - calendar.first_day).days + 1
        assert table.column("date").to_pylist()[-1] == calendar.last_day

    def test_invalid_reversed_or_outside(self, calendar: WorkingDayCalendar) -> None:
        with pytest.raises(ValueError, match="before start"):
            calendar.calendar_table(date(2023, 6, 12), date(2023, 6, 10))
        with pytest.raises(ValueError, match="outside"):
            calendar.calendar_table(date(2014, 6, 12), date(2023, 6, 10))

    @settings(max_examples=300)
    @given(date_pairs(max_gap=2000), st.integers(min_value=0, max_value=60))
    def test_number_difference_equals_working_days_between(
        self, pair: tuple[date, date], lead_in: int
    ) -> None:
        received, decided = pair
        start = max(received - timedelta(days=lead_in), CAL.first_day)
        table = CAL.calendar_table(start, decided)
        numbers = table.column("working_day_number").to_pylist()
        wdn = {d: n for d, n in zip(table.column("date").to_pylist(), numbers, strict=True)}
        expected = CAL.working_days_between(received, decided)
        assert wdn[decided] - wdn[received] == expected
        assert expected == naive_working_days(CAL, received, decided)


def test_sql_join_on_the_calendar_table(calendar: WorkingDayCalendar) -> None:
    """The join the measure engine writes gives the same answer as the Python rule."""
    duckdb = pytest.importorskip("duckdb")
    days = calendar.calendar_table(date(2022, 1, 1), date(2023, 12, 31))
    cases = pa.table(
        {
            "received": pa.array(
                [date(2022, 9, 16), date(2023, 6, 10), date(2022, 12, 23)], pa.date32()
            ),
            "decided": pa.array(
                [date(2022, 9, 20), date(2023, 6, 12), date(2023, 1, 4)], pa.date32()
            ),
        }
    )
    con = duckdb.connect()
    con.register("days", days)
    con.register("cases", cases)
    rows = con.execute(
        """
        select c.received, d2.working_day_number - d1.working_day_number as working_days
        from cases c
        join days d1 on d1.date = c.received
        join days d2 on d2.date = c.decided
        order by c.received
        """
    ).fetchall()
    assert [r[1] for r in rows] == [1, 4, 1]
