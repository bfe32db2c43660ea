"""Mean: the average of a numeric column over the year's records, with its interval, e.g.
the average payment in pounds or the average hours of support per case.

Records dated in the year (after ``filter``, and ``where`` when given) that hold a value
count; the base is their number. The mean comes with an interval at ``confidence`` (normal
approximation on its standard error, :func:`charterwatch.stats.means.mean_interval`), and
the change between years is a z-test on the two means (not the 5% rule). ``statistic:
median`` or ``statistic: percentile`` (with ``percentile: 1..99``) give that quantile of
the column instead, with no interval, judged by the relative-change rule.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field, model_validator

from charterwatch.measures.context import ComputeContext
from charterwatch.measures.expr import GROUP_KEYS, rows_of
from charterwatch.measures.kinds.common import (
    AMOUNT_SHAPES,
    RecordParams,
    quantile_of,
    stamp,
    value_groups,
)
from charterwatch.measures.registry import MeasureKind, register
from charterwatch.measures.rows import ResultRow
from charterwatch.model.framework import Measure
from charterwatch.stats.means import mean_interval


class MeanParams(RecordParams):
    column_params: ClassVar[tuple[str, ...]] = ("date", "value")
    value: str
    where: dict[str, Any] = {}
    confidence: float = Field(0.95, gt=0, lt=1)
    statistic: Literal["mean", "median", "percentile"] = "mean"
    percentile: int | None = Field(None, ge=1, le=99)

    @model_validator(mode="after")
    def _percentile_given(self) -> MeanParams:
        quantile_of(self.statistic, self.percentile)
        return self


@register
class Mean(MeasureKind):
    name = "mean"
    Params = MeanParams
    summary = "Average of a numeric column over the year's records, with its interval."
    reads = AMOUNT_SHAPES

    def compute(
        self, measure: Measure, params: Any, ctx: ComputeContext, years: list[str]
    ) -> list[ResultRow]:
        p: MeanParams = params
        q = quantile_of(p.statistic, p.percentile)
        source, g = value_groups(measure, p, ctx, years, p.where, cw_value=p.value)
        value = g.cw_value.cast("float64")
        metrics: dict[str, Any] = {"n": value.count()}
        if q is None:
            metrics.update(mean=value.mean(), sd=value.std())
        else:
            metrics["quantile"] = value.quantile(q)
        out = []
        for row in rows_of(g.group_by(list(GROUP_KEYS)).aggregate(**metrics)):
            n = int(row["n"])
            unit = ctx.unit_of(measure)
            if not n:
                continue
            if q is not None:
                out.append(
                    stamp(
                        measure,
                        ctx,
                        source,
                        row,
                        "value",
                        row["quantile"],
                        unit,
                        base=n,
                        note=f"{p.statistic} of the records of the year",
                        status_inputs={"comparison": "relative_change"},
                    )
                )
                continue
            sd = None if row["sd"] is None else float(row["sd"])
            found = mean_interval(float(row["mean"]), sd, n, p.confidence)
            out.append(
                stamp(
                    measure,
                    ctx,
                    source,
                    row,
                    "value",
                    found.value,
                    unit,
                    base=n,
                    ci_low=found.low,
                    ci_high=found.high,
                    note="mean of the records of the year",
                    status_inputs={
                        "comparison": "means",
                        "standard_error": found.standard_error,
                        "confidence": p.confidence,
                    },
                )
            )
        return out
