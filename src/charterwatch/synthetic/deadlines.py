"""Exact deadline compliance on plain records: the targets of ``deadline_compliance``
measures on a ``shape: records`` source.

Each target is met on the records it counts (dated in its year by the measure's ``end``,
passing its ``filter``), narrowest first, counting in records a narrower target has fixed.
The end date stays; the start is worked back from it so that exactly the right number of
records fall within the deadline in force (the framework's rule for the measure's
``process``, in working or calendar days on its calendar). On-time records are spread
within the limit; late ones are a few days past it. On time is decided as the
``deadline_compliance`` kind decides it, so generator and measure agree.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date

import numpy as np
import pandas as pd

from charterwatch.dates.deadlines import (
    ANY_GROUP,
    DeadlineRule,
    DeadlineRulebook,
    NoDeadlineRuleError,
)
from charterwatch.synthetic.dates import DayMaker, Days, Ints
from charterwatch.synthetic.draws import stream
from charterwatch.synthetic.targets import Target

LATE_BY = (1, 6)
"""How many days (working or calendar, as the rule counts) a late record is past its limit:
from the first to below the second."""

NO_RULE_GAP = 10
"""Calendar days between start and end for records no rule covers."""

Counted = Callable[[pd.DataFrame, Target], np.ndarray]


def deadline_targets(targets: Sequence[Target]) -> list[Target]:
    """The targets :func:`meet_deadlines` meets (they need ``process``, ``start``, ``end``)."""
    return [
        t
        for t in targets
        if t.kind == "deadline_compliance"
        and not math.isnan(t.value)
        and all(t.params.get(k) for k in ("process", "start", "end"))
    ]


def meet_deadlines(
    frame: pd.DataFrame,
    targets: Sequence[Target],
    rulebook: DeadlineRulebook,
    days: DayMaker,
    seed: int,
    source: str,
    counted: Counted,
    notes: list[str],
) -> None:
    """Set the start column of each deadline target so its share on time is met (in place)."""
    wanted = deadline_targets(targets)
    if not wanted or frame.empty:
        return
    by_columns: dict[tuple[str, str], list[Target]] = {}
    for t in wanted:
        by_columns.setdefault((str(t.params["start"]), str(t.params["end"])), []).append(t)
    for (start, end), same in by_columns.items():
        rng = stream(seed, source, "deadlines", start, end)
        ends: Days = pd.to_datetime(frame[end], errors="coerce").to_numpy().astype("datetime64[D]")
        cases = _case_groups(frame, same)
        ordered = sorted(same, key=lambda t: (int(counted(frame, t).sum()), t.key, t.period.label))
        # each record keeps the process of the narrowest target counting it
        process: list[str] = [str(ordered[-1].params["process"])] * len(frame)
        claimed = np.zeros(len(frame), dtype=np.bool_)
        for t in ordered:
            these = np.flatnonzero(counted(frame, t) & ~claimed)
            for i in these:
                process[i] = str(t.params["process"])
            claimed[these] = True
        rules = [_rule(rulebook, process[i], cases, i, ends[i]) for i in range(len(frame))]
        on_time = np.zeros(len(frame), dtype=np.bool_)
        fixed = np.zeros(len(frame), dtype=np.bool_)
        for t in ordered:
            mask = counted(frame, t) & np.array([r is not None for r in rules])
            size = int(mask.sum())
            if size == 0:
                notes.append(f"{t.describe()}: no records with a deadline rule to meet it on")
                continue
            free = np.flatnonzero(mask & ~fixed)
            want = math.floor(t.value * size / 100 + 0.5) - int(on_time[mask & fixed].sum())
            want = min(max(want, 0), free.size)
            chosen = rng.permutation(free)[:want]
            on_time[chosen] = True
            fixed[free] = True
        rest = np.flatnonzero(~fixed)
        on_time[rest] = rng.random(rest.size) < 0.9
        frame[start] = _starts(ends, rules, on_time, days, rng)
        # the rule is the one in force when the clock starts: redo a record once where that
        # differs from the rule on its end date
        starts: Days = np.asarray(frame[start]).astype("datetime64[D]")
        moved = [
            (i, r)
            for i in range(len(frame))
            if not np.isnat(starts[i])
            and (r := _rule(rulebook, process[i], cases, i, starts[i])) is not None
            and r != rules[i]
        ]
        for k, r in moved:
            rules[k] = r
        if moved:
            again = np.array([k for k, _ in moved])
            sub = [rules[int(k)] for k in again]
            redone = _starts(ends[again], sub, on_time[again], days, rng)
            starts[again] = redone
            frame[start] = starts
        for t in same:
            reached = share_on_time(frame, t, rulebook, days, counted)
            if reached is None or math.floor(reached + 0.5) != math.floor(t.value + 0.5):
                shown = "no records" if reached is None else f"{reached:.0f}%"
                notes.append(f"{t.describe()}: the records give {shown}, not the target")


def share_on_time(
    frame: pd.DataFrame, t: Target, rulebook: DeadlineRulebook, days: DayMaker, counted: Counted
) -> float | None:
    """The percentage of ``t``'s records on time, decided as the kind decides (None when no
    counted record has a rule)."""
    process, start, end = (str(t.params[k]) for k in ("process", "start", "end"))
    rows = frame[counted(frame, t)]
    a = pd.to_datetime(rows[start], errors="coerce").to_numpy().astype("datetime64[D]")
    b = pd.to_datetime(rows[end], errors="coerce").to_numpy().astype("datetime64[D]")
    cases = _case_groups(rows, [t])
    ruled = met = 0
    for i in range(len(rows)):
        rule = _rule(rulebook, process, cases, i, a[i])
        if rule is None or np.isnat(b[i]):
            continue
        ruled += 1
        if rule.unit == "working_days":
            gap = int(days.working_days_between(a[i : i + 1], b[i : i + 1])[0])
            on_working = bool(days.is_working(b[i : i + 1])[0])
            ok = gap < rule.length or (gap == rule.length and on_working)
        else:
            ok = int((b[i] - a[i]).astype(np.int64)) <= rule.length
        met += ok
    return None if ruled == 0 else 100.0 * met / ruled


def _case_groups(frame: pd.DataFrame, targets: Sequence[Target]) -> pd.Series | None:
    """Each record's deadline group: the column the targets' measures name as ``group``
    (the first that names one and that the records have), else None (the ``*`` rule)."""
    for t in targets:
        column = t.params.get("group")
        if column and str(column) in frame:
            return frame[str(column)].astype(str)
    return None


def _rule(
    rulebook: DeadlineRulebook, process: str, cases: pd.Series | None, i: int, day: object
) -> DeadlineRule | None:
    if not isinstance(day, np.datetime64) or np.isnat(day):
        return None
    on = date.fromisoformat(str(day.astype("datetime64[D]")))
    try:
        return rulebook.rule_for(process, ANY_GROUP if cases is None else cases.iat[i], on)
    except NoDeadlineRuleError:
        return None


def _starts(
    ends: Days,
    rules: Sequence[DeadlineRule | None],
    on_time: np.ndarray,
    days: DayMaker,
    rng: np.random.Generator,
) -> Days:
    """Start dates so each record is on time or late under its rule, as the kind decides."""
    n = ends.size
    lengths = np.array([r.length if r else NO_RULE_GAP for r in rules], dtype=np.int64)
    working = np.array([bool(r and r.unit == "working_days") for r in rules], dtype=np.bool_)
    known = ~np.isnat(ends)
    end_works = np.zeros(n, dtype=np.bool_)
    end_works[known] = days.is_working(ends[known])
    # on time: at most the limit (a working-day limit reached on a non-working end is late)
    top = np.where(working & ~end_works, lengths - 1, lengths)
    top = np.maximum(top, 1)
    spread = rng.triangular(0.0, 0.7, 1.0, n)
    early: Ints = np.clip(np.ceil(spread * top), 1, top).astype(np.int64)
    late: Ints = lengths + rng.integers(LATE_BY[0], LATE_BY[1], n)
    gaps = np.where(on_time, early, late).astype(np.int64)
    out = ends.copy()
    work = known & working
    out[work] = days.before_working(ends[work], gaps[work])
    cal = known & ~working
    out[cal] = ends[cal] - gaps[cal].astype("timedelta64[D]")
    return out
