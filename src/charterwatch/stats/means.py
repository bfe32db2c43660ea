"""Means and ratios of sums with their intervals: the average cost of a case, rent collected
as a share of rent due.

Records are a census of the year, but the year's cases are one draw from the process that
makes them: a mean of 40 cases moves more by chance than a mean of 40,000. So a mean is
published with an interval from the normal approximation on its standard error, and the
change between two years is tested on the two means and their standard errors
(:func:`charterwatch.stats.change.compare_means`), not judged by a fixed relative rule.

A ratio of two sums (``sum(y) / sum(x)``) gets its standard error by linearisation (the
delta method, as in survey ratio estimation): the residuals ``y - R x`` of the records
carry its sampling variation, ``se(R) = sqrt(n s²) / sum(x)`` with ``s²`` the sample
variance of the residuals. A mean is the ratio with every ``x`` equal to 1.

Plain numbers in, frozen dataclasses out; nothing here reads tables.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from charterwatch.stats.normal import quantile

MEAN_METHOD = "normal approximation on the standard error"
RATIO_METHOD = "normal approximation on the linearised standard error"


@dataclass(frozen=True)
class Estimate:
    """A mean or ratio with what is needed to publish and compare it.

    ``value`` is the estimate (a ratio already times its scale); ``standard_error`` is in
    the same units, None when it cannot be worked out (fewer than two records); ``low`` and
    ``high`` bound the interval at ``confidence`` (None with no standard error); ``n`` is
    the number of records.
    """

    value: float
    standard_error: float | None
    low: float | None
    high: float | None
    n: int
    confidence: float
    method: str


def _check(n: int, confidence: float) -> None:
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"a mean needs at least one record; got n={n!r}")
    if not math.isfinite(confidence) or not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be strictly between 0 and 1 (0.95); got {confidence}")


def _bounded(value: float, se: float | None, n: int, confidence: float, method: str) -> Estimate:
    if se is None:
        return Estimate(value, None, None, None, n, confidence, method)
    z = quantile(1.0 - (1.0 - confidence) / 2.0)
    return Estimate(value, se, value - z * se, value + z * se, n, confidence, method)


def mean_interval(mean: float, sd: float | None, n: int, confidence: float = 0.95) -> Estimate:
    """The mean of ``n`` records with sample standard deviation ``sd`` (divisor ``n - 1``):
    ``se = sd / sqrt(n)``, interval ``mean ± z se`` (z = 1.96 for 95%).

    With one record (``sd`` None or ``n`` 1) there is no standard error and no interval.

    Raises:
        ValueError: if ``n`` is below 1, ``sd`` is negative or not finite, or
            ``confidence`` is not strictly between 0 and 1.
    """
    _check(n, confidence)
    if not math.isfinite(mean):
        raise ValueError(f"a mean must be a finite number; got {mean}")
    if n < 2 or sd is None:
        return _bounded(mean, None, n, confidence, MEAN_METHOD)
    if not math.isfinite(sd) or sd < 0:
        raise ValueError(f"a standard deviation must be a number 0 or more; got {sd}")
    return _bounded(mean, sd / math.sqrt(n), n, confidence, MEAN_METHOD)


@dataclass(frozen=True)
class Sums:
    """The sums a ratio ``sum(y) / sum(x)`` and its standard error are worked out from, over
    ``n`` records: one aggregate in the database gives them all."""

    n: int
    y: float
    x: float
    yy: float
    xx: float
    xy: float


def ratio_interval(sums: Sums, scale: float = 100.0, confidence: float = 0.95) -> Estimate | None:
    """``scale * sum(y) / sum(x)`` with its linearised standard error and interval, or None
    when ``sum(x)`` is 0 (no ratio to give).

    ``s² = (Σy² - 2R Σxy + R² Σx²) / (n - 1)`` is the sample variance of the residuals
    ``y - R x`` (their mean is 0 by construction), and ``se = scale * sqrt(n s²) / Σx``.
    With one record there is no standard error and no interval.

    Raises:
        ValueError: as :func:`mean_interval` for ``n`` and ``confidence``, or if a sum is
            not finite.
    """
    _check(sums.n, confidence)
    values = (sums.y, sums.x, sums.yy, sums.xx, sums.xy, scale)
    if not all(math.isfinite(v) for v in values):
        raise ValueError(f"the sums of a ratio must be finite numbers; got {sums}")
    if sums.x == 0:
        return None
    ratio = sums.y / sums.x
    if sums.n < 2:
        return _bounded(scale * ratio, None, sums.n, confidence, RATIO_METHOD)
    residual = sums.yy - 2.0 * ratio * sums.xy + ratio * ratio * sums.xx
    variance = max(residual, 0.0) / (sums.n - 1)  # rounding can leave a tiny negative
    se = abs(scale) * math.sqrt(sums.n * variance) / abs(sums.x)
    return _bounded(scale * ratio, se, sums.n, confidence, RATIO_METHOD)


def total_error(sum_of_squares: float) -> float:
    """The standard error of a year's total of amounts, ``sqrt(Σ y²)``: the compound-Poisson
    variance of a total of records that arrive at random, each with its own amount (for
    amounts all 1 it is ``sqrt(count)``, the Poisson error of a count).

    Raises:
        ValueError: if ``sum_of_squares`` is negative or not finite.
    """
    if not math.isfinite(sum_of_squares) or sum_of_squares < 0:
        raise ValueError(f"a sum of squares must be a number 0 or more; got {sum_of_squares}")
    return math.sqrt(sum_of_squares)
