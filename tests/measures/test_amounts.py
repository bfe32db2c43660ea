"""The kinds of amounts and ratios (sum, ratio, mean), durations in hours and calendar days,
any percentile and rates per 1,000: figures worked out by hand (tests/measures/amounts.py),
the same on DuckDB and PostgreSQL, protected and judged as documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from charterwatch.engines import Engine
from charterwatch.measures.compute import compute_measures
from charterwatch.measures.rows import ALL, ResultRow
from charterwatch.model.loader import load_framework
from charterwatch.pipeline import Pipeline, PipelineError
from charterwatch.results.figure import Comparison, Status
from charterwatch.stats.means import mean_interval
from tests.measures.amounts import MEASURES, measure, write_amounts_framework
from tests.measures.conftest import raw_rows
from tests.measures.test_engines import comparable

YEARS = ["2021-22", "2022-23"]


@pytest.fixture(scope="module")
def amounts(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    return Pipeline.open(write_amounts_framework(tmp_path_factory.mktemp("amounts")))


@pytest.fixture(scope="module")
def rows(amounts: Pipeline) -> dict[tuple[str, ...], ResultRow]:
    return {r.key: r for r in raw_rows(amounts, None, YEARS)}


def headline(rows: dict[tuple[str, ...], ResultRow], mid: str, year: str) -> ResultRow:
    return rows[(mid, year, ALL, ALL, "value")]


def test_mean_of_money_with_its_interval_and_currency(
    rows: dict[tuple[str, ...], ResultRow],
) -> None:
    cost = headline(rows, "COST", "2022-23")
    assert cost.value == pytest.approx(81.47) and cost.unit == "money:GBP" and cost.base == 3000
    # 1,500 values of 80.00 and 1,500 of 82.94: sd = 1.47 * sqrt(3000 / 2999)
    expected = mean_interval(81.47, 1.47 * (3000 / 2999) ** 0.5, 3000)
    assert cost.ci_low == pytest.approx(expected.low)
    assert cost.ci_high == pytest.approx(expected.high)
    assert cost.status_inputs["comparison"] == "means"
    assert cost.status_inputs["standard_error"] == pytest.approx(expected.standard_error)
    north = rows[("COST", "2022-23", "area", "north", "value")]
    assert north.value == pytest.approx(82.94) and north.base == 1500


def test_sum_of_money_in_the_measures_own_currency(
    rows: dict[tuple[str, ...], ResultRow],
) -> None:
    spend = headline(rows, "SPEND", "2022-23")
    assert spend.value == pytest.approx(244_410.0) and spend.unit == "money:EUR"
    # compound-Poisson error: sqrt(1500 * 80² + 1500 * 82.94²)
    assert spend.status_inputs["standard_error"] == pytest.approx(
        (1500 * 80**2 + 1500 * 82.94**2) ** 0.5
    )
    assert headline(rows, "SPEND", "2021-22").value == pytest.approx(213_000.0)


def test_ratio_of_two_sums_as_a_percentage(rows: dict[tuple[str, ...], ResultRow]) -> None:
    rent = headline(rows, "RENT", "2022-23")
    assert rent.value == pytest.approx(97.5) and rent.unit == "percent" and rent.base == 3000
    assert rent.ci_low is not None and rent.ci_low < 97.5 < (rent.ci_high or 0)
    full = headline(rows, "RENT", "2021-22")
    assert full.value == 100.0 and full.ci_low == full.ci_high == 100.0


def test_duration_in_hours_between_two_timestamps(rows: dict[tuple[str, ...], ResultRow]) -> None:
    hours = headline(rows, "HOURS", "2022-23")
    assert hours.value == pytest.approx(3.6) and hours.unit == "hours"
    assert rows[("HOURS", "2022-23", ALL, ALL, "p90")].value == pytest.approx(4.2)
    assert not [k for k in rows if k[0] == "HOURS" and k[4].startswith("band:")], (
        "10-day bands are for durations in days"
    )


def test_duration_in_calendar_days_and_any_percentile(
    rows: dict[tuple[str, ...], ResultRow],
) -> None:
    days = headline(rows, "DAYS", "2022-23")
    assert days.value == 12.0 and days.unit == "calendar_days"
    assert rows[("DAYS", "2022-23", ALL, ALL, "within_standard")].value == 100.0
    assert rows[("DAYS", "2022-23", ALL, ALL, "band:11-20")].value == 2000
    slowest = headline(rows, "SLOWEST", "2022-23")
    assert slowest.value == 14.0 and slowest.note.startswith("90th percentile")
    assert headline(rows, "DAYS", "2021-22").value == 20.0


def test_rate_per_1000(rows: dict[tuple[str, ...], ResultRow]) -> None:
    rate = headline(rows, "COMPLAINTS", "2022-23")
    assert rate.value == pytest.approx(1000 * 37 / 3000) and rate.unit == "per_1000"
    assert headline(rows, "COMPLAINTS", "2021-22").value == pytest.approx(10.0)


@pytest.mark.postgres
def test_duckdb_and_postgres_agree_on_amounts_and_hours(amounts: Pipeline, postgres: str) -> None:
    on_duckdb = comparable(raw_rows(amounts, None, YEARS))
    on_postgres = comparable(raw_rows(amounts, postgres, YEARS))
    assert on_duckdb.keys() == on_postgres.keys()
    differing = {
        k: (on_duckdb[k], on_postgres[k]) for k in on_duckdb if on_duckdb[k] != on_postgres[k]
    }
    assert not differing
    assert {k[0] for k in on_duckdb} == set(MEASURES)


def test_a_mean_change_is_tested_on_the_means_not_the_five_percent_rule(
    amounts: Pipeline,
) -> None:
    amounts.compute()
    figures = {(f.measure, f.label): f for f in amounts.store.query() if f.is_headline}
    cost = figures[("COST", "2022-23")]
    assert cost.comparison is Comparison.MEANS
    assert cost.value == 81.47, "published to the penny"
    assert cost.assessment is not None and cost.assessment.test == "z-test on two means"
    assert cost.status is Status.WORSE, "a dearer repair, lower is better"
    rent = figures[("RENT", "2022-23")]
    assert rent.value == 97.5 and rent.assessment is not None
    assert rent.assessment.test == "z-test on two means"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ("{start: opened_date, end: closed_date, statistic: percentile}", "needs 'percentile: N'"),
        ("{start: opened_date, end: closed_date, percentile: 90}", "needs 'statistic: percentile'"),
        ("{value: cost, statistic: percentile, percentile: 100}", "less than or equal to 99"),
        ("{start: opened_at, end: fixed_at, count_in: days}", "'hours'"),
    ],
)
def test_a_percentile_or_count_in_that_does_not_fit_is_found_by_validate(
    tmp_path: Path, params: str, message: str
) -> None:
    kind = "mean" if "cost" in params else "duration"
    bad = {"BAD": measure("BAD", "Bad", kind, "calendar_days", params)}
    result = load_framework(write_amounts_framework(tmp_path, bad))
    found = [i for i in result.issues.errors if i.code == "CW-K001"]
    assert found and any(message in i.message for i in found), [i.render() for i in found]
    assert all(i.location.startswith("measure BAD.params") for i in found)


@pytest.mark.parametrize(
    ("kind", "unit", "params", "missing"),
    [
        ("mean", "money", "{value: cots, date: opened_date}", "'cots'"),
        ("sum", "money", "{value: cost, date: opened_date, where: {aera: [north]}}", "'aera'"),
        (
            "ratio",
            "percent",
            "{numerator: rent_colected, denominator: rent_due, date: opened_date}",
            "'rent_colected'",
        ),
        ("duration", "hours", "{start: opened, end: fixed_at, count_in: hours}", "'opened'"),
    ],
)
def test_a_misspelt_column_is_refused_at_validate(
    tmp_path: Path, kind: str, unit: str, params: str, missing: str
) -> None:
    """A column the source declares no such name for is a located CW-K010 before any data is
    read, with the nearest declared name."""
    with pytest.raises(PipelineError) as caught:
        Pipeline.open(
            write_amounts_framework(tmp_path, {"BAD": measure("BAD", "Bad", kind, unit, params)})
        )
    found = [i for i in caught.value.issues if i.code == "CW-K010"]
    assert found, caught.value.issues
    assert any(missing in i.message for i in found), [i.message for i in found]
    assert all(i.location.startswith("measure BAD") for i in found)
    assert all(i.file is not None and i.file.endswith("framework.yaml") for i in found)


def test_a_default_date_column_the_data_lacks_is_reported_at_compute(tmp_path: Path) -> None:
    """``date`` left to its default is not written, so only compute can find it missing."""
    pipeline = Pipeline.open(
        write_amounts_framework(
            tmp_path, {"BAD": measure("BAD", "Bad", "mean", "money", "{value: cost}")}
        )
    )
    data = pipeline.load_sources()
    engine = Engine.connect(None)
    try:
        outcome = compute_measures(pipeline.measures(), pipeline.context(engine, data), YEARS)
    finally:
        engine.close()
    (issue,) = outcome.issues
    assert issue.code == "CW-K002" and issue.location == "measure BAD"
    assert "source 'repairs' has no column 'received_date'" in issue.message
    assert issue.file is not None and issue.file.endswith("framework.yaml")
