"""Trends over several years: has a figure moved one way for a run of years?

A shortfall can be sustained: a figure that slips a little every year may never change
significantly from one year to the next, yet clearly fall over four. These functions test a
whole run of years at once and return a :class:`~charterwatch.stats.change.Change` (the
same shape as the year-on-year tests), comparing the first year with the last:

- survey proportions with effective bases: the Cochran-Armitage test for linear trend
  (:func:`trend_in_proportions`);
- values with no sampling model (medians, times, stocks): every year-on-year step in the
  same direction and a total relative change of at least the threshold
  (:func:`trend_in_values`).

:func:`sustained_decline` picks between them and says whether the run is a called fall.
Directions carry no judgement; ``alpha`` always comes from the caller.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import pairwise

from charterwatch.stats.change import Change, Direction, _check_alpha, _percent, format_p_value
from charterwatch.stats.normal import two_sided_p

TREND_TEST = "Cochran-Armitage test for trend"
STEADY_RULE = "rule for a steady run of values"
"""Named with its threshold in results: ``"5% rule for a steady run of values"``."""


def trend_in_proportions(
    proportions: Sequence[float], effective_bases: Sequence[float], alpha: float = 0.05
) -> Change:
    """Test a run of survey proportions (one per year, oldest first) for a linear trend.

    ``proportions`` are fractions in [0, 1]; ``effective_bases`` are each year's effective
    sample size (the unweighted base for an unweighted survey). The two-sided
    Cochran-Armitage test uses the years' positions 0, 1, ..., k as scores and the
    effective counts ``x_i = p_i n_i`` (which may be fractional):

        T = sum t_i (x_i - n_i p),  p = sum x_i / sum n_i
        Var T = p (1 - p) (sum n_i t_i^2 - (sum n_i t_i)^2 / sum n_i)
        z = T / sqrt(Var T)

    (the score test of a linear-logistic trend; ``z**2`` is Armitage's chi-square for
    trend on one degree of freedom, without the ``N / (N - 1)`` factor). A trend is called
    when ``p_value < alpha``; its direction is the sign of ``T``. With two years the test
    is the two-proportion z-test. It is a large-sample test: with expected counts below 5
    in a year it is approximate. ``difference`` is the last year minus the first.

    93%, 91%, 89%, 87% on bases of 1,000 is a significant fall (p < 0.001), although no
    single step of 2 points on 1,000 is significant.

    Raises:
        ValueError: if there are fewer than two years, the sequences differ in length, a
            proportion is outside [0, 1], a base is not a positive finite number, or
            ``alpha`` is not strictly between 0 and 1.
    """
    _check_alpha(alpha)
    years = _run_length(proportions)
    if len(effective_bases) != years:
        raise ValueError(
            f"there are {years} proportions but {len(effective_bases)} effective bases; "
            "give one base per year"
        )
    for index, (p, n) in enumerate(zip(proportions, effective_bases, strict=True)):
        if not math.isfinite(p) or not 0.0 <= p <= 1.0:
            raise ValueError(f"proportion {index} must be between 0 and 1; got {p}")
        if not math.isfinite(n) or n <= 0:
            raise ValueError(f"effective base {index} must be a positive number; got {n}")
    difference = float(proportions[-1]) - float(proportions[0])
    total = math.fsum(effective_bases)
    agreeing = math.fsum(p * n for p, n in zip(proportions, effective_bases, strict=True))
    rest = math.fsum((1.0 - p) * n for p, n in zip(proportions, effective_bases, strict=True))
    mean_score = math.fsum(i * n for i, n in enumerate(effective_bases)) / total
    statistic = math.fsum(
        (i - mean_score) * p * n
        for i, (p, n) in enumerate(zip(proportions, effective_bases, strict=True))
    )
    spread = math.fsum((i - mean_score) ** 2 * n for i, n in enumerate(effective_bases))
    variance = (agreeing / total) * (rest / total) * spread
    if len(set(proportions)) == 1 or not variance > 0.0:
        reason = "The figure is the same in every year, so there is no trend."
        return Change(0.0, 1.0, False, Direction.NO_CHANGE, TREND_TEST, reason)
    z = statistic / math.sqrt(variance)
    p_value = two_sided_p(z)
    evidence = f"({TREND_TEST}, {format_p_value(p_value, alpha)})"
    span = f"over {years} years"
    if p_value < alpha:
        direction = Direction.UP if statistic > 0 else Direction.DOWN
        word = "rise" if statistic > 0 else "fall"
        reason = f"The {word} {span} is statistically significant {evidence}."
        return Change(difference, p_value, True, direction, TREND_TEST, reason)
    reason = (
        f"The movement {span} is within the margin expected from sampling {evidence}, "
        "so it is not called a trend."
    )
    return Change(difference, p_value, False, Direction.NO_CHANGE, TREND_TEST, reason)


def trend_in_values(values: Sequence[float], threshold: float = 0.05) -> Change:
    """Test a run of values with no sampling model (oldest first) for a steady movement.

    A trend is called only when every year-on-year step goes the same way (a year with no
    change breaks the run) and the total relative change ``|last - first| / |first|`` is
    at least ``threshold`` (0.05 for 5%), allowing 1e-9 for floating-point error. From a
    first value of 0 a steady run in one direction is called. This is a rule, not a test:
    ``p_value`` is ``None``. The reason quotes no values, so it is safe beside rounded or
    suppressed figures.

    Raises:
        ValueError: if there are fewer than two values, a value is infinite or NaN, or
            ``threshold`` is negative or not finite.
    """
    years = _run_length(values)
    for index, v in enumerate(values):
        if not math.isfinite(v):
            raise ValueError(f"value {index} must be a finite number; got {v}")
    if not math.isfinite(threshold) or threshold < 0:
        raise ValueError(f"threshold must be a fraction 0 or more (0.05 for 5%); got {threshold}")
    rule = f"{_percent(threshold)} {STEADY_RULE}"
    first, last = float(values[0]), float(values[-1])
    difference = last - first
    steps = [float(b) - float(a) for a, b in pairwise(values)]
    span = f"over {years} years"
    if not (all(step > 0 for step in steps) or all(step < 0 for step in steps)):
        reason = (
            f"The value did not move the same way in every year {span}, "
            "so it is not called a trend."
        )
        return Change(difference, None, False, Direction.NO_CHANGE, rule, reason)
    word = "rise" if difference > 0 else "fall"
    direction = Direction.UP if difference > 0 else Direction.DOWN
    if first == 0 or abs(difference) / abs(first) >= threshold - 1e-9:
        reason = (
            f"The value moved the same way every year, a {word} {span} of at least the "
            f"{_percent(threshold)} needed to call a trend."
        )
        return Change(difference, None, True, direction, rule, reason)
    reason = (
        f"The value moved the same way every year, but the {word} {span} is less than "
        f"the {_percent(threshold)} needed, so it is not called a trend."
    )
    return Change(difference, None, False, Direction.NO_CHANGE, rule, reason)


def sustained_decline(
    values: Sequence[float],
    effective_bases: Sequence[float] | None = None,
    *,
    alpha: float = 0.05,
    threshold: float = 0.05,
) -> Change:
    """Test whether a run of years (oldest first) is a sustained fall.

    With ``effective_bases`` the values are survey proportions (fractions) and the
    Cochran-Armitage test decides at level ``alpha``; without, they are values with no
    sampling model and the steady-run rule decides at ``threshold``. The returned change
    is the trend test's own; the run is a sustained decline exactly when
    ``change.direction is Direction.DOWN`` (a called rise comes back as ``"up"``).

    Raises:
        ValueError: as :func:`trend_in_proportions` or :func:`trend_in_values`.
    """
    if effective_bases is None:
        return trend_in_values(values, threshold)
    return trend_in_proportions(values, effective_bases, alpha)


def _run_length(values: Sequence[float]) -> int:
    if len(values) < 2:
        raise ValueError(f"a trend needs at least two years; got {len(values)}")
    return len(values)
