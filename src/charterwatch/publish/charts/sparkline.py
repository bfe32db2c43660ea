"""A tiny decorative line of a measure's headline figures for summary tiles.

The figure itself is written next to it, so the sparkline is hidden from screen readers
(``aria-hidden``). It keeps the rules of the full chart: a zero-based axis, gaps for missing
years and no line joined across a break in series.
"""

from __future__ import annotations

from charterwatch.publish.charts import svg
from charterwatch.publish.charts.chart import measure_unit
from charterwatch.publish.charts.data import runs, series_breaks, trend_points
from charterwatch.publish.charts.scale import value_axis
from charterwatch.publish.charts.style import SERIES
from charterwatch.publish.view import MeasureView

WIDTH = 96.0
HEIGHT = 24.0
PAD = 3.0


def sparkline(view: MeasureView) -> str:
    """Inline SVG of the series; an empty string when there is no figure to draw."""
    points = trend_points(view.series, measure_unit(view))
    values = [p.value for p in points if p.value is not None]
    if not values:
        return ""
    breaks = series_breaks(points, list(view.measure.breaks))
    axis = value_axis(values, points[0].unit)
    step = (WIDTH - 2 * PAD) / max(len(points) - 1, 1)

    def at(i: int) -> tuple[float, float]:
        x = PAD + i * step if len(points) > 1 else WIDTH / 2
        return x, axis.position(points[i].value or 0.0, HEIGHT - PAD, PAD)

    body = []
    for run in runs(points, breaks):
        if len(run) > 1:
            body.append(svg.path([at(i) for i in run], SERIES, 2))
        else:
            body.append(svg.circle(*at(run[0]), 1.5, SERIES))
    last = max(i for i, p in enumerate(points) if p.value is not None)
    body.append(svg.circle(*at(last), 2.5, SERIES))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {svg.num(WIDTH)} {svg.num(HEIGHT)}"'
        f' width="{svg.num(WIDTH)}" height="{svg.num(HEIGHT)}" aria-hidden="true"'
        f' focusable="false" class="cw-sparkline">' + "".join(body) + "</svg>"
    )
