"""Charter versions: the diff of the example's 2019 and 2024 Charters by the 2024 mapping,
and moving the framework's links: every measure is accounted for, and every measure a
dropped commitment would leave without a link is reported (and the command exits 1)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from typer.testing import CliRunner

from charterwatch.charter_review.versions import diff_charters, move_framework
from charterwatch.cli import app
from charterwatch.model.framework import Framework
from charterwatch.model.loader import load_framework
from tests.conftest import EXAMPLE


def _framework(root: Path = EXAMPLE) -> Framework:
    loaded = load_framework(root)
    assert loaded.framework is not None and loaded.issues.ok, loaded.issues
    return loaded.framework


def test_the_diff_of_the_example_charters() -> None:
    d = diff_charters(_framework(), "2019", "2024")
    assert ("1.4", ["1.12", "2.4"]) in d.split
    assert (["1.6", "2.5"], "1.13") in d.merged
    assert set(d.added) == {"3.4", "3.10"}  # the new accountability and Commission themes
    assert d.not_mapped == [] and d.removed == []
    changed = {s for s, _, _ in d.reworded} | set(d.unchanged) | {s for s, _ in d.renumbered}
    split_or_merged = {s for s, _ in d.split} | {s for ss, _ in d.merged for s in ss}
    old = set(_framework().charters["2019"].commitments)
    assert changed | split_or_merged | set(d.removed) == old  # every commitment accounted for


def test_moving_the_example_accounts_for_every_measure() -> None:
    fw = _framework()
    moved = move_framework(fw, "2024")
    assert {m.id for m in moved.measures} == set(fw.framework.measures)
    assert moved.unlinked == []
    from_split = [m for m in moved.measures if "1.4" in m.before]
    assert all({"1.12", "2.4"} <= set(m.after) for m in from_split)
    done = CliRunner().invoke(app, ["charter", "move", str(EXAMPLE), "--to", "2024"])
    assert done.exit_code == 0 and "measures left without a commitment: 0" in done.output


def test_a_dropped_commitment_reports_every_measure_left_unlinked(tmp_path: Path) -> None:
    root = tmp_path / "scotland"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("data", ".charterwatch"))
    fw = _framework(root)
    alone = {m.commitments[0] for m in fw.framework.measures.values() if len(m.commitments) == 1}
    dropped = sorted(alone)[0]
    charter = root / "charter" / "2024.yaml"
    text = charter.read_text(encoding="utf-8")
    text, count = re.subn(rf'(\n\s+"{re.escape(dropped)}": )\[[^\]]*\]', r"\1[]", text)
    assert count == 1
    charter.write_text(text, encoding="utf-8")

    moved = move_framework(_framework(root), "2024")
    expected = {m.id for m in fw.framework.measures.values() if m.commitments == [dropped]}
    assert expected and {m.id for m in moved.unlinked} == expected
    partly = [m for m in moved.measures if dropped in m.before and m.after]
    assert all(dropped in m.lost for m in partly)

    done = CliRunner().invoke(
        app, ["charter", "move", str(root), "--to", "2024"], terminal_width=200
    )
    assert done.exit_code == 1
    assert f"measures left without a commitment: {len(expected)}" in done.output
    for mid in expected:
        assert re.search(rf"^  {re.escape(mid)} .*\(was {re.escape(dropped)}\)$", done.output, re.M)
    diff = CliRunner().invoke(app, ["charter", "diff", str(root), "2019", "2024"])
    assert f"removed (1): {dropped}" in diff.output


def test_no_mapping_between_the_versions_is_refused() -> None:
    done = CliRunner().invoke(
        app, ["charter", "diff", str(EXAMPLE), "2024", "2019"], terminal_width=200
    )
    assert done.exit_code == 1 and "charter '2019' has no mapping from '2024'" in done.output
