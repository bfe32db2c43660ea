"""Deadline compliance: the share of decisions made within the deadline in force.

Deadlines differ by group of cases and change on dates (56 calendar days for one group, 16
working days for another ...), so they come from the deadline rulebook as a table joined in
the database: the rule is the one in force on the day the clock started, a group's own rule
(matched on the records' ``group`` column) winning over the ``*`` rule for every group.
Counted over decisions made in the year; a decision on the due date is on time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from charterwatch.dates.deadlines import ANY_GROUP
from charterwatch.measures.context import ComputeContext
from charterwatch.measures.expr import (
    GROUP_KEYS,
    PERIOD,
    flag,
    record_base,
    rows_of,
    with_day_numbers,
    with_groupings,
)
from charterwatch.measures.kinds.common import RecordParams, proportion_inputs, source_of, stamp
from charterwatch.measures.registry import MeasureKind, register
from charterwatch.measures.rows import ResultRow
from charterwatch.model.framework import Measure

if TYPE_CHECKING:
    import ibis.expr.types as ir


class DeadlineParams(RecordParams):
    process: str
    start: str
    end: str
    group: str | None = None
    """The records' column that says which group each case is in, matched to the rules'
    ``group``; without it every case takes the process's ``*`` rule."""
    legal_limit: bool = True
    """The deadline is set in law: missing it for any case is a shortfall (target 100% by
    default, ``shortfall.legal_limit_target``). Set false for a service standard."""

    column_params: ClassVar[tuple[str, ...]] = ("date", "start", "end", "group")


CASE_GROUP = "cw_case_group"
"""The column holding each case's group while the rules are joined (the ``group`` param's
column as text, or a group no rule names when the measure has none)."""


def _rule_match(t: ir.Table, rules: ir.Table, process: str, start: str, own: bool) -> ir.Table:
    prefix = "cw_own_" if own else "cw_any_"
    r = rules.filter(rules.process == process)
    group = r["group"]
    r = r.filter(group != ANY_GROUP) if own else r.filter(group == ANY_GROUP)
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
        predicates.append(t[CASE_GROUP] == r[f"{prefix}group"])
    return t.left_join(r, predicates).drop(f"{prefix}group", f"{prefix}from", f"{prefix}to")


@register
class DeadlineCompliance(MeasureKind):
    name = "deadline_compliance"
    Params = DeadlineParams
    summary = "Share of cases completed within the deadline in force when the clock started."
    reads = ("redeterminations", "complaints", "applications", "appeals")

    def compute(
        self, measure: Measure, params: Any, ctx: ComputeContext, years: list[str]
    ) -> list[ResultRow]:
        import ibis

        p: DeadlineParams = params
        if ctx.deadline_rules is None:
            raise ValueError("no deadline rulebook is loaded")
        source = source_of(measure, p)
        t = record_base(ctx.table(source), p.date or p.end, years, p.filter, ctx.granularity)
        t = t.mutate(
            **{CASE_GROUP: t[p.group].cast("string") if p.group else ibis.literal(ANY_GROUP)}
        )
        kept = list(dict.fromkeys(c for c in p.breakdowns if c in t.columns))
        t = t.select(*dict.fromkeys([PERIOD, CASE_GROUP, p.start, p.end, *kept]))
        t = _rule_match(t, ctx.deadline_rules, p.process, p.start, own=True)
        t = _rule_match(t, ctx.deadline_rules, p.process, p.start, own=False)
        lookups = [("cw_s", p.start, ["wd", "dn"]), ("cw_e", p.end, ["wd", "dn", "work"])]
        t = with_day_numbers(t, ctx.calendar, lookups)
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
        t = t.select(
            PERIOD,
            *kept,
            cw_ruled=flag(length.notnull()),
            cw_met=flag(length.notnull() & on_time),
        )
        g = with_groupings(t, p.breakdowns)
        agg = g.group_by(list(GROUP_KEYS)).aggregate(
            n=g.count(), ruled=g.cw_ruled.sum(), met=g.cw_met.sum()
        )
        out = []
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
