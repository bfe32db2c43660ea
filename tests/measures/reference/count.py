"""Count and rate: how many records fall in the year, or one count over another.

Counts are of events (requests received, complaints made) placed in a year by a date column.
A rate divides a numerator count by a denominator count of the same year, times ``per``
(100 for a percentage, 1000 for a rate per thousand).
"""

from __future__ import annotations

from typing import Any

from charterwatch.measures.context import ComputeContext
from charterwatch.measures.registry import KindParams, MeasureKind
from charterwatch.measures.rows import ResultRow
from charterwatch.model.framework import Measure
from tests.measures.reference.common import RecordParams, proportion_inputs, source_of, stamp
from tests.measures.reference.expr import GROUP, PERIOD, breakdown_groupings, record_base, rows_of

DEFAULT_DATES = {"redeterminations": "request_date", "appeals": "lodged_date"}


def count_rows(
    measure: Measure, p: RecordParams, ctx: ComputeContext, years: list[str]
) -> tuple[str, list[tuple[str, dict[str, Any]]]]:
    """(source, [(breakdown, aggregate row with n)]) for the records of a count."""
    source = source_of(measure, p)
    date = p.date or DEFAULT_DATES.get(source, "received_date")
    t = record_base(ctx.table(source), date, years, p.filter, ctx.granularity)
    found: list[tuple[str, dict[str, Any]]] = []
    for breakdown, g in breakdown_groupings(t, p.breakdowns):
        agg = g.group_by([PERIOD, GROUP]).aggregate(n=g.count())
        found.extend((breakdown, row) for row in rows_of(agg))
    return source, found


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
                b,
                row,
                "value",
                int(row["n"]),
                "count",
                base=int(row["n"]),
                status_inputs={"comparison": "count_test"},
            )
            for b, row in found
        ]


class RateParams(KindParams):
    numerator: RecordParams
    denominator: RecordParams
    per: float = 100.0


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
        numerators = {(b, r[PERIOD], r[GROUP]): int(r["n"]) for b, r in num}
        out = []
        for b, row in den:
            d = int(row["n"])
            n = numerators.get((b, row[PERIOD], row[GROUP]), 0)
            out.append(
                stamp(
                    measure,
                    ctx,
                    num_source,
                    b,
                    row,
                    "value",
                    p.per * n / d if d else None,
                    measure.unit.value,
                    base=d,
                    note="",
                    status_inputs=proportion_inputs(n, d),
                )
            )
        return out
