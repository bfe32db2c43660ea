"""Survey proportion: the share of valid answers that were one of the chosen answers.

Weighted when the responses carry weights (Kish effective base, Wilson interval on it), with
the unweighted base always reported. A respondent is in the base when they answered the
question with a valid answer (not one of ``exclude``) and, if ``base_question`` is given,
answered it with one of ``base_answers`` (for example, only clients who had contact with
staff).
"""

from __future__ import annotations

from typing import Any

import ibis

from charterwatch.measures.context import ComputeContext
from charterwatch.measures.expr import (
    BREAKDOWN,
    GROUP,
    GROUP_KEYS,
    PERIOD,
    only_years,
    period_label,
    rows_of,
    with_groupings,
    with_year_from_label,
)
from charterwatch.measures.registry import KindParams, MeasureKind, register
from charterwatch.measures.rows import ResultRow
from charterwatch.model.framework import Measure
from charterwatch.stats.intervals import WILSON, WILSON_DEFF, wilson_interval


class SurveyProportionParams(KindParams):
    question: str
    chosen: list[str]
    exclude: list[str] = ["don't know", "prefer not to say"]
    base_question: str | None = None
    base_answers: list[str] = []
    source: str | None = None
    confidence: float = 0.95


@register
class SurveyProportion(MeasureKind):
    name = "survey_proportion"
    Params = SurveyProportionParams
    summary = "Share of valid survey answers that were one of the chosen answers, with interval."
    reads = ("survey_responses", "partner_survey")

    def compute(
        self, measure: Measure, params: Any, ctx: ComputeContext, years: list[str]
    ) -> list[ResultRow]:
        p: SurveyProportionParams = params
        source = p.source or measure.sources[0]
        t = only_years(with_year_from_label(ctx.table(source), granularity=ctx.granularity), years)
        weighted = "weight" in t.columns
        answers = t.filter((t.question == p.question) & ~t.answer.isin(p.exclude or ["\x00"]))
        if p.base_question:
            in_base = t.filter(
                (t.question == p.base_question) & t.answer.isin(p.base_answers)
            ).select(PERIOD, "respondent_id")
            answers = answers.semi_join(in_base, [PERIOD, "respondent_id"])
        weight = answers.weight.cast("float64").fill_null(1.0) if weighted else ibis.literal(1.0)
        kept = [c for c in p.breakdowns if c in answers.columns]
        answers = answers.select(
            PERIOD, *kept, cw_w=weight, cw_chosen=answers.answer.isin(p.chosen)
        )
        g = with_groupings(answers, p.breakdowns)
        agg = g.group_by(list(GROUP_KEYS)).aggregate(
            n=g.count(),
            sw=g.cw_w.sum(),
            sw2=(g.cw_w * g.cw_w).sum(),
            swc=ibis.ifelse(g.cw_chosen, g.cw_w, 0.0).sum(),
        )
        return [self._row(measure, p, ctx, source, row, weighted) for row in rows_of(agg)]

    def _row(
        self,
        measure: Measure,
        p: SurveyProportionParams,
        ctx: ComputeContext,
        source: str,
        row: dict[str, Any],
        weighted: bool,
    ) -> ResultRow:
        sw, sw2, swc = float(row["sw"]), float(row["sw2"]), float(row["swc"])
        estimate = swc / sw
        n_eff = sw * sw / sw2
        interval = wilson_interval(
            min(estimate * n_eff, n_eff),
            n_eff,
            p.confidence,
            method=WILSON_DEFF if weighted else WILSON,
        )
        return ResultRow(
            measure=measure.id,
            period=period_label(int(row[PERIOD])),
            statistic="value",
            value=100.0 * estimate,
            unit="percent",
            breakdown=str(row[BREAKDOWN]),
            group=str(row[GROUP]),
            base=int(row["n"]),
            effective_base=n_eff,
            ci_low=100.0 * interval.low,
            ci_high=100.0 * interval.high,
            status_inputs={
                "comparison": "two_proportion_z_test",
                "estimate": estimate,
                "effective_base": n_eff,
                "interval_method": interval.method,
                "confidence": p.confidence,
            },
            provenance=ctx.provenance_of([source]),
            synthetic=ctx.is_synthetic([source]),
        )
