"""What a results store holds, in a form two runs can be compared by: every stored figure
and suppression, minus what names the run itself (its id, and when each source was read)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from charterwatch.results.storefile import reading


def stored(store: Path) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of the ``results`` and ``suppressions`` tables, in key order, with ``run_id``
    left out and ``loaded_at`` taken out of each provenance record."""
    with reading(store) as con:
        figures = con.execute(
            "SELECT * EXCLUDE (run_id) FROM results "
            "ORDER BY measure, period, granularity, breakdown, grp, statistic"
        )
        names = [d[0] for d in figures.description]
        rows = [_without_load_time(dict(zip(names, r, strict=True))) for r in figures.fetchall()]
        suppressions = con.execute(
            "SELECT * EXCLUDE (run_id) FROM suppressions "
            "ORDER BY measure, period, breakdown, grp, statistic, reason"
        ).fetchall()
    return {"results": rows, "suppressions": suppressions}


def _without_load_time(row: dict[str, Any]) -> tuple[Any, ...]:
    provenance = json.loads(row["provenance"])
    for record in provenance.values() if isinstance(provenance, dict) else []:
        if isinstance(record, dict):
            record.pop("loaded_at", None)
    row["provenance"] = json.dumps(provenance, sort_keys=True)
    return tuple(row.values())
