"""The whole flow in Debian's Chromium, as the people who do it: a data owner's bad upload
shows its located messages and changes nothing, a good one is accepted; an analyst computes;
a second analyst signs the measure off; the approver sets the release; the released site
shows the new figure, and its "Was this page useful?" form reaches the workspace. Every
workspace page type met on the way (and the answers to forms, as shown) has no WCAG 2.2 A/AA
violation (axe-core) and fits a 320 px wide screen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement

from charterwatch.starter import create_starter
from charterwatch.units import figure_text
from tests.publish.site.browser import axe_source, chromium, describe, run_axe, until_replaced
from tests.workspace.conftest import PASSWORD
from tests.workspace.test_browser import _wider_than
from tests.workspace.test_release_flow import HEADER, TEAM, YEAR, _applications, _headline

pytestmark = pytest.mark.slow

SLOW_STEP = 180
"""Seconds to wait for a page that computes or builds the site inside the request."""


@pytest.fixture
def browser() -> Iterator[webdriver.Chrome]:
    driver = chromium()
    driver.set_window_size(1280, 1000)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def starter(tmp_path: Path, settings: Any) -> Path:
    root = tmp_path / "charter"
    create_starter(root, "A Test Charter")
    settings.FRAMEWORK = root
    settings.DATA = tmp_path / "workspace"
    settings.SESSION_COOKIE_SECURE = False  # the live test server speaks plain http
    settings.CSRF_COOKIE_SECURE = False
    return root


def _user(username: str, role: str, team: str | None = None) -> Any:
    from django.contrib.auth import get_user_model

    from charterwatch.workspace.models import Membership, Team

    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    found = Team.objects.get_or_create(name=team)[0] if team else None
    Membership.objects.create(user=user, role=role, team=found)
    return user


def _press(driver: webdriver.Chrome, element: WebElement) -> None:
    """Scroll ``element`` into view at once (the design system scrolls smoothly) and press it."""
    driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element
    )
    element.click()


def _click(driver: webdriver.Chrome, label: str, wait: int = 30) -> str:
    """Press the button whose text is ``label``; the text of the page that follows."""
    old = driver.find_element(By.TAG_NAME, "main")
    _press(driver, driver.find_element(By.XPATH, f'//button[normalize-space()="{label}"]'))
    until_replaced(driver, old, wait)
    return str(driver.find_element(By.TAG_NAME, "body").text)


def _sign_in(driver: webdriver.Chrome, base: str, username: str) -> None:
    driver.delete_all_cookies()
    driver.get(f"{base}/login/")
    driver.find_element(By.ID, "id_username").send_keys(username)
    driver.find_element(By.ID, "id_password").send_keys(PASSWORD)
    _click(driver, "Sign in")


class PageChecks:
    """axe-core and a 320 px width check of each page, collected to report all at once."""

    def __init__(self, driver: webdriver.Chrome) -> None:
        self.driver = driver
        self.source = axe_source()
        self.problems: dict[str, str] = {}

    def check(self, name: str, url: str | None = None) -> None:
        violations = run_axe(self.driver, url, self.source)
        if violations:
            self.problems[name] = describe(violations)
        if url is not None:  # a form's answer cannot be fetched again at another width
            over = _wider_than(self.driver, 320)
            if over > 1:
                self.problems[f"{name} at 320 px"] = f"{over} px wider than the screen"
            self.driver.set_window_size(1280, 1000)


def test_from_upload_to_the_published_page_in_a_browser(
    live_server: Any, starter: Path, browser: webdriver.Chrome, tmp_path: Path
) -> None:
    from charterwatch.workspace.models import Feedback, ReportingYear, ReturnVersion, SignOff

    ReportingYear.objects.create(label=YEAR, returns_due=dt.date(2026, 6, 30))
    _user("owner", "data_owner", TEAM)
    _user("analyst", "analyst")
    _user("checker", "analyst")
    _user("lead", "approver")
    base = live_server.url

    # The data owner: a bad extract is refused with its located messages, nothing kept.
    _sign_in(browser, base, "owner")
    browser.get(f"{base}/returns/{YEAR}/applications/")
    bad = tmp_path / "applications.csv"
    bad.write_bytes((HEADER + "C1,2025-06-02,2025-13-40,approved,online\n").encode())
    browser.find_element(By.ID, "id_file").send_keys(str(bad))
    text = _click(browser, "Upload and check")
    assert "The file was not accepted" in text
    assert "applications.csv, row 2, column decided_date" in text
    pages = PageChecks(browser)
    pages.check("a return with problems")
    assert not ReturnVersion.objects.exists()
    good = tmp_path / "applications-2025-26.csv"
    good.write_bytes(_applications(14))
    browser.find_element(By.ID, "id_file").send_keys(str(good))
    assert "Accepted: applications-2025-26.csv (40 rows)" in _click(browser, "Upload and check")
    pages.check("home (data owner)", f"{base}/")
    pages.check("a return", f"{base}/returns/{YEAR}/applications/")

    # The analyst computes the figures from the returns in use.
    _sign_in(browser, base, "analyst")
    browser.get(f"{base}/quality/{YEAR}/")
    computed = _click(browser, "Compute the figures from the returns in use", SLOW_STEP)
    assert "Computed" in computed
    headline = _headline()
    assert headline.base == 40

    # A second analyst reads the figures and signs the measure off.
    _sign_in(browser, base, "checker")
    browser.get(f"{base}/quality/{YEAR}/M1/")
    assert figure_text(headline) in browser.find_element(By.TAG_NAME, "main").text
    assert "Signed off M1" in _click(browser, "I have checked these figures: sign off")
    assert SignOff.objects.count() == 1

    # The approver sets the release (yesterday, 09:30): the site is built from it.
    _sign_in(browser, base, "lead")
    browser.get(f"{base}/release/{YEAR}/")
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    browser.execute_script(
        "arguments[0].value = arguments[1]",
        browser.find_element(By.ID, "id_release_date"),
        yesterday,
    )
    assert "set for" in _click(browser, "Build the site and set the release", SLOW_STEP)

    # Anyone: the published page shows the new figure and takes feedback without script.
    browser.delete_all_cookies()
    browser.get(f"{base}/published/{YEAR}/measures/M1/index.html")
    page = browser.find_element(By.TAG_NAME, "main").text
    assert figure_text(headline) in page
    _press(browser, browser.find_element(By.CSS_SELECTOR, "label[for=cw-feedback-no]"))
    browser.find_element(By.ID, "cw-feedback-text").send_keys("Say what the days count.")
    assert "Thank you" in _click(browser, "Send feedback")
    pages.check("feedback received")
    (kept,) = Feedback.objects.all()
    assert kept.page == "measures/M1/index.html" and kept.useful is False
    assert kept.text == "Say what the days count."

    # Every other page type, filled by the flow above, as the roles that see them.
    pages.check("sign in", f"{base}/login/")
    pages.check("release notices", f"{base}/notices/")
    _sign_in(browser, base, "analyst")
    for name, path in {
        "home (analyst)": "/",
        "board": "/board/",
        "years": "/years/",
        "quality board": f"/quality/{YEAR}/",
        "measure to sign off": f"/quality/{YEAR}/M1/",
        "feedback": "/feedback/triage/",
        "one message": f"/feedback/triage/{kept.pk}/",
        "accountability": "/accountability/",
        "new action": "/accountability/actions/new/",
        "new 'you said, we did'": "/accountability/you-said-we-did/new/",
        "new recommendation": "/accountability/recommendations/new/",
    }.items():
        pages.check(name, base + path)
    _sign_in(browser, base, "lead")
    pages.check("release", f"{base}/release/{YEAR}/")
    pages.check("audit log", f"{base}/audit/")
    assert not pages.problems, "\n".join(f"{k}: {v}" for k, v in pages.problems.items())
