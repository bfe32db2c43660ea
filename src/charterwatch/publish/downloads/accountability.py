"""The open-data shape of actions, recommendations and "You said, we did": typed columns.

The CSV and JSON files, the data package and the workbook sheets read these records.

Records come from the publication's :class:`~charterwatch.publish.responses.Responses`, so an
action is overdue here exactly when it is on the site and in the PDFs: past its due date on
the run's as-of date (:attr:`DownloadOptions.as_of`) and neither done nor dropped. Every
field of each record is a column (only where it was written, its origin, is left out). In
JSON lists stay lists and progress updates are ``{"date", "text"}`` objects; in CSV lists are
joined with ``"; "`` and updates are ``date: text`` lines. Each table is sorted by id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from charterwatch.publish.downloads.context import DownloadContext
from charterwatch.publish.downloads.records import Column, Record
from charterwatch.publish.i18n import Catalogue
from charterwatch.publish.responses import ActionView, Responses

LIST_SEPARATOR = "; "
"""Joins the items of a list in a CSV cell (``M2.05; M2.18``)."""


@dataclass(frozen=True)
class AccountabilityColumn(Column):
    """A column of an accountability table; title and description are per table."""

    table: str = ""
    lines: bool = False
    """True when the JSON list is written one item a line in CSV (progress updates)."""

    def title(self, catalogue: Catalogue) -> str:
        return catalogue(f"downloads.accountability.columns.{self.table}.{self.name}.title")

    def description(self, catalogue: Catalogue) -> str:
        return catalogue(f"downloads.accountability.columns.{self.table}.{self.name}.description")


def _columns(table: str, spec: str) -> tuple[AccountabilityColumn, ...]:
    """Columns from ``name:type`` words; ``!`` marks required, ``*`` one-item-a-line lists."""
    out = []
    for word in spec.split():
        name, _, kind = word.partition(":")
        out.append(
            AccountabilityColumn(
                name.rstrip("!*"),
                kind or "string",
                required=name.endswith("!"),
                table=table,
                lines=name.endswith("*"),
            )
        )
    return tuple(out)


ACTION_COLUMNS = _columns(
    "actions",
    "id! title! change! measures commitments owner! start!:date due!:date status! "
    "overdue!:boolean dropped_reason updates* effect movements* illustrative!:boolean",
)
"""Every field of an improvement action, plus ``overdue`` and the measures' ``movements``."""

RECOMMENDATION_COLUMNS = _columns(
    "recommendations",
    "id! body! report report_url text! date!:date response! response_reason "
    "response_date:date actions commitments follow_up! illustrative!:boolean",
)
"""Every field of a scrutiny body's recommendation and the response to it."""

YOU_SAID_COLUMNS = _columns(
    "you_said_we_did",
    "id! theme! source! action_taken! date!:date commitments measures illustrative!:boolean",
)
"""Every field of a "You said, we did" entry."""


@dataclass(frozen=True)
class AccountabilityTable:
    """One of the three tables: its key, file stem, columns and how records are made."""

    key: str
    stem: str
    columns: tuple[AccountabilityColumn, ...]
    records: Callable[[Responses], list[Record]]

    def csv_name(self) -> str:
        return f"data/{self.stem}.csv"

    def json_name(self) -> str:
        return f"data/{self.stem}.json"


def action_record(view: ActionView) -> Record:
    """An action as a record: every field, ``overdue`` on the as-of date, the movements."""
    a = view.action
    updates = sorted(a.updates, key=lambda u: u.date)
    return {
        "id": a.id,
        "title": a.title,
        "change": a.change,
        "measures": list(a.measures),
        "commitments": list(a.commitments),
        "owner": a.owner,
        "start": a.start,
        "due": a.due,
        "status": a.status.value,
        "overdue": view.overdue,
        "dropped_reason": a.dropped_reason,
        "updates": [{"date": u.date, "text": u.text} for u in updates],
        "effect": a.effect,
        "movements": list(view.movements),
        "illustrative": a.illustrative,
    }


def action_records(responses: Responses) -> list[Record]:
    return sorted((action_record(v) for v in responses.actions), key=lambda r: str(r["id"]))


def recommendation_records(responses: Responses) -> list[Record]:
    out = [
        {
            "id": r.id,
            "body": r.body,
            "report": r.report,
            "report_url": r.report_url,
            "text": r.text,
            "date": r.date,
            "response": r.response,
            "response_reason": r.response_reason,
            "response_date": r.response_date,
            "actions": list(r.actions),
            "commitments": list(r.commitments),
            "follow_up": r.follow_up,
            "illustrative": r.illustrative,
        }
        for r in responses.recommendations
    ]
    return sorted(out, key=lambda r: str(r["id"]))


def you_said_records(responses: Responses) -> list[Record]:
    out = [
        {
            "id": y.id,
            "theme": y.theme,
            "source": y.source,
            "action_taken": y.action_taken,
            "date": y.date,
            "commitments": list(y.commitments),
            "measures": list(y.measures),
            "illustrative": y.illustrative,
        }
        for y in responses.you_said_we_did
    ]
    return sorted(out, key=lambda r: str(r["id"]))


TABLES: tuple[AccountabilityTable, ...] = (
    AccountabilityTable("actions", "actions", ACTION_COLUMNS, action_records),
    AccountabilityTable(
        "recommendations", "recommendations", RECOMMENDATION_COLUMNS, recommendation_records
    ),
    AccountabilityTable("you_said_we_did", "you-said-we-did", YOU_SAID_COLUMNS, you_said_records),
)
"""The three tables, in the order they are written and described."""


def written_tables(ctx: DownloadContext) -> list[tuple[AccountabilityTable, list[Record]]]:
    """The tables with at least one record, each with its records (an empty one is skipped)."""
    found = [(table, table.records(ctx.responses)) for table in TABLES]
    return [(table, records) for table, records in found if records]


def flat_record(columns: Sequence[AccountabilityColumn], record: Record) -> Record:
    """A record with every cell as CSV text: dates ISO, lists joined, updates as lines."""
    return {c.name: flat_text(c, record.get(c.name)) for c in columns}


def flat_text(column: AccountabilityColumn, value: Any) -> str:
    """One value as CSV cell text (``None`` is an empty cell, booleans ``true``/``false``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        items = [_item_text(v) for v in value]
        return ("\n" if column.lines else LIST_SEPARATOR).join(items)
    return str(value)


def _item_text(item: Any) -> str:
    if isinstance(item, dict):
        return f"{flat_text(_PLAIN, item['date'])}: {item['text']}"
    return str(item)


_PLAIN = AccountabilityColumn("value", "string")


def json_value(value: Any) -> Any:
    """A record's value for JSON: dates as ISO text, lists and objects kept."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: json_value(v) for k, v in value.items()}
    return value


def json_document(ctx: DownloadContext, table: AccountabilityTable, records: list[Record]) -> Any:
    """The JSON file of a table: the year, the as-of date, then the records in column order."""
    return {
        "year": ctx.year,
        "as_of": ctx.as_of.isoformat(),
        table.key: [{c.name: json_value(r.get(c.name)) for c in table.columns} for r in records],
    }
