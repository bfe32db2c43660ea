"""Reading and checking source extracts: every input loads whole, or is rejected with every
problem listed (file, row, column, expected, found, fix, and a ``CW-S`` code).

Start with :func:`load_source` (one source of a framework) or :func:`load_sources` (all of
them). Formats are registered readers keyed by extension (:mod:`.readers`); the standard
column sets are data in :mod:`.shapes`; every code is in :mod:`.codes` and
``docs/sources.md``.

The names below are imported from their modules when first used, not with the package:
checking a framework needs only the column sets (:mod:`.shapes`), and importing the readers
with them brought in pyarrow and its compute functions (about 0.1 s of every ``validate``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_HOMES = {
    "CODES": "codes",
    "SourceLoads": "load",
    "load_source": "load",
    "load_sources": "load",
    "read_sql_table": "load",
    "read_table": "load",
    "NarrativeRead": "narrative",
    "NarrativeRecord": "narrative",
    "load_narrative": "narrative",
    "read_narrative": "narrative",
    "READERS": "readers",
    "register": "readers",
    "Provenance": "result",
    "SourceLoad": "result",
    "NARRATIVE_FRONT_MATTER": "shapes",
    "SHAPES": "shapes",
    "resolve_schema": "shapes",
}
"""Each public name and the module of this package it lives in."""

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


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
