"""Quarterly and monthly series of dated records, kept apart from the yearly figures."""

from __future__ import annotations

import pytest

from charterwatch.measures.expr import period_label, year_of_period
from charterwatch.pipeline import Pipeline
from charterwatch.results.figure import period_of


def test_period_labels() -> None:
    assert period_label(20231, "quarter") == "2023-24 Q1"
    assert period_label(202304, "month") == "2023-04"
    assert year_of_period("2024-02", "month") == "2023-24"
    assert year_of_period("2023-24 Q4", "quarter") == "2023-24"
    assert [period_of(p, g).kind for p, g in (("2023-24", "year"), ("2023-24 Q2", "quarter"))] == [
        "year",
        "quarter",
    ]
    assert period_of("2023-11", "month").label == "2023-11"


def test_quarters_and_months_of_dated_records(measured: Pipeline) -> None:
    yearly = measured.compute()
    quarterly = measured.compute(granularity="quarter")
    monthly = measured.compute(granularity="month")
    counts = {(r.label, r.statistic): r.value for r in quarterly.rows if r.measure == "COUNT"}
    # applications received in 2022-23: 1 Jun x2 (Q1), 16 Sep (Q2), 2 Jan and 1 Mar (Q4)
    assert {p for p, s in counts if s == "value"} >= {"2022-23 Q1", "2022-23 Q4"}
    assert all(r.measure != "KIND" for r in quarterly.rows)  # the survey is yearly only
    assert any(m.startswith("KIND") for m in quarterly.left_out)
    assert {r.label for r in monthly.rows if r.measure == "WAIT"} == {"2022-05"}
    stored_years = {r.label for r in measured.store.query()}
    assert stored_years == {r.label for r in yearly.rows}
    assert {r.label for r in measured.store.query(granularity="month")} >= {"2022-05"}


def test_unknown_granularity_is_refused(measured: Pipeline) -> None:
    with pytest.raises(ValueError, match="granularity"):
        measured.compute(granularity="week")
