"""Pieces shared by the record-based kinds: params and how a result row is stamped."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from charterwatch.measures.context import ComputeContext
from charterwatch.measures.expr import GROUP, PERIOD, period_label, rows_of
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


def source_of(measure: Measure, params: RecordParams) -> str:
    return params.source or measure.sources[0]


def stamp(
    measure: Measure,
    ctx: ComputeContext,
    source: str,
    breakdown: str,
    row: dict[str, Any],
    statistic: str,
    value: float | None,
    unit: str,
    **extra: Any,
) -> ResultRow:
    """A result row for one aggregate row (``fy_start``, ``cw_group``) of a kind's query."""
    return ResultRow(
        measure=measure.id,
        period=period_label(int(row[PERIOD]), ctx.granularity),
        statistic=statistic,
        value=None if value is None else float(value),
        unit=unit,
        breakdown=breakdown,
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


def band_rows(
    measure: Measure,
    ctx: ComputeContext,
    source: str,
    grouped: ir.Table,
    band_column: str,
    prefix: str,
) -> list[ResultRow]:
    """One count row per band of a headline table (``band:1-10``, ``age:0-90 days`` ...)."""
    bands = grouped.group_by([PERIOD, GROUP, band_column]).aggregate(n=grouped.count())
    return [
        stamp(
            measure, ctx, source, ALL, row, f"{prefix}:{row[band_column]}", int(row["n"]), "count"
        )
        for row in rows_of(bands)
    ]
