"""The one rule for carrying commitment ids from one charter version to a later one.

A later charter version says, in its ``mapping:``, what each commitment of the version before
it became (``[]`` when dropped). Carrying an id across several versions follows that chain
one step at a time. The loader uses it to link a framework version that keeps an earlier
version's measures (``measures_from:``), :mod:`charterwatch.charter_review.versions` to move
a framework and to put accountability records under the charter in force, so the three can
never disagree about where a commitment went.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from charterwatch.model.framework import CharterVersion


class NoMappingChain(LookupError):
    """No chain of ``mapping:`` entries leads from one charter version to the other."""


def chain(charters: Mapping[str, CharterVersion], old: str, new: str) -> list[CharterVersion]:
    """The charter versions after ``old`` up to ``new``, each mapping from the one before.

    Raises:
        NoMappingChain: ``new`` does not descend from ``old`` through ``mapping.previous``.
    """
    steps: list[CharterVersion] = []
    current = new
    seen: set[str] = set()
    while current != old:
        version = charters.get(current)
        if version is None or version.spec.mapping is None or current in seen:
            raise NoMappingChain(
                f"charter '{new}' does not map back to charter '{old}': give '{new}' (or the "
                f"versions between them) a 'mapping:' whose 'previous:' leads to '{old}'"
            )
        seen.add(current)
        steps.append(version)
        current = version.spec.mapping.previous
    return list(reversed(steps))


@dataclass
class Carried:
    """Commitment ids carried to a later charter, and those that were lost on the way."""

    ids: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    """Ids dropped by a mapping (``[]``) or that a mapping does not mention."""


def carry(
    charters: Mapping[str, CharterVersion], ids: Iterable[str], old: str, new: str
) -> Carried:
    """``ids`` of charter ``old`` as commitments of charter ``new``, in first-seen order.

    Raises:
        NoMappingChain: no mapping chain leads from ``old`` to ``new``.
    """
    out = Carried(ids=list(dict.fromkeys(ids)))
    for step in chain(charters, old, new):
        assert step.spec.mapping is not None  # chain() only returns versions with one
        table = step.spec.mapping.commitments
        after: list[str] = []
        for cid in out.ids:
            targets = table.get(cid)
            if not targets:
                out.lost.append(cid)
            for target in targets or []:
                if target not in after:
                    after.append(target)
        out.ids = after
    return out


__all__ = ["Carried", "NoMappingChain", "carry", "chain"]
