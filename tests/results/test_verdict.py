"""The verdict on a commitment, on constructed cases: every branch of what one measure's
figure says, and every branch of the roll-up (ties, all withheld, thin evidence)."""

from __future__ import annotations

import pytest

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
    measure_evidence,
)
from tests.results.fixtures import figure, measure

E = Evidence


def assessed(
    status: Status, reason: ReasonCode, value: float | None = 90.0, **extra: object
) -> Figure:
    return figure("2023-24", value, assessment=Assessment(status, reason), **extra)


def check(met: bool | None) -> StandardCheck:
    return StandardCheck(StandardKind.SERVICE_STANDARD, met, 80.0, "at_least", "percent")


WORSE = Shortfall(ShortfallReason.WORSE, {"previous": "2022-23"})


@pytest.mark.parametrize(
    ("fig", "polarity", "expected"),
    [
        (None, "higher_is_better", E.NO_DATA),
        (assessed(Status.NO_DATA, ReasonCode.NO_DATA, None), "higher_is_better", E.NO_DATA),
        (assessed(Status.EVIDENCE, ReasonCode.EVIDENCE, None), "neither", E.DESCRIBED),
        (assessed(Status.SAME, ReasonCode.NOT_SIGNIFICANT), "higher_is_better", E.HELD),
        (assessed(Status.BETTER, ReasonCode.SIGNIFICANT), "lower_is_better", E.IMPROVED),
        (assessed(Status.SAME, ReasonCode.NOT_SIGNIFICANT), "neither", E.NO_YARDSTICK),
        (assessed(Status.CHANGED, ReasonCode.SIGNIFICANT), "neither", E.NO_YARDSTICK),
        (assessed(Status.FIRST_YEAR, ReasonCode.FIRST_YEAR), "higher_is_better", E.NO_YARDSTICK),
        (assessed(Status.NOT_COMPARABLE, ReasonCode.BREAK), "higher_is_better", E.NO_YARDSTICK),
        (
            assessed(Status.NOT_COMPARABLE, ReasonCode.PREVIOUS_WITHHELD),
            "higher_is_better",
            E.NO_YARDSTICK,
        ),
        # a standard decides before the comparison, for any polarity
        (
            assessed(Status.FIRST_YEAR, ReasonCode.FIRST_YEAR, standard=check(True)),
            "neither",
            E.MET_STANDARD,
        ),
        (
            assessed(Status.BETTER, ReasonCode.SIGNIFICANT, standard=check(False)),
            "higher_is_better",
            E.FELL_SHORT,
        ),
        # in shortfall (a sustained decline) although about the same as last year
        (
            assessed(
                Status.SAME,
                ReasonCode.NOT_SIGNIFICANT,
                shortfalls=(Shortfall(ShortfallReason.SUSTAINED_DECLINE),),
            ),
            "higher_is_better",
            E.FELL_SHORT,
        ),
        (
            assessed(Status.WORSE, ReasonCode.SIGNIFICANT, shortfalls=(WORSE,)),
            "higher_is_better",
            E.FELL_SHORT,
        ),
        # worse with "worse_than_last_year" switched off: no shortfall, still not on track
        (assessed(Status.WORSE, ReasonCode.SIGNIFICANT), "higher_is_better", E.FELL_SHORT),
        (
            assessed(
                Status.SAME, ReasonCode.NOT_SIGNIFICANT, standard=check(True), shortfalls=(WORSE,)
            ),
            "higher_is_better",
            E.FELL_SHORT,
        ),
    ],
)
def test_what_one_figure_says(fig: Figure | None, polarity: str, expected: Evidence) -> None:
    assert measure_evidence(measure(polarity=polarity), fig) is expected


@pytest.mark.parametrize(
    "fig",
    [
        assessed(Status.NOT_COMPARABLE, ReasonCode.WITHHELD, None, symbol="[c]"),
        # words for a small group: no symbol, a note
        assessed(Status.NOT_COMPARABLE, ReasonCode.WITHHELD, None, note="a few"),
        # whatever else were stored with it, a withheld figure only counts as withheld
        assessed(
            Status.WORSE,
            ReasonCode.WITHHELD,
            None,
            symbol="[c]",
            standard=check(False),
            shortfalls=(WORSE,),
        ),
        assessed(Status.SAME, ReasonCode.NOT_SIGNIFICANT, 3.0, symbol="[c]", standard=check(True)),
    ],
)
def test_a_withheld_figure_only_ever_counts_as_withheld(fig: Figure) -> None:
    assert measure_evidence(measure(), fig) is E.WITHHELD


def rolled(*kinds: Evidence) -> tuple[Verdict, VerdictReason]:
    found = decide_verdict("1.1", [MeasureEvidence(f"M{i}", k) for i, k in enumerate(kinds)])
    return found.verdict, found.reason


V, R = Verdict, VerdictReason


@pytest.mark.parametrize(
    ("kinds", "expected"),
    [
        # nothing to judge: we cannot tell yet, with the reason that fits
        ((), (V.CANNOT_TELL, R.NO_MEASURES)),
        ((E.WITHHELD,), (V.CANNOT_TELL, R.ALL_WITHHELD)),
        ((E.WITHHELD, E.WITHHELD, E.WITHHELD), (V.CANNOT_TELL, R.ALL_WITHHELD)),
        ((E.NO_DATA, E.NO_DATA), (V.CANNOT_TELL, R.NO_DATA)),
        ((E.DESCRIBED, E.DESCRIBED), (V.CANNOT_TELL, R.DESCRIBED_ONLY)),
        ((E.NO_YARDSTICK,), (V.CANNOT_TELL, R.NOTHING_TO_JUDGE)),
        ((E.WITHHELD, E.NO_DATA, E.WITHHELD), (V.CANNOT_TELL, R.WITHHELD_OR_NO_DATA)),
        ((E.DESCRIBED, E.NO_YARDSTICK, E.WITHHELD), (V.CANNOT_TELL, R.NOTHING_TO_JUDGE)),
        # thin: more withheld or without data than judged
        ((E.HELD, E.WITHHELD, E.WITHHELD), (V.CANNOT_TELL, R.MOSTLY_MISSING)),
        ((E.FELL_SHORT, E.WITHHELD, E.NO_DATA), (V.CANNOT_TELL, R.MOSTLY_MISSING)),
        # a tie between missing and judged is judged on what is published
        ((E.HELD, E.WITHHELD), (V.KEPT, R.ONE_ON_TRACK)),
        ((E.FELL_SHORT, E.NO_DATA), (V.NOT_KEPT, R.ONE_SHORT)),
        # described and unjudged figures neither help nor thin the evidence
        ((E.MET_STANDARD, E.DESCRIBED, E.DESCRIBED, E.NO_YARDSTICK), (V.KEPT, R.ONE_ON_TRACK)),
        ((E.MET_STANDARD, E.IMPROVED, E.HELD), (V.KEPT, R.ALL_ON_TRACK)),
        ((E.FELL_SHORT,), (V.NOT_KEPT, R.ONE_SHORT)),
        ((E.FELL_SHORT, E.FELL_SHORT, E.DESCRIBED), (V.NOT_KEPT, R.ALL_SHORT)),
        # some short: up to half is partly kept (a tie included), more than half is not kept
        ((E.HELD, E.HELD, E.HELD, E.FELL_SHORT), (V.PARTLY_KEPT, R.SOME_SHORT)),
        ((E.HELD, E.FELL_SHORT), (V.PARTLY_KEPT, R.SOME_SHORT)),
        ((E.HELD, E.MET_STANDARD, E.FELL_SHORT, E.FELL_SHORT), (V.PARTLY_KEPT, R.SOME_SHORT)),
        ((E.HELD, E.FELL_SHORT, E.FELL_SHORT), (V.NOT_KEPT, R.MOST_SHORT)),
        ((E.IMPROVED, E.FELL_SHORT, E.FELL_SHORT, E.FELL_SHORT), (V.NOT_KEPT, R.MOST_SHORT)),
    ],
)
def test_the_roll_up_rule(
    kinds: tuple[Evidence, ...], expected: tuple[Verdict, VerdictReason]
) -> None:
    assert rolled(*kinds) == expected


def test_the_verdict_keeps_what_it_was_made_from() -> None:
    held = assessed(Status.SAME, ReasonCode.NOT_SIGNIFICANT)
    worse = assessed(Status.WORSE, ReasonCode.SIGNIFICANT, shortfalls=(WORSE,))
    withheld = assessed(Status.NOT_COMPARABLE, ReasonCode.WITHHELD, None, symbol="[c]")
    a, b, c = (measure().model_copy(update={"id": ident}) for ident in ("A", "B", "C"))
    found = commitment_verdict("2.3", [(a, held), (b, worse), (c, withheld)])
    assert (found.commitment, found.verdict) == ("2.3", Verdict.PARTLY_KEPT)
    assert (found.judged, found.on_track, found.fell_short) == (2, 1, ("B",))
    assert [m.evidence for m in found.measures] == [E.HELD, E.FELL_SHORT, E.WITHHELD]
