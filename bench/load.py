"""Benchmark: load and validate a framework folder (target: under 1 second for the example).

Prints the timings and writes them as JSON to bench/results/load.json. Run with
``.venv/bin/python bench/load.py [FOLDER] [--repeat N]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from charterwatch.model.loader import load_framework

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", nargs="?", default=str(HERE.parent / "examples" / "scotland"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    timings = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        result = load_framework(args.folder)
        timings.append(time.perf_counter() - start)
    fw = result.framework
    figures = {
        "benchmark": "load_and_validate",
        "folder": Path(args.folder).name,
        "repeat": args.repeat,
        "first_seconds": round(timings[0], 4),
        "median_seconds": round(statistics.median(timings), 4),
        "max_seconds": round(max(timings), 4),
        "target_seconds": 1.0,
        "errors": len(result.issues.errors),
        "warnings": len(result.issues.warnings),
        "measures": len(fw.framework.measures) if fw else 0,
        "files": len(fw.files) if fw else 0,
    }
    for key, value in figures.items():
        print(f"{key:>16}: {value}")
    out = HERE / "results" / "load.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
