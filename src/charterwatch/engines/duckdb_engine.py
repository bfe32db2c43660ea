"""DuckDB, the embedded default engine: in memory, or a database file named by the URL.

Memory: ``CHARTERWATCH_MEMORY_LIMIT`` (e.g. ``4GB``) sets DuckDB's ``memory_limit``; past it
DuckDB spills to ``CHARTERWATCH_SPILL_DIR`` (default: a ``charterwatch-spill`` folder in the
system's temporary folder) rather than failing. Unset, DuckDB's own defaults apply (80% of
the machine's memory, spilling next to a database file or in ``.tmp``). The same settings
apply to the private connection that scans sources for another engine.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from charterwatch.engines import Engine

if TYPE_CHECKING:
    import duckdb

IN_MEMORY = {None, "duckdb", "duckdb://", "duckdb://:memory:"}
MEMORY_LIMIT = "CHARTERWATCH_MEMORY_LIMIT"
SPILL_DIR = "CHARTERWATCH_SPILL_DIR"


def memory_settings() -> dict[str, str]:
    """DuckDB settings from the environment: ``memory_limit`` and ``temp_directory``, or
    none (DuckDB's defaults) when ``CHARTERWATCH_MEMORY_LIMIT`` is unset."""
    limit = os.environ.get(MEMORY_LIMIT, "").strip()
    if not limit:
        return {}
    spill = os.environ.get(SPILL_DIR, "").strip()
    folder = Path(spill) if spill else Path(tempfile.gettempdir()) / "charterwatch-spill"
    folder.mkdir(parents=True, exist_ok=True)
    return {"memory_limit": limit, "temp_directory": str(folder)}


def apply_settings(con: duckdb.DuckDBPyConnection, settings: dict[str, str]) -> None:
    """Apply ``settings`` to a DuckDB connection."""
    for name, value in settings.items():
        escaped = value.replace("'", "''")
        con.execute(f"SET {name} = '{escaped}'")


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
