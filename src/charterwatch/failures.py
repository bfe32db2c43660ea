"""Operational failures: the machine, not the input or the code, stopped a run (``CW-O`` codes).

A locked or damaged results store, a second compute at once, a folder that cannot be written,
a full disk or an engine that cannot be reached are not bugs: each is an
:class:`OperationalError` with a stable code, a sentence saying what happened and one saying
what to do. The command line prints it and exits with code 1 (code 2 is kept for real bugs).
Every code is documented in ``docs/troubleshooting.md``; a test checks that.
"""

from __future__ import annotations

import errno
from pathlib import Path
from typing import ClassVar


class OperationalError(Exception):
    """Base of the operational failures; ``code`` is stable, ``what`` and ``fix`` are prose."""

    code: ClassVar[str]  # each subclass sets its own, documented in docs/troubleshooting.md

    def __init__(self, what: str, fix: str) -> None:
        super().__init__(f"{what}; {fix}")
        self.what = what
        self.fix = fix


class ComputeRunningError(OperationalError):
    """Another charterwatch holds the compute lock of the same results store."""

    code = "CW-O001"


class StoreInUseError(OperationalError):
    """Another program has the results store file open for writing (DuckDB's own lock)."""

    code = "CW-O002"


class StoreDamagedError(OperationalError):
    """The results store file is empty, not a DuckDB database, or not a results store."""

    code = "CW-O003"


class StoreVersionError(OperationalError):
    """The results store was written by a different schema version than this code reads."""

    code = "CW-O004"


class StorePathError(OperationalError):
    """The results store path does not name a ``.duckdb`` file."""

    code = "CW-O005"


class NotWritableError(OperationalError):
    """A folder or file cannot be written: no permission, or a read-only file system."""

    code = "CW-O006"


class DiskFullError(OperationalError):
    """The disk (or the user's quota) ran out of space while writing."""

    code = "CW-O007"


class EngineUnreachableError(OperationalError):
    """The database engine named by ``--engine`` refused or failed the connection."""

    code = "CW-O008"


class EngineUnknownError(OperationalError):
    """``--engine`` names a kind of database charterwatch does not compute on."""

    code = "CW-O009"


NOT_WRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS}
FULL = {errno.ENOSPC, errno.EDQUOT}


def from_os_error(
    exc: OSError, place: Path | str | None = None, *, writing: bool = False
) -> OperationalError | None:
    """The operational failure an :class:`OSError` stands for, or None when it is not one.

    ``place`` is the file or folder in use, for when the error names none; ``writing`` says
    charterwatch was writing the results store there (the fix then names ``--store``).
    """
    where = Path(exc.filename) if exc.filename else (Path(place) if place else None)
    shown = str(where) if where is not None else "a file"
    reason = exc.strerror or str(exc)
    if exc.errno in FULL:
        return disk_full(None if where is None else where if where.is_dir() else where.parent)
    if exc.errno in NOT_WRITABLE and writing:
        return NotWritableError(
            f"cannot write {shown} ({reason})",
            "make the folder writable, or choose another results store with --store",
        )
    if exc.errno in NOT_WRITABLE:
        return NotWritableError(
            f"cannot use {shown} ({reason})",
            "check its permissions and that its file system is not mounted read-only",
        )
    return None


def disk_full(folder: Path | None, note: str = "") -> DiskFullError:
    """The message for a full disk under ``folder``; ``note`` says what was left unchanged."""
    return DiskFullError(
        f"no space left on {folder or 'the disk'}{note}",
        "free some space (or raise the disk quota) and run the command again",
    )


def operational_errors() -> list[type[OperationalError]]:
    """Every concrete operational failure, for the docs test."""
    return OperationalError.__subclasses__()
