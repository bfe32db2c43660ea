"""Issue 12 point 3 on the shipped example: help in reach, and the right time limit for each
benefit.

Every step of the challenge page says how long it may take, drawn from ``deadlines.yaml``;
where the limit differs between benefits the step lists each benefit's own; the easy-read
page gives each benefit its own limit, equal to the rule in force; the contact routes
(freephone as a ``tel:`` link, contactSCOTLAND-BSL, post) and the advice services are on the
challenge, what to expect, easy-read and accessibility pages and in the leaflet.
"""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from charterwatch.publish.charter_pages import length_words, limits_on
from charterwatch.wording import catalogue_of
from tests.any_charter.test_no_scotland_words import _visible
from tests.conftest import Example

PAGES = ("challenge", "what-to-expect", "easy-read", "accessibility")


def _text(example: Example, page: str) -> str:
    html = (example.site.out / page / "index.html").read_text("utf-8")
    return " ".join(_visible(html).split())


def test_every_challenge_step_has_a_time_limit(example: Example) -> None:
    html = (example.site.out / "challenge" / "index.html").read_text("utf-8")
    steps = re.findall(
        r'<li class="cw-step">(.*?)</li>\n(?=<li class="cw-step">|</ol>)', html, re.S
    )
    assert len(steps) == 3
    for step in steps:
        limit = re.search(r'<p class="cw-step__limit"><strong>Time limit:</strong>(.*?)</p>', step)
        assert limit is not None and re.search(r"\d+ (working )?days", limit.group(1)), step


def test_a_step_whose_limit_differs_lists_each_benefit(example: Example) -> None:
    text = _text(example, "challenge")
    assert (
        "Adult Disability Payment: 42 days Child Disability Payment: 42 days "
        "Pension Age Disability Payment: 42 days Best Start Grant: 31 days"
    ) in text
    assert "Best Start Grant: 16 working days" in text
    assert "Appeal within 31 days of getting our new decision." in text


def test_easy_read_gives_each_benefit_the_limit_of_its_rule(example: Example) -> None:
    fw = example.pipeline.framework
    page = fw.pages["challenge"]
    on = limits_on(fw, example.computed.years[-1])
    t = catalogue_of(fw)
    text = _text(example, "easy-read")
    assert page.group_names, "the example names each benefit"
    for group, name in page.group_names.items():
        rule = fw.rulebook.rule_for("redetermination_request", group, on)
        assert f"{name}: {length_words(rule, t)}." in text, (group, text)
    assert "Best Start Grant: 31 days." in text  # not the 42 days of the disability benefits


@pytest.mark.parametrize("page", PAGES)
def test_the_routes_are_on_the_page(example: Example, page: str) -> None:
    html = (example.site.out / page / "index.html").read_text("utf-8")
    assert '<a href="tel:08001822222">0800 182 2222</a>' in html
    assert 'href="https://contactscotland-bsl.org"' in html
    text = _text(example, page)
    assert "Open Monday to Friday, 8am to 6pm." in text
    assert "PO Box 10301" in text
    assert "Citizens Advice Scotland" in text


def test_the_leaflet_carries_the_routes(example: Example) -> None:
    reader = PdfReader(str(example.site.out / "downloads" / "leaflet.pdf"))
    assert len(reader.pages) == 1
    text = " ".join("\n".join(p.extract_text() or "" for p in reader.pages).split())
    assert "0800 182 2222" in text and "Citizens Advice Scotland" in text
