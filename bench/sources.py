"""Benchmark: load every source of a framework folder (target: under 2 seconds for the example).

Times ``Pipeline.load_sources`` (read and check every extract) on the fast path, and with
``--per-cell`` also on the per-cell path alone, for comparison. Prints the timings and writes
them as JSON to bench/results/sources.json. Run with
``.venv/bin/python bench/sources.py [FOLDER] [--repeat N] [--per-cell]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from charterwatch.pipeline import Pipeline
from charterwatch.sources.fast import per_cell_only

HERE = Path(__file__).resolve().parent
TARGET_SECONDS = 2.0


def _time_load(pipeline: Pipeline, repeat: int) -> tuple[list[float], int, int, int]:
    """Seconds of each load, and the tables, rows and errors of the last one."""
    timings: list[float] = []
    tables = rows = errors = 0
    for _ in range(repeat):
        start = time.perf_counter()
        data = pipeline.load_sources()
        timings.append(time.perf_counter() - start)
        tables = len(data.tables)
        rows = sum(t.num_rows for t in data.tables.values())
        errors = len(data.issues.errors)
    return timings, tables, rows, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", nargs="?", default=str(HERE.parent / "examples" / "scotland"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--per-cell", action="store_true", help="also time the per-cell path (slow)"
    )
    args = parser.parse_args()
    pipeline = Pipeline.open(args.folder)
    timings, tables, rows, errors = _time_load(pipeline, args.repeat)
    figures: dict[str, object] = {
        "benchmark": "load_sources",
        "folder": Path(args.folder).name,
        "repeat": args.repeat,
        "first_seconds": round(timings[0], 4),
        "median_seconds": round(statistics.median(timings), 4),
        "min_seconds": round(min(timings), 4),
        "max_seconds": round(max(timings), 4),
        "target_seconds": TARGET_SECONDS,
        "tables": tables,
        "rows": rows,
        "errors": errors,
    }
    if args.per_cell:
        with per_cell_only():
            slow, _, _, _ = _time_load(pipeline, 1)
        figures["per_cell_seconds"] = round(slow[0], 4)
        figures["speedup"] = round(slow[0] / statistics.median(timings), 1)
    for key, value in figures.items():
        print(f"{key:>16}: {value}")
    out = HERE / "results" / "sources.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
