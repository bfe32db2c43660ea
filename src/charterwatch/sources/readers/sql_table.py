"""Reading a table from any SQL database through Ibis (DuckDB, PostgreSQL, SQLite, ...).

A database table is read like a file: its rows become text cells and go through the same
checks, so a table and its CSV export load to the same canonical table. A DuckDB file is
opened read-only and must exist (Ibis would otherwise create an empty database), and
passwords are never shown in messages.
"""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from charterwatch.model.issues import Issue
from charterwatch.sources import codes
from charterwatch.sources.codes import issue
from charterwatch.sources.readers.arrow_text import arrow_to_grid
from charterwatch.sources.readers.base import Grid, RawRead, grid_to_table

if TYPE_CHECKING:
    from ibis.backends import BaseBackend

NAME = "sql"
DATABASE_SCHEMES = frozenset(
    {"duckdb", "postgres", "postgresql", "sqlite", "mysql", "mssql", "oracle", "trino"}
)
"""URL schemes read as databases when a source's ``url`` names one (with ``#table``)."""


def is_database_url(url: str | None) -> bool:
    """True when ``url`` is a database connection URL such as ``postgresql://host/db``."""
    return url is not None and urlsplit(url).scheme.lower() in DATABASE_SCHEMES


def redact(url: str) -> str:
    """``url`` with any password replaced by ``***``, for messages and provenance."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def read_database_table(
    connection: str | BaseBackend,
    table_name: str,
    *,
    order_by: Sequence[str] = (),
    base: Path | None = None,
) -> RawRead:
    """Read ``table_name`` as a raw table of text cells; problems are returned, not raised.

    ``connection`` is an Ibis backend or a URL (``postgresql://user@host/db``,
    ``duckdb://data/cases.ddb``); a relative DuckDB path is taken from ``base``
    (``duckdb:///srv/cases.ddb`` is absolute). Rows are
    sorted by the ``order_by`` columns that exist, so the hash and row numbers are stable.
    """
    shown_as = (
        f"{redact(connection)}#{table_name}"
        if isinstance(connection, str)
        else f"{type(connection).__name__}#{table_name}"
    )
    con, problem = _connect(connection, shown_as, base)
    if con is None:
        return RawRead(NAME, shown_as, None, [problem] if problem else [])
    try:
        grid, problems = _fetch(con, table_name, shown_as, order_by)
    finally:
        if isinstance(connection, str):
            con.disconnect()
    if grid is None:
        return RawRead(NAME, shown_as, None, problems)
    digest = _digest(grid)
    table, more = grid_to_table(grid, shown_as)
    return RawRead(NAME, shown_as, table, problems + more, digest)


def _connect(
    connection: str | BaseBackend, shown_as: str, base: Path | None
) -> tuple[Any, Issue | None]:
    if not isinstance(connection, str):
        return connection, None
    import ibis

    try:
        parts = urlsplit(connection)
        target = parts.netloc + parts.path
        if parts.scheme.lower() == "duckdb" and target not in ("", ":memory:"):
            path = Path(target) if Path(target).is_absolute() else (base or Path()) / target
            if not path.is_file():
                return None, _unreachable(shown_as, f"the DuckDB file {path} does not exist")
            return ibis.duckdb.connect(str(path), read_only=True), None
        return ibis.connect(connection), None
    except Exception as exc:  # drivers raise their own types; all mean "cannot connect"
        return None, _unreachable(shown_as, str(exc).splitlines()[0][:200])


def _fetch(
    con: Any, table_name: str, shown_as: str, order_by: Sequence[str]
) -> tuple[Grid | None, list[Issue]]:
    try:
        expr = con.table(table_name)
    except Exception as exc:
        return None, [_missing_table(con, table_name, shown_as, exc)]
    try:
        keys = [c for c in order_by if c in expr.columns]
        if keys:
            expr = expr.order_by(keys)
        arrow = expr.to_pyarrow()
    except Exception as exc:
        return None, [_unreachable(shown_as, f"reading failed: {str(exc).splitlines()[0]}")]
    return arrow_to_grid(arrow, shown_as)


def _table_names(con: Any) -> list[str] | None:
    """The tables a backend can see, for a hint; None when it cannot say."""
    try:
        return sorted(con.list_tables())
    except Exception:  # some backend versions cannot list; ask the SQL catalogue instead
        pass
    try:
        query = "SELECT table_name FROM information_schema.tables"
        return sorted({str(row[0]) for row in con.raw_sql(query).fetchall()})
    except Exception:  # the listing is only a hint
        return None


def _missing_table(con: Any, table_name: str, shown_as: str, exc: Exception) -> Issue:
    known = _table_names(con)
    guess = difflib.get_close_matches(table_name, known or [], n=1)
    hint = f"did you mean '{guess[0]}'? " if guess else ""
    return issue(
        codes.TABLE_MISSING,
        f"the database has no table named '{table_name}'",
        file=shown_as,
        expected="one of: " + (", ".join(known) or "(none)")
        if known is not None
        else "an existing table",
        found=str(exc).splitlines()[0][:200] if str(exc) else table_name,
        fix=f"{hint}correct the table name after '#' in the source's url, or create the table",
    )


def _unreachable(shown_as: str, why: str) -> Issue:
    return issue(
        codes.DATABASE_UNREACHABLE,
        f"the database cannot be read: {why}",
        file=shown_as,
        fix="check the URL (scheme://user@host:port/database), that the server is running "
        "and that this user may connect",
    )


def _digest(grid: Grid) -> str:
    """SHA-256 of the rows as read (cells as text), since a table has no file bytes."""
    hasher = hashlib.sha256()
    for _, cells in grid:
        hasher.update("\x1f".join("\x00" if c is None else c for c in cells).encode())
        hasher.update(b"\x1e")
    return hasher.hexdigest()
