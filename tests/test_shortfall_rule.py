"""The shortfall rule catches a shortfall that has no response, and is satisfied by one."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from charterwatch.cli import app
from charterwatch.pipeline import Pipeline
from tests.measures.fixtures import write_measured_framework

ACTION = """\
actions:
  - id: A1
    title: Kinder replies
    change: Train staff to reply kindly.
    measures: [KIND]
    owner: Test team
    start: 2022-04-01
    due: 2023-03-31
    status: in_progress
"""


def release_check(root: Path) -> tuple[int, str]:
    result = CliRunner().invoke(
        app, ["validate", str(root), "--release", "--year", "2022-23", "--on", "2023-01-01"]
    )
    return result.exit_code, result.output


def test_a_worse_measure_without_response_fails_the_release_check(tmp_path: Path) -> None:
    root = write_measured_framework(tmp_path)
    survey = (root / "data/survey.csv").read_text("utf-8")
    # make 2022-23 worse than 2021-22: 30 of 100 agree instead of 90
    lines = survey.splitlines()
    swapped = [
        line.replace(",agree,", ",disagree,")
        if line.startswith("R") and ",2022-23," in line and int(line.split(",")[0][1:]) >= 30
        else line
        for line in lines
    ]
    (root / "data/survey.csv").write_text("\n".join(swapped) + "\n", encoding="utf-8")
    Pipeline.open(root).compute()
    code, output = release_check(root)
    assert code == 1
    assert "CW-R001" in output and "'KIND' is in shortfall in 2022-23" in output
    (root / "actions.yaml").write_text(ACTION, encoding="utf-8")
    code, output = release_check(root)
    assert code == 0, output


def test_an_analyst_flag_needs_a_response_and_an_explanation_answers_it(tmp_path: Path) -> None:
    root = write_measured_framework(tmp_path)
    Pipeline.open(root).compute()
    assert release_check(root)[0] == 0
    (root / "flags.yaml").write_text(
        "flags:\n  - {measure: WAIT, year: 2022-23, reason: queue data incomplete}\n", "utf-8"
    )
    code, output = release_check(root)
    assert code == 1 and "CW-R003" in output and "compute" in output, "stale shortfalls"
    Pipeline.open(root).compute()
    code, output = release_check(root)
    assert code == 1 and "CW-R001" in output and "flagged by an analyst" in output
    (root / "explanations.yaml").write_text(
        "explanations:\n  - {measure: WAIT, year: 2022-23, text: The call system changed.}\n",
        "utf-8",
    )
    assert release_check(root)[0] == 0


def test_overdue_action_is_a_warning_not_an_error(tmp_path: Path) -> None:
    root = write_measured_framework(tmp_path)
    (root / "actions.yaml").write_text(ACTION, encoding="utf-8")
    Pipeline.open(root).compute()
    result = CliRunner().invoke(
        app, ["validate", str(root), "--release", "--year", "2022-23", "--on", "2023-06-01"]
    )
    assert result.exit_code == 0 and "CW-R002" in result.output
