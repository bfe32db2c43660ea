"""docs/charts.md describes what the charts really draw: every colour and every CSS hook."""

from __future__ import annotations

import re
from pathlib import Path

from charterwatch.publish.charts import CATEGORICAL, breakdown_chart, trend_chart
from charterwatch.publish.charts.style import INTERVAL, SERIES, TEXT
from tests.publish.charts.fixtures import row, survey_view, view

DOC = Path(__file__).resolve().parents[3] / "docs" / "charts.md"


def test_doc_names_every_colour_and_class() -> None:
    text = DOC.read_text(encoding="utf-8")
    for colour in (*CATEGORICAL, INTERVAL, SERIES, TEXT):
        assert colour in text, colour
    counts = view([row("2023-24", 5, "count")], unit="count")
    by_group = view([], breakdowns={"g": [row("2023-24", 1, breakdown="g", grp="A")]})
    markup = "".join(
        [
            trend_chart(survey_view()).svg,
            trend_chart(counts).svg,
            breakdown_chart(by_group, "g").svg,
        ]
    )
    for name in sorted(set(re.findall(r'class="([^"]+)"', markup))):
        for part in name.split():
            assert part in text, part
