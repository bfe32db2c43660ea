"""Reflow and text resize checked in a real browser (WCAG 2.2 1.4.10, 1.4.4, 1.4.12).

axe-core does not test reflow. :func:`reflow_problems` sets the viewport exactly (Chrome's
device metrics), optionally enlarges the text or applies WCAG's text spacing, and reports
what a reader would hit: a page wider than the screen (naming the elements that stick out,
leaving out those inside a region that scrolls on its own, which 1.4.10 allows for data
tables), and text cut off by a box that hides what does not fit.
"""

from __future__ import annotations

from pathlib import Path

from selenium import webdriver

TEXT_SPACING = (
    "* { line-height: 1.5 !important; letter-spacing: 0.12em !important;"
    " word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }"
)
"""WCAG 1.4.12's spacing: line height 1.5, paragraphs 2 em apart, letters 0.12 em, words
0.16 em."""

TEXT_200 = 200
"""Text at twice its size, as a reader sets it in the browser (the default font size, which
rem sizes and em breakpoints follow)."""

PROBLEMS_SCRIPT = (Path(__file__).parent / "reflow.js").read_text(encoding="utf-8")
"""The check run in the page: see reflow.js."""


def reflow_problems(
    driver: webdriver.Chrome,
    url: str,
    width: int,
    css: str = "",
    text_percent: int = 100,
    height: int = 900,
) -> list[str]:
    """What stops ``url`` from reading well at ``width`` CSS px with text at
    ``text_percent`` of its size and ``css`` added (empty: nothing)."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )
    driver.execute_cdp_cmd(
        "Page.setFontSizes",
        {"fontSizes": {"standard": 16 * text_percent // 100, "fixed": 13 * text_percent // 100}},
    )
    try:
        driver.get(url)
        found: list[str] = driver.execute_script(PROBLEMS_SCRIPT, css)
    finally:
        driver.execute_cdp_cmd("Page.setFontSizes", {"fontSizes": {"standard": 16, "fixed": 13}})
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    return found


VIEWS: dict[str, tuple[int, str, int]] = {
    "320 px": (320, "", 100),
    "1280 px": (1280, "", 100),
    "1280 px, text 200%": (1280, "", TEXT_200),
    "640 px, text 200%": (640, "", TEXT_200),
    "320 px, text spacing": (320, TEXT_SPACING, 100),
}
"""The views every page must read well in: a small phone, a desktop, text at 200% on a
desktop and on a tablet-sized window, and WCAG's text spacing on a phone."""


def problems_in_every_view(driver: webdriver.Chrome, url: str) -> list[str]:
    """:func:`reflow_problems` in each of :data:`VIEWS`, each problem named by its view."""
    found = []
    for view, (width, css, text) in VIEWS.items():
        found += [f"{view}: {p}" for p in reflow_problems(driver, url, width, css, text)]
    return found
