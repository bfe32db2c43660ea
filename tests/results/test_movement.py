"""'Since this action started': the same tests as the statuses, on unrounded inputs."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from charterwatch.results.assess import ChangeRules
from charterwatch.results.figure import Comparison, TestInputs
from charterwatch.results.movement import Movement, movement_since
from tests.results.fixtures import figure, measure, share_inputs

ACTION = SimpleNamespace(start=dt.date(2022, 9, 1))


def test_rounded_counts_are_not_tested_unrounded_ones_are() -> None:
    # 11 to 23 events: p = 0.058, not significant; rounded to 10 and 25 it would be "worse"
    m = measure(polarity="lower_is_better", unit="count", kind="count")
    series = [
        figure("2022-23", 10.0, Comparison.EVENTS, unit="count"),
        figure("2023-24", 25.0, Comparison.EVENTS, unit="count"),
    ]
    inputs = {
        "2022-23": TestInputs(value=11.0, count=11),
        "2023-24": TestInputs(value=23.0, count=23),
    }
    moved = movement_since(ACTION, m, series, inputs)  # type: ignore[arg-type]
    assert moved is not None and moved.movement is Movement.NOT_SIGNIFICANT


def test_polarity_neither_is_changed_not_improved() -> None:
    m = measure(polarity="neither", unit="count", kind="count")
    series = [
        figure("2022-23", 100.0, Comparison.EVENTS, unit="count"),
        figure("2023-24", 1000.0, Comparison.EVENTS, unit="count"),
    ]
    inputs = {"2022-23": TestInputs(count=100), "2023-24": TestInputs(count=1000)}
    moved = movement_since(ACTION, m, series, inputs)  # type: ignore[arg-type]
    assert moved is not None and moved.movement is Movement.CHANGED


def test_a_break_since_the_action_started_stops_the_comparison() -> None:
    m = measure(breaks=[{"year": "2023-24", "reason": "New questions."}])
    series = [figure("2022-23", 90.0), figure("2023-24", 70.0)]
    inputs = {"2022-23": share_inputs(900, 1000), "2023-24": share_inputs(700, 1000)}
    moved = movement_since(ACTION, m, series, inputs)  # type: ignore[arg-type]
    assert moved is not None and moved.movement is Movement.BREAK


def test_the_configured_level_is_used() -> None:
    m = measure()
    series = [figure("2022-23", 90.0), figure("2023-24", 92.0)]
    inputs = {"2022-23": share_inputs(900, 1000), "2023-24": share_inputs(920, 1000)}
    loose = movement_since(ACTION, m, series, inputs, ChangeRules(alpha=0.2))  # type: ignore[arg-type]
    strict = movement_since(ACTION, m, series, inputs, ChangeRules(alpha=0.01))  # type: ignore[arg-type]
    assert loose is not None and strict is not None
    assert (loose.movement, strict.movement) == (Movement.IMPROVED, Movement.NOT_SIGNIFICANT)


def test_nothing_to_say_without_a_published_start_year() -> None:
    m = measure()
    series = [figure("2023-24", 90.0)]
    assert movement_since(ACTION, m, series, {"2023-24": share_inputs(900, 1000)}) is None  # type: ignore[arg-type]
