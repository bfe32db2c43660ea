"""The verdict on each commitment of a publication, worded: what every output shows.

The rule is :mod:`charterwatch.results.verdict`; this module only hands it each commitment's
measures reported in the publication's year with their stored figures, and words the result
through the catalogue. The site, the summary and leaflet PDFs and ``charterwatch show`` all
read verdicts from here, so they cannot disagree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from charterwatch.measures.compute import active_in
from charterwatch.model.framework import Commitment
from charterwatch.publish.i18n import Catalogue
from charterwatch.publish.view import Publication
from charterwatch.results.verdict import VERDICT_ORDER, CommitmentVerdict, commitment_verdict
from charterwatch.wording import catalogue_of, verdict_label, verdict_reason


@dataclass(frozen=True)
class VerdictView:
    """One commitment's verdict for the publication's year, with its words."""

    commitment: Commitment
    decided: CommitmentVerdict
    label: str
    """The verdict in words ("Partly kept")."""
    reason: str
    """Why, in one sentence."""

    @property
    def verdict(self) -> str:
        """The verdict's code (``kept``, ``partly_kept``, ``not_kept``, ``cannot_tell``)."""
        return self.decided.verdict.value

    @property
    def name(self) -> str:
        """The commitment's short label, or its text when it has none."""
        return self.commitment.short or self.commitment.text


def verdict_of(pub: Publication, commitment: Commitment, t: Catalogue | None = None) -> VerdictView:
    """The verdict on ``commitment``, from its measures reported in the publication's year."""
    t = t or catalogue_of(pub.framework)
    views = [v for v in pub.measures_for(commitment.id) if active_in(v.measure, pub.year)]
    decided = commitment_verdict(commitment.id, [(v.measure, v.latest) for v in views])
    titles = {v.id: v.measure.title for v in views}
    return VerdictView(
        commitment=commitment,
        decided=decided,
        label=verdict_label(decided.verdict, t),
        reason=verdict_reason(decided, titles, pub.year, t),
    )


def verdicts(
    pub: Publication,
    commitments: Iterable[Commitment] | None = None,
    t: Catalogue | None = None,
) -> list[VerdictView]:
    """The verdicts on ``commitments`` (default: every commitment of the charter), in order,
    worded by ``t`` (default: the catalogue of the publication's framework)."""
    t = t or catalogue_of(pub.framework)
    chosen = pub.commitments.values() if commitments is None else commitments
    return [verdict_of(pub, c, t) for c in chosen]


def verdict_counts(found: Iterable[VerdictView]) -> dict[str, int]:
    """How many commitments have each verdict, every verdict listed (zeros included), in
    the order every output counts them."""
    counted = Counter(v.verdict for v in found)
    return {v.value: counted.get(v.value, 0) for v in VERDICT_ORDER}
