"""Property tests: any series, with any gaps and breaks, gives valid, honest, stable charts."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from charterwatch.publish.charts import breakdown_chart, sparkline, trend_chart
from tests.publish.charts.fixtures import row, view
from tests.publish.charts.svgcheck import NS, layer, parse, path_points, texts

UNITS = ["percent", "count", "working_days", "seconds", "gbp", "rate", "people"]


@st.composite
def series(draw: st.DrawFn) -> tuple[str, list[dict[str, Any]], list[dict[str, str]]]:
    unit = draw(st.sampled_from(UNITS))
    top = 100.0 if unit == "percent" else 10_000.0
    start = draw(st.integers(2010, 2020))
    count = draw(st.integers(1, 12))
    rows = []
    for i in range(count):
        year = f"{start + i}-{(start + i + 1) % 100:02d}"
        value = draw(st.none() | st.floats(0, top, allow_nan=False).map(lambda v: round(v, 1)))
        symbol = "[c]" if value is None else ""
        ci = None
        if value is not None and draw(st.booleans()):
            ci = (max(0.0, value - 2.5), value + 2.5)
        rows.append(
            row(
                year, value, unit, symbol=symbol, ci=ci, base=draw(st.none() | st.integers(0, 9999))
            )
        )
    years = [r.label for r in rows]
    chosen = draw(st.lists(st.sampled_from(years), max_size=3, unique=True))
    breaks = [{"year": y, "reason": "Method changed."} for y in chosen]
    return unit, rows, breaks


@settings(max_examples=60, deadline=None)
@given(series())
def test_any_trend_is_valid_and_never_joins_across_gaps_or_breaks(
    case: tuple[str, list[dict[str, Any]], list[dict[str, str]]],
) -> None:
    unit, rows, breaks = case
    v = view(rows, unit=unit, breaks=breaks)
    chart = trend_chart(v)
    assert chart == trend_chart(view(rows, unit=unit, breaks=breaks))
    root = parse(chart.svg)
    assert root.get("role") == "img"
    assert len(chart.table) == len(rows)
    dashed = [
        float(ln.get("x1", "0"))
        for ln in layer(root, "cw-breaks").iter(f"{NS}line")
        if ln.get("stroke-dasharray")
    ]
    shown_breaks = {b["year"] for b in breaks} - {rows[0].label}
    assert len(dashed) == len(shown_breaks)
    gaps = len([r for r in rows if r.value is None])
    assert len(texts(layer(root, "cw-gaps"))) == gaps
    gap_xs = [float(t.get("x", "0")) for t in layer(root, "cw-gaps").iter(f"{NS}text")]
    if unit not in {"count", "people"}:
        for p in layer(root, "cw-series").iter(f"{NS}path"):
            for (x1, _), (x2, _) in pairwise(path_points(p.get("d", ""))):
                assert not any(x1 < x < x2 for x in dashed), "a line crosses a break"
                assert not any(x1 < x < x2 for x in gap_xs), "a line jumps over a gap"
        markers = len(list(layer(root, "cw-markers").iter(f"{NS}circle")))
        assert markers == len(rows) - gaps
    spark = sparkline(v)
    if gaps < len(rows):
        parse(spark)
    else:
        assert spark == ""


@settings(max_examples=30, deadline=None)
@given(st.lists(st.none() | st.floats(0, 100, allow_nan=False), min_size=0, max_size=10))
def test_any_breakdown_is_valid(values: list[float | None]) -> None:
    rows = [
        row("2023-24", v, breakdown="area", grp=f"Area {i}", symbol="" if v is not None else "[c]")
        for i, v in enumerate(values)
    ]
    chart = breakdown_chart(view([], breakdowns={"area": rows}), "area")
    root = parse(chart.svg)
    assert len(list(layer(root, "cw-bars").iter(f"{NS}rect"))) == len(
        [v for v in values if v is not None]
    )
    assert texts(layer(root, "cw-values")) == [r["value"] for r in chart.table]
