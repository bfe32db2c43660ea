"""Shared fixtures for the synthetic-data tests: the example generated once, at the tests' size."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from charterwatch.model.framework import Framework
from charterwatch.synthetic import GenerationReport, Recipe, generate_example
from charterwatch.synthetic.generate import load_recipe_framework
from tests.conftest import EXAMPLE_SIZE
from tests.synthetic.recompute import Data

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "scotland"


@dataclass
class Generated:
    report: GenerationReport
    data: Data
    framework: Framework
    recipe: Recipe


@pytest.fixture(scope="session")
def example() -> tuple[Framework, Recipe]:
    """The Scottish example framework and its recipe."""
    return load_recipe_framework(EXAMPLE)


@pytest.fixture(scope="session")
def generated(
    tmp_path_factory: pytest.TempPathFactory, example: tuple[Framework, Recipe]
) -> Generated:
    """The example's data generated once (at the tests' size, the recipe's seed) into a
    temporary folder."""
    framework, recipe = example
    out = tmp_path_factory.mktemp("example") / "data"
    report = generate_example(EXAMPLE, out=out, size=EXAMPLE_SIZE)
    paths = {s.id: str(s.path) for s in framework.sources.values() if s.path}
    return Generated(report, Data(out, paths), framework, recipe)
