"""Benchmark: processing-time medians by benefit and month, against a floor and a baseline.

One measure, one question: the median working days from receipt to decision, by benefit and
month of decision, over a Parquet file of applications (10 million and 100 million rows by
default). Three programs answer it, each in its own process, in the same run:

- **floor**: a hand-written DuckDB query (a working-day index calendar joined twice, a
  median grouped by benefit and month) straight over the Parquet file;
- **pandas**: a plain pandas script with ``numpy.busday_count`` (the baseline);
- **charterwatch**: a minimal framework folder (one ``duration`` measure, breakdown by
  benefit) computed at month granularity through the public :class:`Pipeline` API, with
  ``CHARTERWATCH_MEMORY_LIMIT`` set (4GB by default); then **charterwatch_again**, the same
  command in the same folder, as an analyst's next compute (the file's checks were passed
  and kept by the first, so it is hashed, not checked again).

Each reports its own work time (after imports and setup) and medians; the parent records
each whole process's wall time and peak memory (``os.wait4``), stops a process that goes over
``--guard-gb`` (reported as "did not fit"), and checks the three sets of medians agree
exactly. The rows are made with DuckDB SQL (bounded memory) under a scratch folder that is
deleted afterwards. Writes ``bench/results/median_floor.json``.

Run: ``.venv/bin/python bench/median_floor.py [--rows 10000000 100000000] [--skip-pandas]``.
Targets (issue 10): charterwatch within 1.5x the floor's work time and 2x its whole process;
at least 5x faster than pandas; under 4 GB peak at 100M rows.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from machine import machine_details
from measure import bench_env, run_measured, write_results

HERE = Path(__file__).resolve().parent

FIRST_DAY = "2019-04-01"
LAST_DAY = "2025-03-31"
FIRST_YEAR = "2019-20"
BENEFITS = ("ADP", "CDP", "SCP", "BSG", "FSP")
MEASURE = "M1"

# --- the data --------------------------------------------------------------------------------


def make_parquet(path: Path, rows: int, memory_limit: str) -> float:
    """Write ``rows`` applications to ``path`` with DuckDB; returns the seconds taken.

    Decisions spread over 2019-04-01 to 2025-03-31 (every day, weekends included: the counting
    rule moves them), received 0 to 180 calendar days before; 1 in 50 still undecided.
    """
    import duckdb

    benefits = "[" + ", ".join(f"'{b}'" for b in BENEFITS) + "]"
    days = f"(DATE '{LAST_DAY}' - DATE '{FIRST_DAY}' + 1)"
    sql = f"""
        COPY (
            SELECT
                'APP' || lpad(i::VARCHAR, 10, '0') AS case_id,
                {benefits}[1 + (hash(i, 'b') % {len(BENEFITS)})::INTEGER] AS benefit,
                decided - (hash(i, 'r') % 181)::INTEGER AS received_date,
                CASE WHEN hash(i, 'u') % 50 = 0 THEN NULL ELSE decided END AS decided_date,
                CASE WHEN hash(i, 'u') % 50 = 0 THEN NULL
                     ELSE (['approved', 'denied', 'withdrawn'])[1 + (hash(i, 'o') % 3)::INTEGER]
                END AS outcome,
                (['online', 'phone', 'paper'])[1 + (hash(i, 'c') % 3)::INTEGER] AS channel,
                hash(i, 's') % 20 = 0 AS special_rules
            FROM (
                SELECT i, DATE '{FIRST_DAY}' + (hash(i) % {days})::INTEGER AS decided
                FROM range({rows}) t(i)
            )
        ) TO '{path}' (FORMAT parquet, ROW_GROUP_SIZE 1000000)
    """
    start = time.perf_counter()
    con = duckdb.connect()
    con.execute(f"SET memory_limit = '{memory_limit}'")
    con.execute(f"SET temp_directory = '{path.parent / 'duckdb-tmp'}'")
    con.execute("SET preserve_insertion_order = false")
    con.execute(sql)
    con.close()
    return time.perf_counter() - start


def holidays_file(path: Path, folder: Path) -> None:
    """The framework calendar's holidays, one ISO date a line, for the floor and pandas."""
    from charterwatch.model.loader import load_framework

    framework = load_framework(folder).framework
    assert framework is not None, "the benchmark's framework folder does not load"
    days = sorted(d.isoformat() for d in framework.calendar.holidays)
    path.write_text("\n".join(days) + "\n", encoding="utf-8")


FOLDER_FILES = {
    "charterwatch.yaml": """\
project:
  name: Median benchmark
  organisation: charterwatch benchmarks
  default_charter: "1"
  default_framework: "1"
  contact: none
""",
    "calendar.yaml": """\
calendar:
  country: GB
  subdivision: SCT
  first_year: 2015
  last_year: 2035
""",
    "charter/1.yaml": """\
charter:
  id: "1"
  title: Benchmark charter
  effective_from: 2019-04-01
  sections:
    - id: S1
      title: Decisions
      commitments:
        - id: "1.1"
          text: We will decide applications as quickly as we can.
          short: Quick decisions
""",
    "framework/1.yaml": f"""\
framework:
  id: "1"
  title: Benchmark framework
  charter: "1"
  effective_from: 2019-04-01
  first_year: {FIRST_YEAR}
  sections:
    - id: FS1
      title: Decisions
      charter_section: S1
      questions:
        - id: Q1
          text: Are decisions made in good time?
          outcomes:
            - id: O1
              title: People get decisions quickly
              measures:
                - id: {MEASURE}
                  title: Time taken to decide applications
                  definition: >-
                    The median number of working days from receiving an application to the
                    decision, by benefit, for applications decided in the period.
                  data: quantitative
                  perspective: objective
                  unit: working_days
                  polarity: lower_is_better
                  kind: duration
                  params:
                    start: received_date
                    end: decided_date
                    statistic: median
                    breakdowns: [benefit]
                  sources: [applications]
                  owner: benchmarks
                  commitments: ["1.1"]
""",
    "sources.yaml": """\
sources:
  - id: applications
    name: Applications and decisions
    owner: benchmarks
    kind: case_records
    schema: {shape: applications}
    dates: {earliest: 2018-10-01}
    path: data/applications.parquet
""",
}


def make_folder(root: Path) -> Path:
    """The smallest framework folder that asks for the medians; returns where its Parquet
    file goes (inside the folder: charterwatch refuses files reached through links)."""
    for name, text in FOLDER_FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "data").mkdir(exist_ok=True)
    return root / "data" / "applications.parquet"


# --- the three programs (each runs in its own process) ---------------------------------------


def floor_worker(parquet: str, holidays: str, memory_limit: str) -> dict[str, Any]:
    """The hand-written DuckDB query: calendar of working-day numbers joined twice."""
    import duckdb

    start = time.perf_counter()
    con = duckdb.connect()
    con.execute(f"SET memory_limit = '{memory_limit}'")
    con.execute(f"SET temp_directory = '{Path(parquet).parent / 'duckdb-tmp'}'")
    con.execute(
        "CREATE TABLE holiday AS SELECT strptime(h, '%Y-%m-%d')::DATE AS day "
        f"FROM read_csv('{holidays}', header = false, columns = {{'h': 'VARCHAR'}})"
    )
    con.execute(
        """
        CREATE TABLE cal AS
        SELECT d::DATE AS day,
               sum(CASE WHEN isodow(d) < 6 AND h.day IS NULL THEN 1 ELSE 0 END)
                   OVER (ORDER BY d) AS wdn
        FROM range(DATE '2015-01-01', DATE '2036-01-01', INTERVAL 1 DAY) r(d)
        LEFT JOIN holiday h ON h.day = d::DATE
        """
    )
    setup = time.perf_counter() - start
    start = time.perf_counter()
    rows = con.execute(
        f"""
        SELECT a.benefit, strftime(a.decided_date, '%Y-%m') AS month,
               median((e.wdn - s.wdn)::DOUBLE) AS median_days, count(*) AS n
        FROM read_parquet('{parquet}') a
        JOIN cal s ON s.day = a.received_date
        JOIN cal e ON e.day = a.decided_date
        WHERE a.decided_date BETWEEN DATE '{FIRST_DAY}' AND DATE '{LAST_DAY}'
        GROUP BY ALL
        """
    ).fetchall()
    work = time.perf_counter() - start
    medians = {f"{b}|{m}": float(v) for b, m, v, _ in rows}
    return {"setup_seconds": setup, "work_seconds": work, "medians": medians}


def pandas_worker(parquet: str, holidays: str) -> dict[str, Any]:
    """The plain pandas baseline: read, numpy.busday_count, groupby median."""
    import numpy as np
    import pandas as pd

    start = time.perf_counter()
    days = np.array(Path(holidays).read_text().split(), dtype="datetime64[D]")
    cal = np.busdaycalendar(weekmask="1111100", holidays=days)
    columns = ["benefit", "received_date", "decided_date"]
    dates = {"date_as_object": False}
    frame = pd.read_parquet(parquet, columns=columns, to_pandas_kwargs=dates)
    frame = frame.dropna(subset=["decided_date"])
    frame = frame[frame["decided_date"].between(FIRST_DAY, LAST_DAY)]
    received = frame["received_date"].to_numpy(dtype="datetime64[D]")
    decided = frame["decided_date"].to_numpy(dtype="datetime64[D]")
    one = np.timedelta64(1, "D")
    frame = frame.assign(
        days=np.busday_count(received + one, decided + one, busdaycal=cal).astype("float64"),
        month=decided.astype("datetime64[M]"),
    )
    grouped = frame.groupby(["benefit", "month"])["days"].median()
    work = time.perf_counter() - start
    medians = {f"{b}|{np.datetime64(m, 'M')}": float(v) for (b, m), v in grouped.items()}
    return {"setup_seconds": 0.0, "work_seconds": work, "medians": medians}


def charterwatch_worker(folder: str) -> dict[str, Any]:
    """charterwatch through its public Pipeline API: compute at month granularity."""
    from charterwatch.pipeline import Pipeline

    start = time.perf_counter()
    pipeline = Pipeline.open(folder)
    setup = time.perf_counter() - start
    start = time.perf_counter()
    report = pipeline.compute(granularity="month")
    work = time.perf_counter() - start
    medians = {}
    for figure in report.rows:
        wanted = figure.breakdown == "benefit" and figure.period.kind == "month"
        if wanted and figure.measure == MEASURE and figure.statistic == "value":
            medians[f"{figure.group}|{figure.period.label}"] = figure.value
    return {"setup_seconds": setup, "work_seconds": work, "medians": medians}


def worker_main(argv: list[str]) -> None:
    """``--worker NAME ARGS... OUT``: run one program and write its figures to OUT."""
    name, *args, out = argv
    workers = {"floor": floor_worker, "pandas": pandas_worker, "charterwatch": charterwatch_worker}
    figures = workers[name](*args)
    Path(out).write_text(json.dumps(figures), encoding="utf-8")
    if name == "charterwatch":  # it ends as the charterwatch command does (cli.run)
        from charterwatch.quick_exit import skip_final_collection

        skip_final_collection()


# --- the parent: run each program in its own process, measured -------------------------------


def measured(
    args: list[str], env: dict[str, str], guard_gb: float, timeout: float
) -> dict[str, Any]:
    """Run ``python bench/median_floor.py --worker ARGS`` in its own measured process."""
    with tempfile.TemporaryDirectory(prefix="cw-worker-") as tmp:
        out = Path(tmp) / "figures.json"
        command = [sys.executable, str(Path(__file__).resolve()), "--worker", *args, str(out)]
        result = run_measured(command, env, guard_gb, timeout, figures=out)
    for key in ("setup_seconds", "work_seconds"):
        if key in result:
            result[key] = round(result[key], 2)
    return result


def ratio(a: dict[str, Any], b: dict[str, Any], key: str) -> float | None:
    """``a[key] / b[key]``, or None when either run failed or lacks the figure."""
    if "failed" in a or "failed" in b:
        return None
    if key in a and key in b and b[key]:
        return round(float(a[key]) / float(b[key]), 2)
    return None


def compare(runs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Do the medians agree exactly? Differences listed (at most five)."""
    have = {k: v["medians"] for k, v in runs.items() if "medians" in v}
    if "floor" not in have:
        return {"checked": False}
    floor = have["floor"]
    out: dict[str, Any] = {"checked": True, "groups": len(floor)}
    for name, medians in have.items():
        if name == "floor":
            continue
        differ = sorted(k for k in floor.keys() | medians.keys() if floor.get(k) != medians.get(k))
        out[f"{name}_agrees"] = not differ
        if differ:
            out[f"{name}_differences"] = {k: [floor.get(k), medians.get(k)] for k in differ[:5]} | {
                "count": len(differ)
            }
    return out


def run_rows(rows: int, args: argparse.Namespace, scratch: Path) -> dict[str, Any]:
    folder = scratch / f"folder-{rows}"
    parquet = make_folder(folder)
    print(f"{rows:,} rows: making {parquet.name} ...", flush=True)
    made = make_parquet(parquet, rows, args.memory_limit)
    holidays = scratch / "holidays.txt"
    holidays_file(holidays, folder)
    env = bench_env(CHARTERWATCH_MEMORY_LIMIT=args.memory_limit)
    programs: dict[str, list[str]] = {
        "floor": ["floor", str(parquet), str(holidays), args.memory_limit],
        "charterwatch": ["charterwatch", str(folder)],
        # the same command again in the same folder, as an analyst's next compute: the
        # Parquet file passed its checks in the first run and is kept as checked
        "charterwatch_again": ["charterwatch", str(folder)],
    }
    if not args.skip_pandas and rows <= args.pandas_max_rows:
        programs["pandas"] = ["pandas", str(parquet), str(holidays)]
    runs: dict[str, dict[str, Any]] = {}
    for name, program in programs.items():
        print(f"  {name} ...", flush=True)
        runs[name] = measured(program, env, args.guard_gb, args.timeout)
    if "pandas" not in programs:
        reason = "--skip-pandas" if args.skip_pandas else "over --pandas-max-rows"
        runs["pandas"] = {"failed": f"not run ({reason})"}
    result: dict[str, Any] = {
        "rows": rows,
        "parquet_mb": round(parquet.stat().st_size / 1e6, 1),
        "make_parquet_seconds": round(made, 2),
        "memory_limit": args.memory_limit,
        "agreement": compare(runs),
        "charterwatch_over_floor_work": ratio(runs["charterwatch"], runs["floor"], "work_seconds"),
        "charterwatch_over_floor_process": ratio(
            runs["charterwatch"], runs["floor"], "process_seconds"
        ),
        "charterwatch_again_over_floor_work": ratio(
            runs["charterwatch_again"], runs["floor"], "work_seconds"
        ),
        "charterwatch_again_over_floor_process": ratio(
            runs["charterwatch_again"], runs["floor"], "process_seconds"
        ),
        "pandas_over_charterwatch_work": ratio(
            runs["pandas"], runs["charterwatch"], "work_seconds"
        ),
        "pandas_over_charterwatch_again_work": ratio(
            runs["pandas"], runs["charterwatch_again"], "work_seconds"
        ),
        "charterwatch_over_pandas_work": ratio(
            runs["charterwatch"], runs["pandas"], "work_seconds"
        ),
        "runs": {k: {kk: vv for kk, vv in v.items() if kk != "medians"} for k, v in runs.items()},
    }
    shutil.rmtree(folder)
    return result


def show(result: dict[str, Any]) -> None:
    print(f"{result['rows']:,} rows ({result['parquet_mb']} MB Parquet):")
    for name, run in result["runs"].items():
        if "failed" in run:
            peak = f" (peak {run['peak_rss_gb']} GB)" if "peak_rss_gb" in run else ""
            print(f"  {name:>12}: {run['failed']}{peak}")
            continue
        print(
            f"  {name:>12}: work {run['work_seconds']:8.2f} s, process "
            f"{run['process_seconds']:8.2f} s, peak {run.get('peak_rss_gb', '?')} GB"
        )
    for key in (
        "charterwatch_over_floor_work",
        "charterwatch_over_floor_process",
        "charterwatch_over_pandas_work",
        "charterwatch_again_over_floor_work",
        "charterwatch_again_over_floor_process",
        "pandas_over_charterwatch_again_work",
    ):
        print(f"  {key:>34}: {result[key]}")
    print(f"  {'medians agree':>34}: {result['agreement']}")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        worker_main(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", nargs="*", type=int, default=[10_000_000, 100_000_000])
    parser.add_argument("--skip-pandas", action="store_true")
    parser.add_argument(
        "--pandas-max-rows",
        type=int,
        default=10_000_000,
        help="run pandas only up to this many rows (at 100M it needs far more than 4 GB)",
    )
    parser.add_argument("--memory-limit", default="4GB", help="CHARTERWATCH_MEMORY_LIMIT")
    parser.add_argument(
        "--guard-gb", type=float, default=8.0, help="stop a process whose RSS goes over this"
    )
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds per process")
    parser.add_argument("--scratch", default=None, help="folder for the Parquet files (deleted)")
    args = parser.parse_args()
    if args.scratch is not None:
        Path(args.scratch).mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="cw-median-", dir=args.scratch))
    results = []
    try:
        for rows in args.rows:
            result = run_rows(rows, args, scratch)
            show(result)
            results.append(result)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    payload = {
        "benchmark": "median_floor",
        "machine": machine_details(),
        "targets": {
            "charterwatch_over_floor_work": 1.5,
            "charterwatch_over_floor_process": 2.0,
            "pandas_over_charterwatch_work_at_least": 5.0,
            "peak_rss_gb_at_100m": 4.0,
        },
        "results": results,
    }
    write_results("median_floor", payload)


if __name__ == "__main__":
    main()
