"""A deadline measure whose cases could match no deadline rule is refused at ``validate``.

Before CW-K012, a ``deadline_compliance`` measure over a process with only per-group rules
and no ``group:`` param, or over a misspelt process, computed nothing and said nothing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from charterwatch.model.loader import load_framework

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "scotland"
MEASURES = Path("framework") / "2019" / "s2-processes-that-work.yaml"
GROUP_LINE = "                group: benefit\n"
PROCESS_LINE = "                process: redetermination\n"


def _edited(tmp_path: Path, old: str, new: str) -> Path:
    root = tmp_path / "scotland"
    shutil.copytree(EXAMPLE, root)
    path = root / MEASURES
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"the example's M2.04 no longer has {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return root


def _k012(root: Path) -> list[str]:
    issues = load_framework(root).issues
    return [
        f"{i.file}:{i.line} {i.location} {i.message} | {i.expected} | {i.fix}"
        for i in issues
        if i.code == "CW-K012"
    ]


def test_the_example_has_no_k012() -> None:
    assert _k012(EXAMPLE) == []


def test_per_group_rules_without_a_group_column_are_refused(tmp_path: Path) -> None:
    root = _edited(tmp_path, GROUP_LINE, "")
    found = _k012(root)
    assert len(found) == 1, found
    assert "s2-processes-that-work.yaml" in found[0]
    assert "params.process" in found[0]
    assert "names no 'group:' column" in found[0]
    assert "ADP" in found[0]  # the groups the rules are for are listed
    assert "group: benefit" in found[0]  # and the fix shows the param


@pytest.mark.parametrize("misspelt", ["redeterminaton", "appeal"])
def test_a_process_with_no_rule_is_refused(tmp_path: Path, misspelt: str) -> None:
    root = _edited(tmp_path, PROCESS_LINE, PROCESS_LINE.replace("redetermination", misspelt))
    found = _k012(root)
    assert len(found) == 1, found
    assert f"'{misspelt}'" in found[0]
    assert "redetermination_request" in found[0]  # the known processes are listed
    if misspelt == "redeterminaton":
        assert "did you mean 'redetermination'?" in found[0]
