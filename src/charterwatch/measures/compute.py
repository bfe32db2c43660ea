"""Computing every measure of a framework version for a list of years.

For each measure: find its kind, validate its params, run it, and make sure every requested
year has a row: a measure without data is reported as "no data" (symbol ``[x]``), never
silently dropped. Errors in one measure are reported and do not stop the others.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from pydantic import ValidationError

from charterwatch.measures.columns import MissingColumn, missing_columns
from charterwatch.measures.context import ComputeContext, NoData
from charterwatch.measures.expr import NotSupported
from charterwatch.measures.organisations import computed_params
from charterwatch.measures.registry import Task, kind_of
from charterwatch.measures.rows import ALL, ResultRow
from charterwatch.model.framework import Measure
from charterwatch.model.issues import Issue, Level

Progress = Callable[[Measure], None]


@dataclass
class ComputeOutcome:
    rows: list[ResultRow] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    """Measures with no figures at a quarter or month granularity, and why."""


def active_in(measure: Measure, year: str) -> bool:
    """Whether the measure is reported in a financial year (first year, retirement)."""
    if measure.first_year and year < measure.first_year:
        return False
    return not (measure.retired_from and year >= measure.retired_from)


def compute_measures(
    measures: Sequence[Measure],
    ctx: ComputeContext,
    years: Sequence[str],
    progress: Progress | None = None,
) -> ComputeOutcome:
    """Result rows for ``measures`` over ``years``, plus an issue per measure that failed."""
    outcome = ComputeOutcome()
    shared = SharedQueries(measures, ctx, years)
    for measure in measures:
        wanted = [y for y in years if active_in(measure, y)]
        rows: list[ResultRow] = []
        reason = "no data for this year"
        if wanted:
            try:
                rows = shared.rows(measure, wanted)
            except NoData as exc:
                reason = f"no data: {exc}"
            except NotSupported as exc:
                reason = f"not applicable: {exc}"
            except (KeyError, ValidationError, ValueError) as exc:
                reason = "not computed: the measure's definition has a problem"
                outcome.issues.append(
                    Issue(
                        code="CW-K002",
                        level=Level.ERROR,
                        file=measure.origin.file,
                        line=measure.origin.line,
                        location=f"measure {measure.id}",
                        message=f"measure '{measure.id}' could not be computed: {exc}",
                        fix="check its kind and params against docs/measure-kinds.md",
                    )
                )
        if ctx.granularity == "year":
            rows += _no_data_rows(measure, ctx.unit_of(measure), wanted, rows, reason)
        elif not rows:
            outcome.left_out.append(f"{measure.id}: {reason}")
        outcome.rows.extend(sorted(rows, key=lambda r: r.key))
        if progress is not None:
            progress(measure)
    return outcome


class SharedQueries:
    """Computes the measures of a kind that shares queries (``shares_queries``) together:
    every measure of that kind goes in one :meth:`compute_many` call, made when the first of
    them is reached. Other measures, and every measure of a batch that raised, are computed
    one at a time (so an error names its own measure)."""

    def __init__(self, measures: Sequence[Measure], ctx: ComputeContext, years: Sequence[str]):
        self.ctx = ctx
        self.batches: dict[str, list[Task]] = {}
        self.done: dict[str, dict[str, list[ResultRow]] | None] = {}
        for measure in measures:
            wanted = [y for y in years if active_in(measure, y)]
            try:
                kind = kind_of(measure)
                if wanted and kind.shares_queries:
                    task = Task(measure, computed_params(kind, measure), wanted)
                    # the declared params: organisation breakdowns are joined, not read
                    missing_columns(measure, kind.params(measure), ctx.tables)
                    self.batches.setdefault(kind.name, []).append(task)
            except (KeyError, ValidationError, MissingColumn):
                continue  # reported when the measure itself is computed

    def rows(self, measure: Measure, wanted: list[str]) -> list[ResultRow]:
        """The measure's rows; raises what its kind raises for it alone."""
        kind = kind_of(measure)
        batch = self.batches.get(kind.name, [])
        if len(batch) > 1 and any(t.measure is measure and t.years == wanted for t in batch):
            if kind.name not in self.done:
                try:
                    self.done[kind.name] = kind.compute_many(batch, self.ctx)
                except (NoData, KeyError, ValidationError, ValueError):
                    self.done[kind.name] = None
            found = self.done[kind.name]
            if found is not None:
                return found[measure.id]
        params = computed_params(kind, measure)
        missing_columns(measure, kind.params(measure), self.ctx.tables)
        return kind.compute(measure, params, self.ctx, wanted)


def _no_data_rows(
    measure: Measure, unit: str, years: Sequence[str], rows: list[ResultRow], reason: str
) -> list[ResultRow]:
    """A "no data" row for each year the kind gave no headline figure for."""
    have = {r.period for r in rows if r.statistic == "value" and r.breakdown == ALL}
    return [
        ResultRow(
            measure=measure.id,
            period=year,
            statistic="value",
            value=None,
            unit=unit,
            symbol="[x]",
            note=reason,
        )
        for year in years
        if year not in have
    ]
