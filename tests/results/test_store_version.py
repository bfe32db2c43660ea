"""The results store records its schema version and refuses another one with a clear message."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from charterwatch.cli import app
from charterwatch.results.store import SCHEMA_VERSION, ResultsStore, StoreVersionError
from tests.results.fixtures import figure


def old_store(path: Path) -> bytes:
    """A store as schema version 1 wrote it (the untyped ``status_inputs`` column)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE results (measure VARCHAR, period VARCHAR, status_inputs VARCHAR)")
    con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.close()
    return path.read_bytes()


def test_the_version_is_recorded_and_read_back(tmp_path: Path) -> None:
    store = ResultsStore(tmp_path / "results.duckdb")
    store.write([figure("2023-24", 90.0)], engine="test", years=["2023-24"])
    con = duckdb.connect(str(store.path), read_only=True)
    found = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    con.close()
    assert found == (str(SCHEMA_VERSION),)
    [back] = store.query()
    assert back.label == "2023-24" and back.value == 90.0


def test_a_store_of_another_version_is_refused_for_reading_and_writing(tmp_path: Path) -> None:
    path = tmp_path / "results.duckdb"
    before = old_store(path)
    store = ResultsStore(path)
    with pytest.raises(StoreVersionError, match=r"schema version 1.*delete .* compute"):
        store.query()
    with pytest.raises(StoreVersionError):
        store.write([figure("2023-24", 90.0)], engine="test", years=["2023-24"])
    assert path.read_bytes() == before, "the old store is left as it was"


def test_the_command_line_says_what_to_do(tmp_path: Path) -> None:
    root = tmp_path / "fw"
    old_store(root / ".charterwatch" / "results.duckdb")
    result = CliRunner().invoke(app, ["results", str(root)])
    assert result.exit_code == 1, result.output
    assert "schema version 1" in result.output and "This is a bug" not in result.output
