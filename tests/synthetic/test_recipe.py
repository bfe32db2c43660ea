"""The recipe: validated with located issues, and its targets worked out from published figures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from charterwatch.model.loader import load_framework
from charterwatch.synthetic import GenerationError, Recipe, generate_example
from charterwatch.synthetic.recipe import recipe_of
from charterwatch.synthetic.targets import build_targets, parse_period
from tests.synthetic.conftest import EXAMPLE


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "scotland"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("data", ".charterwatch"))
    return root


def test_the_example_recipe_loads_with_the_framework() -> None:
    result = load_framework(EXAMPLE)
    assert result.framework is not None
    assert not [i for i in result.issues.errors if "synthetic" in (i.file or "")]
    recipe = recipe_of(result.framework.extras)
    assert isinstance(recipe, Recipe) and recipe.seed == 2019


def test_invalid_recipe_is_reported_with_its_line(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    text = (root / "synthetic.yaml").read_text(encoding="utf-8")
    (root / "synthetic.yaml").write_text(text.replace("  seed: 2019", "  seeed: 2019"), "utf-8")
    result = load_framework(root)
    found = [i for i in result.issues.errors if i.file == "synthetic.yaml"]
    assert found and found[0].line is not None and "seeed" in (found[0].location or "")
    with pytest.raises(GenerationError, match="seeed"):
        generate_example(root, out=tmp_path / "out")


def test_a_folder_without_a_recipe_is_refused(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    (root / "synthetic.yaml").unlink()
    with pytest.raises(GenerationError, match="no synthetic-data recipe"):
        generate_example(root, out=tmp_path / "out")


def test_periods() -> None:
    assert parse_period("2022-23").is_year
    month = parse_period("2022-09")
    assert (month.start.isoformat(), month.end.isoformat(), month.year) == (
        "2022-09-01",
        "2022-09-30",
        "2022-23",
    )
    span = parse_period("2022-04 to 2022-10")
    assert span.year == "2022-23" and span.end.isoformat() == "2022-10-31"
    with pytest.raises(ValueError):
        parse_period("2022-12 to 2023-06")
    with pytest.raises(ValueError):
        parse_period("September 2022")


def test_targets_take_published_values_and_walk_the_rest() -> None:
    result = load_framework(EXAMPLE)
    assert result.framework is not None
    recipe = recipe_of(result.framework.extras)
    assert recipe is not None
    targets = build_targets(result.framework, recipe)
    calls = {t.year: t for t in targets.targets if t.key == "M2.05"}
    assert [calls[y].value for y in ("2019-20", "2020-21", "2021-22", "2022-23")] == [
        16,
        658,
        351,
        1337,
    ]
    assert calls["2023-24"].origin == "walk" and calls["2023-24"].value > 0
    again = build_targets(result.framework, recipe)
    assert [t.value for t in again.targets] == [t.value for t in targets.targets]
    other = build_targets(result.framework, recipe.model_copy(update={"seed": 1}))
    assert [t.value for t in other.targets] != [t.value for t in targets.targets]
    kindness = {t.year: t.origin for t in targets.targets if t.key == "M1.01"}
    assert kindness["2021-22"] == "published" and kindness["2019-20"] == "walk"
