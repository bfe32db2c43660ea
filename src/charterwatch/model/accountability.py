"""What is being done about shortfalls: improvement actions, "You said, we did" entries,
scrutiny recommendations with responses, written explanations and analyst flags.

Strict file shapes (unknown keys rejected) and their resolved forms with origins, read from
the top-level keys ``actions:``, ``you_said_we_did:``, ``recommendations:``,
``explanations:`` and ``flags:`` of any framework file.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import Field, model_validator

from charterwatch.model.files import FinancialYearLabel, Id, Strict, Text
from charterwatch.model.framework import Origin
from charterwatch.model.links import WebAddress


class ActionStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


class ProgressUpdateFile(Strict):
    """A dated note of progress on an action."""

    date: dt.date
    text: Text


class ActionFile(Strict):
    """An improvement action: what will change, who owns it, by when, and what it achieved."""

    id: Id
    title: Text
    change: Text = Field(description="What will change, in plain words.")
    measures: list[Id] = Field(default_factory=list)
    commitments: list[str] = Field(default_factory=list)
    owner: Text
    start: dt.date
    due: dt.date
    status: ActionStatus
    dropped_reason: str | None = None
    updates: list[ProgressUpdateFile] = Field(default_factory=list)
    effect: str | None = Field(None, description="Evidence of the effect, once known.")
    illustrative: bool = Field(False, description="True for example actions, not real ones.")

    @model_validator(mode="after")
    def _consistent(self) -> ActionFile:
        if self.due < self.start:
            raise ValueError(f"due date {self.due} is before the start {self.start}")
        if self.status is ActionStatus.DROPPED and not self.dropped_reason:
            raise ValueError("a dropped action needs 'dropped_reason' saying why")
        if not self.measures and not self.commitments:
            raise ValueError("an action must name at least one measure or commitment")
        return self

    def overdue(self, on: dt.date) -> bool:
        """Past its due date and neither done nor dropped."""
        open_ = self.status in (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)
        return open_ and self.due < on


class YouSaidWeDidFile(Strict):
    """Feedback heard and what was done about it."""

    id: Id
    theme: Text = Field(description="What people said.")
    source: Literal["complaints", "survey", "panel", "partners", "staff", "other"]
    action_taken: Text
    date: dt.date
    commitments: list[str] = Field(default_factory=list)
    measures: list[Id] = Field(default_factory=list)
    illustrative: bool = False


class RecommendationFile(Strict):
    """A recommendation from a scrutiny body, and the response to it."""

    id: Id
    body: Text = Field(description="Who made it, e.g. a scrutiny body or a regulator.")
    report: str | None = Field(None, description="The report it comes from.")
    report_url: WebAddress | None = None
    text: Text
    date: dt.date
    response: Literal["accepted", "partially_accepted", "rejected", "awaiting"]
    response_reason: str | None = None
    response_date: dt.date | None = None
    actions: list[Id] = Field(default_factory=list)
    commitments: list[str] = Field(default_factory=list)
    follow_up: Literal["not_started", "in_progress", "complete", "not_applicable"] = "not_started"
    illustrative: bool = False

    @model_validator(mode="after")
    def _reasoned(self) -> RecommendationFile:
        if self.response in ("partially_accepted", "rejected") and not self.response_reason:
            raise ValueError(f"a '{self.response}' response needs 'response_reason'")
        return self


class ExplanationFile(Strict):
    """A written explanation of a shortfall, where no action is planned."""

    measure: Id
    year: FinancialYearLabel
    text: Text
    illustrative: bool = Field(False, description="True for example explanations, not real ones.")


class FlagFile(Strict):
    """An analyst's flag: this measure needs a response this year, whatever the figures say."""

    measure: Id
    year: FinancialYearLabel
    reason: Text


class Action(ActionFile):
    origin: Origin


class YouSaidWeDid(YouSaidWeDidFile):
    origin: Origin


class Recommendation(RecommendationFile):
    origin: Origin


class Explanation(ExplanationFile):
    origin: Origin


class Flag(FlagFile):
    origin: Origin
