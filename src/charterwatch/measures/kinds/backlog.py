"""Backlog: cases still open at the end of each year, by how long they have waited.

Statistics on decided cases leave out the long tail of cases that stay open for months or
years; this kind counts them. A case is open at the year end when it was received on or
before 31 March and had no decision by then.
"""

from __future__ import annotations

from typing import Any, ClassVar

from charterwatch.dates.periods import FinancialYear
from charterwatch.measures.context import ComputeContext
from charterwatch.measures.expr import (
    BREAKDOWN,
    GROUP,
    GROUP_KEYS,
    PERIOD,
    NotSupported,
    apply_filter,
    rows_of,
    with_groupings,
)
from charterwatch.measures.kinds.common import (
    RecordParams,
    band_counts,
    band_rows,
    source_of,
    stamp,
)
from charterwatch.measures.registry import MeasureKind, register
from charterwatch.measures.rows import ALL, ResultRow
from charterwatch.model.framework import Measure

AGE_BANDS = ((90, "0-90 days"), (180, "91-180 days"), (365, "181-365 days"))
OLDEST = "over a year"
LABELS = (*(label for _, label in AGE_BANDS), OLDEST)


class BacklogParams(RecordParams):
    start: str = "received_date"
    end: str = "decided_date"

    column_params: ClassVar[tuple[str, ...]] = ("date", "start", "end")


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
        kept = list(dict.fromkeys(c for c in p.breakdowns if c in base.columns))
        # Every year in one query: each case once per year end, kept where it was open then.
        ends = [FinancialYear.parse(year).end for year in years]
        columns = dict.fromkeys([p.start, p.end, *kept])
        t = base.select(*columns, cw_end=ibis.literal(ends).unnest())
        start, end = t[p.start].cast("date"), t[p.end].cast("date")
        t = t.filter((start <= t.cw_end) & (end.isnull() | (end > t.cw_end)))
        age = t.cw_end.delta(t[p.start].cast("date"), unit="day")
        older = len(AGE_BANDS)
        band = ibis.cases(*((age <= n, i) for i, (n, _) in enumerate(AGE_BANDS)), else_=older)
        t = t.select(*kept, **{PERIOD: t.cw_end.year() - 1, "cw_band": band})
        g = with_groupings(t, p.breakdowns)
        agg = g.group_by(list(GROUP_KEYS)).aggregate(n=g.count(), **band_counts(g.cw_band, LABELS))
        rows = rows_of(agg)
        headline = {int(r[PERIOD]) for r in rows if r[BREAKDOWN] == ALL}
        empty = {BREAKDOWN: ALL, GROUP: ALL}
        rows += [{PERIOD: y, **empty} for y in (int(y[:4]) for y in years) if y not in headline]
        out: list[ResultRow] = []
        for row in rows:
            end_day = FinancialYear(int(row[PERIOD])).end.isoformat()
            n = int(row.get("n", 0))
            out.append(
                stamp(
                    measure,
                    ctx,
                    source,
                    row,
                    "value",
                    n,
                    "count",
                    base=n,
                    note=f"open at {end_day}",
                    status_inputs={"comparison": "stock"} if "n" in row else {},
                )
            )
            if "n" in row:
                out += band_rows(measure, ctx, source, row, LABELS, "age")
        return out
