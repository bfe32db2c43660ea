"""Who the synthetic records are about: equality characteristics, benefits and channels.

Each characteristic is drawn independently from the recipe's shares, so breakdowns by age,
sex, disability and so on have plausible sizes, including some small groups that disclosure
control will have to suppress.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import numpy as np
import numpy.typing as npt

from charterwatch.dates.periods import FinancialYear
from charterwatch.sources.shapes import EQUALITY_FIELDS

Texts = npt.NDArray[np.object_]


def choose(rng: np.random.Generator, n: int, weights: Mapping[str, float]) -> Texts:
    """``n`` values drawn from ``weights`` (value -> relative weight), as an object array.

    Raises ValueError when the weights are empty or all zero.
    """
    names = list(weights)
    mass = np.array([float(weights[k]) for k in names], dtype=np.float64)
    if not names or mass.sum() <= 0:
        raise ValueError("cannot choose from an empty or all-zero set of weights")
    picks = rng.choice(len(names), size=n, p=mass / mass.sum())
    return np.array(names, dtype=object)[picks]


def equality_columns(
    rng: np.random.Generator, n: int, shares: Mapping[str, Mapping[str, float]]
) -> dict[str, Texts]:
    """The equality columns (age group, sex, disability ...) for ``n`` people, in the order
    of :data:`~charterwatch.sources.shapes.EQUALITY_FIELDS`; fields without shares are left out."""
    return {name: choose(rng, n, shares[name]) for name in EQUALITY_FIELDS if name in shares}


def open_benefits(
    launches: Mapping[str, date], weights: Mapping[str, float], year: str
) -> dict[str, float]:
    """The benefits (with their weights) whose applications opened by the end of ``year``."""
    end = FinancialYear.parse(year).end
    return {b: w for b, w in weights.items() if b not in launches or launches[b] <= end}
