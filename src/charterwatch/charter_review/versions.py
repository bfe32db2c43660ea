"""Charter versions through time: what changed between two versions, and moving a
framework's links from one to the next.

The one source of truth is the later version's ``mapping:`` (each commitment of the
previous version -> the commitments it became; ``[]`` when dropped). From it:

- **removed**: mapped to nothing;
- **split**: one old commitment became several;
- **merged**: several old commitments became one;
- **reworded**: one became one, and the text changed (how alike the two texts still are is
  given, :mod:`.similarity`); **unchanged** when the text is the same;
- **added**: a new commitment nothing was mapped to;
- **not mapped**: an old commitment the mapping does not mention (``validate`` warns,
  ``CW-W003``): reported, never guessed.

Moving a framework maps every measure's ``commitments`` through the same table. A measure
whose commitments were all dropped (or not mapped) is left without a commitment: every one
is listed, none is dropped silently.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import pairwise

from charterwatch.charter_review.similarity import similarities
from charterwatch.model.charter_mapping import carry
from charterwatch.model.framework import CharterVersion, Framework, FrameworkVersion
from charterwatch.model.in_force import version_in_force


def newer_charter(fw: Framework, year: str) -> CharterVersion | None:
    """The latest charter version that took effect after the charter ``year`` is reported
    against and by the end of financial year ``year`` (None when that charter was in force
    for the whole year): the pages of that year name it, and what changed."""
    from charterwatch.dates.periods import FinancialYear

    measured = fw.charters.get(version_in_force(fw, year).spec.charter)
    if measured is None:
        return None
    end = FinancialYear.parse(year).end
    later = [
        c
        for c in fw.charters.values()
        if measured.spec.effective_from < c.spec.effective_from <= end
    ]
    return max(later, key=lambda c: c.spec.effective_from) if later else None


@dataclass(frozen=True)
class CharterChange:
    """A change of charter a year's pages mark: either the year is the first reported
    against a newer charter (``adopted``), or a newer charter took effect during the year
    while its figures are still reported against the old one."""

    old: CharterVersion
    new: CharterVersion
    adopted: bool


def charter_change(fw: Framework, year: str) -> CharterChange | None:
    """The charter change ``year``'s pages and downloads mark, if any (the one rule the
    site's notice, its "What changed in the charter" page and the spreadsheets' cover use)."""
    from charterwatch.dates.periods import FinancialYear

    measured = fw.charters.get(version_in_force(fw, year).spec.charter)
    if measured is None:
        return None
    newer = newer_charter(fw, year)
    if newer is not None:
        return CharterChange(measured, newer, adopted=False)
    before = FinancialYear.parse(year).previous().label
    if before < min(v.spec.first_year for v in fw.frameworks.values()):
        return None
    previous = fw.charters.get(version_in_force(fw, before).spec.charter)
    if previous is None or previous.id == measured.id:
        return None
    return CharterChange(previous, measured, adopted=True)


class VersionError(ValueError):
    """The two versions cannot be compared (unknown id, no mapping between them)."""


@dataclass
class CharterDiff:
    old: str
    new: str
    removed: list[str] = field(default_factory=list)
    split: list[tuple[str, list[str]]] = field(default_factory=list)
    merged: list[tuple[list[str], str]] = field(default_factory=list)
    reworded: list[tuple[str, str, float]] = field(default_factory=list)
    renumbered: list[tuple[str, str]] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    not_mapped: list[str] = field(default_factory=list)


def _mapping(
    fw: Framework, old: str, new: str
) -> tuple[CharterVersion, CharterVersion, dict[str, list[str]]]:
    for version in (old, new):
        if version not in fw.charters:
            raise VersionError(
                f"no charter version '{version}'; the folder has {', '.join(sorted(fw.charters))}"
            )
    later = fw.charters[new]
    mapping = later.spec.mapping
    if mapping is None or mapping.previous != old:
        raise VersionError(
            f"charter '{new}' has no mapping from '{old}'; add 'mapping: previous: \"{old}\"' "
            f"with each of its commitments and the ones it became"
        )
    return fw.charters[old], later, dict(mapping.commitments)


def diff_charters(fw: Framework, old: str, new: str) -> CharterDiff:
    """What changed from charter ``old`` to charter ``new`` (by ``new``'s mapping)."""
    before, after, mapping = _mapping(fw, old, new)
    out = CharterDiff(old, new)
    into: dict[str, list[str]] = defaultdict(list)
    for source, targets in mapping.items():
        for target in targets:
            into[target].append(source)
    for cid in before.commitments:
        if cid not in mapping:
            out.not_mapped.append(cid)
            continue
        targets = mapping[cid]
        if not targets:
            out.removed.append(cid)
        elif len(targets) > 1:
            out.split.append((cid, targets))
    for target, sources in into.items():
        if len(sources) > 1:
            out.merged.append((sources, target))
    one_to_one = [(s, t[0]) for s, t in mapping.items() if len(t) == 1 and len(into[t[0]]) == 1]
    texts = {
        f"old:{s}": before.commitments[s].text for s, _ in one_to_one if s in before.commitments
    }
    texts |= {
        f"new:{t}": after.commitments[t].text for _, t in one_to_one if t in after.commitments
    }
    alike = similarities(texts)
    for source, target in one_to_one:
        if source not in before.commitments or target not in after.commitments:
            continue
        if before.commitments[source].text.strip() == after.commitments[target].text.strip():
            if source == target:
                out.unchanged.append(source)
            else:
                out.renumbered.append((source, target))
        else:
            pair = (f"old:{source}", f"new:{target}")
            score = alike.get(pair, alike.get((pair[1], pair[0]), 0.0))
            out.reworded.append((source, target, score))
    out.added = [cid for cid in after.commitments if cid not in into]
    return out


@dataclass
class MovedMeasure:
    id: str
    title: str
    before: list[str]
    after: list[str]
    lost: list[str]
    """Old commitments that were dropped or not mapped."""


@dataclass
class Move:
    framework: str
    old: str
    new: str
    measures: list[MovedMeasure]

    @property
    def unlinked(self) -> list[MovedMeasure]:
        """Measures left without any commitment of the new charter (every one reported)."""
        return [m for m in self.measures if m.before and not m.after]

    @property
    def changed(self) -> list[MovedMeasure]:
        return [m for m in self.measures if m.before != m.after]


def move_framework(fw: Framework, new: str, version: FrameworkVersion | None = None) -> Move:
    """Each measure of ``version`` (default: the project's) with its commitments mapped from
    its charter to charter ``new``."""
    framework = version or fw.framework
    old = framework.spec.charter
    _mapping(fw, old, new)
    moved = []
    for m in framework.measures.values():
        carried = carry(fw.charters, m.commitments, old, new)
        moved.append(MovedMeasure(m.id, m.title, list(m.commitments), carried.ids, carried.lost))
    return Move(framework.id, old, new, moved)


@dataclass(frozen=True)
class FrameworkChange:
    """A measure added, redefined (a break in its series) or retired, in a year."""

    year: str
    measure: str
    title: str
    kind: str
    """``added``, ``redefined``, ``retired`` or ``version`` (a new framework version)."""
    detail: str
    """The reason for a break or a retirement; for a new version, the charter it measures."""


def framework_changes(fw: Framework, up_to: str | None = None) -> list[FrameworkChange]:
    """How the framework changed, year by year, up to ``up_to`` (the one list the years page
    and the ``framework-changes.csv`` download show): measures first reported after the
    framework began (``first_year``), breaks in series (``breaks``: a measure redefined, its
    figures before and after not comparable), retirements (``retired_from``), and each year
    first reported against another framework version (``version``), with the measures that
    version adds or no longer has."""
    version = fw.framework
    began = min(v.spec.first_year for v in fw.frameworks.values())
    out = []
    for m in version.measures.values():
        if m.first_year and m.first_year > began:
            out.append(FrameworkChange(m.first_year, m.id, m.title, "added", ""))
        for b in m.breaks:
            out.append(FrameworkChange(b.year, m.id, m.title, "redefined", b.reason))
        if m.retired_from:
            out.append(FrameworkChange(m.retired_from, m.id, m.title, "retired", m.notes or ""))
    out += _version_changes(fw, up_to)
    kept = [c for c in out if up_to is None or c.year <= up_to]
    order = {"version": 0, "added": 1, "redefined": 2, "retired": 3}
    return sorted(kept, key=lambda c: (c.year, order[c.kind], c.measure))


def _version_changes(fw: Framework, up_to: str | None) -> list[FrameworkChange]:
    """Each year reported against a different framework version from the year before."""
    from charterwatch.dates.periods import FinancialYear

    first = min(v.spec.first_year for v in fw.frameworks.values())
    last = up_to or max(v.spec.first_year for v in fw.frameworks.values())
    if last <= first:
        return []
    out = []
    years = [y.label for y in FinancialYear.range(first, last)]
    for before, year in pairwise(years):
        old, new = version_in_force(fw, before), version_in_force(fw, year)
        if old.id == new.id:
            continue
        charter = fw.charters.get(new.spec.charter)
        named = charter.name if charter else new.spec.charter
        out.append(FrameworkChange(year, "", f"{new.spec.title} ({new.id})", "version", named))
        for mid in new.measures.keys() - old.measures.keys():
            out.append(FrameworkChange(year, mid, new.measures[mid].title, "added", ""))
        for mid in old.measures.keys() - new.measures.keys():
            out.append(FrameworkChange(year, mid, old.measures[mid].title, "retired", ""))
    return out


def kept_framework_text(fw: Framework, move: Move) -> str:
    """The YAML of a framework version that keeps ``move``'s measures under its new charter
    (``measures_from:``): what ``charterwatch charter move --write`` saves. It takes effect
    with the charter and reports from the financial year the charter took effect in."""
    from charterwatch.dates.periods import FinancialYear

    base = fw.frameworks[move.framework]
    charter = fw.charters[move.new]
    start = charter.spec.effective_from
    return (
        f"# The framework as it reports against {charter.name}: the\n"
        f"# measures of framework {base.id}, each linked to the new commitments through the\n"
        f"# charter's mapping. Written by 'charterwatch charter move --write'.\n\n"
        "framework:\n"
        f'  id: "{move.new}"\n'
        f"  title: {json.dumps(base.spec.title)}\n"
        f'  charter: "{move.new}"\n'
        f"  effective_from: {start.isoformat()}\n"
        f"  first_year: {FinancialYear.of(start).label}\n"
        f'  measures_from: "{base.id}"\n'
    )
