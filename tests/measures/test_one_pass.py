"""One query per measure gives exactly the rows the one-query-per-breakdown kinds gave.

The reference is the kinds as they were (``tests/measures/reference``): a query for the
headline, one per breakdown, one for the bands, one quantile per expression. Both run on the
same engine and the same loaded tables, and every field of every row must be equal: on the
hand-checked fixture with breakdowns added to every kind, by year and by month, and on the
generated example. Values are compared exactly except in the last binary digits of a
duration's interpolated percentile or mean (:func:`same_rows`): the duration kind computes
them from counts per duration, DuckDB's own quantile with a fused multiply-add.
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


SHARING = measure(
    "TIME_CHANNEL",
    "duration",
    "calendar_days",
    "{start: received_date, end: decided_date, calendar: calendar_days,"
    " filter: {benefit: [SCP]}, breakdowns: [channel]}",
    "applications",
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


def same_rows(new: list[dict[str, object]], old: list[dict[str, object]]) -> None:
    """Every field equal; a float value within a relative 1e-12 (a few binary digits)."""
    assert len(new) == len(old)
    for ours, theirs in zip(new, old, strict=True):
        if isinstance(ours.get("value"), float) and isinstance(theirs.get("value"), float):
            assert ours["value"] == pytest.approx(theirs["value"], rel=1e-12, abs=1e-12), ours
            ours, theirs = {**ours, "value": None}, {**theirs, "value": None}
        assert ours == theirs


@pytest.mark.parametrize("granularity", ["year", "month"])
def test_same_rows_on_the_fixture_with_breakdowns(tmp_path: Path, granularity: str) -> None:
    root = write_measured_framework(tmp_path)
    (root / "framework.yaml").write_text(FRAMEWORK + BROKEN_DOWN + SHARING, encoding="utf-8")
    new, old = rows_both_ways(Pipeline.open(root), ["2021-22", "2022-23"], granularity)
    same_rows(new, old)
    broken_down = {(r["measure"], r["breakdown"]) for r in new}
    for mid in ("TIME_BY", "SHARE_BY", "LATE_BY", "RATE_BY"):
        assert (mid, "benefit") in broken_down, mid
    assert ("TIME_CHANNEL", "channel") in broken_down  # shares TIME_BY's query
    assert ("TIME_CHANNEL", "benefit") not in broken_down
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
    same_rows(new, old)
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


QUANTILES = (0.5, 0.25, 0.75, 0.9, 0.33, 0.01, 0.99)


@pytest.mark.parametrize("seed", range(4))
def test_quantiles_from_counts_are_duckdbs_quantiles(seed: int) -> None:
    """Counting per duration then reading the quantiles off the running counts gives DuckDB's
    ``quantile_cont`` for every group: whole days and fractions, ties, one record, missing
    durations (in the count ``n``, not in a quantile) and a group with no duration at all."""
    import random

    import ibis
    import pyarrow as pa

    from charterwatch.measures.kinds.duration import duration_counts, quantiles_from_counts

    draw = random.Random(seed)
    fractions = seed % 2 == 1
    keys, days = [], []
    for group in range(1, 40):
        size = draw.choice([1, 2, 3, 4, 7, 10, 99, 1000])
        for _ in range(size):
            keys.append(group)
            day = None if group == 39 or draw.random() < 0.1 else draw.randint(-2, 400)
            days.append(day / 7 if fractions and day is not None else day)
    kind = pa.float64() if fractions else pa.int64()
    con = ibis.duckdb.connect()
    t = con.create_table("t", pa.table({"k": keys, "cw_days": pa.array(days, kind)}))
    counted = quantiles_from_counts(duration_counts(t, ["k"]), ["k"], QUANTILES, {})
    ours = {r["k"]: r for r in counted.to_pyarrow().to_pylist()}
    theirs = con.raw_sql(
        f"SELECT k, count(*), quantile_cont(cw_days::DOUBLE, {list(QUANTILES)}) FROM t GROUP BY k"
    ).fetchall()
    assert len(ours) == len(theirs) == 39
    for group, n, quantiles in theirs:
        assert ours[group]["n"] == n
        for i, q in enumerate(quantiles or [None] * len(QUANTILES)):
            got = ours[group][f"cw_q_{i}"]
            assert got == (None if q is None else pytest.approx(q, rel=1e-13, abs=1e-12))
            if QUANTILES[i] == 0.5 and not fractions and q is not None:
                assert got == q  # a median of whole days is exact
