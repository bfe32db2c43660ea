"""The workspace's tests run Django on the shipped Scottish example's framework folder.

The environment is set before Django starts: a temporary data folder (uploaded returns),
a fixed secret key, and the database from ``DATABASE_URL`` when given (the suite runs on
SQLite by default and again on the real PostgreSQL server: ``make test`` does both).
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
os.environ["CHARTERWATCH_FRAMEWORK"] = str(ROOT / "examples" / "scotland")
os.environ["CHARTERWATCH_WORKSPACE_DATA"] = tempfile.mkdtemp(prefix="cw-workspace-test-")
os.environ["CHARTERWATCH_SECRET_KEY"] = "test-only-secret-key-not-for-production-use-0123456789"
os.environ["DJANGO_SETTINGS_MODULE"] = "charterwatch.workspace.settings"
# a test's database cannot be seen from another process: computes run in the request here
# (test_compute_job.py runs the real background process against a database file)
os.environ["CHARTERWATCH_COMPUTE_IN"] = "request"

import django  # noqa: E402  (after the environment it reads)

django.setup()

PASSWORD = "correct horse battery staple 42"
OWNER_TEAM = "Social Security Scotland people and workforce team"
OTHER_TEAM = "Social Security Scotland statistics team"
SOURCE = "recruitment_campaigns"
GOOD = b"campaign_id,advert_date,values_based\nRC001,2024-05-01,yes\nRC002,2024-06-11,no\n"
BAD = b"campaign_id,advert_date,values_based\nRC001,2024-05-01,maybe\nRC001,2024-13-11,no\n"


@pytest.fixture
def year(db: Any) -> Any:
    from charterwatch.workspace.models import ReportingYear

    return ReportingYear.objects.create(label="2024-25", returns_due=dt.date(2025, 6, 30))


@pytest.fixture
def make_user(db: Any) -> Callable[[str, str | None], Any]:
    """A user with a role (and, for a data owner, a team); ``None`` role: no membership."""
    from django.contrib.auth import get_user_model

    from charterwatch.workspace.models import Membership, Team

    def make(role: str | None, team: str | None = None) -> Any:
        name = f"{role or 'norole'}-{(team or 'x')[:20].replace(' ', '')}"
        user = get_user_model().objects.create_user(
            username=name, password=PASSWORD, is_staff=role == "admin"
        )
        if role is not None:
            found = Team.objects.get_or_create(name=team)[0] if team else None
            Membership.objects.create(user=user, role=role, team=found)
        return user

    return make


class Inbox:
    """An SMTP server on loopback (aiosmtpd) that keeps every message it is sent."""

    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        from email import message_from_bytes, policy

        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 OK"

    def to(self, address: str) -> list[Any]:
        return [m for rcpt, m in self.messages if address in rcpt]


@pytest.fixture
def inbox(settings: Any) -> Any:
    """A real SMTP server on 127.0.0.1 that the workspace's email goes to."""
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    box = Inbox()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = False
    # the test environment swaps in an in-memory backend: send through the real server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    try:
        yield box
    finally:
        controller.stop()
