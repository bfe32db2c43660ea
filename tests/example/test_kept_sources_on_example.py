"""The example computed from its kept checked sources stores exactly what checking every file
again gives (every source, kind and year, the example's own data), and checks none again."""

from __future__ import annotations

from pathlib import Path

import pytest

from charterwatch.pipeline import Pipeline
from charterwatch.sources.scan import scan as scan_module
from charterwatch.sources.scan.kept import FOLDER, SWITCH
from tests.conftest import Example
from tests.engines.stored import stored


def test_kept_sources_store_the_same_figures_on_the_example(
    example: Example, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = example.root
    entries = list((root / FOLDER).glob("*.json"))
    assert len(entries) >= 10, "the fixture's compute keeps its checked sources"
    assert list((root / FOLDER).glob("*.parquet")), "CSV sources keep their typed tables"
    with monkeypatch.context() as patch:

        def refuse(*_: object) -> None:
            raise AssertionError("a source was checked again")

        patch.setattr(scan_module._Scan, "run", refuse)
        kept = Pipeline.open(root, tmp_path / "kept.duckdb").compute()
    monkeypatch.setenv(SWITCH, "0")
    every = Pipeline.open(root, tmp_path / "every.duckdb").compute()
    figures = stored(tmp_path / "kept.duckdb")
    assert len(figures["results"]) == len(kept.rows) == len(every.rows) > 1000
    assert figures == stored(tmp_path / "every.duckdb")
