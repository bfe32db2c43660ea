"""``charterwatch compute --memory-limit``: an amount of memory, checked before anything runs,
passed to the engine through ``CHARTERWATCH_MEMORY_LIMIT`` for the run only."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from charterwatch.cli import MEMORY_LIMIT_VARIABLE, environment_set, main, memory_size
from tests.measures.fixtures import write_measured_framework


@pytest.mark.parametrize(
    ("given", "written"),
    [("4GB", "4GB"), (" 512 mb ", "512MB"), ("1.5GiB", "1.5GiB"), ("800kb", "800KB")],
)
def test_amounts_of_memory_are_written_as_duckdb_reads_them(given: str, written: str) -> None:
    assert memory_size(given) == written


@pytest.mark.parametrize("given", ["lots", "4", "GB", "0GB", "4 parsecs", "-1GB", ""])
def test_other_text_is_refused_with_what_is_expected(given: str) -> None:
    with pytest.raises(ValueError, match="4GB"):
        memory_size(given)


def run(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.setattr("sys.argv", ["charterwatch", *args])
    with pytest.raises(SystemExit) as done:
        main()
    return int(done.value.code or 0)


def test_a_bad_limit_stops_before_computing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_measured_framework(tmp_path / "framework")

    code = run(monkeypatch, "compute", str(root), "--memory-limit", "lots")

    assert code == 1
    err = capsys.readouterr().err
    assert "--memory-limit lots" in err and "4GB" in err
    assert not (root / ".charterwatch").exists()


def test_a_limit_is_accepted_and_set_for_the_run_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_measured_framework(tmp_path / "framework")
    monkeypatch.delenv(MEMORY_LIMIT_VARIABLE, raising=False)

    code = run(monkeypatch, "compute", str(root), "--memory-limit", "256MB")

    assert code == 0
    assert (root / ".charterwatch" / "results.duckdb").is_file()
    assert MEMORY_LIMIT_VARIABLE not in os.environ


def test_the_variable_is_set_inside_and_restored_after(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(MEMORY_LIMIT_VARIABLE, "2GB")
    with environment_set(MEMORY_LIMIT_VARIABLE, "4GB"):
        assert os.environ[MEMORY_LIMIT_VARIABLE] == "4GB"
    assert os.environ[MEMORY_LIMIT_VARIABLE] == "2GB"
    with environment_set(MEMORY_LIMIT_VARIABLE, None):
        assert os.environ[MEMORY_LIMIT_VARIABLE] == "2GB"
