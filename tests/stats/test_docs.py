"""The methods page documents every symbol, setting, test and word band the code uses, and
the statements on it that can be checked mechanically agree with the code."""

from __future__ import annotations

import re
from pathlib import Path

import ibis
import pytest

from charterwatch.measures.rows import ResultRow
from charterwatch.results.protect import protect_rows
from charterwatch.sources import codes
from charterwatch.sources.shapes import SHAPES
from charterwatch.stats import Symbol, compare_stocks, compare_values, sustained_decline
from charterwatch.stats.change import (
    BINOMIAL_TEST,
    FISHER_TEST,
    MEANS_TEST,
    Z_TEST,
    compare_proportions,
    format_p_value,
)
from charterwatch.stats.disclosure import WORD_BANDS
from charterwatch.stats.intervals import WILSON, WILSON_DEFF
from charterwatch.stats.means import MEAN_METHOD, RATIO_METHOD
from charterwatch.stats.settings import DisclosureSettings, describe_settings
from charterwatch.stats.trend import TREND_TEST

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


METHOD_NAMES = [
    WILSON,
    WILSON_DEFF,
    Z_TEST,
    FISHER_TEST,
    BINOMIAL_TEST,
    MEANS_TEST,
    MEAN_METHOD,
    RATIO_METHOD,
    TREND_TEST,
    compare_stocks(1, 2).test,
    compare_values(1, 2).test,
    sustained_decline([3.0, 2.0, 1.0]).test,
]


@pytest.mark.parametrize("name", METHOD_NAMES)
def test_every_method_name_is_documented(text: str, name: str) -> None:
    assert f"`{name}`" in text


def test_every_p_value_example_is_what_the_code_writes(text: str) -> None:
    flat = " ".join(text.split())
    examples = re.findall(r"(0\.\d+) (?:is|are both) \"(p [=<] [0-9.]+)\"", flat)
    assert len(examples) >= 7
    for value, written in examples:
        assert format_p_value(float(value), 0.05) == written


def test_the_small_numbers_example_names_fisher(text: str) -> None:
    assert compare_proportions(0.9, 10, 0.3, 10).test == FISHER_TEST
    assert "(Fisher's exact test, p = 0.020)" in text
    assert "(Fisher's exact test, p = 0.020)" in compare_proportions(0.9, 10, 0.3, 10).reason
    flat = " ".join(text.split())
    assert "**expected** count" in flat and "**below 5**" in flat


def test_the_backlog_example_holds(text: str) -> None:
    assert "A backlog that falls from 3 to 0 is not a change." in " ".join(text.split())
    assert not compare_stocks(3, 0).significant


def test_the_trend_examples_hold(text: str) -> None:
    slipping = sustained_decline([0.93, 0.91, 0.89, 0.87], [1000.0] * 4)
    assert slipping.direction == "down" and "p < 0.001" in slipping.reason
    assert not compare_proportions(0.93, 1000, 0.91, 1000).significant
    flat = sustained_decline([0.90, 0.92, 0.89, 0.91, 0.90], [1000.0] * 5)
    assert not flat.significant and "p = 0.73" in flat.reason
    assert "is not called (p = 0.73)" in " ".join(text.split())


def test_zero_weights_are_an_error_in_a_survey_file(text: str) -> None:
    weight = next(f for f in SHAPES["survey_responses"].fields if f.name == "weight")
    assert weight.minimum == 0.000001
    assert codes.CODES[codes.BELOW_MINIMUM].level.value == "error"
    assert f"`{codes.BELOW_MINIMUM}`" in text
    assert "must be at least 0.000001" in text


def test_both_engines_interpolate_the_median(text: str) -> None:
    t = ibis.table({"x": "float64"}, name="t")
    expr = t.aggregate(m=t.x.median())
    assert "QUANTILE_CONT" in str(ibis.to_sql(expr, dialect="duckdb")).upper()
    assert "PERCENTILE_CONT" in str(ibis.to_sql(expr, dialect="postgres")).upper()
    assert "`quantile_cont`" in text and "`percentile_cont`" in text
    assert "**mean of the two middle values**" in " ".join(text.split())


def test_interval_ends_are_rounded_like_the_percentage(text: str) -> None:
    row = ResultRow(
        measure="m",
        period="2023-24",
        statistic="value",
        value=94.26,
        unit="percent",
        base=400,
        effective_base=321.57,
        ci_low=91.45,
        ci_high=96.35,
    )
    protect_rows([row], DisclosureSettings(percent_decimals=1))
    assert row.value == 94.3
    assert (row.ci_low, row.ci_high) == (91.5, 96.4)
    assert row.effective_base is None, "effective bases are never published"
    assert row.base == 400
    flat = " ".join(text.split())
    assert "same **`percent_decimals`** as the percentage" in flat
    assert "**never published**" in flat


@pytest.mark.parametrize("words", ["none", "all", *[w for _, w in WORD_BANDS]])
def test_every_word_band_is_documented(text: str, words: str) -> None:
    assert f'"{words}"' in text
