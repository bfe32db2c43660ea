"""The chart style: Analysis Function colours, system fonts, text sizes and contrast checks.

Every colour a chart draws with is listed here and has at least 3:1 contrast against the
white background (WCAG 2.2 success criterion 1.4.11, non-text contrast); text is darker still.
Fonts come from the reader's own system, so a chart never downloads anything.
"""

from __future__ import annotations

DARK_BLUE = "#12436D"
TURQUOISE = "#28A197"
DARK_PINK = "#801650"
ORANGE = "#F46A25"
DARK_GREY = "#3D3D3D"
LIGHT_PURPLE = "#A285D1"

CATEGORICAL = (DARK_BLUE, TURQUOISE, DARK_PINK, ORANGE, DARK_GREY, LIGHT_PURPLE)
"""The Analysis Function main categorical palette, in the order it should be used."""

BACKGROUND = "#FFFFFF"
TEXT = "#0B0C0C"
"""Text colour: near-black, as in the GOV.UK and Scottish Government design systems."""

SERIES = DARK_BLUE
"""Lines, markers and bars of the one series a chart shows."""
INTERVAL = ORANGE
"""Error bars for 95% confidence intervals: 3:1 against white and against the dark blue
bars and markers they cross, and told apart from dark blue by every kind of colour vision."""
AXIS = DARK_GREY
"""Axis lines, tick marks and the dashed break-in-series line."""

FONT_FAMILY = (
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, "
    "'Liberation Sans', sans-serif"
)
"""A system font stack: no web fonts, nothing fetched."""

FONT_SIZE = 14
"""Tick labels, value labels and legends, in viewBox units (14px at the natural width)."""
SMALL_FONT_SIZE = 13
"""The smallest text any chart uses (axis labels when years are crowded)."""

CHAR_WIDTH = 0.6
"""A generous estimate of the average character width, as a share of the font size."""


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """An estimate of how wide ``text`` is drawn, used to lay labels out without overlap."""
    return len(text) * size * CHAR_WIDTH


def relative_luminance(colour: str) -> float:
    """WCAG 2.2 relative luminance of a ``#RRGGBB`` colour, from 0 (black) to 1 (white)."""
    value = colour.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"{colour!r} is not a #RRGGBB colour")
    channels = []
    for i in (0, 2, 4):
        c = int(value[i : i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str = BACKGROUND) -> float:
    """The WCAG contrast ratio of two colours, from 1 (none) to 21 (black on white)."""
    a, b = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)
