"""Synthetic re-determination requests and appeals: counts by benefit, time to decide, outcomes.

Requests (or appeals) are placed in a year by the date they were received, with exact counts
by benefit where a figure is published (rounded figures: each benefit stays within rounding
of its figure while the total also rounds to the published total). Each is decided some
calendar days later, on a working day; where a deadline rule applies (56 calendar days, 16
working days ...) a share decided in time follows the year's compliance target. Cases whose
decision would fall after the last year are still open. Outcome shares are met exactly for
decisions made in each year.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import numpy.typing as npt
import pandas as pd

from charterwatch.dates.deadlines import DeadlineRulebook, NoDeadlineRuleError
from charterwatch.dates.periods import FinancialYear
from charterwatch.synthetic.categories import deal, meet_share
from charterwatch.synthetic.dates import DayMaker
from charterwatch.synthetic.draws import draw_from, lognormal_pmf, scaled, stream
from charterwatch.synthetic.ids import numbered
from charterwatch.synthetic.people import equality_columns
from charterwatch.synthetic.recipe import CaseFlowSettings, Recipe
from charterwatch.synthetic.targets import Target

ROUNDING = 5
"""Published counts of cases are rounded to the nearest 5."""

LONGEST_DAYS = 730


@dataclass(frozen=True)
class Flow:
    """The columns of one kind of case flow."""

    source: str
    id_column: str
    prefix: str
    start: str
    end: str
    process: str | None


REDETERMINATIONS = Flow(
    "redeterminations", "request_id", "RD", "request_date", "decision_date", "redetermination"
)
APPEALS = Flow("appeals", "appeal_id", "AP", "lodged_date", "decision_date", None)


def volumes_for(
    flow: Flow,
    settings: CaseFlowSettings,
    targets: Sequence[Target],
    year: str,
    size: float,
    notes: list[str],
) -> dict[str, int]:
    """Cases received in ``year`` by benefit: the recipe's volumes, replaced by published
    counts, and (at size 1 or more) nudged within rounding so the published total is met
    too."""
    volumes = {b: scaled(v.get(year, 0), size) for b, v in settings.volumes.items()}
    counts = [
        t
        for t in targets
        if t.kind == "count"
        and t.year == year
        and t.period.is_year
        and str(t.params.get("date") or flow.start) == flow.start
    ]
    fixed: set[str] = set()
    total: Target | None = None
    for t in counts:
        benefits = t.filters.get("benefit")
        if set(t.filters) - {"benefit"}:
            notes.append(f"{t.describe()}: only counts by benefit can be calibrated")
        elif benefits is None:
            total = t
        elif len(benefits) == 1:
            volumes[benefits[0]] = scaled(t.value, size)
            fixed.add(benefits[0])
        else:
            notes.append(f"{t.describe()}: a count over several benefits is not calibrated")
    if total is not None and size >= 1:
        # below size 1 volumes are cut with a floor (see scaled), so no total is met
        gap = scaled(total.value, size) - sum(volumes.values())
        slack = int(ROUNDING * max(size, 1.0) - 1) // 2
        for b in sorted(fixed, key=lambda b: -volumes[b]) if gap else []:
            step = max(-slack, min(slack, gap))
            volumes[b] += step
            gap -= step
            if gap == 0:
                break
        free = sorted(
            (b for b in volumes if b not in fixed and volumes[b]), key=lambda b: -volumes[b]
        )
        if gap and free:
            volumes[free[0]] = max(0, volumes[free[0]] + gap)
            gap = 0
        if gap:
            notes.append(f"{total.describe()}: the total is {gap:+d} away")
    return {b: v for b, v in volumes.items() if v > 0}


def _first_case(recipe: Recipe, benefit: str, fy: FinancialYear) -> date:
    """The first day a case about ``benefit`` can be received in the year: two weeks after
    the benefit opened (a decision to challenge comes first)."""
    launch = recipe.benefits.get(benefit, fy.start)
    return max(fy.start, launch + timedelta(days=14))


def cases_by_benefit(
    flow: Flow,
    settings: CaseFlowSettings,
    targets: Sequence[Target],
    recipe: Recipe,
    year: str,
    size: float,
) -> dict[str, int]:
    """The cases :func:`make_cases` receives in ``year`` by benefit, at ``size``."""
    fy = FinancialYear.parse(year)
    volumes = volumes_for(flow, settings, targets, year, size, [])
    return {b: n for b, n in volumes.items() if _first_case(recipe, b, fy) <= fy.end}


def make_cases(
    flow: Flow,
    settings: CaseFlowSettings,
    targets: Sequence[Target],
    recipe: Recipe,
    years: Sequence[str],
    size: float,
    days: DayMaker,
    rulebook: DeadlineRulebook,
    notes: list[str],
) -> pd.DataFrame:
    """Every case received in ``years``, decided or still open at the end of the last year."""
    last_day = np.datetime64(FinancialYear.parse(years[-1]).end, "D")
    frames = []
    for year in years:
        rng = stream(recipe.seed, flow.source, year)
        fy = FinancialYear.parse(year)
        on_time = _on_time_share(targets, year)
        for benefit, n in volumes_for(flow, settings, targets, year, size, notes).items():
            first = _first_case(recipe, benefit, fy)
            if first > fy.end:
                notes.append(f"{flow.source}: {benefit} opened after {year}; no cases")
                continue
            start = days.spread(rng, n, first, fy.end)
            end = _decisions(flow, settings, benefit, start, on_time, rng, days, rulebook)
            frame = pd.DataFrame({"benefit": benefit, flow.start: start, flow.end: end})
            for name, values in equality_columns(rng, n, recipe.equality).items():
                frame[name] = values
            frames.append(frame)
    frame = pd.concat(frames, ignore_index=True)
    decided = frame[flow.end].to_numpy(dtype="datetime64[D]")
    frame[flow.end] = np.where(decided > last_day, np.datetime64("NaT"), decided)
    frame = frame.sort_values([flow.start, "benefit", flow.end], kind="stable").reset_index(
        drop=True
    )
    rng = stream(recipe.seed, flow.source, "outcomes")
    is_open = frame[flow.end].isna().to_numpy()
    outcomes = deal(rng, len(frame), settings.outcomes)
    outcomes[is_open] = None
    frame["outcome"] = outcomes
    for target in targets:
        if target.kind == "share_of_records":
            date = str(target.params.get("date") or flow.start)
            share_rng = stream(recipe.seed, flow.source, "share", target.key, target.period.label)
            note = meet_share(share_rng, frame, target, date, settings.outcomes)
            if note:
                notes.append(note)
    frame.insert(0, flow.id_column, numbered(flow.prefix, len(frame), 6))
    order = [flow.id_column, "benefit", flow.start, flow.end, "outcome"]
    return frame[order + [c for c in frame.columns if c not in order]]


def _on_time_share(targets: Sequence[Target], year: str) -> float | None:
    for t in targets:
        if t.kind == "deadline_compliance" and t.year == year and t.period.is_year:
            return t.value
    return None


def _decisions(
    flow: Flow,
    settings: CaseFlowSettings,
    benefit: str,
    start: npt.NDArray[np.datetime64],
    on_time: float | None,
    rng: np.random.Generator,
    days: DayMaker,
    rulebook: DeadlineRulebook,
) -> npt.NDArray[np.datetime64]:
    """Decision dates (working days) for cases received on ``start``."""
    median = settings.days.get(benefit, settings.days.get("default", 40.0))
    pmf = lognormal_pmf(median, settings.spread, LONGEST_DAYS)
    rule = None
    if flow.process is not None and start.size:
        try:
            rule = rulebook.rule_for(flow.process, benefit, start[0].astype(object))
        except NoDeadlineRuleError:
            rule = None
    if rule is None:
        waited = draw_from(rng, pmf, start.size, 1)
        return _roll_forward(days, start + waited.astype("timedelta64[D]"))
    share = (on_time if on_time is not None else 85.0) / 100.0
    in_time = rng.random(start.size) < share
    if rule.unit == "working_days":
        wd_pmf = lognormal_pmf(rule.length * 0.7, settings.spread, LONGEST_DAYS)
        waited = np.where(
            in_time,
            draw_from(rng, wd_pmf, start.size, 1, rule.length),
            draw_from(rng, wd_pmf, start.size, rule.length + 1),
        )
        return days.after_working(start, waited)
    soon = draw_from(rng, pmf, start.size, 1, rule.length)
    late = draw_from(rng, pmf, start.size, rule.length + 4)
    early = _roll_back(days, start + soon.astype("timedelta64[D]"), start)
    overdue = _roll_forward(days, start + late.astype("timedelta64[D]"))
    return np.where(in_time, early, overdue)


def _roll_forward(days: DayMaker, dates: npt.NDArray[np.datetime64]) -> npt.NDArray[np.datetime64]:
    return np.busday_offset(dates, 0, roll="forward", busdaycal=days.busdaycal)


def _roll_back(
    days: DayMaker, dates: npt.NDArray[np.datetime64], floor: npt.NDArray[np.datetime64]
) -> npt.NDArray[np.datetime64]:
    rolled = np.busday_offset(dates, 0, roll="backward", busdaycal=days.busdaycal)
    return np.maximum(rolled, floor)
