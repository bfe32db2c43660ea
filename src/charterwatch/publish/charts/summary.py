"""The text summary of a chart: every fact the chart shows, in plain sentences.

A reader who cannot see the chart loses nothing: first and latest figures, highest and
lowest, the overall direction (never across a break in series), breaks with their reasons,
missing years with what their symbol means, and whether the figures are synthetic.
"""

from __future__ import annotations

from collections.abc import Sequence

from charterwatch.publish.charts.data import Break, Point
from charterwatch.publish.i18n import Catalogue


def join(items: Sequence[str], catalogue: Catalogue) -> str:
    """``a``; ``a and b``; ``a, b and c`` (the joining word comes from the catalogue)."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return catalogue("charts.summary.and", first=", ".join(items[:-1]), last=items[-1])


def sentence(text: str) -> str:
    """``text`` ending in a full stop (reasons written in the framework may lack one)."""
    text = text.strip()
    return text if not text or text[-1] in ".!?" else text + "."


def symbol_meaning(symbol: str, catalogue: Catalogue) -> str:
    """What a shorthand symbol such as ``[c]`` means, from the catalogue."""
    letter = symbol.strip("[]").lower()
    try:
        return catalogue(f"charts.symbols.{letter}")
    except KeyError:
        return catalogue("charts.symbols.x")


def _extremes(values: list[Point], catalogue: Catalogue, by_year: bool) -> list[str]:
    """Highest and lowest, compared as printed: figures that read the same count as equal."""
    top = max(values, key=lambda p: p.value or 0.0).shown
    bottom = min(values, key=lambda p: p.value or 0.0).shown
    if top == bottom:
        key = "charts.summary.constant" if by_year else "charts.summary.groups_constant"
        return [catalogue(key, value=top)]
    prefix = "" if by_year else "groups_"
    return [
        catalogue(
            f"charts.summary.{prefix}{name}",
            value=target,
            where=join([p.label for p in values if p.shown == target], catalogue),
        )
        for name, target in (("highest", top), ("lowest", bottom))
    ]


def _gaps(points: list[Point], catalogue: Catalogue, key: str) -> list[str]:
    labels: dict[str, list[str]] = {}
    for p in points:
        if p.missing:
            labels.setdefault(p.gap_label, []).append(p.label)
    return [
        catalogue(
            key,
            where=join(where, catalogue),
            symbol=symbol,
            meaning=symbol_meaning(symbol, catalogue),
        )
        for symbol, where in labels.items()
    ]


def _direction(first: Point, last: Point, catalogue: Catalogue) -> str:
    if first.shown == last.shown:
        return catalogue("charts.summary.same")
    if (last.value or 0.0) > (first.value or 0.0):
        return catalogue("charts.summary.up")
    return catalogue("charts.summary.down")


def _footer(points: list[Point], catalogue: Catalogue, interval_key: str) -> list[str]:
    out = []
    if any(p.interval for p in points):
        out.append(catalogue(interval_key))
    if any(p.synthetic for p in points):
        out.append(catalogue("charts.summary.synthetic"))
    return out


def trend_summary(
    points: list[Point], breaks: list[Break], polarity: str, catalogue: Catalogue
) -> str:
    """The summary of a trend chart, as one paragraph."""
    indexed = [(i, p) for i, p in enumerate(points) if not p.missing]
    values = [p for _, p in indexed]
    out: list[str] = []
    if not values:
        out.append(catalogue("charts.summary.none"))
    elif len(values) == 1:
        out.append(catalogue("charts.summary.one", value=values[0].shown, year=values[0].label))
    else:
        (first_at, first), (last_at, last) = indexed[0], indexed[-1]
        out.append(
            catalogue(
                "charts.summary.range",
                first_year=first.label,
                latest_year=last.label,
                first_value=first.shown,
                latest_value=last.shown,
            )
        )
        if not any(first_at < b.index <= last_at for b in breaks):
            out.append(_direction(first, last, catalogue))
        if len(values) > 2:
            out.extend(_extremes(values, catalogue, by_year=True))
        if polarity in {"higher_is_better", "lower_is_better"}:
            out.append(catalogue(f"charts.summary.{polarity}"))
    for b in breaks:
        out.append(catalogue("charts.summary.break", year=b.year))
        if b.reason:
            out.append(sentence(b.reason))
    if breaks and len(values) > 1:
        since = [(i, p) for i, p in indexed if i >= breaks[-1].index]
        if len(since) > 1 and since[0][0] > indexed[0][0]:
            a, z = since[0][1], since[-1][1]
            out.append(
                catalogue(
                    "charts.summary.since_break",
                    first_year=a.label,
                    latest_year=z.label,
                    first_value=a.shown,
                    latest_value=z.shown,
                )
            )
    out.extend(_gaps(points, catalogue, "charts.summary.gap"))
    out.extend(_footer(points, catalogue, "charts.summary.interval"))
    return " ".join(out)


def breakdown_summary(points: list[Point], dimension: str, year: str, catalogue: Catalogue) -> str:
    """The summary of a breakdown chart, as one paragraph."""
    values = [p for p in points if not p.missing]
    out: list[str] = []
    if not values:
        out.append(catalogue("charts.summary.groups_none", dimension=dimension, year=year))
    else:
        out.append(
            catalogue(
                "charts.summary.groups_intro",
                dimension=dimension,
                year=year,
                count=len(points),
            )
        )
        if len(values) == 1:
            out.append(
                catalogue("charts.summary.groups_one", value=values[0].shown, where=values[0].label)
            )
        else:
            out.extend(_extremes(values, catalogue, by_year=False))
    out.extend(_gaps(points, catalogue, "charts.summary.groups_gap"))
    out.extend(_footer(points, catalogue, "charts.summary.groups_interval"))
    return " ".join(out)
