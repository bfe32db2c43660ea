"""Abbreviations are spelled out on their first use in a page's main text, and nothing else
on the page changes: not the header, attributes, code, charts or figures."""

from __future__ import annotations

import re
from html import unescape

import pytest

from charterwatch.model.framework import GlossaryTerm, Origin
from charterwatch.publish.site.abbreviations import Abbreviations
from tests.conftest import Example


def term(ident: str, words: str, abbreviation: str | None) -> GlossaryTerm:
    return GlossaryTerm(
        id=ident,
        term=words,
        definition="d",
        abbreviation=abbreviation,
        origin=Origin(file="glossary.yaml", line=1),
    )


ABBREVIATIONS = Abbreviations.of(
    [
        term("fsp", "Fast Service Payment", "FSP"),
        term("fs", "Full Service", "FS"),
        term("plain", "Plain words", None),
    ]
)


def page(main: str, header: str = "<p>FSP</p>") -> str:
    return (
        "<!DOCTYPE html><html><head><title>FSP - site</title></head><body>"
        f'<header>{header}</header><main id="main-content">{main}</main>'
        "<footer>FSP</footer></body></html>"
    )


def main_of(html: str) -> str:
    return html.split('<main id="main-content">', 1)[1].split("</main>", 1)[0]


def test_the_first_use_is_spelled_out_and_later_ones_are_not() -> None:
    html = page("<p>Apply for FSP today.</p><p>FSP is paid monthly. FSP again.</p>")
    assert main_of(ABBREVIATIONS.expand(html)) == (
        "<p>Apply for Fast Service Payment (FSP) today.</p><p>FSP is paid monthly. FSP again.</p>"
    )


def test_only_the_main_text_changes() -> None:
    html = page("<p>FSP</p>")
    out = ABBREVIATIONS.expand(html)
    assert out.startswith(html.split("<main", 1)[0])  # head and header byte for byte
    assert out.endswith("</main><footer>FSP</footer></body></html>")


def test_each_abbreviation_is_spelled_out_once_and_the_longest_wins() -> None:
    out = main_of(ABBREVIATIONS.expand(page("<p>FS and FSP, then FS and FSP.</p>")))
    assert out == "<p>Full Service (FS) and Fast Service Payment (FSP), then FS and FSP.</p>"


def test_text_that_already_spells_it_out_is_left_alone() -> None:
    html = page(
        "<p>Fast Service  <strong>Payment</strong> (FSP) is new.</p><p>FSP is paid.</p>"
        "<p>Full&nbsp;Service (FS) too.</p>"
    )
    assert ABBREVIATIONS.expand(html) == html


def test_a_heading_gets_an_abbr_element_and_the_text_after_it_still_spells_out() -> None:
    html = page('<h1 id="FSP-times">FSP times</h1><p>How long FSP takes.</p>')
    assert main_of(ABBREVIATIONS.expand(html)) == (
        '<h1 id="FSP-times"><abbr title="Fast Service Payment">FSP</abbr> times</h1>'
        "<p>How long Fast Service Payment (FSP) takes.</p>"
    )


def test_attributes_code_charts_and_options_never_change() -> None:
    html = page(
        '<h2 id="FSP"><a href="../FSP/index.html" title="FSP">link</a></h2>'
        '<p data-text="fsp FSP" aria-label="FSP">'
        "<code>FSP</code> <pre>FSP</pre> <kbd>FSP</kbd></p>"
        '<svg role="img"><title>FSP</title><text>FSP</text></svg>'
        '<select><option value="FSP">FSP</option></select>'
        '<abbr title="Fast Service Payment">FSP</abbr><script>var FSP = "FSP";</script>'
    )
    assert ABBREVIATIONS.expand(html) == html


def test_figures_and_parts_of_words_are_not_abbreviations() -> None:
    html = page(
        "<table><tr><td>12,345</td><td>FSP2</td><td>3FSP</td><td>fsp</td>"
        "<td>FSP-led</td><td>M2.FS_1</td><td>FSPs</td></tr></table>"
    )
    assert ABBREVIATIONS.expand(html) == html


def test_a_link_text_and_a_table_cell_are_text() -> None:
    html = page('<table><tr><th scope="row"><a href="x.html#FSP">FSP</a></th></tr></table>')
    assert main_of(ABBREVIATIONS.expand(html)) == (
        '<table><tr><th scope="row"><a href="x.html#FSP">Fast Service Payment (FSP)</a>'
        "</th></tr></table>"
    )


def test_a_term_with_markup_characters_is_escaped() -> None:
    odd = Abbreviations.of([term("o", "Rent <and> Tax & Co", "RTC")])
    assert main_of(odd.expand(page("<h2>RTC</h2><p>RTC</p>"))) == (
        '<h2><abbr title="Rent &lt;and&gt; Tax &amp; Co">RTC</abbr></h2>'
        "<p>Rent &lt;and&gt; Tax &amp; Co (RTC)</p>"
    )


def test_a_page_without_abbreviations_is_the_same_string() -> None:
    html = page("<p>Nothing short here.</p>")
    assert ABBREVIATIONS.expand(html) is html
    assert Abbreviations.of([]).expand(html) is html


def test_offsets_hold_over_many_lines_and_references() -> None:
    html = page("<p>caf&eacute;\n  &#233;\n</p>\n<ul>\n<li>one\nFSP</li>\n<li>FS</li></ul>")
    assert main_of(ABBREVIATIONS.expand(html)) == (
        "<p>caf&eacute;\n  &#233;\n</p>\n<ul>\n<li>one\nFast Service Payment (FSP)</li>\n"
        "<li>Full Service (FS)</li></ul>"
    )


@pytest.mark.slow
def test_every_page_of_the_example_spells_out_its_abbreviations_first(example: Example) -> None:
    """On every page of the example site, an abbreviation's first use in the main text
    (headings aside) reads "term (ABBR)"; no attribute was changed to say so; and the
    glossary lists every abbreviation."""
    meanings = Abbreviations.of(example.pipeline.framework.glossary.values()).meanings
    assert {"ADP", "CDP", "SCP"} <= set(meanings)
    spelled = 0
    for page in sorted(example.site.out.rglob("*.html")):
        html = page.read_text("utf-8")
        main = html.split("<main", 1)[1].split("</main>", 1)[0] if "<main" in html else ""
        text = _running_text(main)
        for abbreviation, term in meanings.items():
            uses = [m.start() for m in re.finditer(rf"(?<![\w-]){abbreviation}(?![\w-])", text)]
            if not uses:
                continue
            first = text[: uses[0]]
            assert first.endswith(f"{term} ("), f"{page}: {abbreviation} first used bare"
            spelled += 1
        for value in re.findall(r'(?:id|href|title|aria-label|data-[\w-]+)="([^"]*)"', html):
            assert not re.search(r"\w \([A-Z]{2,5}\)$", value), f"{page}: {value}"
    assert spelled >= 5  # the breakdowns by benefit
    glossary = (example.site.out / "glossary" / "index.html").read_text("utf-8")
    listed = glossary.split('id="abbreviations"', 1)[1]
    for abbreviation, term in meanings.items():
        assert f'<abbr title="{term}">{abbreviation}</abbr>' in listed


def _running_text(main: str) -> str:
    """The text of a page's main part as a reader meets it, without headings, charts,
    scripts, code and the template's own ``<abbr>`` marks."""
    for tag in ("svg", "script", "style", "code", "pre", "abbr", "select", *HEADING_TAGS):
        main = re.sub(rf"<{tag}\b.*?</{tag}>", " ", main, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", main)).split())


HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
