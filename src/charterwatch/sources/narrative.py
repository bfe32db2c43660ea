"""Reading narrative evidence: Markdown files with YAML front matter, one piece of evidence each.

A file starts with a front matter block between ``---`` lines (measure, year, kind, source,
commitments, title, synthetic: see :data:`NARRATIVE_FRONT_MATTER`), then the evidence text.
Values are read as text and checked with the same rules and codes as table cells, and every
issue carries the file and line. A folder loads all or nothing, like a table.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import yaml

from charterwatch.model.files import FieldFile, SourceSchemaFile
from charterwatch.model.issues import Issue, IssueList, relative_name
from charterwatch.sources import codes
from charterwatch.sources.cells import FIELD_TYPES, FieldCheck, Value
from charterwatch.sources.codes import IssueCollector, issue
from charterwatch.sources.readers.base import read_bytes
from charterwatch.sources.result import Provenance, SourceLoad, utc_stamp
from charterwatch.sources.shapes import NARRATIVE_FRONT_MATTER

READER = "narrative"
LIST_KEYS = frozenset({"commitments"})
"""Front matter keys that hold a list (a single value is taken as a list of one)."""
EMPTY_SCALARS = frozenset({"", "~", "null"})

FrontValue = Value | list[str] | None


@dataclass(frozen=True)
class NarrativeRecord:
    """One piece of evidence: its file, checked front matter (typed values) and body text."""

    file: str
    front_matter: Mapping[str, FrontValue]
    body: str


@dataclass(frozen=True)
class NarrativeRead:
    """The records of a folder (only when there is no error), the issues, and a folder hash."""

    file: str
    records: list[NarrativeRecord] = field(default_factory=list)
    issues: IssueList = field(default_factory=IssueList)
    sha256: str | None = None


def read_narrative(
    path: Path, root: Path | None = None, schema: SourceSchemaFile = NARRATIVE_FRONT_MATTER
) -> NarrativeRead:
    """Read every ``*.md`` file under the folder ``path`` (or the one file ``path``).

    Records are returned only when no file has an error; file names in messages are relative
    to ``root``. Never raises for bad input.
    """
    shown = relative_name(path, root) if root is not None else path.name
    if path.is_dir():
        files = sorted(p for p in path.rglob("*.md") if p.is_file())
        if not files:
            return NarrativeRead(shown, issues=IssueList([_no_files(shown)]))
    else:
        files = [path]
    issues = IssueList()
    records: list[NarrativeRecord] = []
    hasher = hashlib.sha256()
    for file in files:
        name = relative_name(file, root) if root is not None else file.name
        record, problems, digest = read_evidence_file(file, name, schema)
        issues.extend(problems)
        hasher.update(f"{name}\x00{digest}\n".encode())
        if record is not None:
            records.append(record)
    if not issues.ok:
        return NarrativeRead(shown, issues=issues)
    return NarrativeRead(shown, records, issues, hasher.hexdigest())


def read_evidence_file(
    path: Path, shown_as: str, schema: SourceSchemaFile = NARRATIVE_FRONT_MATTER
) -> tuple[NarrativeRecord | None, list[Issue], str | None]:
    """One Markdown file: its record (None on error), its issues, and its bytes' hash."""
    data, problems = read_bytes(path, shown_as)
    if data is None:
        return None, problems, None
    digest = hashlib.sha256(data).hexdigest()
    try:
        lines = data.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [_not_utf8(shown_as, line)], digest
    collector = IssueCollector(shown_as)
    if not lines or lines[0].rstrip() != "---":
        collector.add(_no_front_matter(shown_as))
        return None, list(collector.finish()), digest
    close = next((i for i, t in enumerate(lines[1:], 1) if t.rstrip() in ("---", "...")), None)
    if close is None:
        collector.add(
            issue(
                codes.FRONT_MATTER_UNCLOSED,
                "the front matter starts with '---' on line 1 but is never closed",
                file=shown_as,
                line=1,
                fix="add a line '---' after the last 'key: value' line, before the text",
            )
        )
        return None, list(collector.finish()), digest
    front = _front_matter("\n".join(lines[1:close]), schema, shown_as, collector)
    body = "\n".join(lines[close + 1 :]).strip()
    if not body:
        collector.add(
            issue(
                codes.EMPTY_BODY,
                "the file has front matter but no evidence text after it",
                file=shown_as,
                line=close + 1,
                fix="write the quote, example or report below the closing '---' line",
            )
        )
    issues = collector.finish()
    if front is None or not issues.ok:
        return None, list(issues), digest
    return NarrativeRecord(shown_as, front, body), list(issues), digest


def _front_matter(
    text: str, schema: SourceSchemaFile, shown_as: str, collector: IssueCollector
) -> dict[str, FrontValue] | None:
    try:
        node = yaml.compose(text, Loader=yaml.BaseLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        collector.add(
            issue(
                codes.FRONT_MATTER_NOT_YAML,
                f"the front matter is not valid YAML: {exc.problem or exc.context}",
                file=shown_as,
                line=(mark.line + 2) if mark else None,
                fix="write one 'key: value' per line; quote text that holds ': ' or '#'",
            )
        )
        return None
    if node is not None and not isinstance(node, yaml.MappingNode):
        collector.add(
            issue(
                codes.FRONT_MATTER_NOT_MAPPING,
                "the front matter is not a set of 'key: value' lines",
                file=shown_as,
                line=node.start_mark.line + 2,
                fix="write one 'key: value' per line, e.g. 'measure: m1'",
            )
        )
        return None
    pairs = node.value if node is not None else []
    fields = {f.name: f for f in schema.fields}
    values: dict[str, FrontValue] = {}
    lines: dict[str, int] = {}
    for key_node, value_node in pairs:
        key = str(key_node.value)
        line = key_node.start_mark.line + 2
        if key in lines:
            collector.add(
                issue(
                    codes.DUPLICATE_KEY_FRONT_MATTER,
                    f"the key '{key}' appears twice (lines {lines[key]} and {line})",
                    file=shown_as,
                    line=line,
                    location=key,
                    fix="keep one of the two lines",
                )
            )
            continue
        lines[key] = line
        spec = fields.get(key) or FieldFile.model_construct(name=key, type="string")
        values[key] = _value(key, value_node, spec, shown_as, line, collector)
        if key not in fields:
            collector.add(
                issue(
                    codes.UNKNOWN_KEY,
                    f"the key '{key}' is not a narrative evidence key; it is kept",
                    file=shown_as,
                    line=line,
                    location=key,
                    expected="one of: " + ", ".join(fields),
                    fix="remove it, or correct its name",
                )
            )
    for spec in schema.fields:
        if spec.required and spec.name not in lines:
            collector.add(
                issue(
                    codes.MISSING_KEY,
                    f"the required key '{spec.name}' is missing from the front matter",
                    file=shown_as,
                    line=1,
                    location=spec.name,
                    expected=f"'{spec.name}: ...' ({FIELD_TYPES[spec.type].expected})",
                    fix=f"add a line '{spec.name}: ...' between the '---' lines",
                )
            )
    return values


def _value(
    key: str,
    node: yaml.Node,
    spec: FieldFile,
    shown_as: str,
    line: int,
    collector: IssueCollector,
) -> FrontValue:
    wrong = None
    if isinstance(node, yaml.MappingNode):
        wrong = "a mapping"
    elif isinstance(node, yaml.SequenceNode):
        if key not in LIST_KEYS:
            wrong = "a list"
        elif any(not isinstance(item, yaml.ScalarNode) for item in node.value):
            wrong = "a list holding lists or mappings"
    if wrong is not None:
        collector.add(
            issue(
                codes.WRONG_SHAPE_VALUE,
                f"'{key}' holds {wrong}",
                file=shown_as,
                line=line,
                location=key,
                expected="a list of single values" if key in LIST_KEYS else "a single value",
                fix=f"write '{key}: value' on one line"
                if key not in LIST_KEYS
                else f"write '{key}: [1.1, 2.3]'",
            )
        )
        return None
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    texts = [str(item.value).strip() for item in items]
    check = FieldCheck(spec)
    out: list[Value] = []
    for text in texts:
        if text in EMPTY_SCALARS:
            if spec.required:
                collector.add(
                    issue(
                        codes.REQUIRED_EMPTY,
                        f"{key} is required but has no value",
                        file=shown_as,
                        line=line,
                        location=key,
                        expected=check.type.expected,
                        fix=f"write a value after '{key}:'",
                    )
                )
            continue
        value, problems = check.check(text)
        for problem in problems:
            collector.add(
                issue(
                    problem.code,
                    problem.message,
                    file=shown_as,
                    line=line,
                    location=key,
                    expected=problem.expected,
                    found=codes.shown(text),
                    fix=problem.fix,
                )
            )
        if value is not None:
            out.append(value)
    if key in LIST_KEYS:
        return [str(v) for v in out]
    return out[0] if out else None


def narrative_table(records: list[NarrativeRecord], schema: SourceSchemaFile) -> pa.Table:
    """The records as a table: ``file``, one column per front matter field, ``body``."""
    from charterwatch.arrow_values import arrow_table

    fields = [pa.field("file", pa.string())]
    columns: dict[str, list[Any]] = {"file": [r.file for r in records]}
    for spec in schema.fields:
        kind = pa.list_(pa.string()) if spec.name in LIST_KEYS else FIELD_TYPES[spec.type].arrow
        fields.append(pa.field(spec.name, kind))
        columns[spec.name] = [r.front_matter.get(spec.name) for r in records]
    fields.append(pa.field("body", pa.string()))
    columns["body"] = [r.body for r in records]
    return arrow_table(columns, pa.schema(fields))


def load_narrative(
    path: Path,
    *,
    root: Path | None = None,
    source_id: str | None = None,
    now: dt.datetime | None = None,
    schema: SourceSchemaFile = NARRATIVE_FRONT_MATTER,
) -> SourceLoad:
    """Load a folder of narrative evidence all or nothing, as a table with provenance."""
    read = read_narrative(path, root, schema)
    if not read.issues.ok or read.sha256 is None:
        return SourceLoad(source_id, read.file, read.issues)
    table = narrative_table(read.records, schema)
    provenance = Provenance(
        source=source_id,
        file=read.file,
        sha256=read.sha256,
        rows=table.num_rows,
        loaded_at=utc_stamp(now),
        reader=READER,
        shape="narrative_evidence",
    )
    return SourceLoad(source_id, read.file, read.issues, table, provenance)


def _no_files(shown: str) -> Issue:
    return issue(
        codes.NO_EVIDENCE_FILES,
        "the folder holds no Markdown (.md) files",
        file=shown,
        expected="one .md file per piece of evidence, each starting with front matter",
        fix="add the evidence files, or correct the source's 'path:'",
    )


def _no_front_matter(shown: str) -> Issue:
    return issue(
        codes.NO_FRONT_MATTER,
        "the file does not start with front matter",
        file=shown,
        line=1,
        expected="a first line '---', then 'key: value' lines (measure, year, kind, source), "
        "then '---'",
        fix="add the front matter block at the very top of the file",
    )


def _not_utf8(shown: str, line: int) -> Issue:
    return issue(
        codes.NOT_UTF8,
        "the file is not UTF-8 — save it as UTF-8 text",
        file=shown,
        line=line,
        expected="text encoded as UTF-8",
        fix="in your editor choose 'Save with encoding' > UTF-8",
    )
