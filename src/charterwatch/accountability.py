"""The shortfall rule: which measures need a response, whether they have one, and what
happened after an action started.

A measure is in shortfall in a year when (each switch is configuration, under
``project.settings.shortfall``): it is worse than the year before (``worse_than_last_year``),
it misses its service standard (``misses_standard``), a percentage where higher is better is
below a floor (``below_percent``, off unless set), or an analyst flagged it. A shortfall needs
a response: an action linked to the measure that is not dropped, or a written explanation for
that year. ``charterwatch validate --release`` fails while one has neither.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from charterwatch.assess import compare
from charterwatch.measures.rows import ResultRow
from charterwatch.model.accountability import Action, ActionStatus, Explanation
from charterwatch.model.framework import Framework, Measure
from charterwatch.model.issues import Issue, Level
from charterwatch.results.store import ResultsStore

Row = dict[str, Any]


@dataclass(frozen=True)
class ShortfallRule:
    """The configurable thresholds of the shortfall rule."""

    worse_than_last_year: bool = True
    misses_standard: bool = True
    below_percent: float | None = None

    @classmethod
    def from_settings(cls, settings: dict[str, Any]) -> ShortfallRule:
        return cls(**(settings.get("shortfall") or {}))


@dataclass
class Shortfall:
    measure: Measure
    year: str
    reasons: list[str]
    actions: list[Action] = field(default_factory=list)
    explanations: list[Explanation] = field(default_factory=list)

    @property
    def answered(self) -> bool:
        return bool(self.actions or self.explanations)


def shortfall_reasons(measure: Measure, row: Row | None, rule: ShortfallRule) -> list[str]:
    """Why a headline row counts as a shortfall (empty when it does not)."""
    if row is None or row["value"] is None:
        return []
    inputs = row["status_inputs"]
    reasons = []
    if rule.worse_than_last_year and inputs.get("status") == "worse":
        reasons.append(str(inputs.get("reason", "worse than the year before")))
    standard = inputs.get("standard")
    if rule.misses_standard and isinstance(standard, dict) and standard.get("met") is False:
        reasons.append(str(standard.get("reason", "misses its service standard")))
    if (
        rule.below_percent is not None
        and row["unit"] == "percent"
        and measure.polarity.value == "higher_is_better"
        and row["value"] < rule.below_percent
    ):
        reasons.append(f"below the floor of {rule.below_percent:g}%")
    return reasons


def find_shortfalls(fw: Framework, store: ResultsStore, year: str) -> list[Shortfall]:
    """Every measure of the default framework in shortfall in ``year``, with its responses."""
    rule = ShortfallRule.from_settings(fw.project.settings)
    rows = {r["measure"]: r for r in store.query(period=year, breakdown="all", statistic="value")}
    flagged: dict[str, list[str]] = {}
    for flag in fw.flags:
        if flag.year == year:
            flagged.setdefault(flag.measure, []).append(f"flagged by an analyst: {flag.reason}")
    out = []
    for m in fw.framework.measures.values():
        reasons = shortfall_reasons(m, rows.get(m.id), rule) + flagged.get(m.id, [])
        if reasons:
            out.append(
                Shortfall(
                    m,
                    year,
                    reasons,
                    actions_for(fw, m.id),
                    [e for e in fw.explanations if e.measure == m.id and e.year == year],
                )
            )
    return out


def actions_for(fw: Framework, measure_id: str) -> list[Action]:
    """Actions linked to a measure that still count as a response (not dropped)."""
    return [
        a
        for a in fw.actions.values()
        if measure_id in a.measures and a.status is not ActionStatus.DROPPED
    ]


def overdue_actions(fw: Framework, on: dt.date) -> list[Action]:
    return sorted((a for a in fw.actions.values() if a.overdue(on)), key=lambda a: a.due)


def release_issues(fw: Framework, store: ResultsStore, year: str, on: dt.date) -> list[Issue]:
    """CW-R001 for every unanswered shortfall, CW-R002 for every overdue action."""
    issues = []
    for s in find_shortfalls(fw, store, year):
        if not s.answered:
            issues.append(
                Issue(
                    code="CW-R001",
                    level=Level.ERROR,
                    file=s.measure.origin.file,
                    line=s.measure.origin.line,
                    location=f"measure {s.measure.id}",
                    message=f"measure '{s.measure.id}' is in shortfall in {year} "
                    f"({'; '.join(s.reasons)}) but has no improvement action or explanation",
                    fix=f"add an action with 'measures: [{s.measure.id}]' under 'actions:', or an "
                    f"entry under 'explanations:' with measure {s.measure.id} and year {year}",
                )
            )
    for a in overdue_actions(fw, on):
        issues.append(
            Issue(
                code="CW-R002",
                level=Level.WARNING,
                file=a.origin.file,
                line=a.origin.line,
                location=f"action {a.id}",
                message=f"action '{a.id}' was due on {a.due.isoformat()} and is still "
                f"{a.status.value.replace('_', ' ')}",
                fix="record progress and a new due date, or mark it done or dropped with a reason",
            )
        )
    return issues


def movement_since(
    action: Action,
    series: list[Row],
    measure: Measure,
    fmt: Callable[[float, str], str] = lambda value, unit: f"{value:g}",
) -> str | None:
    """Whether the measure moved after the action started, in one sentence (or None).

    ``fmt`` words a value with its unit (publishing passes its own formatter).
    """
    start_year = f"{action.start.year - (action.start.month < 4)}"
    start_label = f"{start_year}-{(int(start_year) + 1) % 100:02d}"
    by_year = {r["period"]: r for r in series if r["value"] is not None}
    before = by_year.get(start_label)
    later = [y for y in sorted(by_year) if y > start_label]
    if before is None or not later:
        return None
    after = by_year[later[-1]]
    change = compare(
        str(after["status_inputs"].get("comparison", "relative_change")),
        _as_row(before, measure),
        _as_row(after, measure),
    )
    if not change.significant:
        word = "has not changed significantly"
    else:
        up = change.direction.value == "up"
        good = up == (measure.polarity.value == "higher_is_better")
        word = "has improved" if good else "has got worse"
    first = fmt(before["value"], before["unit"])
    last = fmt(after["value"], after["unit"])
    return (
        f"Since this action started in {start_label}, the figure {word} "
        f"({first} in {start_label}, {last} in {after['period']})."
    )


def _as_row(row: Row, measure: Measure) -> ResultRow:
    return ResultRow(
        measure=measure.id,
        period=row["period"],
        statistic="value",
        value=row["value"],
        unit=row["unit"],
        base=row["base"],
        status_inputs=dict(row["status_inputs"]),
    )
