"""Framework versions that keep an earlier version's measures under a newer charter.

When a charter is revised, the framework usually keeps most of its measures and only moves
their links to the new commitments. Writing every measure out again would make two copies
that drift apart, so a framework version may say ``measures_from: "2019"``: it keeps that
version's sections and measures, each measure's ``commitments`` carried to the new
version's charter through the charter's ``mapping:`` (:mod:`.charter_mapping`, the same rule
``charterwatch charter move`` reports with). A measure whose commitments were all dropped is
an error that names it (``CW-M003``): none is left out of the new charter silently.
"""

from __future__ import annotations

from charterwatch.model.charter_mapping import NoMappingChain, carry
from charterwatch.model.framework import Framework, FrameworkVersion, Measure
from charterwatch.model.issues import Issue, IssueList, Level


def derive_versions(fw: Framework, issues: IssueList) -> None:
    """Fill in the measures of every version with ``measures_from:`` (in place)."""
    for version in list(fw.frameworks.values()):
        base_id = version.spec.measures_from
        if base_id is None:
            continue
        derived = _derive(fw, version, base_id, issues)
        if derived is not None:
            fw.frameworks[version.id] = derived


def _problem(version: FrameworkVersion, code: str, message: str, expected: str, fix: str) -> Issue:
    return Issue(
        code=code,
        level=Level.ERROR,
        file=version.origin.file,
        line=version.origin.at("measures_from").line,
        location=f"framework {version.id}.measures_from",
        message=message,
        expected=expected,
        fix=fix,
    )


def _derive(
    fw: Framework, version: FrameworkVersion, base_id: str, issues: IssueList
) -> FrameworkVersion | None:
    base = fw.frameworks.get(base_id)
    own = sorted(v.id for v in fw.frameworks.values() if v.spec.measures_from is None)
    if base is None or base.spec.measures_from is not None or base_id == version.id:
        issues.add(
            _problem(
                version,
                "CW-M020",
                f"framework '{version.id}' keeps the measures of framework '{base_id}', which "
                + ("is not defined" if base is None else "has no measures of its own"),
                "the id of a framework version that lists its own measures: "
                + (", ".join(own) or "(none)"),
                "correct 'measures_from:'",
            )
        )
        return None
    if version.spec.sections:
        issues.add(
            _problem(
                version,
                "CW-M020",
                f"framework '{version.id}' both keeps the measures of '{base_id}' and lists "
                "sections of its own",
                "either 'measures_from:' or sections, not both",
                "remove the sections (the measures come from the earlier version), or remove "
                "'measures_from:' and write every measure out",
            )
        )
        return None
    measures: dict[str, Measure] = {}
    for m in base.measures.values():
        try:
            carried = carry(fw.charters, m.commitments, base.spec.charter, version.spec.charter)
        except NoMappingChain as exc:
            issues.add(
                _problem(
                    version,
                    "CW-M021",
                    f"framework '{version.id}' measures charter '{version.spec.charter}' with "
                    f"the measures of framework '{base_id}', but {exc}",
                    f"charter '{version.spec.charter}' with a mapping from charter "
                    f"'{base.spec.charter}'",
                    "add the mapping to the charter file (docs/review.md, Charter versions)",
                )
            )
            return None
        if not carried.ids:
            issues.add(
                Issue(
                    code="CW-M003",
                    level=Level.ERROR,
                    file=version.origin.file,
                    line=version.origin.at("measures_from").line,
                    location=f"framework {version.id}, measure {m.id}",
                    message=f"measure '{m.id}' ({m.title}) is left without a commitment of "
                    f"charter '{version.spec.charter}': the mapping drops "
                    + ", ".join(carried.lost),
                    expected="each measure kept by the new framework linked to at least one "
                    "commitment of its charter",
                    fix="map a dropped commitment to the commitment this measure now "
                    "evidences, or retire the measure (retired_from) in the earlier framework",
                )
            )
        measures[m.id] = m.model_copy(update={"framework": version.id, "commitments": carried.ids})
    spec = version.spec.model_copy(update={"sections": base.spec.sections})
    return FrameworkVersion(spec, measures, version.origin, dict(base.section_origins))


__all__ = ["derive_versions"]
