"""Direct tests of disclosure control on computed rows: every example the review found."""

from __future__ import annotations

from charterwatch.measures.rows import ResultRow
from charterwatch.results.protect import protect_rows
from charterwatch.stats.settings import DEFAULT_SETTINGS, DisclosureSettings
from tests.results.fixtures import share_row
from tests.review.cases import duration_rows


def test_a_share_whose_complement_is_small_is_withheld() -> None:
    # terminal illness 2021-22: "93%, base 15" was 14 of 15, so one person
    row = share_row("2021-22", 14, 15)
    suppressed = protect_rows([row], DEFAULT_SETTINGS)
    assert row.value is None and row.symbol == "[c]" and row.base is None
    assert suppressed and "14 of 15" in suppressed[0][1], "the audit keeps the raw count"
    assert "14" not in row.note and "15" not in row.note, "the published note quotes nothing"


def test_a_share_whose_numerator_is_small_is_withheld() -> None:
    # appeals 2020-21: "50%, base 10" was 5 appeals
    row = share_row("2020-21", 5, 10)
    protect_rows([row], DEFAULT_SETTINGS)
    assert row.symbol == "[c]"


def test_a_share_with_large_numerator_and_complement_is_published_rounded() -> None:
    row = share_row("2022-23", 189, 200)
    protect_rows([row], DEFAULT_SETTINGS)
    assert row.value == 95.0, "189/200 is 94.5%, rounded half up to 95 (not 94)"
    assert row.base == 200


def test_zero_and_all_are_not_small() -> None:
    none, every = share_row("2022-23", 0, 40), share_row("2022-23", 40, 40)
    protect_rows([none, every], DEFAULT_SETTINGS)
    assert (none.value, every.value) == (0.0, 100.0)
    hidden = share_row("2022-23", 0, 40)
    protect_rows([hidden], DisclosureSettings(suppress_zeros=True))
    assert hidden.symbol == "[c]"


def test_a_within_standard_share_is_withheld_with_its_bands() -> None:
    # 11 decisions at 5 working days and 1 at 150: "92%, base 10" fitted only 11 of 12
    rows = duration_rows([(5, "A")] * 11 + [(150, "A")], standard=10)
    protect_rows(rows, DEFAULT_SETTINGS)
    within = [r for r in rows if r.statistic == "within_standard"]
    bands = [r for r in rows if r.statistic.startswith("band:")]
    assert within and all(r.symbol == "[c]" and r.value is None for r in within)
    assert all(r.symbol == "[c]" for r in bands)


def test_exact_and_effective_bases_are_never_published() -> None:
    survey = ResultRow(
        measure="M1",
        period="2023-24",
        statistic="value",
        value=90.0,
        unit="percent",
        base=1234,
        effective_base=1234.0,
        ci_low=88.2,
        ci_high=91.6,
        status_inputs={"estimate": 0.9, "effective_base": 1234.0},
    )
    protect_rows([survey], DEFAULT_SETTINGS)
    assert survey.base == 1230 and survey.effective_base is None
    assert (survey.ci_low, survey.ci_high) == (88.0, 92.0)


def test_medians_and_rates_round_half_up_in_decimal() -> None:
    median = ResultRow("M1", "2023-24", "value", 20.25, "working_days", base=40)
    rate = ResultRow("M1", "2023-24", "value", 0.15, "rate")
    protect_rows([median, rate], DEFAULT_SETTINGS)
    assert median.value == 20.3, "binary round(20.25, 1) gives 20.2"
    assert rate.value == 0.2
    assert median.base == 40


def test_a_value_on_few_cases_is_withheld() -> None:
    median = ResultRow("M1", "2023-24", "value", 32.0, "working_days", base=6)
    protect_rows([median], DEFAULT_SETTINGS)
    assert median.value is None and median.symbol == "[c]" and median.base is None


def test_published_figures_keep_their_published_form() -> None:
    row = share_row("2023-24", 3, 7, provenance={"published_figure": "F1"})
    protect_rows([row], DEFAULT_SETTINGS)
    assert row.value == 100.0 * 3 / 7 and row.symbol == ""
