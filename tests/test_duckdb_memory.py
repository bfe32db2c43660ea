"""DuckDB takes its memory limit and spill folder from CHARTERWATCH_MEMORY_LIMIT."""

from __future__ import annotations

from pathlib import Path

import pytest

from charterwatch.engines import Engine
from charterwatch.engines.duckdb_engine import duckdb_limit, private_connection


def _setting(con: object, name: str) -> str:
    return str(con.execute(f"SELECT current_setting('{name}')").fetchall()[0][0])  # type: ignore[attr-defined]


def test_the_limit_and_spill_folder_come_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHARTERWATCH_MEMORY_LIMIT", "512MB")
    monkeypatch.setenv("CHARTERWATCH_SPILL_DIR", str(tmp_path / "spill"))
    engine = Engine.connect()
    scan = private_connection()
    try:
        for con in (engine.backend.con, scan):
            # four fifths of the process's limit go to DuckDB: 409.6 MB is 390 MiB
            assert _setting(con, "memory_limit").replace(" ", "") == "390.0MiB"
            assert _setting(con, "temp_directory") == str(tmp_path / "spill")
    finally:
        engine.close()
        scan.close()
    assert (tmp_path / "spill").is_dir()


@pytest.mark.parametrize(
    ("limit", "share"),
    [
        ("4GB", "3051MiB"),
        ("4GiB", "3276MiB"),
        ("512 mb", "390MiB"),
        ("1B", "1MiB"),
        ("lots", "lots"),
    ],
)
def test_duckdb_is_given_four_fifths_of_the_limit(limit: str, share: str) -> None:
    assert duckdb_limit(limit) == share


def test_unset_it_is_duckdbs_own(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CHARTERWATCH_MEMORY_LIMIT", raising=False)
    engine = Engine.connect()
    try:
        assert "512" not in _setting(engine.backend.con, "memory_limit")
    finally:
        engine.close()
