"""The readability gate, and the printed outputs' own fixed wording passing it."""

from __future__ import annotations

from pathlib import Path

import pytest

from charterwatch.model.loader import load_framework
from charterwatch.publish.charter_pages import charter_page
from charterwatch.publish.i18n import Catalogue
from charterwatch.publish.printed import leaflet_texts, summary_texts
from charterwatch.publish.printed.content import challenge
from charterwatch.publish.readability import (
    EASY_READ_MAX_GRADE,
    SUMMARY_MAX_GRADE,
    ReadabilityError,
    check_readability,
    require_readable,
    sentence_grade,
    split_sentences,
    syllables,
    word_count,
)
from charterwatch.publish.view import Publication

HARD = (
    "The administrative reconsideration of contested determinations necessitates "
    "comprehensive documentation of individual circumstances."
)


def test_defaults() -> None:
    assert SUMMARY_MAX_GRADE == 8
    assert EASY_READ_MAX_GRADE == 5


def test_a_hard_sentence_fails_with_its_grade_and_text() -> None:
    problems = check_readability([("leaflet.intro", f"We can help. {HARD}")], 8)
    assert len(problems) == 1
    problem = problems[0]
    assert problem.where == "leaflet.intro"
    assert problem.sentence == HARD
    assert problem.grade > 8
    assert problem.limit == 8
    assert "leaflet.intro" in str(problem) and HARD in str(problem)
    assert f"{problem.grade:.1f}" in str(problem)


def test_the_error_names_every_failing_sentence() -> None:
    other = "Notwithstanding institutional considerations, determinations remain provisional."
    with pytest.raises(ReadabilityError) as caught:
        require_readable([("a", HARD), ("b", f"Fine words here for you. {other}")], 8)
    message = str(caught.value)
    assert len(caught.value.problems) == 2
    assert HARD in message and other in message
    assert "a:" in message and "b:" in message


def test_simple_sentences_pass() -> None:
    text = (
        "You can ask us to look at a decision again. We will tell you what happens next. "
        "If you still disagree, you can ask a judge to look at it."
    )
    assert check_readability([("simple", text)], EASY_READ_MAX_GRADE) == []
    require_readable([("simple", text)])


def test_short_sentences_numbers_and_addresses_are_not_scored() -> None:
    assert sentence_grade("Ask within 42 days.") is None
    assert sentence_grade("Contact: the Client Panels team.") is None
    with_figures = "In 2022-23, 94% said yes, up from 91% in 2021-22 at https://example.org/x."
    plain = "Most people said yes this year, up from last year."
    assert sentence_grade(with_figures) == pytest.approx(sentence_grade(plain), abs=2.5)


def test_sentences_are_split_sensibly() -> None:
    text = (
        "Some payments, e.g. Best Start Foods, have a review. The rate was 0.5 points.\n\n"
        "A heading\n- a list item that goes on\n- another item"
    )
    assert split_sentences(text) == [
        "Some payments, e.g. Best Start Foods, have a review.",
        "The rate was 0.5 points.",
        "A heading",
        "a list item that goes on",
        "another item",
    ]


@pytest.mark.parametrize(
    ("word", "count"),
    [("the", 1), ("make", 1), ("people", 2), ("decision", 3), ("tribunal", 3), ("every", 3)],
)
def test_syllables(word: str, count: int) -> None:
    assert syllables(word) == count


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("", 0),
        ("You can ask us to look again.", 7),
        ("don't stop - it's a well-known rule", 6),  # a dash alone is not a word
        ("• item — another … '' \" ?", 2),  # punctuation alone is not a word
        ("£5 on 2022-23 (or 94%)", 5),
        ("naïve café_au_lait", 2),
    ],
)
def test_words_are_counted_as_textstat_counts_them(text: str, count: int) -> None:
    """textstat 0.7's ``lexicon_count`` gives these counts (checked when it was replaced)."""
    assert word_count(text) == count


def test_summary_wording_passes_grade_8(publication: Publication) -> None:
    texts = summary_texts(publication)
    assert len(texts) > 10
    assert check_readability(texts, SUMMARY_MAX_GRADE) == []


def test_leaflet_wording_passes_grade_8(publication: Publication) -> None:
    texts = leaflet_texts(publication)
    assert any("First-tier Tribunal" in text for _, text in texts)
    assert check_readability(texts, SUMMARY_MAX_GRADE) == []


def test_challenge_text_passes_grade_8(publication: Publication) -> None:
    found = challenge(Catalogue(), publication)
    assert found is not None
    assert check_readability(found.texts(), SUMMARY_MAX_GRADE) == []


def test_the_example_challenge_page_passes_grade_8() -> None:
    """The shipped example's printed wording (its pages/challenge.yaml) passes the gate."""
    loaded = load_framework(Path(__file__).parents[3] / "examples" / "scotland")
    assert loaded.framework is not None, loaded.issues
    page = charter_page(loaded.framework, "challenge", "2024-25", Catalogue())
    texts = [("challenge", p) for p in [*page.printed_before, *page.printed_after]]
    assert any("short-term assistance" in text for _, text in texts)
    assert check_readability(texts, SUMMARY_MAX_GRADE) == []
