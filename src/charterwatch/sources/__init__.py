"""Reading and checking source extracts: every input loads whole, or is rejected with every
problem listed (file, row, column, expected, found, fix, and a ``CW-S`` code).

Start with :func:`load_source` (one source of a framework) or :func:`load_sources` (all of
them). Formats are registered readers keyed by extension (:mod:`.readers`); the standard
column sets are data in :mod:`.shapes`; every code is in :mod:`.codes` and
``docs/sources.md``.
"""

from charterwatch.sources.codes import CODES
from charterwatch.sources.load import (
    SourceLoads,
    load_source,
    load_sources,
    read_sql_table,
    read_table,
)
from charterwatch.sources.narrative import (
    NarrativeRead,
    NarrativeRecord,
    load_narrative,
    read_narrative,
)
from charterwatch.sources.readers import READERS, register
from charterwatch.sources.result import Provenance, SourceLoad
from charterwatch.sources.shapes import NARRATIVE_FRONT_MATTER, SHAPES, resolve_schema

__all__ = [
    "CODES",
    "NARRATIVE_FRONT_MATTER",
    "READERS",
    "SHAPES",
    "NarrativeRead",
    "NarrativeRecord",
    "Provenance",
    "SourceLoad",
    "SourceLoads",
    "load_narrative",
    "load_source",
    "load_sources",
    "read_narrative",
    "read_sql_table",
    "read_table",
    "register",
    "resolve_schema",
]
