"""Wilson intervals and weighted proportions, against scipy and hand-computed values."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from scipy.stats import binomtest

from charterwatch.stats import (
    Interval,
    proportion_from_counts,
    weighted_proportion,
    wilson_interval,
)
from charterwatch.stats.intervals import z_value


def test_94_of_100_matches_the_published_wilson_values() -> None:
    interval = wilson_interval(94, 100)
    assert interval.low == pytest.approx(0.8752, abs=5e-5)
    assert interval.high == pytest.approx(0.9722, abs=5e-5)
    assert interval.method == "wilson"
    assert interval.confidence == 0.95


def test_hand_computation_for_45_of_60_at_90_percent() -> None:
    z = 1.6448536269514722
    n, p = 60, 0.75
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    interval = wilson_interval(45, 60, confidence=0.90)
    assert interval.low == pytest.approx(centre - half, rel=1e-12)
    assert interval.high == pytest.approx(centre + half, rel=1e-12)


@pytest.mark.parametrize("confidence", [0.8, 0.9, 0.95, 0.99])
@pytest.mark.parametrize(("k", "n"), [(1, 1), (1, 7), (3, 10), (50, 100), (94, 100), (7534, 7534)])
def test_matches_scipy(k: int, n: int, confidence: float) -> None:
    expected = binomtest(k, n).proportion_ci(confidence_level=confidence, method="wilson")
    interval = wilson_interval(k, n, confidence)
    assert interval.low == pytest.approx(expected.low, abs=1e-12)
    assert interval.high == pytest.approx(expected.high, abs=1e-12)


def test_zero_successes_starts_exactly_at_zero() -> None:
    interval = wilson_interval(0, 20)
    assert interval.low == 0.0
    assert 0.0 < interval.high < 0.2


def test_all_successes_ends_exactly_at_one() -> None:
    interval = wilson_interval(20, 20)
    assert interval.high == 1.0
    assert 0.8 < interval.low < 1.0


def test_fractional_effective_base_is_allowed() -> None:
    interval = wilson_interval(37.5, 50.0)
    assert interval.low < 0.75 < interval.high


def test_invalid_zero_base_raises_a_clear_error() -> None:
    with pytest.raises(ValueError, match=r"base of 0.*must be a positive number"):
        wilson_interval(0, 0)


@pytest.mark.parametrize(
    ("successes", "n", "confidence", "message"),
    [
        (5, -1, 0.95, "positive number"),
        (5, math.nan, 0.95, "positive number"),
        (5, math.inf, 0.95, "positive number"),
        (11, 10, 0.95, "between 0 and n"),
        (-1, 10, 0.95, "between 0 and n"),
        (math.nan, 10, 0.95, "between 0 and n"),
        (5, 10, 0.0, "strictly between 0 and 1"),
        (5, 10, 1.0, "strictly between 0 and 1"),
        (5, 10, 95, "strictly between 0 and 1"),
    ],
)
def test_invalid_inputs_raise(successes: float, n: float, confidence: float, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        wilson_interval(successes, n, confidence)


def test_invalid_interval_cannot_be_built() -> None:
    with pytest.raises(ValueError, match="low <= high"):
        Interval(low=0.6, high=0.4, confidence=0.95, method="wilson")


def test_z_value_for_95_percent() -> None:
    assert z_value(0.95) == pytest.approx(1.959963984540054)


def test_proportion_from_counts() -> None:
    estimate = proportion_from_counts(94, 100)
    assert estimate.estimate == 0.94
    assert estimate.n == 100
    assert estimate.effective_n == 100.0
    assert estimate.design_effect == 1.0
    assert estimate.weighted is False
    assert estimate.method == "wilson"
    assert estimate.interval == wilson_interval(94, 100)


def test_invalid_proportion_from_counts() -> None:
    with pytest.raises(ValueError, match="base of 0 respondents"):
        proportion_from_counts(0, 0)
    with pytest.raises(ValueError, match="whole number"):
        proportion_from_counts(2.5, 10)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="whole number"):
        proportion_from_counts(True, 10)
    with pytest.raises(ValueError, match="between 0 and n"):
        proportion_from_counts(11, 10)


def test_unweighted_when_weights_are_none() -> None:
    chosen = [True] * 94 + [False] * 6
    estimate = weighted_proportion(chosen, None)
    assert estimate == proportion_from_counts(94, 100)


def test_kish_effective_sample_size_and_design_effect() -> None:
    estimate = weighted_proportion([True, False, True, True], [1.0, 2.0, 3.0, 4.0])
    # (1 + 2 + 3 + 4)^2 / (1 + 4 + 9 + 16) = 100 / 30
    assert estimate.effective_n == pytest.approx(100 / 30)
    assert estimate.design_effect == pytest.approx(1.2)
    assert estimate.estimate == pytest.approx(0.8)
    assert estimate.n == 4
    assert estimate.weighted is True
    assert estimate.method == "wilson-deff"
    expected = wilson_interval(0.8 * 100 / 30, 100 / 30, method="wilson-deff")
    assert estimate.interval.low == pytest.approx(expected.low)
    assert estimate.interval.high == pytest.approx(expected.high)


def test_equal_weights_give_the_unweighted_interval() -> None:
    chosen = [True] * 30 + [False] * 10
    weighted = weighted_proportion(chosen, [2.5] * 40)
    plain = weighted_proportion(chosen, None)
    assert weighted.design_effect == pytest.approx(1.0)
    assert weighted.effective_n == pytest.approx(40)
    assert weighted.interval.low == pytest.approx(plain.interval.low)
    assert weighted.interval.high == pytest.approx(plain.interval.high)


def test_unequal_weights_widen_the_interval() -> None:
    chosen = [True, False] * 50
    weights = [1.0, 3.0] * 25 + [3.0, 1.0] * 25
    weighted = weighted_proportion(chosen, weights)
    plain = weighted_proportion(chosen, None)
    assert weighted.estimate == pytest.approx(plain.estimate)
    assert weighted.design_effect > 1
    assert weighted.interval.width > plain.interval.width


def test_zero_weight_respondents_are_left_out_of_the_base() -> None:
    estimate = weighted_proportion([True, False, True], [1.0, 0.0, 1.0])
    assert estimate.n == 2
    assert estimate.estimate == 1.0
    assert estimate.interval.high == 1.0


def test_all_chosen_and_none_chosen_reach_the_ends() -> None:
    assert weighted_proportion([True] * 5, [1, 2, 3, 4, 5]).interval.high == 1.0
    assert weighted_proportion([False] * 5, [1, 2, 3, 4, 5]).interval.low == 0.0


@pytest.mark.parametrize(
    ("chosen", "weights", "message"),
    [
        ([], None, "no respondents"),
        ([], [], "no respondent has a positive weight"),
        ([True], [0.0], "no respondent has a positive weight"),
        ([True, False], [1.0], "one weight per respondent"),
        ([True, False], [1.0, -1.0], "weight 1 is -1.0"),
        ([True, False], [1.0, math.nan], "finite and not negative"),
        ([True, False], [1.0, math.inf], "finite and not negative"),
    ],
)
def test_invalid_weighted_inputs(
    chosen: list[bool], weights: list[float] | None, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        weighted_proportion(chosen, weights)


def test_invalid_confidence_for_weighted() -> None:
    with pytest.raises(ValueError, match="confidence"):
        weighted_proportion([True], [1.0], confidence=1.5)


confidences = st.floats(min_value=0.5, max_value=0.999)


@given(
    n=st.integers(min_value=1, max_value=100_000),
    fraction=st.floats(min_value=0, max_value=1),
    confidence=confidences,
)
def test_wilson_contains_the_estimate_and_stays_in_range(
    n: int, fraction: float, confidence: float
) -> None:
    k = round(fraction * n)
    interval = wilson_interval(k, n, confidence)
    assert 0.0 <= interval.low <= k / n <= interval.high <= 1.0


@given(
    n=st.floats(min_value=1e-3, max_value=1e7, allow_nan=False),
    fraction=st.floats(min_value=0, max_value=1),
    confidence=confidences,
)
def test_wilson_with_fractional_base_contains_the_estimate(
    n: float, fraction: float, confidence: float
) -> None:
    successes = min(n, fraction * n)
    interval = wilson_interval(successes, n, confidence)
    assert 0.0 <= interval.low <= successes / n <= interval.high <= 1.0


@given(
    k=st.integers(min_value=0, max_value=500),
    extra=st.integers(min_value=0, max_value=500),
    lower=st.floats(min_value=0.5, max_value=0.9),
)
def test_higher_confidence_never_gives_a_narrower_interval(
    k: int, extra: int, lower: float
) -> None:
    n = k + extra
    assume(n > 0)
    narrow = wilson_interval(k, n, lower)
    wide = wilson_interval(k, n, lower + 0.05)
    assert wide.low <= narrow.low + 1e-12
    assert wide.high >= narrow.high - 1e-12


respondents = st.lists(
    st.tuples(
        st.booleans(),
        st.one_of(st.just(0.0), st.floats(min_value=1e-6, max_value=1e6)),
    ),
    min_size=1,
    max_size=200,
)


@given(rows=respondents, confidence=confidences)
def test_weighted_interval_contains_the_estimate_and_stays_in_range(
    rows: list[tuple[bool, float]], confidence: float
) -> None:
    assume(any(w > 0 for _, w in rows))
    chosen = [c for c, _ in rows]
    weights = [w for _, w in rows]
    estimate = weighted_proportion(chosen, weights, confidence)
    interval = estimate.interval
    assert 0.0 <= interval.low <= estimate.estimate <= interval.high <= 1.0
    assert estimate.n == sum(1 for w in weights if w > 0)
    assert 1.0 <= estimate.effective_n <= estimate.n
    assert estimate.design_effect >= 1.0
    assert estimate.design_effect == pytest.approx(estimate.n / estimate.effective_n)
    kept = [(c, w) for c, w in rows if w > 0]
    expected = sum(w for c, w in kept if c) / sum(w for _, w in kept)
    assert estimate.estimate == pytest.approx(expected, abs=1e-9)


@given(chosen=st.lists(st.booleans(), min_size=1, max_size=300), confidence=confidences)
def test_unweighted_interval_contains_the_estimate(chosen: list[bool], confidence: float) -> None:
    estimate = weighted_proportion(chosen, None, confidence)
    assert estimate.method == "wilson"
    assert estimate.design_effect == 1.0
    assert estimate.interval.low <= estimate.estimate <= estimate.interval.high
    assert estimate.interval.low >= 0.0 and estimate.interval.high <= 1.0
