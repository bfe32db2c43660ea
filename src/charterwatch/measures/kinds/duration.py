"""Duration: how long things take, e.g. processing time in working days, or call waits.

Two forms. Between two dates (``start``, ``end``): working days with the framework's calendar,
counted as in the published definition (the day of receipt is not counted, the day of the
decision is), for records whose ``end`` falls in the year (decisions made in the year); it
gives the median (or mean), quartiles, the 90th percentile, 10-day bands and, when the measure
has a service standard, the share within it. ``count_in`` counts the time in
``calendar_days`` instead, or in ``hours`` or ``minutes`` between two timestamps (no bands,
no calendar). From a value column (``value``, e.g. ``wait_seconds``): the mean or median of
the column for records dated in the year. ``statistic: percentile`` with ``percentile: N``
gives any percentile instead of the median, in either form.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import Field, model_validator

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
    quantile_of,
    require_columns,
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
"""Computed together from the counts per duration: the median and the percentile rows."""
DAY_UNITS = ("working_days", "calendar_days")
"""Durations counted in days, through the calendar (and given 10-day bands)."""
SECONDS_IN = {"hours": 3600.0, "minutes": 60.0}
"""Durations counted from timestamps, by the seconds in one unit."""


class DurationParams(RecordParams):
    start: str | None = None
    end: str | None = None
    value: str | None = None
    statistic: Literal["median", "mean", "percentile"] = "median"
    percentile: int | None = Field(None, ge=1, le=99)
    calendar: Literal["working_days", "calendar_days"] = "working_days"
    count_in: Literal["working_days", "calendar_days", "hours", "minutes"] | None = None
    """What the time between ``start`` and ``end`` is counted in (default: ``calendar``)."""

    @model_validator(mode="after")
    def _percentile_given(self) -> DurationParams:
        quantile_of(self.statistic, self.percentile)
        return self

    @property
    def counted_in(self) -> str:
        """The unit of the time between the two dates: days of the calendar, or hours or
        minutes from two timestamps."""
        return self.count_in or self.calendar

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
    summary = (
        "Median, mean or a percentile of the time between two events (in working days, "
        "calendar days or hours) or of a duration column."
    )
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
                key = (source, p.start, p.end, p.date or p.end, p.counted_in)
                shared.setdefault(key, []).append(task)
        for (source, start, end, date, counted_in), tasks in shared.items():
            years = sorted({y for task in tasks for y in task.years})
            t = record_base(ctx.table(source), date, years, {}, ctx.granularity)
            require_columns(t, source, [start, end])
            quantiles = quantiles_of(task.params for task in tasks)
            query = _between_dates(
                t, ctx.calendar, tasks, years, (start, end), counted_in, quantiles
            )
            for row in rows_of(query):
                measure, p, _ = tasks[int(row[MEASURE])]
                out[measure.id] += self._rows(measure, p, ctx, source, row, quantiles)
        return out

    def _rows(
        self,
        measure: Measure,
        p: DurationParams,
        ctx: ComputeContext,
        source: str,
        row: dict[str, Any],
        quantiles: Sequence[float],
    ) -> list[ResultRow]:
        n = int(row["n"])
        found = {q: row[f"cw_q_{i}"] for i, q in enumerate(quantiles)}
        q = quantile_of(p.statistic, p.percentile)
        value = row["cw_mean"] if q is None else found[q]
        unit = p.counted_in
        out = [
            stamp(
                measure,
                ctx,
                source,
                row,
                "value",
                value,
                unit,
                base=n,
                note=f"{statistic_words(p)} of the records ending in the year",
                status_inputs={"comparison": "relative_change", "n": n},
            )
        ]
        for name, level in PERCENTILES.items():
            out.append(stamp(measure, ctx, source, row, name, found[level], unit, base=n))
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
        if unit not in DAY_UNITS:
            return out
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
        require_columns(t, source, [p.value or ""])
        kept = [c for c in p.breakdowns if c in t.columns]
        g = with_groupings(t.select(PERIOD, *kept, cw_value=t[p.value]), p.breakdowns)
        column = g.cw_value.cast("float64")
        q = quantile_of(p.statistic, p.percentile)
        stat = column.mean() if q is None else column.quantile(q)
        agg = g.group_by(list(GROUP_KEYS)).aggregate(n=g.count(), value=stat)
        return [
            stamp(
                measure,
                ctx,
                source,
                row,
                "value",
                row["value"],
                ctx.unit_of(measure),
                base=int(row["n"]),
                note=f"{statistic_words(p)} of the records dated in the year",
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
    quantiles: Sequence[float] = QUANTILES,
) -> ir.Table:
    """One query for measures timing ``start`` to ``end`` of the same dated records.

    The days are counted once per record (both dates looked up in the calendar in the one
    query), then the records are counted per distinct duration (:func:`duration_counts`):
    a hash aggregate, the one pass over the records. Everything else works on those counts,
    a few thousand rows however many records there are: each count stands for every measure
    whose filter its records pass in a year it is asked for (an unnested index, when there
    are several measures), and for the headline and each of its measure's breakdowns; the
    median and percentiles come from the counts in order (:func:`quantiles_from_counts`,
    the same interpolating quantile as DuckDB's ``quantile_cont``); the count within the
    standard and the band counts are sums of counts.

    A quantile aggregate keeps every value it sees and sorts them (100 million records
    broken down by one column held 200 million values, more than 4 GB); counting per
    duration holds one number per distinct duration, so no plan depends on the size.
    """
    import ibis

    params: list[DurationParams] = [task.params for task in tasks]
    start, end = dates
    breakdowns = list(dict.fromkeys(c for p in params for c in p.breakdowns if c in t.columns))
    filtered = list(dict.fromkeys(c for p in params for c in p.filter))
    kept = list(dict.fromkeys([*breakdowns, *filtered]))
    t = t.select(PERIOD, FY_START, *kept, cw_start=t[start], cw_end=t[end])
    if counted_in in SECONDS_IN:
        seconds = (
            t.cw_end.cast("timestamp").epoch_seconds()
            - t.cw_start.cast("timestamp").epoch_seconds()
        )
        days: ir.NumericValue = seconds.cast("float64") / SECONDS_IN[counted_in]
        t = t.select(PERIOD, FY_START, *kept, cw_days=days)
    else:
        number = "wd" if counted_in == "working_days" else "dn"
        lookups = [("cw_s", "cw_start", [number]), ("cw_e", "cw_end", [number])]
        t = with_day_numbers(t, calendar, lookups)
        days = (t[f"cw_e_{number}"] - t[f"cw_s_{number}"]).cast("int64")
        t = t.select(PERIOD, FY_START, *kept, cw_days=days)
    t = duration_counts(t, [PERIOD, FY_START, *kept])
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
    keys = [MEASURE, *GROUP_KEYS]
    g = duration_counts(g, keys, weights=COUNT)
    if counted_in in DAY_UNITS:  # once per row, not once in each band's sum
        g = g.mutate(cw_band=_band_index(g.cw_days.cast("int64")))
    weight = g[COUNT]
    metrics: dict[str, Any] = {}
    standards = [
        (g[MEASURE] == i) & (g.cw_days <= m.service_standard.value)
        for i, (m, _, _) in enumerate(tasks)
        if m.service_standard is not None
    ]
    if standards:
        metrics["within"] = (flag(ibis.or_(*standards)) * weight).sum()
    if counted_in in DAY_UNITS:
        metrics.update(band_counts(g.cw_band, BANDS, weight))
    if any(p.statistic == "mean" for p in params):
        timed = _timed(g)
        metrics["cw_mean"] = (g.cw_days * timed).sum().cast("float64") / timed.sum().cast("float64")
    return quantiles_from_counts(g, keys, quantiles, metrics)


COUNT = "cw_n"
"""How many records a row of duration counts stands for."""


def duration_counts(t: ir.Table, keys: Sequence[str], weights: str | None = None) -> ir.Table:
    """How many records have each duration (``cw_days``) within ``keys``: one row per key
    and distinct duration, its count in :data:`COUNT` (the sum of ``weights`` when the rows
    are counts already). A missing duration is counted too: it is in the base, not in a
    quantile, and falls in the last band."""
    counted = t[weights].sum() if weights else t.count()
    return t.group_by([*keys, "cw_days"]).aggregate(**{COUNT: counted})


def _timed(g: ir.Table) -> ir.IntegerValue:
    """A row's count of records that have a duration (0 for the missing duration's row)."""
    import ibis

    return ibis.ifelse(g.cw_days.isnull(), 0, g[COUNT])


def quantiles_from_counts(
    g: ir.Table,
    keys: Sequence[str],
    quantiles: Sequence[float],
    metrics: Mapping[str, Any],
) -> ir.Table:
    """Per ``keys``: the record count ``n``, ``metrics`` (aggregates over ``g``) and each
    quantile as ``cw_q_<i>``, from counts per distinct duration (one row each, from
    :func:`duration_counts`).

    The quantile is the interpolating one (DuckDB's ``quantile_cont``, PostgreSQL's
    ``percentile_cont``): of the ``m`` durations in order, take position ``r = (m - 1) q``
    from 0, and between the values at ``floor(r)`` and ``ceil(r)`` go ``d = r - floor(r)`` of
    the way, as ``lo + (hi - lo) * d`` (PostgreSQL's order of operations). The value at a
    position is the smallest duration whose running count passes it, so a group's few
    hundred rows give every quantile on every engine without sorting its records. Medians
    and quartiles of whole days are exact; elsewhere the last binary digit can differ from
    DuckDB's own quantile, which rounds ``lo * (1 - d) + hi * d`` with a fused
    multiply-add (a millionth of a millionth of a day, far below any published rounding).
    """
    import ibis

    timed = _timed(g)
    in_order = ibis.cumulative_window(group_by=list(keys), order_by=g.cw_days)
    g = g.mutate(
        cw_upto=timed.sum().over(in_order),
        cw_m=timed.sum().over(ibis.window(group_by=list(keys))),
    )
    positions = {}
    for i, q in enumerate(quantiles):
        r = (g.cw_m - 1).cast("float64") * q
        for end, at in (("lo", r.floor()), ("hi", r.ceil())):
            reached = g.cw_days.notnull() & (g.cw_upto > at)
            positions[f"cw_{end}_{i}"] = ibis.ifelse(reached, g.cw_days, ibis.null()).min()
    summed = g.group_by(list(keys)).aggregate(
        n=g[COUNT].sum(), cw_m=g.cw_m.max(), **metrics, **positions
    )
    values = {}
    for i, q in enumerate(quantiles):
        r = (summed.cw_m - 1).cast("float64") * q
        lo = summed[f"cw_lo_{i}"].cast("float64")
        hi = summed[f"cw_hi_{i}"].cast("float64")
        values[f"cw_q_{i}"] = lo + (hi - lo) * (r - r.floor())
    return summed.select(*keys, "n", *metrics, **values)


def quantiles_of(params: Iterable[DurationParams]) -> tuple[float, ...]:
    """The quantiles one query computes: the median and the percentile rows, then any other
    percentile a measure of the batch asks for (``statistic: percentile``)."""
    asked = (quantile_of(p.statistic, p.percentile) for p in params)
    extra = sorted({q for q in asked if q is not None} - set(QUANTILES))
    return (*QUANTILES, *extra)


def statistic_words(p: DurationParams) -> str:
    """``median``, ``mean`` or ``80th percentile``: what the figure is, for its note."""
    if p.statistic != "percentile" or p.percentile is None:
        return p.statistic
    n = p.percentile
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix} percentile"


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
