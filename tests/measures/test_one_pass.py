"""One query per measure gives exactly the rows the one-query-per-breakdown kinds gave.

The reference is the kinds as they were (``tests/measures/reference``): a query for the
headline, one per breakdown, one for the bands, one quantile per expression. Both run on the
same engine and the same loaded tables, and every field of every row must be equal (values
compared exactly, not rounded): on the hand-checked fixture with breakdowns added to every
kind, by year and by month, and on the generated example.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from charterwatch.engines import Engine
from charterwatch.measures.compute import compute_measures
from charterwatch.pipeline import Pipeline
from charterwatch.synthetic import generate_example
from tests.conftest import TINY_SIZE
from tests.measures.fixtures import FRAMEWORK, measure, write_measured_framework
from tests.measures.reference import reference_kinds

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "scotland"

BROKEN_DOWN = (
    measure(
        "TIME_BY",
        "duration",
        "calendar_days",
        "{start: received_date, end: decided_date, statistic: mean, calendar: calendar_days,"
        " breakdowns: [benefit, channel]}",
        "applications",
        "                  service_standard: {value: 5, unit: calendar_days}\n",
    )
    + measure(
        "WAIT_BY", "duration", "seconds", "{value: wait_seconds, breakdowns: [queue]}", "calls"
    )
    + measure(
        "SHARE_BY",
        "share_of_records",
        "percent",
        "{date: decided_date, where: {outcome: [approved]}, breakdowns: [benefit, channel]}",
        "applications",
    )
    + measure(
        "LATE_BY",
        "deadline_compliance",
        "percent",
        "{process: redetermination, group: benefit, start: request_date, end: decision_date,"
        " breakdowns: [benefit]}",
        "redeterminations",
    )
    + measure("OPEN_BY", "backlog", "count", "{breakdowns: [benefit, channel]}", "applications")
    + measure(
        "RATE_BY",
        "rate",
        "percent",
        "{numerator: {date: decided_date, filter: {outcome: approved}, breakdowns: [benefit]},"
        " denominator: {date: decided_date, breakdowns: [benefit]}}",
        "applications",
    )
)


def rows_both_ways(
    pipeline: Pipeline, years: list[str], granularity: str = "year"
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """(new rows, reference rows) as dicts, computed from the same tables on DuckDB."""
    data = pipeline.load_sources()
    engine = Engine.connect(None)
    try:
        ctx = pipeline.context(engine, data)
        ctx.granularity = granularity
        new = compute_measures(pipeline.measures(), ctx, years)
        with reference_kinds():
            old = compute_measures(pipeline.measures(), ctx, years)
    finally:
        engine.close()
    assert not new.issues and not old.issues
    assert new.left_out == old.left_out
    return [r.as_dict() for r in new.rows], [r.as_dict() for r in old.rows]


@pytest.mark.parametrize("granularity", ["year", "month"])
def test_same_rows_on_the_fixture_with_breakdowns(tmp_path: Path, granularity: str) -> None:
    root = write_measured_framework(tmp_path)
    (root / "framework.yaml").write_text(FRAMEWORK + BROKEN_DOWN, encoding="utf-8")
    new, old = rows_both_ways(Pipeline.open(root), ["2021-22", "2022-23"], granularity)
    assert new == old
    broken_down = {(r["measure"], r["breakdown"]) for r in new}
    for mid in ("TIME_BY", "SHARE_BY", "LATE_BY", "RATE_BY"):
        assert (mid, "benefit") in broken_down, mid
    if granularity == "year":
        assert ("OPEN_BY", "benefit") in broken_down
        assert any(r["statistic"].startswith("age:") for r in new)
        assert any(r["statistic"] == "within_standard" for r in new)


@pytest.mark.slow
def test_same_rows_on_the_generated_example(tmp_path: Path) -> None:
    root = tmp_path / "scotland"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("data", ".charterwatch"))
    generate_example(root, size=TINY_SIZE)
    pipeline = Pipeline.open(root)
    years = pipeline.years_with_data(pipeline.load_sources())
    new, old = rows_both_ways(pipeline, years)
    assert new == old
    assert len(new) > 1000
    assert {r["statistic"] for r in new} >= {"p25", "p90", "band:1-10", "within_standard"}


def test_a_measure_that_fails_does_not_stop_those_sharing_its_query(tmp_path: Path) -> None:
    root = write_measured_framework(tmp_path)
    failing = measure(
        "ASKED_NOWHERE",
        "survey_proportion",
        "percent",
        "{question: kind, chosen: [agree], source: complaints}",
        "complaints",
    ) + measure("NO_END", "duration", "working_days", "{start: received_date}", "applications")
    (root / "framework.yaml").write_text(FRAMEWORK + failing, encoding="utf-8")
    pipeline = Pipeline.open(root)
    engine = Engine.connect(None)
    try:
        ctx = pipeline.context(engine, pipeline.load_sources())
        outcome = compute_measures(pipeline.measures(), ctx, ["2022-23"])
    finally:
        engine.close()
    assert [i.location for i in outcome.issues] == ["measure NO_END"]
    headline = {r.measure: r for r in outcome.rows if r.key[2:] == ("all", "all", "value")}
    assert headline["ASKED_NOWHERE"].symbol == "[x]" and "no data" in headline["ASKED_NOWHERE"].note
    assert headline["KIND"].value == pytest.approx(90.0)
    assert headline["TIME"].value == pytest.approx(2.0)


SHARING = measure(
    "TIME_CHANNEL",
    "duration",
    "calendar_days",
    "{start: received_date, end: decided_date, calendar: calendar_days,"
    " filter: {benefit: [SCP]}, breakdowns: [channel]}",
    "applications",
)


@pytest.mark.parametrize("granularity", ["year", "month"])
def test_a_query_per_grouping_gives_the_rows_of_one_pass(
    tmp_path: Path, granularity: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above ``SPLIT_ABOVE_ROWS`` records, a duration query runs once per grouping (to hold
    each value once, not once per grouping): every row must be what one pass gives, for a
    measure alone and for two measures sharing a query with different breakdowns."""
    from charterwatch.measures.kinds import duration

    root = write_measured_framework(tmp_path)
    (root / "framework.yaml").write_text(FRAMEWORK + BROKEN_DOWN + SHARING, encoding="utf-8")
    pipeline = Pipeline.open(root)
    data = pipeline.load_sources()
    engine = Engine.connect(None)
    try:
        ctx = pipeline.context(engine, data)
        ctx.granularity = granularity
        years = ["2021-22", "2022-23"]
        one_pass = compute_measures(pipeline.measures(), ctx, years)
        monkeypatch.setattr(duration, "SPLIT_ABOVE_ROWS", -1)
        split = compute_measures(pipeline.measures(), ctx, years)
    finally:
        engine.close()
    assert not one_pass.issues and not split.issues
    assert [r.as_dict() for r in split.rows] == [r.as_dict() for r in one_pass.rows]
    broken_down = {(r.measure, r.key[2]) for r in split.rows}
    assert {("TIME_BY", "benefit"), ("TIME_BY", "channel"), ("TIME_CHANNEL", "channel")} <= (
        broken_down
    )
    assert ("TIME_CHANNEL", "benefit") not in broken_down
