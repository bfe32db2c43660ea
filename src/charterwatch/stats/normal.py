"""The standard normal distribution, from the standard library.

Every survey figure needs a critical value and every change test a tail probability; taking
them from :class:`statistics.NormalDist` instead of ``scipy.stats.norm`` saves each compute
run the two seconds scipy.stats takes to import, for the same values (to the last one or two
binary digits; tails are taken with ``cdf(-|z|)``, which keeps their precision).
"""

from __future__ import annotations

from statistics import NormalDist

STANDARD = NormalDist()


def quantile(probability: float) -> float:
    """The value below which the standard normal has ``probability`` (1.95996... for 0.975)."""
    return STANDARD.inv_cdf(probability)


def two_sided_p(z: float) -> float:
    """The probability of a standard normal at least as far from 0 as ``z``, either way."""
    return min(1.0, 2.0 * STANDARD.cdf(-abs(z)))
