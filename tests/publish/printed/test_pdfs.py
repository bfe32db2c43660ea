"""The three PDFs: written, within their page limits, tagged PDF/UA-1, saying the right things."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest

from charterwatch.publish.printed import leaflet_pdf
from charterwatch.publish.view import Publication
from tests.publish.printed.conftest import Printed
from tests.publish.printed.fixtures import PdfFacts, read_pdf

pytestmark = pytest.mark.slow


def _squashed(text: str) -> str:
    """Text without whitespace: long URLs are broken over lines in print."""
    return "".join(text.split())


def _all(printed: Printed) -> list[PdfFacts]:
    return [printed.full, printed.summary, printed.leaflet]


def test_each_pdf_is_written(printed: Printed) -> None:
    for pdf in _all(printed):
        assert pdf.path.stat().st_size > 1000
        assert pdf.path.read_bytes().startswith(b"%PDF-1.7")


def test_page_limits(printed: Printed) -> None:
    assert printed.summary.pages <= 5
    assert printed.leaflet.pages == 1
    assert printed.full.pages > printed.summary.pages


def test_weasyprint_reports_no_problem(printed: Printed) -> None:
    # missing lang, images without alt text, fonts or URLs it could not load ...
    assert printed.logged == []


@pytest.mark.parametrize("which", ["full", "summary", "leaflet"])
def test_tagged_pdf_ua(printed: Printed, which: str) -> None:
    pdf: PdfFacts = getattr(printed, which)
    root = pdf.root
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert str(root["/Lang"]) == "en"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert re.search(r'pdfuaid:part="1"|<pdfuaid:part>1<', pdf.xmp())
    assert pdf.reader.metadata is not None
    assert str(pdf.reader.metadata.title).startswith(("Test Charter", "Our Test Charter"))


@pytest.mark.parametrize("which", ["full", "summary", "leaflet"])
def test_headings_in_order(printed: Printed, which: str) -> None:
    pdf: PdfFacts = getattr(printed, which)
    levels = [int(tag[1]) for tag in pdf.structure() if re.fullmatch(r"H[1-6]", tag)]
    assert levels[0] == 1
    assert levels.count(1) == 1
    assert all(b <= a + 1 for a, b in pairwise(levels)), levels


@pytest.mark.parametrize("which", ["full", "summary", "leaflet"])
def test_tables_have_header_cells(printed: Printed, which: str) -> None:
    tags = getattr(printed, which).structure()
    assert "Table" in tags
    assert "TH" in tags and "TD" in tags
    assert "Caption" in tags


def test_full_report_has_bookmarks(printed: Printed) -> None:
    titles = printed.full.outline_titles()
    publication = printed.publication
    assert titles[0].startswith("Test Charter: full report")
    for section in publication.sections:
        assert section.title in titles
    assert "How to challenge a decision" in titles
    assert "Words we use" in titles


def test_metadata_dates_come_from_the_year(printed: Printed) -> None:
    # 2022-23 ends on 31 March 2023: the same date on every run, never the clock
    for pdf in _all(printed):
        metadata = pdf.reader.metadata
        assert metadata is not None
        assert str(metadata["/CreationDate"]).startswith("D:20230331")
        assert str(metadata["/ModDate"]).startswith("D:20230331")


def test_texts_name_headline_figures_and_synthetic(printed: Printed) -> None:
    publication = printed.publication
    assert publication.synthetic
    figures = [m.headline_text for m in publication.headline_measures()]
    assert figures
    for pdf in _all(printed):
        text = pdf.text()
        assert "synthetic" in text
        for figure in figures:
            assert figure in text


def test_full_report_contents(printed: Printed) -> None:
    text = printed.full.text()
    kind = printed.publication.measures["KIND"]
    assert kind.sentence().split(". ")[0] in text  # status sentence
    assert "base 100" in text and "83% to 94%" in text  # base and interval
    assert "2021-22" in text and "60%" in text  # every year in the table
    assert "Does it work?" in text  # the headline question
    assert "Client Survey 2022-23" in text
    assert "https://example.org/survey-2022" in _squashed(text)
    assert "called me back when promised" in text  # qualitative evidence
    assert "Re-determination" in text and "Appeal" in text  # glossary
    assert "First-tier Tribunal" in text


def test_summary_contents(printed: Printed) -> None:
    text = printed.summary.text()
    assert "At a glance" in text
    assert "Better than last year" in text and "Not comparable" in text
    assert "How to challenge a decision" in text
    assert "https://example.org/charter" in _squashed(text)  # where to find more


def test_leaflet_contents(printed: Printed) -> None:
    text = printed.leaflet.text()
    assert "42 days" in text and "31 days" in text
    assert "56 days" in text and "16 working days" in text
    assert "First-tier Tribunal" in text
    assert "someone you trust" in text  # the framework's own printed wording
    assert "complain" in text
    assert "Kind staff" in text  # a commitment's short label
    assert "https://example.org/charter" in _squashed(text)


def test_leaflet_without_synthetic_data_says_nothing_of_it(
    publication: Publication, tmp_path: Path
) -> None:
    real = Publication(**{**publication.__dict__, "synthetic": False})
    text = read_pdf(leaflet_pdf(real, tmp_path / "leaflet.pdf")).text()
    assert "synthetic" not in text.lower()


def test_same_publication_gives_identical_bytes(
    publication: Publication, printed: Printed, tmp_path: Path
) -> None:
    again = leaflet_pdf(publication, tmp_path / "again.pdf")
    assert again.read_bytes() == printed.leaflet.path.read_bytes()
