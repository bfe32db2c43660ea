"""Disclosure control applied to computed rows before they are stored and published.

Rules (thresholds from :class:`charterwatch.stats.settings.DisclosureSettings`):

- a percentage with a base is published through :func:`protect_proportion`: suppressed
  (``[c]``) below the minimum base, in words below the words threshold, else rounded, with its
  base rounded; its interval is rounded the same way;
- counts that belong together (the groups of one breakdown with the headline as total, or the
  10-day bands of a duration with its base as total) are protected as one table, with
  secondary suppression so no suppressed cell can be worked out from the total, then rounded;
- a median, mean or other value resting on fewer cases than the minimum count is suppressed.

Every suppression is returned with its reason for the store's audit table. Raw estimates kept
for the tests of change are removed from suppressed rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from charterwatch.measures.rows import ALL, ResultRow
from charterwatch.stats.disclosure import protect_row
from charterwatch.stats.percentages import protect_proportion
from charterwatch.stats.rounding import round_half_up
from charterwatch.stats.settings import DisclosureSettings

Suppressed = tuple[ResultRow, str]
SAFE_NOTE = "suppressed to protect confidentiality"
"""The published note of a suppressed count; the audit reason (with the raw count) is not."""
COUNT_UNITS = {"count", "people"}


def protect_rows(rows: Sequence[ResultRow], settings: DisclosureSettings) -> list[Suppressed]:
    """Apply disclosure control to ``rows`` in place; return each suppression and its reason."""
    suppressed: list[Suppressed] = []
    _protect_count_tables(rows, settings, suppressed)
    for row in rows:
        if row.value is None or row.symbol or _published(row):
            continue  # published figures are public already and keep their published form
        if row.unit == "percent" and row.base is not None and row.effective_base is None:
            _protect_record_share(row, settings, suppressed)
        elif row.unit == "percent" and row.base is not None:
            _protect_percent(row, settings, suppressed)
        elif row.unit not in COUNT_UNITS | {"evidence"} and row.base is not None:
            if row.base < settings.min_count:
                _suppress(row, f"suppressed: based on fewer than {settings.min_count} cases")
                suppressed.append((row, f"primary: value based on {row.base} cases"))
            elif row.base is not None:
                row.base = round_half_up(row.base, settings.round_counts_to)
                row.value = round(row.value, 1)
    return suppressed


def _published(row: ResultRow) -> bool:
    """Rows entered from a publication: already public, so kept exactly as published."""
    return bool(row.provenance.get("published_figure"))


def _suppress(row: ResultRow, note: str) -> None:
    row.value = None
    row.ci_low = row.ci_high = None
    row.symbol = "[c]"
    row.note = note
    row.status_inputs = {
        "comparison": row.status_inputs.get("comparison", ""),
        "status": "not comparable",
        "reason": "The figure is withheld to protect confidentiality, so it is not compared.",
    }
    row.base = None
    row.effective_base = None


def _protect_record_share(
    row: ResultRow, settings: DisclosureSettings, suppressed: list[Suppressed]
) -> None:
    """A percentage of administrative records: suppressed when fewer than ``min_count``."""
    assert row.value is not None and row.base is not None
    if row.base < settings.min_count:
        raw = row.base
        _suppress(row, SAFE_NOTE)
        suppressed.append((row, f"primary: share of {raw} records, below {settings.min_count}"))
        return
    row.value = round(row.value, settings.percent_decimals)
    if settings.percent_decimals == 0:
        row.value = float(round_half_up(row.value))
    row.base = round_half_up(row.base, settings.round_counts_to)


def _protect_percent(
    row: ResultRow, settings: DisclosureSettings, suppressed: list[Suppressed]
) -> None:
    assert row.value is not None and row.base is not None
    published = protect_proportion(min(max(row.value / 100.0, 0.0), 1.0), row.base, settings)
    if published.percent is None:
        raw_base = row.base
        _suppress(row, published.reason)
        row.symbol = published.text if published.symbol else ""
        if published.in_words:
            row.note = published.text
        row.base = published.base
        suppressed.append((row, f"{published.reason} (base {raw_base})"))
        return
    row.value = published.percent
    row.base = published.base
    if row.ci_low is not None and row.ci_high is not None:
        row.ci_low = float(round_half_up(row.ci_low))
        row.ci_high = float(round_half_up(row.ci_high))
    row.effective_base = None if row.effective_base is None else round(row.effective_base, 1)


def _protect_count_tables(
    rows: Sequence[ResultRow], settings: DisclosureSettings, suppressed: list[Suppressed]
) -> None:
    """Group count rows into one-way tables with a total, and protect each table."""
    headline = {
        (r.measure, r.period, r.statistic): r
        for r in rows
        if r.breakdown == ALL
        and r.unit in COUNT_UNITS
        and r.value is not None
        and not _published(r)
    }
    tables: dict[tuple[str, str, str, str], list[ResultRow]] = defaultdict(list)
    for r in rows:
        if r.unit not in COUNT_UNITS or r.value is None or r.symbol or _published(r):
            continue
        if r.breakdown != ALL:
            tables[(r.measure, r.period, r.breakdown, r.statistic)].append(r)
        elif r.statistic.startswith(("band:", "age:")):
            tables[(r.measure, r.period, "bands", "value")].append(r)
    done: set[int] = set()
    for (measure, period, breakdown, statistic), cells in sorted(tables.items()):
        if breakdown == "bands":
            total = sum(int(c.value or 0) for c in cells)
        else:
            head = headline.get((measure, period, statistic))
            if head is None:
                continue
            total = int(head.value or 0)
            if sum(int(c.value or 0) for c in cells) != total:
                continue  # groups overlap or are partial: protect cell by cell below
        labels = [c.group if breakdown != "bands" else c.statistic for c in cells]
        table = protect_row([int(c.value or 0) for c in cells], total, settings, labels=labels)
        for i, cell in enumerate(cells):
            done.add(id(cell))
            published = table.cells[0][i]
            if isinstance(published, int):
                cell.value = float(published)
                cell.base = None if cell.base is None else round_half_up(cell.base, 5)
        for s in table.suppressions:
            if s.col is None:
                continue
            cell = cells[s.col]
            _suppress(cell, SAFE_NOTE)
            suppressed.append((cell, s.reason))
    for r in rows:
        if (
            r.unit in COUNT_UNITS
            and r.value is not None
            and not r.symbol
            and id(r) not in done
            and not _published(r)
        ):
            raw = int(r.value)
            if 0 < raw < settings.min_count:
                _suppress(r, SAFE_NOTE)
                suppressed.append((r, f"primary: count {raw} below {settings.min_count}"))
            else:
                r.value = float(round_half_up(raw, settings.round_counts_to))
                if r.base is not None:
                    r.base = round_half_up(r.base, settings.round_counts_to)
