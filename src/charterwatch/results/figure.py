"""The typed results contract: what a stored, published figure is.

Computing ends here and publishing starts here. A :class:`Figure` holds only what may be
published (the value and base after disclosure control) and the decisions made about it,
each made **once**, after disclosure control: its :class:`Assessment` (status, reason code
and reason parameters, worded only by the text catalogue), its :class:`StandardCheck` and
its :class:`Shortfall` reasons. The site, downloads, PDFs and the command line read these
objects; none of them re-derives a status, a shortfall or a period label.

Unrounded inputs to the tests of change are kept apart (:class:`TestInputs`): they are read
only by the results layer (tests of change, "since this action started") and never published.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from charterwatch.dates.periods import FinancialYear, Period, parse_period

ALL = "all"
"""The breakdown dimension and group of a headline (not broken down) figure."""

ParamValue = str | int | float
"""A reason parameter: published values only (already rounded or worded)."""


class Granularity(StrEnum):
    """How long a figure's period is."""

    YEAR = "year"
    QUARTER = "quarter"
    MONTH = "month"


def period_of(label: str, granularity: Granularity | str = Granularity.YEAR) -> Period:
    """The typed period of a stored label, read with its explicit granularity."""
    return parse_period(label, Granularity(granularity).value)


def year_label(start_year: int) -> str:
    """``2023`` -> ``2023-24``: the one home of the financial-year label rule."""
    return FinancialYear(start_year).label


class Comparison(StrEnum):
    """Which test of change fits a figure (decided by its measure kind)."""

    PROPORTION = "proportion"
    """Shares of people or records: two-proportion test on effective bases."""
    EVENTS = "events"
    """Counts of events in a year: exact binomial test."""
    STOCK = "stock"
    """Snapshots such as a backlog at the year end: not tested as events."""
    MEANS = "means"
    """Means and ratios of sums with a standard error: z-test on the two estimates."""
    VALUE = "value"
    """Medians, means and entered figures with no sampling model: relative-change rule."""
    NONE = "none"
    """Not compared (qualitative evidence, supporting statistics)."""


class Status(StrEnum):
    """The plain-word status of a measure in a year."""

    BETTER = "better"
    SAME = "about the same"
    WORSE = "worse"
    CHANGED = "changed"
    NOT_COMPARABLE = "not comparable"
    FIRST_YEAR = "first year"
    NO_DATA = "no data"
    EVIDENCE = "evidence"


class ReasonCode(StrEnum):
    """Why a status was given; each code is one sentence in the text catalogue
    (``common.reason.<code>``), filled with the assessment's parameters."""

    NO_DATA = "no_data"
    EVIDENCE = "evidence"
    BREAK = "break"
    FIRST_YEAR = "first_year"
    WITHHELD = "withheld"
    PREVIOUS_WITHHELD = "previous_withheld"
    NOT_TESTABLE = "not_testable"
    SIGNIFICANT = "significant"
    NOT_SIGNIFICANT = "not_significant"
    UNCHANGED = "unchanged"
    RELATIVE_CALLED = "relative_called"
    RELATIVE_NOT_CALLED = "relative_not_called"
    FROM_ZERO = "from_zero"
    SMALL_STOCK = "small_stock"


@dataclass(frozen=True)
class Assessment:
    """A status with its reason code and the published values the sentence quotes."""

    status: Status
    reason: ReasonCode
    params: Mapping[str, ParamValue] = field(default_factory=dict)
    test: str = ""
    p_value: float | None = None


class StandardKind(StrEnum):
    SERVICE_STANDARD = "service_standard"
    LEGAL_LIMIT = "legal_limit"


@dataclass(frozen=True)
class StandardCheck:
    """Whether the published figure meets a service standard or a legal time limit."""

    kind: StandardKind
    met: bool | None
    target: float
    direction: str
    """``at_most`` or ``at_least``."""
    unit: str


class ShortfallReason(StrEnum):
    """Why a figure is a shortfall; each is worded by ``common.shortfall.<reason>``."""

    WORSE = "worse"
    MISSES_STANDARD = "misses_standard"
    MISSES_LEGAL_LIMIT = "misses_legal_limit"
    SUSTAINED_DECLINE = "sustained_decline"
    BELOW_FLOOR = "below_floor"
    ANALYST_FLAG = "analyst_flag"


@dataclass(frozen=True)
class Shortfall:
    """One reason a figure needs a response, with the published values it quotes."""

    reason: ShortfallReason
    params: Mapping[str, ParamValue] = field(default_factory=dict)


@dataclass(frozen=True)
class TestInputs:
    """Unrounded inputs to the tests of change: never published.

    ``estimate`` and ``effective_base`` for proportions; ``value`` (the unrounded figure)
    and ``count`` (events or a stock) otherwise; ``standard_error`` of a mean or ratio.
    """

    __test__ = False  # not a pytest class

    value: float | None = None
    estimate: float | None = None
    effective_base: float | None = None
    count: int | None = None
    standard_error: float | None = None
    base: int | None = None
    """The exact base (kept so a checker can prove it is never published)."""

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass(frozen=True)
class Figure:
    """One published figure of one measure, period, breakdown group and statistic.

    ``statistic`` is ``value`` for the headline figure and names supporting figures
    otherwise (``p25``, ``band:1-10``, ``within_standard``...). ``value`` and ``base`` are as
    published (after disclosure control); ``symbol`` is a shorthand such as ``[c]`` when the
    value is withheld or qualified. Only headline figures carry an assessment.
    """

    measure: str
    period: Period
    statistic: str
    value: float | None
    unit: str
    breakdown: str = ALL
    group: str = ALL
    base: int | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    symbol: str = ""
    note: str = ""
    comparison: Comparison = Comparison.NONE
    assessment: Assessment | None = None
    standard: StandardCheck | None = None
    shortfalls: tuple[Shortfall, ...] = ()
    evidence: tuple[Mapping[str, Any], ...] = ()
    provenance: Mapping[str, Any] = field(default_factory=dict)
    synthetic: bool = False

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        """What identifies the figure: measure, period label, breakdown, group, statistic."""
        return (self.measure, self.label, self.breakdown, self.group, self.statistic)

    @property
    def label(self) -> str:
        """The period's label: ``2023-24``, ``2023-24 Q1`` or ``2023-04``."""
        return self.period.label

    @property
    def granularity(self) -> Granularity:
        return Granularity(self.period.kind)

    @property
    def is_headline(self) -> bool:
        return self.breakdown == ALL and self.statistic == "value"

    @property
    def withheld(self) -> bool:
        """Withheld to protect confidentiality (``[c]``), so never quoted or compared."""
        return self.symbol == "[c]"

    @property
    def status(self) -> Status:
        return self.assessment.status if self.assessment else Status.NO_DATA

    @property
    def published_figure(self) -> bool:
        """Entered from a publication (already public, kept as published)."""
        return bool(self.provenance.get("published_figure"))
