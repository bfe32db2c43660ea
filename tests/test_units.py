"""How figures read with their units: one home (charterwatch.units) for every output."""

from __future__ import annotations

import pytest

from charterwatch.measures.rows import ResultRow
from charterwatch.results.protect import protect_rows
from charterwatch.stats.settings import DisclosureSettings
from charterwatch.units import (
    currency_of,
    decimals_of,
    money,
    published_value,
    resolved_unit,
    value_text,
)


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (3.6, "hours", "3.6 hours"),
        (1.0, "hours", "1 hour"),
        (45.0, "minutes", "45 minutes"),
        (12.5, "minutes", "12.5 minutes"),
        (12.0, "calendar_days", "12 days"),
        (1.0, "calendar_days", "1 day"),
        (10.0, "working_days", "10 working days"),
        (1.0, "working_days", "1 working day"),
        (12.3, "per_1000", "12.3 per 1,000"),
        (1234.0, "per_1000", "1,234 per 1,000"),
        (81.47, "gbp", "£81.47"),
        (81.47, "money:GBP", "£81.47"),
        (81.47, "money", "£81.47"),
        (81.47, "money:EUR", "€81.47"),
        (81.47, "money:USD", "$81.47"),
        (81.47, "money:NOK", "81.47 NOK"),
        (1234567.0, "money:GBP", "£1,234,567.00"),
        (-5.0, "money:GBP", "-£5.00"),
        (0.004, "money:GBP", "£0.00"),
        (13680.0, "seconds", "228 min 00 s"),
        (94.0, "percent", "94%"),
        (1.0, "evidence", "1 piece of evidence"),
    ],
)
def test_a_figure_reads_in_its_unit(value: float, unit: str, text: str) -> None:
    assert value_text(value, unit) == text


def test_a_withheld_figure_reads_as_its_symbol() -> None:
    assert value_text(None, "money:EUR", "[c]") == "[c]"


def test_money_takes_its_currency_into_the_stored_unit() -> None:
    assert resolved_unit("money", "EUR") == "money:EUR"
    assert resolved_unit("money", None) == "money:GBP"
    assert resolved_unit("hours", "EUR") == "hours"
    assert [currency_of(u) for u in ("gbp", "money:EUR", "hours")] == ["GBP", "EUR", None]
    assert money(81.465) == "£81.47", "halves go up, in decimal"


def test_money_keeps_the_pennies_and_other_values_one_decimal() -> None:
    assert decimals_of("money:EUR") == decimals_of("gbp") == 2
    assert decimals_of("hours") == 1
    assert published_value(81.47000000000097, "money:GBP") == 81.47
    assert published_value(3.6000000000000396, "hours") == 3.6


def row(value: float, unit: str, base: int, **inputs: object) -> ResultRow:
    return ResultRow("M", "2022-23", "value", value, unit, base=base, status_inputs=dict(inputs))


def test_disclosure_control_publishes_money_to_the_penny() -> None:
    cost = row(81.46999, "money:GBP", 3000, comparison="means", standard_error=0.03)
    cost.ci_low, cost.ci_high = 81.41739, 81.52261
    protect_rows([cost], DisclosureSettings())
    assert (cost.value, cost.ci_low, cost.ci_high, cost.base) == (81.47, 81.42, 81.52, 3000)


def test_a_ratio_of_sums_is_protected_as_a_value_not_as_a_share_of_records() -> None:
    # 97.54% of rent collected over 15 tenancies: as a share of records it would be
    # re-derived as 15 of 15 (100%); as a value it keeps its own rounding
    rent = row(97.54, "percent", 15, comparison="means", standard_error=0.5)
    few = row(97.54, "percent", 4, comparison="means", standard_error=0.5)
    protect_rows([rent, few], DisclosureSettings())
    assert rent.value == 97.5 and rent.base == 15
    assert few.value is None and few.symbol == "[c]"


def test_a_rate_per_1000_with_few_events_is_withheld() -> None:
    few = row(1.5, "per_1000", 2000, comparison="two_proportion_z_test", estimate=3 / 2000)
    many = row(12.333, "per_1000", 3000, comparison="two_proportion_z_test", estimate=37 / 3000)
    protect_rows([few, many], DisclosureSettings())
    assert few.value is None and few.symbol == "[c]"
    assert many.value == 12.3


def test_a_mean_by_group_is_protected_with_its_groups_bases() -> None:
    # 96 and 4 records: the small group is withheld, and so is the other (secondary), as
    # the headline base minus it would give the small one away
    head = row(81.0, "money:GBP", 100, comparison="means", standard_error=1.0)
    groups = []
    for group, base in (("north", 96), ("south", 4)):
        cell = row(80.0, "money:GBP", base, comparison="means", standard_error=1.0)
        cell.breakdown, cell.group = "area", group
        groups.append(cell)
    protect_rows([head, *groups], DisclosureSettings())
    assert head.value == 81.0
    assert [g.symbol for g in groups] == ["[c]", "[c]"]


def test_a_published_whole_amount_keeps_no_pennies_it_never_had() -> None:
    assert value_text(163_600_000, "gbp", exact=True) == "£163,600,000"
    assert value_text(163_600_000, "gbp") == "£163,600,000.00"
    assert value_text(12.5, "money:EUR", exact=True) == "€12.50"
