"""Synthetic applications: decisions per benefit and year, with exact processing-time medians.

Each year's decisions are made first (a benefit, a decision date on a working day, special
rules or not), then each gets a processing time in working days drawn from its benefit's
typical distribution. The duration targets (a median for a benefit, a month, special-rules
cases, all cases; or a share over N days) are met from the narrowest to the widest: each one
adjusts only the cases no narrower target has already fixed. The date of receipt is then
worked back from the decision date so the counted working days are exactly the duration.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import numpy.typing as npt
import pandas as pd

from charterwatch.dates.periods import FinancialYear
from charterwatch.stats.rounding import round_half_up
from charterwatch.synthetic.categories import deal, in_period, matching, meet_share
from charterwatch.synthetic.dates import DayMaker
from charterwatch.synthetic.draws import (
    AtMost,
    Infeasible,
    count_for_percent,
    draw_from,
    lognormal_pmf,
    median_limits,
    meet_limits,
    scaled,
    stream,
)
from charterwatch.synthetic.ids import numbered
from charterwatch.synthetic.people import equality_columns
from charterwatch.synthetic.recipe import ApplicationSettings, Recipe
from charterwatch.synthetic.targets import Target

SOURCE_COLUMNS = ("received_date", "decided_date")


@dataclass
class _Year:
    frame: pd.DataFrame
    days: npt.NDArray[np.int64]


def make_applications(
    settings: ApplicationSettings,
    targets: Sequence[Target],
    recipe: Recipe,
    years: Sequence[str],
    size: float,
    days: DayMaker,
    notes: list[str],
    earliest: date | None = None,
) -> pd.DataFrame:
    """Every application decided in ``years`` plus those still open at the end, sorted by
    receipt, with ``case_id`` numbered in that order. No case is received before its
    benefit opened, nor before ``earliest`` (the source's earliest plausible date)."""
    frames = []
    for year in years:
        frames.append(_decided(settings, targets, recipe, year, size, days, notes, earliest))
    frames.append(_open_cases(settings, recipe, years[-1], size, days))
    frame = pd.concat([f for f in frames if len(f)], ignore_index=True)
    frames.clear()  # the years' frames are copied into ``frame``: not kept beside it
    for target in targets:
        if target.kind == "share_of_records":
            column = str(target.params.get("date") or "received_date")
            rng = stream(recipe.seed, "applications", "share", target.key, target.period.label)
            weights = _weights_for(settings, target)
            note = meet_share(rng, frame, target, column, weights)
            if note:
                notes.append(note)
    keys = ["received_date", "decided_date", "benefit", "order"]
    order = frame[keys].sort_values(keys, kind="stable", na_position="last").index.to_numpy()
    sorted_columns = {}
    for name in [c for c in frame.columns if c != "order"]:
        # a column at a time, each dropped once copied: the frame is never held twice
        # (sorting it whole did, and that was the peak of example-data at large sizes)
        sorted_columns[name] = frame.pop(name).iloc[order].reset_index(drop=True)
    del frame
    sorted_frame = pd.DataFrame(sorted_columns, copy=False)
    sorted_frame.insert(0, "case_id", numbered("APP", len(sorted_frame), 7))
    return sorted_frame


def _weights_for(settings: ApplicationSettings, target: Target) -> dict[str, float]:
    column = next(iter((target.params.get("where") or {"": []}).keys()))
    if column == "channel":
        return dict(settings.channels)
    if column == "outcome":
        return dict(settings.outcomes.get("default", {}))
    return {"yes": 1.0, "no": 1.0}


def _launch(recipe: Recipe, benefit: str) -> date:
    return recipe.benefits.get(benefit, date(2015, 1, 1))


def _first_receipt(recipe: Recipe, benefit: str, earliest: date | None) -> date:
    """The earliest date a case of ``benefit`` may be received: the day it opened, or the
    source's earliest plausible date if that is later."""
    launch = _launch(recipe, benefit)
    return max(launch, earliest) if earliest is not None else launch


def decisions_by_benefit(
    settings: ApplicationSettings, recipe: Recipe, year: str, size: float
) -> dict[str, int]:
    """Decisions made in ``year`` by benefit, at ``size`` (benefits not yet open have none)."""
    fy = FinancialYear.parse(year)
    counts = {
        benefit: scaled(volumes.get(year, 0), size)
        for benefit, volumes in settings.decisions.items()
        if _launch(recipe, benefit) <= fy.end
    }
    return {benefit: n for benefit, n in counts.items() if n > 0}


def open_at_end(settings: ApplicationSettings, year: str, size: float) -> int:
    """Applications received late in ``year`` (the last) and not decided by its end."""
    total = sum(float(v.get(year, 0)) for v in settings.decisions.values() if v.get(year))
    return scaled(total * settings.open_at_end / 100.0, size)


def _decided(
    settings: ApplicationSettings,
    targets: Sequence[Target],
    recipe: Recipe,
    year: str,
    size: float,
    days: DayMaker,
    notes: list[str],
    earliest: date | None,
) -> pd.DataFrame:
    fy = FinancialYear.parse(year)
    rng = stream(recipe.seed, "applications", year)
    parts = []
    for benefit, n in decisions_by_benefit(settings, recipe, year, size).items():
        first = max(fy.start, _launch(recipe, benefit) + timedelta(days=1))
        decided = days.spread(rng, n, first, fy.end)
        special = np.zeros(n, dtype=bool)
        share = settings.special_rules.get(benefit, 0.0)
        special[rng.permutation(n)[: round_half_up(n * share / 100.0)]] = True
        parts.append(
            pd.DataFrame(
                {
                    "benefit": benefit,
                    "decided_date": decided,
                    "special_rules": special,
                }
            )
        )
    if not parts:
        return pd.DataFrame()
    frame = pd.concat(parts, ignore_index=True)
    durations = _durations(settings, targets, recipe, year, frame, days, rng, notes, earliest)
    decided = frame["decided_date"].to_numpy(dtype="datetime64[D]")
    frame["received_date"] = days.before_working(decided, durations, rng, settings.weekend_receipts)
    frame["outcome"] = None
    for benefit, rows in frame.groupby("benefit").indices.items():
        weights = settings.outcomes.get(str(benefit), settings.outcomes["default"])
        frame.loc[rows, "outcome"] = deal(rng, len(rows), weights)
    frame["channel"] = deal(rng, len(frame), settings.channels)
    frame["consultation_held"] = None
    for benefit, share in settings.consultation.items():
        rows = np.flatnonzero(frame["benefit"].to_numpy() == benefit)
        held = count_for_percent(rows.size, share)
        frame.loc[rows, "consultation_held"] = (
            deal(rng, rows.size, {"yes": held, "no": rows.size - held}) if rows.size else []
        )
    for name, values in equality_columns(rng, len(frame), recipe.equality).items():
        frame[name] = values
    frame["order"] = np.arange(len(frame)) + int(year[:4]) * 10_000_000
    return frame


def _durations(
    settings: ApplicationSettings,
    targets: Sequence[Target],
    recipe: Recipe,
    year: str,
    frame: pd.DataFrame,
    days: DayMaker,
    rng: np.random.Generator,
    notes: list[str],
    earliest: date | None = None,
) -> npt.NDArray[np.int64]:
    """Working days from receipt to decision for each case, meeting the year's targets."""
    decided = frame["decided_date"].to_numpy(dtype="datetime64[D]")
    months = decided.astype("datetime64[M]")
    # cells (benefit, special rules, month of decision) numbered in order of first appearance
    benefit_codes, benefits = pd.factorize(frame["benefit"].to_numpy(dtype=object))
    month_codes, month_numbers = pd.factorize(months.astype(np.int64))
    special = frame["special_rules"].to_numpy(dtype=np.int64)
    width = max(len(month_numbers), 1)
    codes, firsts = pd.factorize((benefit_codes * 2 + special) * width + month_codes)
    cells = np.asarray(codes, dtype=np.int64)
    pmfs = []
    for first in firsts.tolist():
        rest, month = divmod(first, width)
        benefit, special_rules = divmod(rest, 2)
        key = (
            str(benefits[benefit]),
            bool(special_rules),
            str(np.datetime64(int(month_numbers[month]), "M")),
        )
        pmfs.append(_pmf(settings, recipe, key, days, earliest))
    values = np.empty(len(frame), dtype=np.int64)
    order = np.argsort(cells, kind="stable")
    bounds = np.searchsorted(cells[order], np.arange(len(pmfs) + 1))
    for cell in range(len(pmfs)):
        rows = order[bounds[cell] : bounds[cell + 1]]
        values[rows] = draw_from(rng, pmfs[cell], rows.size)
    ranked = []
    for target in targets:
        if target.kind != "duration" or target.year != year:
            continue
        if target.params.get("start") not in (None, SOURCE_COLUMNS[0]) or target.params.get(
            "end"
        ) not in (None, SOURCE_COLUMNS[1]):
            notes.append(f"{target.describe()}: only received to decided can be calibrated")
            continue
        mask = in_period(frame, "decided_date", target) & matching(frame, target.filters)
        ranked.append((int(mask.sum()), target.origin != "published", target.key, target, mask))
    ranked.sort(key=lambda r: r[:3])
    groups: list[tuple[list[Target], npt.NDArray[np.bool_]]] = []
    for _, _, _, target, mask in ranked:
        same = next((g for g in groups if np.array_equal(g[1], mask)), None)
        if same is None:
            groups.append(([target], mask))
        else:
            same[0].append(target)
    fixed = np.zeros(len(frame), dtype=bool)
    for group, mask in groups:
        free = mask & ~fixed
        limits: list[AtMost] = []
        for target in group:
            limits.extend(_limits(target, int(mask.sum()), notes) or [])
        if not limits:
            continue
        if not free.any():
            for target in group:
                notes.append(f"{target.describe()}: every case it counts is fixed by narrower ones")
            continue
        try:
            values[free] = meet_limits(
                rng, values[free], cells[free], pmfs, limits, values[mask & fixed]
            )
        except Infeasible as exc:
            for target in group:
                notes.append(f"{target.describe()}: not met ({exc})")
        fixed |= mask
    return values


def _limits(target: Target, n: int, notes: list[str]) -> list[AtMost] | None:
    statistic = target.params.get("statistic", "median")
    if n == 0:
        notes.append(f"{target.describe()}: no decisions in the period")
        return None
    if statistic == "median":
        return median_limits(n, round_half_up(target.value))
    if statistic == "share_over":
        over = int(target.params["over"])
        return [AtMost(over, n - count_for_percent(n, target.value))]
    notes.append(f"{target.describe()}: statistic {statistic!r} cannot be calibrated")
    return None


def _pmf(
    settings: ApplicationSettings,
    recipe: Recipe,
    key: tuple[str, bool, str],
    days: DayMaker,
    earliest: date | None = None,
) -> npt.NDArray[np.float64]:
    """The duration distribution of one cell (benefit, special rules, month of decision),
    capped so no case was received before its benefit opened or ``earliest``."""
    benefit, special, month = key
    shape = settings.special_rules_duration if special else settings.durations[benefit]
    month_start = np.datetime64(month, "D")
    # the first working day on or after the first possible receipt: a receipt worked back
    # from a count of working days lands on a working day (or the non-working days after one)
    opened = np.datetime64(_first_receipt(recipe, benefit, earliest), "D")
    launch = np.busday_offset(opened, 0, roll="forward", busdaycal=days.busdaycal)
    cap = settings.longest
    if launch > month_start - np.timedelta64(3 * 365, "D"):
        since = days.working_days_between(np.array([launch]), np.array([max(launch, month_start)]))
        cap = min(cap, int(since[0]))
    return lognormal_pmf(shape.median, shape.spread, max(cap, 0))


def _open_cases(
    settings: ApplicationSettings, recipe: Recipe, year: str, size: float, days: DayMaker
) -> pd.DataFrame:
    """Applications received in the last weeks of the last year and not yet decided."""
    fy = FinancialYear.parse(year)
    rng = stream(recipe.seed, "applications", year, "open")
    weights = {b: float(v.get(year, 0)) for b, v in settings.decisions.items() if v.get(year)}
    n = open_at_end(settings, year, size)
    if n == 0:
        return pd.DataFrame()
    received = days.spread(rng, n, fy.end - timedelta(days=90), fy.end, working_only=False)
    frame = pd.DataFrame(
        {
            "benefit": deal(rng, n, weights),
            "decided_date": np.full(n, np.datetime64("NaT"), dtype="datetime64[D]"),
            "special_rules": False,
            "received_date": received,
            "outcome": None,
            "channel": deal(rng, n, settings.channels),
            "consultation_held": None,
        }
    )
    for name, values in equality_columns(rng, n, recipe.equality).items():
        frame[name] = values
    frame["order"] = np.arange(n) + 9_000 * 10_000_000
    return frame
