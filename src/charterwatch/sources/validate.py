"""Checking a raw table against its resolved schema and building the canonical Arrow table.

Every problem of the file is collected (columns, every cell, rows compared with each other);
the typed table is built only when there is no error, so a caller never sees a half-checked
table. The canonical table has the schema's fields in schema order, typed (string, int64,
float64, bool, date32, timestamp[us]; optional columns absent from the file are all null),
then any extra columns of the file, kept as text.
"""

from __future__ import annotations

import difflib
import re

import pyarrow as pa

from charterwatch.model.files import FieldFile, SourceSchemaFile
from charterwatch.model.issues import Issue
from charterwatch.sources import codes
from charterwatch.sources.cells import FIELD_TYPES, FieldCheck, Value, looks_like_formula
from charterwatch.sources.codes import IssueCollector, issue
from charterwatch.sources.readers.base import RawTable
from charterwatch.sources.rows import dates_out_of_order, duplicate_keys, duplicate_values
from charterwatch.sources.window import DateWindow

DATE_TYPES = frozenset({"date", "datetime"})


def check_schema(schema: SourceSchemaFile, file: str | None, line: int | None) -> list[Issue]:
    """Problems of the schema itself: references to undefined columns, bad date pairs or
    patterns. ``file`` and ``line`` locate the source's declaration."""
    names = {f.name: f for f in schema.fields}
    problems: list[str] = []
    for name in schema.primary_key:
        if names and name not in names:
            problems.append(f"the primary key names '{name}', which is not a field")
    for pair in schema.date_order:
        if len(pair) != 2:
            problems.append(f"date_order {pair} is not a pair [earlier, later]")
            continue
        for name in pair:
            if name not in names:
                problems.append(f"date_order names '{name}', which is not a field")
            elif names[name].type not in DATE_TYPES:
                problems.append(f"date_order names '{name}', which is not a date field")
    for name in schema.open_ended:
        if name not in names:
            problems.append(f"open_ended names '{name}', which is not a field")
        elif names[name].type not in DATE_TYPES:
            problems.append(f"open_ended names '{name}', which is not a date field")
        elif names[name].required:
            problems.append(
                f"open_ended names '{name}', which is required: a marker read as empty "
                "would leave it empty (add 'required: false' to the field)"
            )
    for spec in schema.fields:
        if spec.pattern is not None:
            try:
                re.compile(spec.pattern)
            except re.error as exc:
                problems.append(f"the pattern of '{spec.name}' is not a valid regex ({exc})")
    return [
        issue(
            codes.BAD_SCHEMA,
            f"the source's schema is inconsistent: {text}",
            file=file,
            line=line,
            location="schema",
            fix="correct the schema in the framework folder (see docs/sources.md)",
        )
        for text in problems
    ]


def check_table(
    raw: RawTable,
    schema: SourceSchemaFile,
    collector: IssueCollector,
    dates: DateWindow | None = None,
) -> pa.Table | None:
    """The typed table of ``raw``, or None when any error was added to ``collector``.
    ``dates`` is the window every date must fall in (:class:`~.window.DateWindow`)."""
    fields = {f.name: f for f in schema.fields}
    index = {name: i for i, name in enumerate(raw.header)}
    extras = [name for name in raw.header if name not in fields]
    check_header(raw.file, raw.header, fields, extras, collector)
    values: dict[str, list[Value | None]] = {}
    for name, spec in fields.items():
        if name in index:
            check = FieldCheck(spec, dates, name in schema.open_ended)
            values[name] = _check_column(raw, index[name], check, collector)
    for name in extras:
        values[name] = _check_column(raw, index[name], FieldCheck(extra_field(name)), collector)
    _check_rows(raw, schema, values, collector)
    if collector.has_errors:
        return None
    arrays: dict[str, pa.Array] = {}
    for name, spec in fields.items():
        kind = FIELD_TYPES[spec.type].arrow
        arrays[name] = pa.array(values.get(name, [None] * len(raw.rows)), type=kind)
    for name in extras:
        arrays[name] = pa.array(values[name], type=pa.string())
    return pa.table(arrays) if arrays else pa.table({})


def extra_field(name: str) -> FieldFile:
    """The field an extra column of a file (one not in the schema) is checked as: text."""
    return FieldFile.model_construct(name=name, type="string", required=False)


def check_header(
    file: str,
    header: list[str],
    fields: dict[str, FieldFile],
    extras: list[str],
    collector: IssueCollector,
) -> None:
    """Issues of the header row: missing required columns, formulas, unknown columns."""
    missing = [f for f in fields.values() if f.name not in header]
    for spec in missing:
        if not spec.required:
            continue
        guess = _closest(spec.name, extras)
        collector.add(
            issue(
                codes.MISSING_COLUMN,
                f"the required column '{spec.name}' is missing",
                file=file,
                row=1,
                column=spec.name,
                expected=f"a column headed '{spec.name}'"
                + (f" ({spec.description})" if spec.description else ""),
                found="columns: " + ", ".join(header),
                fix=f"rename the column '{guess[0]}' to '{spec.name}'"
                if guess
                else f"add a column headed '{spec.name}' to the extract",
            )
        )
    for name in extras:
        if looks_like_formula(name):
            collector.add(
                issue(
                    codes.FORMULA,
                    f"the header {codes.shown(name)} looks like a spreadsheet formula",
                    file=file,
                    row=1,
                    column=name,
                    expected="a column name",
                    found=codes.shown(name),
                    fix="rename the column; formulas can run when a download is opened",
                )
            )
    if not fields:
        return
    for name in extras:
        guess = _closest(name, [f.name for f in missing])
        collector.add(
            issue(
                codes.UNKNOWN_COLUMN,
                f"the column '{name}' is not in the schema; it is kept as text",
                file=file,
                row=1,
                column=name,
                expected="one of: " + ", ".join(fields),
                fix=f"did you mean '{guess[0]}'? rename it"
                if guess
                else "remove the column, or add it to the source's schema",
            )
        )


def _normal(name: str) -> str:
    return re.sub(r"[\s_-]+", "_", name.strip().lower())


def _closest(name: str, candidates: list[str]) -> list[str]:
    """The candidate that ``name`` most likely meant: same words first, then similar."""
    by_normal = {_normal(c): c for c in candidates}
    if _normal(name) in by_normal:
        return [by_normal[_normal(name)]]
    guess = difflib.get_close_matches(_normal(name), list(by_normal), n=1, cutoff=0.75)
    return [by_normal[guess[0]]] if guess else []


def _check_column(
    raw: RawTable, position: int, check: FieldCheck, collector: IssueCollector
) -> list[Value | None]:
    out: list[Value | None] = []
    name = check.spec.name
    for cells, row in zip(raw.rows, raw.row_numbers, strict=True):
        text = cells[position]
        if text is None:
            out.append(None)
            if check.spec.required:
                collector.add(
                    issue(
                        codes.REQUIRED_EMPTY,
                        f"{name} is required but the cell is empty",
                        file=raw.file,
                        row=row,
                        column=name,
                        expected=check.type.expected,
                        fix=f"fill in {name}, or remove the row if it is not a real record",
                    )
                )
            continue
        value, problems = check.check(text)
        out.append(value)
        for problem in problems:
            collector.add(
                issue(
                    problem.code,
                    problem.message,
                    file=raw.file,
                    row=row,
                    column=name,
                    expected=problem.expected,
                    found=codes.shown(text),
                    fix=problem.fix,
                )
            )
    return out


def _check_rows(
    raw: RawTable,
    schema: SourceSchemaFile,
    values: dict[str, list[Value | None]],
    collector: IssueCollector,
) -> None:
    unique = [f.name for f in schema.fields if f.unique and f.name in values]
    for name in unique:
        collector.extend(duplicate_values(raw.file, name, values[name], raw.row_numbers))
    key = schema.primary_key
    if key and all(k in values for k in key) and not (len(key) == 1 and key[0] in unique):
        collector.extend(duplicate_keys(raw.file, key, [values[k] for k in key], raw.row_numbers))
    for pair in schema.date_order:
        if len(pair) == 2 and pair[0] in values and pair[1] in values:
            collector.extend(
                dates_out_of_order(
                    raw.file,
                    pair[0],
                    pair[1],
                    values[pair[0]],
                    values[pair[1]],
                    raw.row_numbers,
                )
            )
