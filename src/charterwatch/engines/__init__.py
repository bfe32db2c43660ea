"""The one place that knows how to connect to a database engine (DuckDB, PostgreSQL, ...).

Measure kinds build Ibis expressions; an :class:`Engine` holds the Ibis backend they run on
and puts source tables onto it. DuckDB in memory is the embedded default; another engine is
chosen with a URL such as ``postgresql://postgres@127.0.0.1:5432/test`` or ``spark://local[2]``.
Each engine is one module of this package (:mod:`.duckdb_engine`, :mod:`.postgres_engine`,
:mod:`.spark_engine`), chosen by the URL's scheme in :data:`SCHEMES`; everything
engine-specific (how a table is bulk loaded, what is tuned after loading) lives in that
module, never in the measure kinds.

The source tables put on an engine are copies of record-level data (names, dates, services),
so they are created TEMPORARY: they belong to this run's database session and the engine
drops them when the session ends, even when the run is killed, and no other session sees
them. An unknown or unreachable engine raises a :mod:`charterwatch.failures` error.
"""

from __future__ import annotations

import contextlib
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urlsplit, urlunsplit

from charterwatch.failures import EngineUnknownError

if TYPE_CHECKING:
    import ibis.expr.types as ir
    import pyarrow as pa

    from charterwatch.engines.compiled import CompiledQueries


SCHEMES: dict[str, str] = {
    "duckdb": "charterwatch.engines.duckdb_engine:DuckDBEngine",
    "postgresql": "charterwatch.engines.postgres_engine:PostgresEngine",
    "postgres": "charterwatch.engines.postgres_engine:PostgresEngine",
    "spark": "charterwatch.engines.spark_engine:SparkEngine",
    "sc": "charterwatch.engines.spark_engine:SparkEngine",
}
"""URL scheme -> ``module:Class`` of its engine, imported only when asked for."""


@dataclass
class Engine:
    """An Ibis backend plus the names of the tables this run created on it.

    Subclasses implement :meth:`open` (connect from a URL) and may override :meth:`put` to
    bulk load faster than Ibis's generic ``create_table``.
    """

    backend: Any
    name: str
    prefix: str = field(default_factory=lambda: f"cw_{uuid.uuid4().hex[:8]}_")
    created: list[str] = field(default_factory=list)
    compiled: CompiledQueries | None = None
    """The kept SQL the backend's ``compile`` is answered from (:meth:`keep_compiled`)."""

    schemes: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def connect(cls, url: str | None = None) -> Engine:
        """DuckDB in memory when ``url`` is None or ``duckdb://``; else the engine of its scheme.

        Raises :class:`EngineUnknownError` for an unknown scheme and
        :class:`~charterwatch.failures.EngineUnreachableError` when the server refuses or
        cannot be found.
        """
        scheme = "duckdb" if url is None else scheme_of(url)
        target = SCHEMES.get(scheme)
        if target is None:
            raise EngineUnknownError(
                f"charterwatch cannot compute on '{redact(url or '')}' (engine '{scheme}')",
                "leave out --engine for DuckDB in memory, or give a URL such as "
                "postgresql://user@host:5432/database or spark://local[2] (engines: "
                + ", ".join(f"{s}://" for s in sorted(SCHEMES))
                + ")",
            )
        from charterwatch.builtins import load_object

        engine_class = load_object(target)
        if not (isinstance(engine_class, type) and issubclass(engine_class, Engine)):
            raise TypeError(f"{target} is not an Engine class")
        return engine_class.open(url)

    @classmethod
    def open(cls, url: str | None) -> Engine:  # pragma: no cover - every engine overrides
        raise NotImplementedError

    def table_name(self, name: str) -> str:
        """The run-unique name of a scratch table."""
        return f"{self.prefix}{name}".lower()

    def put(self, name: str, data: pa.Table | pa.RecordBatchReader) -> ir.Table:
        """Create ``data`` as a temporary table under a run-unique name; return it as Ibis.

        Temporary: only this run's session sees it, and the engine drops it when the
        session ends, so no copy of record-level data outlives the run.
        """
        full = self.table_name(name)
        import pyarrow as pa

        if isinstance(data, pa.RecordBatchReader):
            data = data.read_all()  # Ibis's generic path takes a table; engines may stream
        self.backend.create_table(full, data, temp=True, overwrite=True)
        self.created.append(full)
        return self.backend.table(full)

    def keep_compiled(self, folder: Path) -> None:
        """Answer the backend's ``compile`` from SQL kept in ``folder`` and keep what it
        compiles there (:mod:`charterwatch.engines.compiled`); nothing when the cache is
        switched off or the backend does not compile to SQL."""
        from charterwatch.engines.compiled import CompiledQueries, enabled

        if not enabled() or self.compiled is not None or not hasattr(self.backend, "compiler"):
            return
        self.compiled = CompiledQueries(folder, self.backend, self.prefix)
        self.backend.compile = self.compiled.compile(self.backend.compile)

    def close(self) -> None:
        """Drop the tables this run created (they are scratch copies) and disconnect."""
        for name in self.created:
            with contextlib.suppress(Exception):
                try:
                    self.backend.drop_table(name, force=True)
                except Exception:  # a Parquet source is a view over its file
                    self.backend.drop_view(name, force=True)
        self.created.clear()
        self.backend.disconnect()


def arrow_of(expr: ir.Table) -> pa.Table:
    """The rows of an expression as Arrow, read the way its engine reads them fastest (on
    DuckDB without Ibis's pandas converter, see :func:`.duckdb_engine.arrow_of`)."""
    import ibis

    backend = ibis.get_backend(expr)
    if getattr(backend, "name", None) == "duckdb" and hasattr(backend, "con"):
        from charterwatch.engines.duckdb_engine import arrow_of as duckdb_arrow_of

        return duckdb_arrow_of(backend, expr)
    return expr.to_pyarrow()


def scheme_of(url: str) -> str:
    """``postgresql://...`` -> ``postgresql``; the whole text, lowered, when it has no ``://``.

    Not :func:`urllib.parse.urlsplit`: it refuses ``spark://local[2]`` (brackets are only
    for IPv6 hosts there).
    """
    head, sep, _ = url.partition("://")
    return (head if sep else url).lower()


def redact(url: str) -> str:
    """The URL with any password replaced by ``***``, for messages."""
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. spark://local[2], which has no password to hide
        return url
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))
