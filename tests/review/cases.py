"""Small case lists turned into result rows the way the record-based measure kinds do it.

The rows mirror ``measures/kinds/duration.py`` (median, quartiles, 90th percentile,
within-standard share and 10-day bands of the headline) and ``share_of_records.py`` (a
percentage of records with its base), for a headline and one breakdown into groups.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TypeVar

import numpy as np

from charterwatch.measures.kinds.duration import band_label
from charterwatch.measures.rows import ALL, ResultRow

MEASURE = "M9.01"
PERIOD = "2024-25"
BREAKDOWN = "benefit"
T = TypeVar("T")


def duration_rows(cases: Sequence[tuple[int, str]], standard: int) -> list[ResultRow]:
    """Rows of a duration measure for ``(working days, group)`` cases, as the kind makes them."""
    rows: list[ResultRow] = []
    for breakdown, group, days in _groupings(cases):
        n = len(days)
        for statistic, value in (
            ("value", float(np.median(days))),
            ("p25", float(np.quantile(days, 0.25))),
            ("p75", float(np.quantile(days, 0.75))),
            ("p90", float(np.quantile(days, 0.9))),
        ):
            rows.append(_row(statistic, value, "working_days", breakdown, group, n))
        within = sum(1 for d in days if d <= standard)
        share = _row("within_standard", 100.0 * within / n, "percent", breakdown, group, n)
        share.note = f"within {standard} working_days"
        rows.append(share)
        if breakdown == ALL:
            for label, count in sorted(Counter(band_label(d) for d in days).items()):
                rows.append(_row(f"band:{label}", float(count), "count", ALL, ALL, None))
    return rows


def share_rows(cases: Sequence[tuple[bool, str]]) -> list[ResultRow]:
    """Rows of a share of records for ``(meets the condition, group)`` cases."""
    rows: list[ResultRow] = []
    for breakdown, group, hits in _groupings(cases):
        value = 100.0 * sum(hits) / len(hits)
        rows.append(_row("value", value, "percent", breakdown, group, len(hits)))
    return rows


def duration_truth(cases: Sequence[tuple[int, str]], standard: int) -> dict[str, int]:
    """The true value of every unknown the intruder names, for a duration measure."""
    truth: dict[str, int] = {}
    for breakdown, group, days in _groupings(cases):
        prefix = "" if breakdown == ALL else f"{breakdown}={group}:"
        within = sum(1 for d in days if d <= standard)
        truth[f"{prefix}records"] = len(days)
        truth[f"{prefix}within_standard:numerator"] = within
        truth[f"{prefix}within_standard:complement"] = len(days) - within
        if breakdown == ALL:
            for label, count in Counter(band_label(d) for d in days).items():
                truth[f"band:{label}"] = count
    return truth


def share_truth(cases: Sequence[tuple[bool, str]]) -> dict[str, int]:
    """The true value of every unknown the intruder names, for a share of records."""
    truth: dict[str, int] = {}
    for breakdown, group, hits in _groupings(cases):
        prefix = "" if breakdown == ALL else f"{breakdown}={group}:"
        truth[f"{prefix}records"] = len(hits)
        truth[f"{prefix}value:numerator"] = sum(hits)
        truth[f"{prefix}value:complement"] = len(hits) - sum(hits)
    return truth


def _groupings(cases: Sequence[tuple[T, str]]) -> list[tuple[str, str, list[T]]]:
    out: list[tuple[str, str, list[T]]] = []
    if cases:
        out.append((ALL, ALL, [value for value, _ in cases]))
    for group in sorted({g for _, g in cases}):
        out.append((BREAKDOWN, group, [value for value, g in cases if g == group]))
    return out


def _row(
    statistic: str, value: float, unit: str, breakdown: str, group: str, base: int | None
) -> ResultRow:
    return ResultRow(
        measure=MEASURE,
        period=PERIOD,
        statistic=statistic,
        value=value,
        unit=unit,
        breakdown=breakdown,
        group=group,
        base=base,
    )
