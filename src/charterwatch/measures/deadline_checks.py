"""Deadline measures checked against the framework's deadline rules (``CW-K012``).

A ``deadline_compliance`` measure joins its cases to the rules of one process. When the
process has no rule at all, or has rules only for named groups while the measure names no
``group:`` column (so every case looks for the ``*`` rule that is not there), compute would
find no rule for any case and the measure would quietly have nothing to show. ``validate``
says so first, at the measure's ``process`` or ``group`` param.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from pydantic import ValidationError

from charterwatch.dates.deadlines import ANY_GROUP
from charterwatch.measures.kinds.deadline_compliance import DeadlineCompliance, DeadlineParams
from charterwatch.model.checks import rule
from charterwatch.model.framework import Framework, Measure
from charterwatch.model.issues import Issue, Level

CODE = "CW-K012"


def _issue(measure: Measure, param: str, message: str, expected: str, fix: str) -> Issue:
    where = measure.origin.near(f"params.{param}")
    return Issue(
        code=CODE,
        level=Level.ERROR,
        file=where.file,
        line=where.line,
        location=f"measure {measure.id}.params.{param}",
        message=message,
        expected=expected,
        fix=fix,
    )


def deadline_measure_issues(fw: Framework, measure: Measure) -> Iterator[Issue]:
    """CW-K012 for one ``deadline_compliance`` measure (nothing when its params do not
    validate: that is CW-K001's to report)."""
    try:
        params = DeadlineCompliance().params(measure)
    except ValidationError:
        return
    if not isinstance(params, DeadlineParams):
        return
    processes = fw.rulebook.processes()
    if params.process not in processes:
        guess = difflib.get_close_matches(params.process, list(processes), n=1)
        yield _issue(
            measure,
            "process",
            f"measure '{measure.id}' counts cases against the deadline of process "
            f"'{params.process}', but deadlines.yaml has no rule for it, so no case would "
            "have a deadline",
            expected="a process of deadlines.yaml: " + (", ".join(processes) or "(none declared)"),
            fix=(f"did you mean '{guess[0]}'? " if guess else "")
            + "correct the process name, or add its rules to deadlines.yaml",
        )
        return
    groups = fw.rulebook.groups(params.process)
    if params.group is None and ANY_GROUP not in groups:
        yield _issue(
            measure,
            "process",
            f"every deadline rule of process '{params.process}' is for a named group "
            f"({', '.join(groups)}), but measure '{measure.id}' names no 'group:' column, so "
            "its cases would match no rule and it would compute nothing",
            expected="a 'group:' param naming the records' column that holds the group",
            fix="add e.g. 'group: benefit' under the measure's params, or a rule with "
            "'group: \"*\"' for every group in deadlines.yaml",
        )


@rule
def deadline_measures_have_rules(fw: Framework) -> Iterator[Issue]:
    """CW-K012: a deadline measure's process has rules its cases can match."""
    for version in fw.own_versions():
        for measure in version.measures.values():
            if measure.kind == DeadlineCompliance.name:
                yield from deadline_measure_issues(fw, measure)
