"""What the PDFs say about what is being done: each shortfall's actions or explanation in the
summary and the leaflet, and the full report's per-measure parts and closing chapter."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pytest

from charterwatch.model.accountability import Explanation
from charterwatch.model.framework import Origin
from charterwatch.publish.i18n import Catalogue
from charterwatch.publish.printed import full_report_pdf, leaflet_pdf, summary_pdf
from charterwatch.publish.printed.accountability import date_text, doing, ordered
from charterwatch.publish.printed.documents import summary_context, summary_texts
from charterwatch.publish.readability import SUMMARY_MAX_GRADE, check_readability
from charterwatch.publish.responses import Responses, build_responses
from charterwatch.publish.view import Publication, build_publication
from charterwatch.results.store import ResultsStore
from tests.conftest import EXAMPLE, Example
from tests.publish.printed.conftest import Printed
from tests.publish.printed.fixtures import PdfFacts, read_pdf
from tests.publish.printed.fixtures import worst_case as worst_case_figures

AS_OF = dt.date(2025, 11, 30)
OVERDUE_TITLE = "Decision letters that explain the reasons first"  # A-2023-04, due 2025-09-30
t = Catalogue()


@dataclass
class WithResponses:
    publication: Publication
    responses: Responses
    full: PdfFacts
    summary: PdfFacts
    leaflet: PdfFacts


def print_with(pub: Publication, responses: Responses, out: Path) -> WithResponses:
    return WithResponses(
        pub,
        responses,
        read_pdf(full_report_pdf(pub, out / "report.pdf", responses)),
        read_pdf(summary_pdf(pub, out / "summary.pdf", responses)),
        read_pdf(leaflet_pdf(pub, out / "leaflet.pdf", responses)),
    )


@pytest.fixture(scope="module")
def printed_example(example: Example, tmp_path_factory: pytest.TempPathFactory) -> WithResponses:
    """The session's computed example (tests/conftest.py), printed with its responses."""
    store = example.pipeline.store
    pub = build_publication(example.pipeline.framework, store)
    responses = build_responses(pub, store, AS_OF)
    return print_with(pub, responses, tmp_path_factory.mktemp("scotland-responses-pdfs"))


@pytest.mark.slow
def test_example_summary_and_leaflet_fit_with_responses(printed_example: WithResponses) -> None:
    assert printed_example.publication.shortfalls(), "the example has shortfalls to answer"
    assert printed_example.summary.pages <= 5
    assert printed_example.leaflet.pages == 1
    for pdf in (printed_example.summary, printed_example.leaflet):
        assert t("print.doing.heading") in pdf.text()
    first = printed_example.publication.shortfalls()[0]
    action = ordered(printed_example.responses.for_measure(first.id))[0].action
    assert action.title in printed_example.summary.text()


@pytest.mark.slow
def test_example_report_names_actions_and_marks_the_overdue_one(
    printed_example: WithResponses,
) -> None:
    text = printed_example.full.text()
    assert [a.action.title for a in printed_example.responses.overdue()] == [OVERDUE_TITLE]
    assert OVERDUE_TITLE in text
    assert "overdue" in text
    row = text[text.index(f"A-2023-04 {OVERDUE_TITLE}") :][:200]
    assert "overdue" in row
    assert t("print.doing.chapter_heading") in printed_example.full.outline_titles()
    for r in printed_example.responses.recommendations:
        assert r.id in text
    assert "Partly accepted" in text


@pytest.mark.slow
@pytest.mark.parametrize("which", ["full", "summary", "leaflet"])
def test_headings_stay_in_order_with_responses(printed_example: WithResponses, which: str) -> None:
    pdf: PdfFacts = getattr(printed_example, which)
    levels = [int(tag[1]) for tag in pdf.structure() if re.fullmatch(r"H[1-6]", tag)]
    assert levels.count(1) == 1
    assert all(b <= a + 1 for a, b in pairwise(levels)), levels


def worst_case(folder: Path) -> Publication:
    """The example's framework with every figure in shortfall (see the fixtures module)."""
    return worst_case_figures(EXAMPLE, folder)


@pytest.fixture(scope="module")
def worst(tmp_path_factory: pytest.TempPathFactory) -> WithResponses:
    """Every measure of the example in shortfall; one answered only by an explanation."""
    folder = tmp_path_factory.mktemp("worst")
    pub = worst_case(folder)
    fw = pub.framework
    answered = {m for a in fw.actions.values() for m in a.measures}
    unanswered = next(m for m in fw.framework.measures if m not in answered)
    fw.explanations.append(
        Explanation(
            measure=unanswered,
            year=pub.year,
            text="The survey question changed this year.",
            origin=Origin(file="test"),
        )
    )
    responses = build_responses(pub, ResultsStore(folder / "worst.duckdb"), AS_OF)
    return print_with(pub, responses, tmp_path_factory.mktemp("worst-pdfs"))


@pytest.mark.slow
def test_worst_case_still_fits_with_responses(worst: WithResponses) -> None:
    assert worst.summary.pages <= 5
    assert worst.leaflet.pages == 1
    assert "Results that fell short in" in worst.leaflet.text()
    assert "The survey question changed this year." in worst.full.text()


def test_summary_lists_each_shortfall_with_its_actions_or_explanation(
    worst: WithResponses,
) -> None:
    ctx = summary_context(worst.publication, 2, 200, worst.responses)
    items = {d.measure: d for d in ctx["doing"]}
    assert len(items) == len(worst.publication.shortfalls())
    with_actions = [d for d in items.values() if d.actions]
    assert with_actions and all(len(d.actions) <= 3 for d in with_actions)
    explained = [d for d in items.values() if d.explanations]
    assert ["The survey question changed this year."] in [d.explanations for d in explained]
    assert all(len(d.explanations) == 1 for d in explained)
    for d in items.values():
        for line in d.actions:
            assert line.state != "dropped", "a dropped action is not a response"


def test_without_responses_there_is_no_accountability_part(printed: Printed) -> None:
    heading = t("print.doing.heading")
    for pdf in (printed.full, printed.summary, printed.leaflet):
        assert heading not in pdf.text()
    assert t("print.doing.chapter_heading") not in printed.full.text()


def test_overdue_actions_come_first_and_are_worded(worst: WithResponses) -> None:
    found = doing(t, worst.publication, worst.responses, dropped=True)
    letters = next(d for d in found if any(a.title == OVERDUE_TITLE for a in d.actions))
    first = letters.actions[0]
    assert first.title == OVERDUE_TITLE and first.overdue and first.group == "worse"
    assert first.status == "in progress, overdue (it was due 30 September 2025)"
    assert date_text(t, dt.date(2026, 3, 31)) == "31 March 2026"


def test_the_new_wording_passes_the_readability_gate(printed: Printed) -> None:
    texts = summary_texts(printed.publication)
    assert any(key.startswith("print.doing.") for key, _ in texts)
    assert check_readability(texts, SUMMARY_MAX_GRADE) == []
