"""Qualitative evidence: quotes, examples and "you said, we did" gathered for a measure.

The value is the number of pieces of evidence for the year; the pieces themselves travel in
the row's ``evidence`` list (kind, title, text, source, commitments), so publishing can show
them next to the numbers.
"""

from __future__ import annotations

from typing import Any

from charterwatch.measures.context import ComputeContext
from charterwatch.measures.expr import NotSupported
from charterwatch.measures.registry import KindParams, MeasureKind, register
from charterwatch.measures.rows import ResultRow
from charterwatch.model.framework import Measure


@register
class QualitativeEvidence(MeasureKind):
    name = "qualitative_evidence"
    Params = KindParams
    summary = "Narrative evidence (quotes, examples, you said / we did) gathered per year."
    reads = ("narrative_evidence",)

    def compute(
        self, measure: Measure, params: Any, ctx: ComputeContext, years: list[str]
    ) -> list[ResultRow]:
        if ctx.granularity != "year":
            raise NotSupported("evidence is gathered for financial years")
        out = []
        for year in years:
            items = [
                e for e in ctx.evidence if e.get("measure") == measure.id and e.get("year") == year
            ]
            if not items:
                continue
            out.append(
                ResultRow(
                    measure=measure.id,
                    period=year,
                    statistic="value",
                    value=float(len(items)),
                    unit="evidence",
                    evidence=sorted(items, key=lambda e: str(e.get("file", ""))),
                    note=f"{len(items)} piece(s) of evidence",
                    synthetic=any(bool(e.get("synthetic")) for e in items),
                )
            )
        return out
