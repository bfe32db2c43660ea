"""The ``status`` view: improvement actions by status with overdue ones flagged, and the
shortfalls of the latest computed year that still have no response."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from charterwatch.accountability import find_shortfalls
from charterwatch.model.framework import Framework
from charterwatch.pipeline import STORE_FILE
from charterwatch.results.store import ResultsStore
from charterwatch.wording import catalogue_of, shortfall_summary


def print_status(console: Console, fw: Framework, root: Path, on: dt.date) -> int:
    """Print the actions table and unanswered shortfalls; return how many problems there are."""
    table = Table(title=f"Improvement actions on {on.isoformat()}")
    for heading in ("action", "title", "measures", "owner", "due", "status"):
        table.add_column(heading)
    overdue = 0
    for action in sorted(fw.actions.values(), key=lambda a: (a.due, a.id)):
        late = action.overdue(on)
        overdue += late
        state = action.status.value.replace("_", " ")
        table.add_row(
            action.id,
            escape(action.title),
            ", ".join(action.measures),
            escape(action.owner),
            action.due.isoformat(),
            f"[red bold]OVERDUE[/] ({state})" if late else state,
        )
    console.print(table)
    unanswered = 0
    store = ResultsStore(root / STORE_FILE)
    if store.path.exists():
        years = sorted({r.label for r in store.query(breakdown="all", statistic="value")})
        if years:
            shortfalls = find_shortfalls(fw, store, years[-1])
            unanswered = sum(not s.answered for s in shortfalls)
            console.print(
                f"{years[-1]}: {len(shortfalls)} measures in shortfall, "
                f"{len(shortfalls) - unanswered} with a response, {unanswered} without",
                highlight=False,
            )
            t = catalogue_of(fw)
            for s in shortfalls:
                answer = "[green]answered[/]" if s.answered else "[red]no response[/]"
                console.print(
                    f"  {answer} {s.measure.id} {escape(s.measure.title)}: "
                    f"{escape(shortfall_summary(s.figure, t))}",
                    highlight=False,
                )
    else:
        console.print("no results computed yet, so shortfalls are not checked")
    console.print(f"{overdue} overdue action(s)", highlight=False)
    return overdue + unanswered
