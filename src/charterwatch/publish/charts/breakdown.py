"""The breakdown chart: the latest figure of a measure for each group of one dimension.

Horizontal bars in the order the groups are given, each labelled at its end with the figure
as the tables print it; a withheld group gets its symbol (``[c]``) and no bar. The value axis
starts at zero, so bar lengths compare honestly.
"""

from __future__ import annotations

import math
import textwrap

from charterwatch.publish.charts import svg
from charterwatch.publish.charts.chart import Chart, columns, has_interval, measure_unit, notes
from charterwatch.publish.charts.data import Point, breakdown_points, table_rows
from charterwatch.publish.charts.scale import value_axis
from charterwatch.publish.charts.style import AXIS, FONT_SIZE, INTERVAL, SERIES, text_width
from charterwatch.publish.charts.summary import breakdown_summary
from charterwatch.publish.i18n import Catalogue
from charterwatch.publish.view import MeasureView

WIDTH = 640.0
BAR = 22.0
ROW = 36.0
LINE = 16.0
LABEL_CHARS = 26
RIGHT = 16.0
CAP = 5.0


def dimension_name(dimension: str, cat: Catalogue) -> str:
    """A breakdown dimension in words: from the catalogue if it names it, else its id."""
    try:
        return cat(f"charts.dimensions.{dimension}")
    except KeyError:
        return dimension.replace("_", " ")


def breakdown_chart(view: MeasureView, dimension: str, catalogue: Catalogue | None = None) -> Chart:
    """The bar chart of ``view.breakdowns[dimension]``, with its summary and table."""
    cat = catalogue or Catalogue()
    rows = view.breakdowns.get(dimension, [])
    points = breakdown_points(rows, measure_unit(view))
    year = rows[0].label if rows else (view.latest.label if view.latest else "")
    name = dimension_name(dimension, cat)
    title = cat("charts.breakdown.title", measure=view.measure.title, dimension=name, year=year)
    summary = breakdown_summary(points, name, str(year), cat)
    table = table_rows(points)
    lines = [textwrap.wrap(p.label, LABEL_CHARS) or [""] for p in points]
    heights = [ROW + LINE * (len(ls) - 1) for ls in lines]
    top = 36.0 if has_interval(points) else 12.0
    height = top + sum(heights) + 16.0
    markup = svg.document(
        width=WIDTH,
        height=height,
        id_base=f"chart-{view.measure.id}-{dimension}",
        title=title,
        desc=summary,
        class_name="cw-chart cw-chart--breakdown",
        body=_body(points, lines, heights, top, cat),
    )
    heading = name[:1].upper() + name[1:]
    return Chart(
        svg=markup,
        summary=summary,
        table=table,
        title=title,
        columns=columns(heading, cat),
        notes=notes(table, cat),
    )


def _body(
    points: list[Point], lines: list[list[str]], heights: list[float], top: float, cat: Catalogue
) -> list[str]:
    values: list[float] = []
    for p in points:
        values.extend(v for v in (p.value, p.low, p.high) if v is not None)
    unit = points[0].unit if points else ""
    axis = value_axis(values, unit)
    widest_label = max((text_width(t) for ls in lines for t in ls), default=0.0)
    widest_value = max((text_width(p.shown) for p in points), default=0.0)
    left = math.ceil(widest_label) + 20.0
    right = WIDTH - RIGHT - math.ceil(widest_value) - 10.0

    def x(value: float) -> float:
        return axis.position(value, left, right)

    labels: list[str] = []
    bars: list[str] = []
    intervals: list[str] = []
    ends: list[str] = []
    y = top
    for p, ls, h in zip(points, lines, heights, strict=True):
        middle = y + h / 2
        first = middle - (len(ls) - 1) * LINE / 2 + 5
        labels.extend(
            svg.text(left - 10, first + k * LINE, part, anchor="end") for k, part in enumerate(ls)
        )
        if p.value is None:
            ends.append(svg.text(x(0.0) + 6, middle + 5, p.gap_label))
        else:
            start, end = sorted((x(0.0), x(p.value)))
            bars.append(svg.rect(start, middle - BAR / 2, end - start, BAR, SERIES))
            reach = max(p.value, 0.0)
            if p.low is not None and p.high is not None:
                low, high = x(p.low), x(p.high)
                intervals.append(svg.line(low, middle, high, middle, INTERVAL, 1.5))
                intervals.append(svg.line(low, middle - CAP, low, middle + CAP, INTERVAL, 1.5))
                intervals.append(svg.line(high, middle - CAP, high, middle + CAP, INTERVAL, 1.5))
                reach = max(reach, p.high)
            ends.append(svg.text(x(reach) + 6, middle + 5, p.shown))
        y += h
    zero = x(0.0)
    parts = []
    if intervals:
        parts.append(_legend(cat))
    parts.append(svg.group("cw-labels", labels))
    parts.append(svg.group("cw-bars", bars))
    parts.append(svg.group("cw-intervals", intervals))
    parts.append(svg.group("cw-axes", [svg.line(zero, top, zero, y, AXIS)]))
    parts.append(svg.group("cw-values", ends))
    return parts


def _legend(cat: Catalogue) -> str:
    label = cat("charts.legend.interval")
    x = WIDTH - RIGHT - text_width(label) - 28
    middle = 20.0 - FONT_SIZE / 2 + 2
    out = [
        svg.line(x, middle, x + 20, middle, INTERVAL, 1.5),
        svg.line(x, middle - CAP, x, middle + CAP, INTERVAL, 1.5),
        svg.line(x + 20, middle - CAP, x + 20, middle + CAP, INTERVAL, 1.5),
        svg.text(x + 28, 20.0, label),
    ]
    return svg.group("cw-legend", out)
