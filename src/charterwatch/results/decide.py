"""From computed rows to the stored contract, in one fixed order.

1. keep the unrounded inputs of every tests of change (:class:`TestInputs`, never published);
2. disclosure control (:mod:`charterwatch.results.protect`);
3. typed figures (:class:`Figure`) holding published values only;
4. the assessment and standard check of every yearly headline figure, after protection;
5. the shortfall rule.

So a status can never be decided on, or quote, a figure that is withheld.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from charterwatch.measures.expr import year_of_period
from charterwatch.measures.rows import ResultRow
from charterwatch.model.framework import Measure
from charterwatch.results.assess import ChangeRules, assess_series
from charterwatch.results.figure import Comparison, Figure, Granularity, TestInputs, period_of
from charterwatch.results.nested import Nesting
from charterwatch.results.protect import Suppressed, protect_rows
from charterwatch.results.shortfall import ShortfallRule, decide_shortfalls
from charterwatch.stats.settings import DisclosureSettings

InputKey = tuple[str, str, str, str, str]

COMPARISONS = {
    "two_proportion_z_test": Comparison.PROPORTION,
    "proportion": Comparison.PROPORTION,
    "count_test": Comparison.EVENTS,
    "events": Comparison.EVENTS,
    "stock": Comparison.STOCK,
    "means": Comparison.MEANS,
    "relative_change": Comparison.VALUE,
    "value": Comparison.VALUE,
}
"""What each kind's ``status_inputs['comparison']`` means."""


@dataclass
class Decided:
    """What is stored: the figures, their private test inputs and the suppression audit."""

    figures: list[Figure]
    inputs: dict[InputKey, TestInputs]
    suppressed: list[Suppressed] = field(default_factory=list)


def test_inputs(row: ResultRow) -> TestInputs:
    """The unrounded inputs of a row's test of change, read before protection."""
    given = row.status_inputs
    count = int(row.value) if row.unit in {"count", "people"} and row.value is not None else None
    estimate = given.get("estimate")
    effective = given.get("effective_base")
    error = given.get("standard_error")
    return TestInputs(
        value=row.value,
        estimate=None if estimate is None else float(estimate),
        effective_base=None if effective is None else float(effective),
        count=count,
        standard_error=None if error is None else float(error),
        base=row.base,
    )


test_inputs.__test__ = False  # type: ignore[attr-defined]


def to_figure(row: ResultRow, granularity: Granularity | str) -> Figure:
    """A protected row as a typed figure (published values only)."""
    comparison = COMPARISONS.get(str(row.status_inputs.get("comparison", "")), Comparison.NONE)
    if row.statistic != "value":
        comparison = Comparison.NONE
    return Figure(
        measure=row.measure,
        period=period_of(row.period, granularity),
        statistic=row.statistic,
        value=row.value,
        unit=row.unit,
        breakdown=row.breakdown,
        group=row.group,
        base=row.base,
        ci_low=row.ci_low,
        ci_high=row.ci_high,
        symbol=row.symbol,
        note=row.note,
        comparison=comparison,
        evidence=tuple(row.evidence),
        provenance=dict(row.provenance),
        synthetic=row.synthetic,
    )


def decide(
    measures: Sequence[Measure],
    rows: Sequence[ResultRow],
    settings: Mapping[str, Any],
    disclosure: DisclosureSettings,
    rules: ChangeRules,
    *,
    granularity: Granularity | str = Granularity.YEAR,
    flags: Iterable[Any] = (),
    keep_years: Iterable[str] | None = None,
    nestings: Sequence[Nesting] = (),
) -> Decided:
    """Protect, type, assess and judge ``rows`` (all years, including the one before the
    first wanted so its status is known); ``keep_years`` filters what is returned;
    ``nestings`` name breakdowns nested in others (organisations in peer groups)."""
    inputs = {row.key: test_inputs(row) for row in rows}
    suppressed = protect_rows(rows, disclosure, nestings)
    figures = [to_figure(r, granularity) for r in rows]
    if Granularity(granularity) is Granularity.YEAR:
        figures = _judge(measures, figures, inputs, settings, rules, list(flags))
    if keep_years is not None:
        wanted = set(keep_years)
        level = Granularity(granularity).value
        figures = [f for f in figures if year_of_period(f.label, level) in wanted]
        suppressed = [s for s in suppressed if year_of_period(s[0].period, level) in wanted]
        kept = {f.key for f in figures}
        inputs = {k: v for k, v in inputs.items() if k in kept}
    return Decided(figures, inputs, suppressed)


def _judge(
    measures: Sequence[Measure],
    figures: list[Figure],
    inputs: Mapping[InputKey, TestInputs],
    settings: Mapping[str, Any],
    rules: ChangeRules,
    flags: list[Any],
) -> list[Figure]:
    rule = ShortfallRule.from_settings(settings)
    headline: dict[str, list[Figure]] = defaultdict(list)
    for f in figures:
        if f.is_headline:
            headline[f.measure].append(f)
    judged: dict[InputKey, Figure] = {}
    for m in measures:
        series = assess_series(m, headline.get(m.id, []), inputs, rules, rule.legal_limit_target)
        for f in decide_shortfalls(m, series, inputs, rule, rules, flags):
            judged[f.key] = f
    return [judged.get(f.key, f) for f in figures]
