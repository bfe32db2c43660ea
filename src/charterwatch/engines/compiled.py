"""Compiled SQL kept between runs, so Ibis compiles a measure's query once, not every run.

Turning an Ibis expression into SQL (rewriting its graph, then printing it with sqlglot)
costs about as much as running the query on the example's data: a second for the example's
seventeen queries. The SQL depends only on the expression and the compiler, so it is kept in
a folder (one file per query) under a key computed from exactly those:

- the expression's whole operation graph: every operation's class and arguments, every
  literal with its type, every table's name and schema (column names, types, nullability),
  written out in a canonical text (:func:`fingerprint`) and hashed;
- the engine's dialect and compiler class, the versions of Ibis and sqlglot, and this
  module's :data:`FORMAT`.

Ibis stays the one definition of every query: a file holds only what Ibis printed for that
key. A changed param, filter, breakdown, year, column type or package version changes the
key and the query is compiled again. Anything the fingerprint cannot write out exactly (an
in-memory table, a value of an unknown type) is compiled as usual and not kept.

The scratch tables of a run have run-unique names (``cw_1a2b3c4d_src_calls``); the run's
prefix is written as :data:`RUN_PREFIX` in the key and in the kept SQL, and put back when it
is read. The cache is an optimisation only: a folder that cannot be read or written, or a
damaged file, means the query is compiled as usual. Set ``CHARTERWATCH_QUERY_CACHE=0`` to
compile every query every run.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import hashlib
import os
import tempfile
import uuid
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

FORMAT = "1"
"""Changes when the fingerprint's text or the files' layout changes: old files are unused."""

RUN_PREFIX = "cw_00000000_"
"""Stands for the run's scratch-table prefix in keys and kept SQL (the same length and
characters as a real prefix, so quoting in the SQL is unaffected)."""

SWITCH = "CHARTERWATCH_QUERY_CACHE"
"""Set to ``0`` to compile every query every run."""

_PLAIN = (
    type(None),
    bool,
    int,
    float,
    bytes,
    decimal.Decimal,
    uuid.UUID,
    dt.datetime,
    dt.date,
    dt.time,
    dt.timedelta,
)
"""Values written as their type's name and ``repr`` (which tells apart ``1``, ``1.0``,
``True`` and a date from a date-time)."""


class Unkeyable(Exception):
    """The expression holds something the fingerprint cannot write out exactly."""


def enabled() -> bool:
    """False when ``CHARTERWATCH_QUERY_CACHE`` is ``0`` (or ``false``, ``no``, ``off``)."""
    return os.environ.get(SWITCH, "1").strip().lower() not in {"0", "false", "no", "off"}


def fingerprint(node: Any, prefix: str) -> str:
    """The canonical text of an Ibis operation graph: one line per distinct operation, in
    the order first reached, each naming its class and its arguments (operations by their
    line number). ``prefix`` (the run's table prefix) is written as :data:`RUN_PREFIX`.
    Raises :class:`Unkeyable` for a value it cannot write out exactly."""
    from ibis.backends import BaseBackend
    from ibis.common.grounds import Concrete
    from ibis.expr.operations import InMemoryTable

    lines: list[str] = []
    seen: dict[int, int] = {}

    def text(value: Any) -> str:
        if isinstance(value, enum.Enum):  # first: an enum may also be a str or an int
            return f"{type(value).__module__}.{type(value).__qualname__}.{value.name}"
        if isinstance(value, str):
            return "str:" + repr(value.replace(prefix, RUN_PREFIX) if prefix else value)
        if isinstance(value, _PLAIN):
            return f"{type(value).__name__}:{value!r}"
        if isinstance(value, Concrete):
            if isinstance(value, InMemoryTable):
                raise Unkeyable("an in-memory table (its name changes every run)")
            number = seen.get(id(value))
            if number is None:
                cls = type(value)
                args = ",".join(
                    f"{name}={text(arg)}"
                    for name, arg in zip(value.__argnames__, value.__args__, strict=True)
                )
                number = seen[id(value)] = len(lines)
                lines.append(f"{cls.__module__}.{cls.__qualname__}({args})")
            return f"#{number}"
        if isinstance(value, BaseBackend):
            return f"backend:{value.name}"
        if isinstance(value, Mapping):
            items = ",".join(f"{text(k)}:{text(v)}" for k, v in value.items())
            return f"{type(value).__name__}{{{items}}}"
        if isinstance(value, tuple | list):
            return f"{type(value).__name__}[{','.join(text(v) for v in value)}]"
        if isinstance(value, frozenset | set):
            return f"{type(value).__name__}{{{','.join(sorted(text(v) for v in value))}}}"
        raise Unkeyable(f"a value of type {type(value).__qualname__}")

    root = text(node)
    return "\n".join([*lines, root])


def compiler_identity(backend: Any) -> str:
    """What besides the expression decides the SQL: dialect, compiler, package versions."""
    from importlib.metadata import version

    compiler = type(backend.compiler)
    return (
        f"format {FORMAT}; backend {backend.name}; dialect {backend.dialect!r}; "
        f"compiler {compiler.__module__}.{compiler.__qualname__}; "
        f"ibis {version('ibis-framework')}; sqlglot {version('sqlglot')}"
    )


class CompiledQueries:
    """The kept SQL of one folder, for one engine's backend and run prefix."""

    def __init__(self, folder: Path, backend: Any, prefix: str) -> None:
        self.folder = folder
        self.prefix = prefix
        self.identity = compiler_identity(backend)
        self.hits = 0
        self.misses = 0

    def key(self, expr: Any) -> str | None:
        """The file name of an expression's SQL; None when it cannot be keyed."""
        try:
            graph = fingerprint(expr.op(), self.prefix)
        except Unkeyable:
            return None
        digest = hashlib.sha256(f"{self.identity}\n{graph}".encode())
        return digest.hexdigest() + ".sql"

    def get(self, key: str) -> str | None:
        try:
            kept = (self.folder / key).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        if not kept.strip():
            return None
        return kept.replace(RUN_PREFIX, self.prefix)

    def put(self, key: str, sql: str) -> None:
        """Keep ``sql`` under ``key`` (written aside, then renamed: a reader sees a whole
        file or none). Not kept when the SQL already holds :data:`RUN_PREFIX` (it could not
        be told apart from the prefix) or the folder is not writable."""
        if RUN_PREFIX in sql:
            return
        kept = sql.replace(self.prefix, RUN_PREFIX) if self.prefix else sql
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, aside = tempfile.mkstemp(dir=self.folder, prefix=".writing-", suffix=".sql")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(kept)
            os.replace(aside, self.folder / key)
        except OSError:
            return

    def compile(self, compile_: Callable[..., str]) -> Callable[..., str]:
        """``compile_`` (a backend's ``compile``) answered from the folder when it can be."""

        def compile_kept(
            expr: Any,
            /,
            *,
            limit: Any = None,
            params: Any = None,
            pretty: bool = False,
            **more: Any,
        ) -> str:
            key = None if limit or params or pretty or more else self.key(expr)
            if key is None:
                return compile_(expr, limit=limit, params=params, pretty=pretty, **more)
            sql = self.get(key)
            if sql is not None:
                self.hits += 1
                return sql
            self.misses += 1
            sql = compile_(expr)
            self.put(key, sql)
            return sql

        return compile_kept
