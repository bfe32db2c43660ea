"""Running one program in its own process and measuring it: wall time and peak memory.

Every benchmark that reports a whole process's time or peak memory goes through
:func:`run_measured`. Peak RSS comes from ``/usr/bin/time`` where it exists: a child forked
straight from the benchmark would inherit the benchmark's own peak in ``ru_maxrss``. A process
that goes over ``guard_gb`` or ``timeout`` is stopped (its whole process group) and reported
as such ("did not fit in N GB") rather than left to exhaust a shared machine.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TIME = Path("/usr/bin/time")
CLI = "import sys; sys.argv[0] = 'charterwatch'; from charterwatch.cli import main; main()"


def cli(*args: str) -> list[str]:
    """The command line running ``charterwatch ARGS`` with this Python and this checkout."""
    return [sys.executable, "-c", CLI, *args]


def bench_env(**extra: str) -> dict[str, str]:
    """This environment with the checkout's ``src`` first on the path (so the code measured
    is the code beside the benchmark) and ``extra`` variables set."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in [str(REPO / "src"), env.get("PYTHONPATH", "")] if p
    )
    env.update(extra)
    return env


def group_rss_kb(leader: int) -> int:
    """Resident memory (kB) of a process and its descendants now (0 for those gone)."""
    total = 0
    pending = [leader]
    while pending:
        pid = pending.pop()
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
        pending += [int(c) for c in children]
    return total


def run_measured(
    command: list[str],
    env: dict[str, str] | None = None,
    guard_gb: float = 8.0,
    timeout: float = 3600.0,
    figures: Path | None = None,
) -> dict[str, Any]:
    """Run ``command``; return ``process_seconds`` (wall), ``cpu_seconds`` (user + system:
    less sensitive to other load on the machine; not known for a stopped process),
    ``peak_rss_gb`` (at least the highest seen while polling) and, when it failed or
    was stopped, ``failed`` (the reason or the last line of its error output). When
    ``figures`` names a JSON file the program writes, its contents are merged in."""
    with tempfile.TemporaryDirectory(prefix="cw-measure-") as tmp:
        err, peak = Path(tmp) / "stderr.txt", Path(tmp) / "peak.txt"
        if TIME.exists():
            command = [str(TIME), "-f", "%M %U %S", "-o", str(peak), *command]
        start = time.perf_counter()
        with err.open("w") as stderr:
            child = subprocess.Popen(
                command,
                env=env or bench_env(),
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                start_new_session=True,
            )
        stopped = ""
        seen_kb = 0
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            seen_kb = max(seen_kb, group_rss_kb(child.pid))
            if seen_kb > guard_gb * 1024 * 1024:
                stopped = f"did not fit in {guard_gb:g} GB (stopped)"
            elif time.perf_counter() - start > timeout:
                stopped = f"did not finish in {timeout:g} s (stopped)"
            if stopped:
                os.killpg(child.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(child.pid, 0)
                break
            time.sleep(0.1)
        child.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        peak_kb, cpu = max(usage.ru_maxrss, seen_kb), usage.ru_utime + usage.ru_stime
        said = peak.read_text().splitlines() if peak.exists() else []
        words = said[-1].split() if said else []
        if len(words) == 3 and words[0].isdigit():
            peak_kb, cpu = max(int(words[0]), seen_kb), float(words[1]) + float(words[2])
        result: dict[str, Any] = {
            "process_seconds": round(wall, 2),
            "cpu_seconds": round(cpu, 2),
            "peak_rss_gb": round(peak_kb / 1024 / 1024, 2),
        }
        if stopped:
            del result["cpu_seconds"]
        if stopped or child.returncode:
            said = [line for line in err.read_text().splitlines() if line.strip()]
            result["failed"] = stopped or f"exit {child.returncode}: {(said or [''])[-1][:300]}"
            return result
    if figures is not None and figures.exists():
        result.update(json.loads(figures.read_text(encoding="utf-8")))
    return result


def write_results(name: str, payload: dict[str, Any]) -> Path:
    """Write ``bench/results/NAME.json`` and say where."""
    out = HERE / "results" / f"{name}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(REPO)}")
    return out
