"""Engines for the measure tests: DuckDB always; PostgreSQL must be running (never skipped)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from charterwatch.engines import Engine
from charterwatch.measures.compute import compute_measures
from charterwatch.measures.rows import ResultRow
from charterwatch.pipeline import Pipeline
from tests.measures.fixtures import write_measured_framework

POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"


def postgres_available() -> None:
    """Fail loudly (not skip) when the PostgreSQL server the tests need is not running."""
    try:
        psycopg.connect(
            "host=127.0.0.1 port=5432 user=postgres dbname=test", connect_timeout=3
        ).close()
    except psycopg.OperationalError as exc:
        pytest.fail(
            f"PostgreSQL is not reachable on 127.0.0.1:5432 ({exc}); run 'make services'",
            pytrace=False,
        )


def raw_rows(pipeline: Pipeline, engine_url: str | None, years: list[str]) -> list[ResultRow]:
    """Every measure's rows before disclosure control, on the given engine."""
    data = pipeline.load_sources()
    engine = Engine.connect(engine_url)
    try:
        ctx = pipeline.context(engine, data)
        outcome = compute_measures(pipeline.measures(), ctx, years)
    finally:
        engine.close()
    assert not outcome.issues, [i.render() for i in outcome.issues]
    return outcome.rows


@pytest.fixture
def measured(tmp_path: Path) -> Pipeline:
    return Pipeline.open(write_measured_framework(tmp_path))


@pytest.fixture
def postgres() -> Iterator[str]:
    postgres_available()
    yield POSTGRES_URL
