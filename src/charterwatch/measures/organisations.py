"""Measures computed per organisation: the organisation and peer-group breakdowns.

A measure with ``by_organisation: true`` is computed exactly as any other, with two more
breakdowns in the kind's one pass: ``organisation`` (group: the organisation id) and
``peer_group`` (group: the organisation's peer group). The source's table gets the two
columns here, from its ``organisation_column`` and the peer groups of ``organisations.yaml``,
so every record-reading kind handles them like any breakdown column, and disclosure control
(:mod:`charterwatch.results.protect`) protects them like any breakdown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from charterwatch.model.framework import Measure, Organisations, Source
from charterwatch.model.organisations import ORGANISATION, PEER_GROUP, organisation_column

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from charterwatch.measures.registry import MeasureKind

BREAKDOWNS = (ORGANISATION, PEER_GROUP)
"""The breakdowns a measure computed per organisation gets, in this order."""


def with_organisation_columns(
    table: ir.Table, source: Source, organisations: Organisations
) -> ir.Table:
    """The source's table with ``organisation`` (the id, as text) and ``peer_group`` added,
    when the source names its organisation column; unchanged otherwise.

    The peer group comes from a left join with a small table of the organisations (a CASE
    of hundreds of branches made every query take half a second to compile)."""
    import ibis

    column = organisation_column(source)
    if column is None or column not in table.columns or not organisations:
        return table
    named = table.mutate(**{ORGANISATION: table[column].cast("string")})
    if PEER_GROUP in named.columns:
        named = named.drop(PEER_GROUP)
    groups = organisations.peer_groups()
    if not groups:
        return named.mutate(**{PEER_GROUP: ibis.null("string")})
    lookup = ibis.memtable(
        {"cw_org": list(groups), PEER_GROUP: list(groups.values())},
        schema={"cw_org": "string", PEER_GROUP: "string"},
    )
    joined = named.left_join(lookup, named[ORGANISATION] == lookup.cw_org)
    return joined.select(*named.columns, PEER_GROUP)


def computed_params(kind: MeasureKind, measure: Measure) -> Any:
    """The measure's validated params, with the organisation breakdowns added when it is
    computed per organisation (raises pydantic.ValidationError as ``kind.params`` does)."""
    params = kind.params(measure)
    if not measure.by_organisation:
        return params
    wanted = list(dict.fromkeys([*params.breakdowns, *BREAKDOWNS]))
    return params.model_copy(update={"breakdowns": wanted})
