"""Computing the figures in the background, with progress the quality page shows.

At real scale a compute takes about a minute, too long to hold a request open (a proxy's
time limit, a closed tab, a second press of the button). So the compute view records a
:class:`ComputeRun` and starts ``python -m charterwatch.workspace.compute_process RUN_ID``, which
stages the returns in use, computes exactly as ``charterwatch compute`` does
(:func:`charterwatch.workspace.figures.compute_all`) and writes how far it has got (measures
done of total, the current one) into the run at most twice a second. One compute at a time:
a second is refused while one runs. A run whose process has died is marked failed when it is
next looked at, so nothing shows as running for ever.

``settings.COMPUTE_IN = "request"`` runs the same job inside the request instead (the tests'
databases cannot be seen from another process); ``tests/workspace/test_compute_job.py`` runs
the real background process against a workspace database file.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from charterwatch.workspace import figures
from charterwatch.workspace.models import ComputeRun, ComputeState, ReportingYear

log = logging.getLogger(__name__)
EVERY = 0.5
"""Seconds between progress writes (each is a database write the quality page reads)."""


class ComputeBusy(RuntimeError):
    """Another compute is running: the message says whose and since when."""


def start(year: ReportingYear, user: Any) -> ComputeRun:
    """Record a run for ``year`` and start it (in the background unless settings say the
    request); raises :class:`ComputeBusy` while another runs."""
    for running in ComputeRun.objects.filter(state=ComputeState.RUNNING):
        if still_running(running):
            raise ComputeBusy(
                f"a compute started by {running.run_by.get_username()} at "
                f"{timezone.localtime(running.started_at):%H:%M} is still running; "
                "wait for it to finish"
            )
    run = ComputeRun.objects.create(year=year, run_by=user)
    if settings.COMPUTE_IN == "request":
        run_job(run.pk)
        run.refresh_from_db()
        return run
    logs = Path(settings.DATA) / "compute-logs"
    logs.mkdir(parents=True, exist_ok=True)
    with open(logs / f"run-{run.pk}.log", "ab") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "charterwatch.workspace.compute_process", str(run.pk)],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # not stopped with the server worker that started it
        )
    ComputeRun.objects.filter(pk=run.pk, pid__isnull=True).update(pid=process.pid)
    run.refresh_from_db()
    return run


def still_running(run: ComputeRun) -> bool:
    """Whether ``run`` is running; a run whose process has gone is marked failed."""
    if not run.running:
        return False
    if run.pid is None or _alive(run.pid):
        return True
    _finish(run, ok=False, message="the compute stopped without finishing (its process ended)")
    return False


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # a finished child stays as a zombie until its parent reaps it: reap it when it is this
    # process's, and read its state where another server process started it (Linux)
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        stat = Path(f"/proc/{pid}/stat")
        try:
            return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
        except (OSError, IndexError):
            return True
    return done == 0


def run_job(run_id: int) -> None:
    """Stage the returns and compute for run ``run_id``, writing progress as it goes; any
    failure is recorded on the run (never left running)."""
    run = ComputeRun.objects.select_related("year").get(pk=run_id)
    ComputeRun.objects.filter(pk=run.pk).update(pid=os.getpid())
    progress = _Progress(run.pk)
    try:
        staged = figures.stage_returns(run.year)
        ComputeRun.objects.filter(pk=run.pk).update(returns=len(staged))
        outcome = figures.compute_all(progress.total, progress.measure)
    except Exception as exc:  # recorded for the analyst, with the traceback in the log
        log.exception("compute run %s failed", run.pk)
        _finish(run, ok=False, message=f"the compute stopped: {exc}")
        return
    progress.flush()
    _finish(run, ok=outcome.ok, message=outcome.message, figures=outcome.figures)


def _finish(run: ComputeRun, ok: bool, message: str, figures: int = 0) -> None:
    ComputeRun.objects.filter(pk=run.pk).update(
        state=ComputeState.SUCCEEDED if ok else ComputeState.FAILED,
        succeeded=ok,
        figures=figures,
        message=message,
        finished_at=timezone.now(),
    )
    run.refresh_from_db()


class _Progress:
    """Measures done of total, written to the run at most every :data:`EVERY` seconds."""

    def __init__(self, run_id: int) -> None:
        self.run_id, self.done, self.current, self.written = run_id, 0, "", 0.0

    def total(self, years: list[str], measures: int) -> None:
        ComputeRun.objects.filter(pk=self.run_id).update(total=measures, done=0)

    def measure(self, measure: Any) -> None:
        self.done += 1
        self.current = str(measure.id)
        if time.monotonic() - self.written >= EVERY:
            self.flush()

    def flush(self) -> None:
        ComputeRun.objects.filter(pk=self.run_id).update(done=self.done, current=self.current)
        self.written = time.monotonic()
