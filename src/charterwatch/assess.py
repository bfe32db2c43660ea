"""From numbers to honest words: better, about the same or worse than last year, and
whether a service standard was met, each with the reason in one sentence.

A change is only called a change when the test for the measure's kind says so
(:mod:`charterwatch.stats.change`): a two-proportion z-test for survey and record shares,
an exact test for counts, and a relative-change rule for medians and other values. A break in
series stops the comparison and says why. The status words are documented in
``docs/statuses.md``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from charterwatch.measures.expr import fy_label, fy_start_of
from charterwatch.measures.rows import ALL, ResultRow
from charterwatch.model.files import Polarity
from charterwatch.model.framework import Measure
from charterwatch.stats.change import Change, compare_counts, compare_proportions, compare_values
from charterwatch.units import value_text


class Status(StrEnum):
    """The plain-word status of a measure in a year."""

    BETTER = "better"
    SAME = "about the same"
    WORSE = "worse"
    CHANGED = "changed"
    NOT_COMPARABLE = "not comparable"
    FIRST_YEAR = "first year"
    NO_DATA = "no data"
    EVIDENCE = "evidence"


def previous_year(label: str) -> str:
    return fy_label(fy_start_of(label) - 1)


@dataclass(frozen=True)
class ChangeRules:
    """The settings of the tests of change (``change.alpha``, ``change.relative_threshold``)."""

    alpha: float = 0.05
    relative_threshold: float = 0.05


def compare(
    comparison: str, before: ResultRow, after: ResultRow, rules: ChangeRules = ChangeRules()
) -> Change:
    """The test of change that fits the measure's kind, on the unrounded figures."""
    a, b = before.status_inputs, after.status_inputs
    if comparison == "two_proportion_z_test" and "estimate" in a and "estimate" in b:
        return compare_proportions(
            float(a["estimate"]),
            float(a["effective_base"]),
            float(b["estimate"]),
            float(b["effective_base"]),
            alpha=rules.alpha,
        )
    if comparison == "count_test":
        return compare_counts(int(before.value or 0), int(after.value or 0), alpha=rules.alpha)
    return compare_values(
        float(before.value or 0.0),
        float(after.value or 0.0),
        threshold=rules.relative_threshold,
        describe=lambda value: value_text(value, after.unit),
    )


def _status_of(change: Change, polarity: Polarity) -> Status:
    if not change.significant:
        return Status.SAME
    up = change.direction.value == "up"
    if polarity is Polarity.NEITHER:
        return Status.CHANGED
    good = up if polarity is Polarity.HIGHER_IS_BETTER else not up
    return Status.BETTER if good else Status.WORSE


def assess_measure(
    measure: Measure, rows: Iterable[ResultRow], rules: ChangeRules = ChangeRules()
) -> None:
    """Write each headline row's status into its ``status_inputs`` (in place)."""
    headline = {
        r.period: r
        for r in rows
        if r.measure == measure.id and r.breakdown == ALL and r.statistic == "value"
    }
    breaks = {b.year: b.reason for b in measure.breaks}
    for period, row in sorted(headline.items()):
        row.status_inputs["polarity"] = measure.polarity.value
        row.status_inputs.update(
            _assessment(
                measure, row, headline.get(previous_year(period)), breaks.get(period), rules
            )
        )
        if measure.service_standard is not None:
            row.status_inputs["standard"] = _standard(measure, row)


def _assessment(
    measure: Measure,
    row: ResultRow,
    before: ResultRow | None,
    break_reason: str | None,
    rules: ChangeRules,
) -> dict[str, Any]:
    if row.value is None:
        return {"status": Status.NO_DATA.value, "reason": f"There is no data for {row.period}."}
    if measure.data.value == "qualitative":
        return {
            "status": Status.EVIDENCE.value,
            "reason": "Qualitative evidence is described, not compared between years.",
        }
    if break_reason:
        return {
            "status": Status.NOT_COMPARABLE.value,
            "reason": f"Not compared with the year before because of a break in series: "
            f"{break_reason}",
        }
    if before is None or before.value is None:
        return {
            "status": Status.FIRST_YEAR.value,
            "reason": f"There is no figure for {previous_year(row.period)} to compare with.",
        }
    comparison = str(row.status_inputs.get("comparison", "relative_change"))
    try:
        change = compare(comparison, before, row, rules)
    except ValueError as exc:
        return {"status": Status.NOT_COMPARABLE.value, "reason": f"Not compared: {exc}"}
    return {
        "status": _status_of(change, measure.polarity).value,
        "reason": change.reason,
        "test": change.test,
        "previous": before.value,
        "p_value": change.p_value,
    }


def _standard(measure: Measure, row: ResultRow) -> dict[str, Any]:
    standard = measure.service_standard
    assert standard is not None
    if row.value is None:
        return {"met": None, "reason": "No data to judge the service standard."}
    target = standard.value
    met = row.value <= target if standard.direction == "at_most" else row.value >= target
    word = "within" if met else "outside"
    return {
        "met": met,
        "target": target,
        "reason": f"The figure of {row.value:g} is {word} the standard of {_words(standard)}.",
    }


def _words(standard: Any) -> str:
    """A service standard in words: ``at most 10 working days``."""
    direction = standard.direction.replace("_", " ")
    return f"{direction} {standard.value:g} {standard.unit.value.replace('_', ' ')}"
