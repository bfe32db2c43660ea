"""Writing SVG markup by hand: escaped text, fixed-precision numbers, the accessible wrapper.

Charts are plain strings built in a fixed order, so the same figures always give the same
bytes. Nothing here fetches, scripts or links to anything outside the markup.
"""

from __future__ import annotations

import re
from html import escape

from charterwatch.publish.charts.style import BACKGROUND, FONT_FAMILY, FONT_SIZE, TEXT


def num(value: float) -> str:
    """A coordinate to one decimal place, without a trailing ``.0`` or a negative zero."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def esc(text: str) -> str:
    """Text made safe for element content and double-quoted attributes."""
    return escape(text, quote=True)


def attrs(values: dict[str, str | float]) -> str:
    """`` name="value"`` pairs in the order given; numbers go through :func:`num`."""
    parts = []
    for name, value in values.items():
        shown = value if isinstance(value, str) else num(value)
        parts.append(f' {name}="{esc(shown)}"')
    return "".join(parts)


def line(
    x1: float, y1: float, x2: float, y2: float, stroke: str, width: float = 1, **extra: str
) -> str:
    """A straight line; ``extra`` adds attributes such as ``stroke-dasharray``."""
    more = {k.replace("_", "-"): v for k, v in extra.items()}
    base: dict[str, str | float] = {"x1": x1, "y1": y1, "x2": x2, "y2": y2, "stroke": stroke}
    base["stroke-width"] = width
    return f"<line{attrs({**base, **more})}/>"


def rect(x: float, y: float, width: float, height: float, fill: str) -> str:
    """A filled rectangle."""
    return f"<rect{attrs({'x': x, 'y': y, 'width': width, 'height': height, 'fill': fill})}/>"


def circle(cx: float, cy: float, r: float, fill: str) -> str:
    """A filled circle (a data marker)."""
    return f"<circle{attrs({'cx': cx, 'cy': cy, 'r': r, 'fill': fill})}/>"


def text(
    x: float,
    y: float,
    content: str,
    anchor: str = "start",
    size: float = FONT_SIZE,
    fill: str = TEXT,
    weight: str = "",
) -> str:
    """A text label; ``anchor`` is ``start``, ``middle`` or ``end``."""
    values: dict[str, str | float] = {"x": x, "y": y}
    if anchor != "start":
        values["text-anchor"] = anchor
    if size != FONT_SIZE:
        values["font-size"] = size
    if fill != TEXT:
        values["fill"] = fill
    if weight:
        values["font-weight"] = weight
    return f"<text{attrs(values)}>{esc(content)}</text>"


def path(points: list[tuple[float, float]], stroke: str, width: float = 2.5, **extra: str) -> str:
    """An unfilled polyline through ``points`` (one unbroken run of the series); ``extra``
    adds attributes such as ``stroke-dasharray``."""
    d = " ".join(f"{'M' if i == 0 else 'L'}{num(x)} {num(y)}" for i, (x, y) in enumerate(points))
    values: dict[str, str | float] = {"d": d, "fill": "none", "stroke": stroke}
    values["stroke-width"] = width
    values["stroke-linejoin"] = "round"
    values["stroke-linecap"] = "round"
    values.update({k.replace("_", "-"): v for k, v in extra.items()})
    return f"<path{attrs(values)}/>"


def group(class_name: str, children: list[str]) -> str:
    """A ``<g>`` with a class, so pages and tests can find each layer of a chart."""
    return f'<g class="{esc(class_name)}">' + "".join(children) + "</g>"


def safe_id(text: str) -> str:
    """An HTML id made from any text: letters, digits, ``-`` and ``_`` only."""
    cleaned = re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-")
    return cleaned or "chart"


def document(
    *,
    width: float,
    height: float,
    id_base: str,
    title: str,
    desc: str,
    class_name: str,
    body: list[str],
) -> str:
    """The ``<svg>`` element: role img, title and desc named by ``aria-labelledby``, viewBox.

    It scales to the width of its container and keeps its shape; the white background keeps
    every colour's contrast true even on a tinted panel.
    """
    ident = safe_id(id_base)
    title_id, desc_id = f"{ident}-title", f"{ident}-desc"
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {num(width)} {num(height)}"'
        f' width="100%" role="img" aria-labelledby="{title_id} {desc_id}"'
        f' class="{esc(class_name)}" font-family="{esc(FONT_FAMILY)}" font-size="{FONT_SIZE}"'
        f' fill="{TEXT}">'
    )
    return (
        head
        + f'<title id="{title_id}">{esc(title)}</title>'
        + f'<desc id="{desc_id}">{esc(desc)}</desc>'
        + f'<rect class="cw-background" width="{num(width)}" height="{num(height)}"'
        + f' fill="{BACKGROUND}"/>'
        + "".join(body)
        + "</svg>"
    )
