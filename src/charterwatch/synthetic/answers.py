"""How many respondents give each answer to one question, so that every calibrated share is met.

A question may carry several targets at once, e.g. "agreed" 70% and "disagreed" 21% of
valid answers. Each target counts a set of answers; the sets must be disjoint or nested (a
laminar family), which covers every real case. Targets are taken in priority order
(published first); one that cannot be met alongside those already taken is moved to the
nearest value that can, and reported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from charterwatch.stats.rounding import round_decimals
from charterwatch.synthetic.draws import count_for_percent, split_counts


@dataclass(frozen=True)
class Share:
    """A target: ``percent`` of valid answers are in ``chosen``."""

    chosen: frozenset[str]
    percent: float
    label: str = ""


@dataclass
class Allocation:
    """The count of each answer, and the targets that had to move (label, wanted, given)."""

    counts: dict[str, int]
    moved: list[tuple[str, float, float]] = field(default_factory=list)


@dataclass
class _Node:
    answers: frozenset[str]
    count: int
    children: list[_Node] = field(default_factory=list)


def allocate(
    valid: Sequence[str],
    n_valid: int,
    shares: Sequence[Share],
    weights: Mapping[str, float],
) -> Allocation:
    """Counts for the ``valid`` answers summing to ``n_valid`` that meet ``shares`` in order.

    Within a set of answers counted together, a count is split by ``weights`` (answers not
    listed weigh 1). Answers named in a share but not in ``valid`` are ignored.
    """
    root = _Node(frozenset(valid), n_valid)
    moved: list[tuple[str, float, float]] = []
    for share in shares:
        chosen = share.chosen & root.answers
        wanted = count_for_percent(n_valid, share.percent)
        placed = _place(root, chosen, wanted)
        if placed is None:
            continue
        if placed != wanted:
            given = 100.0 * placed / n_valid if n_valid else 0.0
            moved.append((share.label, share.percent, round_decimals(given, 1)))
    counts: dict[str, int] = {}
    _fill(root, list(valid), weights, counts)
    return Allocation(counts, moved)


def _place(root: _Node, chosen: frozenset[str], wanted: int) -> int | None:
    """Insert ``chosen`` into the tree with a count as near ``wanted`` as the tree allows.

    Returns the count given, or None when ``chosen`` is empty, already a set in the tree
    (its count is then kept), crosses an existing set, or cannot be given any count.
    """
    if not chosen:
        return None
    parent = root
    while True:
        inside = [c for c in parent.children if chosen <= c.answers]
        if not inside:
            break
        parent = inside[0]
    if parent.answers == chosen:
        return None
    nested = [c for c in parent.children if c.answers <= chosen]
    apart = [c for c in parent.children if not c.answers & chosen]
    if len(nested) + len(apart) != len(parent.children):
        return None
    in_nested = _union(nested)
    in_apart = _union(apart)
    low = sum(c.count for c in nested)
    high = parent.count - sum(c.count for c in apart)
    if chosen == in_nested:
        high = min(high, low)
    if parent.answers - chosen == in_apart:
        low = max(low, high)
    if low > high:
        return None
    count = min(max(wanted, low), high)
    parent.children = [*apart, _Node(chosen, count, nested)]
    return count


def _union(nodes: Sequence[_Node]) -> frozenset[str]:
    out: frozenset[str] = frozenset()
    for node in nodes:
        out |= node.answers
    return out


def _fill(node: _Node, order: list[str], weights: Mapping[str, float], out: dict[str, int]) -> None:
    """Give each answer its count: children first, the rest split by weight."""
    for child in node.children:
        _fill(child, order, weights, out)
    covered = _union(node.children)
    rest = [a for a in order if a in node.answers and a not in covered]
    left = node.count - sum(c.count for c in node.children)
    if not rest:
        return
    for answer, count in zip(
        rest, split_counts(left, [float(weights.get(a, 1.0)) for a in rest]), strict=True
    ):
        out[answer] = count
