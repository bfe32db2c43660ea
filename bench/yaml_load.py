"""Benchmark: load framework YAML of 1, 5 and 50 MB, against plain PyYAML in the same run.

For each size, a framework-like folder is generated (a project, a charter, a source and one
framework file of about that size, with sections -> questions -> outcomes -> measures), then

- ``load_framework`` reads, resolves and checks it (the per-file size limit raised so that
  the 50 MB file is read, not refused);
- the baseline parses the same framework file with plain ``yaml.load`` and the C loader
  (``yaml.CSafeLoader``) when PyYAML has libyaml, else ``yaml.safe_load``;
- with the default size limit, the time to refuse a file over it is measured too.

Loading must grow linearly with the size: the ``seconds_per_mb`` column should stay flat and
``ratio`` (charterwatch / baseline) should not grow with the size. Times are processor
seconds (``time.process_time``, median of ``--repeat`` runs), so a busy machine does not
distort them; wall-clock seconds are recorded too. Prints the figures and
writes them as JSON to bench/results/yaml_load.json. Run with
``.venv/bin/python bench/yaml_load.py [--sizes 1 5 50] [--repeat N]``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from charterwatch.model.loader import load_framework

HERE = Path(__file__).resolve().parent
LIMIT_VARIABLE = "CHARTERWATCH_MAX_YAML_MB"

PROJECT = """\
project:
  name: Benchmark Charter
  organisation: Benchmark Service
  default_charter: "2019"
  default_framework: "2019"
  release_date: 2025-11-25
"""

CHARTER = """\
charter:
  id: "2019"
  title: Benchmark Charter
  effective_from: 2019-02-01
  sections:
    - id: S1
      title: A people's service
      commitments:
        - id: "1.1"
          text: Be kind.
        - id: "1.2"
          text: Pay on time.
"""

SOURCES = """\
sources:
  - id: payments
    name: Payments
    owner: Statistics team
    kind: case_records
"""

MEASURE = """\
                - id: M{n}
                  title: Paid on time, measure {n}
                  definition: >-
                    Share of payments made on the date promised, counted over the financial
                    year for every benefit, with withdrawn applications left out ({n}).
                  data: quantitative
                  perspective: objective
                  unit: percent
                  polarity: higher_is_better
                  kind: share_of_records
                  params: {{where: {{on_time: [true]}}}}
                  sources: [payments]
                  owner: Statistics team
                  commitments: ["1.1", "1.2"]
                  first_year: 2019-20
                  why: People rely on being paid on the day they were told.
"""

OUTCOME = """\
            - id: O{n}
              title: Outcome {n}
              measures:
"""

QUESTION = """\
        - id: Q{n}
          text: Question {n}, are people treated well?
          outcomes:
"""

SECTION = """\
    - id: FS{n}
      title: Section {n}
      charter_section: S1
      questions:
"""

FRAMEWORK_HEAD = """\
framework:
  id: "2019"
  title: Benchmark Framework
  charter: "2019"
  effective_from: 2019-12-01
  first_year: 2019-20
  sections:
"""


def framework_text(target_bytes: int) -> str:
    """A valid framework file of about ``target_bytes``: 10 measures an outcome, 5 outcomes
    a question, 10 questions a section, as many sections as needed."""
    parts = [FRAMEWORK_HEAD]
    size = len(FRAMEWORK_HEAD)
    n = section = question = outcome = 0
    while size < target_bytes:
        section += 1
        parts.append(SECTION.format(n=section))
        for _ in range(10):
            question += 1
            parts.append(QUESTION.format(n=question))
            for _ in range(5):
                outcome += 1
                parts.append(OUTCOME.format(n=outcome))
                for _ in range(10):
                    n += 1
                    text = MEASURE.format(n=n)
                    parts.append(text)
                    size += len(text)
                    if size >= target_bytes:
                        return "".join(parts)
    return "".join(parts)


def write_folder(root: Path, megabytes: float) -> Path:
    """A framework folder whose framework file is about ``megabytes`` MB."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "charterwatch.yaml").write_text(PROJECT, "utf-8")
    (root / "charter.yaml").write_text(CHARTER, "utf-8")
    (root / "sources.yaml").write_text(SOURCES, "utf-8")
    big = root / "framework.yaml"
    big.write_text(framework_text(int(megabytes * 1_000_000)), "utf-8")
    return big


def baseline_name() -> str:
    return "yaml.load(CSafeLoader)" if yaml.__with_libyaml__ else "yaml.safe_load"


def baseline(path: Path) -> Any:
    text = path.read_text("utf-8")
    if yaml.__with_libyaml__:
        return yaml.load(text, Loader=yaml.CSafeLoader)
    return yaml.safe_load(text)


def timed(func: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """The median processor time and wall-clock time of ``func`` in seconds, and its result.

    Processor time is the figure compared: it does not count waiting for other programs on a
    busy machine."""
    cpu, wall = [], []
    result = None
    for _ in range(repeat):
        start_cpu, start_wall = time.process_time(), time.perf_counter()
        result = func()
        cpu.append(time.process_time() - start_cpu)
        wall.append(time.perf_counter() - start_wall)
    return statistics.median(cpu), statistics.median(wall), result


def measure_size(megabytes: float, repeat: int, work: Path) -> dict[str, Any]:
    root = work / f"fw_{megabytes:g}mb"
    big = write_folder(root, megabytes)
    size_mb = big.stat().st_size / 1_000_000
    os.environ[LIMIT_VARIABLE] = str(int(size_mb) + 10)
    ours, ours_wall, result = timed(lambda: load_framework(root), repeat)
    fw = result.framework
    measures = len(fw.framework.measures) if fw is not None else 0
    base, base_wall, _ = timed(lambda: baseline(big), repeat)
    os.environ.pop(LIMIT_VARIABLE, None)
    refused, _, refused_result = timed(lambda: load_framework(root), 1)
    codes = sorted({i.code for i in refused_result.issues.errors})
    return {
        "megabytes": round(size_mb, 2),
        "measures": measures,
        "errors_when_loaded": len(result.issues.errors),
        "charterwatch_seconds": round(ours, 3),
        "charterwatch_wall_seconds": round(ours_wall, 3),
        "seconds_per_mb": round(ours / size_mb, 3),
        "baseline_seconds": round(base, 3),
        "baseline_wall_seconds": round(base_wall, 3),
        "ratio": round(ours / base, 2) if base else None,
        "default_limit_seconds": round(refused, 4),
        "default_limit_codes": codes,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=float, nargs="+", default=[1.0, 5.0, 50.0])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--out", default=str(HERE / "results" / "yaml_load.json"))
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        write_folder(Path(tmp) / "warm_up", 0.01)
        load_framework(Path(tmp) / "warm_up")  # imports and registries, not timed
        for mb in args.sizes:
            row = measure_size(mb, args.repeat, Path(tmp))
            rows.append(row)
            print(
                f"{row['megabytes']:>7} MB  {row['measures']:>7} measures  "
                f"charterwatch {row['charterwatch_seconds']:>8.3f} s "
                f"({row['seconds_per_mb']:.3f} s/MB)  baseline {row['baseline_seconds']:>7.3f} s  "
                f"ratio {row['ratio']}  default limit: {row['default_limit_seconds']:.4f} s "
                f"{' '.join(row['default_limit_codes']) or '(loaded)'}",
                flush=True,
            )
    figures = {
        "benchmark": "yaml_load",
        "baseline": baseline_name(),
        "repeat": args.repeat,
        "sizes": rows,
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
