"""The generator meets deadline compliance targets on plain records: two measures on one source
with different filters and different deadline rules (working days and calendar days), each
exact to the whole percent in every year, as the real pipeline computes it from the files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from charterwatch.measures.rows import ALL
from charterwatch.pipeline import Pipeline
from charterwatch.synthetic import GenerationReport, generate_example
from tests.measures.amounts import PROJECT, framework, measure
from tests.measures.fixtures import CHARTER
from tests.organisations.fixtures import organisations_yaml

SOURCES = """\
sources:
  - id: repairs
    name: Complaints about repairs
    owner: T
    kind: case_records
    path: data/repairs.csv
    organisation_column: landlord_id
    schema:
      shape: records
      fields:
        - {name: complaint_id, type: string, unique: true}
        - {name: landlord_id, type: string}
        - {name: stage, type: string, enum: ["1", "2"]}
        - {name: received_date, type: date}
        - {name: answered_date, type: date}
      primary_key: [complaint_id]
"""

DEADLINES = """\
deadlines:
  description: Answer times.
  rules:
    - {process: first, group: "*", length: 10, unit: working_days, effective_from: 2015-04-01,
       source: "https://example.org/code"}
    - {process: review, group: "*", length: 28, unit: calendar_days, effective_from: 2015-04-01,
       source: "https://example.org/code"}
"""

PARAMS = "{{process: {p}, start: received_date, end: answered_date, filter: {{stage: ['{s}']}}}}"
MEASURES = {
    "FIRST": measure(
        "FIRST",
        "First answers in time",
        "deadline_compliance",
        "percent",
        PARAMS.format(p="first", s="1"),
        polarity="higher_is_better",
    ),
    "REVIEW": measure(
        "REVIEW",
        "Reviews in time",
        "deadline_compliance",
        "percent",
        PARAMS.format(p="review", s="2"),
        polarity="higher_is_better",
    ),
}

RECIPE = """\
synthetic:
  seed: 11
  first_year: 2021-22
  last_year: 2023-24
  anchors:
    FIRST: {2021-22: 84, 2023-24: 90}
    REVIEW: 71
  records:
    repairs:
      volumes: {2021-22: 700, 2022-23: 760, 2023-24: 800}
      values: {stage: {"1": 3, "2": 1}}
"""

YEARS = ["2021-22", "2022-23", "2023-24"]


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, GenerationReport]:
    root = tmp_path_factory.mktemp("deadlines")
    files = {
        "charterwatch.yaml": PROJECT,
        "charter.yaml": CHARTER,
        "framework.yaml": framework(MEASURES),
        "sources.yaml": SOURCES,
        "deadlines.yaml": DEADLINES,
        "organisations.yaml": organisations_yaml(6),
        "synthetic.yaml": RECIPE,
    }
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return root, generate_example(root)


def test_both_measures_meet_their_targets_in_every_year(
    made: tuple[Path, GenerationReport],
) -> None:
    root, report = made
    pipeline = Pipeline.open(root)
    computed = pipeline.compute()
    assert not [i for i in computed.issues if i.level.value == "error"], computed.issues
    figures = {
        (f.measure, f.period.label): f.value
        for f in pipeline.store.query(statistic="value")
        if f.breakdown == ALL and f.group == ALL
    }
    targets = {(t.key, t.year): t for t in report.targets if t.key in MEASURES}
    assert len(targets) == len(MEASURES) * len(YEARS)
    assert targets[("FIRST", "2021-22")].value == 84
    assert targets[("FIRST", "2023-24")].value == 90
    assert targets[("REVIEW", "2021-22")].value == 71
    assert targets[("REVIEW", "2022-23")].origin == "anchor"  # walked from the anchor
    for key, target in sorted(targets.items()):
        assert figures[key] == pytest.approx(target.value), (key, figures[key], target)
    assert not [n for n in report.notes if n.split(" ")[0] in MEASURES], report.notes


def test_late_ones_are_a_few_days_late_and_on_time_ones_spread(
    made: tuple[Path, GenerationReport],
) -> None:
    rows = pd.read_csv(made[0] / "data" / "repairs.csv")
    a = pd.to_datetime(rows["received_date"]).to_numpy().astype("datetime64[D]")
    b = pd.to_datetime(rows["answered_date"]).to_numpy().astype("datetime64[D]")
    assert (b > a).all()
    first = rows["stage"].astype(str).eq("1").to_numpy()
    working = np.busday_count(a[first] + 1, b[first] + 1)
    assert working.max() <= 10 + 5  # late by at most five working days
    assert len(set(working[working <= 10].tolist())) >= 5  # spread within the limit
    assert (working > 10).any()
    calendar = (b[~first] - a[~first]).astype(np.int64)
    assert calendar.max() <= 28 + 5
    assert len(set(calendar[calendar <= 28].tolist())) >= 10
    assert (calendar > 28).any()
