"""``project.settings`` is checked against the one SETTINGS list and typed at load.

The broken cases (``invalid_setting_*``) are in the corpus of
:mod:`tests.model.test_invalid_frameworks`; these tests cover what the corpus cannot: the
typed values, the "did you mean", every command refusing a bad value, and the docs.
"""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest
from typer.testing import CliRunner

from charterwatch.cli import app
from charterwatch.model.loader import load_framework
from charterwatch.settings import SETTINGS
from charterwatch.stats.allowed import Number, Switch, WholeNumber
from charterwatch.stats.settings import DisclosureSettings
from tests.model.fixtures import PROJECT, write_framework

ROOT = Path(__file__).resolve().parents[2]


def with_settings(tmp_path: Path, text: str) -> Path:
    return write_framework(tmp_path, {"charterwatch.yaml": PROJECT + "  settings:\n" + text})


def test_valid_settings_come_back_typed(tmp_path: Path) -> None:
    root = with_settings(
        tmp_path,
        "    change:\n      alpha: 0.01\n      relative_threshold: .1\n"
        "    disclosure:\n      min_count: 5\n      suppress_zeros: true\n"
        "    shortfall:\n      below_percent: 80.5\n",
    )
    result = load_framework(root)
    assert result.issues.ok, [i.render() for i in result.issues]
    assert result.framework is not None
    settings = result.framework.project.settings
    assert settings["change"] == {"alpha": 0.01, "relative_threshold": 0.1}
    assert isinstance(settings["change"]["alpha"], float)  # the YAML reader kept "0.01"
    assert settings["disclosure"] == {"min_count": 5, "suppress_zeros": True}
    assert settings["shortfall"] == {"below_percent": 80.5}


def test_every_problem_is_listed_not_only_the_first(tmp_path: Path) -> None:
    root = with_settings(
        tmp_path,
        "    disclosure:\n      min_count: ten\n      round_counts_to: 0\n"
        "    change:\n      alpha: 5\n",
    )
    codes = [(i.code, i.line) for i in load_framework(root).issues.errors]
    assert codes == [("CW-M018", 8), ("CW-M019", 9), ("CW-M019", 11)]


def test_invalid_setting_typo_suggests_the_name(tmp_path: Path) -> None:
    root = with_settings(tmp_path, "    disclosure:\n      min_cont: 3\n")
    [issue] = load_framework(root).issues.errors
    assert issue.code == "CW-M017"
    assert issue.fix is not None and "did you mean 'disclosure.min_count'?" in issue.fix
    assert issue.location == "project.settings.disclosure.min_cont"


def test_invalid_setting_message_gives_what_is_allowed_and_the_default(tmp_path: Path) -> None:
    root = with_settings(tmp_path, "    change:\n      alpha: 5\n")
    [issue] = load_framework(root).issues.errors
    assert issue.expected == "a number, more than 0 and less than 1"
    assert issue.found == "5"
    assert issue.fix is not None and "default (0.05)" in issue.fix


@pytest.mark.parametrize("command", ["validate", "compute", "show"])
def test_invalid_setting_stops_every_command_without_a_crash(tmp_path: Path, command: str) -> None:
    root = with_settings(tmp_path, '    shortfall:\n      below_percent: "high"\n')
    result = CliRunner().invoke(app, [command, str(root)])
    assert result.exit_code == 1, result.output
    assert "CW-M018" in result.output
    assert "This is a bug" not in result.output and "Traceback" not in result.output


def test_disclosure_settings_are_declared_once() -> None:
    """SETTINGS takes the disclosure entries from DisclosureSettings, so they cannot differ."""
    declared = {s.name: s for s in SETTINGS}
    for spec in fields(DisclosureSettings):
        setting = declared[f"disclosure.{spec.name}"]
        assert setting.default == spec.default
        assert setting.allowed is spec.metadata["allowed"]


def test_every_setting_declares_what_it_allows_and_its_default_is_allowed() -> None:
    for setting in SETTINGS:
        assert isinstance(setting.allowed, Number | Switch | WholeNumber), setting.name
        assert setting.allowed.check(setting.default) is None, setting.name


def test_docs_list_what_each_setting_allows() -> None:
    text = (ROOT / "docs" / "framework-format.md").read_text("utf-8")
    for setting in SETTINGS:
        assert f"| `{setting.name}` |" in text, setting.name
        row = text.split(f"| `{setting.name}` |", 1)[1].split("\n", 1)[0]
        assert f" {setting.allowed.describe()} |" in row, (setting.name, row)
