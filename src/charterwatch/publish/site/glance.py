"""Each section at a glance on the home page: a small bar of its measures by status, with the
counts in words beside it (the bar only repeats them, so it is hidden from screen readers),
and its promises by verdict.

The bar is an inline SVG whose parts are sized by attributes, not inline styles, so it draws
under a strict content security policy too, and it scales to any width (WCAG 1.4.10).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

from charterwatch.publish.i18n import Catalogue


@dataclass(frozen=True)
class Part:
    group: str
    count: int
    words: str


@dataclass(frozen=True)
class SectionGlance:
    """One section's card: title, link, its status parts and verdict parts, and the bar."""

    title: str
    href: str
    parts: list[Part]
    verdicts: list[Part]
    bar: str


def bar_svg(parts: Sequence[Part]) -> str:
    """A 100 x 6 bar with one rectangle per part (``cw-fill--<group>``), proportional."""
    total = sum(p.count for p in parts)
    if not total:
        return ""
    rects = []
    x = 0.0
    for p in parts:
        width = 100 * p.count / total
        rects.append(
            f'<rect class="cw-fill--{escape(p.group)}" x="{x:.2f}" y="0" '
            f'width="{max(width - 0.6, 0.4):.2f}" height="6"/>'
        )
        x += width
    return (
        '<svg class="cw-glance-bar" viewBox="0 0 100 6" preserveAspectRatio="none" '
        'aria-hidden="true" focusable="false">' + "".join(rects) + "</svg>"
    )


def section_glance(
    title: str,
    href: str,
    counts: Mapping[str, int],
    order: Sequence[str],
    verdict_counts: Mapping[str, int],
    t: Catalogue,
) -> SectionGlance:
    parts = [
        Part(g, int(counts[g]), t(f"site.home.glance_group.{g}", count=int(counts[g])))
        for g in order
        if counts.get(g)
    ]
    verdicts = [
        Part(v, n, t(f"site.home.glance_verdict.{v}", count=n))
        for v, n in verdict_counts.items()
        if n
    ]
    return SectionGlance(title, href, parts, verdicts, bar_svg(parts))
