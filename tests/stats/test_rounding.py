"""Round half up for publication, never banker's rounding."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from charterwatch.stats import round_half_up, round_percent
from charterwatch.stats.rounding import format_percent, format_significant, round_decimals


@pytest.mark.parametrize(
    ("value", "base", "expected"),
    [
        (2.5, 1, 3),
        (3.5, 1, 4),
        (2.4999, 1, 2),
        (12.5, 5, 15),
        (12, 5, 10),
        (7.5, 5, 10),
        (7.4, 5, 5),
        (2, 5, 0),
        (2.5, 5, 5),
        (1445, 5, 1445),
        (1447, 5, 1445),
        (1448, 5, 1450),
        (45, 10, 50),
        (44, 10, 40),
        (0, 10, 0),
        (-2.5, 1, -3),
        (-12.5, 5, -15),
        (10**20 + 5, 10, 10**20 + 10),
    ],
)
def test_round_half_up(value: float, base: int, expected: int) -> None:
    assert round_half_up(value, base) == expected


def test_not_bankers_rounding() -> None:
    assert round(2.5) == 2  # what Python does
    assert round_half_up(2.5) == 3  # what a publication does


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [(0.945, 2, 0.95), (1.005, 2, 1.01), (2.675, 2, 2.68), (94.45, 1, 94.5), (0.5, 0, 1.0)],
)
def test_round_decimals_uses_the_decimal_people_see(
    value: float, decimals: int, expected: float
) -> None:
    assert round_decimals(value, decimals) == expected


@pytest.mark.parametrize(
    ("proportion", "decimals", "expected"),
    [
        (0.945, 0, 95.0),
        (0.9449, 0, 94.0),
        (0.005, 0, 1.0),
        (0.0049, 0, 0.0),
        (0.12345, 1, 12.3),
        (0.12355, 1, 12.4),
        (1.0, 0, 100.0),
        (0.0, 0, 0.0),
    ],
)
def test_round_percent_takes_a_proportion(
    proportion: float, decimals: int, expected: float
) -> None:
    assert round_percent(proportion, decimals) == expected


def test_format_percent() -> None:
    assert format_percent(94.0) == "94%"
    assert format_percent(94.0, 1) == "94.0%"


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_invalid_non_finite_values_raise(bad: float) -> None:
    with pytest.raises(ValueError, match="not a finite number"):
        round_half_up(bad, 5)
    with pytest.raises(ValueError, match="not a finite number"):
        round_percent(bad)


@pytest.mark.parametrize("base", [0, -5, 2.5, True])
def test_invalid_base_raises(base: int) -> None:
    with pytest.raises(ValueError, match="positive whole number"):
        round_half_up(12, base)


def test_invalid_decimals_and_values_raise() -> None:
    with pytest.raises(ValueError, match="decimals"):
        round_decimals(1.5, -1)
    with pytest.raises(ValueError, match="expected a number"):
        round_half_up("12", 5)  # type: ignore[arg-type]


@given(value=st.integers(0, 10**9), base=st.integers(1, 100))
def test_result_is_the_nearest_multiple_with_halves_up(value: int, base: int) -> None:
    rounded = round_half_up(value, base)
    assert rounded % base == 0
    assert abs(rounded - value) * 2 <= base
    if abs(rounded - value) * 2 == base:
        assert rounded > value


@given(value=st.floats(-1e12, 1e12), decimals=st.integers(0, 6))
def test_round_decimals_is_within_half_a_unit(value: float, decimals: int) -> None:
    assert (
        abs(round_decimals(value, decimals) - value)
        <= 0.5 * 10**-decimals * (1 + 1e-9) + abs(value) * 1e-15
    )


def test_the_three_cases_the_issue_names() -> None:
    assert round(20.25, 1) == 20.2  # what Python does: the binary value is just below 20.25
    assert round_decimals(20.25, 1) == 20.3
    assert round_percent(189 / 200) == 95.0
    assert round_half_up(-2.5) == -3
    assert round_decimals(-2.5) == -3.0


@pytest.mark.parametrize(
    ("value", "figures", "expected"),
    [
        (0.0496, 2, "0.050"),
        (0.0496, 3, "0.0496"),
        (0.8, 2, "0.80"),
        (0.0996, 2, "0.10"),
        (0.00125, 2, "0.0013"),
        (0.999, 2, "1.0"),
        (1.0, 2, "1.0"),
        (20.25, 3, "20.3"),
        (123456.0, 2, "120000"),
        (-0.0125, 2, "-0.013"),
        (0.0, 2, "0.0"),
        (0.0, 1, "0"),
    ],
)
def test_format_significant(value: float, figures: int, expected: str) -> None:
    assert format_significant(value, figures) == expected


@pytest.mark.parametrize("figures", [0, -1, True, 1.5])
def test_invalid_significant_figures_raise(figures: int) -> None:
    with pytest.raises(ValueError, match="figures must be a whole number 1 or more"):
        format_significant(0.5, figures)


@given(value=st.floats(1e-6, 1e6), figures=st.integers(1, 6))
def test_format_significant_keeps_the_figures(value: float, figures: int) -> None:
    text = format_significant(value, figures)
    assert len(text.replace(".", "").lstrip("0")) in (figures, len(str(int(float(text)))))
    assert abs(float(text) - value) <= abs(value) * 10 ** (1 - figures) / 2 * (1 + 1e-9)
