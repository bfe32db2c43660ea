"""PostgreSQL, chosen with ``postgresql://user@host:port/database``.

A source table reaches PostgreSQL the way PostgreSQL loads data fastest: one
``CREATE TEMPORARY TABLE`` with column types from the Arrow schema, then ``COPY ... FROM
STDIN`` fed batch by batch as CSV written by Arrow's C++ writer (so memory holds one batch
of text at a time, never the whole table as Python objects), then ``ANALYZE``. Ibis's
generic ``create_table`` instead inserts the rows one statement at a time and never analyses
them, and without statistics the planner takes a freshly loaded table for a few hundred rows
and picks nested loops for the survey queries (a minute at the example's size 1).

Everything runs on the connection Ibis itself uses (``backend.con``), so the temporary
tables are visible to the measure queries and vanish with the session, even when the run is
killed.

Why CSV rather than binary COPY: Arrow writes CSV for a whole batch in C++, while binary COPY
from Python encodes row by row. CSV is exact for these types: every string is quoted (so an
empty string is ``""`` and a null is an empty unquoted field, which ``COPY`` reads as NULL;
tabs, newlines, quotes, commas and backslashes need no escaping inside quotes, and a quoted
``\\.`` is not the end-of-data marker), floats are written with the shortest representation
that reads back to the same double, dates as ISO dates.

Measured on the example (2 shared cores, ``bench/engines.py``): at size 10 (4.2 million
rows) putting the sources took 446 s before (row by row) and about 37 s with ``COPY``; the
whole computation did not finish in 15 minutes before and is now about 1.4 times DuckDB's.
What remains is mostly ``COPY`` itself (server CPU parsing 430 MB of CSV for the client
survey) and the duration kind's queries (a scan of every application per breakdown, each
joining the calendar twice and sorting for the percentiles). Temporary tables are never
scanned by parallel workers, so PostgreSQL uses one core per query here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from charterwatch.engines import Engine, redact
from charterwatch.failures import EngineUnreachableError

if TYPE_CHECKING:
    import ibis.expr.types as ir
    import pyarrow as pa

BATCH_ROWS = 65_536
"""Rows per CSV chunk sent to ``COPY``: a few megabytes of text, whatever the table's size."""

SESSION_SETTINGS: dict[str, str] = {
    "temp_buffers": "1GB",
    "work_mem": "64MB",
    "jit": "off",
}
"""Settings for this run's session only (``SET``, never the server's configuration).

``temp_buffers``: temporary tables live in the session's own buffers, 8 MB by default, so
every scan of a larger source table read it back from the operating system (at the example's
size 10, 40% more server time on the slowest measures); this is a ceiling, used only as the
tables fill it, and must be set before the first temporary table. ``work_mem``: the duration
kind's medians and percentiles sort every group's durations; at the default 4 MB those sorts
spill to disk at size 10 (20% longer). ``jit``: measured no faster at size 10, where few
queries pass the cost at which PostgreSQL compiles them; off, so the many short measure
queries never pay for compiling with LLVM."""

CLUSTERED_COLUMNS: tuple[str, ...] = ("question",)
"""Columns the measure queries filter on one value at a time, over large tables.

The survey kinds read one question of a survey table per query (and, for a base question,
a second one). Rows are loaded grouped by this column within each load batch and the
column gets a BRIN index, so such a query reads only the pages holding its question
instead of the whole table (measured at the example's size 10: 4 s to 0.4 s per survey
query). A B-tree index without the grouping does not help: every page holds a row of every
question, so the scan still reads every page, and it costs seven times as much to build."""

BRIN_PAGES_PER_RANGE = 16
"""Pages summarised by one BRIN entry: small enough that a range rarely spans two questions'
runs of pages (a run is about 60 pages of a 65,536-row batch at 20 questions)."""

MAX_IDENTIFIER_BYTES = 63
"""PostgreSQL silently truncates longer names (``NAMEDATALEN - 1``)."""


class PostgresEngine(Engine):
    """PostgreSQL through Ibis; the source tables are temporary tables of this session."""

    @classmethod
    def open(cls, url: str | None) -> Engine:
        import ibis
        import psycopg

        assert url is not None
        try:
            backend = ibis.connect(url)
        except psycopg.OperationalError as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise EngineUnreachableError(
                f"cannot connect to the engine at {redact(url)}: {reason}",
                "check that the server is running and that the host, port, database and user "
                "in --engine are right",
            ) from exc
        con = backend.con
        with con.cursor() as cursor:
            # COPY sends UTF-8 bytes; the session must read them as UTF-8 whatever the
            # database's own encoding is
            cursor.execute("SET client_encoding TO 'UTF8'")
            for setting, value in SESSION_SETTINGS.items():
                cursor.execute("SELECT set_config(%s, %s, false)", (setting, value))
        return cls(backend, str(backend.name))

    def put(self, name: str, data: pa.Table | pa.RecordBatchReader) -> ir.Table:
        """Load ``data`` into a new temporary table with ``COPY``, analyse it, return it.

        A table with a text column of :data:`CLUSTERED_COLUMNS` is loaded grouped by it and
        gets a BRIN index on it. One transaction: a load that fails leaves no table. A table
        with no rows still gets its typed columns, so a source with nothing for this
        framework computes as "no data" rather than failing. Raises ValueError naming the
        column when a column cannot be stored in PostgreSQL (an Arrow type with no
        PostgreSQL equivalent, a name PostgreSQL would truncate, a text with a NUL
        character).
        """
        from psycopg import sql

        full = self.table_name(name)
        columns = [column_definition(field) for field in data.schema]
        table = sql.Identifier(full)
        con = self.backend.con
        with con.transaction(), con.cursor() as cursor:
            cursor.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(table))
            cursor.execute(
                sql.SQL("CREATE TEMPORARY TABLE {} ({})").format(table, sql.SQL(", ").join(columns))
            )
            # FREEZE: the table is new in this transaction, so its rows are written visible
            # to all, and the first query does not rewrite every page to mark them so
            copy_sql = sql.SQL("COPY {} FROM STDIN WITH (FORMAT csv, FREEZE)").format(table)
            clustered = [
                field.name
                for field in data.schema
                if field.name in CLUSTERED_COLUMNS and postgres_type(field) == "text"
            ]
            with cursor.copy(copy_sql) as copy:
                for chunk in csv_chunks(full, batches_of(data), clustered[:1]):
                    copy.write(chunk)
            cursor.execute(sql.SQL("ANALYZE {}").format(table))
            for column in clustered:
                cursor.execute(
                    sql.SQL(
                        "CREATE INDEX ON {} USING brin ({}) WITH (pages_per_range = {})"
                    ).format(table, sql.Identifier(column), sql.Literal(BRIN_PAGES_PER_RANGE))
                )
        if full not in self.created:
            self.created.append(full)
        return self.backend.table(full)


def column_definition(field: pa.Field) -> Any:
    """``"name" type`` for one Arrow field (nullable; the sources were validated already)."""
    from psycopg import sql

    if len(field.name.encode("utf-8")) > MAX_IDENTIFIER_BYTES:
        raise ValueError(
            f"column '{field.name}' has a name longer than PostgreSQL's limit of "
            f"{MAX_IDENTIFIER_BYTES} bytes; give it a shorter name in the source"
        )
    return sql.SQL("{} {}").format(sql.Identifier(field.name), sql.SQL(postgres_type(field)))


def postgres_type(field: pa.Field) -> str:
    """The PostgreSQL type that holds every value of an Arrow field exactly.

    Raises ValueError for a type with no exact equivalent (lists, structs, durations, ...),
    which a validated source never has.
    """
    import pyarrow as pa
    import pyarrow.types as t

    kind = field.type
    if t.is_dictionary(kind):
        kind = kind.value_type
    if t.is_string(kind) or t.is_large_string(kind) or t.is_null(kind):
        return "text"
    if t.is_boolean(kind):
        return "boolean"
    if t.is_int8(kind) or t.is_int16(kind) or t.is_uint8(kind):
        return "smallint"
    if t.is_int32(kind) or t.is_uint16(kind):
        return "integer"
    if t.is_int64(kind) or t.is_uint32(kind):
        return "bigint"
    if t.is_uint64(kind):
        return "numeric(20, 0)"
    if t.is_float16(kind) or t.is_float32(kind):
        return "real"
    if t.is_float64(kind):
        return "double precision"
    if t.is_decimal(kind):
        assert isinstance(kind, pa.Decimal128Type | pa.Decimal256Type)
        return f"numeric({kind.precision}, {kind.scale})"
    if t.is_date(kind):
        return "date"
    if t.is_timestamp(kind):
        assert isinstance(kind, pa.TimestampType)
        return "timestamp with time zone" if kind.tz else "timestamp"
    raise ValueError(
        f"column '{field.name}' has the type {field.type}, which charterwatch cannot put on "
        "PostgreSQL; declare it in the source as text, a number, a date or a boolean"
    )


def batches_of(data: pa.Table | pa.RecordBatchReader) -> Iterable[pa.RecordBatch]:
    """The record batches of a table or a reader, at most :data:`BATCH_ROWS` rows each."""
    import pyarrow as pa

    if isinstance(data, pa.RecordBatchReader):
        return (
            batch.slice(start, BATCH_ROWS)
            for batch in data
            for start in range(0, batch.num_rows, BATCH_ROWS)
        )
    batches: list[pa.RecordBatch] = data.to_batches(max_chunksize=BATCH_ROWS)
    return batches


def grouped(batch: pa.RecordBatch, column: str) -> pa.RecordBatch:
    """``batch`` with its rows in ascending order of ``column`` (nulls last).

    Sorts small integer codes rather than the strings: the column is dictionary encoded,
    its few distinct values ranked, and the rows ordered by their value's rank.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    values = batch.column(column)
    encoded = values if pa.types.is_dictionary(values.type) else pc.dictionary_encode(values)
    rank_of_code = pc.rank(encoded.dictionary, sort_keys="ascending", tiebreaker="dense")
    ranks = pc.take(rank_of_code, encoded.indices)
    return batch.take(pc.sort_indices(ranks))  # nulls last


def csv_chunks(
    table: str, batches: Iterable[pa.RecordBatch], group_by: Sequence[str] = ()
) -> Iterator[bytes]:
    """Each batch as CSV text for ``COPY ... WITH (FORMAT csv)``: no header, strings quoted.

    With ``group_by`` (one column), each batch's rows are written in ascending order of that
    column (see :func:`grouped`); the order of rows in a table means nothing to the queries.

    Timestamps with a time zone are written as UTC with a ``Z``; dictionary columns are
    written as their values. A NUL character, which PostgreSQL's text cannot hold, is
    refused with the column and row where it is (rows counted from 1 across batches).
    """
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    options = pa_csv.WriteOptions(include_header=False, quoting_style="needed")
    offset = 0
    for batch in batches:
        columns = [
            column.cast(column.type.value_type) if pa.types.is_dictionary(column.type) else column
            for column in batch.columns
        ]
        plain = pa.RecordBatch.from_arrays(columns, names=batch.schema.names)
        sink = pa.BufferOutputStream()
        ordered = grouped(plain, group_by[0]) if group_by and plain.num_rows > 1 else plain
        pa_csv.write_csv(ordered, sink, options)
        text = sink.getvalue().to_pybytes()
        if b"\x00" in text:  # memchr over the chunk; only a bad batch is searched column-wise
            raise ValueError(nul_message(table, plain, offset))
        offset += batch.num_rows
        yield text


def nul_message(table: str, batch: pa.RecordBatch, offset: int) -> str:
    """Where the first NUL character of ``batch`` is, as a sentence with its fix."""
    import pyarrow as pa
    import pyarrow.compute as pc

    for field, column in zip(batch.schema, batch.columns, strict=True):
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            found = pc.match_substring(column, "\x00")
            if pc.any(found).as_py():
                row = offset + pc.index(found, True).as_py() + 1
                return (
                    f"column '{field.name}' of {table}, row {row}: the text holds a NUL "
                    "character, which PostgreSQL cannot store; remove it from the source or "
                    "compute on DuckDB"
                )
    return f"{table}: a value holds a NUL character, which PostgreSQL cannot store"
