"""The summary's small status bars: inline SVG with a title, beside a table of the same counts.

A bar is a picture of one section's counts (better, the same, worse, other). Its ``<title>``
says the counts in words, which WeasyPrint writes as the figure's alternative text; the
counts table on the same page carries every number, so the bar adds nothing a reader of the
text would miss. Segments are separated by white gaps, so they do not rely on colour alone.
"""

from __future__ import annotations

from html import escape

from charterwatch.publish.printed.render import PALETTE

SEGMENTS = (("better", "better"), ("same", "same"), ("worse", "worse"), ("other", "other"))
WIDTH = 1000
HEIGHT = 40


def status_bar(title: str, counts: dict[str, int]) -> str:
    """An inline SVG bar of ``counts`` (keys better, same, worse, other) titled ``title``."""
    total = sum(counts.get(key, 0) for key, _ in SEGMENTS)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="bar" role="img" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" preserveAspectRatio="none">',
        f"<title>{escape(title)}</title>",
    ]
    x = 0.0
    for key, colour in SEGMENTS:
        n = counts.get(key, 0)
        if not n or not total:
            continue
        width = WIDTH * n / total
        parts.append(
            f'<rect x="{x:.1f}" y="0" width="{max(width - 4, 1):.1f}" height="{HEIGHT}" '
            f'fill="{PALETTE[colour]}"/>'
        )
        x += width
    parts.append("</svg>")
    return "".join(parts)
