"""Synthetic organisation returns (shape ``organisation_returns``): one row per organisation,
year and indicator.

For each ``organisation_return`` measure reading the source, every organisation of
``organisations.yaml`` returns a figure each year. An organisation has a size (its base,
drawn once between the recipe's limits and growing a little each year) and an effect on each
indicator: half of the spread shared by its peer group, half its own, so peer groups differ
as real ones do and an organisation's figures follow from the organisation. A ratio returns a
numerator drawn from its denominator (binomial for a share, Poisson for a rate); a value
returns the figure with its base. The national level is the recipe's, else the measure's
anchor, else a plain default (noted).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from charterwatch.model.framework import Measure, Organisations
from charterwatch.stats.rounding import round_decimals, round_half_up
from charterwatch.synthetic.draws import stream
from charterwatch.synthetic.recipe import Recipe, ReturnSettings

DEFAULT_LEVEL = {"ratio": 80.0, "value": 50.0}


@dataclass(frozen=True)
class Indicator:
    """What one measure asks of the returns."""

    name: str
    statistic: str
    scale: float
    level: float
    spread: float


def indicators(
    measures: Sequence[Measure], settings: ReturnSettings, recipe: Recipe, notes: list[str]
) -> list[Indicator]:
    """The indicators the source's measures read, each once, in the order first read."""
    out: dict[str, Indicator] = {}
    for m in measures:
        name = str(m.params.get("indicator", ""))
        if not name or name in out:
            continue
        statistic = str(m.params.get("statistic", "ratio"))
        scale = float(m.params.get("scale", 100))
        given = settings.indicators.get(name)
        anchor = recipe.anchors.get(m.id)
        if given is not None:
            level = given.level
        elif isinstance(anchor, int | float):
            level = float(anchor)
        else:
            level = DEFAULT_LEVEL.get(statistic, 50.0)
            notes.append(f"{m.id}: no level for indicator '{name}' in the recipe; used {level:g}")
        spread = given.spread if given is not None and given.spread is not None else settings.spread
        out[name] = Indicator(name, statistic, scale, level, spread)
    return list(out.values())


def make_returns(
    source: str,
    organisations: Organisations,
    measures: Sequence[Measure],
    settings: ReturnSettings,
    recipe: Recipe,
    years: Sequence[str],
    size: float,
    notes: list[str],
) -> pd.DataFrame:
    """Every organisation's returns for each year and indicator, in list, year and indicator
    order."""
    wanted = indicators(measures, settings, recipe, notes)
    if not organisations or not wanted:
        notes.append(f"{source}: no organisations or no organisation_return measure reads it")
        return pd.DataFrame()
    low, high = settings.base
    sizes = stream(recipe.seed, source, "sizes").uniform(
        np.log(low), np.log(high), len(organisations)
    )
    peers = sorted({o.peer_group or "" for o in organisations})
    rows: list[dict[str, object]] = []
    for indicator in wanted:
        rng = stream(recipe.seed, source, "effects", indicator.name)
        half = indicator.spread / np.sqrt(2.0)
        peer_effect = dict(zip(peers, rng.normal(0.0, half, len(peers)), strict=True))
        own = rng.normal(0.0, half, len(organisations))
        for y, year in enumerate(years):
            draw = stream(recipe.seed, source, indicator.name, year)
            for i, o in enumerate(organisations):
                base = max(1, round_half_up(float(np.exp(sizes[i])) * size * (1.0 + 0.02 * y)))
                level = indicator.level + peer_effect[o.peer_group or ""] + own[i]
                rows.append(_row(o.id, year, indicator, level, base, draw))
    frame = pd.DataFrame(rows)
    frame["synthetic"] = True
    return frame


def _row(
    organisation: str,
    year: str,
    indicator: Indicator,
    level: float,
    base: int,
    draw: np.random.Generator,
) -> dict[str, object]:
    row: dict[str, object] = {"organisation": organisation, "year": year}
    row["indicator"] = indicator.name
    if indicator.statistic == "value":
        noisy = level + draw.normal(0.0, indicator.spread / 4 or 0.0)
        row.update(
            numerator=None, denominator=None, value=round_decimals(max(noisy, 0.0), 1), base=base
        )
    elif indicator.scale == 100:
        share = min(max(level / 100.0, 0.0), 1.0)
        row.update(numerator=int(draw.binomial(base, share)), denominator=base)
        row.update(value=None, base=None)
    else:
        rate = max(level, 0.0) / indicator.scale
        row.update(numerator=int(draw.poisson(base * rate)), denominator=base)
        row.update(value=None, base=None)
    return row
