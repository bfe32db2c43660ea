"""Published figure: a value entered from a publication, with its citation.

Used where the framework reports a figure that someone else publishes (take-up estimates,
staff headcount). The row carries the source title and link; it is not synthetic.
"""

from __future__ import annotations

from typing import Any

from charterwatch.measures.context import ComputeContext
from charterwatch.measures.expr import NotSupported
from charterwatch.measures.registry import KindParams, MeasureKind, register
from charterwatch.measures.rows import ALL, ResultRow
from charterwatch.model.framework import Measure


class FigureParams(KindParams):
    figures: list[str] = []


@register
class PublishedFigureKind(MeasureKind):
    name = "published_figure"
    Params = FigureParams
    summary = "A figure entered from a publication, shown with its source and link."

    def compute(
        self, measure: Measure, params: Any, ctx: ComputeContext, years: list[str]
    ) -> list[ResultRow]:
        p: FigureParams = params
        if ctx.granularity != "year":
            raise NotSupported("published figures are entered for financial years")
        figures = ctx.framework.published_figures
        wanted = p.figures or [f.id for f in figures.values() if f.measure == measure.id]
        out = []
        for fid in wanted:
            fig = figures.get(fid)
            if fig is None:
                raise KeyError(f"published figure '{fid}' is not defined")
            if fig.year not in years:
                continue
            breakdown, group = next(iter(fig.breakdown.items()), (ALL, ALL))
            out.append(
                ResultRow(
                    measure=measure.id,
                    period=fig.year,
                    statistic="value" if fig.unit == measure.unit else f"value:{fig.unit.value}",
                    value=fig.value,
                    unit=fig.unit.value,
                    breakdown=breakdown,
                    group=group,
                    base=fig.base,
                    note=fig.period_note or "",
                    status_inputs={"comparison": "relative_change"},
                    provenance={
                        "published_figure": fig.id,
                        "source_title": fig.source_title,
                        "source_url": fig.source_url,
                    },
                )
            )
        return out
