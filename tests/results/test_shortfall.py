"""The one shortfall rule: each reason, each switch, and what it does not flag."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

from charterwatch.results.assess import ChangeRules, assess_series
from charterwatch.results.figure import Comparison, Figure, ShortfallReason, TestInputs
from charterwatch.results.shortfall import ShortfallRule, decide_shortfalls
from tests.results.fixtures import figure, measure, share_inputs

DEFAULT_RULE = ShortfallRule()


def judge(
    m: object, values: list[tuple[str, int, int]], rule: ShortfallRule = DEFAULT_RULE
) -> list[Figure]:
    series = [figure(y, round(100 * h / b)) for y, h, b in values]
    inputs = {f.key: share_inputs(h, b) for f, (_, h, b) in zip(series, values, strict=True)}
    assessed = assess_series(m, series, inputs, ChangeRules(), rule.legal_limit_target)  # type: ignore[arg-type]
    return decide_shortfalls(m, assessed, inputs, rule, ChangeRules())  # type: ignore[arg-type]


def reasons(f: Figure) -> set[ShortfallReason]:
    return {s.reason for s in f.shortfalls}


def test_a_slow_decline_over_three_years_is_a_shortfall() -> None:
    # 93% to 87% in three steps of 2 points on about 1,000: no single step is significant
    years = [
        ("2020-21", 930, 1000),
        ("2021-22", 910, 1000),
        ("2022-23", 890, 1000),
        ("2023-24", 870, 1000),
    ]
    judged = judge(measure(), years)
    assert reasons(judged[-1]) == {ShortfallReason.SUSTAINED_DECLINE}
    assert not any(reasons(f) for f in judged[:-1])
    off = judge(measure(), years, ShortfallRule(sustained_decline=False))
    assert reasons(off[-1]) == set()


def test_a_flat_noisy_series_is_not_a_decline() -> None:
    years = [
        ("2020-21", 900, 1000),
        ("2021-22", 910, 1000),
        ("2022-23", 895, 1000),
        ("2023-24", 905, 1000),
    ]
    assert not any(reasons(f) for f in judge(measure(), years))


def test_worse_than_last_year_is_switchable() -> None:
    years = [("2022-23", 900, 1000), ("2023-24", 800, 1000)]
    assert ShortfallReason.WORSE in reasons(judge(measure(), years)[-1])
    off = judge(measure(), years, ShortfallRule(worse_than_last_year=False))
    assert ShortfallReason.WORSE not in reasons(off[-1])


def test_a_missed_legal_time_limit_is_a_shortfall() -> None:
    # M2.04 at 85%: the limit is the law, so its target is 100%
    m = measure(
        kind="deadline_compliance", params={"process": "redetermination", "start": "a", "end": "b"}
    )
    judged = judge(m, [("2023-24", 850, 1000)])
    assert reasons(judged[-1]) == {ShortfallReason.MISSES_LEGAL_LIMIT}
    assert judged[-1].standard is not None and judged[-1].standard.target == 100.0
    relaxed = judge(m, [("2023-24", 850, 1000)], ShortfallRule(legal_limit_target=80.0))
    assert reasons(relaxed[-1]) == set()
    service = measure(
        kind="deadline_compliance",
        params={"process": "complaint", "start": "a", "end": "b", "legal_limit": False},
    )
    assert reasons(judge(service, [("2023-24", 850, 1000)])[-1]) == set()


def test_a_missed_service_standard_is_a_shortfall() -> None:
    m = measure(
        polarity="lower_is_better",
        unit="working_days",
        kind="duration",
        service_standard={"value": 10, "unit": "working_days"},
    )
    f = figure("2023-24", 12.0, Comparison.VALUE, unit="working_days")
    assessed = assess_series(m, [f], {f.key: TestInputs(value=12.0)}, ChangeRules())
    judged = decide_shortfalls(m, assessed, {}, ShortfallRule(), ChangeRules())
    assert reasons(judged[-1]) == {ShortfallReason.MISSES_STANDARD}
    off = decide_shortfalls(m, assessed, {}, ShortfallRule(misses_standard=False), ChangeRules())
    assert reasons(off[-1]) == set()


def test_an_analyst_flag_is_a_shortfall_of_its_year_only() -> None:
    flag = SimpleNamespace(measure="M1", year="2023-24", reason="data incomplete")
    series = [figure("2022-23", 90.0), figure("2023-24", 90.0)]
    judged = decide_shortfalls(measure(), series, {}, ShortfallRule(), ChangeRules(), [flag])
    assert [reasons(f) for f in judged] == [set(), {ShortfallReason.ANALYST_FLAG}]


def test_a_withheld_figure_is_never_a_shortfall() -> None:
    m = measure(
        kind="deadline_compliance", params={"process": "redetermination", "start": "a", "end": "b"}
    )
    withheld = replace(figure("2023-24", None), symbol="[c]")
    assessed = assess_series(m, [withheld], {}, ChangeRules())
    assert decide_shortfalls(m, assessed, {}, ShortfallRule(), ChangeRules())[0].shortfalls == ()


def test_below_a_floor_only_when_set() -> None:
    years = [("2023-24", 700, 1000)]
    assert reasons(judge(measure(), years)[-1]) == set()
    floored = judge(measure(), years, ShortfallRule(below_percent=75))
    assert reasons(floored[-1]) == {ShortfallReason.BELOW_FLOOR}
