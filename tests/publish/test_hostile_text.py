"""Hostile framework text is published inert: no script runs on the site, no formula in a
spreadsheet (see :mod:`tests.publish.hostile` for the framework and its strings)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

from charterwatch.pipeline import Pipeline
from charterwatch.publish.downloads.escaping import inert, read_back, starts_formula
from charterwatch.publish.serve import serve_in_background
from charterwatch.publish.site.site import build_site
from tests.publish.hostile import FORMULAS, GROUPS, MARKUP, write_hostile_framework

# Runs before any page script: records alert/confirm/prompt calls and uncaught errors.
TRAP = """
window.__ran = [];
for (const name of ['alert', 'confirm', 'prompt']) {
  window[name] = (message) => { window.__ran.push(name + ': ' + message); };
}
window.addEventListener('error', (e) => { window.__ran.push('error: ' + e.message); });
"""

INJECTED = """
const found = [];
for (const el of document.querySelectorAll('*')) {
  for (const attr of el.getAttributeNames()) {
    if (attr.startsWith('on')) { found.push(el.tagName + ' ' + attr); }
  }
}
for (const s of document.querySelectorAll('script')) {
  if (!s.src && s.textContent.includes('alert')) { found.push('inline script'); }
}
for (const a of document.querySelectorAll('a[href]')) {
  if (!['http:', 'https:', 'mailto:', 'file:'].includes(a.protocol)) { found.push(a.href); }
}
if (document.querySelector('img[src="x"]')) { found.push('img src=x'); }
return found;
"""


@dataclass
class Built:
    root: Path
    site: Path
    url: str


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    root = write_hostile_framework(tmp_path_factory.mktemp("hostile"))
    pipeline = Pipeline.open(root)
    assert pipeline.framework is not None
    pipeline.compute()
    report = build_site(pipeline, tmp_path_factory.mktemp("site") / "site")
    server, url = serve_in_background(report.out)
    try:
        yield Built(root, report.out, url)
    finally:
        server.shutdown()


def _csv_files(site: Path) -> Iterator[tuple[str, str]]:
    for path in sorted((site / "downloads").rglob("*.csv")):
        yield path.name, path.read_text(encoding="utf-8")
    for archive in sorted((site / "downloads").glob("*.zip")):
        with zipfile.ZipFile(archive) as z:
            for name in z.namelist():
                if name.endswith(".csv"):
                    yield f"{archive.name}:{name}", z.read(name).decode("utf-8")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_the_escaping_rule_keeps_numbers_and_quotes_formula_text() -> None:
    assert inert(-5) == -5 and inert(-2.5) == -2.5 and inert(None) is None
    assert inert("-5 days") == "'-5 days" and inert("plain") == "plain"
    for text in FORMULAS:
        assert inert(text) == "'" + text and not starts_formula(inert(text))
        assert read_back(inert(text)) == text
    assert read_back("'quoted'") == "'quoted'"


def test_no_csv_cell_starts_a_formula(built: Built) -> None:
    seen = set()
    for name, text in _csv_files(built.site):
        for row in csv.reader(io.StringIO(text)):
            for cell in row:
                seen.add(cell)
                assert not starts_formula(cell) or _is_number(cell), (name, cell)
    for text in [*FORMULAS, *GROUPS]:
        assert inert(text.strip()) in seen, f"{text!r} did not reach the CSV files"


def test_the_console_csv_escapes_the_same_way(built: Built) -> None:
    from typer.testing import CliRunner

    from charterwatch.cli import app

    result = CliRunner().invoke(app, ["results", str(built.root), "--format", "csv"])
    assert result.exit_code == 0, result.output
    cells = [cell for row in csv.reader(io.StringIO(result.stdout)) for cell in row]
    assert inert(GROUPS[-1]) in cells
    assert all(not starts_formula(c) or _is_number(c) for c in cells)


def test_spreadsheets_hold_no_formula(built: Built) -> None:
    xlsx = next((built.site / "downloads").glob("*.xlsx"))
    book = openpyxl.load_workbook(xlsx)
    texts = set()
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.add(cell.value)
                    assert not starts_formula(cell.value), (ws.title, cell.coordinate)
    assert "'" + FORMULAS[0] in texts, "the hostile text did not reach the XLSX file"
    ods = next((built.site / "downloads").glob("*.ods"))
    with zipfile.ZipFile(ods) as z:
        content = z.read("content.xml").decode("utf-8")
    assert "table:formula" not in content
    assert inert(FORMULAS[0]).replace('"', "&quot;") in content or "'=HYPERLINK" in content


def test_json_and_feed_keep_text_as_written(built: Built) -> None:
    data = built.site / "downloads" / "data"
    actions = json.loads((data / "actions.json").read_text(encoding="utf-8"))
    assert any(isinstance(v, str) and v in FORMULAS + MARKUP for v in _values(actions))
    feed = ET.parse(built.site / "downloads" / "releases.atom")
    assert not [e for e in feed.iter() if e.tag.endswith("script")]


def _values(data: object) -> Iterator[object]:
    if isinstance(data, dict):
        for v in data.values():
            yield from _values(v)
    elif isinstance(data, list):
        for v in data:
            yield from _values(v)
    else:
        yield data


@pytest.mark.slow
def test_libreoffice_opens_the_csv_as_text_not_formulas(built: Built, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is needed for this test"
    data = built.site / "downloads" / "data"
    control = tmp_path / "control.csv"
    control.write_text('a\n"=HYPERLINK(""http://x"",""y"")"\n', encoding="utf-8")
    sources = [data / "all-figures.csv", data / "actions.csv", control]
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    formulas = {}
    for source in sources:
        book = openpyxl.load_workbook(tmp_path / source.with_suffix(".xlsx").name)
        formulas[source.name] = [
            c.value
            for ws in book.worksheets
            for r in ws.iter_rows()
            for c in r
            if c.data_type == "f"
        ]
    assert formulas.pop("control.csv"), "LibreOffice no longer reads formulas from CSV"
    assert formulas == {"all-figures.csv": [], "actions.csv": []}


def test_no_script_runs_on_any_page(built: Built) -> None:
    from tests.publish.site.browser import chromium

    driver = chromium()
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": TRAP})
        shown = ""
        pages = sorted(built.site.rglob("*.html"))
        assert len(pages) > 10
        for page in pages:
            address = built.url + page.relative_to(built.site).as_posix()
            driver.get(address)
            ran = driver.execute_script("return window.__ran;")
            assert ran == [], (address, ran)
            injected = driver.execute_script(INJECTED)
            assert injected == [], (address, injected)
            shown += driver.execute_script("return document.body.innerText;")
        for text in MARKUP:
            assert text in shown, f"{text!r} was not shown as text on any page"
    finally:
        driver.quit()
