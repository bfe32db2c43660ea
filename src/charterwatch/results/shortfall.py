"""The shortfall rule: which headline figures need a response. Its one home.

A measure is in shortfall in a year when any switched-on reason holds (settings under
``project.settings.shortfall``, documented in ``docs/statuses.md``):

- ``worse_than_last_year``: its status is "worse" (a significant change the wrong way);
- ``misses_standard``: the published figure misses its service standard;
- ``misses_legal_limit``: a legal time limit was missed in some cases: the share within the
  limit is below ``legal_limit_target`` (100% by default);
- ``sustained_decline``: over the last ``sustained_years`` steps every published figure moved
  the wrong way and the change across the whole span is significant by the measure's own test
  (on unrounded inputs), even when no single step is;
- ``below_percent``: a higher-is-better percentage below a floor (off unless set);
- an analyst's flag for that measure and year (``flags:`` in the framework files).

It is decided once, after disclosure control and assessment, when results are computed, and
stored with each figure; the site, PDFs, ``status`` and ``validate --release`` read it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from charterwatch.model.files import Polarity
from charterwatch.model.framework import Measure
from charterwatch.results.assess import ChangeRules, status_of
from charterwatch.results.figure import (
    Comparison,
    Figure,
    Shortfall,
    ShortfallReason,
    StandardKind,
    Status,
    TestInputs,
)
from charterwatch.stats import trend


@dataclass(frozen=True)
class ShortfallRule:
    """The configurable switches and thresholds of the shortfall rule."""

    worse_than_last_year: bool = True
    misses_standard: bool = True
    misses_legal_limit: bool = True
    legal_limit_target: float = 100.0
    sustained_decline: bool = True
    sustained_years: int = 3
    below_percent: float | None = None

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> ShortfallRule:
        return cls(**(settings.get("shortfall") or {}))


def decide_shortfalls(
    measure: Measure,
    series: Sequence[Figure],
    inputs: Mapping[tuple[str, str, str, str, str], TestInputs],
    rule: ShortfallRule,
    rules: ChangeRules,
    flags: Iterable[Any] = (),
) -> list[Figure]:
    """The assessed yearly headline ``series`` of one measure, each with its shortfalls."""
    ordered = sorted(series, key=lambda f: f.period)
    flagged: dict[str, list[str]] = {}
    for flag in flags:
        if flag.measure == measure.id:
            flagged.setdefault(flag.year, []).append(str(flag.reason))
    out = []
    for i, figure in enumerate(ordered):
        reasons = _reasons(measure, ordered, i, inputs, rule, rules)
        reasons += [
            Shortfall(ShortfallReason.ANALYST_FLAG, {"reason": text})
            for text in flagged.get(figure.label, [])
        ]
        out.append(replace(figure, shortfalls=tuple(reasons)))
    return out


def _reasons(
    measure: Measure,
    series: Sequence[Figure],
    i: int,
    inputs: Mapping[tuple[str, str, str, str, str], TestInputs],
    rule: ShortfallRule,
    rules: ChangeRules,
) -> list[Shortfall]:
    figure = series[i]
    if figure.value is None:
        return []
    found: list[Shortfall] = []
    if rule.worse_than_last_year and figure.status is Status.WORSE:
        previous = figure.assessment.params.get("previous", "") if figure.assessment else ""
        found.append(Shortfall(ShortfallReason.WORSE, {"previous": previous}))
    check = figure.standard
    if check is not None and check.met is False:
        legal = check.kind is StandardKind.LEGAL_LIMIT
        if legal and rule.misses_legal_limit:
            found.append(
                Shortfall(
                    ShortfallReason.MISSES_LEGAL_LIMIT,
                    {"value": figure.value, "target": check.target},
                )
            )
        elif not legal and rule.misses_standard:
            found.append(
                Shortfall(
                    ShortfallReason.MISSES_STANDARD,
                    {"value": figure.value, "target": check.target, "unit": check.unit},
                )
            )
    if rule.sustained_decline and figure.status is not Status.WORSE:
        decline = sustained_decline(measure, series[: i + 1], inputs, rule.sustained_years, rules)
        if decline is not None:
            found.append(decline)
    if (
        rule.below_percent is not None
        and figure.unit == "percent"
        and measure.polarity is Polarity.HIGHER_IS_BETTER
        and figure.value < rule.below_percent
    ):
        found.append(
            Shortfall(
                ShortfallReason.BELOW_FLOOR, {"value": figure.value, "floor": rule.below_percent}
            )
        )
    return found


def sustained_decline(
    measure: Measure,
    series: Sequence[Figure],
    inputs: Mapping[tuple[str, str, str, str, str], TestInputs],
    years: int,
    rules: ChangeRules,
) -> Shortfall | None:
    """A decline over the last ``years`` steps of ``series`` (the trend test), or None.

    The test: ``years + 1`` consecutive yearly figures, all published, with no break in
    series after the first; the last published figure worse than the first; and the trend
    test of :func:`charterwatch.stats.trend.sustained_decline` on the unrounded inputs
    calling a movement the wrong way: the Cochran-Armitage test at the configured level for
    proportions, the steady-run rule (every step the same way, in all at least the relative
    threshold) for other values.
    """
    if measure.polarity is Polarity.NEITHER or years < 2 or len(series) < years + 1:
        return None
    window = series[-(years + 1) :]
    for earlier, later in itertools.pairwise(window):
        if later.period != earlier.period.next():
            return None
    breaks = {b.year for b in measure.breaks}
    if any(f.label in breaks for f in window[1:]):
        return None
    published = [f.value for f in window if f.value is not None]
    if len(published) < len(window):
        return None
    higher_better = measure.polarity is Polarity.HIGHER_IS_BETTER
    if (published[-1] >= published[0]) if higher_better else (published[-1] <= published[0]):
        return None
    found = [inputs.get(f.key) for f in window]
    given = [i for i in found if i is not None]
    if len(given) < len(window):
        return None
    try:
        if window[-1].comparison is Comparison.PROPORTION:
            estimates = [i.estimate for i in given]
            bases = [i.effective_base for i in given]
            if any(e is None for e in estimates) or any(b is None for b in bases):
                return None
            change = trend.sustained_decline(
                [float(e or 0.0) for e in estimates],
                [float(b or 0.0) for b in bases],
                alpha=rules.alpha,
            )
        else:
            values = [i.value for i in given]
            if any(v is None for v in values):
                return None
            change = trend.sustained_decline(
                [float(v or 0.0) for v in values], threshold=rules.relative_threshold
            )
    except ValueError:
        return None
    if status_of(change, measure.polarity) is not Status.WORSE:
        return None
    return Shortfall(
        ShortfallReason.SUSTAINED_DECLINE,
        {"since": window[0].label, "before": published[0], "after": published[-1]},
    )
