"""Publishing survey percentages: suppression by base, words, rounding, [k] and [x]."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from charterwatch.stats import (
    DisclosureSettings,
    Symbol,
    proportion_in_words,
    protect_proportion,
    round_base,
)
from charterwatch.stats.disclosure import WORD_BANDS

PANEL = DisclosureSettings(min_base=10, words_below=50)


def test_a_large_base_is_published_as_a_whole_percentage() -> None:
    published = protect_proportion(0.944, 123)
    assert published.text == "94%"
    assert published.percent == 94.0
    assert published.base == 120
    assert published.base_text == "120"
    assert published.symbol is None
    assert not published.in_words


def test_half_percent_rounds_up() -> None:
    assert protect_proportion(0.945, 7534).text == "95%"
    assert protect_proportion(0.005, 7534).text == "1%"


def test_base_below_min_base_is_suppressed() -> None:
    published = protect_proportion(0.9, 49)
    assert published.text == "[c]"
    assert published.symbol is Symbol.CONFIDENTIAL
    assert published.percent is None
    assert published.base == 50
    assert published.reason == "suppressed: fewer than 50 people answered"
    assert "49" not in published.reason


def test_base_at_min_base_is_published() -> None:
    assert protect_proportion(0.9, 50).text == "90%"


def test_no_respondents_is_not_available() -> None:
    published = protect_proportion(0.0, 0)
    assert published.text == "[x]"
    assert published.symbol is Symbol.NOT_AVAILABLE
    assert published.base_text == "0"


def test_with_default_settings_words_are_never_used() -> None:
    for base in range(1, 200):
        assert not protect_proportion(0.7, base).in_words


def test_words_for_small_groups_when_configured() -> None:
    published = protect_proportion(0.7, 25, PANEL)
    assert published.text == "most"
    assert published.in_words
    assert published.percent is None
    assert published.base == 30
    assert published.reason == "in words: fewer than 50 people answered"
    assert protect_proportion(0.7, 9, PANEL).text == "[c]"
    assert protect_proportion(0.7, 50, PANEL).text == "70%"


def test_above_zero_but_rounds_to_zero_is_k() -> None:
    published = protect_proportion(0.004, 1000)
    assert published.text == "[k]"
    assert published.symbol is Symbol.ROUNDS_TO_ZERO
    assert protect_proportion(0.0, 1000).text == "0%"


def test_decimals_are_configurable() -> None:
    settings = DisclosureSettings(percent_decimals=1)
    assert protect_proportion(0.9449, 500, settings).text == "94.5%"
    assert protect_proportion(0.94, 500, settings).text == "94.0%"
    assert protect_proportion(0.0004, 500, settings).text == "[k]"


def test_a_positive_base_that_rounds_to_zero_is_k() -> None:
    settings = DisclosureSettings(min_base=0, words_below=0)
    published = protect_proportion(1.0, 3, settings)
    assert published.text == "100%"
    assert published.base == 0
    assert published.base_text == "[k]"


@pytest.mark.parametrize(
    ("p", "base", "message"),
    [
        (1.2, 100, "between 0 and 1"),
        (-0.1, 100, "between 0 and 1"),
        (math.nan, 100, "between 0 and 1"),
        (0.5, -1, "base must be 0 or more"),
        (0.5, 10.5, "base must be a whole number"),
    ],
)
def test_invalid_inputs_raise(p: float, base: int, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        protect_proportion(p, base)


def test_round_base() -> None:
    assert round_base(7534) == 7530
    assert round_base(45) == 50
    assert round_base(44) == 40
    assert round_base(44, DisclosureSettings(round_bases_to=5)) == 45
    with pytest.raises(ValueError, match="base"):
        round_base(-1)


@pytest.mark.parametrize(
    ("p", "words"),
    [
        (0.0, "none"),
        (1e-9, "a few"),
        (0.149, "a few"),
        (0.15, "some"),
        (0.399, "some"),
        (0.4, "about half"),
        (0.5, "about half"),
        (0.599, "about half"),
        (0.6, "most"),
        (0.899, "most"),
        (0.9, "almost all"),
        (0.999, "almost all"),
        (1.0, "all"),
    ],
)
def test_proportion_in_words(p: float, words: str) -> None:
    assert proportion_in_words(p) == words


@pytest.mark.parametrize("p", [-0.01, 1.01, math.nan, math.inf])
def test_invalid_proportion_in_words_raises(p: float) -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        proportion_in_words(p)


def test_word_bands_run_from_highest_to_zero() -> None:
    lows = [low for low, _ in WORD_BANDS]
    assert lows == sorted(lows, reverse=True)
    assert lows[-1] == 0.0


@given(p=st.floats(0, 1), q=st.floats(0, 1))
def test_words_never_go_down_as_the_proportion_goes_up(p: float, q: float) -> None:
    scale = ["none", "a few", "some", "about half", "most", "almost all", "all"]
    low, high = sorted((p, q))
    assert scale.index(proportion_in_words(low)) <= scale.index(proportion_in_words(high))


@given(
    p=st.floats(0, 1),
    base=st.integers(0, 100_000),
    min_base=st.integers(0, 200),
    words_below=st.integers(0, 200),
    decimals=st.integers(0, 2),
)
def test_never_a_number_for_a_small_base(
    p: float, base: int, min_base: int, words_below: int, decimals: int
) -> None:
    settings = DisclosureSettings(
        min_base=min_base, words_below=words_below, percent_decimals=decimals
    )
    published = protect_proportion(p, base, settings)
    if base == 0:
        assert published.text == "[x]"
    elif base < min_base:
        assert published.text == "[c]"
        assert published.percent is None
    elif base < words_below:
        assert published.in_words
        assert published.percent is None
    else:
        assert published.percent is not None
        assert abs(published.percent - 100 * p) <= 0.5 * 10**-decimals + 1e-9
    assert published.base % settings.round_bases_to == 0
