"""The measured fixture with two published-figure measures: a percentage entered to two
decimals (12.25), broken down by benefit (two figures for the same year told apart only by
their breakdown), and a count of 7, to check published figures are shown as entered."""

from __future__ import annotations

from pathlib import Path

from tests.measures.fixtures import measure, write_measured_framework

PUBLISHED = """\
published_figures:
  - {id: pf-all, measure: PUB, title: Share taking it up, year: 2022-23, value: 12.25,
     unit: percent, source_title: Take-up release, source_url: "https://example.org/take-up"}
  - {id: pf-adp, measure: PUB, title: Share taking it up, year: 2022-23, value: 30.5,
     unit: percent, breakdown: {benefit: ADP}, source_title: Take-up release,
     source_url: "https://example.org/take-up"}
  - {id: pf-scp, measure: PUB, title: Share taking it up, year: 2022-23, value: 41.75,
     unit: percent, breakdown: {benefit: SCP}, source_title: Take-up release,
     source_url: "https://example.org/take-up"}
  - {id: pf-count, measure: PUBN, title: Offices open, year: 2022-23, value: 7, unit: count,
     source_title: Estates report, source_url: "https://example.org/estates"}
"""

MEASURES = measure("PUB", "published_figure", "percent", "{}", "figures") + measure(
    "PUBN", "published_figure", "count", "{}", "figures"
)

SOURCE = """\
  - {id: figures, name: Published figures, owner: T, kind: published_figures}
"""


def write_published_framework(root: Path) -> Path:
    write_measured_framework(root)
    framework = root / "framework.yaml"
    framework.write_text(framework.read_text("utf-8") + MEASURES, encoding="utf-8")
    sources = root / "sources.yaml"
    sources.write_text(sources.read_text("utf-8") + SOURCE, encoding="utf-8")
    (root / "published.yaml").write_text(PUBLISHED, encoding="utf-8")
    return root
