"""Ratio: one sum over another of the same records, times ``scale``, e.g. rent collected as a
percentage of rent due, or staff hours lost per 1,000 hours worked.

Records dated in the year (after ``filter``) that hold both amounts count; the figure is
``scale * Σ numerator / Σ denominator`` (``scale`` 100 for a percentage, 1000 for per
1,000), with a 95% interval from the linearised standard error of a ratio estimator
(:func:`charterwatch.stats.means.ratio_interval`) and the number of records as its base. It
is a value, not a share of records: it can exceed 100% (arrears paid off) and is protected
as a value (withheld below the minimum number of records). Change between years: a z-test
on the two ratios and their standard errors.
"""

from __future__ import annotations

from typing import Any, ClassVar

from charterwatch.measures.context import ComputeContext
from charterwatch.measures.expr import GROUP_KEYS, rows_of
from charterwatch.measures.kinds.common import AMOUNT_SHAPES, RecordParams, stamp, value_groups
from charterwatch.measures.registry import MeasureKind, register
from charterwatch.measures.rows import ResultRow
from charterwatch.model.framework import Measure
from charterwatch.stats.means import Sums, ratio_interval


class RatioParams(RecordParams):
    column_params: ClassVar[tuple[str, ...]] = ("date", "numerator", "denominator")
    numerator: str
    denominator: str
    scale: float = 100.0
    confidence: float = 0.95


@register
class Ratio(MeasureKind):
    name = "ratio"
    Params = RatioParams
    summary = "One column's total over another's for the same records, times 'scale' (100)."
    reads = AMOUNT_SHAPES

    def compute(
        self, measure: Measure, params: Any, ctx: ComputeContext, years: list[str]
    ) -> list[ResultRow]:
        p: RatioParams = params
        source, g = value_groups(measure, p, ctx, years, {}, cw_y=p.numerator, cw_x=p.denominator)
        g = g.filter(g.cw_y.notnull() & g.cw_x.notnull())
        y, x = g.cw_y.cast("float64"), g.cw_x.cast("float64")
        agg = g.group_by(list(GROUP_KEYS)).aggregate(
            n=g.count(),
            y=y.sum(),
            x=x.sum(),
            yy=(y * y).sum(),
            xx=(x * x).sum(),
            xy=(x * y).sum(),
        )
        out = []
        for row in rows_of(agg):
            sums = Sums(
                n=int(row["n"]),
                **{k: float(row[k] or 0.0) for k in ("y", "x", "yy", "xx", "xy")},
            )
            found = ratio_interval(sums, p.scale, p.confidence)
            out.append(
                stamp(
                    measure,
                    ctx,
                    source,
                    row,
                    "value",
                    None if found is None else found.value,
                    ctx.unit_of(measure),
                    base=sums.n,
                    ci_low=None if found is None else found.low,
                    ci_high=None if found is None else found.high,
                    note="" if found is not None else "the denominator is 0",
                    status_inputs={
                        "comparison": "means",
                        "standard_error": None if found is None else found.standard_error,
                        "confidence": p.confidence,
                    },
                )
            )
        return out
