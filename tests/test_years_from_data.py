"""The years to compute come from the sources' declared date fields, never from built-in column
names; and ``compute --measure`` reads only the sources that measure uses."""

from __future__ import annotations

from pathlib import Path

import pytest

from charterwatch.pipeline import Pipeline, PipelineError
from tests.measures.fixtures import measure, write_measured_framework

CASES_SOURCE = """\
  - {id: cases, name: Closed cases, owner: T, kind: case_records, path: data/cases.csv,
     schema: {shape: records, fields: [{name: case_id, type: string, unique: true},
                                       {name: closed_on, type: date}]}}
"""

CASES = """\
case_id,closed_on
K1,2021-06-01
K2,2022-06-01
K3,2023-06-01
K4,2024-06-01
K5,2024-09-30
"""


def framework_with_closed_cases(root: Path) -> Path:
    """The measured framework plus a source dated only by ``closed_on`` (up to 2024-25, later
    than every other source) and a measure counting its records."""
    write_measured_framework(root)
    framework = root / "framework.yaml"
    framework.write_text(
        framework.read_text("utf-8")
        + measure("CLOSED", "count", "count", "{date: closed_on}", "cases"),
        "utf-8",
    )
    sources = root / "sources.yaml"
    sources.write_text(sources.read_text("utf-8") + CASES_SOURCE, "utf-8")
    (root / "data" / "cases.csv").write_text(CASES, "utf-8")
    return root


def test_a_date_column_with_any_name_decides_the_last_year(tmp_path: Path) -> None:
    root = framework_with_closed_cases(tmp_path)
    report = Pipeline.open(root).compute()
    assert report.years[-1] == "2024-25", report.years
    closed = {
        r.period.label: r.symbol
        for r in report.rows
        if r.measure == "CLOSED" and r.statistic == "value" and r.breakdown == "all"
    }
    assert "2024-25" in closed and closed["2024-25"] != "[x]", closed  # counted, not "no data"


def test_without_the_closed_cases_the_years_end_earlier(tmp_path: Path) -> None:
    root = write_measured_framework(tmp_path)
    assert Pipeline.open(root).compute().years[-1] == "2022-23"


def test_one_measure_reads_only_its_own_sources(tmp_path: Path) -> None:
    root = framework_with_closed_cases(tmp_path)
    calls = root / "data" / "calls.csv"
    calls.write_text(calls.read_text("utf-8").replace("C2,2022-05-02", "C2,2022-13-02"), "utf-8")
    pipeline = Pipeline.open(root)
    with pytest.raises(PipelineError) as raised:
        pipeline.compute()
    assert any(i.code == "CW-S034" for i in raised.value.issues)
    report = pipeline.compute(measure_ids=["CLOSED"])  # calls.csv is never read
    assert {r.measure for r in report.rows} == {"CLOSED"}
    assert pipeline.sources_for(pipeline.measures(["CLOSED"])) == {"cases"}
    assert pipeline.sources_for(pipeline.measures(["WAIT", "LATE"])) == {
        "calls",
        "redeterminations",
    }


def test_a_declared_last_year_caps_the_years_from_the_data(tmp_path: Path) -> None:
    """Records ending after the framework's ``last_year`` (a case closed the next April)
    make no extra, nearly empty year; and a full compute replaces each measure's yearly
    series whole, so the year computed before the cap does not linger in the store."""
    root = framework_with_closed_cases(tmp_path)
    assert Pipeline.open(root).compute().years[-1] == "2024-25"
    framework = next(root.rglob("framework.yaml"), None) or next(root.glob("framework*/*.yaml"))
    text = framework.read_text("utf-8")
    assert "first_year: 2021-22" in text, text[:400]
    framework.write_text(
        text.replace("first_year: 2021-22", "first_year: 2021-22\n  last_year: 2023-24"), "utf-8"
    )
    pipeline = Pipeline.open(root)
    assert pipeline.compute().years[-1] == "2023-24"
    stored = {f.label for f in pipeline.store.query()}
    assert "2024-25" not in stored and "2023-24" in stored, stored
