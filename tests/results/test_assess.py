"""Direct tests of the status decision: after protection, on unrounded inputs, worded by code."""

from __future__ import annotations

from charterwatch.measures.rows import ResultRow
from charterwatch.publish.i18n import Catalogue
from charterwatch.results.assess import ChangeRules, assess_series
from charterwatch.results.decide import decide
from charterwatch.results.figure import Comparison, ReasonCode, Status, TestInputs
from charterwatch.stats.settings import DEFAULT_SETTINGS
from charterwatch.wording import reason_text
from tests.results.fixtures import figure, measure, share_inputs, share_row

T = Catalogue()


def test_a_year_compared_with_a_withheld_year_is_not_comparable_and_quotes_nothing() -> None:
    # 5 of 10 in 2020-21 (withheld: numerator small) then 480 of 1,000 in 2021-22
    rows = [share_row("2020-21", 5, 10), share_row("2021-22", 980, 1000)]
    decided = decide([measure()], rows, {}, DEFAULT_SETTINGS, ChangeRules())
    later = next(f for f in decided.figures if f.label == "2021-22")
    assert later.assessment is not None
    assert later.status is Status.NOT_COMPARABLE
    assert later.assessment.reason is ReasonCode.PREVIOUS_WITHHELD
    sentence = reason_text(later.assessment, later.unit, T)
    assert "withheld" in sentence and "50" not in sentence and "percentage points" not in sentence


def test_a_withheld_year_itself_is_not_comparable() -> None:
    rows = [share_row("2020-21", 500, 1000), share_row("2021-22", 14, 15)]
    decided = decide([measure()], rows, {}, DEFAULT_SETTINGS, ChangeRules())
    later = next(f for f in decided.figures if f.label == "2021-22")
    assert later.status is Status.NOT_COMPARABLE and later.assessment is not None
    assert later.assessment.reason is ReasonCode.WITHHELD
    assert later.shortfalls == ()


def test_polarity_neither_gives_changed_not_about_the_same() -> None:
    # referrals 100 to 1,000: a significant change, neither better nor worse
    m = measure(polarity="neither", unit="count", kind="count")
    series = [
        figure("2022-23", 100.0, Comparison.EVENTS, unit="count"),
        figure("2023-24", 1000.0, Comparison.EVENTS, unit="count"),
    ]
    inputs = {f.key: TestInputs(value=f.value, count=int(f.value or 0)) for f in series}
    judged = assess_series(m, series, inputs, ChangeRules())
    assert judged[-1].status is Status.CHANGED


def test_a_small_backlog_falling_to_zero_is_not_better() -> None:
    m = measure(polarity="lower_is_better", unit="count", kind="backlog")
    series = [
        figure("2022-23", 3.0, Comparison.STOCK, unit="count"),
        figure("2023-24", 0.0, Comparison.STOCK, unit="count"),
    ]
    inputs = {f.key: TestInputs(value=f.value, count=int(f.value or 0)) for f in series}
    judged = assess_series(m, series, inputs, ChangeRules())
    assert judged[-1].status is Status.SAME
    assert judged[-1].assessment is not None
    assert judged[-1].assessment.reason is ReasonCode.SMALL_STOCK
    assert judged[-1].assessment.test != "exact binomial test for counts"


def test_a_stock_is_not_tested_as_events() -> None:
    m = measure(polarity="lower_is_better", unit="count", kind="backlog")
    series = [
        figure("2022-23", 400.0, Comparison.STOCK, unit="count"),
        figure("2023-24", 300.0, Comparison.STOCK, unit="count"),
    ]
    inputs = {f.key: TestInputs(value=f.value, count=int(f.value or 0)) for f in series}
    judged = assess_series(m, series, inputs, ChangeRules())
    assert judged[-1].status is Status.BETTER
    assert judged[-1].assessment is not None and "stock" in judged[-1].assessment.test


def test_small_expected_counts_use_an_exact_test_and_say_so() -> None:
    m = measure()
    series = [figure("2022-23", 95.0), figure("2023-24", 80.0)]
    inputs = {series[0].key: share_inputs(19, 20), series[1].key: share_inputs(16, 20)}
    judged = assess_series(m, series, inputs, ChangeRules())
    assessment = judged[-1].assessment
    assert assessment is not None and "Fisher" in assessment.test
    assert "Fisher" in reason_text(assessment, "percent", T)


def test_the_test_runs_on_unrounded_inputs_and_quotes_published_values() -> None:
    m = measure()
    series = [figure("2022-23", 90.0), figure("2023-24", 93.0)]
    inputs = {series[0].key: share_inputs(902, 1000), series[1].key: share_inputs(934, 1000)}
    judged = assess_series(m, series, inputs, ChangeRules())
    assessment = judged[-1].assessment
    assert assessment is not None and assessment.status is Status.BETTER
    sentence = reason_text(assessment, "percent", T)
    assert "90%" in sentence and "93%" in sentence
    assert "90.2" not in sentence and "93.4" not in sentence and "3.2" not in sentence


def test_p_values_never_print_long_decimals() -> None:
    m = measure()
    series = [figure("2022-23", 50.0), figure("2023-24", 54.0)]
    inputs = {series[0].key: share_inputs(500, 1000), series[1].key: share_inputs(544, 1000)}
    assessment = assess_series(m, series, inputs, ChangeRules())[-1].assessment
    assert assessment is not None
    p = str(assessment.params["p"])
    assert p.startswith(("p = ", "p < ")) and len(p.split()[-1]) <= 6, p


def test_the_configured_level_is_used() -> None:
    m = measure()
    series = [figure("2022-23", 90.0), figure("2023-24", 92.0)]
    inputs = {series[0].key: share_inputs(900, 1000), series[1].key: share_inputs(920, 1000)}
    loose = assess_series(m, series, inputs, ChangeRules(alpha=0.2))[-1]
    strict = assess_series(m, series, inputs, ChangeRules(alpha=0.01))[-1]
    assert (loose.status, strict.status) == (Status.BETTER, Status.SAME)


def test_a_break_in_series_stops_the_comparison() -> None:
    m = measure(breaks=[{"year": "2023-24", "reason": "New survey questions."}])
    series = [figure("2022-23", 90.0), figure("2023-24", 70.0)]
    inputs = {series[0].key: share_inputs(900, 1000), series[1].key: share_inputs(700, 1000)}
    judged = assess_series(m, series, inputs, ChangeRules())[-1]
    assert judged.status is Status.NOT_COMPARABLE and judged.assessment is not None
    assert judged.assessment.reason is ReasonCode.BREAK


def test_every_reason_code_has_a_sentence() -> None:
    for code in ReasonCode:
        assert T(f"common.reason.{code.value}")


def test_a_year_after_a_year_with_no_data_is_a_first_year_not_a_withheld_comparison() -> None:
    """A year with no data ([x], "no data for this year") is not withheld: the next year is
    the first figure, and nothing says "withheld to protect confidentiality"."""
    missing = ResultRow(
        measure="M1",
        period="2020-21",
        statistic="value",
        value=None,
        unit="percent",
        symbol="[x]",
        note="no data for this year",
    )
    decided = decide(
        [measure()], [missing, share_row("2021-22", 480, 1000)], {}, DEFAULT_SETTINGS, ChangeRules()
    )
    later = next(f for f in decided.figures if f.label == "2021-22")
    assert later.assessment is not None
    assert later.assessment.reason is ReasonCode.FIRST_YEAR, later.assessment
    assert "withheld" not in reason_text(later.assessment, later.unit, T)
