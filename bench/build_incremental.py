"""Benchmark: rebuilding the example site after one measure's figures change.

Copies the example (with its results store) to a temporary folder, builds the site from
scratch, rebuilds with nothing changed, then computes one measure again (``compute
--measure``) and rebuilds after storing new figures for that measure. Prints the figures and
writes bench/results/build_incremental.json. Run ``charterwatch compute examples/scotland``
first. Target (issue 10): one measure's data changed, compute and build again in under 2 s.
Run: ``.venv/bin/python bench/build_incremental.py [MEASURE]``.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from charterwatch.pipeline import Pipeline
from charterwatch.publish.site.site import build_site

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent / "examples" / "scotland"
MEASURE = "M2.02"
"""A duration measure of the example (processing times of applications), one of 77."""


def main() -> None:
    measure = sys.argv[1] if len(sys.argv) > 1 else MEASURE
    if not (EXAMPLE / ".charterwatch" / "results.duckdb").exists():
        raise SystemExit("no results store: run 'charterwatch compute examples/scotland' first")
    with tempfile.TemporaryDirectory(prefix="cw-rebuild-") as tmp:
        root = Path(tmp) / "scotland"
        shutil.copytree(EXAMPLE, root)
        site = Path(tmp) / "site"
        pipeline = Pipeline.open(root)
        if measure not in pipeline.framework.framework.measures:
            raise SystemExit(f"no measure {measure} in the example")

        start, cpu = time.perf_counter(), time.process_time()
        full = build_site(pipeline, site)
        full_seconds, full_cpu = time.perf_counter() - start, time.process_time() - cpu

        start, cpu = time.perf_counter(), time.process_time()
        same = build_site(pipeline, site)
        same_seconds, same_cpu = time.perf_counter() - start, time.process_time() - cpu

        start, cpu = time.perf_counter(), time.process_time()
        pipeline.compute(measure_ids=[measure])
        compute_seconds, compute_cpu = time.perf_counter() - start, time.process_time() - cpu

        # New figures for the measure, as a compute after its data changed would store.
        stored = pipeline.store.query(measure=measure, granularity=None)
        moved = [
            dataclasses.replace(f, value=f.value + 1)
            if f.statistic == "value" and f.value is not None
            else f
            for f in stored
        ]
        pipeline.store.write(moved, engine="bench", years=sorted({f.label for f in stored}))
        start, cpu = time.perf_counter(), time.process_time()
        one = build_site(pipeline, site)
        one_seconds, one_cpu = time.perf_counter() - start, time.process_time() - cpu

    figures = {
        "benchmark": "build_incremental",
        "measure": measure,
        "units": len(full.rendered),
        "full_build_seconds": round(full_seconds, 2),
        "full_build_cpu_seconds": round(full_cpu, 2),
        "unchanged_rebuild_seconds": round(same_seconds, 2),
        "unchanged_rebuild_cpu_seconds": round(same_cpu, 2),
        "unchanged_rebuild_rendered": len(same.rendered),
        "compute_one_measure_seconds": round(compute_seconds, 2),
        "compute_one_measure_cpu_seconds": round(compute_cpu, 2),
        "rebuild_after_one_measure_seconds": round(one_seconds, 2),
        "rebuild_after_one_measure_cpu_seconds": round(one_cpu, 2),
        "rebuild_rendered": len(one.rendered),
        "rebuild_rendered_measure_pages": sum(u.startswith("measures/") for u in one.rendered),
        "rebuild_kept": len(one.kept),
        "compute_and_build_seconds": round(compute_seconds + one_seconds, 2),
        "compute_and_build_cpu_seconds": round(compute_cpu + one_cpu, 2),
        "target_seconds": 2,
        "cores": os.cpu_count(),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "note": "cpu_seconds: this process only (DuckDB threads included); wall seconds "
        "depend on what else the machine runs",
    }
    for key, value in figures.items():
        print(f"{key:>36}: {value}")
    out = HERE / "results" / "build_incremental.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
