"""Arrow tables from Python values, without importing pandas.

``pyarrow.array`` asks pandas whether the values it is given are a pandas object before
converting them, and so imports pandas (about 0.35 s, a tenth of a whole ``compute`` of the
example) on the first conversion of any list or NumPy array, although nothing of pandas is
used. ``compute`` turns a few small sets of Python values into tables (the narrative
evidence, the calendar, the deadline rules, the figures it stores), so they are converted
here by DuckDB instead, which reads Python lists itself: each column is passed as one list
parameter and unnested, cast to the column's type, and the result is cast to the exact Arrow
schema asked for. Values of a type the column cannot hold raise ``ValueError``.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import duckdb
    import pyarrow as pa

_LOCAL = threading.local()


def arrow_table(columns: Mapping[str, Sequence[Any]], schema: pa.Schema) -> pa.Table:
    """A table of ``schema`` whose column ``name`` holds ``columns[name]`` (all the same
    length; ``None`` is a null). Raises ``ValueError`` when the lengths differ or a value
    does not fit its column's type."""
    import duckdb

    lengths = {len(columns[field.name]) for field in schema}
    if len(lengths) > 1:
        raise ValueError(f"columns of different lengths: {sorted(lengths)}")
    if not lengths or lengths == {0}:
        return schema.empty_table()
    selected = ", ".join(
        f"unnest(CAST(${i} AS {_sql_type(field.type)}[])) AS c{i}"
        for i, field in enumerate(schema, 1)
    )
    values = [list(columns[field.name]) for field in schema]
    try:
        table = _connection().sql(f"SELECT {selected}", params=values).to_arrow_table()
    except duckdb.Error as error:
        raise ValueError(f"values do not fit the table's types: {error}") from error
    return table.rename_columns(schema.names).cast(schema)


def _sql_type(kind: pa.DataType) -> str:
    import pyarrow as pa

    if pa.types.is_list(kind):
        return f"{_sql_type(kind.value_type)}[]"
    if pa.types.is_timestamp(kind):
        return "TIMESTAMPTZ" if kind.tz else "TIMESTAMP"
    simple = {
        pa.string(): "VARCHAR",
        pa.large_string(): "VARCHAR",
        pa.int64(): "BIGINT",
        pa.int32(): "INTEGER",
        pa.float64(): "DOUBLE",
        pa.bool_(): "BOOLEAN",
        pa.date32(): "DATE",
    }
    if kind not in simple:
        raise ValueError(f"no column type for Arrow type {kind}")
    return simple[kind]


def _connection() -> duckdb.DuckDBPyConnection:
    """One in-memory DuckDB connection per thread (a connection is not shared between
    threads), opened on first use."""
    import duckdb

    con: duckdb.DuckDBPyConnection | None = getattr(_LOCAL, "con", None)
    if con is None:
        con = _LOCAL.con = duckdb.connect()
    return con
