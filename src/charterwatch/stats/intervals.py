"""Confidence intervals for survey percentages: Wilson intervals, weighted and unweighted.

All proportions are fractions between 0 and 1 (0.94, not 94). Bases are numbers of people
(respondents who answered the question). Nothing here reads files or knows about tables.

The method of every interval is named in the result (``"wilson"`` or ``"wilson-deff"``) so a
published figure can always say how its interval was made.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from charterwatch.stats._checks import whole_number
from charterwatch.stats.normal import quantile

WILSON = "wilson"
WILSON_DEFF = "wilson-deff"


@dataclass(frozen=True)
class Interval:
    """A confidence interval for a proportion.

    ``low`` and ``high`` are fractions in [0, 1]; ``confidence`` is the coverage (0.95 for a
    95% interval); ``method`` names how it was made (``"wilson"`` or ``"wilson-deff"``).
    """

    low: float
    high: float
    confidence: float
    method: str

    def __post_init__(self) -> None:
        if not 0.0 <= self.low <= self.high <= 1.0:
            raise ValueError(
                f"an interval needs 0 <= low <= high <= 1; got low={self.low}, high={self.high}"
            )

    @property
    def width(self) -> float:
        """The width ``high - low`` as a fraction."""
        return self.high - self.low


@dataclass(frozen=True)
class ProportionEstimate:
    """A survey proportion with everything needed to publish it honestly.

    - ``estimate``: the (weighted, if weights were given) proportion, a fraction in [0, 1].
    - ``n``: the unweighted base: the number of respondents it is based on.
    - ``effective_n``: Kish effective sample size, ``(sum w)^2 / sum w^2``; equals ``n``
      when unweighted.
    - ``design_effect``: ``n / effective_n`` (1 when unweighted); how much weighting widens
      the interval, as a factor on the variance.
    - ``interval``: Wilson interval computed on ``effective_n``.
    - ``weighted``: whether weights were used.
    """

    estimate: float
    n: int
    effective_n: float
    design_effect: float
    interval: Interval
    weighted: bool

    @property
    def method(self) -> str:
        """The interval method: ``"wilson"`` (unweighted) or ``"wilson-deff"`` (weighted)."""
        return self.interval.method


def z_value(confidence: float) -> float:
    """The two-sided standard normal critical value for ``confidence`` (1.95996... for 0.95).

    Raises:
        ValueError: if ``confidence`` is not strictly between 0 and 1.
    """
    _check_confidence(confidence)
    return quantile(0.5 + confidence / 2.0)


def wilson_interval(
    successes: float, n: float, confidence: float = 0.95, *, method: str = WILSON
) -> Interval:
    """Wilson score interval for ``successes`` out of ``n``.

    ``n`` may be fractional (an effective sample size) and ``successes`` may be fractional
    (``estimate * effective_n``). At ``successes == 0`` the low end is exactly 0 and at
    ``successes == n`` the high end is exactly 1; the interval always contains
    ``successes / n``.

    Raises:
        ValueError: if ``n`` is not a positive finite number (there is no interval for a
            base of 0), if ``successes`` is not between 0 and ``n``, or if ``confidence`` is
            not strictly between 0 and 1.
    """
    if not math.isfinite(n) or n <= 0:
        raise ValueError(
            f"cannot make an interval from a base of {n}: the base (n) must be a positive number"
        )
    if not math.isfinite(successes) or not 0 <= successes <= n:
        raise ValueError(f"successes must be between 0 and n={n}; got {successes}")
    z = z_value(confidence)
    p = successes / n
    z2 = z * z
    denominator = 1.0 + z2 / n
    centre = (p + z2 / (2.0 * n)) / denominator
    half_width = (z / denominator) * math.sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n))
    low = 0.0 if successes == 0 else max(0.0, min(p, centre - half_width))
    high = 1.0 if successes == n else min(1.0, max(p, centre + half_width))
    return Interval(low=low, high=high, confidence=confidence, method=method)


def proportion_from_counts(successes: int, n: int, confidence: float = 0.95) -> ProportionEstimate:
    """An unweighted proportion ``successes / n`` with its Wilson interval.

    ``successes`` and ``n`` are whole numbers of respondents.

    Raises:
        ValueError: if ``n`` is not a positive whole number, ``successes`` is not a whole
            number between 0 and ``n``, or ``confidence`` is not strictly between 0 and 1.
    """
    n_int = whole_number(n, "n")
    successes_int = whole_number(successes, "successes")
    if n_int == 0:
        raise ValueError("cannot estimate a proportion from a base of 0 respondents")
    interval = wilson_interval(successes_int, n_int, confidence)
    return ProportionEstimate(
        estimate=successes_int / n_int,
        n=n_int,
        effective_n=float(n_int),
        design_effect=1.0,
        interval=interval,
        weighted=False,
    )


def weighted_proportion(
    chosen: Sequence[bool],
    weights: Sequence[float] | None,
    confidence: float = 0.95,
) -> ProportionEstimate:
    """The (weighted) share of respondents who gave an answer, with a Wilson interval.

    ``chosen[i]`` says whether respondent ``i`` gave the answer being counted; ``weights[i]``
    is their survey weight. With ``weights=None`` every respondent counts once and the
    method is ``"wilson"``. With weights, the estimate is ``sum(w * chosen) / sum(w)`` and the
    interval is the Wilson interval on the Kish effective sample size
    ``(sum w)^2 / sum w^2`` (method ``"wilson-deff"``). The Kish design effect accounts only
    for unequal weights, not for clustering or stratification.

    Respondents with a weight of exactly 0 contribute nothing: they are left out of the
    unweighted base ``n`` too, so ``n`` counts the respondents the estimate rests on.

    Raises:
        ValueError: if there are no respondents (or all weights are 0), if the two sequences
            differ in length, if a weight is negative, infinite or NaN, or if ``confidence``
            is not strictly between 0 and 1.
    """
    _check_confidence(confidence)
    if weights is None:
        flags = [bool(c) for c in chosen]
        if not flags:
            raise ValueError("cannot estimate a proportion from no respondents")
        return proportion_from_counts(sum(flags), len(flags), confidence)
    if len(weights) != len(chosen):
        raise ValueError(
            f"chosen has {len(chosen)} respondents but weights has {len(weights)}; "
            "there must be one weight per respondent"
        )
    kept: list[tuple[bool, float]] = []
    for index, (flag, weight) in enumerate(zip(chosen, weights, strict=True)):
        w = float(weight)
        if not math.isfinite(w) or w < 0:
            raise ValueError(
                f"weight {index} is {weight!r}; weights must be finite and not negative"
            )
        if w > 0:
            kept.append((bool(flag), w))
    if not kept:
        raise ValueError("cannot estimate a proportion: no respondent has a positive weight")
    # Scale by the largest weight so that squares cannot overflow or underflow.
    top = max(w for _, w in kept)
    scaled = [(flag, w / top) for flag, w in kept]
    total = math.fsum(w for _, w in scaled)
    total_chosen = math.fsum(w for flag, w in scaled if flag)
    sum_squares = math.fsum(w * w for _, w in scaled)
    n = len(kept)
    estimate = min(1.0, max(0.0, total_chosen / total))
    # Cauchy-Schwarz gives 1 <= n_eff <= n; clamp away rounding error.
    effective_n = min(float(n), max(1.0, total * total / sum_squares))
    if estimate == 0.0 or not any(flag for flag, _ in scaled):
        successes = 0.0
    elif all(flag for flag, _ in scaled):
        successes = effective_n
    else:
        successes = estimate * effective_n
    interval = wilson_interval(successes, effective_n, confidence, method=WILSON_DEFF)
    # Keep the reported estimate inside its own interval despite rounding.
    estimate = min(interval.high, max(interval.low, estimate))
    return ProportionEstimate(
        estimate=estimate,
        n=n,
        effective_n=effective_n,
        design_effect=n / effective_n,
        interval=interval,
        weighted=True,
    )


def _check_confidence(confidence: float) -> None:
    if not math.isfinite(confidence) or not 0.0 < confidence < 1.0:
        raise ValueError(
            f"confidence must be strictly between 0 and 1 (0.95 for 95%); got {confidence}"
        )
