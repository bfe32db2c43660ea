"""The intruder on hand-made published tables: what it must find, and what it must not."""

from __future__ import annotations

import pytest

from charterwatch.results.protect import protect_rows
from charterwatch.review.equations import rounded_range
from charterwatch.review.intruder import FindingKind, IntruderReport, audit_cells
from charterwatch.review.published import PublishedCell
from charterwatch.stats.settings import DEFAULT_SETTINGS, DisclosureSettings

from .adapter import published_cell
from .cases import duration_rows, share_rows


def cell(statistic: str, text: str, unit: str = "count", **extra: object) -> PublishedCell:
    value = float(text) if text.replace(".", "").isdigit() else None
    fields: dict[str, object] = {"breakdown": "all", "group": "all", **extra}
    return PublishedCell(
        measure="M9.01",
        period="2024-25",
        statistic=statistic,
        unit=unit,
        text=text,
        value=value,
        **fields,  # type: ignore[arg-type]
    )


def found(report: IntruderReport, kind: FindingKind = FindingKind.RECOVERABLE) -> dict[str, int]:
    return {f.cell: f.value for f in report.findings if f.kind is kind and f.value is not None}


def test_rounded_range_follows_round_half_up() -> None:
    assert rounded_range(15, 5) == (13, 17)
    assert rounded_range(10, 10) == (5, 14)
    assert rounded_range(0, 5) == (0, 2)
    assert rounded_range(93, 1) == (93, 93)


def test_a_within_standard_share_gives_away_the_one_late_decision() -> None:
    # 11 decisions at 5 working days and 1 at 150: the bands are withheld as one table,
    # but 92% within 10 working days of a base rounded to 10 leaves one decision late.
    published = [
        cell("value", "5", "working_days", base=10),
        cell("band:1-10", "[c]"),
        cell("band:101+", "[c]"),
        cell("within_standard", "92", "percent", base=10, note="within 10 working_days"),
    ]
    report = audit_cells(published)
    assert found(report) == {"band:101+": 1, "within_standard:complement": 1}
    late = next(f for f in report.findings if f.cell == "band:101+")
    assert any("92%" in why for why in late.evidence)
    assert found(report, FindingKind.PINNED) == {"band:1-10": 11}


def test_the_same_case_through_the_real_protection_gives_nothing_away() -> None:
    """Regression: the within-standard share is withheld with its bands (it gave away the
    one slow decision before the results-contract work)."""
    rows = duration_rows([(5, "A")] * 11 + [(150, "A")], standard=10)
    protect_rows(rows, DEFAULT_SETTINGS)
    within = next(r for r in rows if r.statistic == "within_standard" and r.group == "all")
    assert within.symbol == "[c]"
    report = audit_cells([published_cell(r) for r in rows])
    assert report.findings == ()


def test_a_share_of_93_percent_of_a_base_rounded_to_15_gives_away_its_complement() -> None:
    published = [
        cell("band:1-10", "15"),
        cell("value", "3", "working_days", base=15),
        cell("within_standard", "93", "percent", base=15, note="within 7 working_days"),
    ]
    assert found(audit_cells(published)) == {"within_standard:complement": 1}


def test_a_share_of_records_with_a_small_complement_is_found() -> None:
    # 19 of 20 records: 95% with base 20 can only be 19 of 20 (or 18 of 19, 20 of 21...).
    report = audit_cells([cell("value", "95", "percent", base=20)])
    assert found(report) == {"value:complement": 1}


def test_a_withheld_group_is_bounded_by_the_headline_and_the_other_group() -> None:
    # Headline and group A both have bases rounded to 20 (15 to 24 records), so a withheld
    # group B holds 0 to 4 records (a withheld share says only that something is small, so
    # it adds no bound of its own); 50% of those needs an even number: 0, 2 or 4. Small,
    # but not one value: nothing is recoverable.
    published = [
        cell("value", "50", "percent", base=20),
        cell("value", "50", "percent", base=20, breakdown="benefit", group="A"),
        cell("value", "[c]", "percent", breakdown="benefit", group="B"),
    ]
    report = audit_cells(published)
    pinned = [f for f in report.findings if f.kind in (FindingKind.RECOVERABLE, FindingKind.PINNED)]
    assert not [f for f in pinned if f.cell.startswith("benefit=B")], pinned


def test_a_safe_table_gives_no_findings() -> None:
    published = [
        cell("value", "8", "working_days", base=80),
        cell("band:1-10", "50"),
        cell("band:11-20", "30"),
        cell("within_standard", "62", "percent", base=80, note="within 10 working_days"),
        cell("value", "8", "working_days", base=45, breakdown="benefit", group="A"),
        cell("value", "9", "working_days", base=35, breakdown="benefit", group="B"),
    ]
    report = audit_cells(published)
    assert report.findings == ()
    assert report.families == 1


def test_a_safely_suppressed_pair_of_bands_is_not_flagged() -> None:
    published = [
        cell("value", "12", "working_days", base=200),
        cell("band:1-10", "120"),
        cell("band:11-20", "70"),
        cell("band:21-30", "[c]"),
        cell("band:31-40", "[c]"),
    ]
    assert audit_cells(published).findings == ()


def test_figures_that_cannot_all_be_true_are_reported_inconsistent() -> None:
    published = [cell("value", "5", "working_days", base=10), cell("band:1-10", "100")]
    report = audit_cells(published)
    assert [f.kind for f in report.findings] == [FindingKind.INCONSISTENT]


def test_a_share_in_words_is_used() -> None:
    # An unweighted survey share in words: "all" of an exact base of 12 leaves no one.
    published = [
        cell("value", "all", "percent", base=10, effective_base=12.0, survey=True),
    ]
    words = DisclosureSettings(min_base=10, words_below=50)
    assert audit_cells(published, words).findings == ()  # 12 of 12: nothing from 1 to 9
    few = [cell("value", "a few", "percent", base=10, effective_base=12.0, survey=True)]
    assert found(audit_cells(few, words)) == {"value:numerator": 1}
    # With the default settings no share is given in words, so such a table is impossible.
    assert [f.kind for f in audit_cells(published).findings] == [FindingKind.INCONSISTENT]


@pytest.mark.parametrize("hits", [0, 10, 30])
def test_protected_shares_of_a_large_base_are_safe(hits: int) -> None:
    rows = share_rows([(i < hits, "A") for i in range(30)] + [(False, "B")] * 30)
    protect_rows(rows, DEFAULT_SETTINGS)
    assert audit_cells([published_cell(r) for r in rows]).recoverable == ()
