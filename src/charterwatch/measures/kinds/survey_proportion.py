"""Survey proportion: the share of valid answers that were one of the chosen answers.

Weighted when the responses carry weights (Kish effective base, Wilson interval on it), with
the unweighted base always reported. A respondent is in the base when they answered the
question with a valid answer (not one of ``exclude``) and, if ``base_question`` is given,
answered it with one of ``base_answers`` (for example, only clients who had contact with
staff).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from charterwatch.measures.context import ComputeContext
from charterwatch.measures.expr import (
    BREAKDOWN,
    FY_START,
    GROUP,
    GROUP_KEYS,
    MEASURE,
    PERIOD,
    flag,
    fy_start_of,
    only_years,
    period_label,
    rows_of,
    with_groupings,
    with_year_from_label,
)
from charterwatch.measures.registry import KindParams, MeasureKind, Task, register
from charterwatch.measures.rows import ResultRow
from charterwatch.model.framework import Measure
from charterwatch.stats.intervals import WILSON, WILSON_DEFF, wilson_interval

if TYPE_CHECKING:
    import ibis.expr.types as ir


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

    shares_queries = True

    def compute(
        self, measure: Measure, params: Any, ctx: ComputeContext, years: list[str]
    ) -> list[ResultRow]:
        return self.compute_many([Task(measure, params, years)], ctx)[measure.id]

    def compute_many(
        self, batch: Sequence[Task], ctx: ComputeContext
    ) -> dict[str, list[ResultRow]]:
        """Every measure on the same survey in one query: one scan of the responses, one
        expression to compile, whatever the number of questions asked about."""
        by_source: dict[str, list[Task]] = {}
        for task in batch:
            source = task.params.source or task.measure.sources[0]
            by_source.setdefault(source, []).append(task)
        out: dict[str, list[ResultRow]] = {task.measure.id: [] for task in batch}
        for source, tasks in by_source.items():
            years = sorted({y for task in tasks for y in task.years})
            t = only_years(
                with_year_from_label(ctx.table(source), granularity=ctx.granularity), years
            )
            weighted = "weight" in t.columns
            for row in rows_of(_answers_query(t, tasks, years, weighted)):
                measure, p, _ = tasks[int(row[MEASURE])]
                out[measure.id].append(self._row(measure, p, ctx, source, row, weighted))
        return out

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


def _answers_query(
    t: ir.Table, tasks: Sequence[Task], years: Sequence[str], weighted: bool
) -> ir.Table:
    """Weighted counts by measure, period, breakdown and group for a batch of measures.

    Each answer is counted for every measure asking its question (the measure indices come
    from a CASE on the question, unnested), kept where it is a valid answer and, for a
    measure with a ``base_question``, where the respondent gave one of ``base_answers`` to it
    that year (a flag per respondent and year from one grouped subquery, left joined: the
    same rows a semi join per measure keeps), and where its year is one the measure is asked
    for (``years`` is every year asked for by any of them).
    """
    import ibis

    items: list[SurveyProportionParams] = [task.params for task in tasks]
    asking: dict[str, list[int]] = {}
    for i, p in enumerate(items):
        asking.setdefault(p.question, []).append(i)
    bases = list(
        dict.fromkeys((p.base_question, *p.base_answers) for p in items if p.base_question)
    )
    columns = [c for p in items for c in p.breakdowns if c in t.columns]
    breakdowns = list(dict.fromkeys(columns))
    kept = [*breakdowns, "question", "answer", "weight" if weighted else None]
    kept += ["respondent_id"] if bases else []
    u = t.select(
        PERIOD, FY_START, *dict.fromkeys(c for c in kept if c not in (None, PERIOD, FY_START))
    )
    index = ibis.cases(
        *((u.question == q, ibis.literal(ids, type="array<int64>")) for q, ids in asking.items())
    )
    u = u.mutate(**{MEASURE: index.unnest()})
    if bases:
        in_base = [(t.question == q) & t.answer.isin(list(answers)) for q, *answers in bases]
        flags = (
            t.filter(ibis.or_(*in_base))
            .group_by([PERIOD, "respondent_id"])
            .aggregate(**{f"cw_base_{j}": flag(c).max() for j, c in enumerate(in_base)})
        )
        u = u.left_join(flags, [PERIOD, "respondent_id"])
    conditions = []
    for i, p in enumerate(items):
        valid = (u[MEASURE] == i) & ~u.answer.isin(p.exclude or ["\x00"])
        if p.base_question:
            j = bases.index((p.base_question, *p.base_answers))
            valid = valid & (u[f"cw_base_{j}"] == 1)
        if set(tasks[i].years) != set(years):
            valid = valid & u[FY_START].isin([fy_start_of(y) for y in tasks[i].years])
        conditions.append(valid)
    u = u.filter(ibis.or_(*conditions))
    chosen = ibis.or_(*((u[MEASURE] == i) & u.answer.isin(p.chosen) for i, p in enumerate(items)))
    weight = u.weight.cast("float64").fill_null(1.0) if weighted else ibis.literal(1.0)
    u = u.select(MEASURE, PERIOD, *breakdowns, cw_w=weight, cw_chosen=chosen)
    g = with_groupings(u, breakdowns, (MEASURE, {i: p.breakdowns for i, p in enumerate(items)}))
    return g.group_by([MEASURE, *GROUP_KEYS]).aggregate(
        n=g.count(),
        sw=g.cw_w.sum(),
        sw2=(g.cw_w * g.cw_w).sum(),
        swc=ibis.ifelse(g.cw_chosen, g.cw_w, 0.0).sum(),
    )
