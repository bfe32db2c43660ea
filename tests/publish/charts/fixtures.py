"""Hand-made measure views for the chart tests: one measure, rows written out in full."""

from __future__ import annotations

from typing import Any

from charterwatch.dates.periods import FinancialYear
from charterwatch.model.framework import Measure, Origin
from charterwatch.publish.view import MeasureView
from charterwatch.results.figure import Figure

BREAK_REASON = "Automatic processing of some applications began on 14 November 2022."


def measure(
    unit: str = "percent", breaks: list[dict[str, str]] | None = None, **extra: Any
) -> Measure:
    """A minimal measure of the test framework, with ``unit`` and ``breaks`` as given."""
    return Measure(
        id=extra.pop("id", "M1"),
        title=extra.pop("title", "Clients treated with kindness"),
        definition="Share of respondents who agreed staff were kind.",
        data="quantitative",
        perspective="subjective",
        unit=unit,
        polarity=extra.pop("polarity", "higher_is_better"),
        kind="survey_proportion",
        sources=["survey"],
        owner="Survey team",
        breaks=breaks or [],
        framework="2019",
        section="FS1",
        question="Q1",
        outcome="O1",
        position=1,
        origin=Origin(file="framework/2019.yaml", line=1),
        **extra,
    )


def row(
    period: str,
    value: float | None,
    unit: str = "percent",
    *,
    base: int | None = None,
    ci: tuple[float, float] | None = None,
    symbol: str = "",
    note: str = "",
    breakdown: str = "all",
    grp: str = "all",
    synthetic: bool = False,
) -> Figure:
    """One stored figure as the results store returns it."""
    return Figure(
        measure="M1",
        period=FinancialYear.parse(period),
        breakdown=breakdown,
        group=grp,
        statistic="value",
        value=value,
        unit=unit,
        base=base,
        ci_low=ci[0] if ci else None,
        ci_high=ci[1] if ci else None,
        symbol=symbol,
        note=note,
        synthetic=synthetic,
    )


def view(
    series: list[Figure],
    unit: str = "percent",
    breaks: list[dict[str, str]] | None = None,
    breakdowns: dict[str, list[Figure]] | None = None,
    **extra: Any,
) -> MeasureView:
    """A measure view over ``series`` (headline rows) and ``breakdowns``."""
    return MeasureView(
        measure=measure(unit, breaks, **extra),
        commitments=[],
        series=series,
        latest=series[-1] if series else None,
        breakdowns=breakdowns or {},
        supporting=[],
        citations=[],
        synthetic=any(r.synthetic for r in series),
    )


def survey_view() -> MeasureView:
    """Five years of a survey percentage: intervals, a withheld year and a break in 2022-23."""
    return view(
        [
            row("2019-20", 89, base=1200, ci=(87.2, 90.8)),
            row("2020-21", None, symbol="[c]"),
            row("2021-22", 94, base=1100, ci=(92.6, 95.4)),
            row("2022-23", 91, base=1300, ci=(89.4, 92.6)),
            row("2023-24", 90, base=1250, ci=(88.3, 91.7)),
        ],
        breaks=[{"year": "2022-23", "reason": BREAK_REASON}],
    )
