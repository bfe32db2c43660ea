"""The compute lock: one compute at a time per results store, refused cleanly, never stuck.

The lock is a file beside the store (``results.duckdb.lock``) holding the holder's pid, host
and start time, plus an operating-system lock (``flock``) on that file. The kernel drops the
operating-system lock when its process ends, however it ends, so a lock file left by a
killed compute is stale by definition: the next compute takes it over and says so. A second
compute while the first is alive is refused with :class:`ComputeRunningError` naming the
holder. POSIX only (``fcntl``), like the rest of the deployment.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import socket
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from charterwatch.failures import ComputeRunningError, OperationalError, from_os_error


@dataclass(frozen=True)
class Holder:
    """Who holds (or held) a compute lock: process id, host name and UTC start time."""

    pid: int
    host: str
    started_at: str

    def describe(self) -> str:
        return f"pid {self.pid} on {self.host}, started {self.started_at}"


def pid_alive(pid: int) -> bool:
    """Whether a process with this id exists on this machine."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, it belongs to someone else
        return True
    return True


class ComputeLock:
    """The lock of the store at ``store``; use it as a context manager around a compute.

    Entering raises :class:`ComputeRunningError` when another live process holds it, and an
    :class:`OperationalError` when the folder cannot be written. ``stale`` is the holder of
    a lock file left behind by a compute that did not finish, if one was taken over.
    """

    def __init__(self, store: Path) -> None:
        self.path = store.with_name(store.name + ".lock")
        self.stale: Holder | None = None
        self._fd: int | None = None

    def __enter__(self) -> ComputeLock:
        self.acquire()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()

    def acquire(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = self._lock()
            try:
                previous = _read(fd)
                os.ftruncate(fd, 0)
                started = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
                mine = {"pid": os.getpid(), "host": socket.gethostname(), "started_at": started}
                os.write(fd, json.dumps(mine).encode("utf-8"))
                os.fsync(fd)
            except BaseException:
                os.close(fd)
                raise
        except OSError as exc:
            known = from_os_error(exc, self.path, writing=True)
            if known is None:
                raise
            raise known from exc
        # a lock file whose process is gone: the kernel released its flock when it ended
        self.stale = previous
        self._fd = fd

    def _lock(self) -> int:
        """Open the lock file and lock it, or raise ComputeRunningError naming the holder."""
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _read(fd)
                os.close(fd)
                raise self._running(holder) from None
            if _same_file(fd, self.path):
                return fd
            os.close(fd)  # the holder removed the file as we opened it: start again

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()  # while still holding it, so no one else takes the old file
        os.close(self._fd)
        self._fd = None

    def _running(self, holder: Holder | None) -> OperationalError:
        who = f" ({holder.describe()})" if holder else ""
        return ComputeRunningError(
            f"another charterwatch is computing into {self.path.with_suffix('')}{who}",
            f"wait for it to finish, or if that process is gone remove {self.path}",
        )


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.stat(path).st_ino == os.fstat(fd).st_ino
    except FileNotFoundError:
        return False


def _read(fd: int) -> Holder | None:
    """The holder recorded in an open lock file, or None when it is empty or unreadable."""
    os.lseek(fd, 0, os.SEEK_SET)
    text = os.read(fd, 4096).decode("utf-8", errors="replace")
    try:
        data = json.loads(text)
        return Holder(int(data["pid"]), str(data["host"]), str(data["started_at"]))
    except (ValueError, KeyError, TypeError):
        return None
