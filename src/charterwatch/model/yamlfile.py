"""Reading YAML framework files into plain data while remembering the line of every value.

PyYAML's ``safe_load`` forgets where things came from, silently keeps the last of two
duplicate keys, and trusts its input: an alias bomb expands to gigabytes, a recursive alias
loops, and an impossible date (``2025-02-29``), an unknown tag (``!include``) or a list used
as a key raises. Framework authors need messages that point at a line, so this reader
composes the node tree itself (with libyaml when PyYAML has it), walks it once, keeps the
line of each value in a tree shaped like the data (:class:`Lines`), and turns every such
problem into a located issue instead of raising:

- a file larger than the limit is refused before it is read (``CW-F010``);
- aliases (``*name``) are expanded as copies, at most :data:`MAX_ALIAS_VALUES` values
  per file, and an alias inside its own anchor is refused; merge keys (``<<``) are
  refused (``CW-F011``);
- tags other than YAML's plain types are refused (``CW-F012``);
- a key must be plain text, not a list or a mapping (``CW-F013``);
- a value that cannot be what it looks like, such as an impossible date (``CW-F014``);
- nesting deeper than :data:`MAX_DEPTH` levels (``CW-F015``).

Reading is linear in the size of the file: each node is visited once.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from charterwatch.model.issues import Issue, Level
from charterwatch.model.yaml_limits import file_too_large, max_file_bytes, yaml_problem

PathKey = tuple[str | int, ...]

MAX_DEPTH = 100
"""The deepest nesting a framework file may have (a framework needs about 12 levels)."""

MAX_ALIAS_VALUES = 10_000
"""How many values the aliases of one file may add in all when they are expanded. A few
anchors repeating small mappings stay far below it; an "alias bomb" (aliases of aliases,
a few lines standing for billions of values) is stopped when it passes it."""

_T = "tag:yaml.org,2002:"
STR, NULL, BOOL, INT, FLOAT, TIMESTAMP = (
    _T + "str",
    _T + "null",
    _T + "bool",
    _T + "int",
    _T + "float",
    _T + "timestamp",
)
MAP, SEQ, MERGE = _T + "map", _T + "seq", _T + "merge"


class Lines:
    """Where one mapping or list was written: its line, the line of each key, and each
    entry's place (a nested :class:`Lines`, or the line of a plain value)."""

    __slots__ = ("entries", "key_lines", "line")

    def __init__(self, line: int) -> None:
        self.line = line
        self.entries: dict[str | int, Lines | int] = {}
        self.key_lines: dict[str | int, int] = {}


def _line(place: Lines | int) -> int:
    return place.line if isinstance(place, Lines) else place


@dataclass
class YamlDocument:
    """The parsed content of one YAML file and the line of each value in it."""

    file: str
    data: Any
    places: Lines | int | None = field(default=None, repr=False)

    def _walk(self, path: PathKey) -> tuple[list[Lines | int], bool]:
        """The places along ``path`` from the root, and whether the whole path was found."""
        found: list[Lines | int] = []
        place = self.places
        for part in path:
            if place is None:
                return found, False
            found.append(place)
            place = place.entries.get(part) if isinstance(place, Lines) else None
        if place is None:
            return found, False
        found.append(place)
        return found, True

    def line_of(self, path: PathKey) -> int | None:
        """The line of the deepest known value on ``path`` (1-based), or None when unknown."""
        found, _ = self._walk(tuple(path))
        return _line(found[-1]) if found else None

    def line_of_key(self, path: PathKey) -> int | None:
        """The line of the key that names the value at ``path`` (for a mapping written
        under its key, the key's own line rather than its first entry's), else
        :meth:`line_of`."""
        path = tuple(path)
        if path:
            found, whole = self._walk(path[:-1])
            parent = found[-1] if whole and found else None
            if isinstance(parent, Lines) and path[-1] in parent.key_lines:
                return parent.key_lines[path[-1]]
        return self.line_of(path)

    def field_lines(self, path: PathKey, depth: int = 1) -> dict[str, int]:
        """The line of each entry of the mapping or list at ``path`` (empty when none), and
        with ``depth`` above 1 of the entries nested under them, keyed by dotted path
        (``params.where.outcome``), so a check can point at the line of a nested value."""
        found, whole = self._walk(tuple(path))
        place = found[-1] if whole and found else None
        out: dict[str, int] = {}
        if isinstance(place, Lines):
            _nested_lines(place, "", depth, out)
        return out


def _nested_lines(place: Lines, prefix: str, depth: int, out: dict[str, int]) -> None:
    for key, child in place.entries.items():
        name = f"{prefix}{key}"
        out[name] = _line(child)
        if depth > 1 and isinstance(child, Lines):
            _nested_lines(child, name + ".", depth - 1, out)


_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """A safe loader tuned for ids and answers written by people (libyaml when available).

    Plain decimals stay text (so commitment ``1.10`` is not read as ``1.1``; the model turns
    text into numbers where a number is expected), only ``true``/``false`` are booleans (so
    a survey answer ``no`` stays the word "no"), and ``=`` is just text.
    """


_BOOL_WORDS = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_Loader.yaml_implicit_resolvers = {
    first: [
        (tag, _BOOL_WORDS if tag == BOOL else regexp)
        for tag, regexp in resolvers
        if tag not in {FLOAT, _T + "value", _T + "yaml"}
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_SCALARS: dict[str, Callable[[Any, yaml.ScalarNode], Any]] = {
    NULL: yaml.SafeLoader.construct_yaml_null,
    BOOL: yaml.SafeLoader.construct_yaml_bool,
    INT: yaml.SafeLoader.construct_yaml_int,
    FLOAT: yaml.SafeLoader.construct_yaml_float,
    TIMESTAMP: yaml.SafeLoader.construct_yaml_timestamp,
}
"""How each allowed tag of a plain value is read; ``str`` is the value's own text."""


def read_yaml(
    path: Path, shown_as: str, max_bytes: int | None = None
) -> tuple[YamlDocument | None, list[Issue]]:
    """Parse ``path`` into a :class:`YamlDocument`, returning issues instead of raising.

    ``shown_as`` is the file name used in messages (relative to the framework folder).
    ``max_bytes`` is the size limit (default: :func:`~.yaml_limits.max_file_bytes`, set
    by ``CHARTERWATCH_MAX_YAML_MB``). The document is None when the file cannot be used.
    """
    limit = max_file_bytes() if max_bytes is None else max_bytes
    size = os.stat(path).st_size
    if size > limit:
        return None, [file_too_large(shown_as, size, limit)]
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [
            Issue(
                code="CW-F002",
                level=Level.ERROR,
                file=shown_as,
                message="the file is not valid UTF-8 text",
                found=f"byte {exc.start} cannot be decoded",
                fix="save the file as UTF-8 (most editors offer this under 'Save with encoding')",
            )
        ]
    return read_yaml_text(text, shown_as)


def read_yaml_text(text: str, shown_as: str) -> tuple[YamlDocument | None, list[Issue]]:
    """Parse YAML ``text`` as :func:`read_yaml` does (no size limit here)."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except (yaml.YAMLError, RecursionError) as exc:
        return None, [yaml_problem(exc, text, shown_as)]
    doc = YamlDocument(file=shown_as, data=None)
    if root is None:
        return doc, []
    walk = _Walk(shown_as, _Loader(""), aliases="&" in text)
    doc.data, doc.places = walk.value(root, (), 0)
    if any(i.level is Level.ERROR and i.code != "CW-F003" for i in walk.issues):
        return None, walk.issues
    return doc, walk.issues


class _Walk:
    """One pass over a composed node tree: the data, the lines, and every problem."""

    def __init__(self, file: str, loader: Any, aliases: bool) -> None:
        self.file = file
        self.loader = loader
        self.issues: list[Issue] = []
        self.aliases = aliases  # without an anchor ('&') no node can be met twice
        self.seen: set[int] = set()
        self.open: set[int] = set()
        self.expanding = 0
        self.added = 0
        self.stopped = False

    def issue(self, code: str, node: yaml.Node, path: PathKey, message: str, **more: Any) -> None:
        self.issues.append(
            Issue(
                code=code,
                level=Level.ERROR,
                file=self.file,
                line=node.start_mark.line + 1,
                location=dotted(path) or None,
                message=message,
                **more,
            )
        )

    def value(self, node: yaml.Node, path: PathKey, depth: int) -> tuple[Any, Lines | int]:
        line = node.start_mark.line + 1
        if self.stopped:
            return None, line
        if not self.aliases:
            return self.node(node, path, depth)
        ident = id(node)
        if ident in self.open:
            self.issue(
                "CW-F011",
                node,
                path,
                "this alias refers to a value that contains the alias itself, which would "
                "repeat forever",
                expected="an alias ('*name') of a value written before it and outside it",
                fix="write the value out here instead of the alias",
            )
            return None, line
        repeat = ident in self.seen
        if repeat or self.expanding:
            self.added += 1
            if self.added > MAX_ALIAS_VALUES:
                self.stopped = True
                self.issue(
                    "CW-F011",
                    node,
                    path,
                    f"the aliases of this file stand for more than {MAX_ALIAS_VALUES:,} values "
                    "(aliases of aliases multiply); reading stopped",
                    expected=f"aliases ('*name') adding at most {MAX_ALIAS_VALUES:,} values",
                    fix="write the values out, or use fewer aliases: an alias may repeat a small "
                    "mapping, not multiply a large one",
                )
                return None, line
        self.seen.add(ident)
        self.open.add(ident)
        self.expanding += repeat
        try:
            return self.node(node, path, depth)
        finally:
            self.open.discard(ident)
            self.expanding -= repeat

    def node(self, node: yaml.Node, path: PathKey, depth: int) -> tuple[Any, Lines | int]:
        line = node.start_mark.line + 1
        if depth > MAX_DEPTH:
            self.issue(
                "CW-F015",
                node,
                path,
                f"the values are nested more than {MAX_DEPTH} levels deep",
                fix="a framework file needs about 12 levels; check the indentation and "
                "brackets of this part of the file",
            )
            return None, line
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != SEQ:
                self.unknown_tag(node, path)
                return None, line
            items: list[Any] = []
            place = Lines(line)
            for i, item in enumerate(node.value):
                value, where = self.value(item, (*path, i), depth + 1)
                items.append(value)
                place.entries[i] = where
            return items, place
        assert isinstance(node, yaml.ScalarNode)
        return self.scalar(node, path), line

    def mapping(self, node: yaml.MappingNode, path: PathKey, depth: int) -> tuple[Any, Lines]:
        place = Lines(node.start_mark.line + 1)
        if node.tag != MAP:
            self.unknown_tag(node, path)
            return None, place
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self.key(key_node, path)
            if key is None:
                continue
            if key in out:
                self.issues.append(
                    Issue(
                        code="CW-F003",
                        level=Level.ERROR,
                        file=self.file,
                        line=key_node.start_mark.line + 1,
                        location=dotted((*path, key)),
                        message=f"the key '{key}' appears twice in the same mapping",
                        fix="remove or rename one of them; YAML would silently keep only the last",
                    )
                )
                continue
            place.key_lines[key] = key_node.start_mark.line + 1
            out[key], place.entries[key] = self.value(value_node, (*path, key), depth + 1)
        return out, place

    def key(self, node: yaml.Node, path: PathKey) -> str | None:
        """A key as written (ids such as ``1.1`` or ``2019`` stay text), or None if refused."""
        if not isinstance(node, yaml.ScalarNode):
            shown = "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"
            self.issue(
                "CW-F013",
                node,
                path,
                f"a key must be plain text, but this key is {shown}",
                expected="a name followed by ':', such as 'title:'",
                fix="write the key as a plain name; '?' and brackets before ':' make a complex "
                "key, which framework files do not use",
            )
            return None
        if node.tag == MERGE:
            self.issue(
                "CW-F011",
                node,
                path,
                "merge keys ('<<') are not allowed in framework files",
                expected="every field written out in full",
                fix="copy the fields you meant to merge into this mapping and remove the '<<' "
                "line; framework files are read by people, so repeat rather than merge",
            )
            return None
        if node.tag != STR and node.tag not in _SCALARS:
            self.unknown_tag(node, path)
            return None
        return str(node.value)

    def scalar(self, node: yaml.ScalarNode, path: PathKey) -> Any:
        if node.tag == STR:
            return node.value
        construct = _SCALARS.get(node.tag)
        if construct is None:
            self.unknown_tag(node, path)
            return None
        try:
            return construct(self.loader, node)
        except (ValueError, KeyError, TypeError, OverflowError, yaml.YAMLError) as exc:
            self.unreadable(node, path, exc)
            return None

    def unknown_tag(self, node: yaml.Node, path: PathKey) -> None:
        tag = node.tag.replace(_T, "!!")
        self.issue(
            "CW-F012",
            node,
            path,
            f"the tag '{tag}' is not allowed in framework files",
            expected="plain YAML values: text, numbers, true/false, dates, lists and mappings",
            found=tag,
            fix="remove the tag; framework files cannot include other files or build objects "
            "(to split a framework, put each part in its own .yaml file in the folder)",
        )

    def unreadable(self, node: yaml.ScalarNode, path: PathKey, exc: Exception) -> None:
        shown = node.value if len(node.value) <= 40 else node.value[:37] + "..."
        if node.tag == TIMESTAMP:
            self.issue(
                "CW-F014",
                node,
                path,
                f"'{shown}' is not a real date ({exc})",
                expected="a date that exists, written YYYY-MM-DD, e.g. 2025-02-28",
                found=shown,
                fix="correct the day or the month (February has 28 days, 29 in leap years; "
                "April, June, September and November have 30)",
            )
            return
        kind = node.tag.replace(_T, "")
        self.issue(
            "CW-F014",
            node,
            path,
            f"'{shown}' cannot be read as {kind}",
            expected=f"a value of type {kind}",
            found=shown,
            fix="correct the value, or put it in quotes to keep it as text",
        )


def dotted(path: PathKey) -> str:
    """A path as authors read it: ``sections[0].commitments[2].id``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
