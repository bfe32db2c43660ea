"""Tests of financial years, quarters, months and period labels."""

from __future__ import annotations

import itertools
import re
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from charterwatch.dates import (
    FinancialQuarter,
    FinancialYear,
    Month,
    PeriodLike,
    parse_period,
)

EXPECTED_FORM = "expected a financial year like 2023-24 (1 April 2023 to 31 March 2024)"


class TestFinancialYear:
    def test_parse_gives_april_to_march(self) -> None:
        fy = FinancialYear.parse("2023-24")
        assert fy == FinancialYear(2023)
        assert fy.start == date(2023, 4, 1)
        assert fy.end == date(2024, 3, 31)
        assert fy.label == str(fy) == "2023-24"
        assert fy.kind == "year"
        assert fy.end_year == 2024

    def test_century_boundary(self) -> None:
        assert FinancialYear.parse("1999-00").end == date(2000, 3, 31)
        assert FinancialYear(2099).label == "2099-00"

    @pytest.mark.parametrize(
        ("text", "suggestion"),
        [
            ("2023/24", "write it as 2023-24"),
            ("FY2023-24", "write it as 2023-24"),
            ("2023-2024", "write it as 2023-24"),
            ("2023 24", "write it as 2023-24"),
            ("2023-24 ", "write it as 2023-24"),
        ],
    )
    def test_invalid_loose_spellings_name_the_expected_form(
        self, text: str, suggestion: str
    ) -> None:
        with pytest.raises(ValueError) as caught:
            FinancialYear.parse(text)
        message = str(caught.value)
        assert EXPECTED_FORM in message
        assert suggestion in message
        assert repr(text) in message

    def test_invalid_loose_spelling_of_another_year_suggests_that_year(self) -> None:
        with pytest.raises(ValueError, match=re.escape("(1 April 2019 to 31 March 2020)")):
            FinancialYear.parse("2019/20")

    def test_invalid_non_consecutive_years(self) -> None:
        with pytest.raises(ValueError) as caught:
            FinancialYear.parse("2023-25")
        assert "must be consecutive" in str(caught.value)
        assert EXPECTED_FORM in str(caught.value)

    @pytest.mark.parametrize("text", ["", "abc", "23-24", "2023", "2023-4", "２０２３-２４"])
    def test_invalid_labels(self, text: str) -> None:
        with pytest.raises(ValueError, match=re.escape(EXPECTED_FORM)):
            FinancialYear.parse(text)

    def test_invalid_type(self) -> None:
        with pytest.raises(TypeError):
            FinancialYear.parse(2023)  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            FinancialYear(True)

    def test_invalid_out_of_range(self) -> None:
        with pytest.raises(ValueError, match="out of range"):
            FinancialYear(9999)

    @pytest.mark.parametrize(
        ("day", "label"),
        [
            (date(2024, 3, 31), "2023-24"),
            (date(2024, 4, 1), "2024-25"),
            (date(2024, 1, 1), "2023-24"),
            (date(2023, 12, 31), "2023-24"),
            (datetime(2024, 3, 31, 23, 59), "2023-24"),
        ],
    )
    def test_of(self, day: date, label: str) -> None:
        assert FinancialYear.of(day).label == label

    def test_contains_both_ends(self) -> None:
        fy = FinancialYear(2023)
        assert fy.contains(date(2023, 4, 1))
        assert fy.contains(date(2024, 3, 31))
        assert not fy.contains(date(2023, 3, 31))
        assert not fy.contains(date(2024, 4, 1))

    def test_next_previous_and_order(self) -> None:
        fy = FinancialYear(2023)
        assert fy.next().label == "2024-25"
        assert fy.previous().label == "2022-23"
        assert sorted([fy.next(), fy, fy.previous()]) == [fy.previous(), fy, fy.next()]
        assert len({fy, FinancialYear.parse("2023-24")}) == 1

    def test_quarters(self) -> None:
        quarters = FinancialYear(2023).quarters()
        assert [q.label for q in quarters] == [f"2023-24 Q{n}" for n in (1, 2, 3, 4)]
        assert [(q.start, q.end) for q in quarters] == [
            (date(2023, 4, 1), date(2023, 6, 30)),
            (date(2023, 7, 1), date(2023, 9, 30)),
            (date(2023, 10, 1), date(2023, 12, 31)),
            (date(2024, 1, 1), date(2024, 3, 31)),
        ]

    def test_months(self) -> None:
        months = FinancialYear(2023).months()
        assert len(months) == 12
        assert months[0].label == "2023-04"
        assert months[-1].label == "2024-03"

    def test_range(self) -> None:
        years = FinancialYear.range("2019-20", FinancialYear(2023))
        assert [y.label for y in years] == ["2019-20", "2020-21", "2021-22", "2022-23", "2023-24"]
        assert FinancialYear.range("2023-24", "2023-24") == (FinancialYear(2023),)

    def test_invalid_range_reversed(self) -> None:
        with pytest.raises(ValueError, match="before it starts"):
            FinancialYear.range("2023-24", "2022-23")


class TestFinancialQuarter:
    def test_parse(self) -> None:
        q = FinancialQuarter.parse("2023-24 Q4")
        assert q.financial_year == FinancialYear(2023)
        assert q.number == 4
        assert (q.start, q.end) == (date(2024, 1, 1), date(2024, 3, 31))
        assert q.kind == "quarter"

    @pytest.mark.parametrize("text", ["2023-24 Q5", "2023-24Q1", "Q1 2023-24", "2023-24 q1"])
    def test_invalid_labels(self, text: str) -> None:
        with pytest.raises(ValueError, match="expected a financial-year quarter like 2023-24 Q1"):
            FinancialQuarter.parse(text)

    def test_invalid_year_inside_label(self) -> None:
        with pytest.raises(ValueError, match="consecutive"):
            FinancialQuarter.parse("2023-25 Q1")

    def test_invalid_number(self) -> None:
        with pytest.raises(ValueError, match="1 to 4"):
            FinancialQuarter(FinancialYear(2023), 0)

    @pytest.mark.parametrize(
        ("day", "label"),
        [
            (date(2023, 4, 1), "2023-24 Q1"),
            (date(2023, 6, 30), "2023-24 Q1"),
            (date(2023, 7, 1), "2023-24 Q2"),
            (date(2023, 12, 31), "2023-24 Q3"),
            (date(2024, 1, 1), "2023-24 Q4"),
            (date(2024, 3, 31), "2023-24 Q4"),
        ],
    )
    def test_of(self, day: date, label: str) -> None:
        assert FinancialQuarter.of(day).label == label

    def test_next_previous_cross_years(self) -> None:
        q4 = FinancialQuarter.parse("2023-24 Q4")
        assert q4.next().label == "2024-25 Q1"
        assert q4.next().previous() == q4

    def test_range(self) -> None:
        labels = [q.label for q in FinancialQuarter.range("2022-23 Q3", "2023-24 Q2")]
        assert labels == ["2022-23 Q3", "2022-23 Q4", "2023-24 Q1", "2023-24 Q2"]
        with pytest.raises(ValueError, match="before it starts"):
            FinancialQuarter.range("2023-24 Q2", "2023-24 Q1")


class TestMonth:
    def test_parse_and_dates(self) -> None:
        month = Month.parse("2024-02")
        assert (month.start, month.end) == (date(2024, 2, 1), date(2024, 2, 29))
        assert month.financial_year.label == "2023-24"
        assert month.quarter.label == "2023-24 Q4"
        assert month.kind == "month"
        assert Month(2023, 12).next() == Month(2024, 1)
        assert Month(2024, 1).previous() == Month(2023, 12)

    @pytest.mark.parametrize("text", ["2023-13", "2023-00", "2023-4", "2023/04", "April 2023"])
    def test_invalid_labels(self, text: str) -> None:
        with pytest.raises(ValueError, match="expected a month like 2023-04"):
            Month.parse(text)

    def test_range(self) -> None:
        assert len(Month.range("2023-11", "2024-02")) == 4


class TestParsePeriod:
    @pytest.mark.parametrize(
        ("text", "kind", "start", "end"),
        [
            ("2023-24", "year", date(2023, 4, 1), date(2024, 3, 31)),
            ("2023-24 Q1", "quarter", date(2023, 4, 1), date(2023, 6, 30)),
            ("2023-04", "month", date(2023, 4, 1), date(2023, 4, 30)),
            ("2012-13", "year", date(2012, 4, 1), date(2013, 3, 31)),
        ],
    )
    def test_kinds(self, text: str, kind: str, start: date, end: date) -> None:
        period = parse_period(text)
        assert isinstance(period, PeriodLike)
        assert (period.kind, period.start, period.end, period.label) == (kind, start, end, text)

    def test_invalid_ambiguous_label_asks_for_kind(self) -> None:
        with pytest.raises(ValueError) as caught:
            parse_period("2011-12")
        message = str(caught.value)
        assert "ambiguous" in message
        assert "December 2011" in message
        assert "kind='year'" in message

    def test_kind_resolves_ambiguity(self) -> None:
        assert parse_period("2011-12", kind="year") == FinancialYear(2011)
        assert parse_period("2011-12", kind="month") == Month(2011, 12)
        assert parse_period("2023-24 Q2", kind="quarter") == FinancialQuarter(
            FinancialYear(2023), 2
        )

    @pytest.mark.parametrize("text", ["2023-25", "2023-13", "2023", "next year"])
    def test_invalid_labels_name_all_forms(self, text: str) -> None:
        with pytest.raises(ValueError, match="2023-24 Q1"):
            parse_period(text)

    def test_invalid_kind(self) -> None:
        with pytest.raises(ValueError, match="unknown period kind"):
            parse_period("2023-24", kind="week")  # type: ignore[arg-type]


@given(st.dates(min_value=date(1001, 1, 1), max_value=date(9997, 12, 31)))
def test_every_day_is_in_exactly_one_period_of_each_kind(day: date) -> None:
    fy, quarter, month = FinancialYear.of(day), FinancialQuarter.of(day), Month.of(day)
    assert fy.contains(day) and quarter.contains(day) and month.contains(day)
    assert not fy.next().contains(day) and not fy.previous().contains(day)
    assert not quarter.next().contains(day) and not quarter.previous().contains(day)
    assert quarter in fy.quarters() and month in quarter.months() and month in fy.months()
    assert month.financial_year == fy and month.quarter == quarter
    for period in (fy, quarter, month):
        assert parse_period(period.label, kind=period.kind) == period


@given(st.integers(min_value=1000, max_value=9997))
def test_years_tile_time(start_year: int) -> None:
    fy = FinancialYear(start_year)
    assert (fy.next().start - fy.end).days == 1
    quarters = fy.quarters()
    assert quarters[0].start == fy.start and quarters[-1].end == fy.end
    for a, b in itertools.pairwise(quarters):
        assert (b.start - a.end).days == 1
