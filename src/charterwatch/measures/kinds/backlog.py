"""Backlog: cases still open at the end of each year, by how long they have waited.

Statistics on decided cases leave out the long tail of cases that stay open for months or
years; this kind counts them. A case is open at the year end when it was received on or
before 31 March and had no decision by then.
"""

from __future__ import annotations

from typing import Any

from charterwatch.dates.periods import FinancialYear
from charterwatch.measures.context import ComputeContext
from charterwatch.measures.expr import (
    GROUP,
    PERIOD,
    NotSupported,
    apply_filter,
    breakdown_groupings,
    rows_of,
)
from charterwatch.measures.kinds.common import RecordParams, band_rows, source_of, stamp
from charterwatch.measures.registry import MeasureKind, register
from charterwatch.measures.rows import ResultRow
from charterwatch.model.framework import Measure

AGE_BANDS = ((90, "0-90 days"), (180, "91-180 days"), (365, "181-365 days"))
OLDEST = "over a year"


class BacklogParams(RecordParams):
    start: str = "received_date"
    end: str = "decided_date"


@register
class Backlog(MeasureKind):
    name = "backlog"
    Params = BacklogParams
    summary = "Cases still open at the end of the year, by age in calendar days."
    reads = ("applications", "redeterminations", "appeals", "complaints")

    def compute(
        self, measure: Measure, params: Any, ctx: ComputeContext, years: list[str]
    ) -> list[ResultRow]:
        import ibis

        p: BacklogParams = params
        if ctx.granularity != "year":
            raise NotSupported("a backlog is counted at the end of each financial year")
        source = source_of(measure, p)
        base = apply_filter(ctx.table(source), p.filter)
        out: list[ResultRow] = []
        for year in years:
            end = FinancialYear.parse(year).end
            t = base.filter(
                (base[p.start].cast("date") <= end)
                & (base[p.end].isnull() | (base[p.end].cast("date") > end))
            )
            t = t.mutate(cw_age=ibis.literal(end).delta(t[p.start].cast("date"), unit="day"))
            cases = [(t.cw_age <= limit, label) for limit, label in AGE_BANDS]
            t = t.mutate(
                cw_band=ibis.cases(*cases, else_=OLDEST), **{PERIOD: ibis.literal(int(year[:4]))}
            )
            for breakdown, g in breakdown_groupings(t, p.breakdowns):
                agg = g.group_by([PERIOD, GROUP]).aggregate(n=g.count())
                rows = rows_of(agg)
                for row in rows:
                    out.append(
                        stamp(
                            measure,
                            ctx,
                            source,
                            breakdown,
                            row,
                            "value",
                            int(row["n"]),
                            "count",
                            base=int(row["n"]),
                            note=f"open at {end.isoformat()}",
                            status_inputs={"comparison": "stock"},
                        )
                    )
                if not rows and breakdown == "all":
                    out.append(
                        stamp(
                            measure,
                            ctx,
                            source,
                            breakdown,
                            {PERIOD: int(year[:4]), GROUP: "all"},
                            "value",
                            0,
                            "count",
                            base=0,
                            note=f"open at {end.isoformat()}",
                        )
                    )
                if breakdown == "all":
                    out += band_rows(measure, ctx, source, g, "cw_band", "age")
        return out
