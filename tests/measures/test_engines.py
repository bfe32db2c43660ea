"""The same measure code gives identical results on DuckDB and on a real PostgreSQL server."""

from __future__ import annotations

import pytest

from charterwatch.measures.rows import ResultRow
from charterwatch.pipeline import Pipeline
from tests.measures.conftest import raw_rows

YEARS = ["2021-22", "2022-23"]


def comparable(rows: list[ResultRow]) -> dict[tuple[str, ...], tuple[object, ...]]:
    def rounded(x: float | None) -> float | None:
        return None if x is None else round(x, 9)

    return {
        r.key: (rounded(r.value), r.base, rounded(r.ci_low), rounded(r.ci_high), r.symbol, r.note)
        for r in rows
    }


@pytest.mark.postgres
def test_duckdb_and_postgres_agree_on_every_row(measured: Pipeline, postgres: str) -> None:
    on_duckdb = comparable(raw_rows(measured, None, YEARS))
    on_postgres = comparable(raw_rows(measured, postgres, YEARS))
    assert on_duckdb.keys() == on_postgres.keys()
    differing = {
        k: (on_duckdb[k], on_postgres[k]) for k in on_duckdb if on_duckdb[k] != on_postgres[k]
    }
    assert not differing
    assert len(on_duckdb) > 40
