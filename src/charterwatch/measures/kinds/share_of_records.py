"""Share of records: the percentage of a year's records that meet a condition.

For example appeals decided in the client's favour, or documents available in accessible
formats. Administrative records are a census, so there is no sampling interval; the base is
the number of records and the change test treats the share as a proportion of that base.
"""

from __future__ import annotations

from typing import Any

from charterwatch.measures.context import ComputeContext
from charterwatch.measures.expr import GROUP_KEYS, flag, rows_of, with_groupings
from charterwatch.measures.kinds.common import (
    RecordParams,
    condition_of,
    proportion_inputs,
    records_of,
    stamp,
)
from charterwatch.measures.registry import MeasureKind, register
from charterwatch.measures.rows import ResultRow
from charterwatch.model.framework import Measure


class ShareParams(RecordParams):
    where: dict[str, Any]


@register
class ShareOfRecords(MeasureKind):
    name = "share_of_records"
    Params = ShareParams
    summary = "Percentage of the year's records (after a filter) that meet a condition."
    reads = ("applications", "redeterminations", "appeals", "complaints", "calls", "records")

    def compute(
        self, measure: Measure, params: Any, ctx: ComputeContext, years: list[str]
    ) -> list[ResultRow]:
        p: ShareParams = params
        source, t = records_of(measure, p, ctx, years)
        condition = condition_of(t, p.where)
        if condition is None:
            raise ValueError("share_of_records needs at least one 'where' condition")
        g = with_groupings(t.mutate(cw_hit=flag(condition)), p.breakdowns)
        agg = g.group_by(list(GROUP_KEYS)).aggregate(n=g.count(), hits=g.cw_hit.sum())
        out = []
        for row in rows_of(agg):
            n, hits = int(row["n"]), int(row["hits"])
            out.append(
                stamp(
                    measure,
                    ctx,
                    source,
                    row,
                    "value",
                    100.0 * hits / n,
                    "percent",
                    base=n,
                    note="share of the records of the year",
                    status_inputs=proportion_inputs(hits, n),
                )
            )
        return out
