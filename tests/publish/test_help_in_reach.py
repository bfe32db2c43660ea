"""Help in reach: the framework's contact routes on every page about people's rights, and a
time limit for every step of a challenge, per group, from the deadline rules.

The measured fixture gets a ``contact.yaml`` and a challenge page; its site is built once.
The challenge page, what to expect, easy read and the accessibility statement must each show
the routes (numbers as ``tel:`` links, email as ``mailto:``) and the advice service, and the
leaflet PDF must carry them in its text and its links.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from charterwatch.pipeline import Pipeline
from charterwatch.publish.site.site import build_site
from tests.any_charter.test_no_scotland_words import _visible
from tests.measures.fixtures import write_measured_framework

pytestmark = pytest.mark.slow

CONTACT = """\
contact:
  routes:
    - {kind: phone, number: 0800 000 0000, hours: "Monday to Friday, 9am to 5pm"}
    - {kind: text_relay, number: 18001 0800 000 0000}
    - {kind: email, email: help@example.org}
    - {kind: web_form, url: "https://www.example.org/contact"}
    - {kind: post, address: [Customer Service, 1 Sample Street, Exampletown]}
  advice:
    - name: Exampletown Advice Centre
      help: Free help with your rights.
      routes:
        - {kind: phone, number: 0800 000 0001}
"""

CHALLENGE = """\
challenge:
  groups: {ADP: first cases, BSG: second cases}
  group_names: {ADP: Alpha Payment, BSG: Beta Grant}
  steps:
    - title: We decide again
      text: Someone new looks at your case.
      limit: {text: "We have {limit}.", process: redetermination}
  easy_read:
    - You can ask us to look again.
    - {text: "{group}: {limit}.", process: redetermination}
"""

PAGES = ("challenge", "what-to-expect", "easy-read", "accessibility")
"""The pages that must show the routes."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_measured_framework(tmp_path_factory.mktemp("framework"))
    (root / "contact.yaml").write_text(CONTACT, encoding="utf-8")
    (root / "pages").mkdir()
    (root / "pages" / "challenge.yaml").write_text(CHALLENGE, encoding="utf-8")
    pipeline = Pipeline.open(root)
    pipeline.compute()
    return build_site(pipeline, tmp_path_factory.mktemp("site") / "site").out


def _html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text("utf-8")


@pytest.mark.parametrize("page", PAGES)
def test_the_routes_are_on_the_page_as_links(site: Path, page: str) -> None:
    html = _html(site, page)
    assert '<a href="tel:08000000000">0800 000 0000</a>' in html
    assert '<a href="tel:1800108000000000">18001 0800 000 0000</a>' in html
    assert '<a href="mailto:help@example.org">help@example.org</a>' in html
    assert 'href="https://www.example.org/contact"' in html
    text = " ".join(_visible(html).split())
    assert "Open Monday to Friday, 9am to 5pm." in text
    assert "Customer Service 1 Sample Street Exampletown" in text
    assert "Exampletown Advice Centre. Free help with your rights." in text
    assert html.count('class="cw-contact"') == 1  # one block, from the one macro


def _uris(reader: PdfReader) -> set[str]:
    found: set[str] = set()
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            action: Any = annot.get_object().get("/A")
            if action is not None and "/URI" in action:
                found.add(str(action["/URI"]))
    return found


def test_the_leaflet_carries_the_routes(site: Path) -> None:
    reader = PdfReader(str(site / "downloads" / "leaflet.pdf"))
    assert len(reader.pages) == 1
    text = " ".join("\n".join(p.extract_text() or "" for p in reader.pages).split())
    for words in ("0800 000 0000", "help@example.org", "Exampletown Advice Centre"):
        assert words in text, text
    assert {"tel:08000000000", "mailto:help@example.org"} <= _uris(reader)


def test_each_group_gets_its_own_limit(site: Path) -> None:
    challenge = " ".join(_visible(_html(site, "challenge")).split())
    assert "We have 56 days for first cases, or 16 working days for second cases." in challenge
    assert re.search(r"Alpha Payment: 56 days\s+Beta Grant: 16 working days", challenge)
    easy = " ".join(_visible(_html(site, "easy-read")).split())
    assert "Alpha Payment: 56 days. Beta Grant: 16 working days." in easy
