"""Dates within reason: one window per source, open-ended markers, and no phantom release.

The window is decided in one place (:func:`charterwatch.sources.window.window_for`): the
calendar's years, and inside them the plausible dates from the charter's first year to the
year after the release year, changed per source with ``dates:``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from charterwatch.cli import app
from charterwatch.model.files import SourceSchemaFile
from charterwatch.model.loader import load_framework
from charterwatch.pipeline import Pipeline, PipelineError
from charterwatch.sources import read_table
from charterwatch.sources.fast import per_cell_only
from charterwatch.sources.shapes import resolve_schema
from charterwatch.sources.window import DateWindow, window_for
from tests.measures.fixtures import write_measured_framework
from tests.sources.fixtures import HEADER, ROWS, write_csv

D = dt.date
OPEN = resolve_schema(SourceSchemaFile(shape="applications", open_ended=["decided_date"]))
WINDOW = DateWindow(D(2015, 1, 1), D(2035, 12, 31), D(2019, 1, 1), D(2026, 12, 31), "test")


def _framework(tmp_path: Path, project_extra: str = "", source_extra: str = "") -> Path:
    root = write_measured_framework(tmp_path)
    if project_extra:
        project = root / "charterwatch.yaml"
        project.write_text(project.read_text("utf-8") + project_extra, "utf-8")
    if source_extra:
        sources = root / "sources.yaml"
        text = sources.read_text("utf-8")
        marker = "path: data/applications.csv}"
        assert marker in text
        sources.write_text(text.replace(marker, marker[:-1] + ", " + source_extra + "}"), "utf-8")
    return root


def test_the_default_window_runs_from_the_charter_to_the_year_after_the_release(
    tmp_path: Path,
) -> None:
    fw = load_framework(_framework(tmp_path, "  release_date: 2025-11-25\n")).framework
    assert fw is not None
    window = window_for(fw, fw.sources["applications"])
    assert (window.earliest, window.latest) == (D(2019, 1, 1), D(2026, 12, 31))
    assert (window.first, window.last) == (D(2015, 1, 1), D(2035, 12, 31))
    assert "2019" in window.why and "2025, project.release_date" in window.why


def test_without_a_release_date_the_release_year_is_this_year(tmp_path: Path) -> None:
    fw = load_framework(_framework(tmp_path)).framework
    assert fw is not None
    window = window_for(fw, today=D(2030, 6, 1))
    assert window.latest == D(2031, 12, 31)
    assert "this year" in window.why


def test_a_source_sets_its_own_plausible_dates(tmp_path: Path) -> None:
    root = _framework(tmp_path, source_extra="dates: {earliest: 2017-04-01, latest: 2023-03-31}")
    fw = load_framework(root).framework
    assert fw is not None
    window = window_for(fw, fw.sources["applications"])
    assert (window.lowest, window.highest) == (D(2017, 4, 1), D(2023, 3, 31))
    assert window_for(fw, fw.sources["survey"]).earliest == D(2019, 1, 1)


def test_source_dates_in_the_wrong_order_are_a_located_error(tmp_path: Path) -> None:
    root = _framework(tmp_path, source_extra="dates: {earliest: 2024-01-01, latest: 2023-01-01}")
    issues = load_framework(root).issues.errors
    [issue] = [i for i in issues if i.code == "CW-F005"]
    assert issue.file == "sources.yaml" and issue.line is not None
    assert issue.found is not None and "before earliest" in str(issue.expected)


@pytest.mark.parametrize("per_cell", [False, True], ids=["fast", "per-cell"])
@pytest.mark.parametrize("marker", ["9999-12-31", "2999-12-31", "2099-12-31 00:00:00"])
def test_an_open_ended_marker_reads_as_not_yet(tmp_path: Path, per_cell: bool, marker: str) -> None:
    rows = [list(r) for r in ROWS]
    rows[0][HEADER.index("decided_date")] = marker
    rows[0][HEADER.index("outcome")] = None
    path = write_csv(tmp_path / "applications.csv", HEADER, rows)
    if per_cell:
        with per_cell_only():
            result = read_table(path, OPEN, root=tmp_path, dates=WINDOW)
    else:
        result = read_table(path, OPEN, root=tmp_path, dates=WINDOW)
    assert result.ok, [i.render() for i in result.issues]
    assert result.table is not None
    decided = result.table.column("decided_date")
    assert decided.type == pa.date32()
    assert decided.to_pylist()[0] is None
    assert decided.to_pylist()[1] == D(2023, 4, 5)


def test_without_a_window_dates_are_read_as_written(tmp_path: Path) -> None:
    rows = [list(r) for r in ROWS]
    rows[0][HEADER.index("decided_date")] = "9999-12-31"
    path = write_csv(tmp_path / "applications.csv", HEADER, rows)
    result = read_table(path, OPEN, root=tmp_path)
    assert result.ok and result.table is not None
    assert result.table.column("decided_date").to_pylist()[0] == D(9999, 12, 31)


def test_a_financial_year_inside_the_window_loads() -> None:
    assert WINDOW.year_problem("2018-19") is None  # January to March 2019 are inside
    assert WINDOW.year_problem("2026-27") is None
    assert WINDOW.year_problem("2017-18") is not None
    assert WINDOW.year_problem("2027-28") is not None


def _decided(root: Path, decided: str) -> None:
    applications = root / "data" / "applications.csv"
    text = applications.read_text("utf-8")
    old = "A3,SCP,2022-06-01,2022-06-08"
    assert old in text
    applications.write_text(text.replace(old, f"A3,SCP,2022-06-01,{decided}"), "utf-8")


def test_one_record_dated_2031_cannot_make_a_2031_32_release(tmp_path: Path) -> None:
    root = _framework(tmp_path, "  release_date: 2025-11-25\n")
    _decided(root, "2031-06-08")
    with pytest.raises(PipelineError) as raised:
        Pipeline.open(root).load_sources()
    [issue] = [i for i in raised.value.issues if i.code == "CW-S043"]
    assert issue.file == "data/applications.csv"
    assert (issue.row, issue.column) == (4, "decided_date")
    assert (
        issue.message == "2031-06-08 is after the latest plausible date for this source, 2026-12-31"
    )
    assert issue.expected is not None and "2019-01-01 and 2026-12-31" in issue.expected
    assert issue.fix is not None and "dates:" in issue.fix
    result = CliRunner().invoke(app, ["compute", str(root)], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    assert "CW-S043" in result.output and "2031-32" not in result.output
    assert "This is a bug" not in result.output


def test_a_survey_year_of_2031_32_is_refused_too(tmp_path: Path) -> None:
    root = _framework(tmp_path, "  release_date: 2025-11-25\n")
    survey = root / "data" / "survey.csv"
    lines = survey.read_text("utf-8").splitlines()
    lines[1] = lines[1].replace("2021-22", "2031-32", 1)
    survey.write_text("\n".join(lines) + "\n", "utf-8")
    with pytest.raises(PipelineError) as raised:
        Pipeline.open(root).load_sources()
    [issue] = [i for i in raised.value.issues if i.code == "CW-S043"]
    assert (issue.file, issue.row, issue.column) == ("data/survey.csv", 2, "year")


def test_a_nines_date_is_refused_unless_the_schema_allows_it(tmp_path: Path) -> None:
    root = _framework(tmp_path)
    _decided(root, "9999-12-31")
    with pytest.raises(PipelineError) as raised:
        Pipeline.open(root).load_sources()
    [issue] = [i for i in raised.value.issues if i.code == "CW-S044"]
    assert (issue.row, issue.column) == (4, "decided_date")
    allowed = write_measured_framework(tmp_path / "open")
    sources = allowed / "sources.yaml"
    text = sources.read_text("utf-8")
    old = "schema: {shape: applications, fields:"
    assert old in text
    new = "schema: {shape: applications, open_ended: [decided_date], fields:"
    sources.write_text(text.replace(old, new), "utf-8")
    _decided(allowed, "9999-12-31")
    data = Pipeline.open(allowed).load_sources()
    assert data.issues.ok, [i.render() for i in data.issues]
    assert data.tables["applications"].column("decided_date").null_count == 2
