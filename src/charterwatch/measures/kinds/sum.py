"""Sum: the total of a numeric column over the year's records, e.g. rent collected in pounds
or hours of support given.

The records are those dated in the year (after ``filter``, and ``where`` when given); the
base is the number of records with a value. Change between years: a z-test on the two totals
with the compound-Poisson standard error ``sqrt(Σ value²)`` (records arriving at random, each
with its own amount; see :func:`charterwatch.stats.means.total_error`), not the 5% rule.
"""

from __future__ import annotations

from typing import Any, ClassVar

from charterwatch.measures.context import ComputeContext
from charterwatch.measures.expr import GROUP_KEYS, rows_of
from charterwatch.measures.kinds.common import AMOUNT_SHAPES, RecordParams, stamp, value_groups
from charterwatch.measures.registry import MeasureKind, register
from charterwatch.measures.rows import ResultRow
from charterwatch.model.framework import Measure
from charterwatch.stats.means import total_error


class SumParams(RecordParams):
    column_params: ClassVar[tuple[str, ...]] = ("date", "value")
    value: str
    where: dict[str, Any] = {}


@register
class Sum(MeasureKind):
    name = "sum"
    Params = SumParams
    summary = "Total of a numeric column over the year's records (e.g. an amount of money)."
    reads = AMOUNT_SHAPES

    def compute(
        self, measure: Measure, params: Any, ctx: ComputeContext, years: list[str]
    ) -> list[ResultRow]:
        p: SumParams = params
        source, g = value_groups(measure, p, ctx, years, p.where, cw_value=p.value)
        value = g.cw_value.cast("float64")
        agg = g.group_by(list(GROUP_KEYS)).aggregate(
            n=value.count(), total=value.sum(), squares=(value * value).sum()
        )
        out = []
        for row in rows_of(agg):
            n = int(row["n"])
            total = float(row["total"] or 0.0)
            out.append(
                stamp(
                    measure,
                    ctx,
                    source,
                    row,
                    "value",
                    total if n else None,
                    ctx.unit_of(measure),
                    base=n,
                    note="total of the records of the year",
                    status_inputs={
                        "comparison": "means",
                        "standard_error": total_error(float(row["squares"] or 0.0)),
                    },
                )
            )
        return out
