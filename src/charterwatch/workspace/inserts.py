"""Inserting a row with SQL prepared once per model, for the one path that must be fast.

A burst of "Was this page useful?" posts after a release is the workspace's only hot path
(``bench/feedback_load.py``). Through the ORM, each post spent most of its time building the
two INSERT statements (the post and its audit entry) and running the save signals, and on
SQLite all of it inside the write lock, which the other server process waited for. Here the
statement of each model is built once; a row costs only adapting its values (by each
field's own ``pre_save`` and ``get_db_prep_save``, as the ORM does) and running it.

No save signal is sent: the caller writes what a signal would (the feedback path writes
its audit entry with :func:`charterwatch.workspace.audit.created_entry`, the same entry the
signal writes).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.db import connection, models


@cache
def _statement(
    model: type[models.Model], vendor: str
) -> tuple[str, tuple[models.Field[Any, Any], ...]]:
    """The INSERT of ``model`` on a database of ``vendor``, returning the new key, and the
    fields whose values it takes, in order."""
    meta = model._meta
    fields = tuple(f for f in meta.local_concrete_fields if not f.primary_key)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    values = ", ".join(["%s"] * len(fields))
    key = quote(meta.pk.column) if meta.pk is not None else "id"
    return (
        f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({values}) RETURNING {key}",
        fields,
    )


def insert(row: models.Model) -> None:
    """Insert ``row`` (a new instance) and set its key; no signals are sent.

    Raises:
        ValueError: for a row that already has a key (this only inserts).
    """
    if row.pk is not None:
        raise ValueError(f"{row._meta.label} {row.pk} is already stored")
    sql, fields = _statement(type(row), connection.vendor)
    params = [f.get_db_prep_save(f.pre_save(row, True), connection) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchone()
    if found is None:
        raise RuntimeError(f"the database did not return the key of the new {row._meta.label}")
    row.pk = found[0]
    row._state.adding = False
    row._state.db = connection.alias
