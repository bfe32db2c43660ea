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
from typing import Any, Literal

from pydantic import Field

from charterwatch.measures.context import ComputeContext
from charterwatch.measures.expr import (
    BREAKDOWN,
    GROUP_KEYS,
    PERIOD,
    only_years,
    rows_of,
    with_groupings,
    with_year_from_label,
)
from charterwatch.measures.kinds.common import proportion_inputs, stamp
from charterwatch.measures.organisations import BREAKDOWNS
from charterwatch.measures.registry import KindParams, MeasureKind, register
from charterwatch.measures.rows import ALL, ResultRow
from charterwatch.model.framework import Measure
from charterwatch.model.organisations import NATIONAL, ORGANISATION
from charterwatch.stats.intervals import wilson_interval, z_value

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

    def compute(
        self, measure: Measure, params: Any, ctx: ComputeContext, years: list[str]
    ) -> list[ResultRow]:
        p: ReturnParams = params
        source = p.source or measure.sources[0]
        table = ctx.table(source)
        t = table.filter(table.indicator.cast("string") == p.indicator)
        t = only_years(with_year_from_label(t, "year", ctx.granularity), years)
        if p.statistic == "ratio":
            t = t.filter(t.numerator.notnull() & t.denominator.notnull())
            weight = t.base.fill_null(t.denominator) if "base" in t.columns else t.denominator
            t = t.mutate(cw_a=t.numerator, cw_b=t.denominator, cw_w=weight)
        else:
            t = t.filter(t.value.notnull())
            weight = t.base.cast("float64").fill_null(1.0) if "base" in t.columns else 1.0
            t = t.mutate(cw_a=t.value * weight, cw_b=weight, cw_w=weight)
        national = t.filter(t[ORGANISATION] == NATIONAL)
        orgs = t.filter(t[ORGANISATION] != NATIONAL)
        breakdowns = list(dict.fromkeys([*BREAKDOWNS, *p.breakdowns]))
        g = with_groupings(orgs, breakdowns)
        sums = {"a": g.cw_a.sum(), "b": g.cw_b.sum(), "w": g.cw_w.sum(), "n": g.count()}
        found = rows_of(g.group_by(list(GROUP_KEYS)).aggregate(**sums))
        given = {
            int(r[PERIOD]): r
            for r in rows_of(
                with_groupings(national, [])
                .group_by(list(GROUP_KEYS))
                .aggregate(a=national.cw_a.sum(), b=national.cw_b.sum(), w=national.cw_w.sum())
            )
        }
        out = []
        for row in found:
            if row[BREAKDOWN] == ALL and int(row[PERIOD]) in given:
                row = {**row, **{k: given[int(row[PERIOD])][k] for k in ("a", "b", "w")}}
            out.append(self._row(measure, ctx, source, row, p))
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
        base = round(w) if w else None
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
