"""Tests of change between two years: is a later figure really different from an earlier one?

The framework may only say a figure went up or down when the change passes a stated test.
Each function returns a :class:`Change` whose ``direction`` is ``"up"`` or ``"down"`` only
when the change is called, and ``"no_change"`` otherwise, with a one-sentence ``reason``
naming the test. Directions carry no judgement: whether "up" is better depends on the
measure (a rise in waiting time is bad), and that is decided by the assess layer.

- survey proportions: two-sided two-proportion z-test on effective sample sizes, or
  Fisher's exact test when an expected count of the 2x2 table is below 5;
- counts of events in two equal-length periods: exact conditional binomial test;
- stocks (cases open on a date, such as a backlog): the relative-change rule, never called
  when both stocks are below the disclosure threshold;
- means and ratios of sums with a standard error: a z-test on the difference of the two
  estimates (:func:`compare_means`);
- medians, times and other values with no sampling model: the 5% relative-change rule.

Every test takes its significance level ``alpha`` from the caller (the configured
``change.alpha``). Trends over several years are in :mod:`charterwatch.stats.trend`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from charterwatch.stats._checks import whole_number
from charterwatch.stats.binomial import fair_lower_tail
from charterwatch.stats.normal import two_sided_p
from charterwatch.stats.rounding import format_significant, round_decimals, round_half_up

Z_TEST = "two-proportion z-test"
FISHER_TEST = "Fisher's exact test"
BINOMIAL_TEST = "exact binomial test for counts"
MEANS_TEST = "z-test on two means"
SMALL_EXPECTED = 5.0
"""Below this expected count in any cell of the 2x2 table, proportions get an exact test."""


class Direction(StrEnum):
    """Which way a called change goes; ``NO_CHANGE`` whenever the change is not called."""

    UP = "up"
    DOWN = "down"
    NO_CHANGE = "no_change"


@dataclass(frozen=True)
class Change:
    """The result of comparing an earlier and a later figure.

    - ``difference``: later minus earlier, in the units of the inputs (a fraction for
      proportions, so 0.03 is 3 percentage points; events for counts; the value's own
      units for values).
    - ``p_value``: two-sided p-value of the test, or ``None`` for the relative-change rule.
    - ``significant``: whether the change is called (statistically significant for the two
      tests; at least the threshold for the relative-change rule).
    - ``direction``: ``"up"``/``"down"`` when called, otherwise ``"no_change"``.
    - ``test``: the name of the test or rule used, for footnotes.
    - ``reason``: one plain-English sentence saying what was decided and why.
    """

    difference: float
    p_value: float | None
    significant: bool
    direction: Direction
    test: str
    reason: str


def compare_proportions(
    p1: float, n_eff1: float, p2: float, n_eff2: float, alpha: float = 0.05
) -> Change:
    """Compare survey proportions from two years: a two-sided two-proportion z-test, or
    Fisher's exact test when the numbers are small.

    ``p1``/``p2`` are fractions in [0, 1] for the earlier and later year; ``n_eff1``/``n_eff2``
    are their effective sample sizes (the unweighted base for unweighted surveys, Kish
    effective n for weighted ones). A change is called when ``p_value < alpha``; ``alpha``
    is the caller's configured significance level.

    Which test: the 2x2 table of the two years is built from the effective bases
    (``p n_eff`` agreeing and ``(1 - p) n_eff`` not, in each year). When every expected
    count of that table (``n_eff_i`` times the pooled share agreeing, or not agreeing) is at
    least 5, the z-test is used, with pooled variance:
    ``z = (p2 - p1) / sqrt(p (1 - p) (1/n1 + 1/n2))``, ``p = (p1 n1 + p2 n2) / (n1 + n2)``.
    When any expected count is below 5 the normal approximation can mislead, so the
    two-sided **Fisher's exact test** (``scipy.stats.fisher_exact``) is used on the table's
    counts rounded half up to whole numbers. Fisher's test was chosen over Boschloo's:
    Boschloo's is more powerful, but it maximises over a nuisance parameter (slow, and its
    result depends on numerical search settings), while Fisher's is exact, fast,
    deterministic and the one readers know; it is conservative, so it errs towards "no
    change", which is the safe side for a claim of change.

    Equal proportions (which includes the only zero-variance case, both 0 or both 1) give
    ``"no_change"`` with ``p_value = 1.0``.

    Raises:
        ValueError: if a proportion is outside [0, 1] or not a number, if an effective
            sample size is not a positive finite number (with no respondents in a year
            there is nothing to compare: report "not enough data" instead), or if ``alpha``
            is not strictly between 0 and 1.
    """
    _check_alpha(alpha)
    for name, p in (("p1", p1), ("p2", p2)):
        if not math.isfinite(p) or not 0.0 <= p <= 1.0:
            raise ValueError(f"{name} must be a proportion between 0 and 1; got {p}")
    for name, n in (("n_eff1", n_eff1), ("n_eff2", n_eff2)):
        if not math.isfinite(n) or n <= 0:
            raise ValueError(
                f"{name} must be a positive effective sample size; got {n}. "
                "A year with no respondents cannot be compared"
            )
    difference = p2 - p1
    total = n_eff1 + n_eff2
    pooled = (p1 * n_eff1 + p2 * n_eff2) / total
    # 1 - pooled computed directly, so that it does not round to 0 near p = 1.
    pooled_rest = ((1.0 - p1) * n_eff1 + (1.0 - p2) * n_eff2) / total
    smallest_expected = min(n_eff1, n_eff2) * min(pooled, pooled_rest)
    test = FISHER_TEST if smallest_expected < SMALL_EXPECTED else Z_TEST
    if p1 == p2:
        return Change(
            difference=0.0,
            p_value=1.0,
            significant=False,
            direction=Direction.NO_CHANGE,
            test=test,
            reason="The figure is the same in both years, so there is no change.",
        )
    if test == FISHER_TEST:
        p_value = _fisher_p_value(p1, n_eff1, p2, n_eff2)
        return _called_or_not(difference, p_value, alpha, test, _points(difference), "sampling")
    variance = pooled * pooled_rest * (1.0 / n_eff1 + 1.0 / n_eff2)
    if variance > 0.0 and math.isfinite(variance):
        z = difference / math.sqrt(variance)
        p_value = two_sided_p(z)
    else:  # a difference below floating-point resolution: nothing measurable
        p_value = 1.0
    return _called_or_not(difference, p_value, alpha, test, _points(difference), "sampling")


def _fisher_p_value(p1: float, n_eff1: float, p2: float, n_eff2: float) -> float:
    """Two-sided Fisher's exact p-value on the 2x2 table of rounded effective counts."""
    from scipy.stats import fisher_exact

    rows = []
    for p, n in ((p1, n_eff1), (p2, n_eff2)):
        base = round_half_up(n)
        agreeing = min(base, round_half_up(p * n))
        rows.append([agreeing, base - agreeing])
    (a1, b1), (a2, b2) = rows
    if a1 + b1 == 0 or a2 + b2 == 0 or (a2 * (a1 + b1) - a1 * (a2 + b2)) * (p2 - p1) <= 0:
        return 1.0  # a year rounds to nobody, or the rounded table shows no such difference
    return min(1.0, float(fisher_exact(rows, alternative="two-sided").pvalue))


def compare_counts(c1: int, c2: int, alpha: float = 0.05) -> Change:
    """Compare counts of events in two periods of equal length with an exact binomial test.

    If events happen at random at the same rate in both periods, then given the total
    ``c1 + c2`` the later count follows Binomial(``c1 + c2``, 0.5). The two-sided exact test
    gives the p-value (``2 * P(X <= min(c1, c2))``, which is what ``scipy.stats.binomtest``
    gives for the symmetric case, from :func:`~charterwatch.stats.binomial.fair_lower_tail`);
    a change is called when ``p_value < alpha``. Two periods with no events give ``"no_change"`` and
    ``p_value = 1.0``. The reason does not quote the counts, so it is safe to publish
    beside rounded or suppressed figures.

    Raises:
        ValueError: if a count is not a whole number 0 or more, or ``alpha`` is not
            strictly between 0 and 1.
    """
    _check_alpha(alpha)
    first = whole_number(c1, "c1")
    second = whole_number(c2, "c2")
    total = first + second
    if total == 0:
        return Change(
            difference=0.0,
            p_value=1.0,
            significant=False,
            direction=Direction.NO_CHANGE,
            test=BINOMIAL_TEST,
            reason="There were none in either period, so there is no change.",
        )
    smaller = min(first, second)
    p_value = 1.0 if 2 * smaller == total else min(1.0, 2.0 * fair_lower_tail(smaller, total))
    return _called_or_not(float(second - first), p_value, alpha, BINOMIAL_TEST, None, "chance")


def compare_means(m1: float, se1: float, m2: float, se2: float, alpha: float = 0.05) -> Change:
    """Compare two means (or ratios of sums) from two years with a two-sided z-test on their
    difference: ``z = (m2 - m1) / sqrt(se1² + se2²)``, the years being independent draws
    (:mod:`charterwatch.stats.means` gives each mean's standard error). A change is called
    when ``p_value < alpha``.

    Equal means give ``"no_change"`` with ``p_value = 1.0``. Different means with both
    standard errors 0 (every record the same within each year) differ for certain:
    ``p_value = 0.0``. The reason quotes neither mean, so it is safe beside rounded figures.

    Raises:
        ValueError: if a mean is not finite, a standard error is negative or not finite,
            or ``alpha`` is not strictly between 0 and 1.
    """
    _check_alpha(alpha)
    for name, m in (("m1", m1), ("m2", m2)):
        if not math.isfinite(m):
            raise ValueError(f"{name} must be a finite number; got {m}")
    for name, se in (("se1", se1), ("se2", se2)):
        if not math.isfinite(se) or se < 0:
            raise ValueError(f"{name} must be a standard error 0 or more; got {se}")
    difference = float(m2) - float(m1)
    if difference == 0:
        reason = "The mean is the same in both years, so there is no change."
        return Change(0.0, 1.0, False, Direction.NO_CHANGE, MEANS_TEST, reason)
    spread = math.sqrt(se1 * se1 + se2 * se2)
    p_value = two_sided_p(difference / spread) if spread > 0 else 0.0
    return _called_or_not(difference, p_value, alpha, MEANS_TEST, None, "sampling")


def compare_values(
    v1: float,
    v2: float,
    threshold: float = 0.05,
    describe: Callable[[float], str] | None = None,
) -> Change:
    """Compare two values that have no sampling model (medians, times) by relative change.

    ``describe`` words a value in the reason (with its unit, e.g. "5 min 51 s"); by default
    the number alone.

    A change is called only when ``|v2 - v1| / |v1|`` is at least ``threshold`` (default
    0.05, i.e. 5%), allowing 1e-9 for floating-point error so that 20 to 21 counts as 5%.
    From ``v1 == 0`` any move is called, since the relative change is unbounded; equal
    values are never called. ``p_value`` is ``None``: this is a rule, not a test.

    Raises:
        ValueError: if a value is infinite or NaN, or ``threshold`` is negative or not finite.
    """
    for name, v in (("v1", v1), ("v2", v2)):
        if not math.isfinite(v):
            raise ValueError(f"{name} must be a finite number; got {v}")
    if not math.isfinite(threshold) or threshold < 0:
        raise ValueError(f"threshold must be a fraction 0 or more (0.05 for 5%); got {threshold}")
    rule = f"{_percent(threshold)} rule for values"
    show = describe or _number
    difference = float(v2) - float(v1)
    if v1 == v2:
        return Change(
            difference=0.0,
            p_value=None,
            significant=False,
            direction=Direction.NO_CHANGE,
            test=rule,
            reason=f"The value is {show(v1)} in both years, so there is no change.",
        )
    word = "rise" if difference > 0 else "fall"
    direction = Direction.UP if difference > 0 else Direction.DOWN
    span = f"from {show(v1)} to {show(v2)}"
    if v1 == 0:
        return Change(
            difference=difference,
            p_value=None,
            significant=True,
            direction=direction,
            test=rule,
            reason=f"The {word} {span} is called a change, as any move away from zero is.",
        )
    relative = abs(difference) / abs(v1)
    if relative >= threshold - 1e-9:
        return Change(
            difference=difference,
            p_value=None,
            significant=True,
            direction=direction,
            test=rule,
            reason=(
                f"The {word} {span} ({_percent(relative)}) is at least the "
                f"{_percent(threshold)} needed to call a change."
            ),
        )
    return Change(
        difference=difference,
        p_value=None,
        significant=False,
        direction=Direction.NO_CHANGE,
        test=rule,
        reason=(
            f"The change {span} ({_percent(relative)}) is less than the "
            f"{_percent(threshold)} needed, so it is not called a change."
        ),
    )


def compare_stocks(s1: int, s2: int, threshold: float = 0.05, min_count: int = 10) -> Change:
    """Compare two stocks: numbers of cases open on a date (a backlog at the year end).

    A stock is a snapshot, not a count of events in a period, so the exact binomial test of
    :func:`compare_counts` (which assumes events arriving at random) does not apply, and
    there is no sampling model either. The rule:

    - when both stocks are below ``min_count`` (the disclosure threshold, 10 by default)
      the change is never called: numbers that small move by chance (a backlog of 3 that
      falls to 0 is not a change);
    - otherwise the relative-change rule of :func:`compare_values`: a change is called when
      ``|s2 - s1| / s1`` is at least ``threshold`` (5% by default); from 0 any rise is.

    The reason quotes neither stock nor the size of the change, so it can be published
    beside rounded or suppressed figures and never reveals a number below ``min_count``.
    ``p_value`` is ``None``: this is a rule, not a test.

    Raises:
        ValueError: if a stock is not a whole number 0 or more, ``threshold`` is negative or
            not finite, or ``min_count`` is not a whole number 0 or more.
    """
    first = whole_number(s1, "s1")
    second = whole_number(s2, "s2")
    smallest = whole_number(min_count, "min_count")
    if not math.isfinite(threshold) or threshold < 0:
        raise ValueError(f"threshold must be a fraction 0 or more (0.05 for 5%); got {threshold}")
    rule = f"{_percent(threshold)} rule for stocks"
    difference = float(second - first)
    if first == second:
        reason = "The number is the same on both dates, so there is no change."
        return Change(0.0, None, False, Direction.NO_CHANGE, rule, reason)
    if first < smallest and second < smallest:
        reason = (
            f"Both numbers are below {smallest:,}, and numbers this small move by chance, "
            "so it is not called a change."
        )
        return Change(difference, None, False, Direction.NO_CHANGE, rule, reason)
    word = "rise" if difference > 0 else "fall"
    if first == 0 or abs(difference) / first >= threshold - 1e-9:
        direction = Direction.UP if difference > 0 else Direction.DOWN
        reason = f"The {word} is at least the {_percent(threshold)} needed to call a change."
        return Change(difference, None, True, direction, rule, reason)
    reason = (
        f"The change is less than the {_percent(threshold)} needed, so it is not called a change."
    )
    return Change(difference, None, False, Direction.NO_CHANGE, rule, reason)


def format_p_value(p_value: float, alpha: float = 0.05) -> str:
    """Write a p-value for a sentence: ``"p < 0.001"``, ``"p = 0.012"``, ``"p = 0.43"``.

    The rule (decimal rounding, halves up, from :mod:`charterwatch.stats.rounding`):

    1. below 0.001: ``"p < 0.001"``;
    2. otherwise two significant figures (0.4227 is ``"p = 0.42"``, 0.8 is ``"p = 0.80"``,
       0.0123 is ``"p = 0.012"``), if the rounded figure reads on the same side of
       ``alpha`` as the p-value: below ``alpha`` for a significant p-value, ``alpha`` or
       above for one that is not (0.05 and 0.0501 are ``"p = 0.050"``, not significant);
    3. else three significant figures, on the same condition (0.0496 is ``"p = 0.0496"``,
       because ``"0.050"`` would read as not significant);
    4. else the side of ``alpha`` alone: ``"p < 0.05"`` (0.04996), or ``"p ≥ 0.05"``.

    So the text never suggests the wrong side of ``alpha`` and never has more than three
    significant figures.
    """
    if not math.isfinite(p_value):
        raise ValueError(f"a p-value must be a number between 0 and 1; got {p_value}")
    if p_value < 0.001:
        return "p < 0.001"
    below = p_value < alpha
    limit = Decimal(repr(float(alpha)))
    for figures in (2, 3):
        text = format_significant(p_value, figures)
        if (Decimal(text) < limit) == below:
            return f"p = {text}"
    return f"p < {limit:f}" if below else f"p ≥ {limit:f}"


def _called_or_not(
    difference: float,
    p_value: float,
    alpha: float,
    test: str,
    size: str | None,
    source: str,
) -> Change:
    evidence = f"({test}, {format_p_value(p_value, alpha)})"
    of_size = f" of {size}" if size else ""
    if p_value < alpha:
        direction = Direction.UP if difference > 0 else Direction.DOWN
        word = "rise" if difference > 0 else "fall"
        reason = f"The {word}{of_size} is statistically significant {evidence}."
        return Change(difference, p_value, True, direction, test, reason)
    margin = "sampling" if source == "sampling" else "chance variation"
    reason = (
        f"The change{of_size} is within the margin expected from {margin} {evidence}, "
        "so it is not called a change."
    )
    return Change(difference, p_value, False, Direction.NO_CHANGE, test, reason)


def _points(difference: float) -> str:
    points = abs(difference) * 100.0
    rounded = round_decimals(points, 1)
    if rounded == 0:
        return "less than 0.1 percentage points"
    if rounded == 1:
        return "1 percentage point"
    return f"{_plain(f'{rounded:.1f}')} percentage points"


def _percent(fraction: float) -> str:
    percent = fraction * 100.0
    if percent >= 10_000:
        return "more than 10,000%"
    decimals = 0 if round_decimals(percent, 1) >= 10 else 1
    return f"{_plain(f'{round_decimals(percent, decimals):.{decimals}f}')}%"


def _number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    text = _plain(f"{value:,.4f}")
    return text if text not in ("0", "-0") else f"{value:.3g}"


def _plain(text: str) -> str:
    if "." in text and "e" not in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _check_alpha(alpha: float) -> None:
    if not math.isfinite(alpha) or not 0.0 < alpha < 1.0:
        raise ValueError(f"alpha must be strictly between 0 and 1 (0.05 for 5%); got {alpha}")
