"""What the PDFs say is being done about shortfalls, arranged for the templates.

Each shortfall with its actions or explanation (summary, leaflet, full report), and the full
report's closing chapter of every action and recommendation.

Everything comes from :class:`~charterwatch.publish.responses.Responses` (built once per
publication), so an action is overdue, and its state worded, as on the site and in the
downloads. Nothing here renders: the templates show these blocks, and the readability gate
reads the same catalogue text (``print.doing.*``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from charterwatch.model.accountability import ActionStatus, Recommendation
from charterwatch.publish.i18n import Catalogue
from charterwatch.publish.responses import ActionView, Responses
from charterwatch.publish.view import Publication

D = "print.doing."

OPEN_FIRST = {
    ActionStatus.IN_PROGRESS: 0,
    ActionStatus.PLANNED: 1,
    ActionStatus.DONE: 2,
    ActionStatus.DROPPED: 3,
}
"""The order actions are listed under a shortfall: overdue, then open, then done."""


def date_text(t: Catalogue, day: dt.date) -> str:
    """A date in words, ``30 September 2025`` (month names from the catalogue)."""
    return t(D + "date", day=day.day, month=t(f"{D}months.m{day.month}"), year=day.year)


@dataclass
class ActionLine:
    """One action as printed: its title, state in words and, for the report, the details."""

    id: str
    title: str
    status: str
    """The state in words with the due date: ``in progress, due 31 March 2026``."""
    state: str
    """The status value: ``planned``, ``in_progress``, ``done`` or ``dropped``."""
    overdue: bool
    illustrative: bool
    owner: str
    change: str
    latest: str
    effect: str
    dropped_reason: str
    movements: list[str] = field(default_factory=list)

    @property
    def group(self) -> str:
        """The status colour: overdue reads as worse, done as better, the rest as other."""
        if self.overdue:
            return "worse"
        return "better" if self.state == ActionStatus.DONE.value else "other"


def state_words(t: Catalogue, view: ActionView) -> str:
    """``in progress, due 31 March 2026``; ``in progress, overdue (due ...)``; ``done``."""
    status = view.action.status
    words = t(f"{D}status.{status.value}")
    due = date_text(t, view.action.due)
    if view.overdue:
        return t(D + "state_overdue", status=words, due=due)
    if status in (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS):
        return t(D + "state_due", status=words, due=due)
    return words


def action_line(t: Catalogue, view: ActionView) -> ActionLine:
    a = view.action
    return ActionLine(
        id=a.id,
        title=a.title,
        status=state_words(t, view),
        state=a.status.value,
        overdue=view.overdue,
        illustrative=a.illustrative,
        owner=a.owner,
        change=a.change,
        latest=view.latest_update or "",
        effect=a.effect or "",
        dropped_reason=a.dropped_reason or "",
        movements=list(view.movements),
    )


def ordered(views: list[ActionView]) -> list[ActionView]:
    """Overdue first, then in progress, planned, done (latest due first), dropped last."""
    return sorted(
        views,
        key=lambda v: (
            not v.overdue,
            OPEN_FIRST[v.action.status],
            -v.action.due.toordinal() if v.action.status is ActionStatus.DONE else 0,
            v.action.due,
            v.id,
        ),
    )


@dataclass
class Doing:
    """One shortfall and what is being done about it."""

    measure: str
    title: str
    section: str
    anchor: str
    actions: list[ActionLine]
    explanations: list[str]
    more: int = 0
    """Actions linked to the measure that are not listed here (the full report lists them)."""


def doing(
    t: Catalogue,
    publication: Publication,
    responses: Responses,
    *,
    per_shortfall: int | None = None,
    dropped: bool = False,
) -> list[Doing]:
    """Each of the publication's shortfalls with its actions (at most ``per_shortfall``, open
    ones first; dropped ones only if ``dropped``) and its explanations for the year."""
    titles = {m.id: s.title for s in publication.sections for m in s.measures}
    out = []
    for m in publication.shortfalls():
        views = ordered(
            [
                v
                for v in responses.for_measure(m.id)
                if dropped or v.action.status is not ActionStatus.DROPPED
            ]
        )
        shown = views if per_shortfall is None else views[:per_shortfall]
        out.append(
            Doing(
                measure=m.id,
                title=m.measure.title,
                section=titles.get(m.id, ""),
                anchor=f"measure-{m.id}",
                actions=[action_line(t, v) for v in shown],
                explanations=[e.text for e in responses.explanations.get(m.id, [])],
                more=len(views) - len(shown),
            )
        )
    return out


@dataclass
class LeafletDoing:
    """The leaflet's few lines: a count, then a shortfall or two with one action each."""

    count: str
    items: list[str]
    illustrative: bool


def leaflet_doing(
    t: Catalogue, publication: Publication, responses: Responses, items: int
) -> LeafletDoing:
    """At most ``items`` shortfalls, each with its first open (or latest) action."""
    found = doing(t, publication, responses, per_shortfall=1)
    if not found:
        return LeafletDoing(t(D + "leaflet_none", year=publication.year), [], False)
    actions = {
        v.id
        for m in publication.shortfalls()
        for v in responses.for_measure(m.id)
        if v.action.status is not ActionStatus.DROPPED
    }
    count = t(
        D + "leaflet_count", year=publication.year, shortfalls=len(found), actions=len(actions)
    )
    lines = []
    for item in found[:items]:
        if item.actions:
            a = item.actions[0]
            lines.append(t(D + "leaflet_item", title=item.title, action=a.title, status=a.status))
        elif item.explanations:
            lines.append(t(D + "leaflet_explained", title=item.title))
        else:
            lines.append(t(D + "leaflet_nothing", title=item.title))
    shown = found[:items]
    illustrative = any(a.illustrative for d in shown for a in d.actions)
    return LeafletDoing(count, lines, illustrative)


@dataclass
class RecommendationBlock:
    """A recommendation as the full report prints it, with the response and its actions."""

    id: str
    text: str
    made: str
    response: str
    reason: str
    follow_up: str
    actions: list[ActionLine]
    illustrative: bool


def recommendation_block(
    t: Catalogue, r: Recommendation, responses: Responses
) -> RecommendationBlock:
    source = r.body if not r.report else t(D + "from_report", body=r.body, report=r.report)
    response = t(f"{D}response.{r.response}")
    if r.response_date:
        response = t(D + "response_on", response=response, date=date_text(t, r.response_date))
    views = [responses.action(a) for a in r.actions]
    return RecommendationBlock(
        id=r.id,
        text=r.text,
        made=t(D + "made", source=source, date=date_text(t, r.date)),
        response=response,
        reason=r.response_reason or "",
        follow_up=t(f"{D}follow_up.{r.follow_up}"),
        actions=[action_line(t, v) for v in views if v is not None],
        illustrative=r.illustrative,
    )


@dataclass
class Chapter:
    """The full report's closing chapter: every action, then every recommendation."""

    actions: list[ActionLine]
    overdue: int
    recommendations: list[RecommendationBlock]
    illustrative: bool


def chapter(t: Catalogue, responses: Responses) -> Chapter:
    actions = [action_line(t, v) for v in responses.in_plan_order()]
    recommendations = [recommendation_block(t, r, responses) for r in responses.recommendations]
    illustrative = any(a.illustrative for a in actions) or any(
        r.illustrative for r in recommendations
    )
    return Chapter(actions, len(responses.overdue()), recommendations, illustrative)


SUMMARY_KEYS = (
    D + "heading",
    D + "intro",
    D + "nothing",
    D + "illustrative",
)
"""Fixed wording of the summary's part, for the readability gate."""

LEAFLET_KEYS = (D + "heading", D + "illustrative_short")


def summary_texts(t: Catalogue) -> list[tuple[str, str]]:
    """The summary part's own wording, filled with sample values, for the readability gate."""
    day = date_text(t, dt.date(2026, 3, 31))
    status = t(D + "state_due", status=t(D + "status.in_progress"), due=day)
    return [
        *((k, t(k)) for k in SUMMARY_KEYS),
        (D + "more", t(D + "more", count=3)),
        (D + "explained", t(D + "explained", text="The call system changed.")),
        (D + "state_due", status),
        (D + "state_overdue", t(D + "state_overdue", status=t(D + "status.planned"), due=day)),
    ]


def leaflet_texts(t: Catalogue) -> list[tuple[str, str]]:
    """The leaflet part's own wording, filled with sample values, for the readability gate."""
    return [
        *((k, t(k)) for k in LEAFLET_KEYS),
        (D + "leaflet_count", t(D + "leaflet_count", year="2024-25", shortfalls=2, actions=3)),
        (D + "leaflet_none", t(D + "leaflet_none", year="2024-25")),
        (D + "leaflet_explained", t(D + "leaflet_explained", title="Phone waits")),
        (D + "leaflet_nothing", t(D + "leaflet_nothing", title="Phone waits")),
    ]
