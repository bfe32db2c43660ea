"""PostgreSQL, chosen with ``postgresql://user@host:port/database``."""

from __future__ import annotations

from charterwatch.engines import Engine, redact
from charterwatch.failures import EngineUnreachableError


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
        return cls(backend, str(backend.name))
