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


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "scotland"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("data", ".charterwatch"))
    return root


def test_a_dropped_commitment_reports_every_measure_left_unlinked(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    fw = _framework(root)
    alone = {m.commitments[0] for m in fw.framework.measures.values() if len(m.commitments) == 1}
    dropped = sorted(alone)[0]
    charter = root / "charter" / "2024.yaml"
    text = charter.read_text(encoding="utf-8")
    text, count = re.subn(rf'(\n\s+"{re.escape(dropped)}": )\[[^\]]*\]', r"\1[]", text)
    assert count == 1
    charter.write_text(text, encoding="utf-8")
    expected = {m.id for m in fw.framework.measures.values() if m.commitments == [dropped]}
    assert expected

    # The 2024 framework keeps the 2019 measures: validate names every one left unlinked.
    loaded = load_framework(root)
    unlinked = [i for i in loaded.issues if i.code == "CW-M003"]
    assert not loaded.issues.ok
    assert {re.search(r"measure '([^']+)'", i.message).group(1) for i in unlinked} == expected  # type: ignore[union-attr]
    assert all(f"the mapping drops {dropped}" in i.message for i in unlinked)

    # Before there is a 2024 framework, 'charter move' lists the same measures and exits 1.
    shutil.rmtree(root / "framework" / "2024")
    moved = move_framework(_framework(root), "2024")
    assert {m.id for m in moved.unlinked} == expected
    partly = [m for m in moved.measures if dropped in m.before and m.after]
    assert all(dropped in m.lost for m in partly)

    done = CliRunner().invoke(
        app, ["charter", "move", str(root), "--to", "2024", "--write"], terminal_width=200
    )
    assert done.exit_code == 1
    assert f"measures left without a commitment: {len(expected)}" in done.output
    for mid in expected:
        assert re.search(rf"^  {re.escape(mid)} .*\(was {re.escape(dropped)}\)$", done.output, re.M)
    assert not (root / "framework" / "2024").exists()  # --write saves nothing then
    diff = CliRunner().invoke(app, ["charter", "diff", str(root), "2019", "2024"])
    assert f"removed (1): {dropped}" in diff.output


def test_move_write_makes_the_framework_that_reports_against_the_new_charter(
    tmp_path: Path,
) -> None:
    root = _copy(tmp_path)
    shutil.rmtree(root / "framework" / "2024")
    done = CliRunner().invoke(
        app, ["charter", "move", str(root), "--to", "2024", "--write"], terminal_width=200
    )
    assert done.exit_code == 0, done.output
    fw = _framework(root)
    kept = fw.frameworks["2024"]
    assert kept.spec.measures_from == "2019" and kept.spec.first_year == "2024-25"
    moved = move_framework(fw, "2024")
    assert {m.id: m.after for m in moved.measures} == {
        m.id: m.commitments for m in kept.measures.values()
    }
    again = CliRunner().invoke(app, ["charter", "move", str(root), "--to", "2024", "--write"])
    assert again.exit_code == 1 and "already exists; nothing written" in again.output


def test_each_year_is_reported_against_the_version_in_force() -> None:
    from charterwatch.model.in_force import in_force, version_in_force

    fw = _framework()
    assert [version_in_force(fw, y).id for y in ("2019-20", "2023-24", "2024-25", "2025-26")] == [
        "2019",
        "2019",
        "2024",
        "2024",
    ]
    assert in_force(fw, "2023-24") is fw
    later = in_force(fw, "2024-25")
    assert later.charter.id == "2024" and later.framework.id == "2024"
    assert fw.charter.id == "2019"  # the loaded framework is left as it was
    for action in fw.actions.values():
        carried = later.actions[action.id].commitments
        assert set(carried) <= set(later.charter.commitments), action.id
        if "1.4" in action.commitments:
            assert {"1.12", "2.4"} <= set(carried)


def _write_framework(root: Path, body: str) -> list[str]:
    (root / "framework" / "2024" / "framework.yaml").write_text(body, encoding="utf-8")
    return [f"{i.code} {i.message}" for i in load_framework(root).issues if i.level == "error"]


def test_a_framework_that_keeps_measures_is_checked(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    head = (
        'framework:\n  id: "2024"\n  title: F\n  charter: "2024"\n'
        "  effective_from: 2024-11-01\n  first_year: 2024-25\n"
    )
    found = _write_framework(root, head + '  measures_from: "1999"\n')
    assert any(e.startswith("CW-M020") and "'1999', which is not defined" in e for e in found)
    sections = head + '  measures_from: "2019"\n  sections:\n    - id: X\n      title: X\n'
    question = "      questions:\n        - {id: QX, text: X, outcomes: [{id: OX, title: X}]}\n"
    found = _write_framework(root, sections + "      charter_section: S1\n" + question)
    assert any(e.startswith("CW-M020") and "sections of its own" in e for e in found)
    charter = root / "charter" / "2024.yaml"
    text = charter.read_text(encoding="utf-8")
    start = text.index("  mapping:")
    charter.write_text(text[:start], encoding="utf-8")
    found = _write_framework(root, head + '  measures_from: "2019"\n')
    assert any(e.startswith("CW-M021") and "does not map back" in e for e in found)


def test_commitments_are_carried_through_several_versions() -> None:
    from charterwatch.model.charter_mapping import NoMappingChain, carry
    from charterwatch.model.files import CommitmentMappingFile

    fw = _framework()
    c2024 = fw.charters["2024"]
    identity = {cid: [cid] for cid in c2024.commitments} | {"1.12": []}
    spec = c2024.spec.model_copy(
        update={
            "id": "2030",
            "mapping": CommitmentMappingFile(previous="2024", commitments=identity),
        }
    )
    charters = {**fw.charters, "2030": type(c2024)(spec, c2024.commitments, c2024.origin)}
    carried = carry(charters, ["1.4", "1.1"], "2019", "2030")
    assert "2.4" in carried.ids and "1.12" not in carried.ids and "1.12" in carried.lost
    try:
        carry(charters, ["1.1"], "2030", "2019")
    except NoMappingChain as exc:
        assert "does not map back" in str(exc)
    else:
        raise AssertionError("a backward carry must be refused")


def test_no_mapping_between_the_versions_is_refused() -> None:
    done = CliRunner().invoke(
        app, ["charter", "diff", str(EXAMPLE), "2024", "2019"], terminal_width=200
    )
    assert done.exit_code == 1 and "charter '2019' has no mapping from '2024'" in done.output
