"""The trend chart: a measure's headline figure across every financial year.

A line with markers (columns for counts of things or people), 95% intervals as error bars,
missing years left as gaps labelled with their symbol, and each break in series drawn as a
labelled dashed line with the line not joined across it. The value axis starts at zero.
"""

from __future__ import annotations

import math

from charterwatch.publish.charts import svg
from charterwatch.publish.charts.chart import Chart, columns, has_interval, measure_unit, notes
from charterwatch.publish.charts.data import (
    Break,
    Point,
    runs,
    series_breaks,
    table_rows,
    trend_points,
)
from charterwatch.publish.charts.scale import Axis, value_axis
from charterwatch.publish.charts.style import (
    AXIS,
    FONT_SIZE,
    INTERVAL,
    SERIES,
    SMALL_FONT_SIZE,
    text_width,
)
from charterwatch.publish.charts.summary import trend_summary
from charterwatch.publish.i18n import Catalogue
from charterwatch.publish.view import MeasureView
from charterwatch.units import base_unit

WIDTH = 640.0
HEIGHT = 380.0
PLOT_TOP = 68.0
PLOT_BOTTOM = HEIGHT - 64.0
RIGHT = 16.0
LEGEND_Y = 20.0
BREAK_LABEL_Y = 46.0
MARKER = 4.5
CAP = 5.0
COLUMN_UNITS = frozenset({"count", "people"})
"""Units drawn as columns: whole counts of things or people."""


class _Frame:
    """Where things go: the plot area and the two scales."""

    def __init__(self, axis: Axis, count: int, end_label: float = 0.0) -> None:
        self.axis = axis
        widest = max(text_width(axis.label(t)) for t in axis.ticks)
        self.left = max(48.0, math.ceil(widest) + 18.0)
        self.right = WIDTH - RIGHT - (math.ceil(end_label) + 12.0 if end_label else 0.0)
        self.slot = (self.right - self.left) / max(count, 1)
        self.end_label = bool(end_label)

    def x(self, index: float) -> float:
        return self.left + (index + 0.5) * self.slot

    def y(self, value: float) -> float:
        return self.axis.position(value, PLOT_BOTTOM, PLOT_TOP)


def trend_chart(view: MeasureView, catalogue: Catalogue | None = None) -> Chart:
    """The trend chart of a measure's headline figure, with its summary and table."""
    cat = catalogue or Catalogue()
    unit = measure_unit(view)
    points = trend_points(view.series, unit)
    breaks = series_breaks(points, list(view.measure.breaks))
    polarity = str(getattr(view.measure.polarity, "value", view.measure.polarity))
    title = _title(view.measure.title, points, cat)
    summary = trend_summary(points, breaks, polarity, cat)
    table = table_rows(points, breaks)
    markup = svg.document(
        width=WIDTH,
        height=HEIGHT,
        id_base=f"chart-{view.measure.id}-trend",
        title=title,
        desc=summary,
        class_name="cw-chart cw-chart--trend",
        body=_body(points, breaks, unit, cat),
    )
    return Chart(
        svg=markup,
        summary=summary,
        table=table,
        title=title,
        columns=columns(cat("charts.table.year"), cat),
        notes=notes(table, cat),
    )


def _title(measure: str, points: list[Point], cat: Catalogue) -> str:
    if not points:
        return cat("charts.trend.title_none", measure=measure)
    if len(points) == 1:
        return cat("charts.trend.title_one", measure=measure, year=points[0].label)
    return cat(
        "charts.trend.title", measure=measure, first=points[0].label, latest=points[-1].label
    )


def _body(points: list[Point], breaks: list[Break], unit: str, cat: Catalogue) -> list[str]:
    values: list[float] = []
    for p in points:
        values.extend(v for v in (p.value, p.low, p.high) if v is not None)
    axis = value_axis(values, unit)
    columns_chart = unit in COLUMN_UNITS
    frame = _Frame(axis, len(points))
    shown = [p for p in points if not p.missing]
    if not columns_chart and not all(text_width(p.shown) + 6 <= frame.slot for p in shown):
        frame = _Frame(axis, len(points), text_width(shown[-1].shown))
    parts = [_axes(frame, points, unit, cat)]
    if has_interval(points):
        parts.append(_legend(cat))
    if columns_chart:
        parts.append(_columns(frame, points))
    if not columns_chart:
        parts.append(_line(frame, points, breaks))
    parts.append(_intervals(frame, points))
    parts.append(_breaks(frame, breaks, cat))
    parts.append(_gaps(frame, points))
    parts.append(_value_labels(frame, points, columns_chart))
    return parts


def _axes(frame: _Frame, points: list[Point], unit: str, cat: Catalogue) -> str:
    axis = frame.axis
    out = [svg.text(8, LEGEND_Y, cat(f"charts.axis.units.{base_unit(unit)}"), weight="bold")]
    out.append(svg.line(frame.left, PLOT_TOP, frame.left, PLOT_BOTTOM, AXIS))
    for tick in axis.ticks:
        y = frame.y(tick)
        out.append(svg.line(frame.left - 6, y, frame.left, y, AXIS))
        out.append(svg.text(frame.left - 10, y + 5, axis.label(tick), anchor="end"))
    zero = frame.y(0.0)
    out.append(svg.line(frame.left, zero, frame.right, zero, AXIS))
    size = FONT_SIZE
    widest = max((text_width(p.label, size) for p in points), default=0.0)
    if widest + 8 > frame.slot:
        size = SMALL_FONT_SIZE
        widest = max(text_width(p.label, size) for p in points)
    every = max(1, math.ceil((widest + 8) / frame.slot))
    last = len(points) - 1
    for i, p in enumerate(points):
        if (last - i) % every == 0:
            out.append(svg.text(frame.x(i), PLOT_BOTTOM + 22, p.label, anchor="middle", size=size))
    middle = (frame.left + frame.right) / 2
    out.append(
        svg.text(middle, PLOT_BOTTOM + 50, cat("charts.axis.year"), anchor="middle", weight="bold")
    )
    return svg.group("cw-axes", out)


def _legend(cat: Catalogue) -> str:
    label = cat("charts.legend.interval")
    x = WIDTH - RIGHT - text_width(label) - 16
    top, bottom = LEGEND_Y - 12, LEGEND_Y + 2
    out = [
        svg.line(x, top, x, bottom, INTERVAL, 1.5),
        svg.line(x - CAP, top, x + CAP, top, INTERVAL, 1.5),
        svg.line(x - CAP, bottom, x + CAP, bottom, INTERVAL, 1.5),
        svg.text(x + 12, LEGEND_Y, label),
    ]
    return svg.group("cw-legend", out)


def _columns(frame: _Frame, points: list[Point]) -> str:
    width = min(56.0, frame.slot * 0.6)
    zero = frame.y(0.0)
    out = []
    for i, p in enumerate(points):
        if p.value is None:
            continue
        y = frame.y(p.value)
        out.append(svg.rect(frame.x(i) - width / 2, min(y, zero), width, abs(zero - y), SERIES))
    return svg.group("cw-columns", out)


def _intervals(frame: _Frame, points: list[Point]) -> str:
    out = []
    for i, p in enumerate(points):
        if p.low is None or p.high is None:
            continue
        x, low, high = frame.x(i), frame.y(p.low), frame.y(p.high)
        out.append(svg.line(x, low, x, high, INTERVAL, 1.5))
        out.append(svg.line(x - CAP, low, x + CAP, low, INTERVAL, 1.5))
        out.append(svg.line(x - CAP, high, x + CAP, high, INTERVAL, 1.5))
    return svg.group("cw-intervals", out)


def _line(frame: _Frame, points: list[Point], breaks: list[Break]) -> str:
    paths: list[str] = []
    markers: list[str] = []
    for run in runs(points, breaks):
        coords = [(frame.x(i), frame.y(points[i].value or 0.0)) for i in run]
        if len(coords) > 1:
            paths.append(svg.path(coords, SERIES))
        markers.extend(svg.circle(x, y, MARKER, SERIES) for x, y in coords)
    return svg.group("cw-series", paths) + svg.group("cw-markers", markers)


def _breaks(frame: _Frame, breaks: list[Break], cat: Catalogue) -> str:
    label = cat("charts.legend.break")
    out = []
    for b in breaks:
        x = frame.left + b.index * frame.slot
        out.append(svg.line(x, BREAK_LABEL_Y + 6, x, PLOT_BOTTOM, AXIS, 2, stroke_dasharray="6 4"))
        if x + 6 + text_width(label) <= WIDTH - RIGHT:
            out.append(svg.text(x + 6, BREAK_LABEL_Y, label))
        else:
            out.append(svg.text(x - 6, BREAK_LABEL_Y, label, anchor="end"))
    return svg.group("cw-breaks", out)


def _gaps(frame: _Frame, points: list[Point]) -> str:
    out = [
        svg.text(frame.x(i), PLOT_BOTTOM - 10, p.gap_label, anchor="middle")
        for i, p in enumerate(points)
        if p.missing
    ]
    return svg.group("cw-gaps", out)


def _value_labels(frame: _Frame, points: list[Point], columns_chart: bool) -> str:
    """Every figure above its marker or column when they all fit; else only the latest.

    Lines that are too crowded carry the latest figure to the right of its marker, in a
    margin kept for it; crowded columns carry it above the column.
    """
    shown = [i for i, p in enumerate(points) if not p.missing]
    if not shown:
        return svg.group("cw-values", [])
    if frame.end_label:
        last = shown[-1]
        p = points[last]
        y = frame.y(p.value or 0.0) + 5
        return svg.group("cw-values", [svg.text(frame.x(last) + MARKER + 6, y, p.shown)])
    if not all(text_width(points[i].shown) + 6 <= frame.slot for i in shown):
        shown = shown[-1:]
    out = []
    for i in shown:
        p = points[i]
        value = p.value or 0.0
        top = frame.y(max(value, p.high if p.high is not None else value))
        y = top - (8 if columns_chart or p.high is not None else MARKER + 7)
        if y - 11 < BREAK_LABEL_Y + 2 and not columns_chart:
            bottom = frame.y(min(value, p.low if p.low is not None else value))
            y = bottom + FONT_SIZE + (6 if p.low is not None else MARKER + 6)
        half = text_width(p.shown) / 2
        x = min(max(frame.x(i), frame.left + half + 4), WIDTH - RIGHT - half)
        out.append(svg.text(x, y, p.shown, anchor="middle"))
    return svg.group("cw-values", out)
