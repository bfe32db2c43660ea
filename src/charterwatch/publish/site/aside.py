"""One long piece of a build done in a second process, beside the rest.

Laying out the full report PDF is the longest single step of a build (about half of it at
the example's size: 109 pages, 12 s to lay out and 5 s to write as tagged PDF/UA), and it
needs nothing the other steps make. On a machine with two or more cores it is laid out in a
forked process while this one writes the spreadsheets, the summary and the leaflet; the build
waits for it before the downloads page (which shows the PDF's size). The child starts as a
copy of this process (``fork``), so it needs nothing sent to it, and it only writes its one
file into the build's folder.

An exception in the child is raised again here with its type and message, so a failed
report fails the build exactly as it would have in one process (and the previous site stays
as it was). A build that fails elsewhere first stops the child before its folder is removed.
With one core, on a system without ``fork`` (Windows, macOS), or with
``CHARTERWATCH_BUILD_PROCESSES=1``, the work runs in this process when its result is asked for.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

T = TypeVar("T")

SWITCH = "CHARTERWATCH_BUILD_PROCESSES"
"""How many processes a build may use; ``1`` keeps all its work in one."""


def processes() -> int:
    """How many processes a build may use: ``CHARTERWATCH_BUILD_PROCESSES``, else the cores
    this process may run on; 1 where ``fork`` is not safe to use."""
    if sys.platform != "linux" or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    chosen = os.environ.get(SWITCH, "").strip()
    if chosen.isdigit() and int(chosen) >= 1:
        return int(chosen)
    return len(os.sched_getaffinity(0))


class ChildFailed(RuntimeError):
    """The child process ended without saying how (killed, or out of memory)."""


class Aside(Generic[T]):
    """``work`` running in a forked child (or, with one process, run on :meth:`result`)."""

    def __init__(self, work: Callable[[], T], what: str) -> None:
        self.work = work
        self.what = what
        self.process: Any = None
        self.reader: Connection | None = None
        if processes() > 1:
            self._fork()

    def _fork(self) -> None:
        context = multiprocessing.get_context("fork")
        reader, writer = context.Pipe(duplex=False)

        def child() -> None:
            reader.close()
            try:
                writer.send((True, self.work()))
            except BaseException as exc:  # sent back whole, raised again by the parent
                try:
                    writer.send((False, exc))
                except Exception:  # an exception that cannot be pickled: its text
                    writer.send((False, RuntimeError("".join(traceback.format_exception(exc)))))
            finally:
                writer.close()

        self.process = context.Process(target=child, name=f"charterwatch: {self.what}")
        self.process.start()
        writer.close()
        self.reader = reader

    @property
    def forked(self) -> bool:
        return self.process is not None

    def result(self) -> T:
        """The work's result, waiting for the child; its exception raised again here."""
        if self.reader is None:
            return self.work()
        try:
            ok, value = self.reader.recv()
        except EOFError:
            self.process.join()
            raise ChildFailed(
                f"{self.what}: its process ended without finishing "
                f"(exit code {self.process.exitcode}); run the build again with "
                f"{SWITCH}=1 to see the error in this process"
            ) from None
        finally:
            self.reader.close()
            self.reader = None
        self.process.join()
        if not ok:
            raise value
        result: T = value
        return result

    def stop(self) -> None:
        """Stop the child if it is still working (the build failed elsewhere)."""
        if self.process is not None and self.process.is_alive():
            self.process.terminate()
        if self.process is not None:
            self.process.join()
        if self.reader is not None:
            self.reader.close()
            self.reader = None
