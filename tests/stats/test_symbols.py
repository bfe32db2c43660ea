"""The shorthand symbols: their cell text, meanings, parsing and the key under a table."""

from __future__ import annotations

import re

import pytest

from charterwatch.stats import Symbol
from charterwatch.stats.symbols import is_symbol, symbol_key


def test_there_are_exactly_the_eight_standard_symbols() -> None:
    assert [s.value for s in Symbol] == ["[c]", "[x]", "[z]", "[u]", "[p]", "[r]", "[b]", "[k]"]


@pytest.mark.parametrize(
    ("symbol", "words"),
    [
        (Symbol.CONFIDENTIAL, "confidential"),
        (Symbol.NOT_AVAILABLE, "not available"),
        (Symbol.NOT_APPLICABLE, "not applicable"),
        (Symbol.LOW_RELIABILITY, "low reliability"),
        (Symbol.PROVISIONAL, "provisional"),
        (Symbol.REVISED, "revised"),
        (Symbol.BREAK_IN_SERIES, "break in series"),
        (Symbol.ROUNDS_TO_ZERO, "rounds to zero"),
    ],
)
def test_each_symbol_has_its_standard_meaning(symbol: Symbol, words: str) -> None:
    assert words in symbol.meaning


def test_symbols_are_strings_in_square_brackets() -> None:
    for symbol in Symbol:
        assert re.fullmatch(r"\[[a-z]\]", symbol)
        assert symbol == symbol.value
        assert str(symbol) == symbol.value


def test_meanings_are_distinct() -> None:
    assert len({s.meaning for s in Symbol}) == len(Symbol)


@pytest.mark.parametrize("text", ["[c]", "c", " [C] ", "C"])
def test_parse_accepts_the_usual_spellings(text: str) -> None:
    assert Symbol.parse(text) is Symbol.CONFIDENTIAL


def test_invalid_symbol_names_the_known_ones() -> None:
    with pytest.raises(ValueError, match=r"'\[q\]' is not a shorthand symbol.*\[c\], \[x\]"):
        Symbol.parse("[q]")


def test_is_symbol_is_exact() -> None:
    assert is_symbol("[k]")
    assert not is_symbol("k")
    assert not is_symbol("12")


def test_symbol_key_lists_used_symbols_in_fixed_order() -> None:
    key = symbol_key([Symbol.ROUNDS_TO_ZERO, Symbol.CONFIDENTIAL])
    assert key == (
        f"[c] = {Symbol.CONFIDENTIAL.meaning}",
        f"[k] = {Symbol.ROUNDS_TO_ZERO.meaning}",
    )
    assert len(symbol_key()) == 8
    assert symbol_key([]) == ()
