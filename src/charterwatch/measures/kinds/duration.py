"""Duration: how long things take, e.g. processing time in working days, or call waits.

Two forms. Between two dates (``start``, ``end``): working days with the Scottish calendar,
counted as in the published definition (the day of receipt is not counted, the day of the
decision is), for records whose ``end`` falls in the year (decisions made in the year); it
gives the median (or mean), quartiles, the 90th percentile, 10-day bands and, when the measure
has a service standard, the share within it. From a value column (``value``, e.g.
``wait_seconds``): the mean or median of the column for records dated in the year.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from charterwatch.measures.context import ComputeContext
from charterwatch.measures.expr import (
    FY_START,
    GROUP_KEYS,
    MEASURE,
    PERIOD,
    apply_filter,
    flag,
    fy_start_of,
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
from charterwatch.measures.registry import MeasureKind, Task, register
from charterwatch.measures.rows import ResultRow
from charterwatch.model.framework import Measure

if TYPE_CHECKING:
    import ibis.expr.types as ir

BAND_WIDTH = 10
LAST_BAND = 101
BANDS = ("0", *(f"{low}-{low + BAND_WIDTH - 1}" for low in range(1, LAST_BAND, BAND_WIDTH)), "101+")
"""The band labels in order; a duration's band is its index here (see :func:`band_label`)."""
PERCENTILES = {"p25": 0.25, "p75": 0.75, "p90": 0.9}
QUANTILES = (0.5, *PERCENTILES.values())
"""Computed together as one multi-quantile: the median and the percentile rows."""


class DurationParams(RecordParams):
    start: str | None = None
    end: str | None = None
    value: str | None = None
    statistic: Literal["median", "mean"] = "median"
    calendar: Literal["working_days", "calendar_days"] = "working_days"

    column_params: ClassVar[tuple[str, ...]] = ("date", "start", "end", "value")


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
    import ibis

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
    shares_queries = True

    def compute(
        self, measure: Measure, params: Any, ctx: ComputeContext, years: list[str]
    ) -> list[ResultRow]:
        return self.compute_many([Task(measure, params, years)], ctx)[measure.id]

    def compute_many(
        self, batch: Sequence[Task], ctx: ComputeContext
    ) -> dict[str, list[ResultRow]]:
        """Measures timing the same two dates of the same source share one query (one scan,
        one calendar lookup per date, one expression to compile), whatever their filters
        and years: e.g. the median for all applications and for each benefit."""
        out: dict[str, list[ResultRow]] = {task.measure.id: [] for task in batch}
        shared: dict[tuple[str, str, str, str, str], list[Task]] = {}
        for task in batch:
            measure, p, years = task
            source = source_of(measure, p)
            if p.value is not None:
                out[measure.id] = self._of_column(measure, p, ctx, source, years)
            elif p.start is None or p.end is None:
                raise ValueError("duration needs either 'value' or both 'start' and 'end'")
            else:
                key = (source, p.start, p.end, p.date or p.end, p.calendar)
                shared.setdefault(key, []).append(task)
        for (source, start, end, date, calendar), tasks in shared.items():
            years = sorted({y for task in tasks for y in task.years})
            t = record_base(ctx.table(source), date, years, {}, ctx.granularity)
            query = _between_dates(t, ctx.calendar, tasks, years, (start, end), calendar)
            for row in rows_of(query):
                measure, p, _ = tasks[int(row[MEASURE])]
                out[measure.id] += self._rows(measure, p, ctx, source, row)
        return out

    def _rows(
        self,
        measure: Measure,
        p: DurationParams,
        ctx: ComputeContext,
        source: str,
        row: dict[str, Any],
    ) -> list[ResultRow]:
        n = int(row["n"])
        found = dict(zip(QUANTILES, row["cw_q"] or [None] * len(QUANTILES), strict=True))
        value = found[0.5] if p.statistic == "median" else row["cw_mean"]
        out = [
            stamp(
                measure,
                ctx,
                source,
                row,
                "value",
                value,
                p.calendar,
                base=n,
                note=f"{p.statistic} of the decisions made in the year",
                status_inputs={"comparison": "relative_change", "n": n},
            )
        ]
        for name, q in PERCENTILES.items():
            out.append(stamp(measure, ctx, source, row, name, found[q], p.calendar, base=n))
        standard = measure.service_standard
        if standard is not None:
            out.append(
                stamp(
                    measure,
                    ctx,
                    source,
                    row,
                    "within_standard",
                    100.0 * int(row["within"]) / n,
                    "percent",
                    base=n,
                    note=f"within {standard.value:g} {standard.unit.value}",
                )
            )
        return out + band_rows(measure, ctx, source, row, BANDS, "band")

    def _of_column(
        self,
        measure: Measure,
        p: DurationParams,
        ctx: ComputeContext,
        source: str,
        years: list[str],
    ) -> list[ResultRow]:
        t = record_base(ctx.table(source), p.date or "date", years, p.filter, ctx.granularity)
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


def _between_dates(
    t: ir.Table,
    calendar: ir.Table,
    tasks: Sequence[Task],
    years: Sequence[str],
    dates: tuple[str, str],
    counted_in: str,
) -> ir.Table:
    """One aggregate for measures timing ``start`` to ``end`` of the same dated records.

    The days are counted once per record (both dates looked up in the calendar in the one
    query); each record then counts for every measure whose filter it passes in a year it
    is asked for (an unnested index, when there are several measures), and for the headline
    and each of its measure's breakdowns. The median and percentiles are one multi-quantile
    (the same interpolating quantile as one at a time); the count within the standard and
    the band counts are conditional sums in the same aggregate.
    """
    import ibis

    params: list[DurationParams] = [task.params for task in tasks]
    start, end = dates
    breakdowns = list(dict.fromkeys(c for p in params for c in p.breakdowns if c in t.columns))
    filtered = list(dict.fromkeys(c for p in params for c in p.filter))
    kept = list(dict.fromkeys([*breakdowns, *filtered]))
    t = t.select(PERIOD, FY_START, *kept, cw_start=t[start], cw_end=t[end])
    number = "wd" if counted_in == "working_days" else "dn"
    lookups = [("cw_s", "cw_start", [number]), ("cw_e", "cw_end", [number])]
    t = with_day_numbers(t, calendar, lookups)
    days = (t[f"cw_e_{number}"] - t[f"cw_s_{number}"]).cast("int64")
    t = t.select(PERIOD, FY_START, *kept, cw_days=days)
    t = t.mutate(cw_band=_band_index(t.cw_days))
    if len(params) == 1:
        t = apply_filter(t, params[0].filter).mutate(**{MEASURE: ibis.literal(0)})
        g = with_groupings(t, params[0].breakdowns)
    else:
        t = t.mutate(**{MEASURE: ibis.literal(list(range(len(params)))).unnest()})
        everywhere = set(years)
        t = t.filter(
            ibis.or_(
                *(
                    _passes(
                        t,
                        i,
                        task.params.filter,
                        None if set(task.years) == everywhere else task.years,
                    )
                    for i, task in enumerate(tasks)
                )
            )
        )
        wanted = {i: p.breakdowns for i, p in enumerate(params)}
        g = with_groupings(t, breakdowns, (MEASURE, wanted))
    as_float = g.cw_days.cast("float64")
    metrics: dict[str, Any] = {"n": g.count(), "cw_q": as_float.quantile(list(QUANTILES))}
    if any(p.statistic == "mean" for p in params):
        metrics["cw_mean"] = as_float.mean()
    standards = [
        (g[MEASURE] == i) & (g.cw_days <= m.service_standard.value)
        for i, (m, _, _) in enumerate(tasks)
        if m.service_standard is not None
    ]
    if standards:
        metrics["within"] = flag(ibis.or_(*standards)).sum()
    metrics.update(band_counts(g.cw_band, BANDS))
    return g.group_by([MEASURE, *GROUP_KEYS]).aggregate(**metrics)


def _passes(
    t: ir.Table, index: int, conditions: dict[str, Any], years: list[str] | None
) -> ir.BooleanValue:
    """Whether a row of the unnested table counts for measure ``index``: its filter holds
    (each column one of the given values, as :func:`apply_filter` keeps) and, unless
    ``years`` is None, it falls in one of those years."""
    test = t[MEASURE] == index
    if years is not None:
        test = test & t[FY_START].isin([fy_start_of(y) for y in years])
    for column, wanted in conditions.items():
        test = test & t[column].isin(wanted if isinstance(wanted, list) else [wanted])
    return test
