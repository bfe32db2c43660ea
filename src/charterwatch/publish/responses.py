"""What is being done about each measure, arranged for outputs: actions with their state,
explanations, recommendations with their responses, and "You said, we did".

Built once per publication (:func:`build_responses`) and read by the site, the PDFs and the
downloads, so an overdue action is flagged, and an action's effect worded, the same everywhere.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from charterwatch.accountability import shortfalls_of
from charterwatch.model.accountability import (
    Action,
    ActionStatus,
    Explanation,
    Recommendation,
    YouSaidWeDid,
)
from charterwatch.publish.view import Publication
from charterwatch.results.movement import movement_since
from charterwatch.settings import change_rules
from charterwatch.wording import catalogue_of, movement_text

if TYPE_CHECKING:
    from charterwatch.results.store import ResultsStore

STATUS_WORDS = {
    ActionStatus.PLANNED: "planned",
    ActionStatus.IN_PROGRESS: "in progress",
    ActionStatus.DONE: "done",
    ActionStatus.DROPPED: "dropped",
}


@dataclass(frozen=True)
class ActionView:
    """An action as readers see it: its state on the day of publication and its effect."""

    action: Action
    overdue: bool
    sections: tuple[str, ...]
    movements: tuple[str, ...]

    @property
    def id(self) -> str:
        return self.action.id

    @property
    def status_words(self) -> str:
        return STATUS_WORDS[self.action.status]

    @property
    def latest_update(self) -> str | None:
        if not self.action.updates:
            return None
        last = max(self.action.updates, key=lambda u: u.date)
        return f"{last.date.isoformat()}: {last.text}"


@dataclass
class Responses:
    """Everything said or done about the publication's measures."""

    as_of: dt.date
    actions: list[ActionView] = field(default_factory=list)
    by_measure: dict[str, list[ActionView]] = field(default_factory=dict)
    by_commitment: dict[str, list[ActionView]] = field(default_factory=dict)
    explanations: dict[str, list[Explanation]] = field(default_factory=dict)
    recommendations: list[Recommendation] = field(default_factory=list)
    you_said_we_did: list[YouSaidWeDid] = field(default_factory=list)
    unanswered: list[str] = field(default_factory=list)

    def for_measure(self, measure_id: str) -> list[ActionView]:
        return self.by_measure.get(measure_id, [])

    def overdue(self) -> list[ActionView]:
        return [a for a in self.actions if a.overdue]

    def in_plan_order(self) -> list[ActionView]:
        """Overdue actions first (the longest overdue at the top), then the rest by id.

        A reader of the improvement plan most needs what is late; every list of actions
        (the site's plan, the full report's chapter, the annual report) uses this one order.
        """
        late = sorted(self.overdue(), key=lambda a: (a.action.due, a.id))
        return late + sorted((a for a in self.actions if not a.overdue), key=lambda a: a.id)

    def action(self, action_id: str) -> ActionView | None:
        return next((a for a in self.actions if a.id == action_id), None)


def build_responses(pub: Publication, store: ResultsStore, as_of: dt.date) -> Responses:
    """Arrange the framework's accountability records for ``pub`` as on ``as_of``."""
    fw = pub.framework
    section_of = {m.id: m.section for m in fw.framework.measures.values()}
    out = Responses(as_of=as_of)
    rules = change_rules(fw.project.settings)
    t = catalogue_of(fw)
    by_measure: dict[str, list[ActionView]] = defaultdict(list)
    by_commitment: dict[str, list[ActionView]] = defaultdict(list)
    inputs = store.test_inputs_of(  # every action's measures, in one read of the store
        m for action in fw.actions.values() for m in action.measures if m in pub.measures
    )
    for action in sorted(fw.actions.values(), key=lambda a: (a.start, a.id)):
        movements = []
        for mid in action.measures:
            view = pub.measures.get(mid)
            if view is not None:
                moved = movement_since(action, view.measure, view.series, inputs[mid], rules)
                if moved is not None:
                    movements.append(f"{view.measure.title}: {movement_text(moved, t)}")
        item = ActionView(
            action=action,
            overdue=action.overdue(as_of),
            sections=tuple(sorted({section_of[m] for m in action.measures if m in section_of})),
            movements=tuple(movements),
        )
        out.actions.append(item)
        for mid in action.measures:
            by_measure[mid].append(item)
        commitments = set(action.commitments)
        for mid in action.measures:
            view = pub.measures.get(mid)
            if view is not None:
                commitments |= set(view.measure.commitments)
        for cid in sorted(commitments):
            by_commitment[cid].append(item)
    out.by_measure = dict(by_measure)
    out.by_commitment = dict(by_commitment)
    explanations: dict[str, list[Explanation]] = defaultdict(list)
    for e in fw.explanations:
        if e.year == pub.year:
            explanations[e.measure].append(e)
    out.explanations = dict(explanations)
    out.recommendations = sorted(fw.recommendations.values(), key=lambda r: (r.date, r.id))
    out.you_said_we_did = sorted(fw.you_said_we_did.values(), key=lambda y: (y.date, y.id))
    latest = {m.id: m.latest for m in pub.measures.values() if m.latest is not None}
    out.unanswered = [s.measure.id for s in shortfalls_of(fw, latest, pub.year) if not s.answered]
    return out
