"""Benchmark: the example computed on each engine (DuckDB, PostgreSQL; Spark when it lands).

For each size factor, generates the synthetic records into a scratch copy of the example,
validates the sources once, then on each engine times putting the sources on it (``put``:
for PostgreSQL a ``COPY`` into temporary tables plus ``ANALYZE`` and indexes) and computing
every measure for every year (before disclosure control and storing, which do not depend on
the engine), with the time per measure kind, and checks that every engine gives the same
rows as DuckDB. Prints the figures and the ratio of each engine to DuckDB and writes
``bench/results/engines.json``. Target: PostgreSQL within 3 times DuckDB at size 1 (the real
scale, 6.6 million rows; the target was set at 4.2 million, then called size 10).

Run: ``.venv/bin/python bench/engines.py [--sizes 0.05 1] [--engines duckdb postgresql]``.
``--engines`` takes names from :data:`ENGINES` or any engine URL (``name=URL`` to label it);
Spark is listed as ``spark`` and is run when asked for.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from charterwatch.engines import Engine
from charterwatch.measures.compute import compute_measures
from charterwatch.measures.expr import fy_label
from charterwatch.measures.rows import ResultRow
from charterwatch.pipeline import Pipeline
from charterwatch.synthetic import generate_example

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent / "examples" / "scotland"

ENGINES: dict[str, str | None] = {
    "duckdb": None,
    "postgresql": "postgresql://postgres@127.0.0.1:5432/test",
    # the distributed engine: run with --engines duckdb postgresql spark
    "spark": "spark://local[2]",
}
"""Engine names for ``--engines`` and their URLs (None: DuckDB in memory)."""

DEFAULT_ENGINES = ("duckdb", "postgresql")
TARGET_RATIO = 3.0
"""PostgreSQL's compute (put and measures) at size 1 within this many times DuckDB's."""


def engine_url(choice: str) -> tuple[str, str | None]:
    """``(label, url)`` for a name in :data:`ENGINES`, a ``label=URL`` or a bare URL."""
    if choice in ENGINES:
        return choice, ENGINES[choice]
    if "=" in choice:
        label, url = choice.split("=", 1)
        return label, url
    return choice.split(":", 1)[0], choice


def comparable(rows: list[ResultRow]) -> dict[tuple[str, ...], tuple[object, ...]]:
    """Rows keyed as stored, with values rounded so engines' float sums compare equal."""
    return {r.key: (None if r.value is None else round(r.value, 6), r.base, r.symbol) for r in rows}


def server_cpu(engine: Engine) -> float:
    """CPU seconds used so far by the engine's server process for this session, when it runs
    on this machine (PostgreSQL: the session's backend process); -1 when unknown.

    On a shared machine wall-clock times depend on what else runs; CPU times do not."""
    pid = getattr(getattr(getattr(engine.backend, "con", None), "info", None), "backend_pid", None)
    stat = Path(f"/proc/{pid}/stat")
    if pid is None or not stat.exists():
        return -1.0
    fields = stat.read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def on_engine(pipeline: Pipeline, data: Any, url: str | None, years: list[str]) -> dict[str, Any]:
    """Put the sources on one engine and compute every measure there, timing each step."""
    start = time.perf_counter()
    cpu = time.process_time()
    engine = Engine.connect(url)
    server = server_cpu(engine)
    try:
        version = str(engine.backend.version)
        ctx = pipeline.context(engine, data)
        put = time.perf_counter() - start
        kinds: dict[str, float] = defaultdict(float)
        rows: list[ResultRow] = []
        for measure in pipeline.measures():
            started = time.perf_counter()
            outcome = compute_measures([measure], ctx, years)
            kinds[measure.kind] += time.perf_counter() - started
            rows += outcome.rows
        server = server_cpu(engine) - server if server >= 0 else -1.0
    finally:
        engine.close()
    total = time.perf_counter() - start
    cpu = time.process_time() - cpu
    return {
        "version": version,
        "put_seconds": round(put, 2),
        "measures_seconds": round(total - put, 2),
        "total_seconds": round(total, 2),
        "cpu_seconds_this_process": round(cpu, 2),
        "cpu_seconds_server": round(server, 2) if server >= 0 else None,
        "kinds_seconds": {k: round(s, 2) for k, s in sorted(kinds.items(), key=lambda x: -x[1])},
        "rows": rows,
    }


def run(size: float, engines: list[tuple[str, str | None]]) -> dict[str, Any]:
    """Every engine on the example at one size factor."""
    with tempfile.TemporaryDirectory(prefix="cw-bench-") as tmp:
        root = Path(tmp) / "scotland"
        shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("data", ".charterwatch"))
        report = generate_example(root, size=size)
        pipeline = Pipeline.open(root)
        start = time.perf_counter()
        data = pipeline.load_sources()
        loaded = time.perf_counter() - start
        wanted = pipeline.years_with_data(data)
        years = [fy_label(int(wanted[0][:4]) - 1), *wanted]
        results: dict[str, Any] = {}
        for label, url in engines:
            results[label] = on_engine(pipeline, data, url, years)
    reference = comparable(results[engines[0][0]]["rows"])
    for figures in results.values():
        mine = comparable(figures.pop("rows"))
        differing = [k for k in reference.keys() | mine.keys() if reference.get(k) != mine.get(k)]
        figures["rows_differing_from_" + engines[0][0]] = len(differing)
        base = results[engines[0][0]]
        figures["ratio"] = {
            key: round(figures[key] / base[key], 2) if base[key] else None
            for key in ("put_seconds", "measures_seconds", "total_seconds")
        }
    return {
        "size": size,
        "rows": report.rows,
        "years": f"{wanted[0]} to {wanted[-1]}",
        "validate_seconds": round(loaded, 2),
        "engines": results,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", nargs="*", type=float, default=[0.05, 1.0])
    parser.add_argument("--engines", nargs="*", default=list(DEFAULT_ENGINES))
    args = parser.parse_args()
    engines = [engine_url(choice) for choice in args.engines]
    runs = []
    for size in args.sizes:
        figures = run(size, engines)
        runs.append(figures)
        print(f"size {size:g}: {figures['rows']:,} rows, {figures['years']}")
        print(f"  validate (once, any engine): {figures['validate_seconds']} s")
        for label, on in figures["engines"].items():
            ratio = on["ratio"]["total_seconds"]
            print(
                f"  {label:>12}: put {on['put_seconds']:7.2f} s  measures "
                f"{on['measures_seconds']:7.2f} s  total {on['total_seconds']:7.2f} s  "
                f"x{ratio} of {engines[0][0]}  rows differing: "
                f"{on['rows_differing_from_' + engines[0][0]]}"
            )
            print(
                f"               cpu: this process {on['cpu_seconds_this_process']} s, "
                f"server {on['cpu_seconds_server']} s"
            )
            print("               " + ", ".join(f"{k} {s}" for k, s in on["kinds_seconds"].items()))
    out = HERE / "results" / "engines.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "benchmark": "engines_on_the_example",
        "note": "wall-clock seconds; cpu_seconds_* count CPU time, which a busy machine "
        "does not inflate (cpu_seconds_server: the PostgreSQL session's backend process)",
        "machine": {
            "cores": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
        },
        "target_ratio_size_1": TARGET_RATIO,
        "runs": runs,
    }
    out.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
