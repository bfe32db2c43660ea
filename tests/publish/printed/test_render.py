"""The shared rendering rules: contrast, local fonts, no fetching, catalogue keys, dates."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from charterwatch.publish.i18n import Catalogue
from charterwatch.publish.printed.charts import status_bar
from charterwatch.publish.printed.render import (
    BAR_COLOURS,
    CONTRAST_PAIRS,
    PALETTE,
    TEMPLATES,
    contrast_ratio,
    environment,
    offline_fetcher,
    page_label,
    publication_date,
)


def test_contrast_ratio_of_known_colours() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize(("fg", "bg"), CONTRAST_PAIRS)
def test_text_colours_contrast_at_least_4_5(fg: str, bg: str) -> None:
    assert contrast_ratio(PALETTE[fg], PALETTE[bg]) >= 4.5


@pytest.mark.parametrize("colour", BAR_COLOURS)
def test_bar_colours_contrast_at_least_3_with_the_page(colour: str) -> None:
    assert contrast_ratio(PALETTE[colour], PALETTE["background"]) >= 3


def test_css_uses_only_palette_colours_and_local_fonts() -> None:
    css = (
        environment()
        .get_template("print.css.j2")
        .render(palette=PALETTE, font_family='"DejaVu Sans"', page_label='"Page"', kind="full")
    )
    assert "url(" not in css and "@import" not in css and "@font-face" not in css
    colours = set(re.findall(r"#[0-9a-fA-F]{6}\b", css))
    assert colours <= set(PALETTE.values())
    sizes = [float(s) for s in re.findall(r"body \{ font-size: ([\d.]+)pt", css)]
    assert sizes and min(sizes) >= 11


def test_offline_fetcher_refuses_every_url() -> None:
    fetcher = offline_fetcher()
    for url in ("https://example.org/font.woff2", "http://example.org/x.css", "file:///etc/hosts"):
        with pytest.raises(ValueError, match="disallowed protocol"):
            fetcher(url)


def test_page_label_becomes_css_counters() -> None:
    assert page_label("Page {number} of {total}") == '"Page " counter(page) " of " counter(pages)'
    assert page_label('{number}/"{total}"') == 'counter(page) "/\\"" counter(pages) "\\""'


def test_publication_date_is_the_end_of_the_financial_year() -> None:
    assert publication_date("2022-23") == dt.date(2023, 3, 31)


def test_status_bar_has_an_escaped_title() -> None:
    svg = status_bar("A & B: 2 better", {"better": 2, "same": 1, "worse": 0, "other": 1})
    assert "<title>A &amp; B: 2 better</title>" in svg
    assert svg.count("<rect") == 3


def test_every_catalogue_key_in_the_templates_exists() -> None:
    keys = Catalogue().keys()
    used: set[str] = set()
    for path in TEMPLATES.glob("*.j2"):
        used |= set(re.findall(r't\("([a-z_.]+)"', path.read_text(encoding="utf-8")))
    assert used
    assert used - keys == set()
