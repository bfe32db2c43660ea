"""Benchmark: compute every measure of the example for every year, at size factors 1 and 10.

Generates the synthetic records into a scratch copy of the example for each size, then times
loading the sources and computing (DuckDB, embedded). Prints the figures and writes
bench/results/compute.json. Target: all years at factor 1 in under 10 seconds on 2 cores.
Run: ``.venv/bin/python bench/compute.py [--sizes 1 10]``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path

from charterwatch.pipeline import Pipeline
from charterwatch.synthetic import generate_example

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent / "examples" / "scotland"


def run(size: float) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="cw-bench-") as tmp:
        root = Path(tmp) / "scotland"
        shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("data", ".charterwatch"))
        start = time.perf_counter()
        report = generate_example(root, size=size)
        generated = time.perf_counter() - start
        pipeline = Pipeline.open(root)
        start = time.perf_counter()
        data = pipeline.load_sources()
        loaded = time.perf_counter() - start
        start = time.perf_counter()
        computed = pipeline.compute()
        total = time.perf_counter() - start
        return {
            "size": size,
            "rows": report.rows,
            "years": f"{computed.years[0]} to {computed.years[-1]}",
            "measures": len({r.measure for r in computed.rows}),
            "figures": len(computed.rows),
            "generate_seconds": round(generated, 2),
            "load_seconds": round(loaded, 2),
            "load_and_compute_seconds": round(total, 2),
            "compute_only_seconds": round(total - loaded, 2),
            "sources": len(data.tables),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", nargs="*", type=float, default=[1.0, 10.0])
    args = parser.parse_args()
    results = []
    for size in args.sizes:
        figures = run(size)
        results.append(figures)
        print(f"size {size:g}:")
        for key, value in figures.items():
            print(f"  {key:>26}: {value}")
    out = HERE / "results" / "compute.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    payload = {"benchmark": "compute_all_years", "target_seconds_size_1": 10, "runs": results}
    out.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
