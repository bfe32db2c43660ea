"""The feedback path's fast writes: the same row and audit entry as the ORM and its signals
write, and writers of a SQLite workspace taking turns on a file lock."""

from __future__ import annotations

import fcntl
import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest

AUDIT_FIELDS = ("username", "action", "model", "summary", "before")


def test_a_fast_insert_writes_what_the_orm_and_its_signal_write(db: Any) -> None:
    from charterwatch.workspace import audit, inserts
    from charterwatch.workspace.models import AuditEntry, Feedback

    fields = {
        "page": "measures/M1/index.html",
        "useful": False,
        "text": "Hard to read.",
        "sender": "ab" * 32,
        "status": "new",
    }
    by_orm = Feedback.objects.create(**fields)
    fast = Feedback(**fields)
    inserts.insert(fast)
    inserts.insert(audit.created_entry(fast))

    assert fast.pk is not None and fast.pk != by_orm.pk
    stored = Feedback.objects.get(pk=fast.pk)
    for name, value in fields.items():
        assert getattr(stored, name) == value, name
    assert stored.received_at is not None

    def entry(row: Feedback) -> AuditEntry:
        return AuditEntry.objects.get(model="workspace.Feedback", object_id=str(row.pk))

    slow_entry, fast_entry = entry(by_orm), entry(fast)
    for name in AUDIT_FIELDS:
        assert getattr(fast_entry, name) == getattr(slow_entry, name), name
    assert fast_entry.action == "created"
    without_key = {k: v for k, v in fast_entry.after.items() if k != "id"}
    assert without_key == {k: v for k, v in slow_entry.after.items() if k != "id"}
    assert fast_entry.after["id"] == fast.pk


def test_a_fast_insert_refuses_a_stored_row(db: Any) -> None:
    from charterwatch.workspace import inserts
    from charterwatch.workspace.models import Feedback

    row = Feedback.objects.create(page="p", text="t", sender="s")
    with pytest.raises(ValueError, match="already stored"):
        inserts.insert(row)


def test_a_writer_waits_while_another_holds_the_lock(tmp_path: Path) -> None:
    """Another open of the lock file (as another server process has) holds it: the writer
    waits, and goes in as soon as it is released."""
    from charterwatch.workspace.write_queue import queued

    path = tmp_path / "workspace.sqlite3.write-lock"
    other = os.open(path, os.O_CREAT | os.O_RDWR)
    fcntl.flock(other, fcntl.LOCK_EX)
    entered: list[float] = []

    def writer() -> None:
        with queued(path):
            entered.append(time.monotonic())

    thread = threading.Thread(target=writer)
    thread.start()
    time.sleep(0.3)
    assert not entered, "the writer went in while another process held the lock"
    released = time.monotonic()
    fcntl.flock(other, fcntl.LOCK_UN)
    thread.join(5)
    os.close(other)
    assert entered and entered[0] >= released


def test_the_lock_sits_beside_a_sqlite_file_only(settings: Any) -> None:
    from charterwatch.workspace.write_queue import lock_path

    found = lock_path()
    name = str(settings.DATABASES["default"]["NAME"])
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3") and not (
        name == ":memory:" or name.startswith("file:")
    ):
        assert found == Path(f"{name}.write-lock")
    else:
        assert found is None
