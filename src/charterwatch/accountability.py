"""Which shortfalls have a response, and which actions are overdue.

The shortfall rule itself has one home, :mod:`charterwatch.results.shortfall`: it is decided
when results are computed and stored with each headline figure. This module pairs those
stored shortfalls with the framework's responses: an action linked to the measure that is not
dropped, or a written explanation for that year. ``charterwatch validate --release`` fails
while a shortfall has neither.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from charterwatch.model.accountability import Action, ActionStatus, Explanation
from charterwatch.model.framework import Framework, Measure
from charterwatch.model.issues import Issue, Level
from charterwatch.results.figure import Figure, ShortfallReason
from charterwatch.wording import catalogue_of, shortfall_summary

if TYPE_CHECKING:
    from charterwatch.results.store import ResultsStore


@dataclass
class MeasureShortfall:
    """A measure in shortfall in a year (its stored headline figure) and its responses."""

    measure: Measure
    figure: Figure
    actions: list[Action] = field(default_factory=list)
    explanations: list[Explanation] = field(default_factory=list)

    @property
    def year(self) -> str:
        return self.figure.label

    @property
    def answered(self) -> bool:
        return bool(self.actions or self.explanations)


def find_shortfalls(fw: Framework, store: ResultsStore, year: str) -> list[MeasureShortfall]:
    """Every measure of the default framework in shortfall in ``year``, in framework order,
    with its responses (as stored by the last compute)."""
    figures = {f.measure: f for f in store.query(period=year, breakdown="all", statistic="value")}
    return shortfalls_of(fw, figures, year)


def shortfalls_of(fw: Framework, figures: dict[str, Figure], year: str) -> list[MeasureShortfall]:
    """The shortfalls among already-read headline ``figures`` (by measure id) of ``year``."""
    out = []
    for m in fw.framework.measures.values():
        figure = figures.get(m.id)
        if figure is None or not figure.shortfalls or figure.label != year:
            continue
        out.append(
            MeasureShortfall(
                m,
                figure,
                actions_for(fw, m.id),
                [e for e in fw.explanations if e.measure == m.id and e.year == year],
            )
        )
    return out


def stale_flags(fw: Framework, store: ResultsStore, year: str) -> list[Issue]:
    """CW-R003 when the analyst flags of ``year`` changed after results were computed: flags
    are part of the shortfall rule, decided once at compute time."""
    figures = store.query(period=year, breakdown="all", statistic="value")
    stored = {
        (f.measure, str(s.params.get("reason", "")))
        for f in figures
        for s in f.shortfalls
        if s.reason is ShortfallReason.ANALYST_FLAG
    }
    known = {f.measure for f in figures}
    declared = {
        (flag.measure, str(flag.reason))
        for flag in fw.flags
        if flag.year == year and flag.measure in known
    }
    if stored == declared:
        return []
    changed = sorted({m for m, _ in stored ^ declared})
    return [
        Issue(
            code="CW-R003",
            level=Level.ERROR,
            file=str(fw.root),
            line=None,
            location="flags",
            message=f"the analyst flags for {year} changed after the results were computed "
            f"(measures {', '.join(changed)}), so the stored shortfalls are out of date",
            fix="run 'charterwatch compute' again, then check the release",
        )
    ]


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
    t = catalogue_of(fw)
    issues += stale_flags(fw, store, year)
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
                    f"({shortfall_summary(s.figure, t)}) but has no improvement action or "
                    "explanation",
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
