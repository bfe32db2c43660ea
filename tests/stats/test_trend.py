"""Trends over several years: Cochran-Armitage for proportions, the steady-run rule for values."""

from __future__ import annotations

import math
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import chi2

from charterwatch.stats import (
    Direction,
    compare_proportions,
    sustained_decline,
    trend_in_proportions,
    trend_in_values,
)
from charterwatch.stats.trend import TREND_TEST
from tests.stats.reference import trend_chi_square

SLIPPING = [0.93, 0.91, 0.89, 0.87]
BASES = [1000.0, 1000.0, 1000.0, 1000.0]


class TestTrendInProportions:
    def test_a_steady_slip_is_a_significant_decline(self) -> None:
        change = sustained_decline(SLIPPING, BASES)
        assert change.test == TREND_TEST == "Cochran-Armitage test for trend"
        assert change.significant
        assert change.direction is Direction.DOWN
        assert change.difference == pytest.approx(-0.06)
        assert change.reason == (
            "The fall over 4 years is statistically significant "
            "(Cochran-Armitage test for trend, p < 0.001)."
        )

    def test_no_single_step_of_the_slip_is_significant(self) -> None:
        for before, after in pairwise(SLIPPING):
            assert not compare_proportions(before, 1000, after, 1000).significant

    def test_matches_a_hand_computation(self) -> None:
        # scores 0..3, mean 1.5; T = 1000 (-1.5 .93 - .5 .91 + .5 .89 + 1.5 .87) = -100;
        # Var T = 0.9 x 0.1 x 1000 (2.25 + .25 + .25 + 2.25) = 450
        z = -100 / math.sqrt(450)
        change = trend_in_proportions(SLIPPING, BASES)
        assert change.p_value == pytest.approx(math.erfc(abs(z) / math.sqrt(2)), rel=1e-9)

    @pytest.mark.parametrize(
        ("proportions", "bases"),
        [
            (SLIPPING, BASES),
            ([0.90, 0.92, 0.89, 0.91, 0.90], [800.0, 950.0, 1020.0, 700.0, 1100.0]),
            ([0.5, 0.62, 0.58], [120.5, 98.2, 143.0]),
            ([0.2, 0.1, 0.3, 0.05], [50.0, 60.0, 70.0, 80.0]),
        ],
    )
    def test_matches_the_regression_form_of_the_chi_square(
        self, proportions: list[float], bases: list[float]
    ) -> None:
        expected = float(chi2.sf(trend_chi_square(proportions, bases), 1))
        assert trend_in_proportions(proportions, bases).p_value == pytest.approx(expected)

    def test_a_flat_noisy_series_is_not_flagged(self) -> None:
        change = sustained_decline([0.90, 0.92, 0.89, 0.91, 0.90], [1000.0] * 5)
        assert not change.significant
        assert change.direction is Direction.NO_CHANGE
        assert change.reason == (
            "The movement over 5 years is within the margin expected from sampling "
            "(Cochran-Armitage test for trend, p = 0.73), so it is not called a trend."
        )

    def test_a_rise_is_up_so_not_a_decline(self) -> None:
        change = sustained_decline(SLIPPING[::-1], BASES)
        assert change.direction is Direction.UP
        assert change.reason.startswith("The rise over 4 years")

    def test_two_years_is_the_z_test(self) -> None:
        trend = trend_in_proportions([0.5, 0.6], [100.0, 100.0])
        assert trend.p_value == pytest.approx(compare_proportions(0.5, 100, 0.6, 100).p_value)

    def test_alpha_comes_from_the_caller(self) -> None:
        proportions, bases = [0.5, 0.55, 0.6], [100.0, 100.0, 100.0]
        p_value = trend_in_proportions(proportions, bases).p_value
        assert p_value is not None and 0.05 < p_value < 0.2
        assert not trend_in_proportions(proportions, bases, alpha=0.05).significant
        assert trend_in_proportions(proportions, bases, alpha=0.2).significant
        assert sustained_decline(proportions[::-1], bases, alpha=0.2).direction is Direction.DOWN

    @pytest.mark.parametrize("p", [0.0, 0.4, 1.0])
    def test_the_same_figure_every_year_is_no_trend(self, p: float) -> None:
        change = trend_in_proportions([p, p, p], [100.0, 50.0, 70.0])
        assert change.p_value == 1.0
        assert change.direction is Direction.NO_CHANGE
        assert change.reason == "The figure is the same in every year, so there is no trend."

    @pytest.mark.parametrize(
        ("proportions", "bases", "message"),
        [
            ([0.9], [100.0], "at least two years; got 1"),
            ([0.9, 0.8], [100.0], "2 proportions but 1 effective bases"),
            ([0.9, 1.2], [100.0, 100.0], "proportion 1 must be between 0 and 1"),
            ([0.9, 0.8], [100.0, 0.0], "effective base 1 must be a positive number"),
            ([0.9, 0.8], [math.nan, 10.0], "effective base 0"),
        ],
    )
    def test_invalid_inputs_raise(
        self, proportions: list[float], bases: list[float], message: str
    ) -> None:
        with pytest.raises(ValueError, match=message):
            trend_in_proportions(proportions, bases)

    def test_invalid_alpha_raises(self) -> None:
        with pytest.raises(ValueError, match="alpha must be strictly between 0 and 1"):
            trend_in_proportions(SLIPPING, BASES, alpha=1.0)

    @given(
        st.lists(st.tuples(st.floats(0, 1), st.floats(1, 1e5)), min_size=2, max_size=8),
        st.floats(0.001, 0.2),
    )
    def test_direction_follows_significance(
        self, years: list[tuple[float, float]], alpha: float
    ) -> None:
        proportions, bases = [p for p, _ in years], [n for _, n in years]
        change = trend_in_proportions(proportions, bases, alpha)
        assert change.p_value is not None and 0.0 <= change.p_value <= 1.0
        assert change.significant == (change.p_value < alpha)
        assert (change.direction is Direction.NO_CHANGE) == (not change.significant)
        reverse = trend_in_proportions(proportions[::-1], bases[::-1], alpha)
        assert reverse.p_value == pytest.approx(change.p_value, abs=1e-9)


class TestTrendInValues:
    def test_every_step_down_and_enough_in_all_is_a_decline(self) -> None:
        change = sustained_decline([40.0, 38.0, 37.5, 36.0])
        assert change.direction is Direction.DOWN
        assert change.p_value is None
        assert change.test == "5% rule for a steady run of values"
        assert change.reason == (
            "The value moved the same way every year, a fall over 4 years of at least the "
            "5% needed to call a trend."
        )

    def test_a_step_back_breaks_the_run(self) -> None:
        change = trend_in_values([40.0, 38.0, 39.0, 30.0])
        assert change.direction is Direction.NO_CHANGE
        assert change.reason == (
            "The value did not move the same way in every year over 4 years, "
            "so it is not called a trend."
        )

    def test_a_flat_year_breaks_the_run(self) -> None:
        assert trend_in_values([40.0, 38.0, 38.0, 30.0]).direction is Direction.NO_CHANGE

    def test_a_steady_but_small_fall_is_not_called(self) -> None:
        change = trend_in_values([100.0, 99.0, 98.0, 97.0])
        assert change.direction is Direction.NO_CHANGE
        assert "less than the 5% needed" in change.reason

    def test_exactly_the_threshold_is_called(self) -> None:
        assert trend_in_values([20.0, 20.5, 21.0]).direction is Direction.UP
        assert trend_in_values([100.0, 95.0, 90.0], threshold=0.10).direction is Direction.DOWN
        assert trend_in_values([100.0, 95.0, 91.0], threshold=0.10).direction is (
            Direction.NO_CHANGE
        )

    def test_from_zero_a_steady_run_is_called(self) -> None:
        assert trend_in_values([0.0, 1.0, 2.0]).direction is Direction.UP

    def test_the_reason_quotes_no_values(self) -> None:
        assert "37" not in trend_in_values([41.0, 39.0, 37.0]).reason

    @pytest.mark.parametrize(
        ("values", "threshold", "message"),
        [
            ([1.0], 0.05, "at least two years"),
            ([1.0, math.inf], 0.05, "value 1 must be a finite number"),
            ([1.0, 2.0], -0.1, "threshold"),
        ],
    )
    def test_invalid_inputs_raise(
        self, values: list[float], threshold: float, message: str
    ) -> None:
        with pytest.raises(ValueError, match=message):
            trend_in_values(values, threshold)

    @given(st.lists(st.floats(-1e6, 1e6), min_size=2, max_size=8), st.floats(0, 1))
    def test_a_called_trend_is_monotone(self, values: list[float], threshold: float) -> None:
        change = trend_in_values(values, threshold)
        steps = [b - a for a, b in pairwise(values)]
        if change.direction is Direction.DOWN:
            assert all(step < 0 for step in steps)
        elif change.direction is Direction.UP:
            assert all(step > 0 for step in steps)
