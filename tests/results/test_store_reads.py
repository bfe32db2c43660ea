"""Reading several measures' test inputs at once gives what reading each one gives."""

from __future__ import annotations

from pathlib import Path

from charterwatch.pipeline import Pipeline
from charterwatch.results.codec import decode_inputs
from charterwatch.results.store import ResultsStore
from tests.measures.fixtures import write_measured_framework


def one_by_one(store: ResultsStore, measure: str) -> dict[str, object]:
    """One measure's test inputs read as they were before the bulk read (its own query)."""
    filters = {"measure": measure, "breakdown": "all", "grp": "all", "statistic": "value"}
    rows = store._select("period, test_inputs", filters, "year")
    return {str(period): decode_inputs(text) for period, text in rows}


def test_test_inputs_of_several_measures_are_each_ones(tmp_path: Path) -> None:
    pipeline = Pipeline.open(write_measured_framework(tmp_path))
    pipeline.compute()
    store = pipeline.store
    measures = sorted({f.measure for f in store.query()})
    together = store.test_inputs_of([*measures, "NO-SUCH-MEASURE", measures[0]])
    assert set(together) == {*measures, "NO-SUCH-MEASURE"}
    assert together["NO-SUCH-MEASURE"] == {}
    for measure in measures:
        assert together[measure] == store.test_inputs(measure) == one_by_one(store, measure)
    assert sum(len(v) for v in together.values()) > len(measures)  # several years each
    by_group = store.test_inputs_of(measures, breakdown="benefit")
    assert all(v == {} for v in by_group.values())  # group figures are not 'all'
    assert store.test_inputs_of([]) == {}
