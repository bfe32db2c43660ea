"""Screenshots of a built site as a phone shows it, for docs/screenshots/.

Serves the site on 127.0.0.1, renders each page in Debian's Chromium (headless, nothing
downloaded) at a phone's width (390 CSS px by default), full length, and writes a PNG per
page, reduced to a palette so each stays small. Look at them: axe-core cannot tell you
whether a page reads well on a phone.

Run: ``.venv/bin/python scripts/screenshots.py site [--out docs/screenshots] [--width 390]``
after ``charterwatch build examples/scotland --out site``.
"""

from __future__ import annotations

import argparse
import base64
import io
import shutil
import sys
import tempfile
from pathlib import Path

from PIL import Image
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from charterwatch.publish.serve import serve_in_background

PAGES = {
    "home": "index.html",
    "measure": "measures/M2.02/index.html",
    "challenge": "challenge/index.html",
    "easy-read": "easy-read/index.html",
}
"""The pages shown, by file name: the front door, a measure with a table and chart, how to
challenge a decision, and the easy-read summary."""

MAX_HEIGHT = 12000
"""Taller pages are cut here (a screenshot is for looking at, not for reading it all)."""


def browser() -> webdriver.Chrome:
    path, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if path is None or driver is None:
        sys.exit("Chromium and chromedriver are needed: run 'make system-packages'")
    options = webdriver.ChromeOptions()
    options.binary_location = path
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"):
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tempfile.mkdtemp(prefix='cw-shots-')}")
    return webdriver.Chrome(service=Service(driver), options=options)


def shoot(driver: webdriver.Chrome, url: str, width: int) -> Image.Image:
    """The whole page at ``width`` CSS px (one device pixel per CSS pixel)."""
    metrics = {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": True}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    driver.get(url)
    height = min(
        int(driver.execute_script("return document.documentElement.scrollHeight")), MAX_HEIGHT
    )
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {**metrics, "height": height})
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})
    return Image.open(io.BytesIO(base64.b64decode(shot["data"])))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a folder built by 'charterwatch build'")
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--width", type=int, default=390)
    args = parser.parse_args()
    if not (args.site / "index.html").is_file():
        sys.exit(f"{args.site} has no index.html: build the site first")
    args.out.mkdir(parents=True, exist_ok=True)
    server, url = serve_in_background(args.site)
    driver = browser()
    try:
        for name, page in PAGES.items():
            image = shoot(driver, url + page, args.width)
            small = image.convert("RGB").quantize(colors=64, method=Image.Quantize.MEDIANCUT)
            target = args.out / f"{name}-{args.width}.png"
            small.save(target, optimize=True)
            print(
                f"{target}: {image.width} x {image.height} px, {target.stat().st_size // 1024} KB"
            )
    finally:
        driver.quit()
        server.shutdown()


if __name__ == "__main__":
    main()
