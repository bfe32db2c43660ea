"""Statutory and service deadlines as dated rules: which clock applies to a case, and was it met.

A deadline is never a constant: it depends on the process (a review, a complaint stage, an
application), the group of cases it is for (a product, a service, a type of request: whatever
the charter sorts its cases by), and the date the clock starts. A :class:`DeadlineRule` says
"for this process and group, from this date, the deadline is N calendar or working days". A
:class:`DeadlineRulebook` holds many rules, checks they do not overlap, and picks the rule in
force on the day a case's clock starts. See ``docs/methods-dates.md``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, model_validator

from charterwatch.dates.periods import as_day
from charterwatch.dates.working_days import WorkingDayCalendar

DeadlineUnit = Literal["calendar_days", "working_days"]
ANY_GROUP = "*"
"""The ``group`` of a rule that applies to every group without a rule of its own."""

GROUP_ALIASES = AliasChoices("group", "benefit")
"""``group`` as written in ``deadlines.yaml``; ``benefit``, its name before charterwatch spoke
of any charter, is still read (with no warning) so older framework folders keep working."""


class DeadlineRule(BaseModel):
    """One deadline: ``length`` ``unit`` for ``process`` and ``group``, from a date.

    ``group`` names the cases the rule is for, as the records name them (a code such as
    ``A``), or ``"*"`` for every group without a rule of its own; ``benefit`` is read as an
    older name of it. ``effective_from`` and ``effective_to`` (optional) are inclusive and
    refer to the date the clock starts. A rule without ``effective_to`` lasts until the next
    rule of the same process and group takes over. Raises pydantic's ValidationError (a
    ValueError) for unknown fields, a length below 1, an unknown unit, or ``effective_to``
    before ``effective_from``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    process: str = Field(min_length=1, pattern=r"^[a-z][a-z0-9_]*$")
    group: str = Field(
        min_length=1,
        validation_alias=GROUP_ALIASES,
        description='The group of cases the rule is for, or "*" for every other group '
        "(older name: benefit).",
    )
    length: int = Field(ge=1, strict=True)
    unit: DeadlineUnit
    effective_from: dt.date
    effective_to: dt.date | None = None
    clock_starts: str = ""
    source: str = Field(min_length=1)
    note: str = ""

    @model_validator(mode="after")
    def _dates_in_order(self) -> DeadlineRule:
        if self.effective_to is not None and self.effective_to < self.effective_from:
            raise ValueError(
                f"effective_to ({self.effective_to}) is before effective_from "
                f"({self.effective_from})"
            )
        return self

    def describe(self) -> str:
        """The rule in one line, e.g. ``review/A: 56 calendar days from 2022-03-21``."""
        until = f" to {self.effective_to}" if self.effective_to else ""
        unit = self.unit.replace("_", " ")
        return (
            f"{self.process}/{self.group}: {self.length} {unit} from {self.effective_from}{until}"
        )

    def covers(self, day: date) -> bool:
        """Whether ``day`` is inside this rule's own dates (ignoring later rules)."""
        day = as_day(day)
        if day < self.effective_from:
            return False
        return self.effective_to is None or day <= self.effective_to


class RulebookError(ValueError):
    """The rules are inconsistent; ``problems`` lists every problem, naming both rules."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        super().__init__(f"deadline rulebook: {count}:\n- " + "\n- ".join(problems))


class NoDeadlineRuleError(LookupError):
    """No rule applies to a process, group and date."""


class DeadlinesFile(BaseModel):
    """The YAML shape of a rulebook (``deadlines:`` in a framework folder's
    ``deadlines.yaml``): a description and a list of rules. Unknown keys are rejected."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    description: str = Field("", description="What the rules are and where they come from.")
    rules: list[DeadlineRule] = Field(description="The deadline rules, in any order.")


class DeadlineRulebook:
    """A set of deadline rules, checked for overlaps, that answers "which rule applies?".

    Raises :class:`RulebookError` listing every pair of rules of the same process and group
    whose dates overlap (the same ``effective_from``, or an ``effective_to`` that reaches past
    the next rule's ``effective_from``), and every exact duplicate.
    """

    __slots__ = ("_by_key", "_rules", "description")

    def __init__(self, rules: Iterable[DeadlineRule], description: str = "") -> None:
        self._rules = tuple(rules)
        self.description = description
        problems = self.check(self._rules)
        if problems:
            raise RulebookError(problems)
        groups: dict[tuple[str, str], list[DeadlineRule]] = defaultdict(list)
        for rule in self._rules:
            groups[(rule.process, rule.group)].append(rule)
        self._by_key = {k: sorted(v, key=lambda r: r.effective_from) for k, v in groups.items()}

    @staticmethod
    def check(rules: Iterable[DeadlineRule]) -> list[str]:
        """Every overlap between rules of the same process and group, as messages."""
        return [
            f"{message}; end the first with effective_to the day before the second starts, "
            "or remove one"
            for _, _, message in DeadlineRulebook.overlaps(list(rules))
        ]

    @staticmethod
    def overlaps(rules: list[DeadlineRule]) -> list[tuple[int, int, str]]:
        """Every overlap as ``(earlier, later, message)``, the two rules given by their
        positions in ``rules`` (so a file reader can point at the later rule's line)."""
        positions: dict[tuple[str, str], list[int]] = defaultdict(list)
        for position, rule in enumerate(rules):
            positions[(rule.process, rule.group)].append(position)
        problems: list[tuple[int, int, str]] = []
        for (process, group), same in sorted(positions.items()):
            ordered = sorted(same, key=lambda i: rules[i].effective_from)
            for i, first in enumerate(ordered):
                earlier = rules[first]
                for second in ordered[i + 1 :]:
                    later = rules[second]
                    same_start = earlier.effective_from == later.effective_from
                    runs_into = (
                        earlier.effective_to is not None
                        and earlier.effective_to >= later.effective_from
                    )
                    if same_start or runs_into:
                        why = (
                            "both start on the same day"
                            if same_start
                            else f"the first runs to {earlier.effective_to}"
                        )
                        problems.append(
                            (
                                first,
                                second,
                                f"rules for process {process!r}, group {group!r} overlap "
                                f"({why}): [{earlier.describe()}] and [{later.describe()}]",
                            )
                        )
        return problems

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> DeadlineRulebook:
        """A rulebook from plain data ``{"description": ..., "rules": [{...}, ...]}``.

        Raises pydantic's ValidationError (a ValueError) for a malformed rule, naming its
        position (``rules.3.length``), and :class:`RulebookError` for overlaps.
        """
        parsed = DeadlinesFile.model_validate(config)
        return cls(parsed.rules, parsed.description)

    @property
    def rules(self) -> tuple[DeadlineRule, ...]:
        """All rules, in the order given."""
        return self._rules

    def processes(self) -> tuple[str, ...]:
        """The processes the rulebook has rules for, sorted."""
        return tuple(sorted({rule.process for rule in self._rules}))

    def rule_for(self, process: str, group: str, on: date) -> DeadlineRule:
        """The rule in force for ``process`` and ``group`` when the clock starts on ``on``.

        Among the rules for exactly this group, the one with the latest ``effective_from``
        not after ``on`` applies, unless its ``effective_to`` has passed. Only when no rule of
        the group's own applies is the ``"*"`` (every group) rule used, chosen the same way.

        Raises :class:`NoDeadlineRuleError` (a LookupError) naming the process, group and date
        when no rule applies.
        """
        day = as_day(on)
        for key in ((process, group), (process, ANY_GROUP)):
            earlier = [r for r in self._by_key.get(key, []) if r.effective_from <= day]
            if earlier and earlier[-1].covers(day):
                return earlier[-1]
        near = [
            r.describe()
            for key in ((process, group), (process, ANY_GROUP))
            for r in self._by_key.get(key, [])
        ]
        groups = self.groups(process)
        if near:
            hint = "the rules that could apply: " + "; ".join(near)
        elif groups:
            hint = f"this process has rules only for groups {', '.join(sorted(groups))}"
        else:
            hint = "known processes: " + (", ".join(self.processes()) or "none")
        raise NoDeadlineRuleError(
            f"no deadline rule for process {process!r}, group {group!r} on {day} ({hint})"
        )

    def groups(self, process: str) -> tuple[str, ...]:
        """The groups the rules of ``process`` are for (``"*"`` included), in the order the
        rules are written: the one list the pages and checks name groups from."""
        return tuple(dict.fromkeys(r.group for r in self._rules if r.process == process))

    def deadline_for(
        self, process: str, group: str, start: date, calendar: WorkingDayCalendar
    ) -> date:
        """The due date of a case whose clock starts on ``start``: :func:`deadline` of
        :meth:`rule_for`. Raises :class:`NoDeadlineRuleError` when no rule applies."""
        return deadline(start, self.rule_for(process, group, start), calendar)

    def __len__(self) -> int:
        return len(self._rules)

    def __repr__(self) -> str:
        return f"DeadlineRulebook({len(self._rules)} rules, processes={list(self.processes())})"


def deadline(start: date, rule: DeadlineRule, calendar: WorkingDayCalendar) -> date:
    """The last day on which the deadline is met, for a clock that starts on ``start``.

    Calendar days: ``start + length`` days (no roll-over when that day is a weekend or
    holiday). Working days: ``calendar.add_working_days(start, length)``, the ``length``-th
    working day after ``start`` (a clock starting on a weekend or holiday counts from the next
    working day). Raises ValueError when ``start`` is outside the rule's own dates or, for
    working days, outside the calendar's years.
    """
    day = as_day(start)
    if not rule.covers(day):
        raise ValueError(f"the clock starts on {day}, outside the rule [{rule.describe()}]")
    if rule.unit == "calendar_days":
        return day + timedelta(days=rule.length)
    return calendar.add_working_days(day, rule.length)


def met(start: date, end: date, rule: DeadlineRule, calendar: WorkingDayCalendar) -> bool:
    """Whether a case that started on ``start`` and ended on ``end`` met its deadline.

    Met means ``end`` is on or before :func:`deadline` (so, for a working-day rule, a decision
    on the Saturday after a Friday due date is late). Raises ValueError when ``end`` is before
    ``start``, and as :func:`deadline`.
    """
    if as_day(end) < as_day(start):
        raise ValueError(f"end date {end} is before start date {start}")
    return as_day(end) <= deadline(start, rule, calendar)


def load_default_rulebook() -> DeadlineRulebook:
    """The rulebook used when a framework folder declares none: no rules at all.

    Deadlines belong to a charter, not to charterwatch: a framework folder declares its own
    in ``deadlines.yaml`` (the shipped example's are in ``examples/scotland/deadlines.yaml``),
    and a deadline measure without a rule for its process says so when it is computed.
    """
    return DeadlineRulebook((), "no deadline rules declared")
