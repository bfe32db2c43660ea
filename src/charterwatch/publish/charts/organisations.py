"""Charts comparing organisations fairly: a funnel plot or a caterpillar plot.

- **Funnel** (shares and rates per 1,000): each organisation's figure (y) against its base
  (x), with the national figure as a solid line and the 95% (dashed) and 99.8% (dotted)
  control limits narrowing as the base grows. An organisation outside the 95% limits is
  drawn as a square, not a circle, so the difference never rests on colour alone.
- **Caterpillar** (anything else): organisations side by side, ordered by their figure, each
  with its 95% interval as a vertical line, and the national figure across. Ordering by the
  figure shows how much the intervals overlap; it is not a league table, and the page names
  only the organisations whose interval excludes the national figure.

Both are a fixed size however many organisations there are, and come with a text summary;
the page's sortable table holds every figure.
"""

from __future__ import annotations

from collections.abc import Callable

from charterwatch.publish.charts import svg
from charterwatch.publish.charts.chart import Chart, columns, notes
from charterwatch.publish.charts.data import point, table_rows
from charterwatch.publish.charts.scale import Axis, value_axis
from charterwatch.publish.charts.style import (
    AXIS,
    DARK_PINK,
    INTERVAL,
    SERIES,
    SMALL_FONT_SIZE,
    text_width,
)
from charterwatch.publish.formatting import value_text
from charterwatch.publish.i18n import Catalogue
from charterwatch.publish.organisations import MeasureComparison, Method, OrganisationRow
from charterwatch.stats.funnel import LEVELS

WIDTH = 640.0
HEIGHT = 420.0
TOP = 56.0
BOTTOM = 56.0
RIGHT = 28.0
CURVE_POINTS = 64
OUTSIDE = DARK_PINK
"""Organisations outside the 95% limits (also drawn as squares)."""


def comparison_chart(comparison: MeasureComparison, catalogue: Catalogue | None = None) -> Chart:
    """The funnel or caterpillar chart of a measure's organisations, with summary and table."""
    cat = catalogue or Catalogue()
    view = comparison.view
    unit = view.measure.unit.value
    shown = comparison.shown
    title = cat(
        f"charts.organisations.title_{comparison.method.value}",
        measure=view.measure.title,
        year=comparison.year,
        noun=comparison.noun,
    )
    summary = _summary(comparison, cat)
    if comparison.method is Method.FUNNEL:
        body = _funnel(comparison, shown, cat)
    else:
        body = _caterpillar(comparison, shown, cat)
    markup = svg.document(
        width=WIDTH,
        height=HEIGHT,
        id_base=f"chart-{view.measure.id}-organisations",
        title=title,
        desc=summary,
        class_name=f"cw-chart cw-chart--{comparison.method.value}",
        body=body,
    )
    table = table_rows([point(r.organisation.name, r.figure, unit) for r in comparison.rows])
    return Chart(
        svg=markup,
        summary=summary,
        table=table,
        title=title,
        columns=columns(cat("charts.organisations.organisation"), cat),
        notes=notes(table, cat),
    )


def _summary(comparison: MeasureComparison, cat: Catalogue) -> str:
    national = comparison.national
    parts = [
        cat(
            "charts.organisations.summary_count",
            shown=len(comparison.shown),
            total=len(comparison.rows),
            nouns=comparison.nouns,
        )
    ]
    if national is not None and national.value is not None:
        parts.append(
            cat(
                "charts.organisations.summary_national",
                value=value_text(national.value, national.unit),
            )
        )
    outside = [r for r in comparison.rows if r.outside]
    if not comparison.judged:
        parts.append(cat("charts.organisations.summary_not_judged", noun=comparison.noun))
    else:
        key = "summary_outside" if outside else "summary_none_outside"
        method = comparison.method.value
        parts.append(cat(f"charts.organisations.{key}_{method}", count=len(outside)))
    return " ".join(parts)


def _y_axis(comparison: MeasureComparison, shown: list[OrganisationRow]) -> Axis:
    """The value axis holding every figure, interval and the national figure."""
    values = [float(r.figure.value) for r in shown if r.figure and r.figure.value is not None]
    for r in shown:
        if r.figure is not None:
            values += [v for v in (r.figure.ci_low, r.figure.ci_high) if v is not None]
    national = comparison.national
    if national is not None and national.value is not None:
        values.append(national.value)
    return value_axis(values, comparison.view.measure.unit.value)


def _frame(axis: Axis, left: float, bottom_y: float, top_y: float) -> list[str]:
    """The y axis with its ticks and gridless labels."""
    out = [svg.line(left, top_y, left, bottom_y, AXIS)]
    for tick in axis.ticks:
        y = axis.position(tick, bottom_y, top_y)
        out.append(svg.line(left - 4, y, left, y, AXIS))
        out.append(svg.text(left - 8, y + 5, axis.label(tick), anchor="end"))
    return out


def _left(axis: Axis) -> float:
    return max(text_width(axis.label(t)) for t in axis.ticks) + 16.0


def _funnel(
    comparison: MeasureComparison, shown: list[OrganisationRow], cat: Catalogue
) -> list[str]:
    bases = [float(r.figure.base) for r in shown if r.figure and r.figure.base]
    x_axis = value_axis(bases or [1.0], "count")
    y_axis = _y_axis(comparison, shown)
    left, right = _left(y_axis), WIDTH - RIGHT
    bottom_y, top_y = HEIGHT - BOTTOM, TOP

    def x(base: float) -> float:
        return x_axis.position(base, left, right)

    def y(value: float) -> float:
        clipped = min(max(value, y_axis.low), y_axis.high)
        return y_axis.position(clipped, bottom_y, top_y)

    curves: list[str] = []
    national = comparison.national
    if national is not None and national.value is not None:
        curves.append(svg.line(left, y(national.value), right, y(national.value), SERIES, 2))
        first = max(x_axis.high / CURVE_POINTS, 1.0)
        steps = [first + (x_axis.high - first) * i / CURVE_POINTS for i in range(CURVE_POINTS + 1)]
        for level, dash in zip(LEVELS, ("6 4", "2 3"), strict=True):
            for side in ("low", "high"):
                points = []
                for base in steps:
                    limits = comparison.limits(base, level)
                    if limits is not None:
                        points.append((x(base), y(getattr(limits, side))))
                if points:
                    curves.append(svg.path(points, AXIS, 1.5, stroke_dasharray=dash))
    marks = _marks([(x(float(r.figure.base or 0)), r) for r in shown if r.figure], y)
    x_ticks = [svg.line(left, bottom_y, right, bottom_y, AXIS)]
    for tick in x_axis.ticks:
        x_ticks.append(svg.line(x(tick), bottom_y, x(tick), bottom_y + 4, AXIS))
        x_ticks.append(svg.text(x(tick), bottom_y + 20, x_axis.label(tick), anchor="middle"))
    x_ticks.append(
        svg.text((left + right) / 2, HEIGHT - 10, cat("charts.organisations.base_axis"), "middle")
    )
    return [
        _legend(cat, funnel=True),
        svg.group("cw-axes", [*_frame(y_axis, left, bottom_y, top_y), *x_ticks]),
        svg.group("cw-limits", curves),
        svg.group("cw-organisations", marks),
    ]


def _caterpillar(
    comparison: MeasureComparison, shown: list[OrganisationRow], cat: Catalogue
) -> list[str]:
    ordered = sorted(shown, key=lambda r: float(r.figure.value or 0) if r.figure else 0.0)
    y_axis = _y_axis(comparison, shown)
    left, right = _left(y_axis), WIDTH - RIGHT
    bottom_y, top_y = HEIGHT - BOTTOM, TOP
    step = (right - left) / max(len(ordered), 1)

    def y(value: float) -> float:
        return y_axis.position(value, bottom_y, top_y)

    lines: list[str] = []
    placed = []
    for i, row in enumerate(ordered):
        at = left + step * (i + 0.5)
        figure = row.figure
        if figure is not None and figure.ci_low is not None and figure.ci_high is not None:
            lines.append(svg.line(at, y(figure.ci_low), at, y(figure.ci_high), INTERVAL, 1.5))
        placed.append((at, row))
    national = comparison.national
    if national is not None and national.value is not None:
        lines.append(svg.line(left, y(national.value), right, y(national.value), SERIES, 2))
    axis = [
        *_frame(y_axis, left, bottom_y, top_y),
        svg.line(left, bottom_y, right, bottom_y, AXIS),
        svg.text((left + right) / 2, HEIGHT - 10, cat("charts.organisations.order_axis"), "middle"),
    ]
    return [
        _legend(cat, funnel=False),
        svg.group("cw-axes", axis),
        svg.group("cw-intervals", lines),
        svg.group("cw-organisations", _marks(placed, y)),
    ]


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _marks(placed: list[tuple[float, OrganisationRow]], y: Callable[[float], float]) -> list[str]:
    """A circle per organisation inside the limits (or not judged), a square outside."""
    out = []
    for at, row in placed:
        if row.figure is None or row.figure.value is None:
            continue
        cy = y(float(row.figure.value))
        if row.outside:
            out.append(svg.rect(at - 4, cy - 4, 8, 8, OUTSIDE))
        else:
            out.append(svg.circle(at, cy, 3.5, SERIES))
    return out


def _legend(cat: Catalogue, *, funnel: bool) -> str:
    """The key, on two rows across the top."""
    y1, y2 = 18.0, 40.0
    out = [
        svg.line(12, y1 - 5, 40, y1 - 5, SERIES, 2),
        svg.text(46, y1, cat("charts.organisations.legend_national"), size=SMALL_FONT_SIZE),
    ]
    x = 60 + text_width(cat("charts.organisations.legend_national"), SMALL_FONT_SIZE)
    if funnel:
        for key, dash in (("legend_95", "6 4"), ("legend_998", "2 3")):
            out.append(svg.path([(x, y1 - 5), (x + 28, y1 - 5)], AXIS, 1.5, stroke_dasharray=dash))
            out.append(
                svg.text(x + 34, y1, cat(f"charts.organisations.{key}"), size=SMALL_FONT_SIZE)
            )
            x += 48 + text_width(cat(f"charts.organisations.{key}"), SMALL_FONT_SIZE)
    else:
        out.append(svg.line(x + 14, y1 - 12, x + 14, y1 + 2, INTERVAL, 1.5))
        out.append(svg.text(x + 24, y1, cat("charts.legend.interval"), size=SMALL_FONT_SIZE))
    out.append(svg.circle(16, y2 - 5, 3.5, SERIES))
    label = cat("charts.organisations.legend_within")
    out.append(svg.text(26, y2, label, size=SMALL_FONT_SIZE))
    x = 40 + text_width(label, SMALL_FONT_SIZE)
    out.append(svg.rect(x, y2 - 9, 8, 8, OUTSIDE))
    out.append(
        svg.text(x + 14, y2, cat("charts.organisations.legend_outside"), size=SMALL_FONT_SIZE)
    )
    return svg.group("cw-legend", out)
