"""The one adapter the review tests need: a protected result row as a published cell."""

from __future__ import annotations

from charterwatch.measures.rows import ResultRow
from charterwatch.review.published import PublishedCell


def published_cell(row: ResultRow) -> PublishedCell:
    """What a reader of the downloads would see of ``row`` after disclosure control."""
    if row.value is None:
        text = row.symbol or row.note
    elif float(row.value).is_integer():
        text = str(int(row.value))
    else:
        text = f"{row.value:g}"
    interval = None
    if row.ci_low is not None and row.ci_high is not None:
        interval = (row.ci_low, row.ci_high)
    effective = row.effective_base
    return PublishedCell(
        measure=row.measure,
        period=row.period,
        breakdown=row.breakdown,
        group=row.group,
        statistic=row.statistic,
        unit=row.unit,
        text=text,
        value=row.value,
        base=row.base,
        effective_base=effective,
        interval=interval,
        survey=effective is not None or interval is not None,
        weighted=effective is not None and not float(effective).is_integer(),
        note=row.note,
        source="rows",
    )
