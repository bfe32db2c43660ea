"""Driving Debian's Chromium with Selenium, and running axe-core in it.

Nothing is downloaded: the browser and driver are Debian packages (installed by
``make system-packages``) and axe-core comes from ``node_modules``. When they are missing the
tests fail with the command that installs them, never skip.
"""

from __future__ import annotations

import shutil
import tempfile
from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from charterwatch.publish.site.build import find_node_modules

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def chromium(javascript: bool = True) -> webdriver.Chrome:
    browser = shutil.which("chromium")
    driver = shutil.which("chromedriver")
    if browser is None or driver is None:
        pytest.fail(
            "Chromium or chromedriver is missing; run 'make system-packages'", pytrace=False
        )
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,1000",
        f"--user-data-dir={tempfile.mkdtemp(prefix='cw-chromium-')}",
    ):
        options.add_argument(flag)
    if not javascript:
        options.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2}
        )
    return webdriver.Chrome(service=Service(driver), options=options)


def axe_source() -> str:
    return (find_node_modules() / "axe-core" / "axe.min.js").read_text(encoding="utf-8")


def run_axe(driver: webdriver.Chrome, url: str | None, source: str) -> list[dict[str, Any]]:
    """The axe-core violations of WCAG 2.2 A and AA rules on the page at ``url`` (``None``:
    the page as shown, such as the answer to a form that cannot be fetched again)."""
    if url is not None:
        driver.get(url)
    driver.execute_script(source)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(r => done(r.violations))"
        ".catch(e => done([{id: 'axe-error', help: String(e), nodes: []}]));",
        AXE_TAGS,
    )
    return list(result)


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = [", ".join(n.get("target", [])) for n in v.get("nodes", [])[:3]]
        lines.append(f"{v['id']}: {v.get('help')} at {targets}")
    return "\n".join(lines)


def tab_through(driver: webdriver.Chrome, url: str, limit: int = 1000) -> tuple[set[str], set[str]]:
    """(focusable elements, elements reached by pressing Tab), as outerHTML snippets; a
    group of radio buttons counts once, elements taken out of the Tab order not at all."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    driver.get(url)
    elements = driver.execute_script(
        "const seen = new Set();"
        "return Array.from(document.querySelectorAll("
        "'a[href], button, input, select, textarea, [tabindex]'))"
        ".filter(e => !e.hidden && e.offsetParent !== null && e.tabIndex >= 0)"
        # A group of radio buttons is one Tab stop (arrow keys move within it).
        ".filter(e => e.type !== 'radio' || (!seen.has(e.name) && seen.add(e.name)))"
        ".map(e => e.outerHTML.slice(0, 200));"
    )
    focusable = set(elements)
    reached: set[str] = set()
    for _ in range(min(limit, len(elements) + 5)):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        html = driver.execute_script(
            "return document.activeElement ? document.activeElement.outerHTML.slice(0, 200) : ''"
        )
        reached.add(html)
    return focusable, reached


def until_replaced(driver: webdriver.Chrome, old: Any, seconds: float = 30) -> None:
    """Wait until the page that held ``old`` has been replaced by the next one.

    While the browser swaps documents, asking about ``old`` can fail with "Node with given
    id does not belong to the document" rather than the stale-element error the wait
    expects; such an answer only means "not yet", so it is retried."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.expected_conditions import staleness_of
    from selenium.webdriver.support.wait import WebDriverWait

    WebDriverWait(driver, seconds, ignored_exceptions=(WebDriverException,)).until(
        staleness_of(old)
    )
