"""Run the field's own output checker, acro, on tables rebuilt from the example's records.

acro (the SACRO output checker, PyPI package ``acro``) checks tables made from record-level
data: minimum cell counts, zeros, dominance (p-ratio, n-k) and linked tables. charterwatch
publishes aggregates, so this script rebuilds a few of the example's published tables from
its synthetic records with acro's own ``crosstab`` and prints acro's verdict on each
(``pass``, ``review`` or ``fail``, with its reasons). Verdicts are also written as JSON to
``bench/results/acro.json``. It runs offline.

Usage (from the repository root, after ``charterwatch example-data examples/scotland``)::

    .venv/bin/python scripts/acro_check.py [--data examples/scotland/data] [--year 2024-25]

Exit codes: 0 when every table was checked (whatever the verdicts), 1 when the example's
records are missing, 2 when acro cannot be imported.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "results" / "acro.json"
STANDARD_SPECIAL_RULES = 7
"""The service standard of terminal-illness decisions, in working days (measure M2.26)."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "examples" / "scotland" / "data")
    parser.add_argument("--year", default="2024-25", help="financial year, e.g. 2024-25")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    try:
        logging.disable(logging.INFO)
        from acro import ACRO
    except Exception as error:  # acro missing or broken: say so and stop
        print(
            f"acro_check: cannot import acro ({type(error).__name__}: {error}).\n"
            "Install it with: .venv/bin/pip install 'charterwatch[acro]' (or acro==1.0.2).",
            file=sys.stderr,
        )
        return 2
    import pandas as pd

    applications = args.data / "applications.csv"
    redeterminations = args.data / "redeterminations.csv"
    if not applications.is_file() or not redeterminations.is_file():
        print(
            f"acro_check: the example's records are not in {args.data}; make them with\n"
            "  .venv/bin/charterwatch example-data examples/scotland",
            file=sys.stderr,
        )
        return 1
    first, last = _year_bounds(args.year)
    apps = pd.read_csv(applications, parse_dates=["received_date", "decided_date"])
    apps = apps[(apps.decided_date >= first) & (apps.decided_date <= last)].copy()
    apps["working_days"] = _working_days(apps.received_date, apps.decided_date)
    apps["band"] = apps.working_days.map(_band)
    special = apps[apps.special_rules.astype(str).str.lower() == "true"].copy()
    special["within_standard"] = special.working_days <= STANDARD_SPECIAL_RULES
    redets = pd.read_csv(redeterminations, parse_dates=["decision_date"])
    redets = redets[(redets.decision_date >= first) & (redets.decision_date <= last)]
    redets = redets[redets.outcome.isin(["changed", "unchanged"])]

    acro = ACRO(suppress=False)
    tables: list[tuple[str, Any]] = [
        (
            "processing time: 10-day bands by benefit (M2.02)",
            lambda: acro.crosstab(apps.benefit, apps.band),
        ),
        (
            "terminal illness decisions: bands by within 7 working days (M2.26)",
            lambda: acro.crosstab(special.band, special.within_standard),
        ),
        (
            "re-determinations: outcome by benefit (share M2.01)",
            lambda: acro.crosstab(redets.benefit, redets.outcome),
        ),
        (
            "processing time: median working days by benefit and channel (M2.02)",
            lambda: acro.crosstab(
                apps.benefit, apps.channel, values=apps.working_days, aggfunc="median"
            ),
        ),
    ]
    verdicts: list[dict[str, Any]] = []
    for title, make in tables:
        make()
        record = list(acro.results.results.values())[-1]
        summary = " ".join(str(record.summary).split())
        verdicts.append({"table": title, "status": record.status, "summary": summary})
        print(f"{record.status:7} {title}\n        {summary}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    report = {"year": args.year, "acro_thresholds": acro.config, "tables": verdicts}
    args.out.write_text(json.dumps(report, indent=2, default=str) + "\n", "utf-8")
    print(f"acro_check: {len(verdicts)} tables checked; verdicts written to {args.out}")
    return 0


def _year_bounds(label: str) -> tuple[dt.datetime, dt.datetime]:
    """1 April to 31 March of the financial year ``2024-25``."""
    start = int(label[:4])
    return dt.datetime(start, 4, 1), dt.datetime(start + 1, 3, 31)


def _working_days(received: Any, decided: Any) -> Any:
    """Working days by the project's own rule and Scottish calendar (day of receipt not
    counted, day of decision counted)."""
    from charterwatch.dates.working_days import default_calendar

    days = default_calendar().working_days_between_arrays(
        received.dt.date.to_numpy(), decided.dt.date.to_numpy()
    )
    return days


def _band(days: int) -> str:
    from charterwatch.measures.kinds.duration import band_label

    return band_label(int(days))


if __name__ == "__main__":
    sys.exit(main())
