"""Where an upload is checked before it is kept, and clearing up after a killed server.

An upload is written and checked in a folder of its own under ``returns/.incoming`` (the same
filesystem as the store), then moved into the store with one ``rename``, so no partial file
is ever at a stored name. The folder holds an exclusive ``flock`` of its ``.lock`` file while
it is in use; the kernel releases it when the process ends, however it ends. So a folder whose
lock can be taken belongs to a process that died half way (a server killed during an upload)
and :func:`sweep`, run before every upload, removes it. A folder still being set up (made, not
yet locked) is left alone for :data:`SETTING_UP` seconds.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings

LOCK = ".lock"
SETTING_UP = 60.0
"""Seconds a folder without its lock file is taken to be still being set up."""


def folder() -> Path:
    """``returns/.incoming``: the parent of every upload being checked."""
    return Path(settings.MEDIA_ROOT) / ".incoming"


@contextlib.contextmanager
def receiving() -> Iterator[Path]:
    """A new, locked folder for one upload, removed when the block ends."""
    sweep()
    parent = folder()
    parent.mkdir(parents=True, exist_ok=True)
    place = Path(tempfile.mkdtemp(prefix="upload-", dir=parent))
    fd = os.open(place / LOCK, os.O_CREAT | os.O_RDWR, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield place
    finally:
        shutil.rmtree(place, ignore_errors=True)
        os.close(fd)


def sweep() -> list[Path]:
    """Remove the folders of uploads whose process has ended; returns those removed."""
    parent = folder()
    if not parent.is_dir():
        return []
    removed = []
    for place in parent.iterdir():
        if place.is_dir() and _abandoned(place):
            shutil.rmtree(place, ignore_errors=True)
            removed.append(place)
    return removed


def _abandoned(place: Path) -> bool:
    try:
        fd = os.open(place / LOCK, os.O_RDWR)
    except FileNotFoundError:
        try:
            return time.time() - place.stat().st_mtime > SETTING_UP
        except FileNotFoundError:  # removed meanwhile by its owner
            return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False  # its process is alive and holds it
    finally:
        os.close(fd)  # closing releases a lock taken here
    return True
