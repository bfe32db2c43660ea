"""The result of loading a source: a checked table with its provenance, or the issues.

Shared by every loader (tables, database tables, narrative evidence), so callers handle one
type. A :class:`SourceLoad` holds a table exactly when it holds no error.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pyarrow as pa

from charterwatch.model.issues import IssueList


@dataclass(frozen=True)
class Provenance:
    """Where a loaded table came from: enough to tell whether an input has changed.

    ``sha256`` is of the file's bytes (for a database table: of the rows as read; for a
    folder of narrative evidence: of each file's name and hash). ``loaded_at`` is UTC ISO 8601.
    """

    source: str | None
    file: str
    sha256: str
    rows: int
    loaded_at: str
    reader: str
    shape: str | None

    def as_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class SourceLoad:
    """The result of loading one source: a table with provenance, or the issues.

    ``issues`` may hold warnings when the load succeeded; when it failed ``table`` and
    ``provenance`` are None and ``issues`` lists every error found.
    """

    source: str | None
    file: str
    issues: IssueList = field(default_factory=IssueList)
    table: pa.Table | None = None
    provenance: Provenance | None = None

    def __post_init__(self) -> None:
        if (self.table is None) == self.issues.ok:
            raise ValueError("a SourceLoad has a table exactly when it has no error")

    @property
    def ok(self) -> bool:
        return self.table is not None


def utc_stamp(now: dt.datetime | None = None) -> str:
    """``now`` (default: the current time) in UTC as ISO 8601 to the second."""
    when = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    return when.isoformat(timespec="seconds")
