"""The organisation pages in Chromium: no axe violation, reflow at 320 px, work without
JavaScript, and the scripts only enhance (filter, sort)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.organisations.conftest import Site
from tests.publish.site.browser import axe_source, chromium, describe, run_axe
from tests.publish.site.reflow import problems_in_every_view

PAGES = {
    "find your organisation": "organisations/index.html",
    "report card": "organisations/L001/index.html",
    "report card (tiny, all withheld)": "organisations/L005/index.html",
    "comparison (funnel)": "measures/M2/organisations/index.html",
    "comparison (records, funnel)": "measures/M1/organisations/index.html",
    "comparison (caterpillar)": "measures/M3/organisations/index.html",
    "measure with organisations": "measures/M1/index.html",
}


@pytest.fixture(scope="module")
def driver() -> Iterator[webdriver.Chrome]:
    browser = chromium()
    try:
        yield browser
    finally:
        browser.quit()


@pytest.mark.browser
@pytest.mark.parametrize("page", sorted(PAGES))
def test_no_axe_violations(site: Site, driver: webdriver.Chrome, page: str) -> None:
    violations = run_axe(driver, site.url + PAGES[page], axe_source())
    assert not violations, describe(violations)


@pytest.mark.browser
@pytest.mark.parametrize("page", sorted(PAGES))
def test_pages_reflow(site: Site, driver: webdriver.Chrome, page: str) -> None:
    """At 320 px, 1280 px, text 200% and WCAG's text spacing (tests/publish/site/reflow.py)."""
    problems = problems_in_every_view(driver, site.url + PAGES[page])
    assert not problems, f"{PAGES[page]}:\n" + "\n".join(problems)


@pytest.mark.browser
def test_find_filters_by_area_as_you_type(site: Site, driver: webdriver.Chrome) -> None:
    driver.get(site.url + "organisations/index.html?q=area+3")
    rows = driver.find_elements(By.CSS_SELECTOR, "#search-index tr")
    shown = [r.text for r in rows if r.is_displayed()]
    assert shown and all("Area 3" in text for text in shown), shown
    assert len(shown) < len(rows)


@pytest.mark.browser
def test_the_table_sorts_by_figure_with_javascript(site: Site, driver: webdriver.Chrome) -> None:
    driver.get(site.url + "measures/M2/organisations/index.html")
    buttons = driver.find_elements(By.CSS_SELECTOR, "table.cw-sortable th button")
    figure = next(b for b in buttons if b.text == "Figure")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", figure)
    figure.send_keys(Keys.ENTER)
    cells = driver.find_elements(By.CSS_SELECTOR, "table.cw-sortable tbody tr td:nth-child(3)")
    values = [c.get_attribute("data-sort") for c in cells]
    numbers = [float(v) for v in values if v]
    assert numbers == sorted(numbers) and len(numbers) >= 5
    assert values[len(numbers) :] == [""] * (len(values) - len(numbers)), "withheld sort last"


@pytest.mark.browser
def test_every_organisation_is_listed_without_javascript(site: Site) -> None:
    browser = chromium(javascript=False)
    try:
        browser.get(site.url + "organisations/index.html?q=area+3")
        rows = browser.find_elements(By.CSS_SELECTOR, "#search-index tr")
        assert len(rows) == 12 and all(r.is_displayed() for r in rows)
    finally:
        browser.quit()
