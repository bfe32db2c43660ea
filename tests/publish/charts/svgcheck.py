"""Reading chart SVG back in the tests: parsing, finding layers, colours and WCAG contrast."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"


def parse(markup: str) -> ET.Element:
    """The root ``<svg>`` element; fails the test if the markup is not well-formed XML."""
    return ET.fromstring(markup)


def layer(root: ET.Element, name: str) -> ET.Element:
    """The ``<g class=name>`` layer of a chart."""
    for g in root.iter(f"{NS}g"):
        if g.get("class") == name:
            return g
    raise AssertionError(f"no layer {name!r} in the chart")


def texts(element: ET.Element) -> list[str]:
    return [t.text or "" for t in element.iter(f"{NS}text")]


def path_points(d: str) -> list[tuple[float, float]]:
    """The points of an ``M x y L x y ...`` path."""
    pairs = re.findall(r"[ML](-?[\d.]+) (-?[\d.]+)", d)
    return [(float(x), float(y)) for x, y in pairs]


def colours(root: ET.Element) -> set[str]:
    """Every fill and stroke colour the chart draws with (the white background left out)."""
    found = set()
    for element in root.iter():
        if element.get("class") == "cw-background":
            continue
        for name in ("fill", "stroke"):
            value = element.get(name)
            if value and value != "none":
                found.add(value.upper())
    return found


def luminance(colour: str) -> float:
    """WCAG 2.2 relative luminance, computed here independently of the chart code."""
    rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_with_white(colour: str) -> float:
    return 1.05 / (luminance(colour) + 0.05)
