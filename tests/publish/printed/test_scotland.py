"""The Scottish example's summary and leaflet fit their page limits."""

from __future__ import annotations

from pathlib import Path

import pytest

from charterwatch.publish.view import Publication, build_publication
from tests.conftest import EXAMPLE, Example
from tests.publish.printed.conftest import Printed, print_all
from tests.publish.printed.fixtures import worst_case

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def scotland(example: Example, tmp_path_factory: pytest.TempPathFactory) -> Printed:
    """The example, generated and computed once for the session (tests/conftest.py)."""
    pipeline = example.pipeline
    publication: Publication = build_publication(pipeline.framework, pipeline.store)
    return print_all(publication, tmp_path_factory.mktemp("scotland-pdfs"))


def test_summary_is_at_most_five_pages(scotland: Printed) -> None:
    assert scotland.summary.pages <= 5


def test_leaflet_is_one_page(scotland: Printed) -> None:
    assert scotland.leaflet.pages == 1
    text = scotland.leaflet.text()
    assert "42 days" in text and "First-tier Tribunal" in text


def test_full_report_is_tagged_with_bookmarks(scotland: Printed) -> None:
    assert "/StructTreeRoot" in scotland.full.root
    titles = scotland.full.outline_titles()
    for section in scotland.publication.sections:
        assert section.title in titles
    assert scotland.logged == []


def test_synthetic_notice(scotland: Printed) -> None:
    assert scotland.publication.synthetic
    for pdf in (scotland.full, scotland.summary, scotland.leaflet):
        assert "synthetic" in pdf.text()


def _worst_case(tmp: Path) -> Publication:
    """The example's framework with every figure in shortfall (see the fixtures module)."""
    return worst_case(EXAMPLE, tmp)


def test_summary_and_leaflet_fit_at_full_size_in_the_worst_case(tmp_path: Path) -> None:
    from charterwatch.publish.printed import leaflet_pdf, summary_pdf
    from tests.publish.printed.fixtures import read_pdf

    publication = _worst_case(tmp_path)
    assert len(publication.shortfalls()) == len(publication.measures)
    summary = read_pdf(summary_pdf(publication, tmp_path / "summary.pdf"))
    assert summary.pages <= 5
    assert "The full report lists" in summary.text()  # the rest are counted, not dropped
    assert read_pdf(leaflet_pdf(publication, tmp_path / "leaflet.pdf")).pages == 1
