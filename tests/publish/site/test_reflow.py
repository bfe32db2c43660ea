"""Every page type reads at 320 CSS px with no sideways scrolling, at 1280 px, with text at
200% and with WCAG's text spacing, and no text is cut off (WCAG 2.2 1.4.10, 1.4.4, 1.4.12).
A self-test proves the check catches a page that overflows and passes one that scrolls a
wide table inside its own region."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from selenium import webdriver

from charterwatch.publish.serve import serve_in_background
from tests.conftest import Example
from tests.publish.site.browser import chromium
from tests.publish.site.conftest import BuiltSite
from tests.publish.site.reflow import problems_in_every_view, reflow_problems
from tests.publish.site.test_accessibility import EXAMPLE_PAGES, PAGE_TYPES


@pytest.fixture(scope="module")
def driver() -> Iterator[webdriver.Chrome]:
    browser = chromium()
    try:
        yield browser
    finally:
        browser.quit()


@pytest.mark.browser
@pytest.mark.parametrize("page", sorted(PAGE_TYPES))
def test_every_page_type_reflows(
    built_site: BuiltSite, driver: webdriver.Chrome, page: str
) -> None:
    problems = problems_in_every_view(driver, built_site.url + PAGE_TYPES[page])
    assert not problems, f"{PAGE_TYPES[page]}:\n" + "\n".join(problems)


@pytest.fixture(scope="module")
def example_url(example: Example) -> Iterator[str]:
    server, url = serve_in_background(example.site.out)
    try:
        yield url
    finally:
        server.shutdown()


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("page", sorted(EXAMPLE_PAGES))
def test_every_example_page_reflows(example_url: str, driver: webdriver.Chrome, page: str) -> None:
    problems = problems_in_every_view(driver, example_url + EXAMPLE_PAGES[page])
    assert not problems, f"{EXAMPLE_PAGES[page]}:\n" + "\n".join(problems)


@pytest.mark.browser
def test_the_check_catches_an_overflowing_page_and_allows_a_scroll_region(
    built_site: BuiltSite, driver: webdriver.Chrome
) -> None:
    out = built_site.report.out
    wide = out / "reflow-self-test-wide.html"
    region = out / "reflow-self-test-region.html"
    cut = out / "reflow-self-test-cut.html"
    head = (
        '<!DOCTYPE html><html lang="en"><head><meta name="viewport" '
        'content="width=device-width"><title>t</title></head><body>'
    )
    wide.write_text(head + '<main><div style="width:600px">too wide</div></main></body></html>')
    region.write_text(
        head + '<main><div role="region" tabindex="0" aria-label="t" style="overflow-x:auto">'
        '<table style="width:900px"><tr><td>wide table</td></tr></table></div></main></body></html>'
    )
    cut.write_text(
        head + '<main><p style="width:100px;height:1.2em;overflow:hidden">'
        "a sentence far too long for its box</p></main></body></html>"
    )
    try:
        too_wide = reflow_problems(driver, built_site.url + wide.name, 320)
        scrolls = reflow_problems(driver, built_site.url + region.name, 320)
        clipped = reflow_problems(driver, built_site.url + cut.name, 320)
    finally:
        for f in (wide, region, cut):
            f.unlink()
    assert too_wide and "div" in too_wide[0] and "320 px viewport" in too_wide[0]
    assert scrolls == []
    assert clipped and "text cut off" in clipped[0]
