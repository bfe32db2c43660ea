"""The results store as a file: opening it safely and replacing it in one step.

Reads open the file read-only. A write never touches the file in place: it copies the store
beside itself (``results.duckdb.writing-<pid>``), writes the copy, checkpoints it and renames
it over the store. Until that rename the previous store is byte-identical; after it the new
one is complete. A copy left by a killed write is removed by the next write.

DuckDB's and the operating system's errors are turned into :mod:`charterwatch.failures`:
a file another program holds open, a damaged or empty file, a full disk, a folder that
cannot be written. Anything else is left to propagate (it would be a bug).
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb

from charterwatch.failures import (
    StoreDamagedError,
    StoreInUseError,
    StorePathError,
    disk_full,
    from_os_error,
)
from charterwatch.results.lock import pid_alive

SUFFIX = ".duckdb"
WRITING = ".writing-"
DAMAGE = (  # DuckDB's words for a file that is not (or no longer) a sound database
    "not a valid DuckDB database file",
    "Corrupt database file",
    "does not match stored checksum",
    "Could not read enough bytes",
)


def check_path(path: Path) -> None:
    """Refuse a store path that does not end in ``.duckdb`` (``x.csv`` would not be a CSV)."""
    if path.suffix != SUFFIX:
        raise StorePathError(
            f"the results store must be a DuckDB file whose name ends in {SUFFIX}, not '{path}'",
            "give --store a name such as results.duckdb; for the figures as CSV run "
            "'charterwatch results FOLDER --format csv > figures.csv'",
        )


def connect(path: Path, *, read_only: bool) -> duckdb.DuckDBPyConnection:
    """Open the DuckDB file at ``path``; its failures are raised as operational errors."""
    if path.exists() and path.stat().st_size == 0:
        raise damaged(path, "it is empty (0 bytes), perhaps from an interrupted copy")
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as exc:
        failure = classify(exc, path, reading=True)
        if failure is exc:
            raise
        raise failure from exc


@contextlib.contextmanager
def reading(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection; DuckDB finds most damage only when it reads the blocks."""
    con = connect(path, read_only=True)
    try:
        yield con
    except duckdb.Error as exc:
        failure = classify(exc, path, reading=True)
        if failure is exc:
            raise
        raise failure from exc
    finally:
        con.close()


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to a copy of the store; the copy replaces the store if the block succeeds.

    The previous store is checked first (damaged, open in another program, see ``check``
    callers) and held open read-only while it is copied, so no other writer can start.
    """
    copy = path.with_name(f"{path.name}{WRITING}{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        sweep(path)
        if path.exists():
            held = connect(path, read_only=True)
            try:
                _copy(path, copy)
            finally:
                held.close()
        con = connect(copy, read_only=False)
        try:
            yield con
            con.execute("CHECKPOINT")
        finally:
            con.close()
        _fsync(copy)
        os.replace(copy, path)
        _wal(path).unlink(missing_ok=True)  # merged into the copy, would replay on the new file
        _fsync(path.parent)
    except OSError as exc:
        known = from_os_error(exc, path.parent, writing=True)
        if known is None:
            raise
        raise known from exc
    except duckdb.Error as exc:
        failure = classify(exc, copy, reading=False)
        if failure is exc:
            raise
        raise failure from exc
    finally:
        for leftover in (copy, _wal(copy)):
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)


def sweep(path: Path) -> None:
    """Remove the copies left beside the store by writes whose process is gone."""
    for leftover in path.parent.glob(f"{path.name}{WRITING}*"):
        pid = leftover.name.removeprefix(f"{path.name}{WRITING}").removesuffix(".wal")
        if pid.isdigit() and not pid_alive(int(pid)):
            leftover.unlink(missing_ok=True)


def classify(exc: duckdb.Error, path: Path, *, reading: bool) -> Exception:
    """The operational failure a DuckDB error stands for, or the error itself (a bug).

    A checksum or short read is damage wherever it is met; any other input/output error is
    damage only while ``reading`` the store (while writing the copy it is not the store's).
    """
    text = str(exc)
    if "No space left on device" in text or "Disk quota exceeded" in text:
        return disk_full(path.parent, "; the results store was not changed")
    if "Could not set lock on file" in text or "Conflicting lock" in text:
        holder = text.split("Conflicting lock is held in", 1)[-1].split(". See also")[0].strip()
        return StoreInUseError(
            f"the results store {_store_of(path)} is open in another program ({holder})",
            "close that program (a notebook, a database browser, another charterwatch) "
            "and run the command again",
        )
    if "Permission denied" in text or "Read-only file system" in text:
        denied = PermissionError(errno.EACCES, "Permission denied", str(path))
        return from_os_error(denied, writing=True) or exc
    corrupt = any(sign in text for sign in DAMAGE) or isinstance(exc, duckdb.SerializationException)
    if corrupt or (reading and isinstance(exc, duckdb.IOException)):
        return damaged(path, text.removeprefix("IO Error: ").removeprefix("Error: "))
    return exc


def damaged(path: Path, why: str) -> StoreDamagedError:
    """The message for a damaged store (``path`` may be the copy being written)."""
    store = _store_of(path)
    return StoreDamagedError(
        f"the results store {store} is damaged: {why.replace(str(path), str(store))}",
        f"delete {store} and run 'charterwatch compute' again (results are derived data)",
    )


def _store_of(path: Path) -> Path:
    """The store a path belongs to (the store itself, or its copy being written)."""
    name, sep, _ = path.name.partition(WRITING)
    return path.with_name(name) if sep else path


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def _copy(path: Path, copy: Path) -> None:
    """Copy the store and its write-ahead log, if one was left by an unfinished write."""
    shutil.copyfile(path, copy)
    if _wal(path).exists():
        shutil.copyfile(_wal(path), _wal(copy))


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
