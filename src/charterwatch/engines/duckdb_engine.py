"""DuckDB, the embedded default engine: in memory, or a database file named by the URL."""

from __future__ import annotations

from charterwatch.engines import Engine

IN_MEMORY = {None, "duckdb", "duckdb://", "duckdb://:memory:"}


class DuckDBEngine(Engine):
    """DuckDB through Ibis; ``duckdb://path/to/file.ddb`` opens a database file."""

    @classmethod
    def open(cls, url: str | None) -> Engine:
        import ibis

        if url in IN_MEMORY:
            return cls(ibis.duckdb.connect(), "duckdb")
        return cls(ibis.connect(url), "duckdb")
