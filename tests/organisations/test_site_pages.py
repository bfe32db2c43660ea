"""The organisation pages as built: one report card per organisation, one comparison per
measure, the organisations outside the limits named in words, downloads per organisation."""

from __future__ import annotations

import csv
import html
import io
import re

from charterwatch.stats.funnel import share_limits
from tests.organisations.conftest import Site
from tests.organisations.fixtures import organisation_rows

IDS = [ident for ident, *_ in organisation_rows()]
COMPARED = ("M1", "M2", "M3")


def text_of(site: Site, path: str) -> str:
    page = (site.report.out / path).read_text("utf-8")
    main = page[page.index("<main") : page.index("</main>")]
    main = re.sub(r"<svg.*?</svg>", "", main, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", main)).split())


def test_every_organisation_has_a_report_card_with_every_measure(site: Site) -> None:
    for ident in IDS:
        text = text_of(site, f"organisations/{ident}/index.html")
        for title in ("Repairs done right first time", "Tenants satisfied", "Days to re-let"):
            assert title in text, (ident, title)
    card = text_of(site, "organisations/L001/index.html")
    assert "Landlord 1 Homes" in card and "small rural" in card and "Peer group" in card
    assert "Figures over the years" in card and "2022-23" in card and "2024-25" in card


def test_every_measure_has_a_comparison_page_with_a_table_of_every_organisation(
    site: Site,
) -> None:
    for measure in COMPARED:
        page = (site.report.out / f"measures/{measure}/organisations/index.html").read_text()
        assert "cw-sortable" in page and "<svg" in page
        for ident in IDS:
            assert f"organisations/{ident}/index.html" in page
    assert (
        "cw-chart--funnel" in (site.report.out / "measures/M2/organisations/index.html").read_text()
    )
    caterpillar = (site.report.out / "measures/M3/organisations/index.html").read_text()
    assert "cw-chart--caterpillar" in caterpillar


def test_the_organisations_outside_the_limits_are_named_in_words(site: Site) -> None:
    """Worked out here from the published national figure and each organisation's published
    base and figure, with the funnel's formula."""
    figures = site.computed.pipeline.store.query(measure="M2", period="2024-25", statistic="value")
    national = next(f.value for f in figures if f.breakdown == "all")
    assert national is not None
    names = dict((ident, name) for ident, name, *_ in organisation_rows())
    text = text_of(site, "measures/M2/organisations/index.html")
    outside_section = text.split("Outside the expected range", 1)[1].split("Chart", 1)[0]
    named = 0
    for f in figures:
        if f.breakdown != "organisation" or f.value is None or not f.base:
            continue
        limits = share_limits(national, f.base, 0.95)
        outside = not limits.low <= f.value <= limits.high
        assert (names[f.group] + " :" in outside_section) == outside, f.group
        named += outside
    assert named, "the fixture has organisations outside the limits"


def test_find_lists_every_organisation_with_its_area(site: Site) -> None:
    text = text_of(site, "organisations/index.html")
    assert "Find your landlord" in text
    for _ident, name, peer, area in organisation_rows():
        assert name in text and area in text and peer in text


def test_the_measure_page_links_to_the_comparison_not_a_bar_per_organisation(site: Site) -> None:
    page = (site.report.out / "measures/M1/index.html").read_text("utf-8")
    assert 'href="organisations/index.html"' in page
    assert "chart-M1-organisation" not in page and "Landlord 12 Homes" not in page


def test_each_organisation_has_its_own_download(site: Site) -> None:
    for ident in IDS:
        path = site.report.out / "downloads" / "organisations" / f"{ident}.csv"
        rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))
        groups = {r["grp"] for r in rows if r["breakdown"] == "organisation"}
        assert groups == {ident}
        assert {r["breakdown"] for r in rows} == {"all", "organisation", "peer_group"}
    listing = (site.report.out / "downloads" / "index.html").read_text("utf-8")
    assert "organisations/L001.csv" in listing
