"""The methods page documents every symbol, setting, test and word band the code uses."""

from __future__ import annotations

from pathlib import Path

import pytest

from charterwatch.stats import Symbol
from charterwatch.stats.change import BINOMIAL_TEST, Z_TEST
from charterwatch.stats.disclosure import WORD_BANDS
from charterwatch.stats.intervals import WILSON, WILSON_DEFF
from charterwatch.stats.settings import describe_settings

METHODS = Path(__file__).resolve().parents[2] / "docs" / "methods-statistics.md"


@pytest.fixture(scope="module")
def text() -> str:
    return METHODS.read_text(encoding="utf-8")


@pytest.mark.parametrize("symbol", list(Symbol))
def test_every_symbol_is_documented(text: str, symbol: Symbol) -> None:
    assert f"`{symbol.value}`" in text


@pytest.mark.parametrize(("name", "default"), [(n, d) for n, d, _ in describe_settings()])
def test_every_setting_is_documented_with_its_default(
    text: str, name: str, default: object
) -> None:
    shown = str(default).lower() if isinstance(default, bool) else str(default)
    assert f"| `{name}` | {shown} |" in text


@pytest.mark.parametrize("name", [WILSON, WILSON_DEFF, Z_TEST, BINOMIAL_TEST])
def test_every_method_name_is_documented(text: str, name: str) -> None:
    assert name in text


@pytest.mark.parametrize("words", ["none", "all", *[w for _, w in WORD_BANDS]])
def test_every_word_band_is_documented(text: str, words: str) -> None:
    assert f'"{words}"' in text
