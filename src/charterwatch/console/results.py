"""Printing stored figures as a terminal table, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
import sys
from typing import Any

from rich.console import Console
from rich.table import Table

from charterwatch.publish.formatting import interval_text, value_text

COLUMNS = [
    "measure",
    "period",
    "breakdown",
    "grp",
    "statistic",
    "value",
    "unit",
    "base",
    "ci_low",
    "ci_high",
    "symbol",
    "note",
    "synthetic",
]


def print_results(console: Console, rows: list[dict[str, Any]], fmt: str) -> None:
    """Print ``rows`` (from the results store) as ``table``, ``csv`` or ``json``."""
    if fmt == "json":
        sys.stdout.write(json.dumps(rows, indent=2, default=str) + "\n")
        return
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        sys.stdout.write(buffer.getvalue())
        return
    table = Table(show_lines=False)
    for name in (
        "measure",
        "period",
        "breakdown",
        "group",
        "statistic",
        "figure",
        "base",
        "95% interval",
        "note",
    ):
        table.add_column(name)
    for r in rows:
        table.add_row(
            r["measure"],
            r["period"],
            r["breakdown"],
            r["grp"],
            r["statistic"],
            value_text(r["value"], r["unit"], r["symbol"], r["note"]),
            "" if r["base"] is None else f"{r['base']:,}",
            interval_text(r),
            ("synthetic; " if r["synthetic"] else "") + (r["note"] or ""),
        )
    console.print(table)
