"""Benchmark: the Scottish example at its real scale, against the example as it was before.

Three runs, each in a scratch copy of the example and each step its own measured process
(wall time, CPU time, peak memory; ``bench/measure.py``): ``charterwatch example-data``,
``compute`` and ``build``.

- ``before``: the code and example of ``--before`` (a git commit; by default the one this
  change started from, when the example's volumes were a small sample of the real service),
  taken out of git with ``git archive``;
- ``real``: this checkout at its default size (1: survey respondents, decisions, requests,
  appeals, calls and complaints at the service's published or derived volumes);
- ``test``: this checkout at ``--test-size`` (0.05), the size the test suite generates, so the
  suite's fixture can be compared with what it generated before.

For ``before`` and ``real`` it also reads what a user would see: the survey respondents per
year in the generated file against the published counts (within 5%), the re-determination
and appeal counts of 2021-22, how many headline figures (all clients, whole year) are
withheld for disclosure control and which measures are withheld in most years, and the
median base and interval width of the survey percentages by year. Ratios real / before are
printed and written with the figures to ``bench/results/example_scale.json``.

Run: ``.venv/bin/python bench/example_scale.py [--before 7506dd6] [--test-size 0.05]``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from machine import machine_details
from measure import REPO, bench_env, cli, run_measured, write_results

EXAMPLE = Path("examples") / "scotland"
BEFORE = "7506dd6"
"""The commit this change started from: the example at its old, sample volumes."""
WITHIN = 0.05
"""Example bases must be within 5% of the published ones."""
STEPS = ("generate", "compute", "build")


def checkout(ref: str, into: Path) -> Path:
    """The ``src`` and ``examples`` folders of commit ``ref``, unpacked under ``into``."""
    into.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", ref, "src", "examples"],
        capture_output=True,
        check=True,
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def run(
    name: str, code: Path, size: float | None, args: argparse.Namespace, tmp: Path
) -> dict[str, Any]:
    """Generate, compute and build one copy of the example with the code under ``code``."""
    root = tmp / name / "scotland"
    shutil.copytree(code / EXAMPLE, root, ignore=shutil.ignore_patterns("data", ".charterwatch"))
    env = bench_env()
    env["PYTHONPATH"] = str(code / "src")
    sized = ["--size", f"{size:g}"] if size is not None else []
    commands = {
        "generate": cli("example-data", str(root), *sized),
        "compute": cli("compute", str(root)),
        "build": cli("build", str(root), "--out", str(tmp / name / "site")),
    }
    result: dict[str, Any] = {"size": size if size is not None else "default"}
    for step in STEPS:
        print(f"{name}: {step} ...", flush=True)
        result[step] = run_measured(commands[step], env, args.guard_gb, args.timeout)
        if "failed" in result[step]:
            return result
        if step == "generate":
            files = list((root / "data").rglob("*.csv"))
            result["rows"] = sum(sum(1 for _ in p.open("rb")) - 1 for p in files)
            result["csv_mb"] = round(sum(p.stat().st_size for p in files) / 1e6, 1)
    try:
        result["seen"] = what_users_see(root)
    except Exception as exc:  # keep the timings even if reading the outputs fails
        result["seen_failed"] = repr(exc)
    return result


def what_users_see(root: Path) -> dict[str, Any]:
    """Bases against the published counts, withheld headline figures, interval widths (the
    stored intervals are rounded like the figures, to whole points; the unrounded width is
    the normal approximation from the value and base, 3.92 standard errors)."""
    import duckdb
    import yaml

    figures = yaml.safe_load((root / "published" / "figures.yaml").read_text("utf-8"))
    published = {f["id"]: f for f in figures["published_figures"]}
    con = duckdb.connect()
    data = root / "data"
    respondents = dict(
        con.execute(
            f"select year, count(distinct respondent_id) from read_csv('{data}/client_survey.csv', "
            "all_varchar=true) group by year order by year"
        ).fetchall()
    )
    bases = []
    for fig in published.values():
        if fig.get("unit") != "count":
            continue
        year = str(fig.get("year"))
        if fig["id"].startswith("cs-") and fig["id"].endswith("-respondents"):
            made = respondents.get(year, 0)
        elif fig["id"].startswith(("redet-", "appeals-")) and year == "2021-22":
            table, date = (
                ("redeterminations", "request_date")
                if fig["id"].startswith("redet-")
                else ("appeals", "lodged_date")
            )
            benefit = (fig.get("breakdown") or {}).get("benefit")
            where = f" and benefit = '{benefit}'" if benefit else ""
            made = con.execute(
                f"select count(*) from read_csv('{data}/{table}.csv', all_varchar=true) "
                f"where {date} between '2021-04-01' and '2022-03-31'{where}"
            ).fetchall()[0][0]
        else:
            continue
        off = abs(made - fig["value"]) / fig["value"]
        bases.append(
            {
                "figure": fig["id"],
                "published": fig["value"],
                "example": made,
                "off_percent": round(100 * off, 1),
                "within_5_percent": off <= WITHIN,
            }
        )
    store = duckdb.connect(str(root / ".charterwatch" / "results.duckdb"), read_only=True)
    headline = "breakdown = 'all' and statistic = 'value' and granularity = 'year'"
    withheld = store.execute(
        f"select measure, count(*) from results where {headline} and symbol = '[c]' "
        "group by measure order by measure"
    ).fetchall()
    years = store.execute(
        f"select measure, count(*) from results where {headline} and symbol <> '[x]' "
        "group by measure"
    ).fetchall()
    shown_years = dict(years)
    survey = store.execute(
        f"""select period, median(base), round(median(ci_high - ci_low), 2),
            round(median(392 * sqrt(value / 100 * (1 - value / 100) / base)), 2), count(*)
            from results r where {headline} and unit = 'percent' and base is not null
            and ci_low is not null and measure in (
                select distinct measure from results where provenance like '%client_survey%')
            group by period order by period"""
    ).fetchall()
    return {
        "respondents_by_year": respondents,
        "bases_against_published": bases,
        "headline_figures_withheld": sum(n for _, n in withheld),
        "headline_figures_shown": store.execute(
            f"select count(*) from results where {headline} and symbol = ''"
        ).fetchall()[0][0],
        "measures_withheld_in_most_years": [
            m for m, n in withheld if n > shown_years.get(m, 0) / 2
        ],
        "withheld_by_measure": dict(withheld),
        "client_survey_percentages_by_year": [
            {
                "year": year,
                "median_base": base,
                "median_interval_points": median_width,
                "median_unrounded_width_points": unrounded,
                "figures": n,
            }
            for year, base, median_width, unrounded, n in survey
        ],
    }


def ratios(before: dict[str, Any], after: dict[str, Any]) -> dict[str, float]:
    """after / before for each step's wall time, CPU time and peak memory."""
    out = {}
    for step in STEPS:
        for key in ("process_seconds", "cpu_seconds", "peak_rss_gb"):
            a, b = after.get(step, {}).get(key), before.get(step, {}).get(key)
            if a is not None and b:
                out[f"{step}_{key}"] = round(a / b, 2)
    return out


def show(name: str, result: dict[str, Any]) -> None:
    print(
        f"{name} (size {result['size']}, {result.get('rows', 0):,} rows, "
        f"{result.get('csv_mb', 0)} MB of CSV):"
    )
    for step in STEPS:
        print(f"  {step:>9}: {result.get(step)}")
    seen = result.get("seen")
    if seen and result["size"] != "default":
        print("  (a smaller copy: its counts are not meant to match the published ones)")
    if seen:
        for b in seen["bases_against_published"] if result["size"] == "default" else []:
            mark = "ok" if b["within_5_percent"] else "MORE THAN 5% OFF"
            print(
                f"  base {b['figure']}: example {b['example']:,} against published "
                f"{b['published']:,.0f} ({b['off_percent']}% off, {mark})"
            )
        print(
            f"  headline figures withheld: {seen['headline_figures_withheld']} "
            f"(shown: {seen['headline_figures_shown']}); withheld in most years: "
            f"{seen['measures_withheld_in_most_years']}"
        )
        for row in seen["client_survey_percentages_by_year"]:
            print(
                f"  survey {row['year']}: median base {row['median_base']:,.0f}, "
                f"median interval {row['median_interval_points']} points as stored "
                f"(rounded), {row['median_unrounded_width_points']} unrounded"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", default=BEFORE, help="git commit of the old example")
    parser.add_argument("--test-size", type=float, default=0.05, help="the tests' size")
    parser.add_argument("--guard-gb", type=float, default=8.0, help="stop a process over this")
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds per process")
    parser.add_argument("--scratch", default=None, help="folder for the scratch copies")
    args = parser.parse_args()
    runs: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="cw-scale-", dir=args.scratch) as name:
        tmp = Path(name)
        before = checkout(args.before, tmp / "before-code")
        runs["before"] = run("before", before, None, args, tmp)
        show("before", runs["before"])
        runs["real"] = run("real", REPO, None, args, tmp)
        show("real", runs["real"])
        runs["test"] = run("test", REPO, args.test_size, args, tmp)
        show("test", runs["test"])
    real_over_before = ratios(runs["before"], runs["real"])
    test_over_before = ratios(runs["before"], runs["test"])
    print("real / before:", real_over_before)
    print("test / before:", test_over_before)
    bases = runs["real"].get("seen", {}).get("bases_against_published", [])
    payload = {
        "benchmark": "example_scale",
        "machine": machine_details(),
        "before": args.before,
        "test_size": args.test_size,
        "runs": runs,
        "real_over_before": real_over_before,
        "test_over_before": test_over_before,
        "bases_within_5_percent": bool(bases) and all(b["within_5_percent"] for b in bases),
    }
    write_results("example_scale", payload)
    if not payload["bases_within_5_percent"]:
        sys.exit("an example base is more than 5% from its published figure")


if __name__ == "__main__":
    main()
