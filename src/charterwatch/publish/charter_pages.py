"""A charter's own pages worded for publishing: steps, limit tables and paragraphs.

The website, the easy-read page and the printed outputs all show how to challenge a decision
and what to expect from the framework folder's ``pages/*.yaml`` (:mod:`charterwatch.model.pages`).
This module is the one place that turns them into text: a sentence quoting a process gets the
limits of the folder's deadline rules in force on the release date (``project.release_date``,
else the last day of the reporting year), e.g. "42 days for standard applications, or 31
days for urgent ones"; a limit table gets one cell per row and process. Nothing here
knows any charter: every name comes from the page or the rules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from charterwatch.dates.deadlines import ANY_GROUP, DeadlineRule, DeadlineRulebook
from charterwatch.dates.periods import FinancialYear
from charterwatch.model.framework import Framework
from charterwatch.model.pages import LimitTableFile, PageFile, Sentence, StepFile, TimedText
from charterwatch.publish.i18n import Catalogue

LIMIT = "{limit}"
"""Where a sentence quoting a process takes its time limit."""

GROUP = "{group}"
"""In a sentence quoting a process, the name of one group: the sentence is said once for
each group, with that group's limit (an easy-read line per benefit, say)."""


@dataclass(frozen=True)
class GroupLimit:
    """The time limit of one rule group (or of groups with one name), e.g.
    ``GroupLimit("Standard applications", "42 days")``."""

    name: str
    limit: str


@dataclass(frozen=True)
class Step:
    """One step of a challenge, worded: its title, short name, text and time limit;
    ``limits`` lists the limit of each group when they differ (else it is empty)."""

    title: str
    text: str
    limit: str
    short: str
    limits: list[GroupLimit] = field(default_factory=list)


@dataclass(frozen=True)
class LimitTable:
    """A table of time limits: a row per rule group (or named set), a column per process."""

    caption: str
    row_heading: str
    headings: list[str]
    rows: list[tuple[str, list[str]]]


@dataclass(frozen=True)
class Paragraph:
    heading: str
    text: str


@dataclass(frozen=True)
class CharterPage:
    """A page worded for publishing; ``authored`` is False for the neutral default."""

    title: str
    leader: str
    steps: list[Step] = field(default_factory=list)
    tables: list[LimitTable] = field(default_factory=list)
    sections: list[Paragraph] = field(default_factory=list)
    easy_read: list[str] = field(default_factory=list)
    printed_before: list[str] = field(default_factory=list)
    printed_after: list[str] = field(default_factory=list)
    authored: bool = False


def limits_on(fw: Framework, year: str) -> dt.date:
    """The day whose rules the pages quote: the release date, else the year's last day."""
    if fw.project.release_date is not None:
        return fw.project.release_date
    try:
        return FinancialYear.parse(year).end
    except ValueError:
        return dt.date.today()


def _in_force(rulebook: DeadlineRulebook, process: str, on: dt.date) -> dict[str, DeadlineRule]:
    """The rule of each group for ``process`` in force on ``on`` (by group)."""
    out: dict[str, DeadlineRule] = {}
    for group in rulebook.groups(process):
        try:
            out[group] = rulebook.rule_for(process, group, on)
        except LookupError:
            continue
    return out


def length_words(rule: DeadlineRule, t: Catalogue) -> str:
    """ "42 days", "16 working days", "1 working day"."""
    key = f"site.limits.{rule.unit}" + ("_one" if rule.length == 1 else "")
    return t(key, length=rule.length)


def _joined(parts: list[str], t: Catalogue) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return t("site.limits.joiner").join(parts[:-1]) + t("site.limits.last_joiner") + parts[-1]


def limit_words(
    t: Catalogue,
    rulebook: DeadlineRulebook,
    process: str,
    on: dt.date,
    names: dict[str, str],
    groups: list[str] | None = None,
) -> str:
    """The limits of ``process`` in force on ``on`` in words: one length when all the chosen
    groups share it ("42 days"), else each length with the people's names of its groups
    ("56 days for standard applications, or 16 working days for urgent ones").

    Groups are those given, else those the page names, else every group with a rule."""
    found = _in_force(rulebook, process, on)
    chosen = groups or [g for g in names if g in found] or list(found)
    by_length: dict[tuple[int, str], list[str]] = {}
    for group in chosen:
        rule = found.get(group)
        if rule is None:
            continue
        named = by_length.setdefault((rule.length, rule.unit), [])
        name = names.get(group, group)
        if name not in named:
            named.append(name)
    if len(by_length) == 1:
        (length, unit), _ = next(iter(by_length.items()))
        return length_words(_rule(found, chosen, length, unit), t)
    parts = [
        t(
            "site.limits.for_group",
            limit=length_words(_rule(found, chosen, length, unit), t),
            group=_joined(group_names, t),
        )
        for (length, unit), group_names in by_length.items()
    ]
    return _joined(parts, t)


def group_limits(
    t: Catalogue,
    rulebook: DeadlineRulebook,
    process: str,
    on: dt.date,
    names: dict[str, str],
    groups: list[str] | None = None,
) -> list[GroupLimit]:
    """The limit of ``process`` in force on ``on`` for each group, by the group's name for
    people (``names``, else its code); groups of one name and one limit are listed once.

    Groups are those given, else those ``names`` names, else every group with a rule of its
    own. A group without a rule of its own takes the ``*`` rule, as a case of it would."""
    chosen = groups or list(names) or [g for g in rulebook.groups(process) if g != ANY_GROUP]
    out: list[GroupLimit] = []
    for group in chosen or [ANY_GROUP]:
        try:
            rule = rulebook.rule_for(process, group, on)
        except LookupError:
            continue
        item = GroupLimit(names.get(group, group), length_words(rule, t))
        if item not in out:
            out.append(item)
    return out


def _rule(
    found: dict[str, DeadlineRule], chosen: list[str], length: int, unit: str
) -> DeadlineRule:
    return next(
        found[g]
        for g in chosen
        if g in found and (found[g].length, found[g].unit) == (length, unit)
    )


@dataclass(frozen=True)
class _Words:
    """What wording a page needs: the catalogue, the rules, their day, the group names used
    in sentences (``names``) and each group's own name (``own_names``)."""

    t: Catalogue
    rulebook: DeadlineRulebook
    on: dt.date
    names: dict[str, str]
    own_names: dict[str, str]

    def sentence(self, value: Sentence | None) -> str:
        return " ".join(self.lines(value))

    def lines(self, value: Sentence | None) -> list[str]:
        """The sentence worded; a text with ``{group}`` gives one line per group, each with
        that group's own limit."""
        if value is None:
            return []
        if isinstance(value, str):
            return [value.strip()]
        text = value.text.strip()
        if value.process is None:
            return [text]
        if GROUP in text:
            return [
                text.replace(GROUP, item.name).replace(LIMIT, item.limit)
                for item in self.by_group(value)
            ]
        limit = limit_words(self.t, self.rulebook, value.process, self.on, self.names, value.groups)
        return [text.replace(LIMIT, limit)]

    def by_group(self, value: TimedText) -> list[GroupLimit]:
        """Each group's limit for the sentence's process, by the group's own name."""
        assert value.process is not None
        chosen = value.groups or list(dict.fromkeys([*self.names, *self.own_names]))
        names = {g: self.own_names.get(g) or self.names.get(g) or g for g in chosen}
        return group_limits(self.t, self.rulebook, value.process, self.on, names, chosen)

    def step(self, step: StepFile) -> Step:
        limits: list[GroupLimit] = []
        if isinstance(step.limit, TimedText) and step.limit.process is not None:
            found = self.by_group(step.limit)
            limits = found if len({item.limit for item in found}) > 1 else []
        return Step(
            step.title,
            step.text.strip(),
            self.sentence(step.limit),
            step.short or step.title,
            limits,
        )

    def table(self, table: LimitTableFile) -> LimitTable:
        rows = table.rows
        if rows is None:
            groups = list(self.names) or list(
                dict.fromkeys(g for c in table.columns for g in self.rulebook.groups(c.process))
            )
            named: dict[str, list[str]] = {}
            for g in groups:
                named.setdefault(self.names.get(g, g), []).append(g)
            pairs = list(named.items())
        else:
            pairs = [(row.name, row.groups) for row in rows]
        cells = [
            (
                name,
                [
                    limit_words(self.t, self.rulebook, c.process, self.on, self.names, groups)
                    for c in table.columns
                ],
            )
            for name, groups in pairs
        ]
        return LimitTable(
            table.caption, table.row_heading, [c.heading for c in table.columns], cells
        )


def charter_page(fw: Framework, key: str, year: str, t: Catalogue) -> CharterPage:
    """The page ``key`` (``challenge`` or ``expect``) worded for the reporting ``year``; a
    neutral page from the catalogue when the framework folder has none."""
    title = t(f"site.{key}.title")
    page: PageFile | None = fw.pages.get(key)
    if page is None:
        return CharterPage(title=title, leader="")
    words = _Words(t, fw.rulebook, limits_on(fw, year), dict(page.groups), dict(page.group_names))
    steps = [words.step(s) for s in page.steps]
    before = [line for s in page.printed.before for line in words.lines(s)] if page.printed else []
    after = [line for s in page.printed.after for line in words.lines(s)] if page.printed else []
    sections = [
        Paragraph(p.heading or "", " ".join(words.sentence(part) for part in p.sentences()))
        for p in page.sections
    ]
    if page.printed is None:
        before = [page.leader.strip()] if page.leader else []
        before += [" ".join(p for p in (s.text, s.limit) if p) for s in steps]
        after = [p.text for p in sections]
    return CharterPage(
        title=page.title or title,
        leader=(page.leader or t(f"site.{key}.leader", year=year)).strip(),
        steps=steps,
        tables=[words.table(tb) for tb in page.tables],
        sections=sections,
        easy_read=[line for s in page.easy_read for line in words.lines(s)],
        printed_before=before,
        printed_after=after,
        authored=True,
    )
