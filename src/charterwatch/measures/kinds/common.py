"""Pieces shared by the record-based kinds: params and how a result row is stamped."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from charterwatch.measures.context import ComputeContext
from charterwatch.measures.expr import (
    BREAKDOWN,
    GROUP,
    PERIOD,
    period_label,
    record_base,
    with_groupings,
)
from charterwatch.measures.registry import KindParams
from charterwatch.measures.rows import ALL, ResultRow
from charterwatch.model.framework import Measure

if TYPE_CHECKING:
    import ibis.expr.types as ir


class RecordParams(KindParams):
    """Which records count: a source, the date column that places them in a year, a filter."""

    source: str | None = None
    date: str | None = None
    filter: dict[str, Any] = {}

    column_params: ClassVar[tuple[str, ...]] = ("date",)


def source_of(measure: Measure, params: RecordParams) -> str:
    return params.source or measure.sources[0]


DEFAULT_DATES = {"redeterminations": "request_date", "appeals": "lodged_date"}
"""The date column of a source when a measure names none (else ``received_date``)."""


def date_of(source: str, params: RecordParams) -> str:
    """The column that places a record of ``source`` in a year."""
    return params.date or DEFAULT_DATES.get(source, "received_date")


def records_of(
    measure: Measure, params: RecordParams, ctx: ComputeContext, years: list[str]
) -> tuple[str, ir.Table]:
    """(source, its records dated in ``years`` after the filter, with their period)."""
    source = source_of(measure, params)
    date = date_of(source, params)
    table = ctx.table(source)
    require_columns(table, source, [date, *params.filter])
    return source, record_base(table, date, years, params.filter, ctx.granularity)


def condition_of(t: ir.Table, where: dict[str, Any]) -> ir.BooleanValue | None:
    """Records whose columns hold one of the given values (compared as text, so a ``where``
    written in YAML matches a number or a flag column), or None for no condition."""
    condition = None
    for column, wanted in where.items():
        values = wanted if isinstance(wanted, list) else [wanted]
        test = t[column].cast("string").isin([str(v) for v in values])
        condition = test if condition is None else condition & test
    return condition


def stamp(
    measure: Measure,
    ctx: ComputeContext,
    source: str,
    row: dict[str, Any],
    statistic: str,
    value: float | None,
    unit: str,
    **extra: Any,
) -> ResultRow:
    """A result row for one aggregate row (period, breakdown, group) of a kind's query."""
    return ResultRow(
        measure=measure.id,
        period=period_label(int(row[PERIOD]), ctx.granularity),
        statistic=statistic,
        value=None if value is None else float(value),
        unit=unit,
        breakdown=str(row[BREAKDOWN]),
        group=str(row[GROUP]),
        provenance=ctx.provenance_of([source]),
        synthetic=ctx.is_synthetic([source]),
        **extra,
    )


def proportion_inputs(hits: float, base: int) -> dict[str, Any]:
    """The status inputs of a share of records: compared with a two-proportion z-test."""
    return {
        "comparison": "two_proportion_z_test",
        "estimate": hits / base if base else None,
        "effective_base": base,
    }


def band_counts(
    band: ir.IntegerValue, labels: Sequence[str], weight: ir.IntegerValue | int = 1
) -> dict[str, ir.IntegerScalar]:
    """Aggregates counting the rows in each band (``band`` is the band's index in ``labels``),
    computed in the kind's one aggregate rather than in a query of their own; ``weight`` is
    how many records a row stands for (a column, when the rows are counts already)."""
    import ibis

    return {f"cw_band_{i}": ibis.ifelse(band == i, weight, 0).sum() for i in range(len(labels))}


def band_rows(
    measure: Measure,
    ctx: ComputeContext,
    source: str,
    row: dict[str, Any],
    labels: Sequence[str],
    prefix: str,
) -> list[ResultRow]:
    """One count row per band holding cases (``band:1-10``, ``age:0-90 days`` ...), for the
    headline rows only; the counts come from :func:`band_counts`."""
    if row[BREAKDOWN] != ALL:
        return []
    counts = ((label, int(row[f"cw_band_{i}"] or 0)) for i, label in enumerate(labels))
    return [
        stamp(measure, ctx, source, row, f"{prefix}:{label}", n, "count")
        for label, n in counts
        if n > 0
    ]


def value_groups(
    measure: Measure,
    params: RecordParams,
    ctx: ComputeContext,
    years: list[str],
    where: dict[str, Any],
    **columns: str,
) -> tuple[str, ir.Table]:
    """(source, the year's records that pass ``filter`` and ``where``, keeping only their
    period, the breakdown columns and the named ``columns`` renamed (``cw_value=amount``),
    each repeated for the headline and each breakdown): what a kind of a value column
    aggregates by :data:`GROUP_KEYS` in one query."""
    source, t = records_of(measure, params, ctx, years)
    require_columns(t, source, [*columns.values(), *where])
    condition = condition_of(t, where)
    if condition is not None:
        t = t.filter(condition)
    kept = [c for c in dict.fromkeys(params.breakdowns) if c in t.columns]
    picked = t.select(PERIOD, *kept, **{name: t[column] for name, column in columns.items()})
    return source, with_groupings(picked, params.breakdowns)


def quantile_of(statistic: str, percentile: int | None) -> float | None:
    """The quantile a ``median`` or ``percentile`` statistic asks for (None for a mean);
    params models call it when they are validated, so a mistake is found by ``validate``.

    Raises:
        ValueError: for ``statistic: percentile`` without ``percentile: N``, or N without it.
    """
    if statistic == "percentile":
        if percentile is None:
            raise ValueError("statistic 'percentile' needs 'percentile: N' (1 to 99), e.g. 90")
        return percentile / 100.0
    if percentile is not None:
        raise ValueError(f"'percentile: {percentile}' needs 'statistic: percentile'")
    return 0.5 if statistic == "median" else None


def require_columns(t: ir.Table, source: str, names: Sequence[str]) -> None:
    """Raise a ValueError naming the source, the missing column and the nearest one, so a
    misspelt ``value`` or ``where`` column is reported against its measure (CW-K002)
    rather than as an engine error.

    Raises:
        ValueError: if a name is not a column of ``t``.
    """
    import difflib

    for name in names:
        if name not in t.columns:
            near = difflib.get_close_matches(name, list(t.columns), n=1)
            hint = f"; did you mean '{near[0]}'?" if near else ""
            raise ValueError(f"source '{source}' has no column '{name}'{hint}")


AMOUNT_SHAPES = ("records", "case_records", "management_information", "complaints", "calls")
"""What the amount kinds (sum, ratio, mean) read: any source of records with numeric columns."""
