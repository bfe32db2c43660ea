"""Exact draws: counts for percentages, exact means, exact medians and limits, working days."""

from __future__ import annotations

import statistics
from datetime import date

import numpy as np
import pytest

from charterwatch.dates import WorkingDayCalendar
from charterwatch.synthetic.answers import Share, allocate
from charterwatch.synthetic.dates import DayMaker
from charterwatch.synthetic.draws import (
    AtMost,
    Infeasible,
    count_for_percent,
    draw_from,
    integers_with_mean,
    lognormal_pmf,
    median_limits,
    meet_limits,
    rounds_to,
    split_counts,
    stream,
)


def test_streams_are_stable_and_independent() -> None:
    a = stream(2019, "calls", "2021-22").integers(0, 1_000_000, size=3)
    b = stream(2019, "calls", "2021-22").integers(0, 1_000_000, size=3)
    c = stream(2019, "calls", "2022-23").integers(0, 1_000_000, size=3)
    assert a.tolist() == b.tolist() != c.tolist()


@pytest.mark.parametrize("base", [100, 101, 137, 999, 7534])
@pytest.mark.parametrize("percent", [0, 1, 14.8, 50, 87, 93.5, 97, 100])
def test_count_for_percent_rounds_back(base: int, percent: float) -> None:
    k = count_for_percent(base, percent)
    places = 1 if percent != int(percent) else 0
    if places == 0 or base >= 1000:
        assert rounds_to(100 * k / base, percent, places)


def test_split_counts_is_exact_and_fair() -> None:
    assert split_counts(10, [1, 1, 1]) == [4, 3, 3]
    assert sum(split_counts(7534, [55, 45, 0, 3])) == 7534
    with pytest.raises(ValueError):
        split_counts(3, [0, 0])


@pytest.mark.parametrize("mean", [16, 351, 658, 1337])
def test_integers_with_mean_is_exact(mean: int) -> None:
    values = integers_with_mean(np.random.default_rng(1), 2501, mean, spread=1.2)
    assert values.min() >= 0
    assert values.sum() == mean * 2501


@pytest.mark.parametrize("n", [1, 2, 57, 250, 1000])
@pytest.mark.parametrize("median", [3, 29, 79])
def test_limits_give_an_exact_median_and_share(n: int, median: int) -> None:
    rng = np.random.default_rng(n + median)
    pmfs = [lognormal_pmf(median * 1.3, 0.6, 400), lognormal_pmf(4, 0.5, 400)]
    cells = (np.arange(n) % 7 == 0).astype(np.int64)
    values = np.concatenate([draw_from(rng, pmfs[int(c)], 1) for c in cells])
    fixed = draw_from(rng, pmfs[0], n // 3)
    total = n + fixed.size
    limits = median_limits(total, median)
    out = meet_limits(rng, values, cells, pmfs, limits, fixed)
    assert statistics.median([*out.tolist(), *fixed.tolist()]) == median


def test_contradicting_limits_are_refused() -> None:
    rng = np.random.default_rng(0)
    pmf = lognormal_pmf(10, 0.5, 100)
    with pytest.raises(Infeasible):
        meet_limits(
            rng,
            draw_from(rng, pmf, 10),
            np.zeros(10, dtype=np.int64),
            [pmf],
            [AtMost(5, 8), AtMost(20, 4)],
        )


def test_answers_meet_disjoint_and_nested_shares() -> None:
    scale = [
        "strongly agree",
        "agree",
        "neither agree nor disagree",
        "disagree",
        "strongly disagree",
    ]
    agree = frozenset(scale[:2])
    result = allocate(
        scale,
        1000,
        [
            Share(frozenset(scale[3:]), 21),
            Share(agree, 70),
            Share(frozenset(["strongly agree"]), 40),
        ],
        {"strongly agree": 55, "agree": 45},
    )
    counts = result.counts
    assert sum(counts.values()) == 1000
    assert counts["disagree"] + counts["strongly disagree"] == 210
    assert counts["strongly agree"] + counts["agree"] == 700
    assert counts["strongly agree"] == 400
    assert result.moved == []


def test_a_share_that_cannot_fit_is_moved_and_reported() -> None:
    result = allocate(
        ["yes", "no"], 200, [Share(frozenset(["yes"]), 70), Share(frozenset(["no"]), 40, "b")], {}
    )
    assert result.counts == {"yes": 140, "no": 60}
    assert result.moved == [("b", 40, 30.0)]


def test_dates_count_exactly_under_the_working_day_rule() -> None:
    calendar = WorkingDayCalendar(country="GB", subdivision="SCT")  # the example's region
    days = DayMaker(calendar)
    rng = np.random.default_rng(3)
    ends = days.spread(rng, 3000, date(2019, 4, 1), date(2025, 3, 31), working_only=False)
    waits = rng.integers(0, 150, size=ends.size)
    starts = days.before_working(ends, waits, rng, chance=0.5)
    assert calendar.working_days_between_arrays(starts, ends).tolist() == waits.tolist()
    assert (starts <= ends).all()
    later = days.after_working(starts, waits)
    assert calendar.working_days_between_arrays(starts, later).tolist() == waits.tolist()
    # the one-off bank holidays are not working days
    one_offs = np.array(["2022-09-19", "2023-05-08"], dtype="datetime64[D]")
    assert not days.is_working(one_offs).any()
    assert days.working_days_between(
        np.array(["2022-09-16"], dtype="datetime64[D]"),
        np.array(["2022-09-20"], dtype="datetime64[D]"),
    ).tolist() == [1]
