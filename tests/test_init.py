"""A new charter works with no code change: `init` starts a folder that validates,
computes and publishes; `init` never overwrites anything."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from charterwatch.cli import app


def test_init_validate_compute_build(tmp_path: Path) -> None:
    root = tmp_path / "housing"
    runner = CliRunner()
    assert runner.invoke(app, ["init", str(root), "--name", "Housing Charter"]).exit_code == 0
    checked = runner.invoke(app, ["validate", str(root)])
    assert checked.exit_code == 0 and "0 errors, 0 warnings" in " ".join(checked.output.split())
    assert runner.invoke(app, ["compute", str(root)]).exit_code == 0
    built = runner.invoke(app, ["build", str(root), "--out", str(tmp_path / "site")])
    assert built.exit_code == 0, built.output
    home = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert "Housing Charter" in home


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 1 and "not empty" in result.output
    assert (tmp_path / "keep.txt").read_text("utf-8") == "mine"
