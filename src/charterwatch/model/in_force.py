"""The one rule for which framework and charter version a year is reported against.

A year is reported against the framework version in force for it: of the versions whose
``effective_from`` falls on or before the year's last day, that report from ``first_year``
up to their ``last_year`` (when they declare one), the one that took effect last. Its
``charter:`` is the charter in force. When no version fits, the project's
``default_framework`` is used, as before versions existed.

The site, the PDFs and the downloads of a year are built from :func:`in_force`'s view of the
framework, so every page of 2024-25 names and links the commitments of the charter in
force then. Accountability records (actions, "You said, we did", recommendations) are
written against the project's ``default_charter``; in that view their commitments are
carried to the charter in force through the charters' mappings
(:mod:`.charter_mapping`).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from charterwatch.dates.periods import FinancialYear
from charterwatch.model.charter_mapping import NoMappingChain, carry
from charterwatch.model.framework import Framework, FrameworkVersion


def version_in_force(fw: Framework, year: str) -> FrameworkVersion:
    """The framework version ``year`` is reported against (see the module's rule)."""
    end = FinancialYear.parse(year).end
    fitting = [
        v
        for v in fw.frameworks.values()
        if v.spec.effective_from <= end
        and v.spec.first_year <= year
        and (v.spec.last_year is None or year <= v.spec.last_year)
        and v.spec.charter in fw.charters
    ]
    if not fitting:
        return fw.framework
    return max(fitting, key=lambda v: (v.spec.effective_from, v.id == fw.framework.id))


def in_force(fw: Framework, year: str) -> Framework:
    """``fw`` as it reports ``year``: the version in force as its default framework and
    charter, accountability records linked to that charter's commitments."""
    version = version_in_force(fw, year)
    if version.id == fw.project.default_framework:
        return fw
    charter = version.spec.charter
    project = fw.project.model_copy(
        update={"default_framework": version.id, "default_charter": charter}
    )
    return dataclasses.replace(
        fw,
        project=project,
        actions=_carried(fw, fw.actions, charter),
        you_said_we_did=_carried(fw, fw.you_said_we_did, charter),
        recommendations=_carried(fw, fw.recommendations, charter),
    )


def _carried(fw: Framework, records: dict[str, Any], charter: str) -> dict[str, Any]:
    """Each record with its ``commitments`` carried from the default charter to ``charter``
    (records unchanged when no mapping chain leads there: validate reports the charters)."""
    out: dict[str, Any] = {}
    for key, record in records.items():
        ids = getattr(record, "commitments", None)
        if not ids:
            out[key] = record
            continue
        try:
            moved = carry(fw.charters, ids, fw.project.default_charter, charter).ids
        except NoMappingChain:
            out[key] = record
            continue
        out[key] = record.model_copy(update={"commitments": moved})
    return out


__all__ = ["in_force", "version_in_force"]
