"""The search on the built example site finds what people type, in Debian's Chromium, from
disk (no server): "challenge", "appeal", "ADP" and "complain" bring the right pages first,
through the glossary's synonyms and abbreviations and matching the start of a word."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.conftest import Example
from tests.publish.site.browser import chromium

CHALLENGE = "challenge/index.html"


@pytest.fixture(scope="module")
def driver() -> Iterator[webdriver.Chrome]:
    browser = chromium()
    try:
        yield browser
    finally:
        browser.quit()


def results(driver: webdriver.Chrome, example: Example, query: str) -> list[str]:
    """The site paths of the results for ``query``, best first, as the page lists them."""
    page = example.site.out / "search" / "index.html"
    driver.get(page.as_uri())
    box = driver.find_element(By.ID, "q")
    box.clear()
    box.send_keys(query)
    status = driver.find_element(By.ID, "search-results")
    WebDriverWait(driver, 5).until(lambda d: "found" in status.text)
    root = (example.site.out.as_uri()) + "/"
    links = driver.find_elements(By.CSS_SELECTOR, "#search-hits li > a")
    return [str(a.get_attribute("href")).removeprefix(root) for a in links]


def measures_titled(example: Example, *words: str) -> set[str]:
    """The measure pages whose titles hold one of ``words`` (from the framework, so the test
    follows the example's wording rather than copying its ids)."""
    return {
        f"measures/{m.id}/index.html"
        for m in example.pipeline.framework.framework.measures.values()
        if any(w in m.title.lower() for w in words)
    }


@pytest.mark.browser
@pytest.mark.slow
def test_challenge_finds_the_challenge_page_first_and_the_re_determination_measures(
    example: Example, driver: webdriver.Chrome
) -> None:
    found = results(driver, example, "challenge")
    assert found[0] == CHALLENGE, found[:5]
    redeterminations = measures_titled(example, "re-determination")
    assert len(redeterminations) >= 3
    assert redeterminations <= set(found), sorted(redeterminations - set(found))


@pytest.mark.browser
@pytest.mark.slow
def test_appeal_finds_the_challenge_page_and_the_appeal_and_re_determination_measures(
    example: Example, driver: webdriver.Chrome
) -> None:
    found = results(driver, example, "appeal")
    assert CHALLENGE in found[:3], found[:5]
    assert found[0] == "glossary/index.html#appeal", found[:3]
    appeals = measures_titled(example, "appeal")
    assert appeals and appeals <= set(found[:8]), found[:8]
    assert measures_titled(example, "re-determination") <= set(found)


@pytest.mark.browser
@pytest.mark.slow
def test_adp_finds_the_adult_disability_payment_pages_first(
    example: Example, driver: webdriver.Chrome
) -> None:
    found = results(driver, example, "ADP")
    adult = measures_titled(example, "adult disability payment")
    assert len(adult) >= 2
    assert set(found[:3]) == adult | {"glossary/index.html#adult-disability-payment"}, found[:5]
    assert "measures/M2.23/index.html" not in found[:10]  # Child Disability Payment
    assert results(driver, example, "adp") == found  # letter case does not matter


@pytest.mark.browser
@pytest.mark.slow
def test_complain_finds_the_complaints_measures_and_pages(
    example: Example, driver: webdriver.Chrome
) -> None:
    found = results(driver, example, "complain")
    complaints = measures_titled(example, "complain")
    assert complaints and complaints <= set(found[:5]), found[:5]
    assert found[0] == "glossary/index.html#complaint" or found[0] in complaints
    commitments = {
        f"commitments/{c.id}/index.html"
        for c in example.pipeline.framework.charter.commitments.values()
        if "complain" in f"{c.short} {c.text}".lower()
    }
    assert commitments and commitments <= set(found), sorted(commitments - set(found))
    assert CHALLENGE in found  # it says how to complain about the service


@pytest.mark.browser
@pytest.mark.slow
def test_each_result_has_a_title_a_kind_and_a_snippet(
    example: Example, driver: webdriver.Chrome
) -> None:
    results(driver, example, "processing time")
    items = driver.find_elements(By.CSS_SELECTOR, "#search-hits li")
    assert items
    for item in items[:10]:
        assert item.find_element(By.TAG_NAME, "a").text
        assert item.find_element(By.CSS_SELECTOR, ".cw-index__kind").text
        assert item.find_element(By.CSS_SELECTOR, ".cw-hits__snippet").text


@pytest.mark.browser
@pytest.mark.slow
def test_the_script_makes_the_words_python_makes(
    example: Example, driver: webdriver.Chrome
) -> None:
    from charterwatch.publish.site.search_index import words

    results(driver, example, "challenge")
    samples = ["Re-determination", "clients’ CAFÉ", "M2.22 don't", "Naïve ÅSA 2024-25"]
    for text in samples:
        script = driver.execute_script("return window.charterwatchFind.words(arguments[0])", text)
        assert script == words(text, parts=False), text


@pytest.mark.browser
@pytest.mark.slow
def test_nothing_found_says_so(example: Example, driver: webdriver.Chrome) -> None:
    page = example.site.out / "search" / "index.html"
    driver.get(page.as_uri() + "?q=zzzzqqq")
    status = driver.find_element(By.ID, "search-results")
    WebDriverWait(driver, 5).until(lambda d: "No pages found" in status.text)
    assert driver.find_element(By.ID, "search-a-to-z").is_displayed()
