"""The draft annual report (section 20) on a copy of the example: banner, every Charter section,
what was done, protected-characteristic tables as published, equality data, recommendations."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from charterwatch.dates.periods import FinancialYear
from charterwatch.pipeline import Pipeline
from charterwatch.publish.annual_report import _comparison, draft_annual_report
from charterwatch.publish.i18n import Catalogue
from charterwatch.publish.responses import Responses, build_responses
from charterwatch.publish.view import Publication, build_publication
from charterwatch.results.figure import Figure
from tests.conftest import Example
from tests.measures.fixtures import write_measured_framework

AS_OF = dt.date(2025, 11, 30)
t = Catalogue()


@dataclass
class Drafted:
    pipeline: Pipeline
    publication: Publication
    responses: Responses
    text: str


@pytest.fixture(scope="module")
def drafted(example: Example) -> Drafted:
    """The draft of the session's copy of the example, generated and computed once
    (tests/conftest.py)."""
    pipeline = example.pipeline
    pub = build_publication(pipeline.framework, pipeline.store)
    responses = build_responses(pub, pipeline.store, AS_OF)
    return Drafted(pipeline, pub, responses, draft_annual_report(pub, pipeline.store, responses))


def section_text(text: str, heading: str) -> str:
    """The text under a ``## heading`` up to the next level-2 heading."""
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def test_title_banner_and_synthetic_notice(drafted: Drafted) -> None:
    text = drafted.text
    assert text.startswith(
        f"# Scottish Social Security Charter: annual report for {drafted.publication.year}"
    )
    assert "**DRAFT — for editors to finish.**" in text
    assert drafted.publication.synthetic and "**Synthetic data.**" in text
    assert "section 20 of the Social Security (Scotland) Act 2018" in text


def test_every_charter_section_has_what_was_done_and_headline_figures(drafted: Drafted) -> None:
    for section in drafted.publication.sections:
        part = section_text(drafted.text, section.charter_section.title)
        assert "### What was done" in part and "### Headline figures" in part
        for view in section.measures:
            assert f"| {view.id} {view.measure.title} |" in part


def test_actions_of_the_year_with_effect_movement_and_overdue_mark(drafted: Drafted) -> None:
    part = section_text(drafted.text, "A people's service")
    assert "**A-2023-04 Decision letters that explain the reasons first**" in part
    line = part[part.index("**A-2023-04") :].split("\n")[0]
    assert "in progress, overdue" in line and "due 2025-09-30" in line
    assert "Effect: More applicants said they were kept updated" in part  # A-2023-03, done
    assert "What happened to the figures: Applicants given clear reasons" in part
    assert "A-2022-04" not in drafted.text.split("## Recommendations")[0]  # dropped
    assert "A-2025-02" not in part  # planned, not done or in progress in the year
    assert "**You said:** Decision letters did not explain clearly" in part  # dated 2024-11-29


def test_headline_figures_carry_base_interval_and_status(drafted: Drafted) -> None:
    view = drafted.publication.measures["M1.01"]
    row = next(line for line in drafted.text.splitlines() if line.startswith("| M1.01 "))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[1:4] == [view.headline_text, view.base_text, view.interval_text]
    assert cells[4] == "About the same"


def table_under(text: str, heading: str) -> list[list[str]]:
    """The body rows of the first table after ``### heading``."""
    lines = text[text.index(f"### {heading}\n") :].split("\n")[2:]
    block = []
    for line in lines:
        if not line.startswith("|"):
            break
        block.append([c.strip() for c in line.strip("|").split("|")])
    return block[2:]


def test_protected_characteristic_tables_for_m1_01(drafted: Drafted) -> None:
    text = section_text(drafted.text, "Effect on people with protected characteristics")
    store_rows = drafted.pipeline.store.query(
        measure="M1.01", period=drafted.publication.year, statistic="value"
    )
    for field, words in (("age_group", "age group"), ("disability", "disability")):
        rows = table_under(text, f"M1.01 Clients treated with kindness, by {words}")
        stored = sorted((r for r in store_rows if r.breakdown == field), key=lambda r: r.group)
        assert [r[0] for r in rows] == [r.group for r in stored]
        for cells, r in zip(rows, stored, strict=True):
            if r.value is None:
                assert cells[1] == "[c]" and cells[3] == "–", cells
            else:
                assert cells[1] == f"{r.value:g}%"
    assert "by benefit" not in text, "benefit is not a protected characteristic"
    assert re.search(r"The highest published figure is \d+% \([^)]+\) and the lowest", text)
    assert "confidence intervals overlap" in text or "do not overlap" in text
    assert "No measure is broken down by sex, ethnic group" in text


def test_no_raw_suppressed_value(drafted: Drafted) -> None:
    text = section_text(drafted.text, "Effect on people with protected characteristics")
    suppressed = [
        r
        for r in drafted.pipeline.store.query(period=drafted.publication.year, statistic="value")
        if r.symbol == "[c]" and r.breakdown in ("age_group", "disability")
    ]
    assert suppressed, "the example withholds small groups"
    for r in suppressed:
        assert r.value is None
        assert f"| {r.group} | [c] |" in text
    withheld = {r.group for r in suppressed if r.measure == "M1.01"}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if line.startswith("|") and cells[0] in withheld:
            assert "%" not in "".join(cells[1:]), line


def test_equality_data_and_recommendations(drafted: Drafted) -> None:
    data = section_text(drafted.text, "Equality data used")
    survey = drafted.pipeline.framework.sources["client_survey"].name
    assert f"| {survey} | age group and disability | M1.01 |" in data
    recs = section_text(drafted.text, "Recommendations and responses")
    for r in drafted.responses.recommendations:
        assert f"### {r.id}:" in recs
    partial = recs[recs.index("### SCOSS-2025-02") :].split("### ")[1]
    assert "Partly accepted" in partial and "**Reason:**" in partial
    assert "A-2025-01 Record communication needs" in partial and "A-2025-02 Training" in partial


def test_the_draft_repeats_exactly(drafted: Drafted) -> None:
    again = draft_annual_report(drafted.publication, drafted.pipeline.store, drafted.responses)
    assert again == drafted.text


def test_without_equality_breakdowns_the_data_do_not_allow_it(tmp_path: Path) -> None:
    pipeline = Pipeline.open(write_measured_framework(tmp_path))
    pipeline.compute()
    pub = build_publication(pipeline.framework, pipeline.store)
    responses = build_responses(pub, pipeline.store, dt.date(2023, 3, 31))
    text = draft_annual_report(pub, pipeline.store, responses)
    assert "so the data do not allow an assessment" in text
    assert "No improvement action linked to this section" in text
    assert "No recommendation from a scrutiny body has been recorded." in text
    assert ("**Synthetic data.**" in text) == pub.synthetic


def group(name: str, value: float | None, low: float | None, high: float | None) -> Figure:
    return Figure(
        measure="M1",
        period=FinancialYear(2023),
        statistic="value",
        value=value,
        unit="percent",
        breakdown="age_group",
        group=name,
        symbol="[c]" if value is None else "",
        ci_low=low,
        ci_high=high,
        base=100,
    )


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([group("a", 90, 85, 94), group("b", None, None, None)], "fewer than two groups"),
        ([group("a", 90, 85, 94), group("b", 80, 75, 86)], "intervals overlap"),
        ([group("a", 95, 93, 97), group("b", 80, 75, 84)], "do not overlap"),
        ([group("a", 95, None, None), group("b", 80, None, None)], "has not been tested"),
        ([group("a", 90, 85, 94), group("b", 90, 85, 94)], "the same figure, 90%"),
    ],
)
def test_highest_and_lowest_only_where_two_groups_are_published(
    rows: list[Figure], expected: str
) -> None:
    assert expected in _comparison(t, rows, "age group")
