"""Hand-made measures, rows and figures for the results-contract tests."""

from __future__ import annotations

from typing import Any

from charterwatch.dates.periods import FinancialYear
from charterwatch.measures.rows import ResultRow
from charterwatch.model.framework import Measure, Origin
from charterwatch.results.figure import Comparison, Figure, TestInputs


def measure(
    polarity: str = "higher_is_better",
    unit: str = "percent",
    kind: str = "share_of_records",
    params: dict[str, Any] | None = None,
    breaks: list[dict[str, str]] | None = None,
    **extra: Any,
) -> Measure:
    """A minimal quantitative measure ``M1`` with the given polarity, unit and kind."""
    return Measure(
        id="M1",
        title="A measure",
        definition="What it counts.",
        data="quantitative",
        perspective="objective",
        unit=unit,
        polarity=polarity,
        kind=kind,
        params=params or {},
        sources=["records"],
        owner="A team",
        breaks=breaks or [],
        framework="2019",
        section="FS1",
        question="Q1",
        outcome="O1",
        position=1,
        origin=Origin(file="framework/2019.yaml", line=1),
        **extra,
    )


def share_row(year: str, hits: int, base: int, **extra: Any) -> ResultRow:
    """A share of records as a kind computes it (before protection)."""
    return ResultRow(
        measure="M1",
        period=year,
        statistic="value",
        value=100.0 * hits / base,
        unit="percent",
        base=base,
        status_inputs={
            "comparison": "two_proportion_z_test",
            "estimate": hits / base,
            "effective_base": float(base),
        },
        **extra,
    )


def figure(
    year: str, value: float | None, comparison: Comparison = Comparison.PROPORTION, **extra: Any
) -> Figure:
    """A published headline figure of ``M1``."""
    return Figure(
        measure="M1",
        period=FinancialYear.parse(year),
        statistic="value",
        value=value,
        unit=extra.pop("unit", "percent"),
        comparison=comparison,
        **extra,
    )


def share_inputs(hits: int, base: int) -> TestInputs:
    return TestInputs(
        value=100.0 * hits / base, estimate=hits / base, effective_base=base, base=base
    )
