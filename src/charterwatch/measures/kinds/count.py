"""Count and rate: how many records fall in the year, or one count over another.

Counts are of events (requests received, complaints made) placed in a year by a date column.
A rate divides a numerator count by a denominator count of the same year, times ``per``
(100 for a percentage, 1000 for a rate per thousand).
"""

from __future__ import annotations

from typing import Any

from charterwatch.measures.context import ComputeContext
from charterwatch.measures.expr import (
    BREAKDOWN,
    GROUP,
    GROUP_KEYS,
    PERIOD,
    rows_of,
    with_groupings,
)
from charterwatch.measures.kinds.common import (
    RecordParams,
    proportion_inputs,
    records_of,
    stamp,
)
from charterwatch.measures.registry import KindParams, MeasureKind, register
from charterwatch.measures.rows import ResultRow
from charterwatch.model.framework import Measure


def count_rows(
    measure: Measure, p: RecordParams, ctx: ComputeContext, years: list[str]
) -> tuple[str, list[dict[str, Any]]]:
    """(source, aggregate rows with ``n``) for the records of a count, headline and
    breakdowns from one query."""
    source, t = records_of(measure, p, ctx, years)
    g = with_groupings(t, p.breakdowns)
    return source, rows_of(g.group_by(list(GROUP_KEYS)).aggregate(n=g.count()))


@register
class Count(MeasureKind):
    name = "count"
    Params = RecordParams
    summary = "Number of records whose date falls in the year (after a filter)."
    reads = ("applications", "redeterminations", "appeals", "complaints", "calls", "records")

    def compute(
        self, measure: Measure, params: Any, ctx: ComputeContext, years: list[str]
    ) -> list[ResultRow]:
        source, found = count_rows(measure, params, ctx, years)
        return [
            stamp(
                measure,
                ctx,
                source,
                row,
                "value",
                int(row["n"]),
                "count",
                base=int(row["n"]),
                status_inputs={"comparison": "count_test"},
            )
            for row in found
        ]


class RateParams(KindParams):
    numerator: RecordParams
    denominator: RecordParams
    per: float = 100.0


@register
class Rate(MeasureKind):
    name = "rate"
    Params = RateParams
    summary = "One count over another in the same year, times 'per' (100 for a percentage)."
    reads = Count.reads

    def compute(
        self, measure: Measure, params: Any, ctx: ComputeContext, years: list[str]
    ) -> list[ResultRow]:
        p: RateParams = params
        num_source, num = count_rows(measure, p.numerator, ctx, years)
        _, den = count_rows(measure, p.denominator, ctx, years)
        numerators = {(r[BREAKDOWN], r[PERIOD], r[GROUP]): int(r["n"]) for r in num}
        out = []
        for row in den:
            d = int(row["n"])
            n = numerators.get((row[BREAKDOWN], row[PERIOD], row[GROUP]), 0)
            out.append(
                stamp(
                    measure,
                    ctx,
                    num_source,
                    row,
                    "value",
                    p.per * n / d if d else None,
                    ctx.unit_of(measure),
                    base=d,
                    note="",
                    status_inputs=proportion_inputs(n, d),
                )
            )
        return out
