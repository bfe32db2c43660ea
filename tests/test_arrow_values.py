"""Arrow tables from Python values built by DuckDB (:mod:`charterwatch.arrow_values`) are the
tables ``pyarrow.table`` builds from the same values, for every column type compute uses."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest

from charterwatch.arrow_values import arrow_table

SCHEMA = pa.schema(
    [
        ("text", pa.string()),
        ("number", pa.int64()),
        ("share", pa.float64()),
        ("flag", pa.bool_()),
        ("day", pa.date32()),
        ("moment", pa.timestamp("us")),
        ("stamp", pa.timestamp("us", tz="UTC")),
        ("words", pa.list_(pa.string())),
    ]
)
UTC = dt.UTC
COLUMNS = {
    "text": ["a", None, "é — ✓", "", "x" * 5000],
    "number": [1, None, -(2**62), 0, 7],
    "share": [0.1, None, float("inf"), -0.0, 1e-300],
    "flag": [True, False, None, True, False],
    "day": [dt.date(2024, 2, 29), None, dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date.today()],
    "moment": [dt.datetime(2024, 1, 1, 9, 30, 15, 123456), None, None, None, None],
    "stamp": [dt.datetime(2024, 6, 1, 9, 30, tzinfo=UTC), None, None, None, None],
    "words": [["a", "b"], None, [], ["c"], ["d", None]],
}


def test_every_type_comes_back_as_pyarrow_makes_it() -> None:
    ours = arrow_table(COLUMNS, SCHEMA)
    assert ours.schema.equals(SCHEMA)
    assert ours.equals(pa.table(COLUMNS, schema=SCHEMA))


def test_no_rows_give_an_empty_table_of_the_schema() -> None:
    empty = arrow_table({name: [] for name in SCHEMA.names}, SCHEMA)
    assert empty.num_rows == 0 and empty.schema.equals(SCHEMA)


def test_columns_of_different_lengths_are_refused() -> None:
    schema = pa.schema([("a", pa.int64()), ("b", pa.int64())])
    with pytest.raises(ValueError, match="different lengths"):
        arrow_table({"a": [1, 2], "b": [1]}, schema)


def test_a_value_that_does_not_fit_its_column_is_refused() -> None:
    with pytest.raises(ValueError, match="do not fit"):
        arrow_table({"n": ["not a number"]}, pa.schema([("n", pa.int64())]))
