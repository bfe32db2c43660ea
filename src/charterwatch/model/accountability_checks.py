"""Cross-checks of actions, "You said, we did", recommendations, explanations and flags:
every measure, commitment and action they name must exist (codes CW-A001 to CW-A004)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from charterwatch.model.checks import rule
from charterwatch.model.framework import Framework, Origin
from charterwatch.model.issues import Issue, Level


def _missing(
    code: str, where: Origin, field_name: str, what: str, ident: str, known: Iterable[str]
) -> Issue:
    listed = sorted(known)
    return Issue(
        code=code,
        level=Level.ERROR,
        file=where.file,
        line=where.at(field_name).line,
        location=field_name,
        message=f"{what} names {field_name.rstrip('s')} '{ident}', which is not defined",
        expected="one of: " + (", ".join(listed[:12]) + (" ..." if len(listed) > 12 else "")),
        fix="correct the id; ids are written as in the framework files",
    )


@rule
def accountability_references(fw: Framework) -> Iterator[Issue]:
    """CW-A001 measures, CW-A002 commitments, CW-A003 actions, CW-A004 explanation/flag."""
    measures = {mid for v in fw.frameworks.values() for mid in v.measures}
    commitments = (
        set(fw.charters[fw.project.default_charter].commitments)
        if (fw.project.default_charter in fw.charters)
        else set()
    )
    linked = [
        *((f"action '{a.id}'", a) for a in fw.actions.values()),
        *((f"'You said, we did' entry '{y.id}'", y) for y in fw.you_said_we_did.values()),
        *((f"recommendation '{r.id}'", r) for r in fw.recommendations.values()),
    ]
    for what, item in linked:
        for mid in getattr(item, "measures", []):
            if mid not in measures:
                yield _missing("CW-A001", item.origin, "measures", what, mid, measures)
        for cid in item.commitments:
            if cid not in commitments:
                yield _missing("CW-A002", item.origin, "commitments", what, cid, commitments)
        for aid in getattr(item, "actions", []):
            if aid not in fw.actions:
                yield _missing("CW-A003", item.origin, "actions", what, aid, fw.actions)
    for entry in [*fw.explanations, *fw.flags]:
        if entry.measure not in measures:
            yield _missing(
                "CW-A004",
                entry.origin,
                "measure",
                "an explanation or flag",
                entry.measure,
                measures,
            )
