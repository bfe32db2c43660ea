"""Survey proportion: the share of valid answers that were one of the chosen answers.

Weighted when the responses carry weights (Kish effective base, Wilson interval on it), with
the unweighted base always reported. A respondent is in the base when they answered the
question with a valid answer (not one of ``exclude``) and, if ``base_question`` is given,
answered it with one of ``base_answers`` (for example, only clients who had contact with
staff).
"""

from __future__ import annotations

from typing import Any

from charterwatch.measures.context import ComputeContext
from charterwatch.measures.expr import (
    GROUP,
    PERIOD,
    breakdown_groupings,
    only_years,
    period_label,
    rows_of,
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
        import ibis

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
        chosen = answers.answer.isin(p.chosen)
        answers = answers.mutate(cw_w=weight, cw_chosen=chosen)
        out: list[ResultRow] = []
        for breakdown, grouped in breakdown_groupings(answers, p.breakdowns):
            agg = grouped.group_by([PERIOD, GROUP]).aggregate(
                n=grouped.count(),
                sw=grouped.cw_w.sum(),
                sw2=(grouped.cw_w * grouped.cw_w).sum(),
                swc=ibis.ifelse(grouped.cw_chosen, grouped.cw_w, 0.0).sum(),
            )
            for row in rows_of(agg):
                out.append(self._row(measure, p, ctx, source, breakdown, row, weighted))
        return out

    def _row(
        self,
        measure: Measure,
        p: SurveyProportionParams,
        ctx: ComputeContext,
        source: str,
        breakdown: str,
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
            breakdown=breakdown,
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
