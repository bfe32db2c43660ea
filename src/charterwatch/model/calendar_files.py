"""A framework folder's working-day calendar and deadline rules, built from its files.

``calendar:`` (by convention in ``calendar.yaml``) declares the region whose public holidays
apply, the years covered, extra closure dates and holidays to remove; ``deadlines:`` (by
convention in ``deadlines.yaml``, and may be split over several files) lists dated deadline
rules. Their strict shapes are :class:`~charterwatch.dates.CalendarConfig` and
:class:`~charterwatch.dates.DeadlinesFile`, so a misspelt key is an error with its line.

This module builds the calendar and the rulebook and turns their consistency problems into
located issues: ``CW-D001`` the calendar (a date outside its years, added and removed, removed
but not a holiday, listed twice, an unknown region), ``CW-D002`` two rules that overlap,
``CW-D003`` a second ``calendar:``. A folder without ``calendar:`` gets the default calendar
(Monday to Friday, 2015 to 2035, no public holidays: see ``docs/methods-dates.md``); one
without ``deadlines:`` gets no rules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from charterwatch.dates.calendar_config import CalendarConfig
from charterwatch.dates.deadlines import DeadlineRule, DeadlineRulebook, DeadlinesFile
from charterwatch.dates.working_days import CalendarError, WorkingDayCalendar, default_calendar
from charterwatch.model.issues import Issue, Level
from charterwatch.model.yamlfile import YamlDocument


@dataclass(frozen=True)
class DeclaredCalendar:
    """A ``calendar:`` as read from one file."""

    spec: CalendarConfig
    doc: YamlDocument


@dataclass(frozen=True)
class DeclaredDeadlines:
    """A ``deadlines:`` as read from one file."""

    spec: DeadlinesFile
    doc: YamlDocument


def build_calendar(
    declared: list[DeclaredCalendar],
) -> tuple[WorkingDayCalendar | None, list[Issue]]:
    """The folder's calendar (the default one when none is declared), or the issues."""
    if not declared:
        return default_calendar(), []
    first, *others = declared
    issues = [
        Issue(
            code="CW-D003",
            level=Level.ERROR,
            file=other.doc.file,
            line=other.doc.line_of_key(("calendar",)),
            location="calendar",
            message=f"a second working-day calendar (the first is in {first.doc.file})",
            expected="one 'calendar:' in the framework folder",
            fix="merge the two into one calendar.yaml",
        )
        for other in others
    ]
    spec, doc = first.spec, first.doc
    try:
        calendar = WorkingDayCalendar.from_config(spec.model_dump())
    except CalendarError as error:
        return None, issues + _calendar_issues(error, spec, doc)
    except ValueError as error:  # the holidays package does not know the region
        issues.append(
            Issue(
                code="CW-D001",
                level=Level.ERROR,
                file=doc.file,
                line=doc.line_of_key(("calendar", "subdivision")) or doc.line_of_key(("calendar",)),
                location="calendar.country",
                message=f"the working-day calendar cannot be built: {error}",
                expected="a country and subdivision the holidays package knows (GB and SCT, "
                "ENG, WLS or NIR)",
                found=f"{spec.country}-{spec.subdivision}" if spec.subdivision else spec.country,
                fix="correct 'country:' or 'subdivision:'",
            )
        )
        return None, issues
    return (None if issues else calendar), issues


def _calendar_issues(error: CalendarError, spec: CalendarConfig, doc: YamlDocument) -> list[Issue]:
    lines: dict[dt.date, int | None] = {}
    for key, entries in (("remove", spec.removed_dates()), ("extra", spec.extra_dates())):
        for i, day in enumerate(entries):
            lines[day] = doc.line_of(("calendar", key, i))
    days: list[dt.date | None] = list(error.days) or [None] * len(error.problems)
    return [
        Issue(
            code="CW-D001",
            level=Level.ERROR,
            file=doc.file,
            line=lines.get(day) if day is not None else doc.line_of_key(("calendar",)),
            location="calendar",
            message=f"the working-day calendar is inconsistent: {problem}",
            expected=f"extra and removed dates inside {spec.first_year} to {spec.last_year}, "
            "each listed once, and only holidays removed",
            fix="correct or remove the date, or extend first_year/last_year",
        )
        for problem, day in zip(error.problems, days, strict=True)
    ]


def build_rulebook(
    declared: list[DeclaredDeadlines],
) -> tuple[DeadlineRulebook | None, list[Issue]]:
    """The folder's deadline rules from every ``deadlines:`` (none: an empty rulebook)."""
    rules: list[DeadlineRule] = []
    places: list[tuple[YamlDocument, int]] = []
    for item in declared:
        for i, rule in enumerate(item.spec.rules):
            rules.append(rule)
            places.append((item.doc, i))
    issues = []
    for _, later, problem in DeadlineRulebook.overlaps(rules):
        doc, i = places[later]
        issues.append(
            Issue(
                code="CW-D002",
                level=Level.ERROR,
                file=doc.file,
                line=doc.line_of(("deadlines", "rules", i)),
                location=f"deadlines.rules[{i}]",
                message=problem,
                expected="at most one rule in force for a process and group on any day",
                fix="end the earlier rule with effective_to the day before the later one "
                "starts, or remove one",
            )
        )
    if issues:
        return None, issues
    description = " ".join(d.spec.description for d in declared if d.spec.description)
    return DeadlineRulebook(rules, description), []
