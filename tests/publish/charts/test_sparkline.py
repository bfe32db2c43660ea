"""The sparkline: decorative, hidden from screen readers, and honest about gaps and breaks."""

from __future__ import annotations

from charterwatch.publish.charts import sparkline
from tests.publish.charts.fixtures import row, survey_view, view
from tests.publish.charts.svgcheck import NS, parse, path_points


def test_hidden_decorative_svg() -> None:
    markup = sparkline(survey_view())
    root = parse(markup)
    assert root.get("aria-hidden") == "true"
    assert root.get("focusable") == "false"
    assert root.find(f"{NS}title") is None
    assert "role=" not in markup


def test_not_joined_across_gap_or_break() -> None:
    root = parse(sparkline(survey_view()))
    paths = [path_points(p.get("d", "")) for p in root.iter(f"{NS}path")]
    # 2019-20 and 2021-22 stand alone (gap, then break); 2022-23 to 2023-24 is one line
    assert [len(p) for p in paths] == [2]


def test_empty_without_figures_and_deterministic() -> None:
    assert sparkline(view([])) == ""
    assert sparkline(view([row("2023-24", None, symbol="[c]")])) == ""
    assert sparkline(survey_view()) == sparkline(survey_view())
