"""Benchmark: building the site at 77 measures and at 770, and again after one measure changes.

For each framework (the example's 77 measures; the same measures copied ten times with new
ids, see ``bench/multiply.py``), a scratch copy gets the example's synthetic records at size
1 and is computed; then ``charterwatch build`` runs as its own measured process (time, peak
memory), a measure's title is changed in its YAML file, and ``build`` runs again into the
same folder (with incremental builds only the changed pages are rendered again; without,
this is a full build). Compute times are recorded too. Writes ``bench/results/build.json``.

Run: ``.venv/bin/python bench/build.py [--measures 77 770] [--changed M2.20]``.
"""

from __future__ import annotations

import argparse
import gzip
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from machine import machine_details
from measure import cli, run_measured, write_results
from multiply import make_multiplied

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent / "examples" / "scotland"


def change_title(root: Path, measure: str) -> Path:
    """Append " (changed)" to the title of ``measure`` in its framework YAML file."""
    pattern = re.compile(rf"(-\s+id:\s+['\"]?{re.escape(measure)}['\"]?\s*\n\s+title:\s*)(.+)")
    for path in sorted((root / "framework").rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        changed, count = pattern.subn(lambda m: f"{m.group(1)}{m.group(2)} (changed)", text, 1)
        if count:
            path.write_text(changed, encoding="utf-8")
            return path
    raise SystemExit(f"measure {measure} not found under {root / 'framework'}")


def site_figures(site: Path) -> dict[str, Any]:
    home = site / "index.html"
    styles = list((site / "assets").glob("*.css")) if (site / "assets").exists() else []
    return {
        "pages": sum(1 for _ in site.rglob("*.html")),
        "files": sum(1 for p in site.rglob("*") if p.is_file()),
        "site_mb": round(sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6, 1),
        "home_page_gzip_bytes_with_css": sum(
            len(gzip.compress(p.read_bytes())) for p in [home, *styles] if p.exists()
        ),
    }


def run(measures: int, data: Path, args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    root = tmp / f"framework-{measures}"
    copies = max(1, round(measures / 77))
    counted = make_multiplied(EXAMPLE, root, copies, data=False)
    shutil.copytree(data, root / "data")
    result: dict[str, Any] = {"measures": counted}
    print(f"{counted} measures: computing ...", flush=True)
    result["compute"] = run_measured(cli("compute", str(root)), timeout=args.timeout)
    if "failed" in result["compute"]:
        return result
    site = tmp / f"site-{measures}"
    print(f"{counted} measures: building ...", flush=True)
    result["build"] = run_measured(
        cli("build", str(root), "--out", str(site)), timeout=args.timeout
    )
    if "failed" in result["build"]:
        return result
    result["site"] = site_figures(site)
    change_title(root, args.changed)
    print(f"{counted} measures: building again after {args.changed} changed ...", flush=True)
    result["rebuild_one_changed"] = run_measured(
        cli("build", str(root), "--out", str(site)), timeout=args.timeout
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--measures", nargs="*", type=int, default=[77, 770])
    parser.add_argument("--changed", default="M2.20", help="the measure whose title changes")
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds per process")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory(prefix="cw-build-") as name:
        tmp = Path(name)
        example = tmp / "example"
        shutil.copytree(EXAMPLE, example, ignore=shutil.ignore_patterns("data", ".charterwatch"))
        print("generating the example's records (size 1) ...", flush=True)
        made = run_measured(cli("example-data", str(example)), timeout=args.timeout)
        if "failed" in made:
            raise SystemExit(f"example-data failed: {made['failed']}")
        for measures in args.measures:
            result = run(measures, example / "data", args, tmp)
            print(f"{result['measures']} measures:")
            for step in ("compute", "build", "site", "rebuild_one_changed"):
                print(f"  {step:>20}: {result.get(step)}")
            results.append(result)
    payload = {
        "benchmark": "build_site",
        "machine": machine_details(),
        "changed_measure": args.changed,
        "targets": {"build_seconds_77": 30},
        "runs": results,
    }
    write_results("build", payload)


if __name__ == "__main__":
    main()
