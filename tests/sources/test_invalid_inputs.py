"""Every broken input of the corpus fails with its own code and message, and loads nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from charterwatch.sources import CODES
from tests.sources.invalid_cases import CASES, Case


def test_the_corpus_is_large_and_names_are_unique() -> None:
    names = [c.name for c in CASES]
    assert len(names) >= 40
    assert len(set(names)) == len(names)
    assert all(n.startswith("invalid_") for n in names)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_invalid_input_is_rejected_with_its_message(case: Case, tmp_path: Path) -> None:
    result = case.load(tmp_path)
    rendered = "\n".join(i.render() for i in result.issues)
    assert not result.ok, rendered
    assert result.table is None and result.provenance is None
    assert case.code in CODES
    matching = [i for i in result.issues if i.code == case.code and case.message in i.message]
    assert matching, f"no {case.code} '{case.message}' in:\n{rendered}"
    found = matching[0]
    assert found.level.value == "error"
    assert found.file, "every issue names its file"
    if case.row is not None:
        assert found.row == case.row, rendered
    if case.column is not None:
        assert found.column == case.column, rendered
    if case.line is not None:
        assert found.line == case.line, rendered
    if case.fix is not None:
        assert found.fix == case.fix, rendered


def test_every_error_code_has_a_case_in_the_corpus() -> None:
    covered = {c.code for c in CASES}
    errors = {code for code, info in CODES.items() if info.level.value == "error"}
    assert errors - covered == set()
