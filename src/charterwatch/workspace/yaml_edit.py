"""Editing the framework's YAML files from the workspace, with the same checks as the files.

The framework folder stays the record (in git): an edit in the workspace is written into the
YAML file that holds the record, comments and layout kept (ruamel.yaml's round trip). Before
anything is written, the edited file is put in a scratch copy of the framework's YAML files
and the whole folder is loaded and checked by :func:`charterwatch.model.loader.load_framework`,
exactly as ``charterwatch validate`` does; an edit that brings any new error is refused with
the located messages and nothing is written.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from charterwatch.model.issues import Issue, Level
from charterwatch.model.loader import load_framework

SKIPPED = {"data", ".charterwatch", ".git", "site"}
"""Folders of a framework folder that hold no framework file (data, stores, builds)."""


def _yaml() -> YAML:
    y = YAML()  # round trip: comments, order and quoting kept
    y.preserve_quotes = True
    y.width = 100
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def yaml_files(root: Path) -> list[Path]:
    """The framework's YAML files (relative paths), data and build folders left out."""
    found = []
    for path in sorted(root.rglob("*.yaml")):
        relative = path.relative_to(root)
        if not SKIPPED & set(relative.parts[:-1]):
            found.append(relative)
    return found


def holder(root: Path, key: str, record_id: str | None = None) -> Path | None:
    """The file whose top-level ``key`` list holds ``record_id`` (or, without an id, the first
    file with such a list)."""
    y = _yaml()
    for relative in yaml_files(root):
        text = (root / relative).read_text(encoding="utf-8")
        if f"{key}:" not in text:
            continue
        doc = y.load(text)
        records = doc.get(key) if isinstance(doc, CommentedMap) else None
        if not isinstance(records, CommentedSeq):
            continue
        if record_id is None or any(
            isinstance(r, CommentedMap) and str(r.get("id")) == record_id for r in records
        ):
            return relative
    return None


@dataclass
class EditResult:
    """The file written, or the new errors that stopped the edit."""

    file: Path | None
    problems: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.file is not None and not self.problems


def _errors(root: Path) -> list[Issue]:
    return [i for i in load_framework(root).issues if i.level == Level.ERROR]


def _signature(issue: Issue) -> tuple[str, str | None, str]:
    return (issue.code, issue.file, issue.message)


def _scratch_copy(root: Path, into: Path) -> None:
    for relative in yaml_files(root):
        target = into / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / relative, target)
    for name in ("evidence", "locales"):
        if (root / name).is_dir():
            shutil.copytree(root / name, into / name, dirs_exist_ok=True)


def apply(root: Path, relative: Path, change: Any) -> EditResult:
    """Load ``relative`` round-trip, let ``change(doc)`` edit it, check the whole folder with
    the edit, and write the file only if no new error appears."""
    y = _yaml()
    path = root / relative
    doc = y.load(path.read_text(encoding="utf-8")) if path.exists() else CommentedMap()
    change(doc)
    out = io.StringIO()
    y.dump(doc, out)
    text = out.getvalue()
    before = {_signature(i) for i in _errors(root)}
    with tempfile.TemporaryDirectory(prefix="cw-edit-") as scratch:
        copy = Path(scratch)
        _scratch_copy(root, copy)
        (copy / relative).parent.mkdir(parents=True, exist_ok=True)
        (copy / relative).write_text(text, encoding="utf-8")
        new = [i for i in _errors(copy) if _signature(i) not in before]
    if new:
        return EditResult(None, new)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)  # the file is either the old one or the new one, never half
    return EditResult(relative)


def _records(doc: CommentedMap, key: str) -> CommentedSeq:
    records = doc.get(key)
    if not isinstance(records, CommentedSeq):
        records = CommentedSeq()
        doc[key] = records
    return records


def update_record(root: Path, key: str, record_id: str, values: dict[str, Any]) -> EditResult:
    """Set fields of the record ``record_id`` of ``key`` (a value of None removes the field)."""
    relative = holder(root, key, record_id)
    if relative is None:
        raise LookupError(f"no '{key}' record with id {record_id}")

    def change(doc: CommentedMap) -> None:
        for record in _records(doc, key):
            if isinstance(record, CommentedMap) and str(record.get("id")) == record_id:
                for name, value in values.items():
                    if value is None:
                        record.pop(name, None)
                    else:
                        record[name] = value

    return apply(root, relative, change)


def add_record(root: Path, key: str, values: dict[str, Any], default_file: Path) -> EditResult:
    """Append a record to the file that holds the ``key`` list (else ``default_file``)."""
    relative = holder(root, key) or default_file
    record = CommentedMap((k, v) for k, v in values.items() if v is not None)
    return apply(root, relative, lambda doc: _records(doc, key).append(record))


def add_to_list(
    root: Path, key: str, record_id: str, field_name: str, item: dict[str, Any]
) -> EditResult:
    """Append ``item`` to the list ``field_name`` of a record (an action's progress updates)."""
    relative = holder(root, key, record_id)
    if relative is None:
        raise LookupError(f"no '{key}' record with id {record_id}")

    def change(doc: CommentedMap) -> None:
        for record in _records(doc, key):
            if isinstance(record, CommentedMap) and str(record.get("id")) == record_id:
                items = record.get(field_name)
                if not isinstance(items, CommentedSeq):
                    items = CommentedSeq()
                    record[field_name] = items
                items.append(CommentedMap(item))

    return apply(root, relative, change)


def export_zip(root: Path, keys: tuple[str, ...]) -> bytes:
    """The YAML files holding any of ``keys``, zipped with their paths, for committing to
    git where the workspace does not run beside the repository."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for relative in yaml_files(root):
            text = (root / relative).read_text(encoding="utf-8")
            if any(f"\n{key}:" in f"\n{text}" for key in keys):
                archive.writestr(str(relative), text)
    return buffer.getvalue()
