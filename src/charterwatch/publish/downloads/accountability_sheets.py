"""The Actions and Recommendations sheets of the accessible spreadsheet.

They follow the table sheets and the same rules: the title in A1, one line under it, one
table with one header row, no blank cells (an empty text cell reads ``[z]``, not
applicable) and no column that would be empty in every row. Actions show their state on the
run's as-of date, with ``Yes`` in the overdue column when the due date has passed and the
action is neither done nor dropped. Recommendations name their linked actions with their
titles and state, so a partly accepted recommendation shows what is being done about it.
"""

from __future__ import annotations

from collections.abc import Sequence

from charterwatch.publish.downloads.context import DownloadContext
from charterwatch.publish.downloads.workbook import (
    Cell,
    Line,
    Link,
    Sheet,
    Table,
    sheet_name,
    table_name,
)
from charterwatch.publish.responses import ActionView, Responses
from charterwatch.stats.symbols import Symbol

K = "downloads.accountability."
H = K + "headers."


def accountability_sheets(ctx: DownloadContext, first: int, taken: set[str]) -> list[Sheet]:
    """The Actions and Recommendations sheets (each only when it has rows), numbered on from
    ``first``; their names are added to ``taken``."""
    t = ctx.catalogue
    responses = ctx.responses
    specs = [
        ("actions", _action_table(ctx, responses), {"date": ctx.as_of.isoformat()}),
        ("recommendations", _recommendation_table(ctx, responses), {}),
    ]
    sheets: list[Sheet] = []
    for key, (headers, rows), values in specs:
        if not rows:
            continue
        name = sheet_name(t(f"downloads.workbook.sheets.{key}"), taken)
        taken.add(name)
        kept = [i for i in range(len(headers)) if any(r[i] not in ("", None) for r in rows)]
        table = Table(
            table_name(name),
            [t(H + headers[i]) for i in kept],
            [[_not_blank(r[i]) for i in kept] for r in rows],
        )
        title = t(f"{K}{key}_sheet_title", n=first + len(sheets), **values)
        lines = [Line(t("downloads.workbook.see_notes"))]
        sheets.append(Sheet(name, title, lines, table))
    return sheets


def _not_blank(cell: Cell) -> Cell:
    return Symbol.NOT_APPLICABLE.value if cell in ("", None) else cell


def _yes_no(ctx: DownloadContext, value: bool) -> str:
    return ctx.catalogue("downloads.answer_yes" if value else "downloads.answer_no")


def _joined(items: Sequence[str]) -> str:
    return "; ".join(items)


def status_words(ctx: DownloadContext, view: ActionView) -> str:
    """An action's status in words (``In progress``)."""
    return ctx.catalogue(f"{K}status.{view.action.status.value}")


def _action_table(ctx: DownloadContext, responses: Responses) -> tuple[list[str], list[list[Cell]]]:
    headers = [
        "id",
        "title",
        "change",
        "measures",
        "commitments",
        "owner",
        "start",
        "due",
        "status",
        "overdue",
        "updates",
        "effect",
        "movements",
        "dropped_reason",
        "illustrative",
    ]
    rows: list[list[Cell]] = []
    for view in sorted(responses.actions, key=lambda v: v.id):
        a = view.action
        updates = sorted(a.updates, key=lambda u: u.date)
        rows.append(
            [
                a.id,
                a.title,
                a.change,
                _joined(a.measures),
                _joined(a.commitments),
                a.owner,
                a.start.isoformat(),
                a.due.isoformat(),
                status_words(ctx, view),
                _yes_no(ctx, view.overdue),
                "\n".join(f"{u.date.isoformat()}: {u.text}" for u in updates),
                a.effect or "",
                "\n".join(view.movements),
                a.dropped_reason or "",
                _yes_no(ctx, a.illustrative),
            ]
        )
    return headers, rows


def _recommendation_table(
    ctx: DownloadContext, responses: Responses
) -> tuple[list[str], list[list[Cell]]]:
    t = ctx.catalogue
    headers = [
        "id",
        "body",
        "report",
        "text",
        "date",
        "response",
        "response_reason",
        "response_date",
        "linked_actions",
        "commitments",
        "follow_up",
        "illustrative",
    ]
    rows: list[list[Cell]] = []
    for r in sorted(responses.recommendations, key=lambda r: r.id):
        linked = []
        for action_id in r.actions:
            view = responses.action(action_id)
            if view is None:
                linked.append(action_id)
            else:
                state = status_words(ctx, view)
                if view.overdue:
                    state = t(K + "overdue_state", status=state)
                linked.append(f"{action_id} {view.action.title} ({state})")
        report: Cell = r.report or ""
        if r.report and r.report_url:
            report = Link(r.report, url=r.report_url)
        rows.append(
            [
                r.id,
                r.body,
                report,
                r.text,
                r.date.isoformat(),
                t(f"{K}response.{r.response}"),
                r.response_reason or "",
                r.response_date.isoformat() if r.response_date else "",
                _joined(linked),
                _joined(r.commitments),
                t(f"{K}follow_up.{r.follow_up}"),
                _yes_no(ctx, r.illustrative),
            ]
        )
    return headers, rows
