"""The example computed with kept compiled SQL stores exactly what compiling every query
gives (every kind, every year, the example's own data)."""

from __future__ import annotations

from pathlib import Path

import pytest

from charterwatch.engines.compiled import SWITCH
from charterwatch.pipeline import QUERY_CACHE, Pipeline
from tests.conftest import Example
from tests.engines.stored import stored


def test_kept_sql_stores_the_same_figures_on_the_example(
    example: Example, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = example.root
    assert list((root / QUERY_CACHE).glob("*.sql")), "the fixture's compute keeps its SQL"
    kept = Pipeline.open(root, tmp_path / "kept.duckdb").compute()
    assert kept.queries_kept >= 10 and kept.queries_compiled == 0
    monkeypatch.setenv(SWITCH, "0")
    every = Pipeline.open(root, tmp_path / "every.duckdb").compute()
    assert (every.queries_kept, every.queries_compiled) == (0, 0)
    figures = stored(tmp_path / "kept.duckdb")
    assert len(figures["results"]) == len(kept.rows) > 1000
    assert figures == stored(tmp_path / "every.duckdb")
