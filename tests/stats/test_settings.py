"""Disclosure settings: defaults, validation and the one declared list with help text."""

from __future__ import annotations

import dataclasses

import pytest

from charterwatch.stats import DEFAULT_SETTINGS, DisclosureSettings
from charterwatch.stats.settings import describe_settings


def test_defaults() -> None:
    assert (
        DisclosureSettings(
            min_count=10,
            suppress_zeros=False,
            min_base=50,
            round_counts_to=5,
            round_bases_to=10,
            percent_decimals=0,
            words_below=30,
        )
        == DEFAULT_SETTINGS
    )


def test_settings_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT_SETTINGS.min_count = 3  # type: ignore[misc]


def test_every_setting_has_help() -> None:
    described = describe_settings()
    assert [name for name, _, _ in described] == [
        f.name for f in dataclasses.fields(DisclosureSettings)
    ]
    for name, default, text in described:
        assert getattr(DEFAULT_SETTINGS, name) == default
        assert text.endswith(".")
        assert len(text) > 20


def test_invalid_settings_list_every_problem() -> None:
    with pytest.raises(ValueError) as raised:
        DisclosureSettings(
            min_count=-1,
            round_counts_to=0,
            round_bases_to=2.5,  # type: ignore[arg-type]
            suppress_zeros=1,  # type: ignore[arg-type]
            percent_decimals=True,
        )
    message = str(raised.value)
    assert message.startswith("invalid disclosure settings: ")
    for expected in (
        "min_count must be 0 or more; got -1",
        "round_counts_to must be 1 or more; got 0",
        "round_bases_to must be a whole number; got 2.5",
        "suppress_zeros must be true or false; got 1",
        "percent_decimals must be a whole number; got True",
    ):
        assert expected in message


def test_zero_thresholds_switch_protection_off() -> None:
    settings = DisclosureSettings(min_count=0, min_base=0, words_below=0, round_counts_to=1)
    assert settings.min_count == 0
