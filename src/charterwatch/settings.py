"""Every setting of a framework folder, declared once with its default and help.

Settings live under ``project.settings`` in ``charterwatch.yaml``. This one list drives
validation, ``charterwatch settings`` and the docs (a test checks each is documented).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from charterwatch.results.assess import ChangeRules
from charterwatch.stats.allowed import Allowed, Number, Switch, WholeNumber
from charterwatch.stats.settings import DisclosureSettings


@dataclass(frozen=True)
class Setting:
    """One setting: its dotted name, default, help, and the values it allows (which the
    framework loader checks, with file and line, before anything is computed)."""

    name: str
    default: Any
    help: str
    allowed: Allowed


def _disclosure() -> tuple[Setting, ...]:
    """The disclosure settings, declared once on :class:`DisclosureSettings`."""
    return tuple(
        Setting(f"disclosure.{f.name}", f.default, f.metadata["help"], f.metadata["allowed"])
        for f in fields(DisclosureSettings)
    )


SETTINGS: tuple[Setting, ...] = (
    *_disclosure(),
    Setting(
        "change.alpha", 0.05, "Significance level of the tests of change.", Number(above=0, below=1)
    ),
    Setting(
        "change.relative_threshold",
        0.05,
        "Relative change needed to call a change.",
        Number(minimum=0),
    ),
    Setting(
        "shortfall.worse_than_last_year", True, "Worse than last year is a shortfall.", Switch()
    ),
    Setting(
        "shortfall.misses_standard", True, "Missing a service standard is a shortfall.", Switch()
    ),
    Setting(
        "shortfall.misses_legal_limit",
        True,
        "Missing a legal time limit in any case is a shortfall.",
        Switch(),
    ),
    Setting(
        "shortfall.legal_limit_target",
        100.0,
        "The share (%) of cases that must meet a legal time limit.",
        Number(minimum=0, maximum=100),
    ),
    Setting(
        "shortfall.sustained_decline",
        True,
        "A significant decline across several years (each step the wrong way) is a shortfall.",
        Switch(),
    ),
    Setting(
        "shortfall.sustained_years",
        3,
        "How many yearly steps the sustained decline spans.",
        WholeNumber(minimum=2),
    ),
    Setting(
        "shortfall.below_percent",
        None,
        "A higher-is-better % below this is a shortfall.",
        Number(minimum=0, maximum=100, optional=True),
    ),
)


def change_rules(
    settings: dict[str, Any], disclosure: DisclosureSettings | None = None
) -> ChangeRules:
    """The tests-of-change settings of a project (``settings: {change: {...}}``); a stock
    below the disclosure ``min_count`` is too small to call a change."""
    min_count = (disclosure or disclosure_settings(settings)).min_count
    return ChangeRules(**(settings.get("change") or {}), min_count=min_count)


def disclosure_settings(settings: dict[str, Any]) -> DisclosureSettings:
    """The disclosure settings of a project (``settings: {disclosure: {...}}``)."""
    given = settings.get("disclosure", {}) or {}
    return DisclosureSettings(**given)
