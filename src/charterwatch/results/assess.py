"""From protected figures to honest statuses: better, about the same, worse or changed.

Decided **once**, after disclosure control, for every headline figure:

- a withheld figure (``[c]`` or in words) this year or last year is "not comparable" and its
  reason quotes nothing;
- a break in series stops the comparison;
- otherwise the test that fits the measure's comparison runs on the **unrounded** inputs
  (:class:`~charterwatch.results.figure.TestInputs`) at the configured level: a
  two-proportion test for shares (exact when counts are small, see
  :func:`charterwatch.stats.change.compare_proportions`), an exact binomial test for counts
  of events, the relative-change rule for values, and for stocks (a backlog) the rule for
  stocks, which never calls a change between small stocks;
- polarity turns a called change into better or worse; with polarity "neither" it is
  "changed".

The reason is a code with parameters that quote **published** values only; the text catalogue
words it (``common.reason.<code>``). Statuses are documented in ``docs/statuses.md``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from charterwatch.measures.registry import kind_of
from charterwatch.model.files import Polarity
from charterwatch.model.framework import Measure
from charterwatch.results.figure import (
    Assessment,
    Comparison,
    Figure,
    ParamValue,
    ReasonCode,
    StandardCheck,
    StandardKind,
    Status,
    TestInputs,
)
from charterwatch.stats.change import (
    Change,
    Direction,
    compare_counts,
    compare_proportions,
    compare_stocks,
    compare_values,
    format_p_value,
)


@dataclass(frozen=True)
class ChangeRules:
    """The settings of the tests of change (``change.alpha``, ``change.relative_threshold``)
    and the disclosure threshold below which a stock is too small to call a change."""

    alpha: float = 0.05
    relative_threshold: float = 0.05
    min_count: int = 10


def compare(
    comparison: Comparison,
    before: TestInputs,
    after: TestInputs,
    rules: ChangeRules = ChangeRules(),
) -> Change | None:
    """The test of change that fits ``comparison``, on unrounded inputs (None: not testable)."""
    if comparison is Comparison.PROPORTION:
        if None in (before.estimate, before.effective_base, after.estimate, after.effective_base):
            return None
        return compare_proportions(
            float(before.estimate or 0.0),
            float(before.effective_base or 0.0),
            float(after.estimate or 0.0),
            float(after.effective_base or 0.0),
            alpha=rules.alpha,
        )
    if comparison is Comparison.EVENTS:
        if before.count is None or after.count is None:
            return None
        return compare_counts(before.count, after.count, alpha=rules.alpha)
    if comparison is Comparison.STOCK:
        if before.count is None or after.count is None:
            return None
        return compare_stocks(
            before.count, after.count, rules.relative_threshold, min_count=rules.min_count
        )
    if comparison is Comparison.VALUE:
        if before.value is None or after.value is None:
            return None
        return compare_values(before.value, after.value, threshold=rules.relative_threshold)
    return None


def is_small_stock(before: TestInputs, after: TestInputs, rules: ChangeRules) -> bool:
    """Both stocks below the disclosure threshold (never called a change by
    :func:`~charterwatch.stats.change.compare_stocks`): worded as too small to compare."""
    return max(before.count or 0, after.count or 0) < rules.min_count


def status_of(change: Change, polarity: Polarity) -> Status:
    """The status word of a test's outcome for a measure's polarity."""
    if not change.significant:
        return Status.SAME
    if polarity is Polarity.NEITHER:
        return Status.CHANGED
    up = change.direction is Direction.UP
    good = up if polarity is Polarity.HIGHER_IS_BETTER else not up
    return Status.BETTER if good else Status.WORSE


def assess_series(
    measure: Measure,
    figures: Sequence[Figure],
    inputs: Mapping[tuple[str, str, str, str, str], TestInputs],
    rules: ChangeRules = ChangeRules(),
    legal_limit_target: float = 100.0,
) -> list[Figure]:
    """The headline figures of one measure (yearly), each with its assessment and standard."""
    by_year = {f.label: f for f in figures if f.is_headline}
    breaks = {b.year: b.reason for b in measure.breaks}
    out = []
    for label, figure in sorted(by_year.items()):
        previous = figure.period.previous().label
        assessment = _assessment(
            measure, figure, by_year.get(previous), previous, breaks.get(label), inputs, rules
        )
        out.append(
            replace(
                figure,
                assessment=assessment,
                standard=standard_check(measure, figure, legal_limit_target),
            )
        )
    return out


def _assessment(
    measure: Measure,
    figure: Figure,
    before: Figure | None,
    previous: str,
    break_reason: str | None,
    inputs: Mapping[tuple[str, str, str, str, str], TestInputs],
    rules: ChangeRules,
) -> Assessment:
    if measure.data.value == "qualitative":
        return Assessment(Status.EVIDENCE, ReasonCode.EVIDENCE)
    if figure.value is None:
        if _kept_back(figure):
            return Assessment(Status.NOT_COMPARABLE, ReasonCode.WITHHELD)
        return Assessment(Status.NO_DATA, ReasonCode.NO_DATA, {"period": figure.label})
    if break_reason:
        return Assessment(Status.NOT_COMPARABLE, ReasonCode.BREAK, {"break": break_reason})
    if before is None or (before.value is None and not _kept_back(before)):
        return Assessment(Status.FIRST_YEAR, ReasonCode.FIRST_YEAR, {"previous": previous})
    if before.value is None:
        return Assessment(
            Status.NOT_COMPARABLE, ReasonCode.PREVIOUS_WITHHELD, {"previous": previous}
        )
    params: dict[str, ParamValue] = {
        "previous": previous,
        "before": before.value,
        "after": figure.value,
        "unit": figure.unit,
    }
    first, last = inputs.get(before.key), inputs.get(figure.key)
    change = (
        None if first is None or last is None else compare(figure.comparison, first, last, rules)
    )
    if change is None or first is None or last is None:
        return Assessment(Status.NOT_COMPARABLE, ReasonCode.NOT_TESTABLE, params)
    if figure.comparison is Comparison.STOCK and is_small_stock(first, last, rules):
        return Assessment(Status.SAME, ReasonCode.SMALL_STOCK, params, change.test)
    params["test"] = change.test
    if change.p_value is not None:
        params["p"] = format_p_value(change.p_value, rules.alpha)
        code = ReasonCode.SIGNIFICANT if change.significant else ReasonCode.NOT_SIGNIFICANT
    else:
        params["threshold"] = _percent_text(rules.relative_threshold)
        if change.difference == 0:
            code = ReasonCode.UNCHANGED
        elif (first.value or 0.0) == 0:
            code = ReasonCode.FROM_ZERO
        else:
            code = (
                ReasonCode.RELATIVE_CALLED if change.significant else ReasonCode.RELATIVE_NOT_CALLED
            )
    return Assessment(
        status_of(change, measure.polarity), code, params, change.test, change.p_value
    )


def _percent_text(fraction: float) -> str:
    return f"{fraction * 100:g}%"


def is_legal_limit(measure: Measure) -> bool:
    """Whether a measure's figure is the share of cases within a legal time limit (its kind's
    ``legal_limit`` param, true by default for deadline compliance)."""
    try:
        return bool(getattr(kind_of(measure).params(measure), "legal_limit", False))
    except (KeyError, ValueError):
        return False


def standard_check(
    measure: Measure, figure: Figure, legal_limit_target: float = 100.0
) -> StandardCheck | None:
    """Whether the published headline figure meets the measure's service standard, or for a
    legal time limit (a deadline measure) the legal target (100% by default)."""
    standard = measure.service_standard
    if is_legal_limit(measure) and figure.unit == "percent":
        met = None if figure.value is None else figure.value >= legal_limit_target
        return StandardCheck(
            StandardKind.LEGAL_LIMIT, met, legal_limit_target, "at_least", "percent"
        )
    if standard is None:
        return None
    target = standard.value
    if figure.value is None:
        met = None
    elif standard.direction == "at_most":
        met = figure.value <= target
    else:
        met = figure.value >= target
    return StandardCheck(
        StandardKind.SERVICE_STANDARD, met, target, standard.direction, standard.unit.value
    )


def _kept_back(figure: Figure) -> bool:
    """Withheld ([c]) or given only in words (a note and no symbol): there is a figure, kept
    back to protect confidentiality. A year with no data ([x]) is not one."""
    return figure.withheld or bool(figure.note and figure.symbol == "")
