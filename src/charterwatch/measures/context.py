"""What a measure kind computes with: tables on an engine, the calendar, rules and evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from charterwatch.model.framework import Framework, Measure
from charterwatch.units import resolved_unit

if TYPE_CHECKING:
    import ibis.expr.types as ir


class NoData(LookupError):
    """A measure's source has no loaded table: the measure is reported as "no data"."""


@dataclass
class ComputeContext:
    """The inputs of one compute run, shared by every kind.

    ``tables`` maps source ids to Ibis tables on the run's engine; ``calendar`` is the working
    day table (``date``, ``is_working_day``, ``working_day_number``); ``deadline_rules`` the
    rules table (``process``, ``group``, ``valid_from``, ``valid_to``, ``length``, ``unit``).
    """

    framework: Framework
    tables: dict[str, ir.Table]
    calendar: ir.Table
    deadline_rules: ir.Table | None = None
    evidence: list[dict[str, Any]] = field(default_factory=list)
    provenance: dict[str, dict[str, Any]] = field(default_factory=dict)
    synthetic_sources: set[str] = field(default_factory=set)
    granularity: str = "year"
    """``year`` (financial years), ``quarter`` or ``month``: the periods of the figures."""

    def table(self, source_id: str) -> ir.Table:
        """The table of a source; raises :class:`NoData` when it was not loaded.

        A source naming its organisation column also has ``organisation`` and ``peer_group``
        (:func:`charterwatch.measures.organisations.with_organisation_columns`)."""
        from charterwatch.measures.organisations import with_organisation_columns

        try:
            table = self.tables[source_id]
        except KeyError:
            raise NoData(f"source '{source_id}' has no data loaded") from None
        source = self.framework.sources.get(source_id)
        if source is None:
            return table
        return with_organisation_columns(table, source, self.framework.organisations)

    def provenance_of(self, source_ids: list[str]) -> dict[str, Any]:
        """The provenance records of the given sources, for a result row."""
        return {s: self.provenance[s] for s in source_ids if s in self.provenance}

    def unit_of(self, measure: Measure) -> str:
        """The unit the measure's figures are stored with: ``money`` with its currency (the
        measure's ``currency``, else the project's), see :func:`resolved_unit`."""
        currency = measure.currency or self.framework.project.currency
        return resolved_unit(measure.unit.value, currency)

    def is_synthetic(self, source_ids: list[str]) -> bool:
        return any(s in self.synthetic_sources for s in source_ids)
