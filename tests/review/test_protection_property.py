"""Property tests: the intruder is never wrong, and protected tables give nothing away.

Small case lists go through the real protection step (``protect_rows``) and the intruder
attacks what it publishes. The intruder's bounds must always hold the true values (it uses
only rules that are true of the published figures). And nothing should be recoverable:
that second property failed on about 1 in 5 datasets before percentages were protected by
their numerator and complement and within-standard shares together with their bands.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from charterwatch.measures.rows import ResultRow
from charterwatch.results.protect import protect_rows
from charterwatch.review.intruder import FindingKind, IntruderReport, audit_cells
from charterwatch.stats.settings import DEFAULT_SETTINGS

from .adapter import published_cell
from .cases import duration_rows, duration_truth, share_rows, share_truth

GROUPS = st.sampled_from(["A", "B", "C"])
DAYS = st.one_of(st.integers(0, 12), st.integers(0, 40), st.integers(0, 160))
DURATIONS = st.lists(st.tuples(DAYS, GROUPS), min_size=1, max_size=60)
SHARES = st.lists(st.tuples(st.booleans(), GROUPS), min_size=1, max_size=60)
STANDARDS = st.sampled_from([7, 10, 20])
Dataset = tuple[str, list[ResultRow], dict[str, int]]


@st.composite
def datasets(draw: st.DrawFn) -> Dataset:
    """A duration measure (with a service standard) or a share of records, with its truth."""
    if draw(st.booleans()):
        cases = draw(DURATIONS)
        standard = draw(STANDARDS)
        return "duration", duration_rows(cases, standard), duration_truth(cases, standard)
    shares = draw(SHARES)
    return "share", share_rows(shares), share_truth(shares)


def attack(rows: Sequence[ResultRow]) -> IntruderReport:
    protect_rows(rows, DEFAULT_SETTINGS)
    return audit_cells([published_cell(r) for r in rows], DEFAULT_SETTINGS)


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets())
def test_the_intruder_never_claims_a_false_value(dataset: Dataset) -> None:
    _, rows, truth = dataset
    report = attack(rows)
    assert not [f for f in report.findings if f.kind is FindingKind.INCONSISTENT]
    for finding in report.findings:
        if finding.cell in truth:
            assert finding.low <= truth[finding.cell] <= finding.high, finding.describe()


@pytest.mark.slow
@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets())
def test_protected_rows_give_no_small_count_away(dataset: Dataset) -> None:
    _, rows, _ = dataset
    report = attack(rows)
    # "narrowed" (a withheld group left with two or three possible sizes by rounded bases) is
    # reported by the checker but is not a recovered count: see docs/intruder.md
    exposed = [
        f for f in report.findings if f.kind in (FindingKind.RECOVERABLE, FindingKind.PINNED)
    ]
    assert exposed == [], "\n".join(f.describe() for f in exposed)


def test_a_group_withheld_to_protect_another_is_not_called_small() -> None:
    """Found by the property above: 17 records in A and 1 in B, all decided the same day.
    B is withheld for its size and A's figures with it (else A from the total gives B); the
    intruder had read A's withheld median as "fewer than min_count" and claimed a count of
    9 for A within the standard (the truth: 17)."""
    cases = [(0, "A")] * 17 + [(0, "B")]
    rows = duration_rows(cases, 7)
    truth = duration_truth(cases, 7)
    report = attack(rows)
    for finding in report.findings:
        if finding.cell in truth:
            assert finding.low <= truth[finding.cell] <= finding.high, finding.describe()
