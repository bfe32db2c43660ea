"""A date outside the working-day calendar's years stops a run at load, located, before any
SQL runs: it would otherwise have no working-day number and fall silently into the last band
(the engine joins each date to the calendar table)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from charterwatch.cli import app
from charterwatch.pipeline import Pipeline, PipelineError
from tests.measures.fixtures import write_measured_framework

CALENDAR = "calendar:\n  first_year: 2021\n  last_year: 2025\n"


def _set_decided(root: Path, decided: str) -> None:
    applications = root / "data" / "applications.csv"
    text = applications.read_text("utf-8")
    applications.write_text(
        text.replace("A3,SCP,2022-06-01,2022-06-08", f"A3,SCP,2022-06-01,{decided}"), "utf-8"
    )


def test_invalid_date_after_the_default_calendar(tmp_path: Path) -> None:
    root = write_measured_framework(tmp_path)
    _set_decided(root, "2036-01-08")
    with pytest.raises(PipelineError) as raised:
        Pipeline.open(root).load_sources()
    [issue] = [i for i in raised.value.issues if i.code == "CW-S042"]
    assert issue.file == "data/applications.csv"
    assert (issue.row, issue.column) == (4, "decided_date")
    assert issue.message == "2036-01-08 is outside the working-day calendar's years"
    assert issue.expected == (
        "a date between 2015-01-01 and 2035-12-31 (the working-day calendar's years)"
    )
    assert issue.fix is not None and "calendar.yaml" in issue.fix


def test_invalid_date_outside_the_folders_own_calendar(tmp_path: Path) -> None:
    """The folder's calendar.yaml sets the years, and compute refuses to run (exit 1)."""
    root = write_measured_framework(tmp_path)
    (root / "calendar.yaml").write_text(CALENDAR, "utf-8")
    _set_decided(root, "2026-02-02")
    result = CliRunner().invoke(app, ["compute", str(root)])
    assert result.exit_code == 1, result.output
    assert "CW-S042" in result.output and "row 4" in result.output
    assert "2021-01-01 and 2025-12-31" in result.output
    assert "nothing was written" in result.output


def test_dates_inside_the_folders_calendar_load(tmp_path: Path) -> None:
    root = write_measured_framework(tmp_path)
    (root / "calendar.yaml").write_text(CALENDAR, "utf-8")
    data = Pipeline.open(root).load_sources()
    assert data.issues.ok
    assert "applications" in data.tables
