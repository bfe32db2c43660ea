"""What a median and the percentiles are on each engine, as docs/methods-statistics.md says.

The duration kind computes ``median()`` and ``quantile()`` through Ibis. On DuckDB that is
``quantile_cont`` and on PostgreSQL ``percentile_cont``: both interpolate, so the median of
an even number of values is the mean of the two middle ones (not the lower or upper one).
"""

from __future__ import annotations

import pyarrow as pa
import pytest

from charterwatch.engines import Engine

DAYS = [10, 20, 30, 40]  # processing times in working days: an even number of decisions
EXPECTED = {"median": 25.0, "p25": 17.5, "p75": 32.5, "p90": 37.0}


def statistics_on(url: str | None) -> dict[str, float]:
    engine = Engine.connect(url)
    try:
        t = engine.put("days", pa.table({"days": pa.array(DAYS, pa.int64())}))
        days = t.days.cast("float64")
        row = (
            t.aggregate(
                median=days.median(),
                p25=days.quantile(0.25),
                p75=days.quantile(0.75),
                p90=days.quantile(0.9),
            )
            .to_pyarrow()
            .to_pylist()[0]
        )
    finally:
        engine.close()
    return {k: float(v) for k, v in row.items()}


def test_on_duckdb_the_even_median_is_the_mean_of_the_middle_two() -> None:
    assert statistics_on(None) == pytest.approx(EXPECTED)


@pytest.mark.postgres
def test_on_postgres_the_even_median_is_the_mean_of_the_middle_two(postgres: str) -> None:
    assert statistics_on(postgres) == pytest.approx(EXPECTED)
