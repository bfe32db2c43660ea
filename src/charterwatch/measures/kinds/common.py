"""Pieces shared by the record-based kinds: params and how a result row is stamped."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from charterwatch.measures.context import ComputeContext
from charterwatch.measures.expr import BREAKDOWN, GROUP, PERIOD, period_label
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


def band_counts(band: ir.IntegerValue, labels: Sequence[str]) -> dict[str, ir.IntegerScalar]:
    """Aggregates counting the rows in each band (``band`` is the band's index in ``labels``),
    computed in the kind's one aggregate rather than in a query of their own."""
    import ibis

    return {f"cw_band_{i}": ibis.ifelse(band == i, 1, 0).sum() for i in range(len(labels))}


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
