"""Every data table of the site sits in a labelled region that scrolls by itself (WCAG 1.4.10)."""

from __future__ import annotations

import re

from charterwatch.publish.site.table_regions import wrap_tables
from tests.publish.site.conftest import BuiltSite


def test_a_table_is_wrapped_once_and_named_by_its_caption() -> None:
    html = "<p>x</p><table><caption>Figures</caption><tr><td>1</td></tr></table>"
    wrapped = wrap_tables(html)
    assert wrapped.startswith("<p>x</p>")
    assert re.search(
        r'<div class="cw-table-wrap" role="region" aria-labelledby="cw-table-1" tabindex="0">'
        r'<table><caption id="cw-table-1">Figures</caption>',
        wrapped,
    )
    assert wrap_tables(wrapped) == wrapped  # already in a region: left alone


def test_a_caption_id_is_kept_and_a_table_without_caption_still_gets_a_name() -> None:
    kept = wrap_tables('<table><caption id="peer">P</caption></table>')
    assert 'aria-labelledby="peer"' in kept and kept.count('id="peer"') == 1
    assert 'aria-label="Table"' in wrap_tables("<table><tr><td>1</td></tr></table>")


def test_every_table_of_the_built_site_is_in_a_region(built_site: BuiltSite) -> None:
    tables = 0
    for page in built_site.report.pages:
        html = (built_site.report.out / page).read_text(encoding="utf-8")
        for match in re.finditer(r"<table\b", html):
            tables += 1
            before = html[: match.start()]
            opening = before[before.rfind("<div") :]
            assert opening.startswith('<div class="cw-table-wrap" role="region"'), page
            assert 'tabindex="0"' in opening and "aria-label" in opening, page
    assert tables >= 10  # the fixture has tables on many page types
