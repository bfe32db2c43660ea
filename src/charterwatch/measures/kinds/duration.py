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
from charterwatch.measures.expr import (
    GROUP_KEYS,
    PERIOD,
    flag,
    record_base,
    rows_of,
    with_day_numbers,
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
from charterwatch.measures.rows import ResultRow
from charterwatch.model.framework import Measure

BAND_WIDTH = 10
LAST_BAND = 101
BANDS = ("0", *(f"{low}-{low + BAND_WIDTH - 1}" for low in range(1, LAST_BAND, BAND_WIDTH)), "101+")
"""The band labels in order; a duration's band is its index here (see :func:`band_label`)."""
PERCENTILES = {"p25": 0.25, "p75": 0.75, "p90": 0.9}


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


def _band_index(days: ir.IntegerValue) -> ir.IntegerValue:
    """The index in :data:`BANDS` of a duration; a missing duration falls in the last band,
    as a missing value fails every ``<=`` test."""
    cases = [(days <= 0, 0)]
    for i, low in enumerate(range(1, LAST_BAND, BAND_WIDTH), 1):
        cases.append((days <= low + BAND_WIDTH - 1, i))
    return ibis.cases(*cases, else_=len(BANDS) - 1)


@register
class Duration(MeasureKind):
    name = "duration"
    Params = DurationParams
    summary = "Median or mean time between two events (working days) or of a duration column."
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
        number = "wd" if p.calendar == "working_days" else "dn"
        kept = list(dict.fromkeys(c for c in p.breakdowns if c in t.columns))
        t = t.select(PERIOD, *kept, cw_start=t[p.start], cw_end=t[p.end])
        lookups = [("cw_s", "cw_start", [number]), ("cw_e", "cw_end", [number])]
        t = with_day_numbers(t, ctx.calendar, lookups)
        days = (t[f"cw_e_{number}"] - t[f"cw_s_{number}"]).cast("int64")
        t = t.select(PERIOD, *kept, cw_days=days)
        g = with_groupings(t.mutate(cw_band=_band_index(t.cw_days)), p.breakdowns)
        # One aggregate: the median and percentiles as one multi-quantile (the same
        # interpolating quantile as one at a time), the count within the standard and the
        # band counts as conditional sums, for the headline and every breakdown at once.
        as_float = g.cw_days.cast("float64")
        wanted = ([0.5] if p.statistic == "median" else []) + list(PERCENTILES.values())
        metrics: dict[str, Any] = {"n": g.count(), "cw_q": as_float.quantile(wanted)}
        if p.statistic == "mean":
            metrics["cw_mean"] = as_float.mean()
        standard = measure.service_standard
        if standard is not None:
            metrics["within"] = flag(g.cw_days <= standard.value).sum()
        metrics.update(band_counts(g.cw_band, BANDS))
        agg = g.group_by(list(GROUP_KEYS)).aggregate(**metrics)
        out: list[ResultRow] = []
        for row in rows_of(agg):
            n = int(row["n"])
            found = dict(zip(wanted, row["cw_q"] or [None] * len(wanted), strict=True))
            value = found[0.5] if p.statistic == "median" else row["cw_mean"]
            note = f"{p.statistic} of the decisions made in the year"
            out.append(
                stamp(
                    measure,
                    ctx,
                    source,
                    row,
                    "value",
                    value,
                    p.calendar,
                    base=n,
                    note=note,
                    status_inputs={"comparison": "relative_change", "n": n},
                )
            )
            for name, q in PERCENTILES.items():
                out.append(stamp(measure, ctx, source, row, name, found[q], p.calendar, base=n))
            if standard is not None:
                share = 100.0 * int(row["within"]) / n
                out.append(
                    stamp(
                        measure,
                        ctx,
                        source,
                        row,
                        "within_standard",
                        share,
                        "percent",
                        base=n,
                        note=f"within {standard.value:g} {standard.unit.value}",
                    )
                )
            out += band_rows(measure, ctx, source, row, BANDS, "band")
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
        kept = [c for c in p.breakdowns if c in t.columns]
        g = with_groupings(t.select(PERIOD, *kept, cw_value=t[p.value]), p.breakdowns)
        column = g.cw_value.cast("float64")
        stat = column.median() if p.statistic == "median" else column.mean()
        agg = g.group_by(list(GROUP_KEYS)).aggregate(n=g.count(), value=stat)
        return [
            stamp(
                measure,
                ctx,
                source,
                row,
                "value",
                row["value"],
                measure.unit.value,
                base=int(row["n"]),
                note=f"{p.statistic} of the records dated in the year",
                status_inputs={"comparison": "relative_change"},
            )
            for row in rows_of(agg)
        ]
