"""Benchmark: "Was this page useful?" posts arriving at the same moment.

A starter framework and a fresh workspace (SQLite, or ``--database-url``) are set up in a
scratch folder and served by gunicorn, the production server of ``docs/deploy-workspace.md``
(``--workers`` processes with ``--threads`` threads each). Then ``--requests`` feedback posts
are sent over loopback by as many clients at once (``--concurrency``, all released together
by a barrier), each on its own connection, as published pages would send them. Every post
must be answered 200 and be in the database afterwards (none lost); the figures are the
latency percentiles and the throughput. The baseline, in the same run and on the same server,
is the same number of concurrent GETs of the sign-in page (Django, no database write), so the
ratio says what storing feedback costs above serving a page.

The rate limit per sender is lifted for the run (every client here has the same address).

Run: ``.venv/bin/python bench/feedback_load.py [--requests 200] [--concurrency 200]``.
Writes ``bench/results/feedback_load.json``.
"""

from __future__ import annotations

import argparse
import http.client
import os
import selectors
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path
from typing import Any

from machine import machine_details
from measure import write_results

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def environment(root: Path, data: Path, database_url: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        CHARTERWATCH_FRAMEWORK=str(root),
        CHARTERWATCH_WORKSPACE_DATA=str(data),
        CHARTERWATCH_FEEDBACK_PER_HOUR="1000000",
        CHARTERWATCH_INSECURE_COOKIES="1",
        CHARTERWATCH_ADMIN_PASSWORD="bench only password 0123456789",
        DJANGO_SETTINGS_MODULE="charterwatch.workspace.settings",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def set_up(folder: Path, database_url: str | None) -> dict[str, str]:
    """A starter framework and an initialised workspace database; the server's environment."""
    root, data = folder / "charter", folder / "workspace"
    subprocess.run(
        [str(BIN / "charterwatch"), "init", str(root), "--name", "A Benchmark Charter"],
        check=True,
        capture_output=True,
    )
    env = environment(root, data, database_url)
    subprocess.run(
        [
            *(str(BIN / "charterwatch"), "workspace", str(root), "--init", "--admin", "bench"),
            *("--email", "bench@example.org", "--data", str(data)),
        ],
        check=True,
        env=env,
        capture_output=True,
    )
    return env


def wait_until_up(port: int, server: subprocess.Popen[bytes], seconds: float = 60) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped (exit code {server.returncode})")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/login/")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer on port {port} within {seconds:.0f} s")


def _request(method: str, path: str, body: str | None) -> bytes:
    payload = (body or "").encode()
    head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
    if body is not None:
        head += "Content-Type: application/x-www-form-urlencoded\r\n"
        head += f"Content-Length: {len(payload)}\r\n"
    return head.encode() + b"\r\n" + payload


class _Client:
    """One request on its own non-blocking connection: what is left to send, what came back."""

    def __init__(self, index: int, request: bytes, port: int) -> None:
        self.index, self.left, self.answer = index, request, bytearray()
        self.started = time.perf_counter()
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setblocking(False)
        self.sock.connect_ex(("127.0.0.1", port))

    def status(self) -> int:
        head = bytes(self.answer[:16])
        return int(head.split(b" ", 2)[1]) if head.startswith(b"HTTP/") else 0


def _burst(port: int, concurrency: int, requests: list[bytes]) -> list[tuple[int, float]]:
    """(status, milliseconds) of each request, ``concurrency`` connections open at a time.

    Plain non-blocking sockets and one ``selectors`` loop on one thread, so the load
    generator takes as little as possible of the two cores the server needs (about half the
    CPU time of the same clients as ``asyncio`` streams). Each request's time runs from its
    connection being opened to the server closing it."""
    chooser = selectors.DefaultSelector()
    waiting = list(enumerate(requests))[::-1]
    results: list[tuple[int, float]] = [(0, 0.0)] * len(requests)

    def open_next() -> None:
        index, request = waiting.pop()
        client = _Client(index, request, port)
        chooser.register(client.sock, selectors.EVENT_WRITE, client)

    for _ in range(min(concurrency, len(waiting))):
        open_next()
    open_now = min(concurrency, len(requests))
    while open_now:
        for key, _ in chooser.select():
            client: _Client = key.data
            done = False
            try:
                if client.left:
                    sent = client.sock.send(client.left)
                    client.left = client.left[sent:]
                    if not client.left:
                        chooser.modify(client.sock, selectors.EVENT_READ, client)
                    continue
                chunk = client.sock.recv(65536)
                client.answer += chunk
                done = not chunk
            except (BlockingIOError, InterruptedError):
                continue
            except OSError:
                done = True
            if done:
                elapsed = (time.perf_counter() - client.started) * 1000
                results[client.index] = (client.status(), elapsed)
                chooser.unregister(client.sock)
                client.sock.close()
                open_now -= 1
                if waiting:
                    open_next()
                    open_now += 1
    chooser.close()
    return results


def burst(
    port: int, concurrency: int, method: str, path: str, bodies: list[str | None]
) -> dict[str, Any]:
    """Send one request per body from ``concurrency`` clients released together."""
    requests = [_request(method, path, body) for body in bodies]
    start = time.perf_counter()
    results = _burst(port, concurrency, requests)
    wall = time.perf_counter() - start
    latencies = sorted(ms for _, ms in results)
    statuses: dict[str, int] = {}
    for status, _ in results:
        statuses[str(status)] = statuses.get(str(status), 0) + 1

    def percentile(p: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))], 1)

    return {
        "requests": len(bodies),
        "concurrency": concurrency,
        "statuses": statuses,
        "p50_ms": percentile(50),
        "p95_ms": percentile(95),
        "max_ms": round(latencies[-1], 1),
        "mean_ms": round(statistics.fmean(latencies), 1),
        "wall_s": round(wall, 3),
        "per_second": round(len(bodies) / wall, 1),
    }


def stored_feedback(env: dict[str, str], marker: str) -> int:
    """How many feedback rows carry ``marker`` (asked through Django, so any database)."""
    code = (
        "import django; django.setup();"
        "from charterwatch.workspace.models import Feedback;"
        f"print(Feedback.objects.filter(text__startswith={marker!r}).count())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True
    )
    return int(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn processes (2 cores)")
    parser.add_argument("--threads", type=int, default=1, help="threads per gunicorn process")
    parser.add_argument("--database-url", help="PostgreSQL instead of SQLite")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="cw-feedback-bench-") as scratch:
        env = set_up(Path(scratch), args.database_url)
        port = free_port()
        server = subprocess.Popen(
            [
                *(str(BIN / "gunicorn"), "charterwatch.workspace.wsgi"),
                *("--bind", f"127.0.0.1:{port}", "--backlog", "2048", "--log-level", "warning"),
                *("--workers", str(args.workers), "--threads", str(args.threads)),
            ],
            env=env,
        )
        try:
            wait_until_up(port, server)
            burst(port, 4, "GET", "/login/", [None] * 8)  # every worker past its first request
            baseline = burst(port, args.concurrency, "GET", "/login/", [None] * args.requests)
            marker = f"bench-{time.time_ns()}"
            bodies: list[str | None] = [
                urllib.parse.urlencode(
                    {
                        "page": f"measures/M{i % 7 + 1}/index.html",
                        "useful": "yes" if i % 3 else "no",
                        "text": f"{marker} message {i}: the table could say what the days count.",
                        "website": "",
                    }
                )
                for i in range(args.requests)
            ]
            posts = burst(port, args.concurrency, "POST", "/feedback/", bodies)
        finally:
            server.terminate()
            server.wait(30)
        stored = stored_feedback(env, marker)

    lost = args.requests - stored
    ratio = round(posts["p95_ms"] / baseline["p95_ms"], 2) if baseline["p95_ms"] else None
    database = "PostgreSQL" if args.database_url else "SQLite (WAL)"
    print(
        f"feedback posts: {args.requests} from {args.concurrency} clients at once, gunicorn "
        f"{args.workers} workers x {args.threads} threads, {database}"
    )
    for name, got in (("baseline GET /login/", baseline), ("POST /feedback/", posts)):
        print(
            f"  {name:22} p50 {got['p50_ms']:7.1f} ms  p95 {got['p95_ms']:7.1f} ms  "
            f"max {got['max_ms']:7.1f} ms  {got['per_second']:6.1f}/s  statuses {got['statuses']}"
        )
    print(f"  stored {stored} of {args.requests} (lost: {lost}); p95 ratio to baseline: {ratio}")
    met = lost == 0 and posts["p95_ms"] < 200
    print(f"  target: none lost, p95 under 200 ms -> {'met' if met else 'NOT met'}")
    write_results(
        "feedback_load",
        {
            "machine": machine_details(),
            "server": {"workers": args.workers, "threads": args.threads, "database": database},
            "baseline_get_login": baseline,
            "feedback_posts": posts,
            "stored": stored,
            "lost": lost,
            "p95_ratio_to_baseline": ratio,
            "target": {"lost": 0, "p95_ms_under": 200},
        },
    )


if __name__ == "__main__":
    main()
