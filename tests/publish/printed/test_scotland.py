"""The Scottish example's summary and leaflet fit their page limits."""

from __future__ import annotations

from pathlib import Path

import pytest

from charterwatch.publish.view import Publication, build_publication
from tests.conftest import EXAMPLE, Example
from tests.publish.printed.conftest import Printed, print_all

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
    """The example's framework with made-up rows: every figure worse and missing its standard.

    Only the layout is under test: the most shortfalls and the longest words there can be.
    """
    from charterwatch.measures.rows import ResultRow
    from charterwatch.model.loader import load_framework
    from charterwatch.results.store import ResultsStore

    loaded = load_framework(EXAMPLE)
    assert loaded.framework is not None, loaded.issues.summary()
    framework = loaded.framework
    rows = []
    for measure in framework.framework.measures.values():
        for i, year in enumerate(("2021-22", "2022-23", "2023-24")):
            status: dict[str, object] = {
                "status": "worse",
                "reason": "The fall of 4 percentage points is statistically significant "
                "(two-proportion z-test, p < 0.001).",
                "standard": {"met": False, "reason": "The figure is outside the standard."},
            }
            rows.append(
                ResultRow(
                    measure=measure.id,
                    period=year,
                    statistic="value",
                    value=80.0 - i,
                    unit="percent",
                    base=12345,
                    ci_low=78.0 - i,
                    ci_high=82.0 - i,
                    status_inputs=status,
                )
            )
    store = ResultsStore(tmp / "worst.duckdb")
    # one recorded suppression: ResultsStore.write fails on an empty list (duckdb executemany)
    store.write(
        rows, engine="test", years=["2021-22", "2022-23", "2023-24"], suppressions=[(rows[0], "")]
    )
    return build_publication(framework, store)


def test_summary_and_leaflet_fit_at_full_size_in_the_worst_case(tmp_path: Path) -> None:
    from charterwatch.publish.printed import leaflet_pdf, summary_pdf
    from tests.publish.printed.fixtures import read_pdf

    publication = _worst_case(tmp_path)
    assert len(publication.shortfalls()) == len(publication.measures)
    summary = read_pdf(summary_pdf(publication, tmp_path / "summary.pdf"))
    assert summary.pages <= 5
    assert "The full report lists" in summary.text()  # the rest are counted, not dropped
    assert read_pdf(leaflet_pdf(publication, tmp_path / "leaflet.pdf")).pages == 1
