"""axe-core in Debian's Chromium reports no WCAG 2.2 A/AA violation on any page type, and
every control on a page can be reached with the keyboard."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from selenium import webdriver

from charterwatch.publish.serve import serve_in_background
from tests.conftest import Example
from tests.publish.site.browser import axe_source, chromium, describe, run_axe, tab_through
from tests.publish.site.conftest import BuiltSite

PAGE_TYPES = {
    "home": "index.html",
    "easy read": "easy-read/index.html",
    "section": "sections/FS1/index.html",
    "commitment": "commitments/1.1/index.html",
    "measure (survey)": "measures/KIND/index.html",
    "measure (duration)": "measures/TIME/index.html",
    "measure (no data)": "measures/NONE/index.html",
    "glossary": "glossary/index.html",
    "challenge": "challenge/index.html",
    "what to expect": "what-to-expect/index.html",
    "accessibility": "accessibility/index.html",
    "release": "release/index.html",
    "previous years": "years/index.html",
    "downloads": "downloads/index.html",
    "search": "search/index.html",
    "improvement plan": "improvement-plan/index.html",
    "recommendations": "recommendations/index.html",
    "you said, we did": "you-said-we-did/index.html",
}

EXAMPLE_PAGES = {
    "home": "index.html",
    "easy read": "easy-read/index.html",
    "section": "sections/FS2/index.html",
    "commitment": "commitments/2.2/index.html",
    "measure with breakdowns and a break": "measures/M2.02/index.html",
    "survey measure by equality group": "measures/M1.01/index.html",
    "qualitative measure": "measures/M3.02/index.html",
    "published-figure measure": "measures/M4.06/index.html",
    "improvement plan": "improvement-plan/index.html",
    "recommendations": "recommendations/index.html",
    "you said, we did": "you-said-we-did/index.html",
    "what to expect": "what-to-expect/index.html",
    "previous years": "years/index.html",
    "downloads": "downloads/index.html",
    "search": "search/index.html?q=ADP",
    "glossary": "glossary/index.html",
    "what changed in the charter": "charter-changes/index.html",
}


@pytest.fixture(scope="module")
def driver() -> Iterator[webdriver.Chrome]:
    browser = chromium()
    try:
        yield browser
    finally:
        browser.quit()


@pytest.mark.browser
@pytest.mark.parametrize("page", sorted(PAGE_TYPES))
def test_no_axe_violations(built_site: BuiltSite, driver: webdriver.Chrome, page: str) -> None:
    violations = run_axe(driver, built_site.url + PAGE_TYPES[page], axe_source())
    assert not violations, describe(violations)


@pytest.mark.browser
@pytest.mark.parametrize("page", ["home", "search", "measure (survey)"])
def test_every_control_is_reachable_by_keyboard(
    built_site: BuiltSite, driver: webdriver.Chrome, page: str
) -> None:
    focusable, reached = tab_through(driver, built_site.url + PAGE_TYPES[page])
    assert focusable, "the page has no controls at all"
    missing = focusable - reached
    assert not missing, f"not reachable with Tab: {sorted(missing)[:5]}"


@pytest.mark.browser
def test_axe_really_runs_and_catches_a_broken_page(
    built_site: BuiltSite, driver: webdriver.Chrome
) -> None:
    broken = built_site.report.out / "broken-for-test.html"
    broken.write_text(
        "<!DOCTYPE html><html><head><title>x</title></head><body>"
        '<main><img src="x.png"><a href="#"></a></main></body></html>',
        encoding="utf-8",
    )
    try:
        violations = run_axe(driver, built_site.url + "broken-for-test.html", axe_source())
    finally:
        broken.unlink()
    found = {v["id"] for v in violations}
    assert {"image-alt", "html-has-lang", "link-name"} <= found


@pytest.mark.browser
@pytest.mark.parametrize("page", ["home", "measure (survey)", "search", "easy read"])
def test_content_shows_without_javascript(built_site: BuiltSite, page: str) -> None:
    from selenium.webdriver.common.by import By

    browser = chromium(javascript=False)
    try:
        browser.get(built_site.url + PAGE_TYPES[page])
        text = browser.find_element(By.TAG_NAME, "main").text
    finally:
        browser.quit()
    source = (built_site.report.out / PAGE_TYPES[page]).read_text("utf-8")
    assert len(text) > 100
    assert "<noscript" not in source
    flat = " ".join(text.split())
    for heading in browser_free_headings(source):
        assert heading in flat


def browser_free_headings(html: str) -> list[str]:
    import re

    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", html, flags=re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", h).split()) for h in headings][:5]


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
def test_no_axe_violations_on_the_example(
    example_url: str, driver: webdriver.Chrome, page: str
) -> None:
    violations = run_axe(driver, example_url + EXAMPLE_PAGES[page], axe_source())
    assert not violations, describe(violations)


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("page", ["improvement plan", "measure with breakdowns and a break"])
def test_example_controls_are_reachable_by_keyboard(
    example_url: str, driver: webdriver.Chrome, page: str
) -> None:
    focusable, reached = tab_through(driver, example_url + EXAMPLE_PAGES[page])
    missing = focusable - reached
    assert not missing, f"not reachable with Tab: {sorted(missing)[:5]}"


@pytest.mark.browser
def test_search_finds_pages_from_disk_without_a_server(
    built_site: BuiltSite, driver: webdriver.Chrome
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get((built_site.report.out / "search/index.html").as_uri())  # straight from disk
    assert not driver.find_element(By.ID, "search-plain").is_displayed()  # the script runs
    driver.find_element(By.ID, "q").send_keys("kind")
    hits = driver.find_elements(By.CSS_SELECTOR, "#search-hits li")
    assert hits and "kind" in hits[0].find_element(By.TAG_NAME, "a").text.lower()
    assert all(h.find_element(By.CSS_SELECTOR, ".cw-index__kind").text for h in hits)
    assert not driver.find_element(By.ID, "search-a-to-z").is_displayed()
    status = driver.find_element(By.ID, "search-results")
    assert status.get_attribute("aria-live") == "polite"
    WebDriverWait(driver, 5).until(lambda d: "found for “kind”" in status.text)
    heading = driver.find_element(By.ID, "search-hits-heading")
    assert heading.is_displayed() and heading.tag_name == "h2"


@pytest.mark.browser
def test_search_without_javascript_says_so_and_lists_every_page(built_site: BuiltSite) -> None:
    from selenium.webdriver.common.by import By

    browser = chromium(javascript=False)
    try:
        browser.get(built_site.url + "search/index.html?q=kind")
        assert "not running scripts" in browser.find_element(By.ID, "search-plain").text
        listed = browser.find_elements(By.CSS_SELECTOR, "#search-index li")
        pages = set(built_site.report.pages) - {"search/index.html"}
        assert len(listed) == len(pages) + len(built_site.pipeline.framework.glossary)
        assert all(li.is_displayed() for li in listed)
    finally:
        browser.quit()


@pytest.mark.browser
@pytest.mark.slow
def test_improvement_plan_filters_by_status_and_section(
    example_url: str, driver: webdriver.Chrome
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    driver.get(example_url + "improvement-plan/index.html")
    rows = driver.find_elements(By.CSS_SELECTOR, "#plan-table tbody tr")
    assert len(rows) >= 10 and all(r.is_displayed() for r in rows)
    Select(driver.find_element(By.ID, "f-status")).select_by_value("overdue")
    shown = [r.get_attribute("id") for r in rows if r.is_displayed()]
    assert shown == ["A-2023-04"]
    Select(driver.find_element(By.ID, "f-status")).select_by_value("")
    Select(driver.find_element(By.ID, "f-section")).select_by_value("FS2")
    shown = [r for r in rows if r.is_displayed()]
    assert 0 < len(shown) < len(rows)
    assert all("FS2" in (r.get_attribute("data-section") or "") for r in shown)
