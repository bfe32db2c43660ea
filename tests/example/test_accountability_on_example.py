"""Issue acceptance for accountability on the example: every shortfall has a response that is
shown, overdue actions are flagged on the site and by `status`, and a partially accepted
recommendation with two linked actions reaches the site and the downloads."""

from __future__ import annotations

import csv

from typer.testing import CliRunner

from charterwatch.accountability import find_shortfalls
from charterwatch.cli import app
from tests.conftest import RELEASE_DAY, Example


def test_every_shortfall_has_an_action_or_explanation_in_every_year(example: Example) -> None:
    fw = example.pipeline.framework
    seen = 0
    for year in example.computed.years:
        for s in find_shortfalls(fw, example.pipeline.store, year):
            assert s.answered, (year, s.measure.id, s.reasons)
            seen += 1
    assert seen >= 5, "the example should have real shortfalls to answer"


def test_shortfall_measure_pages_show_their_actions(example: Example) -> None:
    out = example.site.out
    latest = example.computed.years[-1]
    for s in find_shortfalls(example.pipeline.framework, example.pipeline.store, latest):
        html = (out / f"measures/{s.measure.id}/index.html").read_text("utf-8")
        assert "What we are doing about it" in html
        assert any(a.title in html for a in s.actions) or any(
            e.text in html for e in s.explanations
        )
        assert "No improvement action or explanation has been recorded yet" not in html


def test_overdue_action_is_flagged_on_the_site_and_by_status(example: Example) -> None:
    fw = example.pipeline.framework
    overdue = [a for a in fw.actions.values() if a.overdue(RELEASE_DAY)]
    assert [a.id for a in overdue] == ["A-2023-04"]
    plan = (example.site.out / "improvement-plan/index.html").read_text("utf-8")
    row = plan[plan.index('id="A-2023-04"') :]
    row = row[: row.index("</tr>")]
    assert "Overdue" in row
    rows = [plan.index(f'id="{a.id}"') for a in fw.actions.values()]
    assert plan.index('id="A-2023-04"') == min(rows), "overdue actions come first in the plan"
    result = CliRunner().invoke(app, ["status", str(example.root), "--on", RELEASE_DAY.isoformat()])
    assert "OVERDUE" in result.output and "A-2023-04" in result.output
    assert result.exit_code == 1  # an overdue action is a problem to act on


def test_partially_accepted_recommendation_with_two_actions_is_published(example: Example) -> None:
    fw = example.pipeline.framework
    partial = [r for r in fw.recommendations.values() if r.response == "partially_accepted"]
    assert len(partial) == 1 and len(partial[0].actions) == 2
    rec = partial[0]
    page = (example.site.out / "recommendations/index.html").read_text("utf-8")
    section = page[page.index(f'id="{rec.id}"') :]
    section = section[: section.index("</section>")]
    assert "Partly accepted" in section
    for action_id in rec.actions:
        assert action_id in section and fw.actions[action_id].title in section
    with open(example.site.out / "downloads/data/recommendations.csv", encoding="utf-8") as f:
        rows = {r["id"]: r for r in csv.DictReader(f)}
    assert rows[rec.id]["response"] == "partially_accepted"
    assert all(a in rows[rec.id]["actions"] for a in rec.actions)
