"""The example at real scale: its bases match the published ones, and smaller sizes stay usable.

Generating the whole example at its real scale (size 1, the default: 6.6 million rows) takes
about a minute of CPU time, too long for the test suite. These tests read the generator's
plan instead (:func:`charterwatch.synthetic.plan_example`: the counts each generator will
make, from the same functions, without making them), and check on the tests' smaller files
that the plan is what the generators make. ``bench/example_scale.py`` generates the real
scale and checks the same bases in the files.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from charterwatch.cli import app
from charterwatch.model.framework import PublishedFigure
from charterwatch.synthetic import VolumePlan, plan_example
from charterwatch.synthetic.applications import make_applications
from charterwatch.synthetic.dates import DayMaker
from charterwatch.synthetic.draws import SMALLEST_SCALED
from charterwatch.synthetic.generate import GenerationError, load_recipe_framework
from charterwatch.synthetic.recipe import ApplicationSettings, DurationSettings
from tests.conftest import EXAMPLE_SIZE
from tests.synthetic.conftest import EXAMPLE, Generated

WITHIN = 0.05
"""Example bases are within 5% of the published bases."""


@pytest.fixture(scope="module")
def real() -> VolumePlan:
    return plan_example(EXAMPLE)


def _published_counts(generated: Generated) -> list[PublishedFigure]:
    return [
        f
        for f in generated.framework.published_figures.values()
        if f.unit.value == "count" and len(f.year) == 7 and f.year[4] == "-"
    ]


def _survey_respondents(generated: Generated) -> list[PublishedFigure]:
    """The published Client Survey respondent counts (one per survey year that has one)."""
    return [f for f in _published_counts(generated) if f.title.startswith("Client Survey respon")]


def test_real_scale_is_the_default(real: VolumePlan) -> None:
    assert real.size == 1
    assert real.count("client_survey") > 100_000
    assert real.count("applications") > 1_000_000
    assert real.count("calls") > 1_000_000


def test_survey_bases_are_within_5_percent_of_the_published_ones(
    real: VolumePlan, generated: Generated
) -> None:
    figures = _survey_respondents(generated)
    assert {f.year for f in figures} == {"2021-22", "2022-23"}
    for figure in figures:
        planned = real.count("client_survey", figure.year)
        assert abs(planned - figure.value) <= WITHIN * figure.value, (figure.id, planned)


def test_case_counts_are_within_5_percent_of_the_published_ones(
    real: VolumePlan, generated: Generated
) -> None:
    checked = 0
    years = {v.year for v in real.volumes}
    for figure in _published_counts(generated):
        source = {"redet": "redeterminations", "appeals": "appeals"}.get(figure.id.split("-")[0])
        if source is None or figure.year not in years:  # 2018-19 is before the first year
            continue
        benefit = figure.breakdown.get("benefit")
        planned = real.count(source, figure.year, benefit)
        assert abs(planned - figure.value) <= WITHIN * figure.value, (figure.id, planned)
        checked += 1
    assert checked == 10


def test_every_year_and_group_keeps_records_at_a_tiny_size(real: VolumePlan) -> None:
    tiny = plan_example(EXAMPLE, size=0.001)
    for volume in real.volumes:
        made = tiny.count(volume.source, volume.year, volume.group)
        assert made >= min(volume.count, SMALLEST_SCALED), volume
        assert made <= max(volume.count * 0.001 + 1, SMALLEST_SCALED), volume


def test_a_size_must_be_above_zero() -> None:
    with pytest.raises(GenerationError, match="above zero"):
        plan_example(EXAMPLE, size=0)


def test_the_plan_is_what_the_generator_made(generated: Generated) -> None:
    plan = plan_example(EXAMPLE, size=EXAMPLE_SIZE)
    data = generated.data
    survey = data.frame("client_survey")
    made = survey.groupby("year")["respondent_id"].nunique().to_dict()
    assert made == {v.year: v.count for v in plan.volumes if v.source == "client_survey"}
    apps = data.frame("applications")
    decided = apps[apps["decided_date"] != ""]
    years = decided["decided_date"].map(_financial_year)
    made_apps = decided.groupby([years, decided["benefit"]]).size().to_dict()
    planned_apps = {
        (v.year, v.group): v.count
        for v in plan.volumes
        if v.source == "applications" and v.group != "open"
    }
    assert made_apps == planned_apps
    assert (apps["decided_date"] == "").sum() == plan.count("applications", group="open")
    for source, date in (("redeterminations", "request_date"), ("appeals", "lodged_date")):
        frame = data.frame(source)
        made_cases = frame.groupby([frame[date].map(_financial_year), frame["benefit"]]).size()
        planned = {(v.year, v.group): v.count for v in plan.volumes if v.source == source}
        assert made_cases.to_dict() == planned, source
    for f in generated.report.files:
        if f.source in ("client_survey", "staff_survey", "partner_survey"):
            continue
        assert f.rows == plan.count(f.source), f.source


def test_no_application_is_received_before_the_earliest_plausible_date() -> None:
    """A benefit open long before the charter's first year, with slow decisions early in
    the first year: receipts are worked back no further than the source's earliest date."""
    settings = ApplicationSettings(
        decisions={"SLOW": {"2019-20": 2000}},
        durations={"SLOW": DurationSettings(median=120, spread=0.8)},
        outcomes={"default": {"approved": 1}},
        channels={"online": 1},
    )
    framework, recipe = load_recipe_framework(EXAMPLE)
    recipe = recipe.model_copy(update={"benefits": {"SLOW": dt.date(2015, 1, 5)}})
    notes: list[str] = []
    earliest = dt.date(2019, 1, 1)
    frame = make_applications(
        settings, [], recipe, ["2019-20"], 1.0, DayMaker(framework.calendar), notes, earliest
    )
    received = pd.to_datetime(frame["received_date"])
    assert received.min() >= pd.Timestamp(earliest)
    assert received.min() < pd.Timestamp("2019-03-01"), "the cap should bind"
    without = make_applications(
        settings, [], recipe, ["2019-20"], 1.0, DayMaker(framework.calendar), notes
    )
    assert pd.to_datetime(without["received_date"]).min() < pd.Timestamp(earliest)


def _financial_year(day: str) -> str:
    date = dt.date.fromisoformat(day)
    start = date.year if date.month >= 4 else date.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def test_the_command_line_prints_the_plan_and_writes_nothing(tmp_path: Path) -> None:
    root = tmp_path / "scotland"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("data", ".charterwatch"))
    result = CliRunner().invoke(app, ["example-data", str(root), "--plan", "--size", "0.5"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "Planned records at size 0.5:" in text
    assert "client_survey (respondents): 2019-20 2,000" in text
    assert "2022-23 17,000" in text
    assert not (root / "data").exists()
