"""The fair binomial's lower tail from the standard library agrees with scipy's ``bdtr``, and
decides every exact count test the same way at the usual significance levels."""

from __future__ import annotations

import math
import random

import pytest
from scipy.special import bdtr
from scipy.stats import binomtest

from charterwatch.stats.binomial import EXACT_UP_TO, fair_lower_tail
from charterwatch.stats.change import compare_counts


def cases() -> list[tuple[int, int]]:
    rng = random.Random(20261204)
    out = [(0, 1), (0, 2), (1, 2), (0, 10), (5, 10), (3, 7), (0, EXACT_UP_TO + 1)]
    for n in [*range(1, 60), EXACT_UP_TO - 1, EXACT_UP_TO, EXACT_UP_TO + 1, 10**5]:
        out += [(rng.randint(0, n), n) for _ in range(8)]
        half = n // 2
        out += [(max(0, half - d), n) for d in (0, 1, 3, int(n**0.5), 2 * int(n**0.5) + 1)]
    return out


@pytest.mark.parametrize(("k", "n"), cases())
def test_the_tail_agrees_with_scipy(k: int, n: int) -> None:
    expected = float(bdtr(k, n, 0.5))
    assert fair_lower_tail(k, n) == pytest.approx(expected, rel=1e-9, abs=1e-300)


def by_sum_of_logs(k: int, n: int) -> float:
    """P(X <= k), the term at ``k`` from an exactly rounded sum of logarithms (slow, exact to
    about 1e-12): scipy's ``bdtr`` is off by up to 0.3% near the middle at ten million."""
    log_term = math.fsum(math.log((n - k + i) / i) for i in range(1, k + 1)) - n * math.log(2)
    ratio, share = 1.0, 1.0
    for i in range(k, 0, -1):
        ratio *= i / (n - i + 1)
        share += ratio
        if ratio < share * 1e-17:
            break
    return math.exp(log_term + math.log(share))


@pytest.mark.parametrize("k", [4_999_999, 4_993_675])
def test_the_tail_at_ten_million_trials(k: int) -> None:
    assert fair_lower_tail(k, 10**7) == pytest.approx(by_sum_of_logs(k, 10**7), rel=1e-7)


def test_the_exact_test_calls_the_same_changes_as_scipy() -> None:
    rng = random.Random(7)
    for _ in range(400):
        scale = rng.choice([10, 100, 1_000, 10_000, 200_000])
        first = rng.randint(0, scale)
        second = max(0, first + rng.randint(-3, 3) * int(first**0.5 + 1))
        change = compare_counts(first, second)
        if first + second == 0:
            continue
        reference = binomtest(second, first + second, 0.5).pvalue
        assert change.p_value == pytest.approx(reference, rel=1e-9, abs=1e-300)
        for alpha in (0.01, 0.05, 0.1):
            assert (compare_counts(first, second, alpha).significant) == (reference < alpha)


def test_k_outside_zero_to_n_is_refused() -> None:
    with pytest.raises(ValueError, match="between 0 and n"):
        fair_lower_tail(4, 3)
