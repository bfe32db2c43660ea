"""The second shipped example, ``examples/tenants`` (a tenants' charter reported by 30
landlords), validates, is generated, computes and builds with no code path of its own; its
whole site, PDFs and downloads carry no Scotland-specific word; its money, hours and
calendar-days measures read right; every landlord has a report card and every measure
computed per landlord a comparison page."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from charterwatch.cli import app
from tests.any_charter.scotland_words import SCOTLAND_WORDS
from tests.any_charter.test_no_scotland_words import _visible, scotland_words_in_site

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "tenants"


def _ok(args: list[str]) -> str:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


@pytest.fixture(scope="module")
def tenants_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("tenants")
    root = base / "tenants"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("data", ".charterwatch", "site"))
    assert "0 errors, 0 warnings" in _ok(["validate", str(root)])
    _ok(["example-data", str(root)])
    _ok(["compute", str(root)])
    _ok(["build", str(root), "--out", str(base / "site")])
    return base / "site"


def _page(site: Path, *parts: str) -> str:
    return " ".join(_visible((site.joinpath(*parts) / "index.html").read_text("utf-8")).split())


@pytest.mark.slow
def test_the_tenants_site_has_no_scotland_word(tenants_site: Path) -> None:
    kinds = {p.suffix for p in tenants_site.rglob("*") if p.is_file()}
    assert {".html", ".pdf", ".csv", ".json", ".xlsx", ".ods", ".zip"} <= kinds, kinds
    # its re-let times are figures in calendar days, so "31 days" can be a landlord's median
    days = frozenset(w for w, _ in SCOTLAND_WORDS if re.fullmatch(r"\d+ days", w))
    hits = scotland_words_in_site(tenants_site, data_words=days)
    assert not hits, "Scotland-specific words in the tenants example:\n" + "\n".join(hits)


@pytest.mark.slow
def test_money_hours_and_calendar_days_read_in_words(tenants_site: Path) -> None:
    rent = _page(tenants_site, "measures", "RN03")
    assert re.search(r"£\d{2,3}\.\d{2} 2024-25", rent), rent[:600]  # the pennies
    collected = _page(tenants_site, "measures", "RN01")
    assert re.search(r"\b\d{2,3}(\.\d)?% 2024-25", collected), collected[:600]  # a money ratio
    written_off = _page(tenants_site, "measures", "RN04")
    assert re.search(r"£\d{1,3}(,\d{3})+\.\d{2}", written_off), written_off[:600]
    repairs = _page(tenants_site, "measures", "RP02")
    assert re.search(r"\b\d+(\.\d)? hours? 2024-25", repairs), repairs[:600]
    assert " min " not in repairs
    relet = _page(tenants_site, "measures", "VL01")
    assert re.search(r"\b\d+ days 2024-25", relet), relet[:600]
    assert "working days" not in relet.split("How it is worked out")[0]


@pytest.mark.slow
def test_every_landlord_has_a_report_card_and_every_measure_a_comparison(
    tenants_site: Path,
) -> None:
    listed = yaml.safe_load((EXAMPLE / "organisations.yaml").read_text("utf-8"))
    landlords = listed["organisations"]["list"]
    finder = _page(tenants_site, "organisations")
    for landlord in landlords:
        assert landlord["name"] in finder
        card = _page(tenants_site, "organisations", landlord["id"])
        assert landlord["name"] in card and "national figure" in card
    framework = yaml.safe_load(
        (EXAMPLE / "framework" / "2022" / "framework.yaml").read_text("utf-8")
    )
    per_landlord = [
        m["id"]
        for s in framework["framework"]["sections"]
        for q in s["questions"]
        for o in q["outcomes"]
        for m in o["measures"]
        if m.get("by_organisation") or m["kind"] == "organisation_return"
    ]
    assert len(per_landlord) >= 20
    for measure in per_landlord:
        page = _page(tenants_site, "measures", measure, "organisations")
        assert "every landlord compared" in page, measure
        assert all(landlord["name"] in page for landlord in landlords), measure


@pytest.mark.slow
@pytest.mark.browser
def test_the_tenants_search_finds_its_own_words_and_every_landlord(tenants_site: Path) -> None:
    """The tenants' glossary gives its own abbreviation and synonyms: "ASB", "complain" and
    "fix" find the right pages first; every landlord's pages are in the index."""
    import json

    from selenium.webdriver.common.by import By

    from tests.publish.site.browser import chromium

    index = (tenants_site / "search" / "search-index.js").read_text("utf-8")
    urls = {page[0] for page in json.loads(index.split("=", 1)[1].rstrip(";\n"))["pages"]}
    landlords = {p.parent.name for p in (tenants_site / "organisations").glob("*/index.html")}
    assert len(landlords) == 30
    assert {f"organisations/{o}/index.html" for o in landlords} <= urls
    assert "organisations/index.html" in urls
    assert any(u.startswith("measures/") and "/organisations/" in u for u in urls)

    browser = chromium()
    try:

        def titles(query: str) -> list[str]:
            browser.get((tenants_site / "search" / "index.html").as_uri() + "?q=" + query)
            return [a.text for a in browser.find_elements(By.CSS_SELECTOR, "#search-hits li > a")]

        asb = titles("ASB")
        assert asb[0] == "Anti-social behaviour (ASB)", asb[:5]
        assert {
            "Anti-social behaviour cases per 1,000 homes",
            "Tenants satisfied with the approach to anti-social behaviour",
        } <= set(asb[:6]), asb[:6]
        complain = titles("complain")
        assert "Tenants satisfied with how their complaint was handled" in complain[:4], complain
        assert {"Complaints per 1,000 homes", "Complaints put right"} <= set(complain)
        fix = titles("fix")
        assert all("repair" in title.lower() for title in fix[:6]), fix[:6]
        assert "Tenants satisfied with the repairs service" in fix
    finally:
        browser.quit()


@pytest.mark.parametrize("page", ["challenge", "what-to-expect", "easy-read", "accessibility"])
def test_help_is_in_reach_on_the_pages_about_rights(tenants_site: Path, page: str) -> None:
    html = (tenants_site / page / "index.html").read_text("utf-8")
    assert '<a href="tel:08081570123">0808 157 0123</a>' in html
    assert '<a href="mailto:enquiries@example.org">enquiries@example.org</a>' in html
    assert "Tenants' advice line (illustrative)" in _page(tenants_site, page)
