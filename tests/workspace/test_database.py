"""The suite runs on the database ``DATABASE_URL`` names (SQLite without it): this says
which one ran, so a PostgreSQL run that silently fell back to SQLite would fail."""

from __future__ import annotations

import os
from typing import Any

from django.db import connection


def test_the_database_is_the_one_asked_for(db: Any) -> None:
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected


def test_migrations_are_complete(db: Any) -> None:
    """The models and the migrations agree (no change waiting for makemigrations)."""
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("makemigrations", "workspace", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()
