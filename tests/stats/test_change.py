"""Tests of change between two years: z-test or Fisher, binomial test, stock rule, 5% rule."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import binomtest

from charterwatch.stats import (
    Direction,
    compare_counts,
    compare_proportions,
    compare_stocks,
    compare_values,
)
from charterwatch.stats.change import FISHER_TEST, Z_TEST, format_p_value
from tests.stats.reference import fisher_two_sided


class TestCompareProportions:
    def test_a_big_difference_is_called(self) -> None:
        change = compare_proportions(0.80, 1000, 0.90, 1000)
        assert change.significant
        assert change.direction == "up"
        assert change.difference == pytest.approx(0.10)
        assert change.p_value is not None and change.p_value < 0.001
        assert change.test == "two-proportion z-test"
        assert change.reason == (
            "The rise of 10 percentage points is statistically significant "
            "(two-proportion z-test, p < 0.001)."
        )

    def test_a_fall_is_down_whatever_the_measure(self) -> None:
        change = compare_proportions(0.90, 1000, 0.80, 1000)
        assert change.direction is Direction.DOWN
        assert change.difference == pytest.approx(-0.10)
        assert change.reason.startswith("The fall of 10 percentage points")

    def test_a_tiny_difference_is_not_called(self) -> None:
        change = compare_proportions(0.91, 100, 0.92, 100)
        assert not change.significant
        assert change.direction == "no_change"
        assert change.reason == (
            "The change of 1 percentage point is within the margin expected from sampling "
            "(two-proportion z-test, p = 0.80), so it is not called a change."
        )

    def test_matches_a_hand_computation(self) -> None:
        # pooled p = 0.55; se = sqrt(0.55 * 0.45 * (1/100 + 1/100)); z = 0.1 / se
        z = 0.1 / math.sqrt(0.55 * 0.45 * 0.02)
        expected = math.erfc(z / math.sqrt(2))
        change = compare_proportions(0.5, 100, 0.6, 100)
        assert change.p_value == pytest.approx(expected, rel=1e-9)
        assert change.p_value == pytest.approx(0.1552, abs=1e-4)
        assert not change.significant

    def test_alpha_decides(self) -> None:
        assert compare_proportions(0.5, 100, 0.6, 100, alpha=0.2).significant
        assert not compare_proportions(0.5, 100, 0.6, 100, alpha=0.1).significant

    def test_effective_sample_sizes_matter(self) -> None:
        assert compare_proportions(0.91, 3000, 0.94, 3000).significant
        assert not compare_proportions(0.91, 300, 0.94, 300).significant

    def test_fractional_points_are_written_with_one_decimal(self) -> None:
        change = compare_proportions(0.900, 30000, 0.925, 30000)
        assert "rise of 2.5 percentage points" in change.reason

    def test_a_very_small_significant_rise_says_less_than_a_tenth(self) -> None:
        change = compare_proportions(0.5, 1e12, 0.5004, 1e12)
        assert change.significant
        assert "rise of less than 0.1 percentage points" in change.reason

    @pytest.mark.parametrize("p", [0.0, 0.37, 1.0])
    def test_equal_proportions_including_zero_variance_are_no_change(self, p: float) -> None:
        change = compare_proportions(p, 50, p, 80)
        assert change.direction is Direction.NO_CHANGE
        assert change.p_value == 1.0
        assert change.difference == 0.0
        assert not change.significant
        assert change.reason == "The figure is the same in both years, so there is no change."

    def test_from_zero_to_all_is_called(self) -> None:
        change = compare_proportions(0.0, 20, 1.0, 20)
        assert change.direction is Direction.UP

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            ((0.5, 0, 0.6, 100), "n_eff1 must be a positive effective sample size; got 0"),
            ((0.5, 100, 0.6, 0), "n_eff2 must be a positive"),
            ((0.5, -5, 0.6, 100), "n_eff1"),
            ((0.5, math.nan, 0.6, 100), "n_eff1"),
            ((1.5, 100, 0.6, 100), "p1 must be a proportion between 0 and 1"),
            ((0.5, 100, -0.1, 100), "p2 must be a proportion"),
            ((0.5, 100, math.nan, 100), "p2"),
        ],
    )
    def test_invalid_inputs_raise(
        self, args: tuple[float, float, float, float], message: str
    ) -> None:
        with pytest.raises(ValueError, match=message):
            compare_proportions(*args)

    @pytest.mark.parametrize("alpha", [0.0, 1.0, -0.05, math.nan])
    def test_invalid_alpha_raises(self, alpha: float) -> None:
        with pytest.raises(ValueError, match="alpha must be strictly between 0 and 1"):
            compare_proportions(0.5, 100, 0.6, 100, alpha=alpha)

    @given(
        p1=st.floats(0, 1),
        p2=st.floats(0, 1),
        n1=st.floats(1, 1e6),
        n2=st.floats(1, 1e6),
        alpha=st.floats(0.001, 0.2),
    )
    def test_direction_follows_significance_and_sign(
        self, p1: float, p2: float, n1: float, n2: float, alpha: float
    ) -> None:
        change = compare_proportions(p1, n1, p2, n2, alpha)
        assert change.p_value is not None and 0.0 <= change.p_value <= 1.0
        assert change.significant == (change.p_value < alpha)
        if not change.significant:
            assert change.direction is Direction.NO_CHANGE
            assert "not called a change" in change.reason or "no change" in change.reason
        else:
            assert change.direction is (Direction.UP if p2 > p1 else Direction.DOWN)
            assert "statistically significant" in change.reason
        assert change.reason.endswith(".")
        assert change.reason.count(". ") == 0

    @given(p1=st.floats(0, 1), p2=st.floats(0, 1), n=st.floats(1, 1e5))
    def test_swapping_years_flips_the_sign_only(self, p1: float, p2: float, n: float) -> None:
        forward = compare_proportions(p1, n, p2, n)
        backward = compare_proportions(p2, n, p1, n)
        assert forward.p_value == pytest.approx(backward.p_value)
        assert forward.difference == pytest.approx(-backward.difference)


class TestCompareCounts:
    def test_a_clear_rise_is_called(self) -> None:
        change = compare_counts(40, 62)
        assert change.significant
        assert change.direction is Direction.UP
        assert change.difference == 22
        assert change.test == "exact binomial test for counts"
        assert change.reason == (
            "The rise is statistically significant (exact binomial test for counts, p = 0.037)."
        )

    def test_a_small_change_is_not_called(self) -> None:
        change = compare_counts(40, 45)
        assert not change.significant
        assert change.direction is Direction.NO_CHANGE
        assert "chance variation" in change.reason
        assert "not called a change" in change.reason

    def test_p_value_is_scipy_binomtest(self) -> None:
        change = compare_counts(150, 200)
        assert change.p_value == pytest.approx(binomtest(200, 350, 0.5).pvalue)
        assert change.direction is Direction.UP

    def test_fall_is_down(self) -> None:
        change = compare_counts(550, 450)
        assert change.direction is Direction.DOWN
        assert change.reason.startswith("The fall is statistically significant")

    def test_reason_does_not_quote_the_counts(self) -> None:
        change = compare_counts(3, 17)
        assert "3" not in change.reason.split("(")[0]
        assert "17" not in change.reason

    def test_no_events_in_either_period(self) -> None:
        change = compare_counts(0, 0)
        assert change.direction is Direction.NO_CHANGE
        assert change.p_value == 1.0
        assert change.reason == "There were none in either period, so there is no change."

    def test_equal_counts(self) -> None:
        change = compare_counts(75, 75)
        assert change.p_value == 1.0
        assert change.direction is Direction.NO_CHANGE

    def test_numpy_and_whole_float_counts_are_accepted(self) -> None:
        import numpy as np

        assert compare_counts(np.int64(40), 62.0).difference == 22  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("c1", "c2", "message"),
        [(-1, 5, "c1 must be 0 or more"), (5, 2.5, "c2 must be a whole number"), (True, 5, "c1")],
    )
    def test_invalid_counts_raise(self, c1: object, c2: object, message: str) -> None:
        with pytest.raises(ValueError, match=message):
            compare_counts(c1, c2)  # type: ignore[arg-type]

    @given(c1=st.integers(0, 5000), c2=st.integers(0, 5000), alpha=st.floats(0.001, 0.2))
    def test_direction_follows_significance(self, c1: int, c2: int, alpha: float) -> None:
        change = compare_counts(c1, c2, alpha)
        assert change.p_value is not None
        assert change.significant == (change.p_value < alpha)
        if change.significant:
            assert change.direction is (Direction.UP if c2 > c1 else Direction.DOWN)
        else:
            assert change.direction is Direction.NO_CHANGE
        assert compare_counts(c2, c1, alpha).p_value == pytest.approx(change.p_value)


class TestCompareValues:
    def test_exactly_five_percent_is_called(self) -> None:
        change = compare_values(20, 21)
        assert change.significant
        assert change.direction is Direction.UP
        assert change.p_value is None
        assert change.test == "5% rule for values"
        assert change.reason == (
            "The rise from 20 to 21 (5%) is at least the 5% needed to call a change."
        )

    def test_floating_point_five_percent_is_called(self) -> None:
        assert compare_values(0.3, 0.315).significant

    def test_just_under_five_percent_is_not_called(self) -> None:
        change = compare_values(100, 104.9)
        assert not change.significant
        assert change.direction is Direction.NO_CHANGE
        assert change.reason == (
            "The change from 100 to 104.9 (4.9%) is less than the 5% needed, "
            "so it is not called a change."
        )

    def test_median_processing_time_fall(self) -> None:
        change = compare_values(105, 102)
        assert change.direction is Direction.NO_CHANGE
        change = compare_values(79, 45)
        assert change.direction is Direction.DOWN
        assert change.difference == -34.0
        assert "fall from 79 to 45 (43%)" in change.reason

    def test_negative_values_use_the_size_of_the_earlier_value(self) -> None:
        change = compare_values(-10, -12)
        assert change.direction is Direction.DOWN
        assert "(20%)" in change.reason

    def test_from_zero_any_move_is_called(self) -> None:
        change = compare_values(0, 3)
        assert change.direction is Direction.UP
        assert (
            change.reason
            == "The rise from 0 to 3 is called a change, as any move away from zero is."
        )
        assert compare_values(0, -0.5).direction is Direction.DOWN

    def test_equal_values_never_change(self) -> None:
        for value in (0.0, 29.0, -3.5):
            change = compare_values(value, value, threshold=0.0)
            assert change.direction is Direction.NO_CHANGE
        assert (
            compare_values(29, 29).reason == "The value is 29 in both years, so there is no change."
        )

    def test_threshold_is_configurable(self) -> None:
        assert not compare_values(100, 108, threshold=0.10).significant
        assert compare_values(100, 110, threshold=0.10).significant
        assert compare_values(100, 100.01, threshold=0.0).significant
        assert compare_values(100, 110, threshold=0.10).test == "10% rule for values"

    def test_huge_relative_change_is_capped_in_words(self) -> None:
        change = compare_values(0.001, 50)
        assert "(more than 10,000%)" in change.reason
        assert compare_values(2.2250738585e-313, 1.0).significant

    def test_large_values_are_written_with_separators(self) -> None:
        change = compare_values(1445, 2000)
        assert "from 1,445 to 2,000" in change.reason

    @pytest.mark.parametrize(
        ("v1", "v2", "threshold", "message"),
        [
            (math.nan, 1, 0.05, "v1 must be a finite number"),
            (1, math.inf, 0.05, "v2 must be a finite number"),
            (1, 2, -0.05, "threshold"),
            (1, 2, math.nan, "threshold"),
        ],
    )
    def test_invalid_inputs_raise(
        self, v1: float, v2: float, threshold: float, message: str
    ) -> None:
        with pytest.raises(ValueError, match=message):
            compare_values(v1, v2, threshold)

    @given(
        v1=st.floats(-1e6, 1e6),
        v2=st.floats(-1e6, 1e6),
        threshold=st.floats(0, 1),
    )
    def test_rule_is_the_relative_change(self, v1: float, v2: float, threshold: float) -> None:
        change = compare_values(v1, v2, threshold)
        assert change.p_value is None
        if v1 == v2:
            assert not change.significant
        elif v1 == 0:
            assert change.significant
        else:
            relative = abs(v2 - v1) / abs(v1)
            if relative >= threshold + 1e-6:
                assert change.significant
            elif relative < threshold - 1e-6:
                assert not change.significant
        if change.significant:
            assert change.direction is (Direction.UP if v2 > v1 else Direction.DOWN)
        else:
            assert change.direction is Direction.NO_CHANGE


@pytest.mark.parametrize(
    ("p", "alpha", "text"),
    [
        (0.0004, 0.05, "p < 0.001"),
        (0.000999, 0.05, "p < 0.001"),
        (0.001, 0.05, "p = 0.0010"),
        (0.0012, 0.05, "p = 0.0012"),
        (0.00125, 0.05, "p = 0.0013"),
        (0.01, 0.05, "p = 0.010"),
        (0.0123, 0.05, "p = 0.012"),
        (0.0042, 0.05, "p = 0.0042"),
        (0.049, 0.05, "p = 0.049"),
        (0.0496, 0.05, "p = 0.0496"),
        (0.04996, 0.05, "p < 0.05"),
        (0.0499999, 0.05, "p < 0.05"),
        (0.05, 0.05, "p = 0.050"),
        (0.0501, 0.05, "p = 0.050"),
        (0.0496, 0.01, "p = 0.050"),
        (0.0099, 0.01, "p = 0.0099"),
        (0.00996, 0.01, "p = 0.00996"),
        (0.009996, 0.01, "p < 0.01"),
        (0.0996, 0.05, "p = 0.10"),
        (0.4227, 0.05, "p = 0.42"),
        (0.8, 0.05, "p = 0.80"),
        (0.996, 0.05, "p = 1.0"),
        (1.0, 0.05, "p = 1.0"),
        (0.0474, 0.0474, "p = 0.0474"),
        (0.04744, 0.04744, "p ≥ 0.04744"),
        (0.047444, 0.047445, "p = 0.047"),
        (0.047445, 0.047445, "p ≥ 0.047445"),
    ],
)
def test_format_p_value(p: float, alpha: float, text: str) -> None:
    assert format_p_value(p, alpha) == text


def test_the_reported_bug_never_prints_eight_decimals() -> None:
    assert format_p_value(0.0499999, 0.05) == "p < 0.05"
    assert "0.05000000" not in format_p_value(0.04999999, 0.05)


@given(p=st.floats(0.0, 1.0), alpha=st.floats(0.001, 0.2))
def test_p_value_text_never_reads_on_the_wrong_side_of_alpha(p: float, alpha: float) -> None:
    text = format_p_value(p, alpha)
    if text == "p < 0.001":
        assert p < 0.001
        return
    sign, number = text[2], text[4:]
    if sign == "=":
        shown = float(number)
        assert (shown < alpha) == (p < alpha)
        digits = number.lstrip("0.").replace(".", "")
        assert 2 <= len(digits) <= 3  # two significant figures, three when needed
    elif sign == "<":
        assert p < alpha and float(number) == alpha
    else:
        assert sign == "≥" and p >= alpha and float(number) == alpha


@pytest.mark.parametrize("bad", [math.nan, math.inf])
def test_invalid_p_value_raises(bad: float) -> None:
    with pytest.raises(ValueError, match="a p-value must be a number"):
        format_p_value(bad)


class TestFisherForSmallNumbers:
    def test_small_expected_counts_use_fisher(self) -> None:
        # 9 of 10 then 3 of 10: expected "no" counts are 4 in each year, below 5.
        change = compare_proportions(0.9, 10, 0.3, 10)
        assert change.test == FISHER_TEST == "Fisher's exact test"
        assert change.p_value == pytest.approx(fisher_two_sided([[9, 1], [3, 7]]), rel=1e-9)
        assert change.significant
        assert change.direction is Direction.DOWN
        assert change.reason == (
            "The fall of 60 percentage points is statistically significant "
            "(Fisher's exact test, p = 0.020)."
        )

    def test_expected_counts_of_five_keep_the_z_test(self) -> None:
        # pooled share not agreeing is 0.25; 20 x 0.25 = 5 exactly: not below 5.
        assert compare_proportions(0.8, 20, 0.7, 20).test == Z_TEST
        assert compare_proportions(0.85, 20, 0.7, 20).test == FISHER_TEST

    def test_the_effective_base_decides_not_the_unweighted_base(self) -> None:
        assert compare_proportions(0.95, 200, 0.9, 200).test == Z_TEST
        change = compare_proportions(0.95, 40.4, 0.9, 40.4)
        assert change.test == FISHER_TEST
        # rounded effective counts: 38 of 40 and 36 of 40
        assert change.p_value == pytest.approx(fisher_two_sided([[38, 2], [36, 4]]), rel=1e-9)

    def test_a_small_change_is_not_called(self) -> None:
        change = compare_proportions(0.98, 60, 0.95, 60)
        assert change.test == FISHER_TEST
        assert not change.significant
        assert change.reason.startswith("The change of 3 percentage points is within the margin")
        assert "(Fisher's exact test, p = 0.62)" in change.reason

    def test_equal_small_proportions_are_no_change_under_fisher(self) -> None:
        change = compare_proportions(0.0, 50, 0.0, 80)
        assert change.test == FISHER_TEST
        assert change.p_value == 1.0

    def test_a_year_rounding_to_nobody_is_no_change(self) -> None:
        change = compare_proportions(1.0, 0.4, 0.0, 0.4)
        assert change.test == FISHER_TEST
        assert change.p_value == 1.0
        assert change.direction is Direction.NO_CHANGE

    def test_alpha_comes_from_the_caller(self) -> None:
        # p is about 0.17 for 8 of 10 against 4 of 10
        assert not compare_proportions(0.8, 10, 0.4, 10).significant
        assert compare_proportions(0.8, 10, 0.4, 10, alpha=0.2).significant

    @given(
        a=st.integers(0, 30),
        n1=st.integers(1, 30),
        c=st.integers(0, 30),
        n2=st.integers(1, 30),
    )
    def test_whole_counts_match_the_hand_computation(
        self, a: int, n1: int, c: int, n2: int
    ) -> None:
        a, c = min(a, n1), min(c, n2)
        change = compare_proportions(a / n1, n1, c / n2, n2)
        if change.test == FISHER_TEST and a * n2 != c * n1:
            expected = fisher_two_sided([[a, n1 - a], [c, n2 - c]])
            assert change.p_value == pytest.approx(expected, rel=1e-6, abs=1e-12)

    @given(
        p1=st.floats(0, 1),
        p2=st.floats(0, 1),
        n1=st.floats(0.5, 60),
        n2=st.floats(0.5, 60),
        alpha=st.floats(0.001, 0.2),
    )
    def test_a_called_change_follows_the_sign(
        self, p1: float, p2: float, n1: float, n2: float, alpha: float
    ) -> None:
        change = compare_proportions(p1, n1, p2, n2, alpha)
        assert change.significant == (change.p_value is not None and change.p_value < alpha)
        if change.significant:
            assert change.direction is (Direction.UP if p2 > p1 else Direction.DOWN)


class TestCompareStocks:
    def test_a_backlog_falling_from_three_to_none_is_not_a_change(self) -> None:
        change = compare_stocks(3, 0)
        assert change.direction is Direction.NO_CHANGE
        assert not change.significant
        assert change.p_value is None
        assert change.test == "5% rule for stocks"
        assert change.reason == (
            "Both numbers are below 10, and numbers this small move by chance, "
            "so it is not called a change."
        )

    def test_a_large_fall_is_called_without_the_binomial_test(self) -> None:
        change = compare_stocks(400, 300)
        assert change.direction is Direction.DOWN
        assert change.difference == -100
        assert change.p_value is None
        assert change.reason == "The fall is at least the 5% needed to call a change."

    def test_the_relative_change_rule_applies_above_the_threshold(self) -> None:
        assert compare_stocks(100, 105).direction is Direction.UP
        change = compare_stocks(100, 104)
        assert change.direction is Direction.NO_CHANGE
        assert change.reason == (
            "The change is less than the 5% needed, so it is not called a change."
        )

    def test_one_small_stock_is_enough_to_compare(self) -> None:
        assert compare_stocks(3, 40).direction is Direction.UP
        assert compare_stocks(0, 12).direction is Direction.UP
        assert compare_stocks(12, 9).direction is Direction.DOWN

    @pytest.mark.parametrize(("s1", "s2"), [(3, 40), (9, 12), (40, 3), (0, 12), (3, 0), (7, 7)])
    def test_the_reason_never_quotes_a_small_number(self, s1: int, s2: int) -> None:
        reason = compare_stocks(s1, s2).reason
        for number in {s1, s2, abs(s2 - s1)}:
            assert str(number) not in reason.replace("5%", "").replace("10", "")

    def test_thresholds_come_from_the_caller(self) -> None:
        assert compare_stocks(3, 0, min_count=3).direction is Direction.DOWN
        assert compare_stocks(3, 0, min_count=0).direction is Direction.DOWN
        assert compare_stocks(100, 108, threshold=0.10).direction is Direction.NO_CHANGE
        assert compare_stocks(100, 110, threshold=0.10).test == "10% rule for stocks"
        assert "below 20" in compare_stocks(15, 12, min_count=20).reason

    def test_equal_stocks_are_no_change(self) -> None:
        change = compare_stocks(120, 120, threshold=0.0)
        assert change.direction is Direction.NO_CHANGE
        assert change.reason == "The number is the same on both dates, so there is no change."

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            ((-1, 5), "s1 must be 0 or more"),
            ((5, 2.5), "s2 must be a whole number"),
            ((5, 6, -0.1), "threshold"),
            ((5, 6, 0.05, -1), "min_count must be 0 or more"),
        ],
    )
    def test_invalid_inputs_raise(self, args: tuple[object, ...], message: str) -> None:
        with pytest.raises(ValueError, match=message):
            compare_stocks(*args)  # type: ignore[arg-type]

    @given(s1=st.integers(0, 10_000), s2=st.integers(0, 10_000), min_count=st.integers(0, 50))
    def test_small_stocks_never_change(self, s1: int, s2: int, min_count: int) -> None:
        change = compare_stocks(s1, s2, min_count=min_count)
        if s1 < min_count and s2 < min_count:
            assert change.direction is Direction.NO_CHANGE
        if change.significant:
            assert change.direction is (Direction.UP if s2 > s1 else Direction.DOWN)
        assert str(s1) not in change.reason.replace("5%", "") or s1 >= 10 or s1 == 5
