"""Share of records: the percentage of a year's records that meet a condition.

For example appeals decided in the client's favour, or documents available in accessible
formats. Administrative records are a census, so there is no sampling interval; the base is
the number of records and the change test treats the share as a proportion of that base.
"""

from __future__ import annotations

from typing import Any

from charterwatch.measures.context import ComputeContext
from charterwatch.measures.registry import MeasureKind
from charterwatch.measures.rows import ResultRow
from charterwatch.model.framework import Measure
from tests.measures.reference.common import RecordParams, proportion_inputs, source_of, stamp
from tests.measures.reference.count import DEFAULT_DATES
from tests.measures.reference.expr import (
    GROUP,
    PERIOD,
    breakdown_groupings,
    flag,
    record_base,
    rows_of,
)


class ShareParams(RecordParams):
    where: dict[str, Any]


class ShareOfRecords(MeasureKind):
    name = "share_of_records"
    Params = ShareParams
    summary = "Percentage of the year's records (after a filter) that meet a condition."
    reads = ("applications", "redeterminations", "appeals", "complaints", "calls", "records")

    def compute(
        self, measure: Measure, params: Any, ctx: ComputeContext, years: list[str]
    ) -> list[ResultRow]:
        p: ShareParams = params
        source = source_of(measure, p)
        date = p.date or DEFAULT_DATES.get(source, "received_date")
        t = record_base(ctx.table(source), date, years, p.filter, ctx.granularity)
        condition = None
        for column, wanted in p.where.items():
            values = wanted if isinstance(wanted, list) else [wanted]
            test = t[column].cast("string").isin([str(v) for v in values])
            condition = test if condition is None else condition & test
        if condition is None:
            raise ValueError("share_of_records needs at least one 'where' condition")
        t = t.mutate(cw_hit=flag(condition))
        out = []
        for breakdown, g in breakdown_groupings(t, p.breakdowns):
            agg = g.group_by([PERIOD, GROUP]).aggregate(n=g.count(), hits=g.cw_hit.sum())
            for row in rows_of(agg):
                n, hits = int(row["n"]), int(row["hits"])
                out.append(
                    stamp(
                        measure,
                        ctx,
                        source,
                        breakdown,
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
