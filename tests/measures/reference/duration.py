"""Duration: how long things take, e.g. processing time in working days, or call waits.

Two forms. Between two dates (``start``, ``end``): working days with the Scottish calendar,
counted as in the published definition (the day of receipt is not counted, the day of the
decision is), for records whose ``end`` falls in the year (decisions made in the year); it
gives the median (or mean), quartiles, the 90th percentile, 10-day bands and, when the measure
has a service standard, the share within it. From a value column (``value``, e.g.
``wait_seconds``): the mean or median of the column for records dated in the year.
"""

from __future__ import annotations

from typing import Any, Literal

import ibis
import ibis.expr.types as ir

from charterwatch.measures.context import ComputeContext
from charterwatch.measures.registry import MeasureKind
from charterwatch.measures.rows import ResultRow
from charterwatch.model.framework import Measure
from tests.measures.reference.common import RecordParams, band_rows, source_of, stamp
from tests.measures.reference.expr import (
    GROUP,
    PERIOD,
    breakdown_groupings,
    flag,
    record_base,
    rows_of,
    with_day_numbers,
)

BAND_WIDTH = 10
LAST_BAND = 101


class DurationParams(RecordParams):
    start: str | None = None
    end: str | None = None
    value: str | None = None
    statistic: Literal["median", "mean"] = "median"
    calendar: Literal["working_days", "calendar_days"] = "working_days"


def band_label(days: int) -> str:
    """The 10-day band of a duration: ``0``, ``1-10``, ``11-20`` ... ``101+``."""
    if days <= 0:
        return "0"
    if days >= LAST_BAND:
        return f"{LAST_BAND}+"
    low = ((days - 1) // BAND_WIDTH) * BAND_WIDTH + 1
    return f"{low}-{low + BAND_WIDTH - 1}"


def _band_expr(days: ir.IntegerValue) -> ir.StringValue:
    cases = [(days <= 0, "0")]
    for low in range(1, LAST_BAND, BAND_WIDTH):
        cases.append((days <= low + BAND_WIDTH - 1, f"{low}-{low + BAND_WIDTH - 1}"))
    return ibis.cases(*cases, else_=f"{LAST_BAND}+")


class Duration(MeasureKind):
    name = "duration"
    Params = DurationParams
    summary = "Median or mean time between two events, or of a duration column."
    reads = ("applications", "redeterminations", "appeals", "complaints", "calls")

    def compute(
        self, measure: Measure, params: Any, ctx: ComputeContext, years: list[str]
    ) -> list[ResultRow]:
        p: DurationParams = params
        source = source_of(measure, p)
        table = ctx.table(source)
        if p.value is not None:
            return self._of_column(measure, p, ctx, source, table, years)
        if p.start is None or p.end is None:
            raise ValueError("duration needs either 'value' or both 'start' and 'end'")
        t = record_base(table, p.date or p.end, years, p.filter, ctx.granularity)
        t = with_day_numbers(t, ctx.calendar, p.start, "cw_s")
        t = with_day_numbers(t, ctx.calendar, p.end, "cw_e")
        number = "wd" if p.calendar == "working_days" else "dn"
        t = t.mutate(cw_days=(t[f"cw_e_{number}"] - t[f"cw_s_{number}"]).cast("int64"))
        t = t.mutate(cw_band=_band_expr(t.cw_days))
        standard = measure.service_standard
        out: list[ResultRow] = []
        for breakdown, g in breakdown_groupings(t, p.breakdowns):
            days = g.cw_days.cast("float64")
            stat = days.median() if p.statistic == "median" else days.mean()
            metrics: dict[str, Any] = {
                "n": g.count(),
                "value": stat,
                "p25": days.quantile(0.25),
                "p75": days.quantile(0.75),
                "p90": days.quantile(0.9),
            }
            if standard is not None:
                metrics["within"] = flag(g.cw_days <= standard.value).sum()
            agg = g.group_by([PERIOD, GROUP]).aggregate(**metrics)
            for row in rows_of(agg):
                n = int(row["n"])
                note = f"{p.statistic} of the records ending in the year"
                out.append(
                    stamp(
                        measure,
                        ctx,
                        source,
                        breakdown,
                        row,
                        "value",
                        row["value"],
                        p.calendar,
                        base=n,
                        note=note,
                        status_inputs={"comparison": "relative_change", "n": n},
                    )
                )
                for q in ("p25", "p75", "p90"):
                    out.append(
                        stamp(measure, ctx, source, breakdown, row, q, row[q], p.calendar, base=n)
                    )
                if standard is not None:
                    share = 100.0 * int(row["within"]) / n
                    out.append(
                        stamp(
                            measure,
                            ctx,
                            source,
                            breakdown,
                            row,
                            "within_standard",
                            share,
                            "percent",
                            base=n,
                            note=f"within {standard.value:g} {standard.unit.value}",
                        )
                    )
            if breakdown == "all":
                out += band_rows(measure, ctx, source, g, "cw_band", "band")
        return out

    def _of_column(
        self,
        measure: Measure,
        p: DurationParams,
        ctx: ComputeContext,
        source: str,
        table: ir.Table,
        years: list[str],
    ) -> list[ResultRow]:
        t = record_base(table, p.date or "date", years, p.filter, ctx.granularity)
        out: list[ResultRow] = []
        for breakdown, g in breakdown_groupings(t, p.breakdowns):
            column = g[p.value].cast("float64")
            stat = column.median() if p.statistic == "median" else column.mean()
            agg = g.group_by([PERIOD, GROUP]).aggregate(n=g.count(), value=stat)
            for row in rows_of(agg):
                out.append(
                    stamp(
                        measure,
                        ctx,
                        source,
                        breakdown,
                        row,
                        "value",
                        row["value"],
                        measure.unit.value,
                        base=int(row["n"]),
                        note=f"{p.statistic} of the records dated in the year",
                        status_inputs={"comparison": "relative_change"},
                    )
                )
        return out
