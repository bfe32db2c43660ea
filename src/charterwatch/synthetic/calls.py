"""Synthetic inbound calls: a sample of calls per year whose mean wait is exactly the target.

Calls fall on working days, never while inbound lines were closed (spring 2020). Waits are
whole seconds from a skewed distribution, nudged so their total is the target mean times the
number of calls. Callers who wait longer are more likely to hang up (``abandoned``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from charterwatch.dates.periods import FinancialYear
from charterwatch.stats.rounding import round_half_up
from charterwatch.synthetic.categories import deal, in_period, matching
from charterwatch.synthetic.dates import DayMaker
from charterwatch.synthetic.draws import integers_with_mean, nudge_to_total, scaled, stream
from charterwatch.synthetic.ids import numbered
from charterwatch.synthetic.recipe import CallSettings, Recipe
from charterwatch.synthetic.targets import Target

LONGEST_WAIT = 86_400


def calls_by_year(settings: CallSettings, years: Sequence[str], size: float) -> dict[str, int]:
    """Calls in each year that has any, at ``size``."""
    counts = {year: scaled(settings.calls.get(year, 0), size) for year in years}
    return {year: n for year, n in counts.items() if n > 0}


def make_calls(
    settings: CallSettings,
    targets: Sequence[Target],
    recipe: Recipe,
    years: Sequence[str],
    size: float,
    days: DayMaker,
    notes: list[str],
) -> pd.DataFrame:
    """Every sampled call of ``years``, sorted by date and queue, ``call_id`` in that order."""
    frames = []
    for year, n in calls_by_year(settings, years, size).items():
        rng = stream(recipe.seed, "calls", year)
        fy = FinancialYear.parse(year)
        pool = days.days(fy.start, fy.end, working_only=True)
        for first, last in settings.closed:
            pool = pool[(pool < np.datetime64(first, "D")) | (pool > np.datetime64(last, "D"))]
        frame = pd.DataFrame(
            {
                "date": np.sort(pool[rng.integers(0, pool.size, size=n)]),
                "queue": deal(rng, n, settings.queues[year]),
            }
        )
        mean = settings.mean_wait.get(year)
        frame["wait_seconds"] = integers_with_mean(
            rng, n, mean if mean is not None else 300.0, spread=settings.spread
        )
        _meet_means(frame, [t for t in targets if t.year == year], rng, notes)
        waits = frame["wait_seconds"].to_numpy(dtype=np.float64)
        frame["abandoned"] = rng.random(n) < waits / (waits + settings.abandoned_after)
        frames.append(frame)
    frame = pd.concat(frames, ignore_index=True).sort_values(["date", "queue"], kind="stable")
    frame.insert(0, "call_id", numbered("CALL", len(frame), 8))
    frame = frame.reset_index(drop=True)
    return frame


def _meet_means(
    frame: pd.DataFrame, targets: Sequence[Target], rng: np.random.Generator, notes: list[str]
) -> None:
    """Make the mean wait of each target's calls exact, narrowest target first."""
    ranked = []
    for t in targets:
        if t.kind != "duration" or t.params.get("value") != "wait_seconds":
            continue
        if t.params.get("statistic", "median") != "mean":
            notes.append(f"{t.describe()}: only a mean wait can be calibrated")
            continue
        mask = in_period(frame, str(t.params.get("date") or "date"), t) & matching(frame, t.filters)
        ranked.append((int(mask.sum()), t.origin != "published", t.key, t, mask))
    fixed = np.zeros(len(frame), dtype=bool)
    waits = frame["wait_seconds"].to_numpy(dtype=np.int64).copy()
    for count, _, _, t, mask in sorted(ranked, key=lambda r: r[:3]):
        free = mask & ~fixed
        total = round_half_up(t.value * count) - int(waits[mask & fixed].sum())
        if count == 0 or not free.any() or total < 0:
            notes.append(f"{t.describe()}: cannot be met")
            continue
        if abs(t.value * count - round_half_up(t.value * count)) > 1e-9:
            notes.append(f"{t.describe()}: mean times calls is not whole; met to the nearest")
        part = waits[free].astype(np.float64)
        scaled_part = np.rint(part * total / part.sum()) if part.sum() > 0 else part
        waits[free] = nudge_to_total(rng, scaled_part.astype(np.int64), total, LONGEST_WAIT)
        fixed |= mask
    frame["wait_seconds"] = waits
