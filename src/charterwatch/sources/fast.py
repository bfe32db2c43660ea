"""The fast path of checking: every rule of :mod:`.validate`, applied to whole Arrow columns.

:func:`check_fast` decides whether a table read as :class:`Columns` is clean: its header
(through the per-cell path's own :func:`~.validate.check_header`), every cell and the rows
compared with each other. It never words a problem of its own: when anything is wrong it
returns None, and the caller runs the per-cell path, which finds and words every issue. So a
clean file yields the per-cell path's table and warnings, and a bad one its issues, exactly.

Cells are converted by the per-cell code itself (:meth:`.cells.FieldCheck.check`), once per
distinct text, so types, ranges, allowed values, patterns and the formula guard cannot differ;
free text is only looked at where it starts with ``= + - @ #``. Rows are compared on the
converted values, as in :mod:`.rows`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache, reduce

import pyarrow as pa
import pyarrow.compute as pc

from charterwatch.model.files import SourceSchemaFile
from charterwatch.model.issues import IssueList
from charterwatch.sources.cells import FIELD_TYPES, FieldCheck
from charterwatch.sources.codes import IssueCollector
from charterwatch.sources.formulas import FORMULA_STARTS
from charterwatch.sources.readers.columns import Columns
from charterwatch.sources.validate import check_header, extra_field
from charterwatch.sources.window import DateWindow

_ENABLED: ContextVar[bool] = ContextVar("charterwatch_sources_fast_path", default=True)


@cache
def _risky_starts() -> pa.Array:
    """First characters after which a text cell needs the full per-cell check.

    Made on first use: converting Python values at import would import pandas.
    """
    return pa.array([*FORMULA_STARTS, "#"])


def fast_path_enabled() -> bool:
    """False inside :func:`per_cell_only`."""
    return _ENABLED.get()


@contextmanager
def per_cell_only() -> Iterator[None]:
    """Within this block every load takes the per-cell path (for tests and benchmarks)."""
    token = _ENABLED.set(False)
    try:
        yield
    finally:
        _ENABLED.reset(token)


def check_fast(
    columns: Columns, schema: SourceSchemaFile, dates: DateWindow | None = None
) -> tuple[pa.Table, IssueList] | None:
    """The canonical table of a clean file and its warnings, or None when the per-cell path
    must decide (some error, or anything the fast path cannot be sure of). ``dates`` is the
    window every date must fall in (:class:`~.window.DateWindow`)."""
    fields = {f.name: f for f in schema.fields}
    index = {name: i for i, name in enumerate(columns.header)}
    extras = [name for name in columns.header if name not in fields]
    collector = IssueCollector(columns.file)
    check_header(columns.file, columns.header, fields, extras, collector)
    if collector.has_errors:
        return None
    values: dict[str, pa.Array] = {}
    for name, spec in fields.items():
        if name in index:
            check = FieldCheck(spec, dates, name in schema.open_ended)
            typed = typed_column(columns.cells[index[name]], check)
            if typed is None:
                return None
            values[name] = typed
    for name in extras:
        typed = typed_column(columns.cells[index[name]], FieldCheck(extra_field(name)))
        if typed is None:
            return None
        values[name] = typed
    if not rows_are_clean(schema, values):
        return None
    arrays: dict[str, pa.Array] = {}
    for name, spec in fields.items():
        kind = FIELD_TYPES[spec.type].arrow
        arrays[name] = values[name] if name in values else pa.nulls(columns.num_rows, kind)
    for name in extras:
        arrays[name] = values[name]
    table = pa.table(arrays) if arrays else pa.table({})
    return table, collector.finish()


def typed_column(cells: pa.Array, check: FieldCheck) -> pa.Array | None:
    """The converted values of a column of text cells, or None when any cell has a problem."""
    if check.spec.required and cells.null_count:
        return None
    if check.plain_text:
        starts = pc.is_in(pc.utf8_slice_codeunits(cells, 0, 1), value_set=_risky_starts())
        if pc.any(starts).as_py():
            risky = pc.unique(cells.filter(starts)).to_pylist()
            if any(check.check(text)[1] for text in risky):
                return None
        return cells
    distinct = pc.unique(cells.drop_null())
    values = []
    for text in distinct.to_pylist():
        value, problems = check.check(text)
        if problems:
            return None
        values.append(value)
    if check.is_text:
        return cells  # text is its own value
    converted = pa.array(values, type=check.type.arrow)
    return pc.take(converted, pc.index_in(cells, value_set=distinct))


def rows_are_clean(schema: SourceSchemaFile, values: dict[str, pa.Array]) -> bool:
    """False when :mod:`.rows` would report a duplicate value or key or dates out of order."""
    unique = [f.name for f in schema.fields if f.unique and f.name in values]
    if any(has_duplicates([values[name]]) for name in unique):
        return False
    key = schema.primary_key
    if (
        key
        and all(k in values for k in key)
        and not (len(key) == 1 and key[0] in unique)
        and has_duplicates([values[k] for k in key])
    ):
        return False
    pairs = [p for p in schema.date_order if len(p) == 2 and p[0] in values and p[1] in values]
    return not any(out_of_order(values[early], values[late]) for early, late in pairs)


def _comparable(values: pa.Array) -> pa.Array:
    """Values whose Arrow equality is Python's: -0.0 becomes 0.0 (equal in Python)."""
    if pa.types.is_floating(values.type):
        return pc.add(values, pa.scalar(0.0, values.type))
    return values


def has_duplicates(key: list[pa.Array]) -> bool:
    """True when two rows with no empty key value have equal keys (one or more columns)."""
    parts = [_comparable(v) for v in key]
    if len(parts) == 1:
        filled = len(parts[0]) - parts[0].null_count
        return bool(pc.count_distinct(parts[0], mode="only_valid").as_py() < filled)
    names = [f"k{i}" for i in range(len(parts))]
    rows = pa.table(dict(zip(names, parts, strict=True)))
    complete = reduce(pc.and_, [pc.is_valid(p) for p in parts])
    rows = rows.filter(complete)
    return bool(rows.group_by(names).aggregate([]).num_rows < rows.num_rows)


def _moment(values: pa.Array) -> pa.Array | None:
    if pa.types.is_date(values.type):
        return values.cast(pa.timestamp("us"))
    if pa.types.is_timestamp(values.type):
        return values
    return None


def out_of_order(earlier: pa.Array, later: pa.Array) -> bool:
    """True when some row's ``later`` date or time is before its ``earlier`` one."""
    start, end = _moment(earlier), _moment(later)
    if start is None or end is None:
        return False  # only dates are compared, as in rows.dates_out_of_order
    return bool(pc.any(pc.less(end, start)).as_py())
