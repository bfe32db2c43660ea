"""Computing from the workspace runs in the background with progress: measures done of total
recorded on the run, one compute at a time, a run whose process died seen as failed, a
failure recorded with its message, and the real background process computing into the
framework's store while the page that started it has already answered."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from charterwatch.starter import create_starter
from tests.workspace.test_release_flow import YEAR

BIN = Path(sys.executable).parent


@pytest.fixture
def starter(tmp_path: Path, settings: Any) -> Path:
    root = tmp_path / "charter"
    create_starter(root, "A Test Charter")
    settings.FRAMEWORK = root
    settings.DATA = tmp_path / "workspace"
    return root


@pytest.fixture
def reporting(db: Any) -> Any:
    from charterwatch.workspace.models import ReportingYear

    return ReportingYear.objects.create(label=YEAR, returns_due=dt.date(2026, 6, 30))


def test_a_compute_records_its_progress_and_outcome(
    starter: Path, reporting: Any, make_user: Any
) -> None:
    from charterwatch.pipeline import Pipeline
    from charterwatch.workspace import compute_job

    run = compute_job.start(reporting, make_user("analyst"))
    measures = len(Pipeline.open(starter).measures())
    assert run.state == "succeeded" and run.succeeded and run.finished_at is not None
    assert (run.done, run.total) == (measures, measures) and run.percent == 100
    assert run.figures > 0 and run.pid == os.getpid()


def test_a_failure_is_recorded_not_left_running(
    starter: Path, reporting: Any, make_user: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from charterwatch.workspace import compute_job, figures

    def broken(*_: Any) -> Any:
        raise OSError("No space left on device")

    monkeypatch.setattr(figures, "compute_all", broken)
    run = compute_job.start(reporting, make_user("analyst"))
    assert run.state == "failed" and not run.succeeded
    assert run.message == "the compute stopped: No space left on device"


def test_a_run_whose_process_died_is_failed_when_seen(reporting: Any, make_user: Any) -> None:
    from charterwatch.workspace import compute_job
    from charterwatch.workspace.models import ComputeRun

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    run = ComputeRun.objects.create(year=reporting, run_by=make_user("analyst"), pid=gone.pid)
    assert run.running
    assert not compute_job.still_running(run)
    run.refresh_from_db()
    assert run.state == "failed" and "stopped without finishing" in run.message


def test_a_second_compute_is_refused_while_one_runs(
    starter: Path, reporting: Any, make_user: Any
) -> None:
    from charterwatch.workspace.models import ComputeRun

    analyst = make_user("analyst")
    ComputeRun.objects.create(year=reporting, run_by=analyst, pid=os.getpid())  # alive
    client = Client()
    client.force_login(analyst)
    url = reverse("workspace:compute", kwargs={"year": YEAR})
    page = client.post(url, follow=True).content.decode()
    assert "is still running; wait for it to finish" in page
    assert ComputeRun.objects.count() == 1
    assert "Computing the figures" in page and "Check progress" in page
    assert "Compute the figures from the returns in use" not in page  # no second button


def test_the_quality_page_shows_progress(reporting: Any, make_user: Any) -> None:
    from charterwatch.workspace.models import ComputeRun

    analyst = make_user("analyst")
    ComputeRun.objects.create(
        year=reporting, run_by=analyst, pid=os.getpid(), done=3, total=12, current="M1.04"
    )
    client = Client()
    client.force_login(analyst)
    page = client.get(reverse("workspace:quality", kwargs={"year": YEAR})).content.decode()
    assert "<strong>3 of 12 measures</strong> done (last: M1.04)" in page
    assert '<progress max="12" value="3" aria-labelledby="compute-progress">25%</progress>' in page


JOB = """
import json, os, sys, time
import django
django.setup()
from django.contrib.auth import get_user_model
from charterwatch.workspace import compute_job
from charterwatch.workspace.models import ComputeRun, ReportingYear
year = ReportingYear.objects.create(label={year!r}, returns_due="2026-06-30")
user = get_user_model().objects.get(username="lead")
run = compute_job.start(year, user)
started = {{"running": run.running, "pid": run.pid, "own_pid": os.getpid()}}
seen = set()
for _ in range(1200):
    run.refresh_from_db()
    seen.add((run.done, run.total))
    if not compute_job.still_running(run):
        break
    time.sleep(0.1)
print(json.dumps({{**started, "state": run.state, "message": run.message,
                   "figures": run.figures, "done": run.done, "total": run.total}}))
"""


@pytest.mark.slow
def test_the_background_process_computes_into_the_store(tmp_path: Path) -> None:
    """The real thing: a workspace database file, a compute started as the view starts it,
    answered at once while another process computes, then finished with every measure."""
    root = tmp_path / "charter"
    create_starter(root, "A Test Charter")
    env = {
        **os.environ,
        "CHARTERWATCH_FRAMEWORK": str(root),
        "CHARTERWATCH_WORKSPACE_DATA": str(tmp_path / "workspace"),
        "CHARTERWATCH_COMPUTE_IN": "process",
        "CHARTERWATCH_ADMIN_PASSWORD": "a long enough password 0123456789",
    }
    env.pop("DATABASE_URL", None)  # a database file the two processes share
    subprocess.run(
        [
            *(str(BIN / "charterwatch"), "workspace", str(root), "--init", "--admin", "lead"),
            *("--email", "lead@example.org", "--data", str(tmp_path / "workspace")),
        ],
        env=env,
        check=True,
        capture_output=True,
    )
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(JOB.format(year=YEAR))],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    got = json.loads(done.stdout.strip().splitlines()[-1])
    assert got["running"] and got["pid"] not in (None, got["own_pid"])
    assert got["state"] == "succeeded", got["message"]
    assert got["done"] == got["total"] == 1 and got["figures"] > 0
    assert (root / ".charterwatch" / "results.duckdb").exists()
    assert (tmp_path / "workspace" / "compute-logs" / "run-1.log").exists()


def test_a_finished_process_started_elsewhere_is_not_running(
    reporting: Any, make_user: Any
) -> None:
    """A compute started by another server process is not this one's child: when it ends
    unreaped (a zombie) it must still be seen as ended."""
    from charterwatch.workspace import compute_job
    from charterwatch.workspace.models import ComputeRun

    # a grandchild whose parent exits at once is reparented and reaped by the system; a
    # child of a still-running parent that never waits is a zombie: make one
    parent = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import subprocess, sys, time; p = subprocess.Popen(['true']); "
            "print(p.pid, flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert parent.stdout is not None
        zombie = int(parent.stdout.readline())
        for _ in range(50):
            stat = Path(f"/proc/{zombie}/stat").read_text()
            if stat.rsplit(")", 1)[1].split()[0] == "Z":
                break
            time.sleep(0.1)
        run = ComputeRun.objects.create(year=reporting, run_by=make_user("analyst"), pid=zombie)
        assert not compute_job.still_running(run)
    finally:
        parent.kill()
        parent.wait()
