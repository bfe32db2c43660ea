"""The one place that knows how to connect to a database engine (DuckDB, PostgreSQL).

Measure kinds build Ibis expressions; an :class:`Engine` holds the Ibis backend they run on
and puts source tables onto it. DuckDB in memory is the embedded default; PostgreSQL is
chosen with a URL such as ``postgresql://postgres@127.0.0.1:5432/test``.
"""

from __future__ import annotations

import contextlib
import uuid
from dataclasses import dataclass, field
from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa


@dataclass
class Engine:
    """An Ibis backend plus the names of the tables this run created on it."""

    backend: Any
    name: str
    prefix: str = field(default_factory=lambda: f"cw_{uuid.uuid4().hex[:8]}_")
    created: list[str] = field(default_factory=list)

    @classmethod
    def connect(cls, url: str | None = None) -> Engine:
        """DuckDB in memory when ``url`` is None or ``duckdb://``; else an Ibis URL."""
        if url is None or url in {"duckdb", "duckdb://", "duckdb://:memory:"}:
            return cls(ibis.duckdb.connect(), "duckdb")
        backend = ibis.connect(url)
        return cls(backend, str(backend.name))

    def put(self, name: str, table: pa.Table) -> ir.Table:
        """Create ``table`` on the engine under a run-unique name and return it as Ibis."""
        full = f"{self.prefix}{name}".lower()
        self.backend.create_table(full, table, overwrite=True)
        self.created.append(full)
        return self.backend.table(full)

    def close(self) -> None:
        """Drop the tables this run created (they are scratch copies) and disconnect."""
        for name in self.created:
            with contextlib.suppress(Exception):
                self.backend.drop_table(name, force=True)
        self.created.clear()
        self.backend.disconnect()
