"""The words of a verdict: one sentence for every reason, names capped, and nothing about
how many figures are withheld or what they hold."""

from __future__ import annotations

import pytest

from charterwatch.publish.i18n import Catalogue
from charterwatch.publish.readability import split_sentences
from charterwatch.results.figure import (
    Assessment,
    Figure,
    ReasonCode,
    Shortfall,
    ShortfallReason,
    StandardCheck,
    StandardKind,
    Status,
)
from charterwatch.results.verdict import (
    Evidence,
    MeasureEvidence,
    Verdict,
    VerdictReason,
    commitment_verdict,
    decide_verdict,
)
from charterwatch.wording import verdict_label, verdict_reason
from tests.results.fixtures import figure, measure

T = Catalogue()
E = Evidence
EXAMPLES = {
    VerdictReason.ALL_ON_TRACK: (E.HELD, E.IMPROVED),
    VerdictReason.ONE_ON_TRACK: (E.MET_STANDARD,),
    VerdictReason.SOME_SHORT: (E.HELD, E.FELL_SHORT),
    VerdictReason.MOST_SHORT: (E.HELD, E.FELL_SHORT, E.FELL_SHORT),
    VerdictReason.ALL_SHORT: (E.FELL_SHORT, E.FELL_SHORT),
    VerdictReason.ONE_SHORT: (E.FELL_SHORT,),
    VerdictReason.NO_MEASURES: (),
    VerdictReason.ALL_WITHHELD: (E.WITHHELD,),
    VerdictReason.NO_DATA: (E.NO_DATA,),
    VerdictReason.WITHHELD_OR_NO_DATA: (E.WITHHELD, E.NO_DATA),
    VerdictReason.DESCRIBED_ONLY: (E.DESCRIBED,),
    VerdictReason.NOTHING_TO_JUDGE: (E.NO_YARDSTICK, E.DESCRIBED),
    VerdictReason.MOSTLY_MISSING: (E.HELD, E.WITHHELD, E.NO_DATA),
}


def reason_of(*kinds: Evidence) -> str:
    found = decide_verdict("1.1", [MeasureEvidence(f"M{i}", k) for i, k in enumerate(kinds)])
    titles = {f"M{i}": f"Measure {i}" for i in range(len(kinds))}
    return verdict_reason(found, titles, "2023-24", T)


def test_the_examples_cover_every_reason() -> None:
    assert set(EXAMPLES) == set(VerdictReason)
    for reason, kinds in EXAMPLES.items():
        found = decide_verdict("1.1", [MeasureEvidence(f"M{i}", k) for i, k in enumerate(kinds)])
        assert found.reason is reason, (reason, kinds)


@pytest.mark.parametrize("reason", list(VerdictReason))
def test_every_reason_is_one_filled_sentence(reason: VerdictReason) -> None:
    text = reason_of(*EXAMPLES[reason])
    assert "{" not in text and text.endswith(".") and text[0].isupper(), text
    assert len(split_sentences(text)) == 1, text


def test_every_verdict_has_a_label() -> None:
    labels = {verdict_label(v, T) for v in Verdict}
    assert labels == {"Kept", "Partly kept", "Not kept", "We cannot tell yet"}


def test_the_reason_names_the_measures_that_fell_short() -> None:
    text = reason_of(E.HELD, E.HELD, E.FELL_SHORT)
    assert text == (
        "Two of the three measures we can judge it by met their standard or did not get "
        "worse; falling short: Measure 2."
    )
    many = reason_of(E.IMPROVED, *[E.FELL_SHORT] * 5)
    assert "Measure 1, Measure 2, Measure 3 and 2 more." in many
    assert "Measure 4" not in many


def test_the_reason_does_not_tell_how_many_figures_are_withheld() -> None:
    one = reason_of(E.HELD, E.HELD, E.FELL_SHORT, E.WITHHELD)
    three = reason_of(E.HELD, E.HELD, E.FELL_SHORT, E.WITHHELD, E.WITHHELD, E.WITHHELD)
    assert one == three
    assert reason_of(E.WITHHELD) == reason_of(E.WITHHELD, E.WITHHELD, E.WITHHELD)


def _withheld(value: float | None, met: bool | None, shortfalls: tuple[Shortfall, ...]) -> Figure:
    return figure(
        "2023-24",
        value,
        symbol="[c]",
        assessment=Assessment(Status.NOT_COMPARABLE, ReasonCode.WITHHELD),
        standard=StandardCheck(StandardKind.SERVICE_STANDARD, met, 80.0, "at_least", "percent"),
        shortfalls=shortfalls,
    )


def test_what_is_stored_with_a_withheld_figure_never_shows_in_the_verdict() -> None:
    """An intruder comparing verdicts learns nothing about a withheld figure."""
    held = figure("2023-24", 90.0, assessment=Assessment(Status.SAME, ReasonCode.NOT_SIGNIFICANT))
    a, b = (measure().model_copy(update={"id": ident}) for ident in ("A", "B"))
    worse = (Shortfall(ShortfallReason.WORSE, {"previous": "2022-23"}),)
    said = set()
    for hidden in (
        _withheld(None, None, ()),
        _withheld(3.0, False, worse),
        _withheld(99.0, True, ()),
    ):
        found = commitment_verdict("1.1", [(a, held), (b, hidden)])
        said.add((found.verdict, verdict_reason(found, {"A": "A", "B": "B"}, "2023-24", T)))
    assert len(said) == 1, said
