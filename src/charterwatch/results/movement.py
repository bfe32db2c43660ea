"""Whether a measure moved after an improvement action started: decided by the same tests of
change as the statuses, on unrounded inputs, with the measure's polarity, its breaks in
series and the configured significance level."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from charterwatch.dates.periods import FinancialYear
from charterwatch.model.accountability import Action
from charterwatch.model.framework import Measure
from charterwatch.results.assess import ChangeRules, compare, is_small_stock, status_of
from charterwatch.results.figure import Comparison, Figure, Status, TestInputs


class Movement(StrEnum):
    """What happened to the figure since the action started (worded ``common.movement.*``)."""

    IMPROVED = "improved"
    WORSE = "worse"
    CHANGED = "changed"
    NOT_SIGNIFICANT = "not_significant"
    BREAK = "break"


@dataclass(frozen=True)
class MovementSince:
    movement: Movement
    start: str
    """The financial year the action started in (``2022-23``)."""
    before: Figure
    after: Figure


_MOVEMENTS = {
    Status.BETTER: Movement.IMPROVED,
    Status.WORSE: Movement.WORSE,
    Status.CHANGED: Movement.CHANGED,
    Status.SAME: Movement.NOT_SIGNIFICANT,
}


def movement_since(
    action: Action,
    measure: Measure,
    series: Sequence[Figure],
    inputs: Mapping[str, TestInputs],
    rules: ChangeRules | None = None,
) -> MovementSince | None:
    """The movement of ``measure``'s yearly headline ``series`` from the year ``action``
    started to the latest published year, or None when there is nothing to compare
    (no published figure in the start year or after it)."""
    start = FinancialYear.of(action.start).label
    published = {f.label: f for f in series if f.is_headline and f.value is not None}
    before = published.get(start)
    later = sorted(label for label in published if label > start)
    if before is None or not later:
        return None
    after = published[later[-1]]
    if any(start < b.year <= after.label for b in measure.breaks):
        return MovementSince(Movement.BREAK, start, before, after)
    first, last = inputs.get(start), inputs.get(after.label)
    if first is None or last is None:
        return None
    rules = rules or ChangeRules()
    change = compare(after.comparison, first, last, rules)
    if change is None:
        return None
    if after.comparison is Comparison.STOCK and is_small_stock(first, last, rules):
        return MovementSince(Movement.NOT_SIGNIFICANT, start, before, after)
    return MovementSince(_MOVEMENTS[status_of(change, measure.polarity)], start, before, after)
