"""The one place that knows how to connect to a database engine (DuckDB, PostgreSQL).

Measure kinds build Ibis expressions; an :class:`Engine` holds the Ibis backend they run on
and puts source tables onto it. DuckDB in memory is the embedded default; PostgreSQL is
chosen with a URL such as ``postgresql://postgres@127.0.0.1:5432/test``.

The source tables put on an engine are copies of record-level data (names, dates, benefits),
so they are created TEMPORARY: they belong to this run's database session and the engine
drops them when the session ends, even when the run is killed, and no other session sees
them. An unknown or unreachable engine raises a :mod:`charterwatch.failures` error.
"""

from __future__ import annotations

import contextlib
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from charterwatch.failures import EngineUnknownError, EngineUnreachableError

SCHEMES = ("duckdb", "postgresql", "postgres")


@dataclass
class Engine:
    """An Ibis backend plus the names of the tables this run created on it."""

    backend: Any
    name: str
    prefix: str = field(default_factory=lambda: f"cw_{uuid.uuid4().hex[:8]}_")
    created: list[str] = field(default_factory=list)

    @classmethod
    def connect(cls, url: str | None = None) -> Engine:
        """DuckDB in memory when ``url`` is None or ``duckdb://``; else a DuckDB or PostgreSQL URL.

        Raises :class:`EngineUnknownError` for another kind of URL and
        :class:`EngineUnreachableError` when the server refuses or cannot be found.
        """
        if url is None or url in {"duckdb", "duckdb://", "duckdb://:memory:"}:
            return cls(ibis.duckdb.connect(), "duckdb")
        scheme = urlsplit(url).scheme.lower()
        if scheme not in SCHEMES:
            raise EngineUnknownError(
                f"charterwatch cannot compute on '{redact(url)}' (engine '{scheme or url}')",
                "leave out --engine for DuckDB in memory, or give a PostgreSQL URL such as "
                "postgresql://user@host:5432/database",
            )
        import psycopg

        try:
            backend = ibis.connect(url)
        except psycopg.OperationalError as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise EngineUnreachableError(
                f"cannot connect to the engine at {redact(url)}: {reason}",
                "check that the server is running and that the host, port, database and user "
                "in --engine are right",
            ) from exc
        return cls(backend, str(backend.name))

    def put(self, name: str, table: pa.Table) -> ir.Table:
        """Create ``table`` as a temporary table under a run-unique name; return it as Ibis.

        Temporary: only this run's session sees it, and the engine drops it when the
        session ends, so no copy of record-level data outlives the run.
        """
        full = f"{self.prefix}{name}".lower()
        self.backend.create_table(full, table, temp=True, overwrite=True)
        self.created.append(full)
        return self.backend.table(full)

    def close(self) -> None:
        """Drop the tables this run created (they are scratch copies) and disconnect."""
        for name in self.created:
            with contextlib.suppress(Exception):
                self.backend.drop_table(name, force=True)
        self.created.clear()
        self.backend.disconnect()


def redact(url: str) -> str:
    """The URL with any password replaced by ``***``, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))
