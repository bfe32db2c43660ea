"""The organisations framework of :mod:`tests.organisations.fixtures`, computed once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from charterwatch.pipeline import ComputeReport, Pipeline
from tests.organisations.fixtures import write_framework


@dataclass
class Computed:
    root: Path
    pipeline: Pipeline
    report: ComputeReport


@pytest.fixture(scope="package")
def computed(tmp_path_factory: pytest.TempPathFactory) -> Computed:
    root = write_framework(tmp_path_factory.mktemp("orgs") / "housing")
    pipeline = Pipeline.open(root)
    return Computed(root, pipeline, pipeline.compute())
