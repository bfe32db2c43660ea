"""Server-rendered, accessible charts: inline SVG with a text summary and a data table.

:func:`trend_chart` shows a measure's headline figure across the years, :func:`breakdown_chart`
the latest figure by group, :func:`comparison_chart` the organisations against the national
figure (funnel or caterpillar), and :func:`sparkline` a tiny decorative line for summary tiles.
Every chart is plain SVG written by this package (no JavaScript, no fonts or files fetched),
deterministic, and comes with the words and the table that say everything it shows.
See ``docs/charts.md``.
"""

from charterwatch.publish.charts.breakdown import breakdown_chart
from charterwatch.publish.charts.chart import TABLE_KEYS, Chart
from charterwatch.publish.charts.organisations import comparison_chart
from charterwatch.publish.charts.sparkline import sparkline
from charterwatch.publish.charts.style import CATEGORICAL, contrast_ratio
from charterwatch.publish.charts.trend import trend_chart

__all__ = [
    "CATEGORICAL",
    "TABLE_KEYS",
    "Chart",
    "breakdown_chart",
    "comparison_chart",
    "contrast_ratio",
    "sparkline",
    "trend_chart",
]
