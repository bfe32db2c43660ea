"""Organisation return: a figure from already aggregated returns, per organisation and national.

Each organisation returns, for each financial year and indicator, a numerator and a
denominator (rent collected and rent due; tenants satisfied and tenants asked) or a value
with its base (the source shape ``organisation_returns``). The kind gives, in one query, the
figure of every organisation (breakdown ``organisation``), of every peer group (breakdown
``peer_group``) and the national figure (the headline):

- ``statistic: ratio``: the sum of the numerators over the sum of the denominators, times
  ``scale`` (100: a percentage). The base is the sum of ``base`` when returned, else of the
  denominators (so give ``base`` when the denominator is not a count of cases, e.g. money).
  A share of cases (a ratio of counts at most 1, scale 100) gets a Wilson interval, a rate of
  counts a normal interval on the Poisson count of its numerator;
- ``statistic: value``: the base-weighted mean of the values (each weighs 1 when no base is
  returned); no interval, since a value's spread is not returned.

A row of organisation ``ALL`` is the national figure as returned, used instead of the sum.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from typing import Any, Literal

from pydantic import Field

from charterwatch.measures.context import ComputeContext
from charterwatch.measures.expr import (
    BREAKDOWN,
    GROUP_KEYS,
    PERIOD,
    fy_start_of,
    only_years,
    rows_of,
    with_groupings,
    with_year_from_label,
)
from charterwatch.measures.kinds.common import proportion_inputs, stamp
from charterwatch.measures.organisations import BREAKDOWNS
from charterwatch.measures.registry import KindParams, MeasureKind, Task, register
from charterwatch.measures.rows import ALL, ResultRow
from charterwatch.model.framework import Measure
from charterwatch.model.organisations import NATIONAL, ORGANISATION
from charterwatch.stats.intervals import wilson_interval, z_value
from charterwatch.stats.rounding import round_half_up

CONFIDENCE = 0.95


class ReturnParams(KindParams):
    """Which returns: the source (default: the measure's first), the indicator, how to
    combine them."""

    source: str | None = None
    indicator: str
    statistic: Literal["ratio", "value"] = "ratio"
    scale: float = Field(100.0, gt=0)


@register
class OrganisationReturn(MeasureKind):
    name = "organisation_return"
    Params = ReturnParams
    summary = (
        "A figure from per-organisation returns (a ratio of summed numerators and "
        "denominators, or a base-weighted value), per organisation, peer group and nationally."
    )
    reads = ("organisation_returns",)

    shares_queries = True

    def compute(
        self, measure: Measure, params: Any, ctx: ComputeContext, years: list[str]
    ) -> list[ResultRow]:
        return self.compute_many([Task(measure, params, years)], ctx)[measure.id]

    def compute_many(
        self, batch: Sequence[Task], ctx: ComputeContext
    ) -> dict[str, list[ResultRow]]:
        """Every measure of the batch in one query per source: grouped by indicator, with
        the sums of both statistics, so forty indicators of one return cost one scan."""
        by_source: dict[str, list[Task]] = defaultdict(list)
        for task in batch:
            p: ReturnParams = task.params
            by_source[p.source or task.measure.sources[0]].append(task)
        out: dict[str, list[ResultRow]] = {}
        for source, tasks in by_source.items():
            out.update(self._one_source(source, tasks, ctx))
        return out

    def _one_source(
        self, source: str, tasks: list[Task], ctx: ComputeContext
    ) -> dict[str, list[ResultRow]]:
        import ibis

        table = ctx.table(source)
        indicators = sorted({t.params.indicator for t in tasks})
        years = sorted({y for t in tasks for y in t.years})
        t = table.filter(table.indicator.cast("string").isin(indicators))
        t = only_years(with_year_from_label(t, "year", ctx.granularity), years)
        both = t.numerator.notnull() & t.denominator.notnull()
        base = t.base.cast("float64") if "base" in t.columns else ibis.null("float64")
        weight = base.fill_null(1.0)
        t = t.mutate(
            cw_indicator=t.indicator.cast("string"),
            r_a=ibis.ifelse(both, t.numerator.cast("float64"), 0.0),
            r_b=ibis.ifelse(both, t.denominator.cast("float64"), 0.0),
            r_w=ibis.ifelse(both, base.fill_null(t.denominator.cast("float64")), 0.0),
            v_a=ibis.ifelse(t.value.notnull(), t.value.cast("float64") * weight, 0.0),
            v_b=ibis.ifelse(t.value.notnull(), weight, 0.0),
        )
        sums = ("r_a", "r_b", "r_w", "v_a", "v_b")
        extra = sorted({c for task in tasks for c in task.params.breakdowns})
        national = t.filter(t[ORGANISATION] == NATIONAL)
        orgs = t.filter(t[ORGANISATION] != NATIONAL)
        g = with_groupings(orgs, list(dict.fromkeys([*BREAKDOWNS, *extra])))
        keys = ["cw_indicator", *GROUP_KEYS]
        found = rows_of(g.group_by(keys).aggregate(**{c: g[c].sum() for c in sums}))
        n = with_groupings(national, [])
        given = {
            (r["cw_indicator"], int(r[PERIOD])): r
            for r in rows_of(n.group_by(keys).aggregate(**{c: n[c].sum() for c in sums}))
        }
        out: dict[str, list[ResultRow]] = {}
        for task in tasks:
            p = task.params
            wanted = {fy_start_of(y) for y in task.years}
            prefix = "r" if p.statistic == "ratio" else "v"
            own = set(p.breakdowns) | set(BREAKDOWNS) | {ALL}
            rows = []
            for row in found:
                if row["cw_indicator"] != p.indicator or int(row[PERIOD]) not in wanted:
                    continue
                if row[BREAKDOWN] not in own:
                    continue
                chosen = row
                if row[BREAKDOWN] == ALL and (p.indicator, int(row[PERIOD])) in given:
                    chosen = given[(p.indicator, int(row[PERIOD]))]
                sums_of = {k: chosen[f"{prefix}_{k}"] for k in ("a", "b")}
                sums_of["w"] = chosen["r_w"] if prefix == "r" else chosen["v_b"]
                if not sums_of["b"]:
                    continue  # the indicator has no returns of this statistic
                rows.append(self._row(task.measure, ctx, source, {**row, **sums_of}, p))
            out[task.measure.id] = rows
        return out

    def _row(
        self,
        measure: Measure,
        ctx: ComputeContext,
        source: str,
        row: dict[str, Any],
        p: ReturnParams,
    ) -> ResultRow:
        a, b, w = float(row["a"] or 0.0), float(row["b"] or 0.0), float(row["w"] or 0.0)
        unit = measure.unit.value
        base = round_half_up(w) if w else None
        if not b:
            value = None
        elif p.statistic == "value":
            value = a / b
        else:
            value = p.scale * a / b
        extra: dict[str, Any] = {"status_inputs": {"comparison": "relative_change"}}
        counts = p.statistic == "ratio" and a.is_integer() and b.is_integer() and base == b
        if value is not None and counts and b > 0:
            if p.scale == 100 and a <= b:
                interval = wilson_interval(a, b, CONFIDENCE)
                extra["ci_low"], extra["ci_high"] = 100 * interval.low, 100 * interval.high
                extra["status_inputs"] = proportion_inputs(a, int(b))
            else:
                half = z_value(CONFIDENCE) * math.sqrt(a) * p.scale / b
                extra["ci_low"], extra["ci_high"] = max(0.0, value - half), value + half
        return stamp(measure, ctx, source, row, "value", value, unit, base=base, **extra)
