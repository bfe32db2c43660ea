"""Printing stored figures as a terminal table, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
import sys
from typing import Any

from rich.console import Console
from rich.table import Table

from charterwatch.publish.downloads.escaping import inert
from charterwatch.publish.formatting import figure_text, interval_text
from charterwatch.publish.i18n import Catalogue
from charterwatch.results.figure import Figure
from charterwatch.wording import reason_text, shortfall_summary

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
    "status",
    "reason",
    "shortfall",
]


def figure_dict(figure: Figure, t: Catalogue) -> dict[str, Any]:
    """A stored figure as a flat record of the columns above, worded by the catalogue."""
    return {
        "measure": figure.measure,
        "period": figure.label,
        "breakdown": figure.breakdown,
        "grp": figure.group,
        "statistic": figure.statistic,
        "value": figure.value,
        "unit": figure.unit,
        "base": figure.base,
        "ci_low": figure.ci_low,
        "ci_high": figure.ci_high,
        "symbol": figure.symbol,
        "note": figure.note,
        "synthetic": figure.synthetic,
        "status": figure.assessment.status.value if figure.assessment else "",
        "reason": reason_text(figure.assessment, figure.unit, t) if figure.assessment else "",
        "shortfall": shortfall_summary(figure, t),
    }


def print_results(console: Console, rows: list[Figure], fmt: str, t: Catalogue) -> None:
    """Print ``rows`` (from the results store) as ``table``, ``csv`` or ``json``."""
    records = [figure_dict(r, t) for r in rows]
    if fmt == "json":
        sys.stdout.write(json.dumps(records, indent=2, default=str) + "\n")
        return
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows({k: inert(v) for k, v in r.items()} for r in records)
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
            r.measure,
            r.label,
            r.breakdown,
            r.group,
            r.statistic,
            figure_text(r),
            "" if r.base is None else f"{r.base:,}",
            interval_text(r),
            ("synthetic; " if r.synthetic else "") + (r.note or ""),
        )
    console.print(table)
