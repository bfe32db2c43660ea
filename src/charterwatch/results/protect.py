"""Disclosure control applied to computed rows before they are assessed, stored and published.

Rules (thresholds from :class:`charterwatch.stats.settings.DisclosureSettings`), documented in
``docs/methods-statistics.md``:

- **counts that belong together** (the groups of one breakdown with the headline as total, or
  the 10-day bands of a duration with their total) are protected as one table, with secondary
  suppression so no suppressed cell can be worked out from the total, then rounded;
- **a percentage** is withheld (``[c]``) when its base, its numerator or its complement (base
  minus numerator) is from 1 to ``min_count - 1``; a survey percentage also below
  ``min_base`` respondents. Otherwise it is rounded half up in decimal arithmetic;
- **linked figures**: a share worked out from the same records as a band table (the "within
  the standard" share of a duration) is withheld whenever a band of that table is withheld,
  because the two together could pin the withheld band;
- a median, mean, sum or other value resting on fewer than ``min_count`` cases is withheld,
  and so is a rate (per 100, per 1,000) whose count of events is from 1 to ``min_count - 1``;
  a ratio of two sums in percent is such a value (its numerator is an amount, not a count
  of records, so it is not protected as a share of records); values are rounded as they
  are published in their unit (:func:`charterwatch.units.published_value`: money to the
  penny, others to one decimal place), and so are their intervals;
- exact bases are never published: bases are rounded, effective bases are not published.

Every suppression is returned with its reason for the store's audit table (the reasons quote
raw counts and are never published).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from charterwatch.measures.rows import ALL, ResultRow
from charterwatch.results.nested import Nesting, RawCounts, close_nested_tables
from charterwatch.stats.disclosure import protect_row
from charterwatch.stats.percentages import protect_proportion
from charterwatch.stats.rounding import (
    round_decimals,
    round_half_up,
    round_ratio_percent,
)
from charterwatch.stats.settings import DisclosureSettings
from charterwatch.stats.symbols import Symbol
from charterwatch.units import published_value

Suppressed = tuple[ResultRow, str]
SAFE_NOTE = "suppressed to protect confidentiality"
"""The published note of a suppressed figure; the audit reason (with the raw count) is not."""
COUNT_UNITS = {"count", "people"}
BAND_PREFIXES = ("band:", "age:")


def protect_rows(
    rows: Sequence[ResultRow],
    settings: DisclosureSettings,
    nestings: Sequence[Nesting] = (),
) -> list[Suppressed]:
    """Apply disclosure control to ``rows`` in place; return each suppression and its reason.

    ``nestings`` name breakdowns whose groups sit inside another's (organisations in peer
    groups): their tables are closed too (:mod:`charterwatch.results.nested`)."""
    suppressed: list[Suppressed] = []
    counted = _raw_counts(rows)
    _protect_count_tables(rows, settings, suppressed)
    _protect_group_bases(rows, settings, suppressed)
    for row in rows:
        if row.value is None or row.symbol or _published(row):
            continue  # published figures are public already and keep their published form
        if row.unit == "percent" and row.base is not None and not _is_estimate(row):
            _protect_percent(row, settings, suppressed)
        elif row.unit not in COUNT_UNITS | {"evidence"} and row.base is not None:
            if row.base < settings.min_count:
                raw = row.base
                _suppress(row)
                suppressed.append((row, f"primary: value based on {raw} cases"))
            elif _small(events := _rate_numerator(row), settings):
                _suppress(row)
                suppressed.append((row, f"primary: rate of {events} events (numerator small)"))
            else:
                row.base = round_half_up(row.base, settings.round_counts_to)
                _round_value(row)
        elif row.unit not in COUNT_UNITS | {"evidence"}:
            _round_value(row)
    _protect_linked_shares(rows, suppressed)

    def withhold(row: ResultRow, reason: str) -> None:
        _suppress(row)
        suppressed.append((row, reason))

    close_nested_tables(rows, counted, nestings, settings, withhold)
    for row in rows:
        row.effective_base = None  # kept for the tests of change, never published
    return suppressed


def _is_estimate(row: ResultRow) -> bool:
    """A mean or a ratio of sums (tested on its standard error): a value, even in percent."""
    return row.status_inputs.get("comparison") == "means"


def _rate_numerator(row: ResultRow) -> int:
    """The count of events over the base of a rate (``rate``, ``per_1000``), from the
    unrounded share its kind kept; -1 (never small) for other values."""
    estimate = row.status_inputs.get("estimate")
    if estimate is None or row.base is None or _is_estimate(row):
        return -1
    return round_half_up(max(float(estimate), 0.0) * row.base)


def _round_value(row: ResultRow) -> None:
    """A value and its interval rounded as published in the row's unit."""
    assert row.value is not None
    row.value = published_value(row.value, row.unit)
    if row.ci_low is not None and row.ci_high is not None:
        row.ci_low = published_value(row.ci_low, row.unit)
        row.ci_high = published_value(row.ci_high, row.unit)


def _raw_counts(rows: Sequence[ResultRow]) -> RawCounts:
    """Each computed figure's unrounded count (its base; a count's value) and numerator (of
    a percentage), read before anything is rounded or withheld."""
    raw: dict[int, tuple[int, int | None]] = {}
    for row in rows:
        if row.statistic != "value" or row.value is None or _published(row):
            continue
        if row.unit in COUNT_UNITS:
            raw[id(row)] = (int(row.value), None)
        elif row.base is not None:
            hits = numerator_of(row) if row.unit == "percent" else None
            raw[id(row)] = (int(row.base), hits)
    return raw


def _published(row: ResultRow) -> bool:
    """Rows entered from a publication: already public, so kept exactly as published."""
    return bool(row.provenance.get("published_figure"))


def _suppress(row: ResultRow, note: str = SAFE_NOTE, symbol: str = Symbol.CONFIDENTIAL) -> None:
    row.value = None
    row.ci_low = row.ci_high = None
    row.symbol = str(symbol)
    row.note = note
    row.base = None
    row.effective_base = None


def numerator_of(row: ResultRow) -> int:
    """The (unweighted, for surveys approximate) count behind a percentage row."""
    assert row.value is not None and row.base is not None
    estimate = row.status_inputs.get("estimate")
    share = float(estimate) if estimate is not None else row.value / 100.0
    return round_half_up(min(max(share, 0.0), 1.0) * row.base)


def _small(count: int, settings: DisclosureSettings) -> bool:
    return 0 < count < settings.min_count or (settings.suppress_zeros and count == 0)


def _protect_percent(
    row: ResultRow, settings: DisclosureSettings, suppressed: list[Suppressed]
) -> None:
    """A percentage: withheld when its base, numerator or complement is small."""
    assert row.value is not None and row.base is not None
    raw_base = row.base
    hits = numerator_of(row)
    survey = row.effective_base is not None
    if survey:
        published = protect_proportion(min(max(row.value / 100.0, 0.0), 1.0), raw_base, settings)
        if published.percent is None:
            if published.in_words:
                _suppress(row, published.text, "")
            else:
                _suppress(row, published.reason, published.symbol or Symbol.CONFIDENTIAL)
            suppressed.append((row, f"{published.reason} (base {raw_base})"))
            return
    if raw_base < settings.min_count or _small(hits, settings) or _small(raw_base - hits, settings):
        _suppress(row)
        suppressed.append(
            (row, f"primary: {hits} of {raw_base} (numerator, complement or base small)")
        )
        return
    if survey:
        row.value = round_decimals(row.value, settings.percent_decimals)
        row.base = round_half_up(raw_base, settings.round_bases_to)
    else:  # a share of records: its base is a count of records
        row.value = round_ratio_percent(hits, raw_base, settings.percent_decimals)
        row.base = round_half_up(raw_base, settings.round_counts_to)
    if row.ci_low is not None and row.ci_high is not None:
        row.ci_low = round_decimals(row.ci_low, settings.percent_decimals)
        row.ci_high = round_decimals(row.ci_high, settings.percent_decimals)


def _protect_group_bases(
    rows: Sequence[ResultRow], settings: DisclosureSettings, suppressed: list[Suppressed]
) -> None:
    """The groups of a breakdown of a percentage, median or mean partition the headline's
    cases, so their bases are a one-way table with the headline base as total: a group
    resting on few cases is withheld, and (secondary suppression) so is another group, so
    that the headline base minus the published groups cannot pin the withheld one."""
    headline = {
        (r.measure, r.period): r
        for r in rows
        if r.breakdown == ALL
        and r.statistic == "value"
        and r.base is not None
        and r.unit not in COUNT_UNITS | {"evidence"}
        and not _published(r)
    }
    tables: dict[tuple[str, str, str], list[ResultRow]] = defaultdict(list)
    for r in rows:
        if (
            r.breakdown != ALL
            and r.statistic == "value"
            and r.base is not None
            and r.value is not None
            and r.unit not in COUNT_UNITS | {"evidence"}
            and not _published(r)
        ):
            tables[(r.measure, r.period, r.breakdown)].append(r)
    for (measure, period, breakdown), cells in sorted(tables.items()):
        head = headline.get((measure, period))
        bases = [int(c.base or 0) for c in cells]
        if head is None or head.base is None or sum(bases) != head.base:
            continue  # groups overlap or are partial: each is protected on its own below
        table = protect_row(bases, head.base, settings, labels=[c.group for c in cells])
        for s in table.suppressions:
            if s.col is None:
                continue
            group = cells[s.col].group
            for r in rows:
                same = (r.measure, r.period, r.breakdown, r.group)
                if same == (measure, period, breakdown, group) and r.symbol != "[c]":
                    _suppress(r)
                    suppressed.append((r, f"group base: {s.reason}"))


def _protect_linked_shares(rows: Sequence[ResultRow], suppressed: list[Suppressed]) -> None:
    """Withhold a share worked out from a band table whenever one of its bands is withheld."""
    withheld_bands = {
        (r.measure, r.period)
        for r in rows
        if r.breakdown == ALL and r.statistic.startswith(BAND_PREFIXES) and r.symbol == "[c]"
    }
    for r in rows:
        if (
            (r.measure, r.period) in withheld_bands
            and r.breakdown == ALL
            and r.statistic == "within_standard"
            and r.value is not None
        ):
            _suppress(r)
            suppressed.append((r, "linked: a band of the same records is withheld"))


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
        elif r.statistic.startswith(BAND_PREFIXES):
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
                cell.base = (
                    None
                    if cell.base is None
                    else round_half_up(cell.base, settings.round_counts_to)
                )
        for s in table.suppressions:
            if s.col is None:
                continue
            cell = cells[s.col]
            _suppress(cell)
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
            if _small(raw, settings):
                _suppress(r)
                suppressed.append((r, f"primary: count {raw} below {settings.min_count}"))
            else:
                r.value = float(round_half_up(raw, settings.round_counts_to))
                if r.base is not None:
                    r.base = round_half_up(r.base, settings.round_counts_to)
