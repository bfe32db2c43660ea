"""The built site tells the truth: every figure matches the results store, pages are small,
links resolve, synthetic data is labelled and real figures cite their source."""

from __future__ import annotations

import gzip
import re
from html.parser import HTMLParser
from pathlib import Path

from charterwatch.publish.formatting import value_text
from tests.publish.site.conftest import BuiltSite


class FigureParser(HTMLParser):
    """Collects (data-figure key, text) pairs and every href/src of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.figures: list[tuple[str, str]] = []
        self.links: list[str] = []
        self._open: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self._open.append(found.get("data-figure"))
        if found.get("data-figure"):
            self.figures.append((str(found["data-figure"]), ""))
        for key in ("href", "src"):
            if found.get(key):
                self.links.append(str(found[key]))

    def handle_endtag(self, tag: str) -> None:
        if self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1] and self.figures:
            key, text = self.figures[-1]
            self.figures[-1] = (key, text + data)


def parse(path: Path) -> FigureParser:
    parser = FigureParser()
    parser.feed(path.read_text("utf-8"))
    return parser


def test_every_figure_on_every_page_matches_the_store(built_site: BuiltSite) -> None:
    rows = {
        (r.measure, r.label): r
        for r in built_site.pipeline.store.query(breakdown="all", statistic="value")
    }
    checked = 0
    for page in built_site.report.pages:
        for key, text in parse(built_site.report.out / page).figures:
            measure, period = key.split("|")
            if not period:
                assert text.strip() == "no data"
                continue
            r = rows[(measure, period)]
            assert text.strip() == value_text(r.value, r.unit, r.symbol, r.note), (
                page,
                key,
            )
            checked += 1
    assert checked >= len(rows), "some stored figures are on no page"


def test_home_page_is_under_100_kb_transferred(built_site: BuiltSite) -> None:
    out = built_site.report.out
    home = out / "index.html"
    assets = [
        home,
        *(
            out / link
            for link in parse(home).links
            if link.startswith("assets/") and not link.endswith((".woff", ".woff2"))
        ),
    ]
    transferred = sum(len(gzip.compress(p.read_bytes())) for p in assets)
    assert transferred < 100_000, transferred


def test_every_internal_link_resolves(built_site: BuiltSite) -> None:
    out = built_site.report.out
    broken = []
    for page in built_site.report.pages:
        for link in parse(out / page).links:
            if re.match(r"^(https?:|mailto:|#)", link):
                continue
            target = (out / page).parent / link.split("#")[0]
            if not target.exists():
                broken.append((page, link))
    assert not broken, broken[:10]


def test_synthetic_figures_are_labelled(built_site: BuiltSite) -> None:
    out = built_site.report.out
    for page in built_site.report.pages:
        html = (out / page).read_text("utf-8")
        assert "Synthetic example data" in html, page  # the banner, as the survey is synthetic
    assert 'class="cw-synthetic"' in (out / "measures/KIND/index.html").read_text("utf-8")
    assert 'class="cw-synthetic"' not in (out / "measures/TIME/index.html").read_text("utf-8")
