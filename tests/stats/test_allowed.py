"""What a setting allows: types, ranges, words, and values as a framework file writes them."""

from __future__ import annotations

import pytest

from charterwatch.stats.allowed import Number, Switch, ValueProblem, WholeNumber
from charterwatch.stats.settings import DisclosureSettings


def test_whole_number_type_and_range() -> None:
    rule = WholeNumber(1)
    assert rule.check(5) is None
    assert rule.check(0) == ValueProblem("range", "1 or more")
    assert rule.check(2.5) == ValueProblem("type", "a whole number")
    assert rule.check(True) == ValueProblem("type", "a whole number")
    assert rule.describe() == "a whole number, 1 or more"
    assert WholeNumber(0, 3).describe() == "a whole number, from 0 to 3"


def test_number_open_and_closed_ranges() -> None:
    alpha = Number(above=0, below=1)
    assert alpha.check(0.05) is None
    for bad in (0, 1, 5, float("nan")):
        assert alpha.check(bad) == ValueProblem("range", "more than 0 and less than 1")
    assert Number(minimum=0).check(-0.1) == ValueProblem("range", "0 or more")
    assert Number(optional=True, minimum=0, maximum=100).check(None) is None
    assert Number().check(None) == ValueProblem("type", "a number")


def test_read_takes_numbers_written_as_text() -> None:
    """The YAML reader keeps 0.05 as text, so reading turns number-like text into numbers."""
    assert Number(above=0, below=1).read("0.05") == (0.05, None)
    assert WholeNumber().read("10") == (10, None)
    assert WholeNumber().read("10.5")[1] == ValueProblem("type", "a whole number")
    assert Number().read("high")[1] == ValueProblem("type", "a number")
    assert Switch().read("yes")[1] == ValueProblem("type", "true or false")


def test_invalid_percent_decimals_above_three() -> None:
    with pytest.raises(ValueError, match="percent_decimals must be from 0 to 3; got 4"):
        DisclosureSettings(percent_decimals=4)
