"""The intruder and the leak check on the built example site (built once per session)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from charterwatch.cli import app
from charterwatch.review.intruder import audit_site
from charterwatch.review.leaks import withheld_values_leaked
from tests.conftest import Example


@pytest.mark.slow
def test_nothing_is_recoverable_from_the_example(example: Example) -> None:
    report = audit_site(example.root.parent / "site")
    assert report.families > 100
    assert report.findings == (), (
        report.summary() + "\n" + "\n".join(f.describe() for f in report.findings[:10])
    )


@pytest.mark.slow
def test_no_withheld_value_is_printed_in_the_example(example: Example) -> None:
    store = example.root / ".charterwatch" / "results.duckdb"
    leaks = withheld_values_leaked(example.root.parent / "site", store)
    assert leaks == [], "\n".join(leak.describe() for leak in leaks[:10])


@pytest.mark.slow
def test_the_command_checks_the_example_and_finds_nothing(example: Example) -> None:
    result = CliRunner().invoke(
        app, ["check-disclosure", str(example.root), "--site", str(example.root.parent / "site")]
    )
    assert result.exit_code == 0, result.output
    assert "0 recoverable" in result.output and "0 withheld value(s) printed" in result.output
