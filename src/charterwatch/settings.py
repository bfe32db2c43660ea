"""Every setting of a framework folder, declared once with its default and help.

Settings live under ``project.settings`` in ``charterwatch.yaml``. This one list drives
validation, ``charterwatch settings`` and the docs (a test checks each is documented).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from charterwatch.results.assess import ChangeRules
from charterwatch.stats.settings import DisclosureSettings


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("disclosure.min_count", 10, "Counts of 1 to this minus 1 are suppressed as [c]."),
    Setting("disclosure.suppress_zeros", False, "Also suppress zero counts."),
    Setting("disclosure.min_base", 50, "Survey percentages on a smaller base are [c]."),
    Setting("disclosure.round_counts_to", 5, "Counts are rounded to a multiple of this."),
    Setting("disclosure.round_bases_to", 10, "Survey bases are rounded to a multiple of this."),
    Setting("disclosure.percent_decimals", 0, "Decimal places of published percentages."),
    Setting("disclosure.words_below", 30, "Percentages on a base below this are in words."),
    Setting("change.alpha", 0.05, "Significance level of the tests of change."),
    Setting("change.relative_threshold", 0.05, "Relative change needed to call a change."),
    Setting("shortfall.worse_than_last_year", True, "Worse than last year is a shortfall."),
    Setting("shortfall.misses_standard", True, "Missing a service standard is a shortfall."),
    Setting("shortfall.misses_legal_limit", True, "Missing a legal time limit is a shortfall."),
    Setting(
        "shortfall.legal_limit_target",
        100.0,
        "The share (%) of cases that must meet a legal time limit.",
    ),
    Setting(
        "shortfall.sustained_decline",
        True,
        "A significant decline across several years (each step the wrong way) is a shortfall.",
    ),
    Setting("shortfall.sustained_years", 3, "How many yearly steps the sustained decline spans."),
    Setting("shortfall.below_percent", None, "A higher-is-better % below this is a shortfall."),
)


def change_rules(
    settings: dict[str, Any], disclosure: DisclosureSettings | None = None
) -> ChangeRules:
    """The tests-of-change settings of a project (``settings: {change: {...}}``); a stock
    below the disclosure ``min_count`` is too small to call a change."""
    min_count = (disclosure or disclosure_settings(settings)).min_count
    return ChangeRules(**(settings.get("change") or {}), min_count=min_count)


def unknown_settings(settings: dict[str, Any]) -> list[str]:
    """Setting names in ``settings`` that charterwatch does not know (typos)."""
    known = {s.name for s in SETTINGS}
    found = []
    for group, values in settings.items():
        if not isinstance(values, dict):
            found.append(str(group))
            continue
        found += [f"{group}.{k}" for k in values if f"{group}.{k}" not in known]
    return found


def disclosure_settings(settings: dict[str, Any]) -> DisclosureSettings:
    """The disclosure settings of a project (``settings: {disclosure: {...}}``)."""
    given = settings.get("disclosure", {}) or {}
    return DisclosureSettings(**given)
