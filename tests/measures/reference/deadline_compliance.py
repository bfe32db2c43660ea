"""Deadline compliance: the share of decisions made within the deadline in force.

Deadlines differ by group of cases and change on dates (56 calendar days for one group,
16 working days for another ...), so they come from the deadline rulebook as a
table joined in the database: the rule is the one in force on the day the clock started,
a benefit's own rule winning over the ``*`` rule for all benefits. Counted over decisions
made in the year; a decision on the due date is on time.
"""

from __future__ import annotations

from typing import Any

import ibis
import ibis.expr.types as ir

from charterwatch.measures.context import ComputeContext
from charterwatch.measures.registry import MeasureKind
from charterwatch.measures.rows import ResultRow
from charterwatch.model.framework import Measure
from tests.measures.reference.common import RecordParams, proportion_inputs, source_of, stamp
from tests.measures.reference.expr import (
    GROUP,
    PERIOD,
    breakdown_groupings,
    flag,
    record_base,
    rows_of,
    with_day_numbers,
)


class DeadlineParams(RecordParams):
    process: str
    start: str
    end: str
    group: str | None = None
    legal_limit: bool = True
    """The deadline is set in law: missing it for any case is a shortfall (target 100% by
    default, ``shortfall.legal_limit_target``). Set false for a service standard."""


def _rule_match(t: ir.Table, rules: ir.Table, process: str, start: str, own: bool) -> ir.Table:
    prefix = "cw_own_" if own else "cw_any_"
    r = rules.filter(rules.process == process)
    r = r.filter(r["group"] != "*") if own else r.filter(r["group"] == "*")
    r = r.select(
        **{
            f"{prefix}group": r["group"],
            f"{prefix}from": r.valid_from,
            f"{prefix}to": r.valid_to,
            f"{prefix}length": r.length,
            f"{prefix}working": r.unit == "working_days",
        }
    )
    day = t[start].cast("date")
    predicates = [day >= r[f"{prefix}from"], day <= r[f"{prefix}to"]]
    if own:
        predicates.append(t.cw_case_group == r[f"{prefix}group"])
    return t.left_join(r, predicates).drop(f"{prefix}group", f"{prefix}from", f"{prefix}to")


class DeadlineCompliance(MeasureKind):
    name = "deadline_compliance"
    Params = DeadlineParams
    summary = "Share of cases completed within the deadline in force when the clock started."
    reads = ("redeterminations", "complaints", "applications", "appeals")

    def compute(
        self, measure: Measure, params: Any, ctx: ComputeContext, years: list[str]
    ) -> list[ResultRow]:
        p: DeadlineParams = params
        if ctx.deadline_rules is None:
            raise ValueError("no deadline rulebook is loaded")
        source = source_of(measure, p)
        t = record_base(ctx.table(source), p.date or p.end, years, p.filter, ctx.granularity)
        group = t[p.group].cast("string") if p.group else ibis.literal("*")
        t = t.mutate(cw_case_group=group)
        t = _rule_match(t, ctx.deadline_rules, p.process, p.start, own=True)
        t = _rule_match(t, ctx.deadline_rules, p.process, p.start, own=False)
        t = with_day_numbers(t, ctx.calendar, p.start, "cw_s")
        t = with_day_numbers(t, ctx.calendar, p.end, "cw_e")
        length = t.cw_own_length.fill_null(t.cw_any_length)
        working = t.cw_own_working.fill_null(t.cw_any_working)
        # Working days: a decision on a weekend or holiday after the n-th working day is late,
        # so "n elapsed" only counts as met when the decision day is itself a working day.
        working_days = t.cw_e_wd - t.cw_s_wd
        on_time = ibis.ifelse(
            working,
            (working_days < length) | ((working_days == length) & t.cw_e_work),
            t.cw_e_dn - t.cw_s_dn <= length,
        )
        t = t.mutate(cw_ruled=flag(length.notnull()), cw_met=flag(length.notnull() & on_time))
        out = []
        for breakdown, g in breakdown_groupings(t, p.breakdowns):
            agg = g.group_by([PERIOD, GROUP]).aggregate(
                n=g.count(), ruled=g.cw_ruled.sum(), met=g.cw_met.sum()
            )
            for row in rows_of(agg):
                n, ruled, met = int(row["n"]), int(row["ruled"]), int(row["met"])
                if ruled == 0:
                    continue
                note = "cases completed within the deadline in force"
                if ruled < n:
                    note += "; cases with no deadline rule are left out"
                out.append(
                    stamp(
                        measure,
                        ctx,
                        source,
                        breakdown,
                        row,
                        "value",
                        100.0 * met / ruled,
                        "percent",
                        base=ruled,
                        note=note,
                        status_inputs=proportion_inputs(met, ruled),
                    )
                )
        return out
