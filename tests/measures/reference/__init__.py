"""The measure kinds as they were before one pass per measure: the reference the new kinds
must match row for row (one query per breakdown, separate band queries, one quantile per
expression). Kept only here, for tests/measures/test_one_pass.py; nothing in src uses it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from charterwatch.measures.registry import KINDS, MeasureKind, load_builtin_kinds
from tests.measures.reference.backlog import Backlog
from tests.measures.reference.count import Count, Rate
from tests.measures.reference.deadline_compliance import DeadlineCompliance
from tests.measures.reference.duration import Duration
from tests.measures.reference.share_of_records import ShareOfRecords
from tests.measures.reference.survey_proportion import SurveyProportion

REFERENCE: dict[str, MeasureKind] = {
    k.name: k
    for k in (
        Backlog(),
        Count(),
        Rate(),
        DeadlineCompliance(),
        Duration(),
        ShareOfRecords(),
        SurveyProportion(),
    )
}


@contextmanager
def reference_kinds() -> Iterator[None]:
    """Swap the registered kinds for the reference ones while the block runs."""
    load_builtin_kinds()
    saved = {name: KINDS[name] for name in REFERENCE}
    KINDS.update(REFERENCE)
    try:
        yield
    finally:
        KINDS.update(saved)
