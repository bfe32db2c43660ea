"""The verdict on a commitment, "Are we keeping this promise?": the one home of its rule.

A commitment is kept, partly kept or not kept, or we cannot tell yet. The verdict is rolled
up from the decisions already stored with its measures' figures for the year (their status,
standard check and shortfall, each decided once, after disclosure control); it never looks at
a number again. Two steps, both documented with a table of cases in ``docs/statuses.md``:

1. each measure's figure says one thing about the promise (:func:`measure_evidence`): it met
   its standard, improved, held steady, fell short, has nothing to judge it by, is described
   in words, is withheld, or has no data;
2. the commitment's verdict counts them (:func:`decide_verdict`): with no measure that can be
   judged, or more measures withheld or without data than judged, we cannot tell yet;
   otherwise kept when none fell short, not kept when more than half fell short, and partly
   kept in between (a tie, half falling short, is partly kept).

A withheld figure only ever counts as "withheld", whatever else is stored with it, so a
verdict can never give away a figure withheld to protect confidentiality. The verdict is a
code with a reason code; :func:`charterwatch.wording.verdict_text` words both through the text
catalogue (``common.verdict.*``). The site, the PDFs and ``charterwatch show`` all call
:func:`commitment_verdict` through the publication; none decides a verdict itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from charterwatch.model.files import Polarity
from charterwatch.model.framework import Measure
from charterwatch.results.figure import Figure, ReasonCode, Status


class Verdict(StrEnum):
    """Whether a promise is being kept; each is worded by ``common.verdict.label.<value>``."""

    KEPT = "kept"
    PARTLY_KEPT = "partly_kept"
    NOT_KEPT = "not_kept"
    CANNOT_TELL = "cannot_tell"


VERDICT_ORDER = (Verdict.KEPT, Verdict.PARTLY_KEPT, Verdict.NOT_KEPT, Verdict.CANNOT_TELL)
"""The verdicts in the order every output counts them."""


class Evidence(StrEnum):
    """What one measure's figure for the year says about the promise."""

    MET_STANDARD = "met_standard"
    """It meets its service standard or legal time limit, and is not in shortfall."""
    IMPROVED = "improved"
    """Better than the year before, with no standard missed and no shortfall."""
    HELD = "held"
    """About the same as the year before, with no standard missed and no shortfall."""
    FELL_SHORT = "fell_short"
    """In shortfall, or it misses its standard, or it is worse than the year before."""
    NO_YARDSTICK = "no_yardstick"
    """A published figure with nothing to judge it by: no standard, and no comparison with
    the year before (its first year, a break in series, last year's figure withheld) or a
    measure whose polarity is neither (a change is not a judgement)."""
    DESCRIBED = "described"
    """Qualitative evidence, described in words, not judged."""
    WITHHELD = "withheld"
    """Withheld to protect confidentiality (``[c]`` or words for a small group)."""
    NO_DATA = "no_data"
    """No figure for the year."""


JUDGED = frozenset({Evidence.MET_STANDARD, Evidence.IMPROVED, Evidence.HELD, Evidence.FELL_SHORT})
"""Evidence that says whether the promise is kept."""
ON_TRACK = frozenset({Evidence.MET_STANDARD, Evidence.IMPROVED, Evidence.HELD})
"""Judged evidence that does not fall short."""
MISSING = frozenset({Evidence.WITHHELD, Evidence.NO_DATA})
"""Evidence that should be a figure and is not published."""


class VerdictReason(StrEnum):
    """Why a verdict was given; each is one sentence, ``common.verdict.reason.<value>``."""

    ALL_ON_TRACK = "all_on_track"
    ONE_ON_TRACK = "one_on_track"
    SOME_SHORT = "some_short"
    MOST_SHORT = "most_short"
    ALL_SHORT = "all_short"
    ONE_SHORT = "one_short"
    NO_MEASURES = "no_measures"
    ALL_WITHHELD = "all_withheld"
    NO_DATA = "no_data"
    WITHHELD_OR_NO_DATA = "withheld_or_no_data"
    DESCRIBED_ONLY = "described_only"
    NOTHING_TO_JUDGE = "nothing_to_judge"
    MOSTLY_MISSING = "mostly_missing"


_ALONE = {
    Evidence.WITHHELD: VerdictReason.ALL_WITHHELD,
    Evidence.NO_DATA: VerdictReason.NO_DATA,
    Evidence.DESCRIBED: VerdictReason.DESCRIBED_ONLY,
}
"""The reason when every measure gives this one kind of evidence and none can be judged."""


@dataclass(frozen=True)
class MeasureEvidence:
    """One measure of the commitment and what its figure says."""

    measure: str
    evidence: Evidence


@dataclass(frozen=True)
class CommitmentVerdict:
    """The verdict on one commitment for a year, its reason code and what it was made from.

    ``measures`` are the commitment's measures reported in the year, in framework order.
    """

    commitment: str
    verdict: Verdict
    reason: VerdictReason
    measures: tuple[MeasureEvidence, ...] = ()

    def count(self, *kinds: Evidence) -> int:
        """How many of its measures give one of ``kinds`` of evidence."""
        return sum(m.evidence in kinds for m in self.measures)

    @property
    def judged(self) -> int:
        """Measures that say whether the promise is kept (published, with a yardstick)."""
        return self.count(*JUDGED)

    @property
    def on_track(self) -> int:
        return self.count(*ON_TRACK)

    @property
    def fell_short(self) -> tuple[str, ...]:
        """The ids of the measures that fell short, in framework order."""
        return tuple(m.measure for m in self.measures if m.evidence is Evidence.FELL_SHORT)


def measure_evidence(measure: Measure, figure: Figure | None) -> Evidence:
    """What a measure's headline figure for the year says about the promises it evidences.

    Reads only stored decisions: the assessment (status and reason code), the standard
    check and the shortfall reasons. Withheld comes first, so nothing stored with a withheld
    figure can show through. A figure counts as falling short when it is in shortfall, and
    also when it misses its standard or is worse than the year before with that shortfall
    reason switched off: the settings decide what needs a response, not whether the promise
    was kept.
    """
    if figure is None:
        return Evidence.NO_DATA
    if figure.assessment is not None and figure.assessment.reason is ReasonCode.WITHHELD:
        return Evidence.WITHHELD
    if figure.withheld:
        return Evidence.WITHHELD
    if figure.status is Status.EVIDENCE:
        return Evidence.DESCRIBED
    if figure.value is None:
        return Evidence.NO_DATA
    met = figure.standard.met if figure.standard is not None else None
    if figure.shortfalls or met is False or figure.status is Status.WORSE:
        return Evidence.FELL_SHORT
    if met is True:
        return Evidence.MET_STANDARD
    if measure.polarity is Polarity.NEITHER:
        return Evidence.NO_YARDSTICK
    if figure.status is Status.BETTER:
        return Evidence.IMPROVED
    if figure.status is Status.SAME:
        return Evidence.HELD
    return Evidence.NO_YARDSTICK


def decide_verdict(commitment: str, measures: Iterable[MeasureEvidence]) -> CommitmentVerdict:
    """The verdict on ``commitment`` from what each of its measures says (the roll-up rule).

    In order: no measure -> we cannot tell yet; no measure that can be judged -> we cannot
    tell yet (the reason says whether the figures are all withheld, all without data, a mix
    of the two, all described in words, or a mix with nothing to judge); more measures
    withheld or without data than judged -> we cannot tell yet; none fell short -> kept; more
    than half of the judged fell short -> not kept; otherwise (at most half, ties included)
    -> partly kept.
    """
    found = tuple(measures)

    def verdict(v: Verdict, reason: VerdictReason) -> CommitmentVerdict:
        return CommitmentVerdict(commitment, v, reason, found)

    kinds = Counter(m.evidence for m in found)
    judged = sum(kinds[e] for e in JUDGED)
    short = kinds[Evidence.FELL_SHORT]
    if not found:
        return verdict(Verdict.CANNOT_TELL, VerdictReason.NO_MEASURES)
    if judged == 0:
        reason = VerdictReason.NOTHING_TO_JUDGE
        if len(kinds) == 1:
            reason = _ALONE.get(next(iter(kinds)), reason)
        elif set(kinds) <= MISSING:
            reason = VerdictReason.WITHHELD_OR_NO_DATA
        return verdict(Verdict.CANNOT_TELL, reason)
    if sum(kinds[e] for e in MISSING) > judged:
        return verdict(Verdict.CANNOT_TELL, VerdictReason.MOSTLY_MISSING)
    if short == 0:
        return verdict(
            Verdict.KEPT, VerdictReason.ONE_ON_TRACK if judged == 1 else VerdictReason.ALL_ON_TRACK
        )
    if short == judged:
        return verdict(
            Verdict.NOT_KEPT, VerdictReason.ONE_SHORT if judged == 1 else VerdictReason.ALL_SHORT
        )
    if 2 * short > judged:
        return verdict(Verdict.NOT_KEPT, VerdictReason.MOST_SHORT)
    return verdict(Verdict.PARTLY_KEPT, VerdictReason.SOME_SHORT)


def commitment_verdict(
    commitment: str, measures: Sequence[tuple[Measure, Figure | None]]
) -> CommitmentVerdict:
    """The verdict on ``commitment`` from its measures reported in the year, each with its
    stored headline figure for the year (None when there is none)."""
    return decide_verdict(
        commitment, (MeasureEvidence(m.id, measure_evidence(m, f)) for m, f in measures)
    )
