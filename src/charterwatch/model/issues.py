"""Problems found while loading or checking inputs, each with where, what, why and how to fix it.

Every checker in charterwatch collects :class:`Issue` objects instead of raising on the first
problem, so that one run lists everything a framework author or data owner has to fix.
Each issue has a stable code (``CW-F001``) documented in ``docs/error-codes.md``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

FOUND_LIMIT = 120
"""The most characters of a value quoted as ``found``; longer ones are cut with '...'."""
TEXT_LIMIT = 2000
"""The most characters of any other field of an issue (a message naming many ids)."""


def printable(text: str, limit: int = TEXT_LIMIT) -> str:
    """``text`` safe to print in a terminal: control and invisible format characters shown
    as escapes (``\\x1b``, ``\\u202e``), cut to ``limit`` characters with '...'."""
    shown = "".join(
        _escaped(c) if unicodedata.category(c) in {"Cc", "Cf", "Cs", "Co"} and c != "\n" else c
        for c in text[: limit + 1]
    )
    return shown if len(shown) <= limit else shown[: limit - 3] + "..."


def _escaped(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


class Level(StrEnum):
    """How serious an issue is: errors stop a load or a release, warnings are for attention."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Issue:
    """One problem, located as precisely as the input allows.

    ``location`` is a dotted path inside the file (``sections[0].commitments[2].id``) for YAML
    files, or a column name for tables. ``line`` and ``row`` are 1-based.
    """

    code: str
    level: Level
    message: str
    file: str | None = None
    line: int | None = None
    location: str | None = None
    row: int | None = None
    column: str | None = None
    expected: str | None = None
    found: str | None = None
    fix: str | None = None

    def __post_init__(self) -> None:
        # Text quoted from a file may hold terminal control sequences or a whole binary
        # file: every field is made printable, and what was found is cut short.
        for name in ("message", "file", "location", "column", "expected", "found", "fix"):
            value = getattr(self, name)
            if isinstance(value, str):
                cut = FOUND_LIMIT if name == "found" else TEXT_LIMIT
                object.__setattr__(self, name, printable(value, cut))

    def where(self) -> str:
        """The place of the issue as ``file:line`` / ``file row N`` plus the field or column."""
        parts: list[str] = []
        if self.file:
            place = self.file
            if self.line is not None:
                place += f":{self.line}"
            parts.append(place)
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.location:
            parts.append(f"field {self.location}")
        if self.column:
            parts.append(f"column {self.column}")
        return ", ".join(parts) if parts else "(no location)"

    def render(self) -> str:
        """The issue as plain text: one headline and indented details, for terminals and logs."""
        lines = [f"{self.level.value} {self.code} {self.where()}: {self.message}"]
        if self.expected is not None:
            lines.append(f"    expected: {self.expected}")
        if self.found is not None:
            lines.append(f"    found: {self.found}")
        if self.fix is not None:
            lines.append(f"    fix: {self.fix}")
        return "\n".join(lines)

    def as_dict(self) -> dict[str, object]:
        """The issue as plain data, for ``--format json`` and the workspace."""
        return {k: (v.value if isinstance(v, Level) else v) for k, v in self.__dict__.items()}


@dataclass
class IssueList:
    """An ordered collection of issues with counts; the shared result of every check."""

    items: list[Issue] = field(default_factory=list)

    def add(self, issue: Issue) -> None:
        self.items.append(issue)

    def extend(self, issues: Iterable[Issue]) -> None:
        self.items.extend(issues)

    def __iter__(self) -> Iterator[Issue]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.items if i.level is Level.ERROR]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.items if i.level is Level.WARNING]

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not self.errors

    def summary(self) -> str:
        """A closing line of counts, such as ``2 errors, 1 warning``."""
        e, w = len(self.errors), len(self.warnings)
        return f"{e} error{'s' if e != 1 else ''}, {w} warning{'s' if w != 1 else ''}"


def relative_name(path: Path, root: Path) -> str:
    """A path as shown in messages: relative to the folder the user named, with forward slashes."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
