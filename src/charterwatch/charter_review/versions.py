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

from collections import defaultdict
from dataclasses import dataclass, field

from charterwatch.charter_review.similarity import similarities
from charterwatch.model.framework import CharterVersion, Framework, FrameworkVersion


def newer_charter(fw: Framework, year: str) -> CharterVersion | None:
    """The latest charter version that took effect after the framework's own charter and by
    the end of financial year ``year`` (None when the framework's charter was in force for
    the whole year): the pages of that year name it, and what changed."""
    from charterwatch.dates.periods import FinancialYear

    measured = fw.charters.get(fw.framework.spec.charter)
    if measured is None:
        return None
    end = FinancialYear.parse(year).end
    later = [
        c
        for c in fw.charters.values()
        if measured.spec.effective_from < c.spec.effective_from <= end
    ]
    return max(later, key=lambda c: c.spec.effective_from) if later else None


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
    _, _, mapping = _mapping(fw, old, new)
    moved = []
    for m in framework.measures.values():
        after: list[str] = []
        lost = []
        for cid in m.commitments:
            targets = mapping.get(cid)
            if not targets:
                lost.append(cid)
            for t in targets or []:
                if t not in after:
                    after.append(t)
        moved.append(MovedMeasure(m.id, m.title, list(m.commitments), after, lost))
    return Move(framework.id, old, new, moved)


@dataclass(frozen=True)
class FrameworkChange:
    """A measure added, redefined (a break in its series) or retired, in a year."""

    year: str
    measure: str
    title: str
    kind: str
    """``added``, ``redefined`` or ``retired``."""
    detail: str


def framework_changes(fw: Framework, up_to: str | None = None) -> list[FrameworkChange]:
    """How the framework's measures changed, year by year, up to ``up_to``: measures first
    reported after the framework began (``first_year``), breaks in series (``breaks``: a
    measure redefined, its figures before and after not comparable) and retirements
    (``retired_from``)."""
    version = fw.framework
    began = version.spec.first_year
    out = []
    for m in version.measures.values():
        if m.first_year and m.first_year > began:
            out.append(FrameworkChange(m.first_year, m.id, m.title, "added", ""))
        for b in m.breaks:
            out.append(FrameworkChange(b.year, m.id, m.title, "redefined", b.reason))
        if m.retired_from:
            out.append(FrameworkChange(m.retired_from, m.id, m.title, "retired", m.notes or ""))
    kept = [c for c in out if up_to is None or c.year <= up_to]
    order = {"added": 0, "redefined": 1, "retired": 2}
    return sorted(kept, key=lambda c: (c.year, order[c.kind], c.measure))
