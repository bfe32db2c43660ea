"""Quality assurance with four eyes, and what a release needs.

One rule decides whether a measure's figures are signed off: the newest sign-off for the
measure and year was given on figures with the same fingerprint as the figures stored now.
So a change to the data after sign-off (a new return, computed again) reopens the measure
by itself, and the release (:func:`ready_to_release`) asks this same rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from charterwatch.results.figure import Figure
from charterwatch.workspace import figures as figures_
from charterwatch.workspace.models import ComputeRun, ReportingYear, SignOff
from charterwatch.workspace.returns import framework


class FourEyesError(ValueError):
    """The sign-off breaks the four-eyes rule; the message says why."""


@dataclass(frozen=True)
class MeasureCheck:
    """Where one measure stands in quality assurance for a year."""

    measure: str
    title: str
    figures: list[Figure]
    fingerprint: str
    signoff: SignOff | None

    @property
    def signed_off(self) -> bool:
        return self.signoff is not None and self.signoff.fingerprint == self.fingerprint

    @property
    def reopened(self) -> bool:
        """Signed off once, but the figures have changed since."""
        return self.signoff is not None and not self.signed_off

    @property
    def headline(self) -> Figure | None:
        return next(
            (f for f in self.figures if f.statistic == "value" and f.breakdown == "all"), None
        )


def check(year: ReportingYear, measure: str) -> MeasureCheck:
    fw = framework()
    found = fw.framework.measures.get(measure)
    title = found.title if found is not None else measure
    stored = figures_.measure_figures(measure, year.label)
    latest = SignOff.objects.filter(year=year, measure=measure).first()
    return MeasureCheck(measure, title, stored, figures_.fingerprint(stored), latest)


def checks(year: ReportingYear) -> list[MeasureCheck]:
    """Every measure with figures for the year, in framework order."""
    return [check(year, m) for m in figures_.measures_with_figures(year.label)]


def sign_off(year: ReportingYear, measure: str, user: Any, note: str = "") -> SignOff:
    """Record ``user``'s sign-off of the figures stored now; refused for the analyst who
    computed them (the second pair of eyes must be another person's)."""
    run = ComputeRun.objects.filter(year=year, succeeded=True).first()
    if run is None:
        raise FourEyesError("there are no computed figures for this year to sign off yet")
    if run.run_by_id == user.pk:
        raise FourEyesError(
            "you computed these figures, so another analyst must sign them off (four eyes)"
        )
    current = check(year, measure)
    if not current.figures:
        raise FourEyesError(f"measure {measure} has no figures for {year.label}")
    return SignOff.objects.create(
        year=year, measure=measure, fingerprint=current.fingerprint, signed_by=user, note=note
    )


def ready_to_release(year: ReportingYear) -> tuple[bool, list[MeasureCheck]]:
    """(every measure signed off on its current figures, the ones still open)."""
    all_checks = checks(year)
    open_ = [c for c in all_checks if not c.signed_off]
    return bool(all_checks) and not open_, open_
