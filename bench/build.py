"""Benchmark: a full build of the example site (all years, pages, downloads and PDFs).

Uses the example's existing results store (run ``charterwatch compute examples/scotland``
first, or ``make example``); prints the figures and writes bench/results/build.json.
Target: under 30 seconds on 2 cores. Run: ``.venv/bin/python bench/build.py``.
"""

from __future__ import annotations

import gzip
import json
import tempfile
import time
from pathlib import Path

from charterwatch.pipeline import Pipeline
from charterwatch.publish.site.site import build_site

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent / "examples" / "scotland"


def main() -> None:
    pipeline = Pipeline.open(EXAMPLE)
    if not pipeline.store.path.exists():
        raise SystemExit("no results store: run 'charterwatch compute examples/scotland' first")
    with tempfile.TemporaryDirectory(prefix="cw-build-") as tmp:
        start = time.perf_counter()
        report = build_site(pipeline, Path(tmp) / "site")
        seconds = time.perf_counter() - start
        home = report.out / "index.html"
        home_gzip = sum(
            len(gzip.compress(p.read_bytes()))
            for p in [home, *(report.out / "assets").glob("*.css")]
        )
        figures = {
            "benchmark": "build_site",
            "pages": len(report.pages),
            "files": len(report.files),
            "seconds": round(seconds, 2),
            "target_seconds": 30,
            "home_page_gzip_bytes_with_css": home_gzip,
            "site_bytes": sum(p.stat().st_size for p in report.out.rglob("*") if p.is_file()),
        }
    for key, value in figures.items():
        print(f"{key:>30}: {value}")
    out = HERE / "results" / "build.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
