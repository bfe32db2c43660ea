"""Exact random draws: seeded streams, and numbers that hit a target exactly (a count that
rounds to a percentage, integers with an exact mean, durations with an exact median and exact
counts within a limit).

Randomness only decides *which* records get which values; the calibrated totals are set by
arithmetic, so a figure computed from the records equals its target whatever the seed.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Ints = npt.NDArray[np.int64]


def stream(seed: int, *keys: str) -> np.random.Generator:
    """A random stream for ``seed`` and a path of names (source, year, ...).

    Each path gets its own stream, so adding a measure or a source does not change the
    records of the others. Stable across platforms and Python versions.
    """
    words = [seed & 0xFFFFFFFF]
    for key in keys:
        digest = hashlib.sha256(key.encode("utf-8")).digest()
        words.append(int.from_bytes(digest[:4], "little"))
    return np.random.default_rng(np.random.SeedSequence(words))


SMALLEST_SCALED = 50
"""Below size 1, no volume is made smaller than this (a smaller one is kept whole)."""


def scaled(count: float, size: float) -> int:
    """A record count at a size factor, rounded half up, never below zero.

    ``size`` is the fraction of the recipe's volumes to make (1: all of them, the real
    scale of an example). Below 1 a volume is cut in proportion but never below
    :data:`SMALLEST_SCALED` records, and one already smaller is kept whole: a small test
    fixture still has records in every year and group (a handful of appeals in a year
    would otherwise round to none)."""
    made = max(0, math.floor(count * size + 0.5))
    if size < 1:
        made = max(made, min(max(0, math.floor(count + 0.5)), SMALLEST_SCALED))
    return made


def split_counts(total: int, weights: Sequence[float]) -> list[int]:
    """``total`` split in proportion to ``weights`` by largest remainder (ties: first wins).

    Raises ValueError when the weights are negative or all zero while ``total`` is positive.
    """
    if any(w < 0 for w in weights):
        raise ValueError(f"weights must not be negative: {list(weights)}")
    mass = float(sum(weights))
    if total == 0:
        return [0] * len(weights)
    if mass <= 0:
        raise ValueError(f"cannot split {total} over weights that are all zero")
    exact = [total * w / mass for w in weights]
    counts = [math.floor(x) for x in exact]
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - counts[i]), i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def count_for_percent(base: int, percent: float) -> int:
    """The count out of ``base`` whose percentage is nearest ``percent`` (0 when base is 0).

    With a base of 100 or more the percentage of the result always rounds to ``percent``
    when ``percent`` is a whole number.
    """
    if base <= 0:
        return 0
    k = math.floor(base * percent / 100.0 + 0.5)
    return min(base, max(0, k))


def rounds_to(value: float, target: float, places: int = 0) -> bool:
    """Whether ``value`` rounded (half up) to ``places`` decimals equals ``target``."""
    factor = 10.0**places
    return math.floor(value * factor + 0.5 + 1e-9) == math.floor(target * factor + 0.5 + 1e-9)


def integers_with_mean(
    rng: np.random.Generator, n: int, mean: float, *, spread: float = 1.0, high: int = 86_400
) -> Ints:
    """``n`` integers in 0..``high`` whose sum is ``round(mean * n)``: the exact mean when
    ``mean * n`` is whole (always for a whole ``mean``).

    The shape is a gamma distribution with shape ``1 / spread**2`` (spread 1 is exponential),
    then nudged one unit at a time so the total is exact. Raises ValueError when the mean is
    outside 0..``high``.
    """
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    if not 0 <= mean <= high:
        raise ValueError(f"a mean of {mean} is outside 0..{high}")
    shape = 1.0 / max(spread, 0.05) ** 2
    raw = rng.gamma(shape, mean / shape, size=n) if mean > 0 else np.zeros(n)
    if raw.sum() > 0:
        raw *= mean * n / raw.sum()
    values = np.clip(np.rint(raw), 0, high).astype(np.int64)
    return nudge_to_total(rng, values, math.floor(mean * n + 0.5), high)


def nudge_to_total(rng: np.random.Generator, values: Ints, total: int, high: int) -> Ints:
    """``values`` moved one unit at a time, at random, until they sum to ``total`` (each kept
    in 0..``high``). Raises ValueError when no such values exist."""
    if not 0 <= total <= high * values.size:
        raise ValueError(f"{values.size} values in 0..{high} cannot sum to {total}")
    return nudge_between(rng, values, total, np.zeros_like(values), np.full_like(values, high))


def nudge_between(
    rng: np.random.Generator, values: Ints, total: int, low: Ints, high: Ints
) -> Ints:
    """``values`` (within ``low``..``high``, value by value) moved one unit at a time, at
    random, until they sum to ``total``, each kept within its own bounds. Raises ValueError
    when no such values exist."""
    if not int(low.sum()) <= total <= int(high.sum()):
        raise ValueError(
            f"{values.size} values between {int(low.sum())} and {int(high.sum())} in total "
            f"cannot sum to {total}"
        )
    values = np.clip(values, low, high)
    gap = total - int(values.sum())
    while gap != 0:
        room = values < high if gap > 0 else values > low
        idx = np.flatnonzero(room)
        take = idx[rng.permutation(idx.size)[: min(abs(gap), idx.size)]]
        values[take] += 1 if gap > 0 else -1
        gap = total - int(values.sum())
    return values


@dataclass(frozen=True)
class AtMost:
    """A calibration of a duration list: exactly ``count`` values are ``<= limit``."""

    limit: int
    count: int


class Infeasible(ValueError):
    """Calibration targets that no list of values can meet at once."""


def median_limits(n: int, median: int) -> list[AtMost]:
    """The :class:`AtMost` pair that gives ``n`` integers the exact median ``median``.

    Odd ``n``: the middle value is ``median``; even ``n``: both middle values are, so the
    interpolated median is exact too.
    """
    if n == 0:
        return []
    below = (n - 1) // 2 if n % 2 else n // 2 - 1
    middle = 1 if n % 2 else 2
    return [AtMost(median - 1, below), AtMost(median, below + middle)]


def check_limits(n: int, limits: Sequence[AtMost], low: int = 0) -> list[AtMost]:
    """``limits`` sorted and merged; raises :class:`Infeasible` when they contradict."""
    merged: dict[int, int] = {}
    for item in limits:
        if item.limit in merged and merged[item.limit] != item.count:
            raise Infeasible(f"two counts ({merged[item.limit]}, {item.count}) at {item.limit}")
        merged[item.limit] = item.count
    ordered = [AtMost(limit, merged[limit]) for limit in sorted(merged)]
    previous = 0
    for item in ordered:
        if not previous <= item.count <= n:
            raise Infeasible(f"{item.count} values <= {item.limit} after {previous}, of {n}")
        if item.limit < low and item.count > 0:
            raise Infeasible(f"{item.count} values below the lowest possible {low}")
        previous = item.count
    return ordered


def draw_from(
    rng: np.random.Generator,
    pmf: npt.NDArray[np.float64],
    count: int,
    low: int = 0,
    high: int | None = None,
) -> Ints:
    """``count`` whole numbers in ``low..high`` drawn from ``pmf`` restricted to that range
    (uniformly where it has no mass). Raises :class:`Infeasible` for an empty range."""
    top = pmf.size - 1 if high is None else min(high, pmf.size - 1)
    low = max(low, 0)
    if count == 0:
        return np.zeros(0, dtype=np.int64)
    if low > top:
        raise Infeasible(f"{count} values needed in the empty range {low}..{top}")
    weights = pmf[low : top + 1]
    mass = float(weights.sum())
    probs = weights / mass if mass > 0 else np.full(weights.size, 1.0 / weights.size)
    return low + rng.choice(weights.size, size=count, p=probs).astype(np.int64)


def meet_limits(
    rng: np.random.Generator,
    values: Ints,
    cells: Ints,
    pmfs: Sequence[npt.NDArray[np.float64]],
    limits: Sequence[AtMost],
    fixed: Ints | None = None,
) -> Ints:
    """``values`` changed as little as possible so that, together with ``fixed``, exactly
    ``limit.count`` values are ``<= limit.limit`` for every limit.

    ``cells[i]`` says which of ``pmfs`` value ``i`` was drawn from (each pmf also caps the
    value at its length - 1). Limits are met one at a time from the lowest: too many values
    at or below a limit moves the largest of them (the nearest) just above it; too few moves
    the smallest values above it just below. A moved value is drawn again from its own pmf
    within its new range. Raises :class:`Infeasible` when the limits cannot all be met.
    """
    fixed = np.zeros(0, dtype=np.int64) if fixed is None else fixed
    out = values.copy()
    ordered = check_limits(out.size + fixed.size, limits)
    for j, item in enumerate(ordered):
        below = item.limit if j == 0 else ordered[j - 1].limit
        above = ordered[j + 1].limit if j + 1 < len(ordered) else None
        wanted = item.count - int((fixed <= item.limit).sum())
        if not 0 <= wanted <= out.size:
            raise Infeasible(f"{item.count} values <= {item.limit} with {fixed.size} fixed")
        at_or_below = np.flatnonzero(out <= item.limit)
        surplus = at_or_below.size - wanted
        if surplus > 0:
            tops = np.array([p.size - 1 for p in pmfs], dtype=np.int64)[cells[at_or_below]]
            movable = at_or_below[tops > item.limit]
            if movable.size < surplus:
                raise Infeasible(
                    f"{surplus} values must move above {item.limit}, but only {movable.size} can"
                )
            order = movable[np.argsort(-out[movable], kind="stable")]
            _redraw(rng, out, order[:surplus], cells, pmfs, item.limit + 1, above)
        elif surplus < 0:
            higher = np.flatnonzero(out > item.limit)
            order = higher[np.argsort(out[higher], kind="stable")]
            low = below + 1 if j > 0 else 0
            _redraw(rng, out, order[:-surplus], cells, pmfs, low, item.limit)
    return out


def _redraw(
    rng: np.random.Generator,
    out: Ints,
    moved: Ints,
    cells: Ints,
    pmfs: Sequence[npt.NDArray[np.float64]],
    low: int,
    high: int | None,
) -> None:
    for cell in np.unique(cells[moved]):
        these = moved[cells[moved] == cell]
        out[these] = draw_from(rng, pmfs[int(cell)], these.size, low, high)


def lognormal_pmf(median: float, sigma: float, top: int) -> npt.NDArray[np.float64]:
    """Probabilities of the whole numbers 0..``top`` under a log-normal with this median:
    each value ``v`` takes the mass up to ``v + 0.5`` not taken by smaller values, and the
    tail beyond ``top`` is dropped before normalising.
    """
    upper = np.arange(top + 1, dtype=np.float64) + 0.5
    z = (np.log(upper) - math.log(max(median, 0.5))) / max(sigma, 1e-3)
    cdf = 0.5 * (1.0 + _erf(z / math.sqrt(2.0)))
    pmf = np.diff(cdf, prepend=0.0)
    if pmf.sum() <= 0:
        pmf[-1 if median > top else 0] = 1.0
    return np.asarray(pmf / pmf.sum(), dtype=np.float64)


_ERF = np.frompyfunc(math.erf, 1, 1)


def _erf(x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    return np.asarray(_ERF(x), dtype=np.float64)
