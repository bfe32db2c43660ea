"""The search index keeps what readers search for (titles, headings, plain text), from every
page of a built site, small enough for a phone; its words are those the script makes."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from charterwatch.model.framework import GlossaryTerm, Origin
from charterwatch.publish.site.search_index import (
    HEADING,
    INDEX,
    SEARCH_PAGE,
    TEXT,
    TITLE,
    decode_postings,
    encode_postings,
    index_data,
    page_entry,
    page_text,
    shorten,
    synonym_groups,
    words,
)
from tests.publish.site.conftest import BuiltSite

PAGE = """<!DOCTYPE html><html><head><title>Ignored title</title>
<meta name="description" content="ignored"></head><body>
<nav><a href="x">Navigation words</a></nav>
<main id="main-content"><header class="ds_page-header">
<span class="ds_page-header__label ds_content-label">Measure M2.22</span>
<h1 class="ds_page-header__title">Time to decide Fast Payment applications</h1></header>
<p class="ds_leader">The median number of working days &amp; how it is counted.</p>
<h2 id="latest">The latest figure, 2024-25</h2>
<p>Re-determinations in 12,345 cases; clients' views. Café.</p>
<svg><title>Chart words</title><text>9999</text></svg>
<script>var hidden = "script words";</script>
<table><tr><th>Year</th><td>42 working days</td></tr></table>
</main><footer>Footer words</footer></body></html>"""


def read(path: Path) -> dict[str, object]:
    text = path.read_text("utf-8")
    prefix = "window.charterwatchSearch="
    assert text.startswith(prefix) and text.endswith(";\n")
    data: dict[str, object] = json.loads(text[len(prefix) : -2])
    return data


def test_words_are_lower_case_without_accents_and_keep_joined_words_whole() -> None:
    assert words("Re-determination of Clients' CAFÉ") == [
        "redetermination",
        "re",
        "determination",
        "of",
        "clients",
        "cafe",
    ]
    assert words("don’t M2.22", parts=False) == ["dont", "m2", "22"]


def test_a_page_gives_its_title_label_headings_text_and_snippet_from_main_only() -> None:
    page = page_text(PAGE)
    assert page.title == "Time to decide Fast Payment applications"
    assert page.label == "Measure M2.22"
    assert page.headings == ["The latest figure, 2024-25"]
    assert page.snippet == "The median number of working days & how it is counted."
    assert "Re-determinations in 12,345 cases" in page.text and "42 working days" in page.text
    for absent in ("Navigation", "Footer", "Chart words", "script words", "Ignored", "9999"):
        assert absent not in page.text


def test_a_page_entry_indexes_words_by_place_without_bare_figures() -> None:
    entry = page_entry("measures/M2.22/index.html", PAGE, "page")
    assert entry.kind == "Measure M2.22"  # the page's own label
    assert {"time", "fast", "payment", "measure", "m2", "22"} <= entry.title_words
    assert {"latest", "figure", "2024", "25"} - entry.heading_words == {"2024", "25"}
    assert {"redeterminations", "determinations", "clients", "cafe", "median"} <= entry.text_words
    assert not any(w.isdigit() for w in entry.text_words | entry.heading_words)
    bare = page_entry("years/index.html", "<main><p>Only text</p></main>", "page")
    assert (bare.title, bare.kind) == ("years/index.html", "page")


def test_a_word_is_kept_once_per_page_at_its_best_place() -> None:
    entry = page_entry("a/index.html", PAGE, "page")
    other = page_entry("b/index.html", "<main><h1>Latest</h1><p>fast</p></main>", "page")
    data = index_data([entry, other], [])
    found = {w: decode_postings(p) for w, p in data["words"].items()}  # type: ignore[attr-defined]
    assert found["fast"] == [(0, TITLE), (1, TEXT)]
    assert found["latest"] == [(0, HEADING), (1, TITLE)]
    assert data["pages"] == [
        ["a/index.html", entry.title, "Measure M2.22", entry.snippet],
        ["b/index.html", "Latest", "page", "fast"],
    ]


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(
        st.integers(min_value=0, max_value=5000), st.sampled_from([TITLE, HEADING, TEXT])
    )
)
def test_postings_read_back_as_written(places: dict[int, int]) -> None:
    pairs = sorted(places.items())
    assert decode_postings(encode_postings(pairs)) == pairs


def test_a_word_on_every_page_costs_a_character_a_page() -> None:
    assert encode_postings([(n, TEXT) for n in range(200)]) == "0" * 200


def test_snippets_are_cut_at_a_word() -> None:
    assert shorten("short text") == "short text"
    cut = shorten("word " * 60)
    assert len(cut) <= 160 and cut.endswith("word…")


def test_synonym_groups_come_from_the_glossary_in_the_index_s_words() -> None:
    def term(ident: str, name: str, **extra: object) -> GlossaryTerm:
        return GlossaryTerm.model_validate(
            {"id": ident, "term": name, "definition": "d", "origin": Origin(file="g.yaml")} | extra
        )

    glossary = {
        "fp": term("fp", "Fast Payment", abbreviation="FP", synonyms=["quick money", "FP"]),
        "re": term("re", "Re-determination", synonyms=["look again"]),
        "plain": term("plain", "Median"),
    }
    assert synonym_groups(glossary) == [
        ["fast payment", "fp", "quick money"],
        ["redetermination", "look again"],
    ]


def test_every_page_of_a_built_site_is_in_its_index(built_site: BuiltSite) -> None:
    out = built_site.report.out
    data = read(out / INDEX)
    pages = data["pages"]
    assert isinstance(pages, list)
    urls = {page[0] for page in pages}
    html = {p for p in built_site.report.pages if p != SEARCH_PAGE}
    assert html <= urls
    for expected in ("challenge/index.html", "what-to-expect/index.html", "easy-read/index.html"):
        assert expected in urls
    terms = built_site.pipeline.framework.glossary
    assert {f"glossary/index.html#{t}" for t in terms} <= urls
    assert all("<" not in page[3] and len(page[3]) <= 160 for page in pages)
    search = (out / SEARCH_PAGE).read_text("utf-8")
    a_to_z = search.split('id="search-index"', 1)[1].split("</ul>", 1)[0]
    assert a_to_z.count("<li><a href=") == len(pages)  # the A to Z, read without a script
    assert '<script src="search-index.js" defer></script>' in search


def test_the_index_is_small_enough_for_a_phone(built_site: BuiltSite) -> None:
    out = built_site.report.out
    pages = len(read(out / INDEX)["pages"])  # type: ignore[arg-type]
    size = (out / INDEX).stat().st_size
    assert size < 600 * pages, f"{size} bytes for {pages} pages"
