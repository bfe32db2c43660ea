"""The synthetic generator honours the organisations: returns for every organisation, and
organisation columns of plain records drawn from the list with their facts following."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from charterwatch.pipeline import Pipeline
from charterwatch.synthetic import generate_example
from tests.organisations.fixtures import FRAMEWORK, SOURCES, organisation_rows, write_framework

RECIPE = """\
synthetic:
  seed: 7
  first_year: 2022-23
  last_year: 2024-25
  anchors: {M1: 82}
  records:
    repairs:
      volumes: {2022-23: 900, 2023-24: 950, 2024-25: 1000}
  organisation_returns:
    returns:
      base: [40, 600]
      spread: 5
      indicators:
        satisfied: {level: 85}
        relet_days: {level: 35, spread: 8}
"""

WITH_PEER_COLUMN = SOURCES.replace(
    "        - {name: first_time, type: boolean}\n",
    "        - {name: first_time, type: boolean}\n"
    "        - {name: peer_group, type: string}\n"
    "        - {name: organisation_type, type: string}\n",
)
PEER = {ident: peer for ident, _, peer, _ in organisation_rows()}


def generated(tmp_path: Path) -> Path:
    root = write_framework(
        tmp_path / "fw",
        {
            "synthetic.yaml": RECIPE,
            "sources.yaml": WITH_PEER_COLUMN,
            "framework.yaml": FRAMEWORK,
            "data/repairs.csv": None,
            "data/returns.csv": None,
        },
    )
    generate_example(root)
    return root


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))


def test_returns_for_every_organisation_year_and_indicator(tmp_path: Path) -> None:
    root = generated(tmp_path)
    found = rows(root / "data" / "returns.csv")
    assert len(found) == 12 * 3 * 2
    assert {r["organisation"] for r in found} == set(PEER)
    satisfied = [r for r in found if r["indicator"] == "satisfied"]
    assert all(0 <= int(r["numerator"]) <= int(r["denominator"]) for r in satisfied)
    share = sum(int(r["numerator"]) for r in satisfied) / sum(
        int(r["denominator"]) for r in satisfied
    )
    assert 0.78 < share < 0.92, "around the recipe's level of 85%"
    days = [r for r in found if r["indicator"] == "relet_days"]
    assert all(r["value"] and int(r["base"]) > 0 and not r["numerator"] for r in days)
    assert all(r["synthetic"] == "true" for r in found)


def test_records_draw_organisations_from_the_list_and_their_facts_follow(tmp_path: Path) -> None:
    root = generated(tmp_path)
    found = rows(root / "data" / "repairs.csv")
    assert {r["landlord_id"] for r in found} == set(PEER)
    assert all(r["peer_group"] == PEER[r["landlord_id"]] for r in found)
    assert {r["organisation_type"] for r in found} == {"housing association"}


def test_the_generated_framework_computes_per_organisation(tmp_path: Path) -> None:
    root = generated(tmp_path)
    pipeline = Pipeline.open(root)
    report = pipeline.compute()
    assert not report.issues
    groups = {f.group for f in report.rows if f.breakdown == "organisation"}
    assert groups == set(PEER)


def test_the_same_seed_gives_the_same_files(tmp_path: Path) -> None:
    first = generated(tmp_path / "a")
    second = generated(tmp_path / "b")
    for name in ("repairs.csv", "returns.csv"):
        assert (first / "data" / name).read_bytes() == (second / "data" / name).read_bytes()
