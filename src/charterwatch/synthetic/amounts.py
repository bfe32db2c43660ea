"""Exact amounts and times on plain records: the targets of ``duration`` (between two dates
or timestamps), ``mean``, ``sum`` and ``ratio`` measures on a ``shape: records`` source.

Each target is met on the records it counts (dated in its year by the measure's date column,
passing its ``filter`` and ``where``), narrowest first: a target only changes records that no
narrower target has fixed, counting the fixed ones in (so a median for emergencies and one for
every record are both met). Values are drawn around the target, then set by arithmetic:

- durations are whole steps (minutes for hours, seconds for minutes, days) drawn from a
  log-normal; a median or percentile is met by placing exactly the right number of values at
  or below the target (:func:`~charterwatch.synthetic.draws.meet_limits`), a mean by nudging
  the total; the end date stays, the start is worked back from it (on the framework's
  calendar for working days), so the start is always before the end;
- a mean or sum is drawn around the target (a sum scales the recipe's ``numbers``) and
  nudged, a step (1, or a penny for a ``number`` column) at a time, to the exact total;
- a ratio keeps the denominator drawn from the recipe's ``numbers`` and sets each numerator
  near the target share of it, with record-level noise, then nudges the numerators to the
  exact total.

Every value stays within its field's ``minimum`` and ``maximum``. With an organisation column,
each organisation has its own effect (the recipe's ``organisation_spread``, relative), so
organisations differ while the national figure is exact. A target that cannot be met is
said in the notes, with the figure actually reached.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import timedelta

import numpy as np
import numpy.typing as npt
import pandas as pd

from charterwatch.dates.deadlines import DeadlineRulebook
from charterwatch.model.files import FieldFile
from charterwatch.stats.rounding import round_half_up
from charterwatch.synthetic.columns import number_range
from charterwatch.synthetic.dates import DayMaker, Days
from charterwatch.synthetic.deadlines import meet_deadlines
from charterwatch.synthetic.draws import (
    AtMost,
    Infeasible,
    Ints,
    draw_from,
    lognormal_pmf,
    meet_limits,
    nudge_between,
    rounds_to,
    stream,
)
from charterwatch.synthetic.recipe import RecordSettings
from charterwatch.synthetic.targets import Target
from charterwatch.units import decimals_of

AMOUNT_KINDS = ("duration", "mean", "sum", "ratio")
"""The kinds this module meets."""

STEPS = {"hours": 60, "minutes": 60, "working_days": 1, "calendar_days": 1}
"""Whole steps per unit a duration is counted in: minutes in an hour, seconds in a minute."""

STEP_TIME = {"hours": "m", "minutes": "s"}
"""The numpy time unit of one step of a duration between timestamps."""

SIGMA = 0.5
"""Log-normal spread of durations."""

VALUE_SPREAD = 0.25
"""Relative spread of values around a mean, and of record-level noise on a ratio: 0.05."""

WORKING_HOURS = (8 * 3600, 18 * 3600)
"""Times of day an end timestamp is drawn between (seconds after midnight)."""

Mask = npt.NDArray[np.bool_]


def amount_targets(targets: Sequence[Target]) -> list[Target]:
    """The targets :func:`meet_amounts` meets (a duration needs ``start`` and ``end``)."""
    return [
        t
        for t in targets
        if t.kind in AMOUNT_KINDS
        and not math.isnan(t.value)
        and (t.kind != "duration" or (t.params.get("start") and t.params.get("end")))
    ]


def meet_amounts(
    frame: pd.DataFrame,
    targets: Sequence[Target],
    fields: Sequence[FieldFile],
    settings: RecordSettings,
    seed: int,
    source: str,
    days: DayMaker,
    notes: list[str],
    organisation_column: str | None = None,
    rulebook: DeadlineRulebook | None = None,
) -> None:
    """Set the columns of ``frame`` the amount targets read so each is met (in place);
    with ``rulebook``, deadline compliance too (:mod:`~charterwatch.synthetic.deadlines`)."""
    if rulebook is not None and not frame.empty:
        meet_deadlines(frame, targets, rulebook, days, seed, source, _counted, notes)
    wanted = amount_targets(targets)
    if not wanted or frame.empty:
        return
    by_name = {f.name: f for f in fields}
    cells, n_cells = _cells(frame, organisation_column)
    effects = stream(seed, source, "organisation effects").normal(
        0.0, settings.organisation_spread, n_cells
    )
    groups: dict[tuple[str, ...], list[Target]] = {}
    for t in wanted:
        groups.setdefault(_reads(t), []).append(t)
    # durations first (they move start dates, which may date other records); sums and means
    # before ratios (a ratio reads a denominator a sum or mean may have set)
    order = {"duration": 0, "sum": 1, "mean": 1, "ratio": 2}
    for reads, group in sorted(groups.items(), key=lambda item: order[item[0][0]]):
        ordered = sorted(
            group, key=lambda t: (int(_counted(frame, t).sum()), t.key, t.period.label)
        )
        rng = stream(seed, source, "amounts", *reads)
        if reads[0] == "duration":
            _durations(frame, ordered, reads, rng, cells, effects, days, notes)
        else:
            _values(frame, ordered, reads, rng, cells, effects, by_name, settings, notes)
    for t in wanted:
        reached = figure_of(frame, t, days)
        places = decimals_of(t.unit)
        if reached is None or not rounds_to(reached, t.value, places):
            shown = "no records" if reached is None else f"{reached:.{places}f}"
            notes.append(f"{t.describe()}: the records give {shown}, not the target")


def _reads(t: Target) -> tuple[str, ...]:
    p = t.params
    if t.kind == "duration":
        counted = str(p.get("count_in") or p.get("calendar") or "working_days")
        return ("duration", str(p["start"]), str(p["end"]), counted)
    if t.kind == "ratio":
        return ("ratio", str(p["numerator"]), str(p["denominator"]))
    return (t.kind, str(p["value"]))


def _date_column(t: Target) -> str:
    return str(t.params.get("date") or t.params.get("end") or "date")


def _counted(frame: pd.DataFrame, t: Target) -> Mask:
    """The records ``t`` counts: dated in its period, passing its filter and where."""
    when = pd.to_datetime(frame[_date_column(t)], errors="coerce")
    first = pd.Timestamp(t.period.start)
    after = pd.Timestamp(t.period.end + timedelta(days=1))
    mask = np.array((when >= first) & (when < after), dtype=np.bool_)
    for column, values in t.conditions.items():
        if column not in frame:
            return np.zeros(len(frame), dtype=np.bool_)
        mask = mask & frame[column].map(_text).isin(values).to_numpy()
    return np.asarray(mask, dtype=np.bool_)


def _text(value: object) -> str:
    return str(value).lower() if isinstance(value, bool | np.bool_) else str(value)


def _cells(frame: pd.DataFrame, column: str | None) -> tuple[Ints, int]:
    """Each record's organisation as a number (all 0 without an organisation column)."""
    if column is None or column not in frame:
        return np.zeros(len(frame), dtype=np.int64), 1
    codes, uniques = pd.factorize(frame[column].map(_text), sort=True)
    return np.asarray(codes, dtype=np.int64), max(1, len(uniques))


def _quantile(t: Target) -> float | None:
    statistic = str(t.params.get("statistic") or ("mean" if t.kind == "mean" else "median"))
    if statistic == "mean":
        return None
    if statistic == "percentile":
        return float(t.params.get("percentile") or 50) / 100.0
    return 0.5


def _positions(q: float, n: int) -> tuple[int, int]:
    """The sorted positions an interpolating quantile reads (both, when it falls between;
    a neighbour too when it falls within rounding of a whole position)."""
    x = q * (n - 1)
    return max(0, math.floor(x - 1e-9)), min(n - 1, math.ceil(x + 1e-9))


def _durations(
    frame: pd.DataFrame,
    targets: Sequence[Target],
    reads: tuple[str, ...],
    rng: np.random.Generator,
    cells: Ints,
    effects: npt.NDArray[np.float64],
    days: DayMaker,
    notes: list[str],
) -> None:
    _, start, end, counted = reads
    step = STEPS.get(counted, 1)
    if counted in STEP_TIME:
        _with_times(frame, end, rng)
    n = len(frame)
    gaps = np.zeros(n, dtype=np.int64)
    fixed = np.zeros(n, dtype=np.bool_)
    usual = float(np.median([t.value for t in targets])) * step
    sets: dict[tuple[str, str], list[Target]] = {}
    for t in targets:
        sets.setdefault((t.period.label, repr(sorted(t.conditions.items()))), []).append(t)
    for same in sets.values():
        counted_by = _counted(frame, same[0])
        size = int(counted_by.sum())
        if size == 0:
            notes.extend(f"{t.describe()}: no records to meet it on" for t in same)
            continue
        free = np.flatnonzero(counted_by & ~fixed)
        wholes = [max(1, math.floor(t.value * step + 0.5)) for t in same]
        pmfs = _pmfs(wholes[0], effects)
        values = _draw(rng, cells[free], pmfs)
        held = gaps[counted_by & fixed]
        limits = []
        for t, whole in zip(same, wholes, strict=True):
            q = _quantile(t)
            if q is not None:
                lo, hi = _positions(q, size)
                limits += [AtMost(whole - 1, lo), AtMost(whole, hi + 1)]
        try:
            if limits:
                values = meet_limits(rng, values, cells[free], pmfs, limits, fixed=held)
            else:  # a mean (the one target on these records)
                total = math.floor(same[0].value * step * size + 0.5) - int(held.sum())
                top = np.full(free.size, 4 * (pmfs[0].size - 1), dtype=np.int64)
                if free.size:
                    values = values + (total - int(values.sum())) // free.size
                values = nudge_between(rng, values, total, np.ones_like(top), top)
        except (Infeasible, ValueError) as exc:
            notes.extend(f"{t.describe()}: cannot be met ({exc})" for t in same)
        gaps[free] = values
        fixed[free] = True
    rest = np.flatnonzero(~fixed)
    gaps[rest] = _draw(rng, cells[rest], _pmfs(max(1, round_half_up(usual)), effects))
    frame[start] = _worked_back(frame[end], gaps, counted, days)


def _pmfs(whole: int, effects: npt.NDArray[np.float64]) -> list[npt.NDArray[np.float64]]:
    """One log-normal per organisation around ``whole`` steps, never 0 (an end after its
    start), up to eight times the target."""
    top = max(10, 8 * whole)
    out = []
    for effect in effects:
        pmf = lognormal_pmf(whole * math.exp(float(effect)), SIGMA, top)
        pmf[0] = 0.0
        out.append(pmf / pmf.sum())
    return out


def _draw(rng: np.random.Generator, cells: Ints, pmfs: Sequence[npt.NDArray[np.float64]]) -> Ints:
    out = np.zeros(cells.size, dtype=np.int64)
    for cell in np.unique(cells):
        these = np.flatnonzero(cells == cell)
        out[these] = draw_from(rng, pmfs[int(cell)], these.size, low=1)
    return out


def _with_times(frame: pd.DataFrame, end: str, rng: np.random.Generator) -> None:
    """End timestamps with a time of day (whole minutes in working hours), where the
    records have only dates."""
    stamps = pd.to_datetime(frame[end], errors="coerce").to_numpy().astype("datetime64[s]")
    known = stamps[~np.isnat(stamps)]
    if (known != known.astype("datetime64[D]")).any():
        return
    low, high = WORKING_HOURS
    minutes = rng.integers(low // 60, high // 60, size=stamps.size)
    frame[end] = stamps + (minutes * 60).astype("timedelta64[s]")


def _worked_back(end: pd.Series, gaps: Ints, counted: str, days: DayMaker) -> Days:
    """Start dates (or timestamps) ``gaps`` steps before each end, under the counting rule."""
    if counted in STEP_TIME:
        stamps = pd.to_datetime(end, errors="coerce").to_numpy().astype("datetime64[s]")
        return np.asarray(stamps - gaps.astype(f"timedelta64[{STEP_TIME[counted]}]"))
    ends: Days = pd.to_datetime(end, errors="coerce").to_numpy().astype("datetime64[D]")
    if counted == "working_days":
        known = ~np.isnat(ends)
        out = ends.copy()
        out[known] = days.before_working(ends[known], gaps[known])
        return out
    return np.asarray(ends - gaps.astype("timedelta64[D]"))


def _values(
    frame: pd.DataFrame,
    targets: Sequence[Target],
    reads: tuple[str, ...],
    rng: np.random.Generator,
    cells: Ints,
    effects: npt.NDArray[np.float64],
    fields: dict[str, FieldFile],
    settings: RecordSettings,
    notes: list[str],
) -> None:
    kind, column = reads[0], reads[1]
    field = fields.get(column)
    if field is None or column not in frame:
        notes.extend(f"{t.describe()}: the source has no number column {column!r}" for t in targets)
        return
    unit = 1.0 if field.type == "integer" else 0.01
    low, high = _bounds(field, settings, unit)
    current = pd.to_numeric(frame[column], errors="coerce").fillna(low * unit).to_numpy()
    steps = np.clip(np.rint(current / unit), low, high).astype(np.int64)
    fixed = np.zeros(len(frame), dtype=np.bool_)
    for t in targets:
        counted_by = _counted(frame, t)
        if not counted_by.any():
            notes.append(f"{t.describe()}: no records to meet it on")
            continue
        free = np.flatnonzero(counted_by & ~fixed)
        held = int(steps[counted_by & fixed].sum())
        lift = 1.0 + effects[cells[free]]
        if kind == "mean":
            if _quantile(t) is not None:
                notes.append(f"{t.describe()}: only a mean is calibrated for kind 'mean'")
                continue
            drawn = rng.normal(t.value, abs(t.value) * VALUE_SPREAD, free.size) * lift
            total = math.floor(t.value * int(counted_by.sum()) / unit + 0.5)
        elif kind == "sum":
            drawn = current[free] * lift
            total = math.floor(t.value / unit + 0.5)
        else:
            denominator = _numbers(frame, reads[2])
            scale = float(t.params.get("scale", 100))
            share = t.value / scale
            noise = rng.normal(1.0, VALUE_SPREAD / 5, free.size)
            drawn = denominator[free] * share * lift * noise
            total = math.floor(share * float(denominator[counted_by].sum()) / unit + 0.5)
        want = total - held
        tops = np.full(free.size, high, dtype=np.int64)
        if kind == "ratio" and t.value <= float(t.params.get("scale", 100)):
            # a part of a whole (rent collected of rent due) is never more than the whole
            whole = np.floor(denominator[free] / unit + 1e-9).astype(np.int64)
            tops = np.maximum(np.minimum(tops, whole), low)
        values = np.clip(np.rint(np.asarray(drawn) / unit), low, tops).astype(np.int64)
        if kind == "sum" and values.sum() > 0:
            values = np.clip(np.rint(values * (want / values.sum())), low, tops).astype(np.int64)
        if free.size:
            shift = (want - int(values.sum())) // free.size
            values = np.clip(values + shift, low, tops)
        try:
            values = nudge_between(rng, values, want, np.full(free.size, low), tops)
        except ValueError as exc:
            notes.append(f"{t.describe()}: cannot be met within {column}'s range ({exc})")
        steps[free] = values
        fixed[free] = True
    if kind == "ratio" and all(t.value <= float(t.params.get("scale", 100)) for t in targets):
        # records no target counts (dated outside the years) are parts of their whole too
        rest = ~fixed
        whole = np.floor(_numbers(frame, reads[2])[rest] / unit + 1e-9).astype(np.int64)
        steps[rest] = np.maximum(np.minimum(steps[rest], whole), low)
    frame[column] = steps if unit == 1.0 else np.round(steps * unit, 2)


def _numbers(frame: pd.DataFrame, column: str) -> npt.NDArray[np.float64]:
    return np.asarray(pd.to_numeric(frame[column], errors="coerce").fillna(0), dtype=np.float64)


def _bounds(field: FieldFile, settings: RecordSettings, unit: float) -> tuple[int, int]:
    """A column's range in steps: the field's minimum and maximum, else the recipe's range
    (a value may go to ten times its top when the field sets no maximum)."""
    low, high = number_range(field, settings)
    if field.minimum is not None:
        low = field.minimum
    top = field.maximum if field.maximum is not None else max(high, 1.0) * 10
    return math.ceil(low / unit - 1e-9), math.floor(top / unit + 1e-9)


def figure_of(frame: pd.DataFrame, t: Target, days: DayMaker) -> float | None:
    """The figure ``t`` reads, computed from the records as the measure would (None when it
    counts no record): to check each target was met and say so when it was not."""
    counted_by = _counted(frame, t)
    if not counted_by.any():
        return None
    reads = _reads(t)
    if t.kind == "duration":
        _, start, end, counted = reads
        rows = frame[counted_by]
        if counted in STEP_TIME:
            a = pd.to_datetime(rows[start]).to_numpy().astype("datetime64[s]")
            b = pd.to_datetime(rows[end]).to_numpy().astype("datetime64[s]")
            values = (b - a).astype(np.int64) / (3600.0 if counted == "hours" else 60.0)
        else:
            a = pd.to_datetime(rows[start]).to_numpy().astype("datetime64[D]")
            b = pd.to_datetime(rows[end]).to_numpy().astype("datetime64[D]")
            if counted == "working_days":
                values = days.working_days_between(a, b).astype(np.float64)
            else:
                values = (b - a).astype(np.int64).astype(np.float64)
        q = _quantile(t)
        return float(values.mean() if q is None else np.quantile(values, q))
    if t.kind == "ratio":
        num = pd.to_numeric(frame.loc[counted_by, reads[1]]).sum()
        den = pd.to_numeric(frame.loc[counted_by, reads[2]]).sum()
        return None if den == 0 else float(num / den * float(t.params.get("scale", 100)))
    values = pd.to_numeric(frame.loc[counted_by, reads[1]])
    return float(values.sum() if t.kind == "sum" else values.mean())
