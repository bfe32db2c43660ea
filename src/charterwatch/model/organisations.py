"""The organisations that report to a framework, resolved, and how sources name them.

A framework folder may hold ``organisations.yaml`` (``organisations:`` with a ``noun`` and a
``list``). Each organisation has an id, a name, and optionally a type, a peer group (the
organisations it is fairly compared with) and an area. A source names the column holding
the organisation of each row (``organisation_column``); at resolution that column gets the
organisation ids as its allowed values, so the ordinary source checks report an unknown id
with its file, row and column, and the synthetic generator draws ids from the list.
"""

from __future__ import annotations

from charterwatch.model.files import FieldFile, SourceSchemaFile
from charterwatch.model.framework import Organisation, Organisations, Source

NATIONAL = "ALL"
"""The organisation id of a national row in an organisation return (the total of all)."""
ORGANISATION = "organisation"
"""The breakdown name of per-organisation figures (group: the organisation id)."""
PEER_GROUP = "peer_group"
"""The breakdown name of per-peer-group figures (group: the peer group's name)."""
RETURNS_SHAPE = "organisation_returns"
"""The source shape of already aggregated figures, one row per organisation, year, indicator."""

__all__ = [
    "NATIONAL",
    "ORGANISATION",
    "PEER_GROUP",
    "RETURNS_SHAPE",
    "Organisation",
    "Organisations",
    "organisation_column",
    "with_organisation_ids",
]


def organisation_column(source: Source) -> str | None:
    """The column naming each row's organisation: declared, or ``organisation`` for the
    organisation returns shape."""
    if source.organisation_column:
        return source.organisation_column
    shape = source.schema_.shape if source.schema_ is not None else None
    return ORGANISATION if shape == RETURNS_SHAPE else None


def with_organisation_ids(source: Source, organisations: Organisations) -> Source:
    """The source with its organisation column restricted to the organisation ids (and, in
    an organisation return, ``ALL`` for a national row); unchanged without organisations."""
    column = organisation_column(source)
    if column is None or not organisations:
        return source
    schema = source.schema_ or SourceSchemaFile(shape="records")
    allowed = list(organisations.members)
    if schema.shape == RETURNS_SHAPE:
        allowed.append(NATIONAL)
    fields = list(schema.fields)
    existing = next((i for i, f in enumerate(fields) if f.name == column), None)
    if existing is None:
        fields.append(FieldFile(name=column, type="string", enum=allowed))
    else:
        fields[existing] = fields[existing].model_copy(update={"type": "string", "enum": allowed})
    updated = schema.model_copy(update={"fields": fields})
    return source.model_copy(update={"schema_": updated, "organisation_column": column})
