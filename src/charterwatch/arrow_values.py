"""Arrow tables from Python values, without importing pandas.

``pyarrow.array`` asks pandas whether the values it is given are a pandas object before
converting them, and so imports pandas (about 0.35 s, a tenth of a whole ``compute`` of the
example) on the first conversion of any list or NumPy array, although nothing of pandas is
used. ``compute`` turns a few small sets of Python values into tables (the narrative
evidence, the calendar, the deadline rules, the figures it stores), so they are converted
here by DuckDB instead, which reads Python lists itself: each column is passed as one list
parameter and unnested, cast to the column's type, and the result is cast to the exact Arrow
schema asked for. Values of a type the column cannot hold raise ``ValueError``.

Not in a forked child (the build lays out the report in one): DuckDB cannot be used in a
process forked from one that ran it (its threads and locks do not survive the fork; a new
connection there hung in a test), so a child converts with pyarrow as usual.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import duckdb
    import numpy as np
    import pyarrow as pa

_CON: duckdb.DuckDBPyConnection | None = None
_LOCK = threading.Lock()
_FORKED = False
"""True in a process forked from the one that imported this module."""


def _after_fork_in_child() -> None:
    global _FORKED
    _FORKED = True


os.register_at_fork(after_in_child=_after_fork_in_child)


def arrow_table(columns: Mapping[str, Sequence[Any]], schema: pa.Schema) -> pa.Table:
    """A table of ``schema`` whose column ``name`` holds ``columns[name]`` (all the same
    length; ``None`` is a null). Raises ``ValueError`` when the lengths differ or a value
    does not fit its column's type."""
    import duckdb

    lengths = {len(columns[field.name]) for field in schema}
    if len(lengths) > 1:
        raise ValueError(f"columns of different lengths: {sorted(lengths)}")
    if not lengths or lengths == {0}:
        return _empty(schema)
    if _FORKED:
        import pyarrow as pa

        return pa.table({field.name: list(columns[field.name]) for field in schema}, schema=schema)
    selected = ", ".join(
        f"unnest(CAST(${i} AS {_sql_type(field.type)}[])) AS c{i}"
        for i, field in enumerate(schema, 1)
    )
    values = [list(columns[field.name]) for field in schema]
    with _LOCK:
        try:
            table = _connection().sql(f"SELECT {selected}", params=values).to_arrow_table()
        except duckdb.Error as error:
            raise ValueError(f"values do not fit the table's types: {error}") from error
    return table.rename_columns(schema.names).cast(schema)


def _empty(schema: pa.Schema) -> pa.Table:
    """A table of ``schema`` with no rows. Not ``schema.empty_table()``: it imports pandas
    (0.2 to 0.35 s of a compute of a folder with no deadline rules)."""
    import pyarrow as pa

    return pa.Table.from_arrays([pa.nulls(0, field.type) for field in schema], schema=schema)


def numpy_column(values: np.ndarray[Any, Any], kind: pa.DataType) -> pa.Array:
    """A NumPy array of ``int64``, ``bool`` or dates (``datetime64[D]``) as an Arrow array of
    ``kind`` (``int64``, ``bool_`` or ``date32``) with no nulls, made from its memory with
    no conversion (and no pandas, nor DuckDB)."""
    import numpy as np
    import pyarrow as pa

    data: np.ndarray[Any, Any]
    if kind == pa.int64():
        data = np.ascontiguousarray(values, dtype=np.int64)
    elif kind == pa.bool_():
        data = np.packbits(np.asarray(values, dtype=np.bool_), bitorder="little")
    elif kind == pa.date32():
        days = np.asarray(values, dtype="datetime64[D]").astype(np.int64)
        data = np.ascontiguousarray(days, dtype=np.int32)
    else:
        raise ValueError(f"no NumPy column for Arrow type {kind}")
    return pa.Array.from_buffers(kind, len(values), [None, pa.py_buffer(data)])


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
    """The process's one in-memory DuckDB connection, opened on first use; callers hold
    :data:`_LOCK` (a connection is not used by two threads at once). Not one per thread:
    a forked child destroys the other threads' locals, and with them a live connection,
    which crashed the child."""
    global _CON
    import duckdb

    if _CON is None:
        _CON = duckdb.connect()
    return _CON
