"""Reading YAML framework files into plain data while remembering the line of every value.

PyYAML's ``safe_load`` forgets where things came from, and silently keeps the last of two
duplicate keys. Framework authors need messages that point at a line, and a duplicate key is
almost always a mistake, so this reader composes the node tree itself, keeps a map from each
path (``("sections", 0, "id")``) to its line, and reports duplicate keys and syntax errors as
issues instead of raising.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from charterwatch.model.issues import Issue, Level

PathKey = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """The parsed content of one YAML file and the line of each value in it."""

    file: str
    data: Any
    lines: dict[PathKey, int] = field(default_factory=dict)
    key_lines: dict[PathKey, int] = field(default_factory=dict)

    def line_of_key(self, path: PathKey) -> int | None:
        """The line of the key that names the value at ``path`` (for a mapping written
        under its key, the key's own line rather than its first entry's), else
        :meth:`line_of`."""
        return self.key_lines.get(tuple(path)) or self.line_of(path)

    def line_of(self, path: PathKey) -> int | None:
        """The line of the deepest known value on ``path`` (1-based), or None when unknown."""
        for cut in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:cut]))
            if line is not None:
                return line
        return None


class _Loader(yaml.SafeLoader):
    """A safe loader tuned for ids and answers written by people.

    Plain decimals stay text (so commitment ``1.10`` is not read as ``1.1``; the model turns
    text into numbers where a number is expected), and only ``true``/``false`` are booleans (so
    a survey answer ``no`` stays the word "no").
    """


_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_Loader.yaml_implicit_resolvers = {
    first: [
        (tag, _BOOL if tag == "tag:yaml.org,2002:bool" else regexp)
        for tag, regexp in resolvers
        if tag != "tag:yaml.org,2002:float"
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_yaml(path: Path, shown_as: str) -> tuple[YamlDocument | None, list[Issue]]:
    """Parse ``path`` into a :class:`YamlDocument`, returning issues instead of raising.

    ``shown_as`` is the file name used in messages (relative to the framework folder).
    """
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
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return None, [
            Issue(
                code="CW-F001",
                level=Level.ERROR,
                file=shown_as,
                line=(mark.line + 1) if mark else None,
                message=f"the file is not valid YAML: {exc.problem or exc.context}",
                fix="check indentation, colons after keys and quotes around text with ':' or '#'",
            )
        ]
    doc = YamlDocument(file=shown_as, data=None)
    issues: list[Issue] = []
    if root is None:
        return doc, issues
    loader = _Loader("")
    doc.data = _to_python(root, (), doc, issues, loader)
    return doc, issues


def _to_python(
    node: yaml.Node, path: PathKey, doc: YamlDocument, issues: list[Issue], loader: _Loader
) -> Any:
    doc.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if isinstance(key, (dt.date, int, float, bool)):
                key = key_node.value  # keep ids such as 1.1 or 2019 as written
            if key in out:
                issues.append(
                    Issue(
                        code="CW-F003",
                        level=Level.ERROR,
                        file=doc.file,
                        line=key_node.start_mark.line + 1,
                        location=_dotted((*path, key)),
                        message=f"the key '{key}' appears twice in the same mapping",
                        fix="remove or rename one of them; YAML would silently keep only the last",
                    )
                )
                continue
            doc.key_lines[(*path, key)] = key_node.start_mark.line + 1
            out[key] = _to_python(value_node, (*path, key), doc, issues, loader)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [
            _to_python(item, (*path, i), doc, issues, loader) for i, item in enumerate(node.value)
        ]
    return loader.construct_object(node, deep=True)


def _dotted(path: PathKey) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def dotted(path: PathKey) -> str:
    """A path as authors read it: ``sections[0].commitments[2].id``."""
    return _dotted(path)
