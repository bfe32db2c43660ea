"""Turning the printed outputs' templates into tagged PDF/UA-1 files, offline and repeatably.

One place owns the WeasyPrint call so all three PDFs are made the same way: PDF/UA-1 (tagged,
with the document language, title and bookmarks from the headings), local fonts only, a URL
fetcher that refuses every fetch, a colour palette whose pairs are checked for contrast, and
metadata dates taken from the publication year rather than the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from charterwatch import __version__
from charterwatch.publish.contact_routes import TEMPLATES as SHARED_TEMPLATES
from charterwatch.publish.links import safe_link

TEMPLATES = Path(__file__).resolve().parent / "templates"

PDF_VARIANT = "pdf/ua-1"
"""WeasyPrint's PDF/UA-1 variant: tagged PDF 1.7 with the PDF/UA identification metadata."""

FONT_FAMILY = '"DejaVu Sans", "Liberation Sans", sans-serif'
"""Local fonts only (Debian's fonts-dejavu-core); no web font is ever fetched."""

PALETTE: dict[str, str] = {
    "text": "#1b1b1b",
    "background": "#ffffff",
    "heading": "#0b3b60",
    "muted": "#434343",
    "rule": "#5f6b77",
    "link": "#0b3b60",
    "better": "#00612e",
    "same": "#1f4e8c",
    "worse": "#a3001c",
    "other": "#595959",
    "notice_text": "#1b1b1b",
    "notice_background": "#fff1c2",
    "notice_border": "#7a4d00",
    "panel_background": "#eef3f8",
    "table_head_background": "#dfe8f1",
}
"""Every colour the printed outputs use; the pairs below must contrast at least 4.5:1."""

CONTRAST_PAIRS: list[tuple[str, str]] = [
    (fg, bg)
    for bg in ("background", "panel_background", "table_head_background")
    for fg in ("text", "heading", "muted", "link", "better", "same", "worse", "other")
] + [("notice_text", "notice_background"), ("heading", "notice_background")]
"""(foreground, background) pairs of :data:`PALETTE` that appear together as text."""

BAR_COLOURS = ("better", "same", "worse", "other")
"""Colours of the summary's bars: graphics, checked for 3:1 against the page (WCAG 1.4.11)."""


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """The WCAG relative luminance of a ``#rrggbb`` colour."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two ``#rrggbb`` colours, from 1 to 21."""
    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string (for ``content:`` in page margins)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ")
    return f'"{escaped}"'


def page_label(template: str) -> str:
    """A catalogue text such as ``Page {number} of {total}`` as a CSS ``content`` value."""
    marker_n, marker_t = "\x00N\x00", "\x00T\x00"
    text = template.format(number=marker_n, total=marker_t)
    parts: list[str] = []
    for i, piece in enumerate(text.split(marker_n)):
        if i:
            parts.append("counter(page)")
        for j, bit in enumerate(piece.split(marker_t)):
            if j:
                parts.append("counter(pages)")
            if bit:
                parts.append(css_string(bit))
    return " ".join(parts)


def publication_date(year: str) -> dt.date:
    """The date stamped on a release's PDFs: the last day of its financial year (31 March)."""
    try:
        return dt.date(int(year[:4]) + 1, 3, 31)
    except ValueError:
        return dt.date(2000, 1, 1)


@cache
def environment() -> Environment:
    """The Jinja environment of the printed templates (HTML escaped, undefined names fail)."""
    env = Environment(
        loader=FileSystemLoader([str(TEMPLATES), str(SHARED_TEMPLATES)]),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["css_string"] = css_string
    env.filters["safe_link"] = safe_link
    return env


def offline_fetcher() -> URLFetcher:
    """A WeasyPrint URL fetcher that refuses every URL and stops the rendering if asked."""
    return URLFetcher(allowed_protocols=(), fail_on_errors=True)


@dataclass
class Rendered:
    """A laid-out document, ready to write, and how many pages it has."""

    document: Any
    pages: int

    def write(self, out: Path) -> Path:
        out.parent.mkdir(parents=True, exist_ok=True)
        self.document.write_pdf(out, pdf_variant=PDF_VARIANT, pdf_tags=True, pdf_identifier=True)
        return out


def render(template: str, context: Mapping[str, Any], stylesheet: str) -> Rendered:
    """Render one template with its stylesheet and lay it out (nothing is written yet)."""
    env = environment()
    html = env.get_template(template).render(**context)
    css = env.get_template(stylesheet).render(palette=PALETTE, font_family=FONT_FAMILY, **context)
    fetcher = offline_fetcher()
    document = HTML(string=html, base_url=str(TEMPLATES), url_fetcher=fetcher).render(
        stylesheets=[CSS(string=css, url_fetcher=fetcher)],
        pdf_variant=PDF_VARIANT,
        pdf_tags=True,
    )
    return Rendered(document, len(document.pages))


def render_to_fit(
    template: str,
    stylesheet: str,
    contexts: list[Callable[[], Mapping[str, Any]]],
    max_pages: int,
) -> Rendered:
    """Render the first context (fullest first) that fits in ``max_pages`` pages.

    Each context holds no more than the one before it (the fits are listed from fullest to
    shortest), so its page count is no larger, and the first that fits is found by halving
    the list: four layouts at most instead of up to nine (a layout of the leaflet takes
    about half a second). Raises ValueError naming the page count when even the shortest
    does not fit.
    """
    if not contexts:
        raise ValueError(f"{template} has no layout to try")
    tried: dict[int, Rendered] = {}

    def at(index: int) -> Rendered:
        if index not in tried:
            tried[index] = render(template, contexts[index](), stylesheet)
        return tried[index]

    if at(0).pages <= max_pages:
        return tried[0]
    low, high = 0, len(contexts)  # contexts[low] does not fit; none past the end is tried
    while high - low > 1:
        middle = (low + high) // 2
        if at(middle).pages <= max_pages:
            high = middle
        else:
            low = middle
    if high == len(contexts):
        raise ValueError(
            f"{template} takes {at(high - 1).pages} pages even at its shortest; "
            f"the limit is {max_pages}"
        )
    return tried[high]


def generator() -> str:
    return f"charterwatch {__version__}"
