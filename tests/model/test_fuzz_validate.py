"""Fuzzing ``charterwatch validate`` with mutated framework YAML: it must never crash.

Each example starts from the small valid framework of :mod:`tests.model.fixtures` and breaks
one file: random bytes, anchors and aliases (bombs and loops included), tags, impossible or
far-off dates, odd ids and URLs, deleted or repeated lines, and values of the wrong type. The
command must answer with exit code 0 or 1, never 2, and never print "This is a bug" or a
traceback. Seeded (``derandomize=True``), so every run tries the same 500 frameworks
(about half a minute on two cores; the pipeline fuzz in ``tests/test_fuzz_pipeline.py`` feeds
more broken folders to ``compute`` and ``build``).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from charterwatch.cli import app
from tests.model.fixtures import FILES, write_framework
from tests.model.yaml_mutations import Mutation, mutation


@pytest.mark.slow
@settings(
    max_examples=500,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    file=st.sampled_from(sorted(FILES)),
    changes=st.lists(mutation(), min_size=1, max_size=3),
)
def test_validate_never_crashes_on_mutated_yaml(
    file: str, changes: list[tuple[str, Mutation]]
) -> None:
    lines = FILES[file].splitlines()
    for _, change in changes:
        lines = change(list(lines))
    text = "\n".join(lines) + "\n"
    with tempfile.TemporaryDirectory() as tmp:
        root = write_framework(Path(tmp), {file: text.encode("utf-8", "surrogatepass")})
        result = CliRunner().invoke(app, ["validate", str(root)], catch_exceptions=False)
    described = f"{file}: {[d for d, _ in changes]}\n{result.output}"
    assert result.exit_code in (0, 1), described
    assert "This is a bug" not in result.output, described
    assert "Traceback" not in result.output, described
