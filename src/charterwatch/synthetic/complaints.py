"""Synthetic complaints under the two-stage model complaints procedure.

Each year's complaints are received on working days; a share are stage 2 investigations.
Stage 1 is answered within 5 working days and stage 2 within 20, each on time at the
recipe's rate (or at a compliance target's rate where a measure reads them), otherwise late.
Complaints whose answer would fall after the last year are still open.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from charterwatch.dates.periods import FinancialYear
from charterwatch.synthetic.categories import deal
from charterwatch.synthetic.dates import DayMaker
from charterwatch.synthetic.draws import draw_from, lognormal_pmf, scaled, stream
from charterwatch.synthetic.ids import numbered
from charterwatch.synthetic.people import open_benefits
from charterwatch.synthetic.recipe import ComplaintSettings, Recipe
from charterwatch.synthetic.targets import Target

DEADLINES = {"1": 5, "2": 20}
"""Working days to answer each stage (``complaint_stage_1`` and ``complaint_stage_2`` rules)."""


def complaints_by_year(
    settings: ComplaintSettings, years: Sequence[str], size: float
) -> dict[str, int]:
    """Complaints received in each year that has any, at ``size``."""
    counts = {year: scaled(settings.volumes.get(year, 0), size) for year in years}
    return {year: n for year, n in counts.items() if n > 0}


def make_complaints(
    settings: ComplaintSettings,
    targets: Sequence[Target],
    recipe: Recipe,
    years: Sequence[str],
    size: float,
    days: DayMaker,
    benefit_weights: dict[str, dict[str, float]],
) -> pd.DataFrame:
    """Every complaint received in ``years``; ``benefit_weights`` gives, by year, how often
    each benefit is the subject (e.g. the year's applications)."""
    last_day = np.datetime64(FinancialYear.parse(years[-1]).end, "D")
    frames = []
    for year, n in complaints_by_year(settings, years, size).items():
        rng = stream(recipe.seed, "complaints", year)
        fy = FinancialYear.parse(year)
        received = days.spread(rng, n, fy.start, fy.end)
        stage = deal(rng, n, {"1": 100.0 - settings.stage_2, "2": settings.stage_2})
        waited = np.zeros(n, dtype=np.int64)
        for level, limit in DEADLINES.items():
            rows = np.flatnonzero(stage == level)
            share = _target_share(targets, year, level, settings.on_time.get(level, 85.0))
            pmf = lognormal_pmf(limit * 0.6, 0.5, limit * 4)
            late = rng.random(rows.size) >= share / 100.0
            waited[rows] = np.where(
                late,
                draw_from(rng, pmf, rows.size, limit + 1),
                draw_from(rng, pmf, rows.size, 1, limit),
            )
        answered = days.after_working(received, waited)
        weights = open_benefits(recipe.benefits, benefit_weights.get(year, {}), year)
        frames.append(
            pd.DataFrame(
                {
                    "stage": stage,
                    "received_date": received,
                    "response_date": np.where(answered > last_day, np.datetime64("NaT"), answered),
                    "category": deal(rng, n, settings.categories),
                    "outcome": deal(rng, n, settings.outcomes),
                    "benefit": deal(rng, n, weights) if weights else None,
                    "channel": deal(rng, n, settings.channels),
                }
            )
        )
    frame = pd.concat(frames, ignore_index=True)
    frame.loc[frame["response_date"].isna(), "outcome"] = None
    frame = frame.sort_values(["received_date", "stage"], kind="stable").reset_index(drop=True)
    frame.insert(0, "complaint_id", numbered("CMP", len(frame), 6))
    return frame


def _target_share(targets: Sequence[Target], year: str, stage: str, default: float) -> float:
    for t in targets:
        if t.kind == "deadline_compliance" and t.year == year:
            stages = t.filters.get("stage")
            if stages is None or stage in stages:
                return t.value
    return default
