"""Means, totals and ratios of sums with their standard errors and intervals, and the test
of change on two means, against values worked out by hand."""

from __future__ import annotations

import math

import pytest

from charterwatch.stats.change import MEANS_TEST, Direction, compare_means
from charterwatch.stats.means import (
    MEAN_METHOD,
    RATIO_METHOD,
    Sums,
    mean_interval,
    ratio_interval,
    total_error,
)

Z95 = 1.959963984540054


def sums_of(records: list[tuple[float, float]]) -> Sums:
    return Sums(
        n=len(records),
        y=sum(y for y, _ in records),
        x=sum(x for _, x in records),
        yy=sum(y * y for y, _ in records),
        xx=sum(x * x for _, x in records),
        xy=sum(x * y for y, x in records),
    )


def test_a_mean_of_16_values_with_sd_2_has_se_one_half() -> None:
    found = mean_interval(10.0, 2.0, 16)
    assert found.standard_error == 0.5
    assert found.low == pytest.approx(10 - Z95 * 0.5) and found.low == pytest.approx(9.02, abs=1e-3)
    assert found.high == pytest.approx(10.98, abs=1e-3)
    assert (found.n, found.confidence, found.method) == (16, 0.95, MEAN_METHOD)


def test_a_99_percent_interval_is_wider() -> None:
    found = mean_interval(10.0, 2.0, 16, confidence=0.99)
    assert found.high == pytest.approx(10 + 2.5758293 * 0.5)


def test_one_value_has_no_interval() -> None:
    found = mean_interval(7.0, None, 1)
    assert found.value == 7.0
    assert (found.standard_error, found.low, found.high) == (None, None, None)


@pytest.mark.parametrize(
    ("mean", "sd", "n", "confidence"),
    [(1.0, 1.0, 0, 0.95), (1.0, -1.0, 5, 0.95), (1.0, 1.0, 5, 1.0), (math.nan, 1.0, 5, 0.95)],
)
def test_impossible_inputs_are_refused(mean: float, sd: float, n: int, confidence: float) -> None:
    with pytest.raises(ValueError):
        mean_interval(mean, sd, n, confidence)


def test_a_ratio_of_sums_by_hand() -> None:
    # R = 6/8 = 0.75; residuals y - R x: -0.5, 0.5, 0; s² = 0.5 / 2; se = sqrt(3 s²) / 8
    found = ratio_interval(sums_of([(1, 2), (2, 2), (3, 4)]), scale=100)
    assert found is not None
    assert found.value == 75.0
    assert found.standard_error == pytest.approx(100 * math.sqrt(0.75) / 8)
    assert found.standard_error == pytest.approx(10.825, abs=1e-3)
    assert found.low == pytest.approx(75 - Z95 * 10.8253, abs=1e-3)
    assert found.method == RATIO_METHOD


def test_a_mean_is_a_ratio_over_ones() -> None:
    values = [1.0, 2.0, 3.0, 6.0]
    sd = math.sqrt(sum((v - 3.0) ** 2 for v in values) / 3)
    as_mean = mean_interval(3.0, sd, 4)
    as_ratio = ratio_interval(sums_of([(v, 1.0) for v in values]), scale=1)
    assert as_ratio is not None and as_mean.standard_error is not None
    assert as_ratio.value == 3.0
    assert as_ratio.standard_error == pytest.approx(as_mean.standard_error)
    assert as_mean.standard_error == pytest.approx(math.sqrt(14 / 3) / 2)


def test_a_ratio_over_nothing_is_none_and_a_ratio_over_one_record_has_no_interval() -> None:
    assert ratio_interval(sums_of([(5, 0), (3, 0)])) is None
    one = ratio_interval(sums_of([(90, 100)]))
    assert one is not None and one.value == 90.0 and one.low is None


def test_a_constant_ratio_has_no_spread() -> None:
    found = ratio_interval(sums_of([(90, 100)] * 5))
    assert found is not None and found.standard_error == 0.0 and found.low == found.high == 90.0


def test_a_total_has_the_compound_poisson_error() -> None:
    assert total_error(9.0 + 16.0) == 5.0
    with pytest.raises(ValueError):
        total_error(-1.0)


def test_a_rise_of_three_standard_errors_of_the_difference_is_called() -> None:
    # z = 1.5 / sqrt(0.5² + 0.5²) = 2.1213; two-sided p = 0.0339
    change = compare_means(10.0, 0.5, 11.5, 0.5)
    assert change.p_value == pytest.approx(0.0339, abs=1e-4)
    assert change.significant and change.direction is Direction.UP
    assert change.test == MEANS_TEST
    assert "(z-test on two means, p = 0.034)" in change.reason


def test_a_small_move_within_the_errors_is_not_called() -> None:
    change = compare_means(10.0, 1.0, 11.0, 1.0)  # z = 0.7071, p = 0.4795
    assert change.p_value == pytest.approx(0.4795, abs=1e-4)
    assert not change.significant and change.direction is Direction.NO_CHANGE


def test_equal_means_and_exact_means() -> None:
    assert compare_means(5.0, 1.0, 5.0, 2.0).p_value == 1.0
    exact = compare_means(5.0, 0.0, 5.5, 0.0)
    assert exact.significant and exact.p_value == 0.0 and exact.direction is Direction.UP


def test_a_fall_is_down_and_a_bad_error_is_refused() -> None:
    assert compare_means(20.0, 0.1, 19.0, 0.1).direction is Direction.DOWN
    with pytest.raises(ValueError):
        compare_means(1.0, -0.1, 2.0, 0.1)
