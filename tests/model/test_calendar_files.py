"""A framework folder declares its working-day calendar and deadline rules, and every command
uses them (broken cases are in the corpus of :mod:`tests.model.test_invalid_frameworks`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from charterwatch.model.loader import load_framework
from charterwatch.pipeline import Pipeline
from tests.model.fixtures import write_framework
from tests.model.test_invalid_frameworks import CALENDAR, DEADLINES

ROOT = Path(__file__).resolve().parents[2]


def test_declared_calendar_and_rules_are_used(tmp_path: Path) -> None:
    root = write_framework(tmp_path, {"calendar.yaml": CALENDAR, "deadlines.yaml": DEADLINES})
    result = load_framework(root)
    assert result.issues.ok, [i.render() for i in result.issues]
    fw = result.framework
    assert fw is not None
    assert (fw.calendar.first_day, fw.calendar.last_day) == (date(2020, 1, 1), date(2030, 12, 31))
    assert not fw.calendar.is_working_day(date(2024, 12, 24))
    assert fw.calendar.holiday_name(date(2024, 12, 24)) == "Office closure"
    assert fw.rulebook.rule_for("redetermination", "ADP", date(2024, 4, 1)).length == 40
    pipeline = Pipeline.open(root, tmp_path / "store.duckdb")
    assert pipeline.calendar is pipeline.framework.calendar
    assert pipeline.calendar.last_day == date(2030, 12, 31)
    assert pipeline.rulebook is pipeline.framework.rulebook
    assert len(pipeline.rulebook) == 2


def test_without_files_the_defaults_apply(tmp_path: Path) -> None:
    """No calendar.yaml: every Monday to Friday of 2015 to 2035 is a working day, with no
    region's holidays (documented); no deadlines.yaml: no rules."""
    fw = load_framework(write_framework(tmp_path)).framework
    assert fw is not None
    assert (fw.calendar.first_day, fw.calendar.last_day) == (date(2015, 1, 1), date(2035, 12, 31))
    assert fw.calendar.provenance()["region"] == "none"
    assert not fw.calendar.holidays
    assert fw.calendar.is_working_day(date(2023, 5, 8))  # a Monday, whatever a region says
    assert fw.calendar.is_working_day(date(2024, 12, 25))  # a Wednesday
    assert not fw.calendar.is_working_day(date(2024, 12, 28))  # a Saturday
    assert len(fw.rulebook) == 0


def test_the_example_declares_its_own_calendar_and_rules() -> None:
    fw = load_framework(ROOT / "examples" / "scotland").framework
    assert fw is not None
    assert "calendar.yaml" in fw.files and "deadlines.yaml" in fw.files
    assert fw.rulebook.rule_for("redetermination", "BSG", date(2023, 5, 2)).length == 16
    assert not fw.calendar.is_working_day(date(2023, 5, 8))  # the Coronation bank holiday


def test_a_folder_without_deadline_rules_still_computes(tmp_path: Path) -> None:
    """The package's rulebook is empty now; an empty rulebook must not crash a compute."""
    from typer.testing import CliRunner

    from charterwatch.cli import app
    from tests.measures.fixtures import write_measured_framework

    root = write_measured_framework(tmp_path)
    (root / "deadlines.yaml").unlink()
    result = CliRunner().invoke(app, ["compute", str(root)])
    assert result.exit_code in (0, 1), result.output  # 2 would be a crash
    assert "This is a bug" not in result.output
