"""Arrow tables from Python values built by DuckDB (:mod:`charterwatch.arrow_values`) are the
tables ``pyarrow.table`` builds from the same values, for every column type compute uses."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

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


def test_numpy_columns_are_the_arrays_pyarrow_makes() -> None:
    import numpy as np

    from charterwatch.arrow_values import numpy_column

    numbers = np.array([0, -5, 2**40, 7], dtype=np.int64)
    flags = np.array([True, False, True, True, False, False, False, False, True])
    days = np.arange(4) + np.datetime64("1969-12-30", "D")
    assert numpy_column(numbers, pa.int64()).equals(pa.array(numbers.tolist(), pa.int64()))
    assert numpy_column(flags, pa.bool_()).equals(pa.array(flags.tolist(), pa.bool_()))
    assert numpy_column(days, pa.date32()).to_pylist() == [
        dt.date(1969, 12, 30) + dt.timedelta(days=i) for i in range(4)
    ]


def test_a_forked_child_converts_without_duckdb() -> None:
    """The build lays the report out in a forked process; DuckDB cannot be used in a child
    of a process that ran it (a new connection there hung), so the child uses pyarrow."""
    import multiprocessing

    arrow_table({"a": [1]}, pa.schema([("a", pa.int64())]))  # opens this process's connection
    child = multiprocessing.get_context("fork").Process(target=_convert_in_child)
    child.start()
    child.join(60)
    assert child.exitcode == 0


def _convert_in_child() -> None:
    table = arrow_table({"a": [1, 2]}, pa.schema([("a", pa.int64())]))
    raise SystemExit(0 if table.column("a").to_pylist() == [1, 2] else 1)


def test_an_empty_table_imports_no_pandas() -> None:
    """A folder with no deadline rules gives an empty rules table: ``schema.empty_table()``
    imported pandas there (0.2 to 0.35 s of such a compute)."""
    code = (
        "import sys, pyarrow as pa\n"
        "from charterwatch.arrow_values import arrow_table\n"
        "schema = pa.schema([('a', pa.string()), ('b', pa.date32()), ('c', pa.int64())])\n"
        "table = arrow_table({'a': [], 'b': [], 'c': []}, schema)\n"
        "assert table.num_rows == 0 and table.schema.equals(schema)\n"
        "print('pandas' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "False", done.stderr
