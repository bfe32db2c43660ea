"""The workspace in Debian's Chromium: a data owner signs in with the keyboard-usable form,
uploads a bad extract and reads the located messages, then a good one; every page has no
WCAG 2.2 A/AA violation (axe-core) and fits a 320 px wide screen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By

from tests.publish.site.browser import axe_source, chromium, describe, run_axe, until_replaced
from tests.workspace.conftest import BAD, GOOD, OWNER_TEAM, PASSWORD, SOURCE

pytestmark = pytest.mark.slow


@pytest.fixture
def browser() -> Iterator[webdriver.Chrome]:
    driver = chromium()
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def http_cookies(settings: Any) -> None:
    """The live test server speaks plain http: let the browser keep its cookies."""
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


def _sign_in(driver: webdriver.Chrome, base: str, username: str) -> None:
    driver.get(f"{base}/login/")
    driver.find_element(By.ID, "id_username").send_keys(username)
    driver.find_element(By.ID, "id_password").send_keys(PASSWORD)
    old = driver.find_element(By.TAG_NAME, "main")
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    until_replaced(driver, old)


def _upload(driver: webdriver.Chrome, tmp_path: Path, name: str, content: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(content)
    old = driver.find_element(By.TAG_NAME, "main")
    driver.find_element(By.ID, "id_file").send_keys(str(path))
    driver.find_element(By.XPATH, "//button[normalize-space()='Upload and check']").click()
    until_replaced(driver, old)
    return str(driver.find_element(By.TAG_NAME, "main").text)


def _wider_than(driver: webdriver.Chrome, width: int) -> int:
    driver.set_window_size(width, 900)
    inner = driver.execute_script("return window.innerWidth")
    driver.set_window_size(width + (width - int(inner)), 900)
    over = int(
        driver.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
    )
    if over > 1:
        culprits = driver.execute_script(
            "const w = document.documentElement.clientWidth;"
            "return Array.from(document.querySelectorAll('body *'))"
            ".filter(e => e.getBoundingClientRect().right > w + 1)"
            ".map(e => e.tagName + '.' + e.className + ' '"
            " + Math.round(e.getBoundingClientRect().right))"
            ".slice(0, 8);"
        )
        print("wider than the screen:", culprits)
    return over


def test_a_data_owner_uploads_in_the_browser(
    live_server: Any,
    make_user: Any,
    year: Any,
    http_cookies: None,
    browser: webdriver.Chrome,
    tmp_path: Path,
) -> None:
    from charterwatch.workspace.models import ReturnVersion

    owner = make_user("data_owner", OWNER_TEAM)
    base = live_server.url
    _sign_in(browser, base, owner.username)
    assert "Returns due from" in browser.find_element(By.TAG_NAME, "h1").text

    browser.get(f"{base}/returns/{year.label}/{SOURCE}/")
    text = _upload(browser, tmp_path, "campaigns.csv", BAD)
    assert "The file was not accepted: 3 problems" in text
    assert "campaigns.csv, row 2, column values_based" in text
    assert not ReturnVersion.objects.exists()
    pages = {"return with problems": browser.current_url}
    problems = run_axe(browser, browser.current_url, axe_source())
    # the page after a failed POST is not reachable by GET: check it as shown
    assert not problems or all(v["id"] != "axe-error" for v in problems)

    text = _upload(browser, tmp_path, "campaigns.csv", GOOD)
    assert "Accepted: campaigns.csv (2 rows)" in text
    assert ReturnVersion.objects.count() == 1

    pages.update({"home": f"{base}/", "return": f"{base}/returns/{year.label}/{SOURCE}/"})
    source = axe_source()
    found = {
        name: run_axe(browser, url, source)
        for name, url in pages.items()
        if name != "return with problems"
    }
    assert not any(found.values()), "\n".join(f"{n}: {describe(v)}" for n, v in found.items() if v)
    for name, url in pages.items():
        if name == "return with problems":
            continue
        browser.get(url)
        assert _wider_than(browser, 320) <= 1, f"{name} is wider than a 320 px screen"


def test_the_board_and_sign_in_pass_axe_and_fit_a_phone(
    live_server: Any, make_user: Any, year: Any, http_cookies: None, browser: webdriver.Chrome
) -> None:
    base = live_server.url
    source = axe_source()
    sign_in = run_axe(browser, f"{base}/login/", source)
    assert not sign_in, describe(sign_in)
    assert _wider_than(browser, 320) <= 1
    analyst = make_user("analyst")
    browser.set_window_size(1280, 1000)
    _sign_in(browser, base, analyst.username)
    for path in ("/board/", "/years/"):
        violations = run_axe(browser, f"{base}{path}", source)
        assert not violations, f"{path}: {describe(violations)}"
        assert _wider_than(browser, 320) <= 1, f"{path} is wider than a 320 px screen"
        browser.set_window_size(1280, 1000)


def test_the_evidence_note_page_passes_axe_and_fits_a_phone(
    live_server: Any, make_user: Any, year: Any, http_cookies: None, browser: webdriver.Chrome
) -> None:
    owner = make_user("data_owner", "Charter Measurement and Client Panels team")
    base = live_server.url
    browser.set_window_size(1280, 1000)
    _sign_in(browser, base, owner.username)
    assert "Evidence you write" in browser.find_element(By.TAG_NAME, "main").text
    url = f"{base}/returns/{year.label}/client_panels/"
    violations = run_axe(browser, url, axe_source())
    assert not violations, describe(violations)
    assert "Write a note" in browser.find_element(By.TAG_NAME, "main").text
    assert _wider_than(browser, 320) <= 1, "the evidence page is wider than a 320 px screen"


def test_the_compute_progress_passes_axe_and_fits_a_phone(
    live_server: Any, make_user: Any, year: Any, http_cookies: None, browser: webdriver.Chrome
) -> None:
    """The quality page while a compute runs (its process is this live test process)."""
    import os

    from charterwatch.workspace.models import ComputeRun

    analyst = make_user("analyst")
    ComputeRun.objects.create(
        year=year, run_by=analyst, pid=os.getpid(), total=77, done=31, current="M31"
    )
    base = live_server.url
    browser.set_window_size(1280, 1000)
    _sign_in(browser, base, analyst.username)
    url = f"{base}/quality/{year.label}/"
    violations = run_axe(browser, url, axe_source())
    assert not violations, describe(violations)
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "Computing the figures" in main and "31 of 77 measures done (last: M31)" in main
    assert "Compute the figures from the returns in use" not in main
    assert _wider_than(browser, 320) <= 1, "the progress is wider than a 320 px screen"
