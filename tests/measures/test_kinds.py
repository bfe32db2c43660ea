"""Every measure kind on hand-checked data, before disclosure control, on DuckDB."""

from __future__ import annotations

import pytest

from charterwatch.measures.kinds.duration import band_label
from charterwatch.measures.rows import ResultRow
from charterwatch.pipeline import Pipeline
from tests.measures.conftest import raw_rows

YEARS = ["2021-22", "2022-23"]


def find(
    rows: list[ResultRow],
    measure: str,
    period: str,
    statistic: str = "value",
    breakdown: str = "all",
    group: str = "all",
) -> ResultRow:
    matches = [r for r in rows if r.key == (measure, period, breakdown, group, statistic)]
    assert len(matches) == 1, f"{measure} {period} {statistic} {group}: {matches}"
    return matches[0]


@pytest.fixture
def rows(measured: Pipeline) -> list[ResultRow]:
    return raw_rows(measured, None, YEARS)


def test_survey_proportion_with_wilson_interval_and_valid_base(rows: list[ResultRow]) -> None:
    r = find(rows, "KIND", "2022-23")
    assert r.value == pytest.approx(90.0)
    assert r.base == 100  # "don't know" is left out of the base
    assert r.ci_low == pytest.approx(82.56, abs=0.01) and r.ci_high == pytest.approx(
        94.48, abs=0.01
    )
    assert r.ci_low < r.value < r.ci_high
    by_benefit = find(rows, "KIND", "2022-23", breakdown="benefit", group="ADP")
    assert by_benefit.base == 50


def test_duration_counts_working_days_across_the_state_funeral(rows: list[ResultRow]) -> None:
    # 2022-23 decisions: A1 Fri 16 Sep -> Tue 20 Sep 2022 = 1 (Mon 19 Sep was a bank holiday),
    # A2 Wed 1 Jun -> Mon 6 Jun = 1 (Thu 2 and Fri 3 Jun 2022 were jubilee bank holidays),
    # A3 1 Jun -> Wed 8 Jun = 3, A4 Mon 2 Jan 2023 (a holiday) -> Tue 31 Jan = 20.
    assert find(rows, "TIME", "2022-23").value == pytest.approx(2.0)  # median of 1, 1, 3, 20
    assert find(rows, "TIME", "2022-23", "band:1-10").value == 3
    assert find(rows, "TIME", "2022-23", "band:11-20").value == 1
    assert find(rows, "TIME", "2022-23", "within_standard").value == pytest.approx(75.0)
    assert find(rows, "TIME", "2021-22").value == pytest.approx(1.0)
    assert find(rows, "TIME", "2022-23", breakdown="benefit", group="ADP").value == 1.0


def test_band_labels() -> None:
    assert [band_label(d) for d in (0, 1, 10, 11, 100, 101, 500)] == [
        "0",
        "1-10",
        "1-10",
        "11-20",
        "91-100",
        "101+",
        "101+",
    ]


def test_mean_of_a_duration_column(rows: list[ResultRow]) -> None:
    assert find(rows, "WAIT", "2022-23").value == pytest.approx(20.0)


def test_count_share_and_backlog(rows: list[ResultRow]) -> None:
    assert find(rows, "COUNT", "2022-23").value == 5
    assert find(rows, "COUNT", "2021-22").value == 1
    assert find(rows, "COUNT", "2022-23", breakdown="benefit", group="SCP").value == 2
    assert find(rows, "SHARE", "2022-23").value == pytest.approx(75.0)  # 3 of 4 approved
    assert find(rows, "OPEN", "2022-23").value == 1
    assert find(rows, "OPEN", "2021-22").value == 0


def test_deadline_rules_by_benefit(rows: list[ResultRow]) -> None:
    # ADP: 56 calendar days from 1 May 2022 is 26 June: R1 on time, R2 late.
    # BSG: 16 working days from Thu 1 Sep 2022, skipping Mon 19 Sep, end on Mon 26 Sep: R3
    # (Fri 23 Sep, 15 days) on time, R4 (Tue 27 Sep, 17 days) late. R5: from Wed 31 Aug the
    # 16th working day is Fri 23 Sep; decided Sat 24 Sep, still 16 working days, but late.
    r = find(rows, "LATE", "2022-23")
    assert r.value == pytest.approx(40.0) and r.base == 5


def test_measure_without_data_is_reported_not_dropped(rows: list[ResultRow]) -> None:
    for year in YEARS:
        r = find(rows, "NONE", year)
        assert r.value is None and r.symbol == "[x]" and "no data" in r.note
