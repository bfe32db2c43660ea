"""Starting the workspace from the command line: set it up once, then serve it.

``charterwatch workspace DIR --init`` creates (or updates) the database and the first admin;
``charterwatch workspace DIR`` serves it with Django's development server on your own
machine (docs/deploy-workspace.md shows gunicorn behind a proxy for production).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


class WorkspaceError(RuntimeError):
    """A problem the person starting the workspace can fix; the message says how."""


def configure(root: Path, data: Path | None = None) -> None:
    """Point the workspace at a framework folder and start Django (once per process)."""
    os.environ["CHARTERWATCH_FRAMEWORK"] = str(root.resolve())
    folder = (data or root / ".charterwatch" / "workspace").resolve()
    os.environ["CHARTERWATCH_WORKSPACE_DATA"] = str(folder)
    folder.mkdir(parents=True, exist_ok=True)  # the SQLite file and returns go here
    keep_secret_key(folder)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "charterwatch.workspace.settings")
    import django

    django.setup()


def keep_secret_key(folder: Path) -> None:
    """Make the secret key once and keep it in ``folder`` (owner-only), so sessions survive
    a restart; a key in ``CHARTERWATCH_SECRET_KEY`` wins."""
    if os.environ.get("CHARTERWATCH_SECRET_KEY"):
        return
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "secret-key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)


def migrate(verbosity: int = 0) -> None:
    """Create or update the database tables (SQLite or the ``DATABASE_URL`` database)."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)


def pending_migrations() -> bool:
    """True when the database is missing tables the workspace needs."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def user_exists(username: str) -> bool:
    """True when ``username`` is already a user (``--init`` run again only migrates)."""
    from django.contrib.auth import get_user_model

    return bool(get_user_model().objects.filter(username=username).exists())


def create_admin(username: str, email: str, password: str) -> None:
    """The first admin: a Django superuser with the workspace's admin role."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from charterwatch.workspace.models import Membership, Role

    users = get_user_model()
    if users.objects.filter(username=username).exists():
        raise WorkspaceError(f"a user '{username}' already exists; choose another --admin name")
    try:
        validate_password(password)
    except ValidationError as exc:
        raise WorkspaceError("the password is too weak: " + " ".join(exc.messages)) from exc
    user = users.objects.create_superuser(username=username, email=email, password=password)
    Membership.objects.create(user=user, role=Role.ADMIN)


def sync_teams() -> int:
    """Teams from the framework's source owners; returns how many there are."""
    from charterwatch.workspace.returns import sync_teams as sync

    return len(sync())


def serve(host: str, port: int) -> None:
    """Serve until Ctrl+C with Django's development server (not for production)."""
    from django.core.management import call_command

    if pending_migrations():
        raise WorkspaceError(
            "the workspace database is not set up; run 'charterwatch workspace DIR --init' first"
        )
    call_command("runserver", f"{host}:{port}", use_reloader=False, use_threading=True)
