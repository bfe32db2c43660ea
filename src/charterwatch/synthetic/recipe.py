"""The synthetic-data recipe: the tunable parts of generation, as written in ``synthetic.yaml``.

The recipe says how much to make and what it looks like where nothing is published: years,
volumes per benefit and year, answer shares of unmeasured questions, typical processing times,
call volumes, the seed. Calibration *targets* are not here: they come from
``published/figures.yaml`` (figures linked to a measure, plus the extra links listed under
``calibrate``) and, for years with no published figure, from a seeded random walk that starts
at the published values or at the recipe's ``anchors``.

Importing this module registers the ``synthetic:`` top-level key with the framework loader,
so ``synthetic.yaml`` is validated (with line numbers) whenever the framework folder is loaded.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from charterwatch.model.framework import Origin
from charterwatch.model.loader import Collected, origin, parse, reader
from charterwatch.model.yamlfile import YamlDocument

YearLabel = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}$")]
"""A financial year such as ``2023-24``."""

RECIPE_KEY = "synthetic"


class Strict(BaseModel):
    """Base of the recipe's parts: unknown keys are errors, numbers written as text accepted."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class FigureCount(Strict):
    """A volume taken from a published count figure, e.g. ``{figure: cs-2021-22-respondents}``."""

    figure: str


Volume = int | FigureCount
"""A record count at size factor 1: a number, or the value of a published count figure."""


class Calibration(Strict):
    """An extra link from a published figure to something the generated records must show.

    With only ``figure`` and ``period``, the figure's own measure is calibrated for ``period``
    (for a figure whose published period is not a financial year). With ``measures``, each of
    those measures is calibrated to the figure's value. With ``kind`` and ``params``, the
    figure is recomputed as that measure kind would compute it (for a figure that is not the
    value of any measure, such as the share who *disagreed*); a breakdown on the figure
    (``benefit: CDP``) becomes a filter. ``period`` is a financial year (``2022-23``), a
    month (``2022-09``) or a span of months (``2022-04 to 2022-10``).
    """

    figure: str
    period: str | None = None
    measures: list[str] = Field(default_factory=list)
    kind: str | None = None
    params: dict[str, Any] = Field(default_factory=dict)
    note: str | None = None

    @model_validator(mode="after")
    def _kind_with_params(self) -> Calibration:
        if self.params and self.kind is None:
            raise ValueError("'params' needs 'kind' (the measure kind that computes the figure)")
        if self.kind is not None and self.measures:
            raise ValueError("give either 'kind' and 'params' or 'measures', not both")
        return self


class WalkSettings(Strict):
    """How values move from year to year where nothing is published (standard deviations)."""

    percent_points: float = Field(1.2, ge=0, description="Percentage points per year.")
    relative: float = Field(0.08, ge=0, description="Other units: relative change per year.")
    percent_range: tuple[float, float] = (2.0, 98.0)


class QuestionSettings(Strict):
    """How one survey question is answered where no measure calibrates it."""

    asked_if: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Asked only of respondents who gave one of these answers to that question.",
    )
    answers: dict[str, float] = Field(
        default_factory=dict,
        description="Relative weight of each answer. For a question the framework does not"
        " list (survey-questions.yaml), these answers are its whole scale.",
    )
    first_year: YearLabel | None = None


class SurveySettings(Strict):
    """One survey source: respondents per year and how its questions are routed and answered."""

    respondents: dict[YearLabel, Volume]
    first_year: YearLabel | None = None
    waves: int = Field(1, ge=1, description="Waves per year; respondents are spread evenly.")
    questions: dict[str, QuestionSettings] = Field(default_factory=dict)
    not_valid: float = Field(
        2.0, ge=0, le=50, description="Percent of answers that are 'don't know' and the like."
    )
    answer_weights: dict[str, float] = Field(
        default_factory=dict,
        description="How a count splits between answers counted together (e.g. strongly agree"
        " and agree). Answers not listed weigh 1.",
    )
    benefits: dict[str, float] = Field(
        default_factory=dict, description="Benefit respondents are sampled from, by weight."
    )
    organisation_types: dict[str, float] = Field(
        default_factory=dict, description="Kinds of organisation answering (partner surveys)."
    )
    equality: bool = True


class DurationSettings(Strict):
    """Typical processing time of a benefit where no figure calibrates it (working days)."""

    median: float = Field(gt=0)
    spread: float = Field(0.6, gt=0, description="Log-normal sigma of the durations.")


class ApplicationSettings(Strict):
    """Applications: decisions per benefit and year, processing times, outcomes, channels."""

    decisions: dict[str, dict[YearLabel, int]]
    durations: dict[str, DurationSettings]
    special_rules: dict[str, float] = Field(
        default_factory=dict, description="Percent of a benefit's cases under special rules."
    )
    special_rules_duration: DurationSettings = DurationSettings(median=4, spread=0.5)
    consultation: dict[str, float] = Field(
        default_factory=dict,
        description="Percent of a benefit's decided cases with a consultation (others: empty).",
    )
    outcomes: dict[str, dict[str, float]] = Field(
        description="Outcome weights by benefit; 'default' for the rest."
    )
    channels: dict[str, float]
    weekend_receipts: float = Field(
        0.2,
        ge=0,
        le=1,
        description="Chance that a receipt falls on the non-working day(s)"
        " before the first working day of the clock, where that gives the same count.",
    )
    open_at_end: float = Field(
        4.0, ge=0, le=50, description="Percent extra of the last year's volume still undecided."
    )
    longest: int = Field(400, ge=30, description="Longest processing time, in working days.")


class CaseFlowSettings(Strict):
    """Re-determinations or appeals: volumes by benefit and year, time taken, outcomes."""

    volumes: dict[str, dict[YearLabel, int]]
    days: dict[str, float] = Field(description="Median calendar days to a decision, by benefit.")
    spread: float = 0.5
    outcomes: dict[str, float]
    open_at_end: float = Field(5.0, ge=0, le=50)


class CallSettings(Strict):
    """Inbound calls: a sample per year, queues, abandonment and service closures."""

    calls: dict[YearLabel, int]
    queues: dict[YearLabel, dict[str, float]]
    mean_wait: dict[YearLabel, float] = Field(
        default_factory=dict, description="Mean wait in seconds where nothing is published."
    )
    spread: float = Field(1.2, gt=0)
    abandoned_after: float = Field(
        900, gt=0, description="Waits (seconds) at which about half of callers hang up."
    )
    closed: list[tuple[dt.date, dt.date]] = Field(default_factory=list)


class ComplaintSettings(Strict):
    """Complaints: volumes by year and stage, categories, outcomes and response times."""

    volumes: dict[YearLabel, int]
    stage_2: float = Field(12.0, ge=0, le=100, description="Percent escalated to stage 2.")
    categories: dict[str, float]
    outcomes: dict[str, float]
    channels: dict[str, float]
    on_time: dict[str, float] = Field(description="Percent answered on time, by stage '1'/'2'.")


class StaffSettings(Strict):
    """Staff headcount at each year end, and the shares of each equality group."""

    headcount: dict[YearLabel, int]
    groups: dict[str, dict[str, float]]


class Follows(Strict):
    """A column whose value follows from another column's value through a mapping: a
    landlord's type from the landlord, a region from an area code. Each value of ``from``
    maps to one value, or to weights of values (``{north: 1, south: 1}``) when the other
    column narrows the choice without fixing it; values not listed take ``default``."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    from_: str = Field(alias="from", description="The column this one follows from.")
    map: dict[str, str | dict[str, float]]
    default: str | None = Field(None, description="The value for values of 'from' not mapped.")


class ColumnSettings(Strict):
    """How a source's columns are filled where its generator does not set them: weights of
    text values, ranges of numbers, and columns that follow from others."""

    values: dict[str, dict[str, float]] = Field(
        default_factory=dict, description="Weights of the values of text columns."
    )
    numbers: dict[str, tuple[float, float]] = Field(
        default_factory=dict,
        description="Range of number columns (low, high); default the field's minimum and maximum.",
    )
    follows: dict[str, Follows] = Field(
        default_factory=dict,
        description="Columns whose value follows from another column through a mapping.",
    )

    @model_validator(mode="after")
    def _no_cycles(self) -> ColumnSettings:
        for column in self.follows:
            seen = [column]
            while seen[-1] in self.follows:
                nxt = self.follows[seen[-1]].from_
                if nxt in seen:
                    loop = " -> ".join([*seen, nxt])
                    raise ValueError(f"columns follow each other in a loop: {loop}")
                seen.append(nxt)
        return self


class RecordSettings(ColumnSettings):
    """A source of plain records: volume per year and values of its columns."""

    volumes: dict[YearLabel, int]
    snapshot: bool = Field(
        False, description="A year-end snapshot: every record is dated the year's last day."
    )
    organisation_spread: float = Field(
        0.1,
        ge=0,
        le=1,
        description="How much organisations differ on amounts and times (the standard "
        "deviation of an organisation's effect, relative: 0.1 is about 10%).",
    )


class IndicatorSettings(Strict):
    """One indicator of organisation returns: its national level and how organisations vary."""

    level: float = Field(
        description="The national level: a percentage for a ratio with scale 100, else the "
        "figure (a rate per scale, or a value)."
    )
    spread: float | None = Field(
        None, ge=0, description="Spread of organisations around it (default: the source's)."
    )


class ReturnSettings(Strict):
    """A source of organisation returns: each organisation's size and how its figures vary."""

    base: tuple[int, int] = Field(
        (50, 1000), description="Range of an organisation's yearly base (cases), at size 1."
    )
    spread: float = Field(
        4.0,
        ge=0,
        description="Standard deviation of an organisation's own effect, in the figure's "
        "units (percentage points for a share); half of it is shared by its peer group.",
    )
    indicators: dict[str, IndicatorSettings] = Field(default_factory=dict)


class Recipe(Strict):
    """Everything ``synthetic.yaml`` holds (``synthetic:`` at the top of the file)."""

    seed: int = 2019
    first_year: YearLabel | None = None
    last_year: YearLabel = "2024-25"
    walk: WalkSettings = WalkSettings()
    anchors: dict[str, float | dict[YearLabel, float]] = Field(
        default_factory=dict,
        description="Values of measures with no published figure (one value, or by year).",
    )
    calibrate: list[Calibration] = Field(default_factory=list)
    benefits: dict[str, dt.date] = Field(
        default_factory=dict, description="Benefit code -> the date applications opened."
    )
    equality: dict[str, dict[str, float]] = Field(default_factory=dict)
    surveys: dict[str, SurveySettings] = Field(default_factory=dict)
    applications: ApplicationSettings | None = None
    redeterminations: CaseFlowSettings | None = None
    appeals: CaseFlowSettings | None = None
    calls: CallSettings | None = None
    complaints: ComplaintSettings | None = None
    staff: StaffSettings | None = None
    records: dict[str, RecordSettings] = Field(default_factory=dict)
    columns: dict[str, ColumnSettings] = Field(
        default_factory=dict,
        description="By source id: how a source of any shape fills the columns it declares "
        "beyond its shape's own (values, numbers, follows).",
    )
    organisation_returns: dict[str, ReturnSettings] = Field(default_factory=dict)


@reader(RECIPE_KEY)
def _read_recipe(doc: YamlDocument, value: Any, col: Collected) -> None:
    """Validate ``synthetic:`` and keep it in the framework's extras (``extras['synthetic']``)."""
    recipe = parse(Recipe, value, doc, (RECIPE_KEY,), col)
    if recipe is not None:
        col.extras.setdefault(RECIPE_KEY, []).append((recipe, origin(doc, (RECIPE_KEY,))))


def recipe_origin(extras: dict[str, object]) -> Origin | None:
    """Where the recipe was written (with the line of its nested keys), or None."""
    found = extras.get(RECIPE_KEY)
    if isinstance(found, list) and found and isinstance(found[0], tuple):
        where = found[0][1]
        return where if isinstance(where, Origin) else None
    return None


def recipe_of(extras: dict[str, object]) -> Recipe | None:
    """The recipe a loaded framework holds, or None when it has no ``synthetic:`` section."""
    found = extras.get(RECIPE_KEY)
    if isinstance(found, list) and found:
        first = found[0]
        if isinstance(first, tuple) and isinstance(first[0], Recipe):
            return first[0]
    return None
