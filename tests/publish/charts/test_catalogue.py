"""All chart text comes from the catalogue: every key the code asks for exists in English."""

from __future__ import annotations

import re
from pathlib import Path

from charterwatch.model.files import Unit
from charterwatch.publish import charts
from charterwatch.publish.i18n import Catalogue
from charterwatch.stats.symbols import Symbol

SOURCE = Path(charts.__file__).parent


def test_every_literal_key_exists() -> None:
    keys = Catalogue().keys()
    used = set()
    for path in SOURCE.glob("*.py"):
        used |= set(re.findall(r'"(charts\.[a-z_.]+[a-z_])"', path.read_text(encoding="utf-8")))
    assert used
    assert sorted(used - keys) == []


def test_every_unit_polarity_and_symbol_has_text() -> None:
    keys = Catalogue().keys()
    for unit in Unit:
        assert f"charts.axis.units.{unit.value}" in keys
    for polarity in ("higher_is_better", "lower_is_better"):
        assert f"charts.summary.{polarity}" in keys
    for symbol in Symbol:
        assert f"charts.symbols.{symbol.value.strip('[]')}" in keys
    for name in ("highest", "lowest", "constant", "gap", "interval", "none", "one"):
        assert f"charts.summary.groups_{name}" in keys
