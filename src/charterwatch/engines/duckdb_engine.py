"""DuckDB, the embedded default engine: in memory, or a database file named by the URL.

Memory: ``CHARTERWATCH_MEMORY_LIMIT`` (e.g. ``4GB``) is what the whole process may use;
DuckDB's ``memory_limit`` is set to four fifths of it (:data:`DUCKDB_SHARE`), leaving the rest
to Python, Arrow and the figures, as DuckDB's own default leaves a fifth of the machine to
everything else (measured at 100 million rows with the whole limit given to DuckDB, the
process peaked at 4.08 GB under a 4 GB limit). Past its share DuckDB spills to
``CHARTERWATCH_SPILL_DIR`` (default: a ``charterwatch-spill`` folder in the
system's temporary folder) rather than failing. Unset, DuckDB's own defaults apply (80% of
the machine's memory, spilling next to a database file or in ``.tmp``). The same settings
apply to the private connection that scans sources for another engine.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from charterwatch.engines import Engine

if TYPE_CHECKING:
    import duckdb
    import ibis.expr.types as ir
    import pyarrow as pa

IN_MEMORY = {None, "duckdb", "duckdb://", "duckdb://:memory:"}
MEMORY_LIMIT = "CHARTERWATCH_MEMORY_LIMIT"
SPILL_DIR = "CHARTERWATCH_SPILL_DIR"
DUCKDB_SHARE = 0.8
"""The part of ``CHARTERWATCH_MEMORY_LIMIT`` given to DuckDB."""
UNIT_BYTES = {
    "b": 1,
    **{unit: 1000**power for power, unit in enumerate(("kb", "mb", "gb", "tb"), 1)},
    **{unit: 1024**power for power, unit in enumerate(("kib", "mib", "gib", "tib"), 1)},
}


def duckdb_limit(limit: str) -> str:
    """DuckDB's share of a process memory limit such as ``4GB``, in MiB (``3051MiB``); a text
    that is not an amount of memory is passed on as it is, for DuckDB to word the error."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([A-Za-z]+)\s*", limit)
    if match is None or match.group(2).lower() not in UNIT_BYTES:
        return limit
    total = float(match.group(1)) * UNIT_BYTES[match.group(2).lower()]
    return f"{max(1, int(total * DUCKDB_SHARE) // 1024**2)}MiB"


def memory_settings() -> dict[str, str]:
    """DuckDB settings from the environment: ``memory_limit`` and ``temp_directory``, or
    none (DuckDB's defaults) when ``CHARTERWATCH_MEMORY_LIMIT`` is unset."""
    limit = os.environ.get(MEMORY_LIMIT, "").strip()
    if not limit:
        return {}
    spill = os.environ.get(SPILL_DIR, "").strip()
    folder = Path(spill) if spill else Path(tempfile.gettempdir()) / "charterwatch-spill"
    folder.mkdir(parents=True, exist_ok=True)
    return {"memory_limit": duckdb_limit(limit), "temp_directory": str(folder)}


def apply_settings(con: duckdb.DuckDBPyConnection, settings: dict[str, str]) -> None:
    """Apply ``settings`` to a DuckDB connection."""
    for name, value in settings.items():
        escaped = value.replace("'", "''")
        con.execute(f"SET {name} = '{escaped}'")


def arrow_of(backend: Any, expr: ir.Table) -> pa.Table:
    """The rows of ``expr`` as Arrow, run by DuckDB's own connection and typed as Ibis
    types them (the same as ``expr.to_pyarrow()``). Not through the backend's
    ``to_pyarrow``: it imports Ibis's pandas converter, and with it pandas (0.35 s of every
    compute), to handle columns of the null type. An expression with such a column, or an
    in-memory table the backend must register first, goes through Ibis."""
    from ibis.expr.operations import InMemoryTable

    schema = expr.schema()
    if any(kind.is_null() for kind in schema.types) or expr.op().find(InMemoryTable):
        return expr.to_pyarrow()
    table = backend.con.sql(backend.compile(expr)).to_arrow_table()
    return expr.__pyarrow_result__(table)


def private_connection() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with the memory settings, for scanning sources."""
    import duckdb

    con = duckdb.connect()
    apply_settings(con, memory_settings())
    return con


class DuckDBEngine(Engine):
    """DuckDB through Ibis; ``duckdb://path/to/file.ddb`` opens a database file."""

    @classmethod
    def open(cls, url: str | None) -> Engine:
        import ibis

        backend = ibis.duckdb.connect() if url in IN_MEMORY else ibis.connect(url)
        settings = memory_settings()
        if settings:
            apply_settings(backend.con, settings)
        return cls(backend, "duckdb")

    def put(self, name: str, data: pa.Table | pa.RecordBatchReader) -> ir.Table:
        """Create ``data`` as a TEMP table through DuckDB's own connection (it reads Arrow
        tables and streams directly). Not through Ibis's ``create_table``: that dispatches
        on the data's type by importing every kind it could be, pandas among them (0.35 s
        of every compute), for a table that is Arrow already."""
        from charterwatch.sources.scan.cells_sql import ident

        full = self.table_name(name)
        view = f"cw_arrow_{full}"
        con = self.backend.con
        con.register(view, data)
        try:
            created = f"CREATE OR REPLACE TEMP TABLE {ident(full)} AS SELECT * FROM {ident(view)}"
            con.execute(created)
        finally:
            con.unregister(view)
        self.created.append(full)
        return self.backend.table(full)
