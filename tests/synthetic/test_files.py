"""The generated files: every record synthetic, columns and values as the sources declare,
dates in order, and the tests' copy of the example small enough."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from charterwatch.sources.shapes import resolve_schema
from charterwatch.synthetic.writer import IGNORE_FILE
from tests.synthetic.conftest import Generated

ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def test_every_source_with_a_table_has_a_file(generated: Generated) -> None:
    written = {f.source for f in generated.report.files}
    tables = {
        s.id
        for s in generated.framework.sources.values()
        if s.kind.value not in ("published_figures", "narrative_evidence")
    }
    assert written == tables
    assert generated.report.skipped_sources == []


def test_every_record_is_labelled_synthetic(generated: Generated) -> None:
    for f in generated.report.files:
        frame = generated.data.frame(f.source)
        assert frame.columns[-1] == "synthetic", f.source
        assert set(frame["synthetic"]) == {"true"}, f.source
        assert len(frame) == f.rows


def test_columns_and_values_follow_the_schemas(generated: Generated) -> None:
    for f in generated.report.files:
        source = generated.framework.sources[f.source]
        schema = resolve_schema(source.schema_)
        frame = generated.data.frame(f.source)
        for field in schema.fields:
            if field.required:
                assert field.name in frame.columns, f"{f.source}.{field.name}"
            if field.name not in frame.columns:
                continue
            values = frame[field.name]
            filled = values[values != ""]
            if field.required:
                assert len(filled) == len(values), f"{f.source}.{field.name} has empty cells"
            if field.enum:
                assert set(filled) <= set(field.enum), f"{f.source}.{field.name}"
            if field.type == "date":
                assert filled.map(lambda v: bool(ISO.match(v))).all(), f"{f.source}.{field.name}"
            if field.type == "boolean":
                assert set(filled) <= {"true", "false"}, f"{f.source}.{field.name}"
            if field.type == "integer":
                assert filled.str.fullmatch(r"-?\d+").all(), f"{f.source}.{field.name}"
            if field.unique:
                assert values.is_unique, f"{f.source}.{field.name}"
        if schema.primary_key:
            assert not frame.duplicated(schema.primary_key).any(), f.source
        for earlier, later in schema.date_order:
            both = frame[(frame[earlier] != "") & (frame[later] != "")]
            assert (both[earlier] <= both[later]).all(), f"{f.source}: {earlier} > {later}"


def test_no_record_is_dated_after_the_last_year(generated: Generated) -> None:
    for f in generated.report.files:
        frame = generated.data.frame(f.source)
        for column in frame.columns:
            if column.endswith("date") or column == "date":
                assert (frame[column][frame[column] != ""] <= "2025-03-31").all(), column


def test_no_applications_before_a_benefit_opened(generated: Generated) -> None:
    apps = generated.data.frame("applications")
    for benefit, opened in generated.recipe.benefits.items():
        received = apps[apps["benefit"] == benefit]["received_date"]
        assert (received >= opened.isoformat()).all(), benefit


def test_no_calls_while_lines_were_closed(generated: Generated) -> None:
    calls = generated.data.frame("calls")
    assert not calls["date"].between("2020-03-24", "2020-07-03").any()
    assert calls["date"].min() >= "2019-04-01"


def test_undecided_cases_have_no_outcome(generated: Generated) -> None:
    apps = generated.data.frame("applications")
    open_ = apps[apps["decided_date"] == ""]
    assert len(open_) > 0
    assert (open_["outcome"] == "").all()
    assert (apps[apps["decided_date"] != ""]["outcome"] != "").all()


def test_survey_routing_follows_the_measures(generated: Generated) -> None:
    survey = generated.data.frame("client_survey")
    year = survey[survey["year"] == "2021-22"]
    contact = set(
        year[(year["question"] == "staff_contact") & (year["answer"] == "yes")]["respondent_id"]
    )
    asked = set(year[year["question"] == "kindness"]["respondent_id"])
    assert asked == contact
    assert year[year["question"] == "had_consultation"].empty


def test_staff_are_a_year_end_snapshot(generated: Generated) -> None:
    staff = generated.data.frame("staff")
    assert set(staff["snapshot_date"].str[5:]) == {"03-31"}
    assert staff.groupby("snapshot_date").size().tolist() == [50, 63, 131, 195, 205, 215]


def test_the_tests_example_stays_small(generated: Generated) -> None:
    """A twentieth of the real scale: fewer rows than the sample the example used to be."""
    assert 100_000 < generated.report.rows < 420_000


def test_the_data_folder_is_kept_out_of_git(generated: Generated) -> None:
    assert (generated.report.out / IGNORE_FILE).read_text(encoding="utf-8").splitlines()[-1] == "*"


def test_the_summary_names_files_and_figures(generated: Generated) -> None:
    text = generated.report.summary()
    assert "client_survey.csv" in text
    assert f"{len(generated.report.published_targets())} published figures" in text


@pytest.mark.parametrize("source", ["applications", "redeterminations", "appeals", "complaints"])
def test_case_files_have_equality_or_benefit_columns(generated: Generated, source: str) -> None:
    frame: pd.DataFrame = generated.data.frame(source)
    assert "benefit" in frame.columns
    assert frame["benefit"].nunique() >= 5
