"""Same seed and size give byte-identical files; another seed gives other records."""

from __future__ import annotations

import pytest

from charterwatch.synthetic import GenerationReport, generate_example
from tests.conftest import TINY_SIZE
from tests.synthetic.conftest import EXAMPLE

SIZE = TINY_SIZE

Runs = tuple[GenerationReport, GenerationReport, GenerationReport, list[tuple[str, int, int]]]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Runs:
    """Seed 7 twice and seed 8 once, at a small size; the last run reports its progress."""
    folder = tmp_path_factory.mktemp("determinism")
    seen: list[tuple[str, int, int]] = []
    first = generate_example(EXAMPLE, out=folder / "a", seed=7, size=SIZE)
    second = generate_example(EXAMPLE, out=folder / "b", seed=7, size=SIZE)
    other = generate_example(
        EXAMPLE, out=folder / "c", seed=8, size=SIZE, progress=lambda *p: seen.append(p)
    )
    return first, second, other, seen


def test_same_seed_and_size_give_identical_bytes(runs: Runs) -> None:
    first, second, _, _ = runs
    assert [f.path.name for f in first.files] == [f.path.name for f in second.files]
    for a, b in zip(first.files, second.files, strict=True):
        assert a.path.read_bytes() == b.path.read_bytes(), a.path.name
        assert a.sha256 == b.sha256


def test_another_seed_changes_every_file(runs: Runs) -> None:
    first, _, other, _ = runs
    same = [
        a.path.name for a, c in zip(first.files, other.files, strict=True) if a.sha256 == c.sha256
    ]
    assert same == []
    assert other.seed == 8


def test_size_scales_the_records(runs: Runs) -> None:
    first = runs[0]
    assert 20_000 < first.rows < 40_000
    assert first.size == SIZE


def test_progress_is_reported_per_source(runs: Runs) -> None:
    seen = runs[3]
    total = seen[-1][2]
    assert seen[0][1] == 0
    assert seen[-1] == ("done", total, total)
    assert len(seen) == total + 1
