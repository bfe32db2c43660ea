"""Secondary suppression across breakdowns that nest: organisations inside peer groups.

:mod:`charterwatch.results.protect` protects each breakdown as a one-way table with the
headline as its total. Organisation figures sit in two such tables at once (the national
figure, and their peer group's figure), and peer groups sit in the national table too. An
intruder who knows all three can difference: a peer group's base minus the published bases
of its other organisations gives the withheld one. So, after the one-way protection, every
table of a nested breakdown (the headline and the groups of the child or parent breakdown;
a parent group and the groups nested in it) is closed to a fixed point: while subtraction
would give something away (a withheld total its published cells add up to, a lone withheld
cell, or withheld cells whose sum rests on a small base, numerator or complement), the
smallest published cell that makes the withheld sum safe is withheld too. A figure
withheld this way is withheld with every other statistic of its group, as the first was.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from charterwatch.measures.rows import ALL, ResultRow
from charterwatch.model.framework import Organisations
from charterwatch.model.organisations import ORGANISATION, PEER_GROUP
from charterwatch.stats.settings import DisclosureSettings

RawCounts = Mapping[int, tuple[int, int | None]]
"""Each row's raw count (base, or value for a count) and numerator, by ``id(row)``, read
before rounding."""
SuppressFn = Callable[[ResultRow, str], None]
"""Withholds a row and records why (the caller's audit)."""


@dataclass(frozen=True)
class Nesting:
    """The groups of breakdown ``child`` sit inside the groups of breakdown ``parent``;
    ``parent_of`` gives each child group's parent group."""

    child: str
    parent: str
    parent_of: Mapping[str, str]


def organisation_nestings(organisations: Organisations) -> list[Nesting]:
    """Organisations nest in their peer groups (none without organisations)."""
    if not organisations:
        return []
    return [Nesting(ORGANISATION, PEER_GROUP, organisations.peer_groups())]


def close_nested_tables(
    rows: Sequence[ResultRow],
    raw: RawCounts,
    nestings: Sequence[Nesting],
    settings: DisclosureSettings,
    suppress: SuppressFn,
) -> None:
    """Withhold more figures until no table of ``rows`` gives a withheld figure away.

    ``suppress(row, reason)`` withholds a row and records why (the caller's audit)."""
    figures: dict[tuple[str, str], list[ResultRow]] = defaultdict(list)
    for row in rows:
        if row.statistic == "value" and id(row) in raw:
            figures[(row.measure, row.period)].append(row)
    siblings: dict[tuple[str, str, str, str], list[ResultRow]] = defaultdict(list)
    for row in rows:
        siblings[(row.measure, row.period, row.breakdown, row.group)].append(row)
    for found in figures.values():
        tables = _tables(found, raw, nestings)
        changed = True
        while changed:
            changed = False
            for total, cells in tables:
                if not _exposed(total, cells, raw, settings):
                    continue
                partner = _partner(cells, raw, settings)
                if partner is None:
                    continue
                key = (partner.measure, partner.period, partner.breakdown, partner.group)
                for row in siblings[key]:
                    if row.value is not None:
                        suppress(row, f"nested: partner of a withheld figure ({total.group})")
                changed = True


def _tables(
    found: list[ResultRow], raw: RawCounts, nestings: Sequence[Nesting]
) -> list[tuple[ResultRow, list[ResultRow]]]:
    """(total, cells) of each one-way table among one measure's figures of one period."""
    by_breakdown: dict[str, list[ResultRow]] = defaultdict(list)
    for row in found:
        by_breakdown[row.breakdown].append(row)
    heads = by_breakdown.get(ALL, [])
    tables: list[tuple[ResultRow, list[ResultRow]]] = []
    nested = {name for n in nestings for name in (n.child, n.parent)}
    if heads:
        head = heads[0]
        for breakdown, cells in sorted(by_breakdown.items()):
            if breakdown not in nested:
                continue  # other breakdowns: the one-way protection of protect.py alone
            if sum(raw[id(c)][0] for c in cells) == raw[id(head)][0]:
                tables.append((head, cells))
    for nesting in nestings:
        parents = {r.group: r for r in by_breakdown.get(nesting.parent, [])}
        inside: dict[str, list[ResultRow]] = defaultdict(list)
        for row in by_breakdown.get(nesting.child, []):
            parent = nesting.parent_of.get(row.group)
            if parent is not None:
                inside[parent].append(row)
        for group, cells in sorted(inside.items()):
            total = parents.get(group)
            if total is not None and sum(raw[id(c)][0] for c in cells) == raw[id(total)][0]:
                tables.append((total, cells))
    return tables


def _exposed(
    total: ResultRow, cells: list[ResultRow], raw: RawCounts, settings: DisclosureSettings
) -> bool:
    """Whether subtraction gives something away: a withheld total that its published cells
    add up to, one withheld cell alone, or withheld cells whose sum is small."""
    hidden = [c for c in cells if c.value is None]
    if total.value is None:
        return not hidden
    return len(hidden) == 1 or _small_sum(hidden, raw, settings)


def _small_sum(cells: list[ResultRow], raw: RawCounts, settings: DisclosureSettings) -> bool:
    """Whether the cells together rest on a small base, numerator or complement."""
    if not cells:
        return False
    base = sum(raw[id(c)][0] for c in cells)
    counts = [base]
    numerators = [raw[id(c)][1] for c in cells]
    if all(n is not None for n in numerators):
        hits = sum(int(n or 0) for n in numerators)
        counts += [hits, base - hits]
    return any(0 < c < settings.min_count for c in counts)


def _partner(
    cells: list[ResultRow], raw: RawCounts, settings: DisclosureSettings
) -> ResultRow | None:
    """The published cell to withhold beside the withheld ones: the smallest that makes
    the withheld sum safe, else the smallest whose own counts are not small, else the
    smallest."""
    published = sorted(
        (c for c in cells if c.value is not None), key=lambda c: (raw[id(c)][0], c.group)
    )
    hidden = [c for c in cells if c.value is None]
    for candidate in published:
        if not _small_sum([*hidden, candidate], raw, settings):
            return candidate
    for candidate in published:
        if not _small_sum([candidate], raw, settings):
            return candidate
    return published[0] if published else None
