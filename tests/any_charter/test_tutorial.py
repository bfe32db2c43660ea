"""docs/your-own-charter.md works as written: its YAML blocks, put where the text says,
make a folder that validates, is generated, computes per organisation and builds the
organisation pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from charterwatch.cli import app

TUTORIAL = Path(__file__).resolve().parents[2] / "docs" / "your-own-charter.md"


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


@pytest.mark.slow
def test_the_tutorial_runs_as_written(tmp_path: Path) -> None:
    blocks = re.findall(r"```yaml\n(.*?)```", TUTORIAL.read_text("utf-8"), re.S)
    organisations, source, measures, recipe = blocks
    root = tmp_path / "my-charter"
    _run("init", str(root), "--name", "Our Repairs Charter")
    (root / "organisations.yaml").write_text(organisations, "utf-8")
    with (root / "sources.yaml").open("a", encoding="utf-8") as sources:
        sources.write("\n" + source)
    with (root / "framework" / "1.yaml").open("a", encoding="utf-8") as framework:
        framework.write(measures)
    (root / "synthetic.yaml").write_text(recipe, "utf-8")
    assert "0 errors, 0 warnings" in _run("validate", str(root))
    _run("example-data", str(root))
    _run("compute", str(root))
    figures = _run("results", str(root), "--measure", "M2", "--format", "csv")
    assert "M2,2025-26,all,all,value,30.5,hours" in figures
    assert "organisation,C01" in figures and "peer_group,urban" in figures
    site = tmp_path / "my-site"
    _run("build", str(root), "--out", str(site))
    for page in ("organisations", "organisations/C01", "measures/M2/organisations"):
        assert (site / page / "index.html").is_file(), page
    card = (site / "organisations" / "C01" / "index.html").read_text("utf-8")
    assert "Northvale Council" in card and "hours" in card
