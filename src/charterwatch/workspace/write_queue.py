"""Writers of a SQLite workspace queue on a file lock, not in SQLite's busy handler.

SQLite lets one writer in at a time. A writer that finds the database locked sleeps in
SQLite's busy handler, 1, 2, 5, 10, 15 ms and so on between tries, however soon the lock is
free; on a burst of feedback posts across two server processes that sleeping made up most of
the tail (``bench/feedback_load.py``: p95 about 270 ms without this, about 205 ms with it).
Here a writer waits on an exclusive ``flock`` of a file beside the database, which the
kernel hands to the next waiter the moment it is released, so SQLite's own lock is almost
never found taken. Threads of one process queue on a thread lock first (a ``flock`` is held
by an open file, which a process's threads share). PostgreSQL needs none of this.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
from collections.abc import Iterator
from pathlib import Path

from django.db import connection

_threads = threading.Lock()
_opened: dict[str, tuple[int, int]] = {}
"""Lock file path -> (process id, file descriptor): a process opens its own (a descriptor
inherited through ``fork`` would be one lock shared with the parent)."""


def lock_path() -> Path | None:
    """The lock file of the default database: ``<database>.write-lock``, or None when the
    database is not a SQLite file."""
    if connection.vendor != "sqlite":
        return None
    name = str(connection.settings_dict.get("NAME") or "")
    if not name or name == ":memory:" or name.startswith("file:"):
        return None
    return Path(f"{name}.write-lock")


def _descriptor(path: Path) -> int:
    key = str(path)
    found = _opened.get(key)
    if found is not None and found[0] == os.getpid():
        return found[1]
    fd = os.open(key, os.O_CREAT | os.O_RDWR, 0o600)
    _opened[key] = (os.getpid(), fd)
    return fd


@contextlib.contextmanager
def one_writer() -> Iterator[None]:
    """Hold the workspace's write lock for the block (a no-op but on a SQLite file)."""
    path = lock_path()
    if path is None:
        yield
        return
    with queued(path):
        yield


@contextlib.contextmanager
def queued(path: Path) -> Iterator[None]:
    """Hold the exclusive lock of the file ``path`` for the block, waiting for it in turn
    with every other process and thread that asks for it."""
    with _threads:
        fd = _descriptor(path)
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
