"""The columns and values a measure's params name, checked against its sources.

A ``where``, ``filter`` or ``breakdowns`` naming a column the source does not have used to
read as 0.0%, a dropped breakdown or a crash at compute. :func:`column_uses` walks any kind's
validated params (generic over the registry: the names ``filter``, ``where`` and
``breakdowns`` everywhere, a kind's :attr:`~KindParams.column_params`, and nested params such
as a rate's ``numerator``); :func:`param_column_issues` checks them against the columns a
source declares (``charterwatch validate``, codes CW-K010 and CW-K011), and
:func:`missing_columns` against the loaded table at compute, for sources that declare none.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from charterwatch.measures.registry import KindParams, MeasureKind, load_builtin_kinds
from charterwatch.model.checks import rule
from charterwatch.model.files import FieldFile
from charterwatch.model.framework import Framework, Measure
from charterwatch.model.issues import Issue, Level
from charterwatch.sources.shapes import SYNTHETIC, resolve_schema

CONDITIONS = ("filter", "where")
"""Params holding ``{column: value or [values]}``: records are kept where they match."""
BREAKDOWNS = "breakdowns"


@dataclass(frozen=True)
class ColumnUse:
    """One column a measure's params name: where (``params.where.outcome``), in which
    source, and the values asked for (``None`` when the param names only the column)."""

    path: str
    source: str | None
    column: str
    values: tuple[Any, ...] | None = None


def column_uses(
    params: KindParams, source: str | None, prefix: str = "params"
) -> Iterator[ColumnUse]:
    """Every column ``params`` names; ``source`` is the measure's default source, replaced
    by a ``source:`` param where one is given (also inside nested params)."""
    own = getattr(params, "source", None) or source
    for name in type(params).model_fields:
        value = getattr(params, name)
        here = f"{prefix}.{name}"
        if name in CONDITIONS and isinstance(value, Mapping):
            for column, wanted in value.items():
                values = tuple(wanted) if isinstance(wanted, list) else (wanted,)
                yield ColumnUse(f"{here}.{column}", own, str(column), values)
        elif name == BREAKDOWNS:
            for column in value:
                yield ColumnUse(here, own, str(column))
        elif name in type(params).column_params and name in params.model_fields_set:
            if isinstance(value, str):
                yield ColumnUse(here, own, value)
        elif isinstance(value, KindParams):
            yield from column_uses(value, own, here)


def as_text(value: Any) -> str:
    """A value as the sources compare it with ``enum`` (``True`` -> ``true``, ``1.0`` -> ``1``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def declared_columns(fw: Framework, source_id: str) -> dict[str, FieldFile] | None:
    """The columns a source declares (its shape's and its own), or None when it declares
    none (a source without a schema, or a ``records`` shape without fields)."""
    source = fw.sources.get(source_id)
    if source is None:
        return None
    try:
        schema = resolve_schema(source.schema_)
    except KeyError:
        return None  # an unknown shape is reported by the source checks
    fields = {f.name: f for f in schema.fields}
    if set(fields) <= {SYNTHETIC.name}:
        return None
    return fields


def _did_you_mean(name: str, known: Iterable[str]) -> str | None:
    guess = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f"did you mean '{guess[0]}'?" if guess else None


def _listed(names: Iterable[str]) -> str:
    return ", ".join(sorted(names))


def _issue(measure: Measure, use: ColumnUse, code: str, message: str, **more: Any) -> Issue:
    where = measure.origin.near(use.path)
    return Issue(
        code=code,
        level=Level.ERROR,
        file=where.file,
        line=where.line,
        location=f"measure {measure.id}.{use.path}",
        message=message,
        **more,
    )


def _value_issues(measure: Measure, use: ColumnUse, spec: FieldFile) -> Iterator[Issue]:
    for value in use.values or ():
        text = as_text(value)
        if spec.type == "boolean" and text.lower() not in ("true", "false"):
            yield _issue(
                measure,
                use,
                "CW-K011",
                f"measure '{measure.id}' asks for {use.column} '{text}', but the column holds "
                "true or false",
                expected="true or false",
                found=text,
                fix=f"write {use.column}: [true] or {use.column}: [false]",
            )
        elif spec.enum is not None and text not in spec.enum:
            hint = _did_you_mean(text, spec.enum)
            yield _issue(
                measure,
                use,
                "CW-K011",
                f"measure '{measure.id}' asks for {use.column} '{text}', which is not an "
                f"allowed value of the column in source '{use.source}' (so no record "
                "would match)",
                expected="one of: " + _listed(spec.enum),
                found=text,
                fix=hint or "use a value listed above, or add it to the column's enum",
            )


def measure_column_issues(fw: Framework, measure: Measure, kind: MeasureKind) -> Iterator[Issue]:
    """CW-K010 and CW-K011 for one measure (nothing when its params do not validate: that is
    CW-K001's to report)."""
    try:
        params = kind.params(measure)
    except ValidationError:
        return
    default = measure.sources[0] if measure.sources else None
    for use in column_uses(params, default):
        if not kind.reads and use.path.endswith(BREAKDOWNS):
            yield _issue(
                measure,
                use,
                "CW-K010",
                f"measure '{measure.id}' asks for a breakdown by column '{use.column}', but "
                f"kind '{kind.name}' reads no records, so there is nothing to break down",
                expected=f"no 'breakdowns:' for kind '{kind.name}'",
                fix="remove 'breakdowns:'; a published figure has its own 'breakdown:' in "
                "the file of published figures",
            )
            continue
        if use.source is None:
            continue
        fields = declared_columns(fw, use.source)
        if fields is None:
            continue
        spec = fields.get(use.column)
        if spec is None:
            hint = _did_you_mean(use.column, fields)
            yield _issue(
                measure,
                use,
                "CW-K010",
                f"measure '{measure.id}' names column '{use.column}', which source "
                f"'{use.source}' does not have",
                expected=f"a column of source '{use.source}': {_listed(fields)}",
                fix=hint
                or "correct the name, or declare the column under the source's "
                "'schema: fields:' in its sources file",
            )
            continue
        yield from _value_issues(measure, use, spec)


@rule
def measure_param_columns(fw: Framework) -> Iterator[Issue]:
    """CW-K010 and CW-K011: params name columns and values their source declares."""
    kinds = load_builtin_kinds()
    for version in fw.own_versions():
        for measure in version.measures.values():
            kind = kinds.get(measure.kind)
            if kind is not None:
                yield from measure_column_issues(fw, measure, kind)


class MissingColumn(ValueError):
    """A measure's params name a column its loaded table does not have."""


def missing_columns(measure: Measure, params: KindParams, tables: Mapping[str, Any]) -> None:
    """Raise :class:`MissingColumn` naming every column ``params`` use that the loaded
    tables (by source id, each with ``.columns``) lack; sources not loaded are skipped."""
    default = measure.sources[0] if measure.sources else None
    problems = []
    for use in column_uses(params, default):
        table = tables.get(use.source) if use.source is not None else None
        if table is None or use.column in table.columns:
            continue
        hint = _did_you_mean(use.column, table.columns)
        problems.append(
            f"{use.path} names column '{use.column}', which the data of source "
            f"'{use.source}' does not have (columns: {_listed(table.columns)})"
            + (f"; {hint}" if hint else "")
        )
    if problems:
        raise MissingColumn("; ".join(problems))
