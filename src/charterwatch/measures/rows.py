"""The result row: one figure of one measure for one period and breakdown, with its evidence.

Every output of charterwatch (site, downloads, PDF) reads these rows from the results store;
nothing downstream computes a figure. The fields are documented in ``docs/results.md``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

ALL = "all"
"""The breakdown dimension and value of the headline (not broken down) figure."""


@dataclass
class ResultRow:
    """One figure.

    ``statistic`` names what the value is: ``value`` is the headline figure of the measure;
    others are supporting figures (``p25``, ``p75``, ``p90``, ``band:1-10``, ``within_standard``,
    ``open``, ``count``...). ``base`` is the unweighted number of cases or respondents behind
    the value; ``effective_base`` is the effective sample size for weighted survey figures.
    ``symbol`` is a shorthand such as ``[c]`` when the value is withheld or qualified.
    """

    measure: str
    period: str
    statistic: str
    value: float | None
    unit: str
    breakdown: str = ALL
    group: str = ALL
    base: int | None = None
    effective_base: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    symbol: str = ""
    note: str = ""
    status_inputs: dict[str, Any] = field(default_factory=dict)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    provenance: dict[str, Any] = field(default_factory=dict)
    synthetic: bool = False

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        """What identifies the row: measure, period, breakdown, group and statistic."""
        return (self.measure, self.period, self.breakdown, self.group, self.statistic)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
