"""Calibration targets: the value each record-based measure must show in each year.

Three origins, in order of priority:

- ``published``: a figure in ``published/figures.yaml`` linked to the measure for a financial
  year, or linked by the recipe's ``calibrate`` list (a figure for a month, or one computed
  another way, such as the share who disagreed);
- ``walk``: a year with no published figure, reached by a seeded random walk from the
  nearest published year (so a series moves plausibly around the real figures);
- ``anchor``: a measure with no published figure at all, walked from the recipe's ``anchors``.

Measures with neither (counts, backlogs) take their values from the recipe's volumes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from charterwatch.dates.periods import FinancialYear, Month
from charterwatch.model.framework import Framework, Measure, PublishedFigure
from charterwatch.stats.rounding import round_decimals, round_half_up
from charterwatch.synthetic.draws import stream
from charterwatch.synthetic.recipe import Calibration, Recipe
from charterwatch.units import decimals_of

RECORD_KINDS = frozenset(
    {
        "survey_proportion",
        "duration",
        "deadline_compliance",
        "count",
        "rate",
        "share_of_records",
        "backlog",
        "sum",
        "ratio",
        "mean",
    }
)
"""Measure kinds computed from raw records, so the generated data must support them."""

WALKED_KINDS = frozenset(
    {
        "survey_proportion",
        "duration",
        "deadline_compliance",
        "share_of_records",
        "sum",
        "ratio",
        "mean",
    }
)
"""Kinds whose unpublished years get a walked target; counts follow the recipe's volumes."""

Origin = Literal["published", "walk", "anchor"]

_MONTH = re.compile(r"^\d{4}-\d{2}$")
_SPAN = re.compile(r"^(\d{4}-\d{2}) to (\d{4}-\d{2})$")


@dataclass(frozen=True)
class Period:
    """What a target covers: a financial year, a month or a span of months in one year."""

    label: str
    start: date
    end: date
    year: str
    """The financial year the period lies in (``2022-23``)."""

    @property
    def is_year(self) -> bool:
        return self.label == self.year


def parse_period(text: str) -> Period:
    """``2022-23`` (financial year), ``2022-09`` (month) or ``2022-04 to 2022-10`` (months).

    A label of the form ``NNNN-NN`` is a financial year when the two parts are consecutive
    years, and a month otherwise. Raises ValueError for anything else, or for a span that
    leaves its financial year.
    """
    text = text.strip()
    try:
        fy = FinancialYear.parse(text)
        return Period(fy.label, fy.start, fy.end, fy.label)
    except ValueError:
        pass
    if _MONTH.match(text):
        month = Month.parse(text)
        return Period(month.label, month.start, month.end, month.financial_year.label)
    span = _SPAN.match(text)
    if span:
        first, last = Month.parse(span.group(1)), Month.parse(span.group(2))
        if first.financial_year != last.financial_year or last.start < first.start:
            raise ValueError(f"the months of {text!r} must run forwards within one financial year")
        return Period(text, first.start, last.end, first.financial_year.label)
    raise ValueError(
        f"{text!r} is not a period: write a financial year (2022-23), a month (2022-09) or a "
        "span of months (2022-04 to 2022-10)"
    )


@dataclass(frozen=True)
class Target:
    """One value the generated records must show, and where it came from."""

    key: str
    """The measure id, or ``figure:<id>`` for a figure computed with its own params."""
    kind: str
    source: str
    params: dict[str, Any]
    period: Period
    value: float
    unit: str
    origin: Origin
    measure: str | None = None
    figure: str | None = None
    published_period: str | None = None
    base: int | None = None

    @property
    def year(self) -> str:
        return self.period.year

    @property
    def filters(self) -> dict[str, list[str]]:
        """The params' ``filter`` with every value as a list of text."""
        return {k: _as_list(v) for k, v in (self.params.get("filter") or {}).items()}

    @property
    def conditions(self) -> dict[str, list[str]]:
        """The records the figure counts: ``filter`` and ``where`` together (both keep the
        records whose column holds one of the values, compared as text)."""
        where = {k: _as_list(v) for k, v in (self.params.get("where") or {}).items()}
        return {**self.filters, **where}

    def describe(self) -> str:
        where = f" (figure {self.figure})" if self.figure else ""
        return f"{self.key} {self.period.label} = {self.value:g} {self.unit}, {self.origin}{where}"


@dataclass
class TargetSet:
    """Every target, plus the years of each measure and what could not be used."""

    targets: list[Target] = field(default_factory=list)
    years: list[str] = field(default_factory=list)
    measure_years: dict[str, list[str]] = field(default_factory=dict)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """(figure or measure id, why it is not a target)."""

    def published(self) -> list[Target]:
        return [t for t in self.targets if t.origin == "published"]


def _as_list(value: Any) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [str(v).lower() if isinstance(v, bool) else str(v) for v in values]


def source_of(measure: Measure) -> str:
    """The source a measure's records come from: ``params.source`` or its first source."""
    return str(measure.params.get("source") or measure.sources[0])


def record_measures(framework: Framework) -> list[Measure]:
    """The active measures of the default framework computed from raw records."""
    return [
        m
        for m in framework.framework.measures.values()
        if m.kind in RECORD_KINDS and m.status == "active"
    ]


def year_labels(first: str, last: str) -> list[str]:
    return [fy.label for fy in FinancialYear.range(first, last)]


def measure_years(measure: Measure, years: list[str]) -> list[str]:
    """The years a measure has data: from its ``first_year`` (if later) to the last year."""
    first = measure.first_year or years[0]
    return [y for y in years if y >= first]


def build_targets(framework: Framework, recipe: Recipe) -> TargetSet:
    """Every calibration target for the framework's record-based measures and the recipe's
    extra calibrations. Problems (an unknown figure or measure, a bad period) are collected in
    ``skipped`` rather than raised."""
    first = recipe.first_year or framework.framework.spec.first_year
    out = TargetSet(years=year_labels(first, recipe.last_year))
    measures = {m.id: m for m in record_measures(framework)}
    for m in measures.values():
        out.measure_years[m.id] = measure_years(m, out.years)
    known: dict[str, dict[str, Target]] = {m: {} for m in measures}

    def add_published(m: Measure, figure: PublishedFigure, period: Period) -> None:
        if period.year not in out.measure_years[m.id]:
            out.skipped.append((figure.id, f"{period.label} is outside the years of {m.id}"))
            return
        target = _target(m, figure, period, "published")
        out.targets.append(target)
        if period.is_year:
            known[m.id][period.year] = target

    for figure in framework.published_figures.values():
        linked = measures.get(figure.measure or "")
        if linked is None or figure.breakdown:
            continue
        try:
            period = parse_period(figure.year)
        except ValueError:
            if not any(c.figure == figure.id for c in recipe.calibrate):
                out.skipped.append((figure.id, f"its period {figure.year!r} is not a year"))
            continue
        add_published(linked, figure, period)

    for cal in recipe.calibrate:
        _calibrate(cal, framework, measures, out, add_published)

    for m in measures.values():
        if m.kind in WALKED_KINDS:
            out.targets.extend(_walked(m, known[m.id], recipe, out.measure_years[m.id]))
    return out


def _target(m: Measure, figure: PublishedFigure | None, period: Period, origin: Origin) -> Target:
    return Target(
        key=m.id,
        kind=m.kind,
        source=source_of(m),
        params=dict(m.params),
        period=period,
        value=float(figure.value) if figure else math.nan,
        unit=m.unit.value,
        origin=origin,
        measure=m.id,
        figure=figure.id if figure else None,
        published_period=figure.year if figure else None,
        base=figure.base if figure else None,
    )


def _calibrate(
    cal: Calibration,
    framework: Framework,
    measures: dict[str, Measure],
    out: TargetSet,
    add_published: Callable[[Measure, PublishedFigure, Period], None],
) -> None:
    figure = framework.published_figures.get(cal.figure)
    if figure is None:
        out.skipped.append((cal.figure, "the recipe names a figure that is not published"))
        return
    try:
        period = parse_period(cal.period or figure.year)
    except ValueError as exc:
        out.skipped.append((cal.figure, str(exc)))
        return
    if cal.kind is not None:
        params = dict(cal.params)
        if figure.breakdown:
            params["filter"] = {**(params.get("filter") or {}), **figure.breakdown}
        source = str(params.get("source") or "")
        if not source:
            out.skipped.append((cal.figure, "its params name no source"))
            return
        out.targets.append(
            Target(
                key=f"figure:{figure.id}",
                kind=cal.kind,
                source=source,
                params=params,
                period=period,
                value=float(figure.value),
                unit=figure.unit.value,
                origin="published",
                figure=figure.id,
                published_period=figure.year,
                base=figure.base,
            )
        )
        return
    ids = cal.measures or ([figure.measure] if figure.measure else [])
    if not ids:
        out.skipped.append((cal.figure, "no measure to calibrate: give 'measures' or 'kind'"))
    for ident in ids:
        m = measures.get(ident)
        if m is None:
            out.skipped.append((cal.figure, f"{ident} is not a record-based measure"))
            continue
        add_published(m, figure, period)


def _walked(
    m: Measure, known: dict[str, Target], recipe: Recipe, years: list[str]
) -> Iterable[Target]:
    """Targets for the years of ``m`` with no published figure."""
    anchors: dict[str, float] = {}
    origin: Origin = "walk"
    if not known:
        anchor = recipe.anchors.get(m.id)
        if anchor is None or not years:
            return []
        origin = "anchor"
        anchors = dict(anchor) if isinstance(anchor, dict) else {years[0]: float(anchor)}
    values = {y: t.value for y, t in known.items()} | anchors
    out = []
    for year in years:
        if year in known:
            continue
        value = values.get(year)
        if value is None:
            value = _tidy(m.unit.value, _walk_to(m, year, values, recipe), recipe)
        out.append(
            Target(
                key=m.id,
                kind=m.kind,
                source=source_of(m),
                params=dict(m.params),
                period=parse_period(year),
                value=float(value),  # an anchor as the recipe writes it
                unit=m.unit.value,
                origin=origin,
                measure=m.id,
            )
        )
    return out


def _walk_to(m: Measure, year: str, values: dict[str, float], recipe: Recipe) -> float:
    """The value in ``year``: a walk, one year at a time, from the nearest year with a value
    (the earlier one on a tie). Each year's step is drawn from its own seeded stream."""
    start = int(year[:4])
    nearest = min(values, key=lambda y: (abs(int(y[:4]) - start), int(y[:4])))
    value = values[nearest]
    here = int(nearest[:4])
    direction = 1 if start > here else -1
    while here != start:
        here += direction
        rng = stream(recipe.seed, "walk", m.id, str(here))
        step = float(rng.normal())
        if m.unit.value == "percent":
            value += step * recipe.walk.percent_points
            low, high = recipe.walk.percent_range
            value = min(high, max(low, value))
        else:
            value *= math.exp(step * recipe.walk.relative)
    return value


WHOLE_UNITS = frozenset({"working_days", "calendar_days", "seconds", "count", "people"})
"""Units whose walked values are whole (as such figures are usually published); money walks
to the penny and anything else (hours, minutes, rates) to the places it is published with."""


def _tidy(unit: str, value: float, recipe: Recipe) -> float:
    """Walked values as a publication would give them: whole percentages, days and seconds,
    money to the penny, hours and rates to one decimal place."""
    if unit == "percent":
        low, high = recipe.walk.percent_range
        return float(min(high, max(low, round_half_up(value))))
    if unit in WHOLE_UNITS:
        return float(max(1, round_half_up(value)))
    places = decimals_of(unit)
    return max(10.0**-places, round_decimals(value, places))
