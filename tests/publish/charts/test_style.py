"""Colours, contrast and axes: every mark a chart draws is readable against white."""

from __future__ import annotations

import pytest

from charterwatch.publish.charts import (
    CATEGORICAL,
    breakdown_chart,
    contrast_ratio,
    sparkline,
    trend_chart,
)
from charterwatch.publish.charts.scale import tick_label, value_axis
from tests.publish.charts.fixtures import row, survey_view, view
from tests.publish.charts.svgcheck import colours, contrast_with_white, parse


def _all_markup() -> list[str]:
    counts = view(
        [row("2021-22", 5, "count", ci=(3.0, 7.0)), row("2022-23", None, "count")], unit="count"
    )
    by_group = view(
        [row("2023-24", 90)],
        breakdowns={
            "sex": [
                row("2023-24", 91, breakdown="sex", grp="Female", ci=(89.0, 93.0)),
                row("2023-24", None, breakdown="sex", grp="Male", symbol="[c]"),
            ]
        },
    )
    return [
        trend_chart(survey_view()).svg,
        trend_chart(counts).svg,
        breakdown_chart(by_group, "sex").svg,
        sparkline(survey_view()),
    ]


def test_palette_is_the_analysis_function_categorical_palette() -> None:
    assert CATEGORICAL == ("#12436D", "#28A197", "#801650", "#F46A25", "#3D3D3D", "#A285D1")
    for colour in CATEGORICAL:
        assert contrast_with_white(colour) >= 3.0, colour
        assert contrast_ratio(colour) == pytest.approx(contrast_with_white(colour))


def test_every_colour_used_has_3_to_1_contrast_against_white() -> None:
    used: set[str] = set()
    for markup in _all_markup():
        used |= colours(parse(markup))
    assert used, "the charts draw with no colours?"
    for colour in sorted(used):
        assert contrast_with_white(colour) >= 3.0, (
            f"{colour} is {contrast_with_white(colour):.2f}:1"
        )


def test_axis_always_starts_at_zero() -> None:
    assert value_axis([89, 94], "percent").ticks == (0, 20, 40, 60, 80, 100)
    assert value_axis([4.2, 6.8], "percent").low == 0
    assert value_axis([4.2, 6.8], "percent").high == 8
    assert value_axis([1200, 3100], "count").low == 0
    assert value_axis([300, 377], "seconds").ticks[-1] == 480
    assert value_axis([], "count").ticks == (0, 1)
    assert value_axis([-3, 5], "rate").low < 0


def test_tick_labels() -> None:
    assert tick_label(40, "percent") == "40%"
    assert tick_label(1200, "gbp") == "£1,200"
    assert tick_label(300, "seconds") == "5 min 00 s"
    assert tick_label(0, "seconds") == "0"
    assert tick_label(0.25, "rate", 2) == "0.25"
