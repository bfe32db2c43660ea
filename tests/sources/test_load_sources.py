"""Loading the sources of a framework folder: all or nothing per source, nothing written."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from charterwatch.model import load_framework
from charterwatch.model.files import SourceFile
from charterwatch.sources import load_source, load_sources
from tests.model.fixtures import write_framework
from tests.sources.fixtures import (
    HEADER,
    ROWS,
    expected_table,
    write_csv,
    write_duckdb,
    write_xlsx,
)

SOURCES = """\
sources:
  - id: survey
    name: Client survey
    owner: Survey team
    kind: survey_responses
    path: data/survey.csv
    schema: {shape: survey_responses}
  - id: payments
    name: Payments
    owner: Finance
    kind: case_records
    path: data/payments.xlsx#Payments
    schema:
      shape: records
      fields:
        - {name: payment_id, type: string, unique: true}
        - {name: amount, type: number, minimum: 0}
  - id: applications
    name: Applications
    owner: MI team
    kind: case_records
    path: data/applications.csv
    schema: {shape: applications}
  - id: decisions_db
    name: Applications (warehouse)
    owner: MI team
    kind: case_records
    url: duckdb://data/warehouse.ddb#applications
    schema: {shape: applications}
  - id: quotes
    name: Client panel quotes
    owner: Research team
    kind: narrative_evidence
    path: evidence
  - id: published
    name: Official statistics
    owner: Statistics team
    kind: published_figures
    url: https://www.gov.scot/collections/social-security-scotland-statistics/
"""

QUOTE = (
    "---\nmeasure: M1\nyear: 2023-24\nkind: quote\nsource: Panel\ncommitments: [1.1]\n---\nKind.\n"
)


def build(root: Path, *, bad_survey: bool) -> Path:
    write_framework(root, {"sources.yaml": None, "inputs/sources.yaml": SOURCES})
    data = root / "inputs" / "data"
    data.mkdir(parents=True)
    answer = "Agree" if not bad_survey else "=HYPERLINK(1)"
    (data / "survey.csv").write_text(
        f"respondent_id,year,question,answer\nR1,2023-24,kind,{answer}\nR2,2023-24,kind,No\n"
    )
    write_xlsx(
        data / "payments.xlsx",
        ["payment_id", "amount"],
        [["P1", 12.5], ["P2", 0]],
        sheet="Payments",
    )
    write_csv(data / "applications.csv")
    write_duckdb(data / "warehouse.ddb")
    (root / "inputs" / "evidence").mkdir()
    (root / "inputs" / "evidence" / "q1.md").write_text(QUOTE)
    return root


def snapshot(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_a_framework_folder_loads_every_source_relative_to_its_yaml(tmp_path: Path) -> None:
    root = build(tmp_path, bad_survey=False)
    framework = load_framework(root).framework
    assert framework is not None
    loads = load_sources(root, framework.sources)
    assert loads.ok, "\n".join(i.render() for i in loads.issues())
    assert loads.skipped == ("published",)
    tables = loads.tables()
    assert tables is not None
    assert set(tables) == {"survey", "payments", "applications", "decisions_db", "quotes"}
    assert tables["applications"].equals(expected_table())
    assert tables["decisions_db"].equals(expected_table())
    assert tables["payments"].column("amount").to_pylist() == [12.5, 0.0]
    assert tables["quotes"].column("commitments").to_pylist() == [["1.1"]]
    provenance = loads.results["payments"].provenance
    assert provenance is not None
    assert provenance.file == "inputs/data/payments.xlsx" and provenance.reader == "xlsx"


def test_one_failed_source_is_reported_and_nothing_is_written(tmp_path: Path) -> None:
    root = build(tmp_path, bad_survey=True)
    framework = load_framework(root).framework
    assert framework is not None
    before = snapshot(root)
    loads = load_sources(root, framework.sources)
    assert snapshot(root) == before
    assert not loads.ok
    assert loads.tables() is None  # the caller keeps its previous good state
    survey = loads.results["survey"]
    assert survey.table is None and survey.provenance is None
    assert [(i.code, i.file, i.row) for i in survey.issues] == [
        ("CW-S040", "inputs/data/survey.csv", 2)
    ]
    assert loads.results["applications"].ok
    assert [i.code for i in loads.issues()] == ["CW-S040"]


def test_a_bare_source_file_and_an_explicit_path(tmp_path: Path) -> None:
    source = SourceFile.model_validate(
        {
            "id": "apps",
            "name": "Applications",
            "owner": "MI",
            "kind": "case_records",
            "schema": {"shape": "applications"},
        }
    )
    write_csv(tmp_path / "extract.csv", HEADER, ROWS)
    result = load_source(source, "extract.csv", tmp_path)
    assert result.ok and result.table is not None
    assert result.table.equals(expected_table())
    assert result.file == "extract.csv" and result.source == "apps"


def test_results_are_read_only(tmp_path: Path) -> None:
    loads = load_sources(tmp_path, [])
    assert loads.ok and loads.tables() == {}
    with pytest.raises(TypeError):
        loads.results["x"] = None  # type: ignore[index]
