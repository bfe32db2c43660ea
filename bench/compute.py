"""Benchmark: every measure of the example for every year, at sizes 0.05 and 1 (and 10).

Size 1 is the example at its real scale (about 6.6 million rows); 0.05 the copy the tests
use (about 330,000 rows, close to the 420,000 the example had at size 1 before its volumes
became real); 10 about 66 million rows.

For each size, a scratch copy of the example gets its synthetic records (``charterwatch
example-data --size N``, measured as its own process: time and peak memory), then a worker
process opens the folder, loads the sources (timed), drops them, and computes every measure
for every year on DuckDB (timed: ``load_and_compute_seconds`` includes the loading that
``compute`` does itself; ``compute_only_seconds`` is that minus the separate load). The
separate load scans the sources in place on DuckDB, as ``compute`` does, with the kept
sources switched off for it (so the first compute still checks every file itself); it
used to read every table into Arrow in Python, which at size 6.5 took the worker over 8 GB
although ``compute`` itself stays under 4 GB. The
worker runs with ``CHARTERWATCH_MEMORY_LIMIT`` (4GB by default); its whole-process time and
peak memory are recorded, and a process over ``--guard-gb`` is stopped and reported as not
fitting. This first compute in a new folder compiles every query; a second worker then does
the same again in the same folder, as a user's next ``compute`` would, with the compiled
SQL and checked sources the first kept (``compute_again``; ``queries_kept``,
``queries_compiled`` and ``sources_kept_before`` say which happened). In-process steps
record CPU seconds too (``*_cpu_seconds``: user and system of every thread, so DuckDB's
parallel work can make them exceed the wall time).
Writes ``bench/results/compute.json``.

Run: ``.venv/bin/python bench/compute.py [--sizes 0.05 1] [--with-10]``.
Targets (issue 10, set when size 1 was the 420,000-row sample): that sample, all measures and
years, under 3 s compute on DuckDB; 100 times it computes (under 4 GB); ``example-data`` at
100 times it under 4 GB. The nearest sizes now: 0.05, and 10 (66 million rows).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from machine import machine_details
from measure import bench_env, cli, run_measured, write_results

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent / "examples" / "scotland"


def worker(root: str, out: str) -> None:
    """In its own process: open, load (timed), drop the data, compute everything (timed)."""
    from charterwatch.engines import Engine
    from charterwatch.pipeline import Pipeline
    from charterwatch.sources.scan.kept import FOLDER, SWITCH

    kept_before = len(list((Path(root) / FOLDER).glob("*.json")))
    start, cpu = time.perf_counter(), time.process_time()
    pipeline = Pipeline.open(root)
    opened = time.perf_counter() - start
    start, cpu = time.perf_counter(), time.process_time()
    engine = Engine.connect()  # in place, as compute loads them; nothing kept for compute
    os.environ[SWITCH] = "0"
    try:
        data = pipeline.load_sources(engine)
        sources = len(data.tables) + len(data.engine_tables)
    finally:
        del os.environ[SWITCH]
        engine.close()
    loaded, loaded_cpu = time.perf_counter() - start, time.process_time() - cpu
    del data
    gc.collect()
    start, cpu = time.perf_counter(), time.process_time()
    report = pipeline.compute()
    total, total_cpu = time.perf_counter() - start, time.process_time() - cpu
    figures = {
        "years": f"{report.years[0]} to {report.years[-1]}",
        "measures": len({r.measure for r in report.rows}),
        "figures": len(report.rows),
        "sources": sources,
        "open_seconds": round(opened, 2),
        "load_seconds": round(loaded, 2),
        "load_cpu_seconds": round(loaded_cpu, 2),
        "load_and_compute_seconds": round(total, 2),
        "load_and_compute_cpu_seconds": round(total_cpu, 2),
        "compute_only_seconds": round(max(total - loaded, 0.0), 2),
        "queries_compiled": report.queries_compiled,
        "queries_kept": report.queries_kept,
        "sources_kept_before": kept_before,
    }
    Path(out).write_text(json.dumps(figures), encoding="utf-8")


def run(size: float, args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="cw-bench-", dir=args.scratch) as tmp:
        root = Path(tmp) / "scotland"
        shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("data", ".charterwatch"))
        print(f"size {size:g}: generating ...", flush=True)
        made = run_measured(
            cli("example-data", str(root), "--size", f"{size:g}"),
            guard_gb=args.guard_gb,
            timeout=args.timeout,
        )
        rows = sum(sum(1 for _ in p.open("rb")) - 1 for p in (root / "data").glob("*.csv"))
        result: dict[str, Any] = {"size": size, "rows": rows, "generate": made}
        if "failed" in made:
            return result
        print(f"size {size:g}: computing ...", flush=True)
        out = Path(tmp) / "figures.json"
        command = [sys.executable, str(Path(__file__).resolve()), "--worker", str(root), str(out)]
        env = bench_env(CHARTERWATCH_MEMORY_LIMIT=args.memory_limit)
        result["compute"] = run_measured(command, env, args.guard_gb, args.timeout, figures=out)
        if "failed" not in result["compute"]:
            print(f"size {size:g}: computing again ...", flush=True)
            out.unlink(missing_ok=True)
            result["compute_again"] = run_measured(
                command, env, args.guard_gb, args.timeout, figures=out
            )
        return result


def show(result: dict[str, Any]) -> None:
    print(f"size {result['size']:g} ({result['rows']:,} rows):")
    for step in ("generate", "compute", "compute_again"):
        for key, value in result.get(step, {}).items():
            print(f"  {step + ' ' + key:>34}: {value}")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        worker(*sys.argv[2:4])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="*", type=float, default=[0.05, 1.0])
    parser.add_argument("--with-10", action="store_true", help="add size 10 (about 66M rows)")
    parser.add_argument("--memory-limit", default="4GB", help="CHARTERWATCH_MEMORY_LIMIT")
    parser.add_argument("--guard-gb", type=float, default=8.0, help="stop a process over this")
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds per process")
    parser.add_argument("--scratch", default=None, help="folder for the scratch copies")
    args = parser.parse_args()
    sizes = [*args.sizes, *([10.0] if args.with_10 and 10.0 not in args.sizes else [])]
    results = []
    for size in sizes:
        result = run(size, args)
        show(result)
        results.append(result)
    payload = {
        "benchmark": "compute_all_years",
        "machine": machine_details(),
        "memory_limit": args.memory_limit,
        "targets": {"compute_seconds_size_0.05": 3, "peak_rss_gb_size_10": 4},
        "runs": results,
    }
    write_results("compute", payload)


if __name__ == "__main__":
    main()
