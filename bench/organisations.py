"""Benchmark: a framework of 200 organisations by 40 measures, generated, computed and built.

A scratch framework folder is written by code: 200 organisations in 5 peer groups
(``organisations.yaml``), one ``organisation_returns`` source, and 40 ``organisation_return``
measures (30 shares of counts, drawn as funnel plots; 10 values in days, drawn as
caterpillar plots) over 5 financial years. ``charterwatch example-data`` makes the returns,
then ``compute`` and ``build`` each run as their own measured process (time, processor time,
peak memory). The site then holds a report card per organisation, a comparison page per
measure and a download per organisation. Target: the build in under 60 seconds on 2 cores.
Writes ``bench/results/organisations.json``.

Run: ``.venv/bin/python bench/organisations.py [--organisations 200] [--measures 40]``.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import Any

from build import site_figures
from machine import machine_details
from measure import cli, run_measured, write_results

PEERS = ("large urban", "small urban", "large rural", "small rural", "specialist")
YEARS = ("2020-21", "2021-22", "2022-23", "2023-24", "2024-25")
VALUE_EVERY = 4
"""Every fourth measure is a value in calendar days (a caterpillar); the others are shares."""


def framework_files(organisations: int, measures: int) -> dict[str, str]:
    """Every YAML file of the scratch framework, by path."""
    project = """\
project:
  name: Benchmark Regulator's Charter
  organisation: Benchmark Regulator
  default_charter: "1"
  default_framework: "1"
  synthetic_data: true
  release_date: 2025-11-25
"""
    charter = """\
charter:
  id: "1"
  title: Benchmark Charter
  effective_from: 2020-04-01
  sections:
"""
    framework = """\
framework:
  id: "1"
  title: Benchmark Framework
  charter: "1"
  effective_from: 2020-04-01
  first_year: 2020-21
  sections:
"""
    indicators = []
    for s in range(1, 5):
        charter += f"""\
    - id: S{s}
      title: Section {s}
      commitments:
        - id: "{s}.1"
          text: Commitment {s}.1 of the charter.
"""
        framework += f"""\
    - id: FS{s}
      title: Section {s}
      charter_section: S{s}
      questions:
        - id: Q{s}
          text: Question {s}?
          outcomes:
            - id: O{s}
              title: Outcome {s}
              measures:
"""
        for i in range(measures // 4 * (s - 1) + 1, measures // 4 * s + 1):
            value = i % VALUE_EVERY == 0
            indicator = f"ind{i:02d}"
            indicators.append((indicator, value))
            unit, polarity = (
                ("calendar_days", "lower_is_better") if value else ("percent", "higher_is_better")
            )
            statistic = "value" if value else "ratio"
            framework += f"""\
                - id: M{i:02d}
                  title: Indicator {i} of the returns
                  definition: Indicator {i} as returned by every organisation.
                  data: quantitative
                  perspective: objective
                  unit: {unit}
                  polarity: {polarity}
                  kind: organisation_return
                  params: {{indicator: {indicator}, statistic: {statistic}}}
                  sources: [returns]
                  owner: Benchmark team
                  commitments: ["{s}.1"]
"""
    orgs = ["organisations:", "  noun: provider", "  list:"]
    for n in range(1, organisations + 1):
        orgs += [
            f"    - id: P{n:03d}",
            f"      name: Provider {n}",
            "      type: provider",
            f"      peer_group: {PEERS[n % len(PEERS)]}",
            f"      area: Area {n % 32}",
        ]
    sources = """\
sources:
  - id: returns
    name: Annual returns
    owner: Benchmark team
    kind: management_information
    path: data/returns.csv
    schema: {shape: organisation_returns}
"""
    recipe = [
        "synthetic:",
        "  seed: 11",
        f"  first_year: {YEARS[0]}",
        f"  last_year: {YEARS[-1]}",
        "  organisation_returns:",
        "    returns:",
        "      base: [30, 3000]",
        "      spread: 4",
        "      indicators:",
    ]
    for indicator, value in indicators:
        level = "{level: 40, spread: 8}" if value else "{level: 80}"
        recipe.append(f"        {indicator}: {level}")
    return {
        "charterwatch.yaml": project,
        "charter.yaml": charter,
        "framework.yaml": framework,
        "organisations.yaml": "\n".join(orgs) + "\n",
        "sources.yaml": sources,
        "synthetic.yaml": "\n".join(recipe) + "\n",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--organisations", type=int, default=200)
    parser.add_argument("--measures", type=int, default=40, help="a multiple of 4")
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds per process")
    args = parser.parse_args()
    result: dict[str, Any] = {"organisations": args.organisations, "measures": args.measures}
    with tempfile.TemporaryDirectory(prefix="cw-orgs-") as name:
        root = Path(name) / "framework"
        for path, text in framework_files(args.organisations, args.measures).items():
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text(text, encoding="utf-8")
        for step, command in (
            ("generate", cli("example-data", str(root))),
            ("compute", cli("compute", str(root))),
            ("build", cli("build", str(root), "--out", str(Path(name) / "site"))),
        ):
            print(f"{step} ...", flush=True)
            result[step] = run_measured(command, timeout=args.timeout)
            print(f"  {step:>9}: {result[step]}", flush=True)
            if "failed" in result[step]:
                break
        else:
            result["site"] = site_figures(Path(name) / "site")
            print(f"  {'site':>9}: {result['site']}")
    build = result.get("build", {})
    print(f"build time: {build.get('process_seconds')} s (target: under 60 s)")
    payload = {
        "benchmark": "organisations",
        "machine": machine_details(),
        "targets": {"build_seconds": 60},
        "runs": [result],
    }
    write_results("organisations", payload)


if __name__ == "__main__":
    main()
