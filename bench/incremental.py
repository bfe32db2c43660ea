"""Benchmark: one measure's source data changes; compute that measure and build again.

A scratch copy of the example gets its synthetic records (size 1), is computed and built
once; then the last record of the changed measure's source file is removed, and
``charterwatch compute --measure ID`` and ``charterwatch build`` run again, each as its own
measured process. The figure reported is the two together, as a user waits for them.
Writes ``bench/results/incremental.json``.

Run: ``.venv/bin/python bench/incremental.py [--measure M2.20]``.
Target (issue 10): compute and build again in under 2 s.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path
from typing import Any

from machine import machine_details
from measure import cli, run_measured, write_results

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent / "examples" / "scotland"
TARGET_SECONDS = 2.0


def source_file(root: Path, measure: str) -> Path:
    """The data file of the measure's first source that has one."""
    from charterwatch.model.loader import load_framework

    framework = load_framework(root).framework
    if framework is None:
        raise SystemExit(f"{root} does not load")
    found = framework.framework.measures.get(measure)
    if found is None:
        raise SystemExit(f"no measure {measure} in {root}")
    for sid in found.sources:
        source = framework.sources.get(sid)
        if source is not None and source.path is not None:
            return root / str(source.path)
    raise SystemExit(f"measure {measure} reads no source file")


def drop_last_record(path: Path) -> None:
    """Remove the file's last line (a CSV record: the example's files have no line breaks
    inside cells)."""
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join(lines[:-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--measure", default="M2.20", help="the measure whose data changes")
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds per process")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cw-incremental-") as name:
        root, site = Path(name) / "scotland", Path(name) / "site"
        shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("data", ".charterwatch"))
        print("generating, computing and building once ...", flush=True)
        first: dict[str, Any] = {}
        for step, command in (
            ("generate", cli("example-data", str(root))),
            ("compute_all", cli("compute", str(root))),
            ("build_all", cli("build", str(root), "--out", str(site))),
        ):
            first[step] = run_measured(command, timeout=args.timeout)
            if "failed" in first[step]:
                raise SystemExit(f"{step} failed: {first[step]['failed']}")
        changed = source_file(root, args.measure)
        drop_last_record(changed)
        print(f"{changed.name} changed; computing {args.measure} and building ...", flush=True)
        compute = run_measured(
            cli("compute", str(root), "--measure", args.measure), timeout=args.timeout
        )
        build = run_measured(cli("build", str(root), "--out", str(site)), timeout=args.timeout)
    total = compute["process_seconds"] + build["process_seconds"]
    figures = {
        "benchmark": "incremental",
        "machine": machine_details(),
        "measure": args.measure,
        "changed_file": changed.name,
        "first_run": first,
        "compute_one_measure": compute,
        "build_again": build,
        "total_seconds": round(total, 2),
        "target_seconds": TARGET_SECONDS,
        "met": total < TARGET_SECONDS and "failed" not in compute and "failed" not in build,
    }
    for key in ("compute_one_measure", "build_again", "total_seconds", "met"):
        print(f"{key:>20}: {figures[key]}")
    write_results("incremental", figures)


if __name__ == "__main__":
    main()
