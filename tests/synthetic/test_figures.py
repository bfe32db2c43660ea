"""The generated records reproduce every published figure linked to a record-based measure.

Each figure is recomputed from the CSV files in plain pandas (tests/synthetic/recompute.py),
independently of the generator and of the measure engine, and compared the way the figure was
published: percentages to the same whole number (or the published decimals), medians in
working days and mean waits in seconds exactly. The files are the example at the tests' size
(a twentieth of the real scale), where percentages, medians and means hold; published counts
hold at the real scale only, and tests/synthetic/test_scale.py checks them there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from charterwatch.synthetic.generate import load_recipe_framework
from charterwatch.synthetic.targets import RECORD_KINDS, measure_years, year_labels
from tests.synthetic.conftest import EXAMPLE, Generated
from tests.synthetic.recompute import decimals, recompute, round_half_up

COUNT_ROUNDING = 5


@dataclass(frozen=True)
class Check:
    figure: str
    kind: str
    source: str
    params: dict[str, Any] = field(hash=False)
    period: str
    value: float
    unit: str


def _is_financial_year(text: str) -> bool:
    return (
        len(text) == 7
        and text[4] == "-"
        and text[:4].isdigit()
        and text[5:].isdigit()
        and (int(text[5:]) == (int(text[:4]) + 1) % 100)
    )


def published_checks() -> tuple[list[Check], list[str]]:
    """Every figure to reproduce, and linked figures with no usable period (should be none)."""
    framework, recipe = load_recipe_framework(EXAMPLE)
    measures = {m.id: m for m in framework.framework.measures.values() if m.kind in RECORD_KINDS}
    calibrations = {c.figure: c for c in recipe.calibrate}
    checks: list[Check] = []
    missing: list[str] = []
    for figure in framework.published_figures.values():
        m = measures.get(figure.measure or "")
        if m is None:
            continue
        period = figure.year
        if not _is_financial_year(period):
            cal = calibrations.get(figure.id)
            if cal is None or cal.period is None:
                missing.append(figure.id)
                continue
            period = cal.period
        source = str(m.params.get("source") or m.sources[0])
        params = dict(m.params)
        if figure.breakdown:
            params["filter"] = {**params.get("filter", {}), **figure.breakdown}
        checks.append(Check(figure.id, m.kind, source, params, period, figure.value, figure.unit))
    for cal in recipe.calibrate:
        figure = framework.published_figures[cal.figure]
        period = cal.period or figure.year
        if cal.kind is not None:
            params = dict(cal.params)
            if figure.breakdown:
                params["filter"] = {**params.get("filter", {}), **figure.breakdown}
            checks.append(
                Check(
                    figure.id,
                    cal.kind,
                    str(params["source"]),
                    params,
                    period,
                    figure.value,
                    figure.unit,
                )
            )
        for ident in cal.measures:
            m = measures[ident]
            source = str(m.params.get("source") or m.sources[0])
            checks.append(
                Check(
                    f"{figure.id}:{ident}",
                    m.kind,
                    source,
                    dict(m.params),
                    period,
                    figure.value,
                    figure.unit,
                )
            )
    return checks, missing


CHECKS, MISSING = published_checks()
RECOMPUTED = [c for c in CHECKS if c.unit != "count"]
"""The figures the test-size files reproduce (counts are met at the real scale only)."""


def agrees(value: float, published: float, unit: str) -> bool:
    if unit == "percent":
        return round_half_up(value, decimals(published)) == published
    if unit == "count":
        return round(value / COUNT_ROUNDING) * COUNT_ROUNDING == published
    return value == published


def test_every_linked_figure_has_a_period_to_check() -> None:
    assert MISSING == [], f"figures linked to record measures with no usable period: {MISSING}"


def test_the_checks_cover_the_real_series() -> None:
    figures = {c.figure.split(":")[0] for c in CHECKS}
    for expected in (
        "cs-2021-22-kindness",
        "calls-2022-23-wait",
        "scp-2022-23-median",
        "redet-2021-22-total",
        "appeals-2021-22-fsp",
    ):
        assert expected in figures
    assert len(CHECKS) >= 40


@pytest.mark.parametrize("check", RECOMPUTED, ids=[c.figure for c in RECOMPUTED])
def test_published_figure_is_reproduced(generated: Generated, check: Check) -> None:
    result = recompute(generated.data, check.kind, check.source, check.params, check.period)
    assert result.value is not None, f"{check.figure}: no records in {check.period}"
    assert agrees(result.value, check.value, check.unit), (
        f"{check.figure} {check.period}: recomputed {result.value} from {result.base} records, "
        f"published {check.value} {check.unit}"
    )


def test_counts_are_left_to_the_real_scale() -> None:
    counts = {c.figure for c in CHECKS if c.unit == "count"}
    assert {"redet-2021-22-total", "appeals-2021-22-fsp"} <= counts
    assert len(RECOMPUTED) >= 30


def test_the_generator_reports_no_unmet_published_target(generated: Generated) -> None:
    assert generated.report.unmet() == []
    assert len(generated.report.published_targets()) == len(CHECKS)


def test_every_record_measure_has_data_in_every_year(generated: Generated) -> None:
    years = year_labels(generated.framework.framework.spec.first_year, generated.recipe.last_year)
    empty = []
    for m in generated.framework.framework.measures.values():
        if m.kind not in RECORD_KINDS:
            continue
        source = str(m.params.get("source") or m.sources[0])
        for year in measure_years(m, years):
            result = recompute(generated.data, m.kind, source, dict(m.params), year)
            if result.base == 0:
                empty.append(f"{m.id} {year}")
    assert empty == []


def test_walked_and_anchored_values_are_met(generated: Generated) -> None:
    """Unpublished years are met too: exactly, or as near as a small base allows (one
    respondent in 18 is 5.6 points); deadline compliance only roughly (decided by chance)."""
    wrong = []
    for t in generated.report.targets:
        if t.origin == "published":
            continue
        result = recompute(generated.data, t.kind, t.source, t.params, t.period.label)
        assert result.value is not None, t.describe()
        if t.kind == "deadline_compliance":
            ok = abs(result.value - t.value) <= 6.0
        elif t.unit == "percent" and result.base < 100:
            ok = abs(result.value - t.value) <= 50.0 / result.base + 1e-9
        else:
            ok = agrees(result.value, t.value, t.unit)
        if not ok:
            wrong.append(f"{t.describe()}: got {result.value:.2f} of {result.base}")
    assert wrong == [], "\n".join(wrong)
