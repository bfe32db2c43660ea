"""A bad extract stops the run with a located message and leaves the last good results."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from charterwatch.cli import app
from charterwatch.pipeline import Pipeline
from tests.measures.fixtures import write_measured_framework


def test_a_bad_extract_changes_nothing_and_says_where(tmp_path: Path) -> None:
    root = write_measured_framework(tmp_path)
    runner = CliRunner()
    first = runner.invoke(app, ["compute", str(root)])
    assert first.exit_code == 0, first.output
    before = Pipeline.open(root).store.query()
    applications = root / "data" / "applications.csv"
    text = applications.read_text("utf-8")
    applications.write_text(
        text.replace("A3,SCP,2022-06-01,2022-06-08", "A3,SCP,2022-06-01,08/13/2022"),
        encoding="utf-8",
    )
    second = runner.invoke(app, ["compute", str(root)])
    assert second.exit_code == 1
    assert "Traceback" not in second.output
    assert "applications.csv" in second.output and "decided_date" in second.output
    assert "row 4" in second.output  # the header is row 1, as a spreadsheet shows it
    assert "nothing was written" in second.output
    assert Pipeline.open(root).store.query() == before


def test_a_first_year_past_the_calendar_is_a_located_error_not_a_crash(tmp_path: Path) -> None:
    """``first_year: 9999-00`` passed validation and crashed compute (found by the fuzz)."""
    root = write_measured_framework(tmp_path)
    runner = CliRunner()
    assert runner.invoke(app, ["compute", str(root)]).exit_code == 0
    store = Pipeline.open(root).store.path
    before = store.read_bytes()
    framework = root / "framework.yaml"
    text = framework.read_text("utf-8").replace("first_year: 2021-22", "first_year: 9999-00")
    framework.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["compute", str(root)])
    assert result.exit_code == 1, result.output
    assert "CW-F005" in result.output and "framework.yaml:6" in result.output
    assert "first_year" in result.output and "nothing was written" in result.output
    assert store.read_bytes() == before
