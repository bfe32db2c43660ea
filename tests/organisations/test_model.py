"""organisations.yaml, organisation columns and per-organisation measures at validate."""

from __future__ import annotations

from pathlib import Path

from charterwatch.inputs import load_framework_sources
from charterwatch.model.issues import Issue
from charterwatch.model.loader import load_framework
from tests.organisations.fixtures import (
    FRAMEWORK,
    SOURCES,
    organisations_yaml,
    repairs_csv,
    write_framework,
)


def errors(root: Path) -> list[Issue]:
    return [i for i in load_framework(root).issues if i.level.value == "error"]


def test_the_organisations_load_in_order_with_their_words(tmp_path: Path) -> None:
    result = load_framework(write_framework(tmp_path))
    assert result.issues.ok, list(result.issues)
    fw = result.framework
    assert fw is not None
    orgs = fw.organisations
    assert len(orgs) == 12 and [o.id for o in orgs][:2] == ["L001", "L002"]
    assert (orgs.noun, orgs.noun_plural) == ("landlord", "landlords")
    first = orgs.get("L001")
    assert first is not None and first.peer_group == "small rural"
    assert first.origin.file == "organisations.yaml" and first.origin.line == 5
    assert orgs.peer_groups()["L003"] == "large urban"


def test_the_plural_defaults_to_the_noun_and_an_s(tmp_path: Path) -> None:
    text = organisations_yaml().replace("  noun_plural: landlords\n", "")
    fw = load_framework(write_framework(tmp_path, {"organisations.yaml": text})).framework
    assert fw is not None and fw.organisations.noun_plural == "landlords"


def test_invalid_duplicate_organisation_id_is_located(tmp_path: Path) -> None:
    text = organisations_yaml().replace("id: L002", "id: L001")
    found = errors(write_framework(tmp_path, {"organisations.yaml": text}))
    assert [i.code for i in found] == ["CW-M001"]
    assert found[0].file == "organisations.yaml" and found[0].line == 11
    assert "L001" in found[0].message and "organisations.yaml:5" in found[0].message


def test_invalid_misspelt_organisation_field_is_named_with_its_line(tmp_path: Path) -> None:
    text = organisations_yaml().replace("peer_group: mid-sized", "peer_grup: mid-sized", 1)
    found = errors(write_framework(tmp_path, {"organisations.yaml": text}))
    assert found and found[0].file == "organisations.yaml"
    assert "peer_grup" in str(found[0]) and found[0].line is not None


def test_invalid_organisation_column_without_organisations(tmp_path: Path) -> None:
    found = errors(write_framework(tmp_path, {"organisations.yaml": None}))
    codes = sorted(i.code for i in found)
    assert codes == ["CW-G002", "CW-G002"], found  # the repairs and the returns
    repairs = next(i for i in found if "repairs" in i.message)
    assert repairs.file == "sources.yaml" and repairs.line == 7


def test_invalid_by_organisation_on_a_source_without_an_organisation_column(
    tmp_path: Path,
) -> None:
    sources = SOURCES.replace("    organisation_column: landlord_id\n", "")
    found = errors(write_framework(tmp_path, {"sources.yaml": sources}))
    assert [i.code for i in found] == ["CW-G003"]
    assert found[0].file == "framework.yaml" and found[0].line == 27
    assert "repairs" in found[0].message and "organisation_column" in (found[0].fix or "")


def test_invalid_unknown_organisation_in_the_data_is_located(tmp_path: Path) -> None:
    data = repairs_csv().replace(",L007,", ",L999,", 1)
    root = write_framework(tmp_path, {"data/repairs.csv": data})
    fw = load_framework(root).framework
    assert fw is not None
    loaded = load_framework_sources(fw)
    found = [i for i in loaded.issues if i.column == "landlord_id"]
    assert found, list(loaded.issues)
    problem = found[0]
    assert problem.file == "data/repairs.csv" and problem.row is not None
    assert "L999" in problem.message and "L007" in (problem.expected or "")
    assert "repairs" not in loaded.tables and "repairs" not in loaded.engine_tables


def test_a_framework_without_organisations_is_unchanged(tmp_path: Path) -> None:
    framework = FRAMEWORK.replace("                  by_organisation: true\n", "")
    sources = SOURCES.replace("    organisation_column: landlord_id\n", "").replace(
        "{shape: organisation_returns}", "{shape: records}"
    )
    root = write_framework(
        tmp_path,
        {"organisations.yaml": None, "framework.yaml": framework, "sources.yaml": sources},
    )
    result = load_framework(root)
    assert result.framework is not None and not result.framework.organisations
    assert not [i for i in result.issues if i.code.startswith("CW-G")]
