"""Loading a CSV or Parquet source where it lies: DuckDB scans the file with the declared
schema, SQL decides whether every cell and row is clean, and the typed table is created on
the connection (a TEMP table), never held in Python.

1. One streaming pass over the bytes hashes the file and tells whether DuckDB splits a CSV
   as Python's reader does (:mod:`.facts`); if not, the scan declines.
2. One SQL pass counts, per column, the cells that are not surely clean
   (:mod:`.cells_sql`), the empty required cells, blank rows and what says the split agrees
   (records, line breaks inside cells, the longest cell).
3. Columns with such cells send their *distinct* texts to the per-cell check
   (:class:`~charterwatch.sources.cells.FieldCheck`): accepted ones get their value, refused
   ones are errors.
4. With no error the typed table is created in one more pass, and the rules between rows
   (unique values, primary keys, dates in order) are queried on it.
5. With any error, the offending rows alone (row number and cells) are read back and checked
   by the per-cell path (:func:`~charterwatch.sources.validate.check_table`), which words
   every issue exactly as for the whole file: every cell it would refuse and every row of
   every repeated key is among them. The typed table is dropped.

With a :class:`~.kept.KeptSources`, a file unchanged since its last clean scan is not checked
again: steps 2 to 5 are replaced by what that scan established (:mod:`.kept`).

Whatever the scan cannot decide with certainty (a file DuckDB cannot read, a header problem
in the grid, column types it does not check natively, too many distinct unusual texts)
returns None, and the caller takes the per-cell path for the whole file.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from charterwatch.model.files import SourceSchemaFile
from charterwatch.model.framework_paths import special_kind
from charterwatch.model.issues import IssueList
from charterwatch.sources.cells import FieldCheck
from charterwatch.sources.codes import IssueCollector
from charterwatch.sources.fast import fast_path_enabled
from charterwatch.sources.readers.base import RawTable, cell_text
from charterwatch.sources.readers.columns import text_cells
from charterwatch.sources.result import Provenance, utc_stamp
from charterwatch.sources.scan.cells_sql import (
    NATIVE,
    SQL_TYPES,
    ColumnPlan,
    ident,
    quote,
    trimmed,
)
from charterwatch.sources.scan.facts import FileFacts, file_facts
from charterwatch.sources.scan.kept import Entry, KeptSources
from charterwatch.sources.validate import check_header, check_table, extra_field
from charterwatch.sources.window import DateWindow

if TYPE_CHECKING:
    import duckdb

ENGINE_READERS = frozenset({"csv", "parquet"})
"""Readers whose files the engine scans in place; other formats take the Arrow path."""

DISTINCT_CAP = 10_000
"""Most distinct unusual texts per column sent to the per-cell check; beyond, the scan
declines (the per-cell path reads the file)."""

_ROW = "__cw_row"
_BLANK = "__cw_blank"


@dataclass(frozen=True)
class EngineLoad:
    """The outcome of a scan: the name of the typed table on the connection and its
    provenance, or the issues (then no table is left behind). Warnings may come with a table."""

    source: str | None
    file: str
    issues: IssueList
    table: str | None = None
    provenance: Provenance | None = None

    @property
    def ok(self) -> bool:
        return self.table is not None


def scan_file(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    shown_as: str,
    reader: str,
    schema: SourceSchemaFile,
    target: str,
    *,
    source_id: str | None = None,
    now: dt.datetime | None = None,
    dates: DateWindow | None = None,
    kept: KeptSources | None = None,
) -> EngineLoad | None:
    """Scan ``path`` into the TEMP table ``target`` of ``con``; None when the scan declines
    (see the module docstring) and nothing was created. With ``kept``, a file whose scan was
    kept (:mod:`.kept`) is not checked again, and a clean scan is kept."""
    import duckdb

    if not fast_path_enabled() or reader not in ENGINE_READERS:
        return None
    if not path.is_file() or special_kind(path) is not None:
        return None
    try:
        facts = file_facts(path, as_csv=reader == "csv")
    except OSError:
        return None
    if reader == "csv" and not facts.csv_safe:
        return None
    scan = _Scan(con, path, shown_as, reader, facts, schema, dates)
    key = kept.key(facts.sha256, shown_as, reader, schema, dates) if kept else ""
    try:
        if not scan.prepare():
            return None
        entry = kept.find(shown_as, key) if kept else None
        if entry is not None:
            return scan.reuse(entry, target, source_id, now)
        loaded = scan.run(target, source_id, now)
        if kept and loaded is not None and loaded.ok and loaded.provenance is not None:
            copied = loaded.table if reader == "csv" else None
            warnings = loaded.issues
            view = (scan.blank, sorted(scan.untrimmed))
            kept.keep(con, copied, path, shown_as, key, loaded.provenance.rows, warnings, view)
        return loaded
    except duckdb.Error:
        return None
    finally:
        scan.clean_up()


class _Scan:
    """The queries of one scan; see the module docstring for the steps."""

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        path: Path,
        shown_as: str,
        reader: str,
        facts: FileFacts,
        schema: SourceSchemaFile,
        dates: DateWindow | None,
    ) -> None:
        self.con = con
        self.path = path
        self.file = shown_as
        self.reader = reader
        self.facts = facts
        self.schema = schema
        self.dates = dates
        self.raw: list[str] = []  # raw column references, in file order
        self.names: list[str | None] = []  # their header names (None: no header)
        self.plans: list[ColumnPlan] = []  # schema fields present, then extras
        self.extras: list[str] = []
        self.leftovers: list[str] = []  # tables to drop when done
        self.target: str | None = None
        self.rows: int | None = None  # its rows, when counted while checking
        self.blank: int | None = None  # blank rows of a Parquet file read in place
        self.untrimmed: frozenset[int] = frozenset()  # its columns no cell needs trimming in

    # -- step 0: the header and the plan ----------------------------------------------------

    def source(self, numbered: bool = False) -> str:
        """The FROM clause reading the file (with ``__cw_row`` when ``numbered``)."""
        path = quote(str(self.path))
        if self.reader == "parquet":
            rows = f", file_row_number + 2 AS {_ROW}" if numbered else ""
            cols = ", ".join(self.raw)
            return f"(SELECT {cols}{rows} FROM read_parquet({path}, file_row_number = true))"
        columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(self.raw))) + "}"
        scan = (
            f"read_csv({path}, header = true, auto_detect = false, columns = {columns}, "
            "delim = ',', quote = '\"', escape = '\"', strict_mode = true, "
            "null_padding = false, comment = '')"
        )
        if not numbered:
            return scan
        stage = f"cw_stage_{id(self):x}"
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {stage} AS SELECT * FROM {scan}")
        self.leftovers.append(stage)
        return f"(SELECT *, rowid + 2 AS {_ROW} FROM {stage})"

    def prepare(self) -> bool:
        """Read the header and plan the columns; False when the scan must decline."""
        if self.reader == "csv":
            header = self.facts.header or []
            self.raw = [f"c{i}" for i in range(len(header))]
            names = [cell_text(h) for h in header]
            if len(names) == 1 and names[0] is not None and (";" in names[0] or "\t" in names[0]):
                return False
            types = ["VARCHAR"] * len(names)
        else:
            described = self.con.execute(
                f"DESCRIBE SELECT * FROM read_parquet({quote(str(self.path))})"
            ).fetchall()
            columns = [str(row[0]) for row in described]
            types = [str(row[1]) for row in described]
            if any(cell_text(n) != n for n in columns) or "file_row_number" in columns:
                return False
            self.raw = [ident(n) for n in columns]
            names = list(columns)
        named = [n for n in names if n is not None]
        if not named or len(set(named)) != len(named):
            return False
        self.names = names
        fields = {f.name: f for f in self.schema.fields}
        outputs = [n.lower() for n in [*fields, *(n for n in named if n not in fields)]]
        internal = {f"{k}{i}" for i in range(len(names)) for k in "tcp"}
        if len(set(outputs)) != len(outputs) or any(
            n in internal or n.startswith("__cw") or n == "typed" for n in outputs
        ):
            return False  # SQL names are case-insensitive: the per-cell path keeps both
        self.extras = [n for n in named if n not in fields]
        position = {n: i for i, n in enumerate(names) if n is not None}
        for spec in self.schema.fields:
            if spec.name in position:
                i = position[spec.name]
                check = FieldCheck(spec, self.dates, spec.name in self.schema.open_ended)
                plan = ColumnPlan(spec.name, self.raw[i], f"t{i}", spec, check)
                if types[i] != "VARCHAR":
                    if types[i] not in NATIVE.get(spec.type, set()):
                        return False
                    plan.native = types[i]
                self.plans.append(plan)
        for name in self.extras:
            i = position[name]
            if types[i] != "VARCHAR":
                return False
            spec = extra_field(name)
            self.plans.append(ColumnPlan(name, self.raw[i], f"t{i}", spec, FieldCheck(spec)))
        return True

    def inner(
        self,
        numbered: bool = False,
        judged: bool = False,
        light: bool | None = None,
        untrimmed: Collection[int] = (),
    ) -> str:
        """Every column's cell computed once (``t0``...), the value of each typed text cell
        in a common form (``p0``...), the blank-row flag and the raw columns; when ``judged``
        also whether each cell is surely clean (``k0``...). Each layer is its own
        projection, so no expression is computed twice. The columns in ``untrimmed`` are
        known to hold no cell that trimming changes, so they are not trimmed."""
        texts = []
        for i, raw in enumerate(self.raw):
            plan = self._plan_at(i)
            lighter = judged if light is None else light
            if i in untrimmed:  # only ever columns :meth:`_trimmed_columns` lists
                cell = f"NULLIF({raw}, '')"
            else:
                cell = plan.inner(light=lighter) if plan is not None else trimmed(raw)
            texts.append(f"{cell} AS t{i}")
        parsed = [f", {p.parsed()} AS {p.parsed_ref}" for p in self.plans if p.has_parsed]
        blank = " AND ".join(f"t{i} IS NULL" for i in range(len(self.raw)))
        row = f", {_ROW}" if numbered else ""
        raw = ", ".join(self.raw)
        layered = (
            f"(SELECT *{''.join(parsed)}, ({blank}) AS {_BLANK} FROM "
            f"(SELECT {', '.join(texts)}, {raw}{row} FROM {self.source(numbered)}))"
        )
        if not judged:
            return layered
        clean = "".join(f", {p.clean()} AS {p.clean_ref}" for p in self.plans)
        return f"(SELECT *{clean} FROM {layered})"

    def _plan_at(self, index: int) -> ColumnPlan | None:
        ref = f"t{index}"
        return next((p for p in self.plans if p.ref == ref), None)

    # -- steps 1-5 ---------------------------------------------------------------------------

    def run(self, target: str, source_id: str | None, now: dt.datetime | None) -> EngineLoad | None:
        collector = IssueCollector(self.file)
        named = [n for n in self.names if n is not None]
        fields = {f.name: f for f in self.schema.fields}
        check_header(self.file, named, fields, self.extras, collector)
        if not collector.has_errors:
            clean = self._create_if_clean(target)
            if clean is None:
                return None
            if clean:
                return self._finish(target, collector, source_id, now)
        return self._slow(target, collector, source_id, now)

    def _create_if_clean(self, target: str) -> bool | None:
        """Steps 2 and 4 in one pass for a clean file: create the typed table with a flag per
        row (some cell not surely clean, a required cell empty, a value without a header)
        and the split's facts, then check those on the table. True when the table is
        created and clean, False when the slow path must look (the table is dropped), None
        when the scan must decline."""
        flags = []
        for plan in self.plans:
            flags.append(f"({plan.ref} IS NOT NULL AND NOT {plan.clean_ref})")
            if plan.spec.required:
                flags.append(f"({plan.ref} IS NULL)")
        flags += [f"(t{i} IS NOT NULL)" for i, n in enumerate(self.names) if n is None]
        extra = [f"({' OR '.join(flags) or 'FALSE'}) AS __cw_flag", f"{_BLANK}"]
        if self.reader == "csv":
            lengths = ", ".join(f"COALESCE(strlen({raw}), 0)" for raw in self.raw)
            extra.append(f"greatest({lengths}, 0) AS __cw_len")
            if self.facts.quoted:
                breaks = " + ".join(
                    f"CASE WHEN contains({raw}, chr(10)) "
                    f"THEN length({raw}) - length(replace({raw}, chr(10), '')) ELSE 0 END"
                    for raw in self.raw
                )
                extra.append(f"({breaks}) AS __cw_breaks")
        if self.reader == "parquet":
            return self._view_if_clean(target, extra[0])
        columns = [*self._columns(sure=True), *extra]
        self.target = target
        self.con.execute(
            f"CREATE OR REPLACE TEMP TABLE {ident(target)} AS SELECT {', '.join(columns)} "
            f"FROM {self.inner(judged=True)}"
        )
        facts = [
            "count(*)",
            f"count(*) FILTER (WHERE {_BLANK})",
            f"COALESCE(bool_or(__cw_flag AND NOT {_BLANK}), FALSE)",
        ]
        if self.reader == "csv":
            facts.append("COALESCE(max(__cw_len), 0)")
            facts.append("COALESCE(sum(__cw_breaks), 0)" if self.facts.quoted else "0")
        row = self.con.execute(f"SELECT {', '.join(facts)} FROM {ident(target)}").fetchall()[0]
        rows, blank, flagged = int(row[0]), int(row[1]), bool(row[2])
        if self.reader == "csv" and not self._split_agrees(rows, int(row[3]), int(row[4])):
            self._drop(target)
            return None
        if flagged or rows == blank:
            self._drop(target)
            return False
        if blank:
            self.con.execute(f"DELETE FROM {ident(target)} WHERE {_BLANK}")
        for name in ["__cw_flag", _BLANK, "__cw_len", "__cw_breaks"]:
            if any(c.endswith(name) for c in extra):
                self.con.execute(f"ALTER TABLE {ident(target)} DROP COLUMN {name}")
        if self._rows_break_rules(target):
            self._drop(target)
            return False
        return True

    def _view_if_clean(self, target: str, flag: str) -> bool:
        """A Parquet file is read where it lies: one pass checks every cell and the order of
        dates, and the typed table is a view over the file (its columns already typed), not
        a copy, so a measure reads the file as a hand-written query would; repeated keys are
        then looked for through the view. A clean cell has no white space at either end
        where its column refuses it, so the view skips that trim. The order of dates is
        judged on the typed values of every row; a row with a cell not surely clean fails
        the file first, whatever it says.

        The same pass finds what the view can leave out for this file: the filter of blank
        rows when there are none, and the trim of each text column in which trimming
        changes no cell (a regular expression per cell, the costliest step of reading the
        view). Both are kept with a kept scan (:mod:`.kept`), since they hold for these
        bytes only."""
        broken = " OR ".join(self._order_checks()) or "FALSE"
        typed = ", ".join(self._columns(sure=True))
        trimmable = self._trimmed_columns()
        trims = "".join(
            f", (t{i} IS DISTINCT FROM NULLIF({self.raw[i]}, '')) AS __cw_trim{i}"
            for i in trimmable
        )
        trimmed_any = "".join(f", COALESCE(bool_or(__cw_trim{i}), FALSE)" for i in trimmable)
        facts = self.con.execute(
            f"SELECT count(*), count(*) FILTER (WHERE {_BLANK}), "
            f"COALESCE(bool_or(__cw_flag AND NOT {_BLANK}), FALSE), {broken}{trimmed_any} "
            f"FROM (SELECT {flag}, {_BLANK}, {typed}{trims} FROM {self.inner(judged=True)})"
        ).fetchall()[0]
        rows, blank, flagged, breaks = int(facts[0]), int(facts[1]), bool(facts[2]), facts[3]
        if flagged or rows == blank or breaks:
            return False
        self.target = target
        self.rows = rows - blank
        self.blank = blank
        changed = facts[4:]
        self.untrimmed = frozenset(i for i, c in zip(trimmable, changed, strict=True) if not c)
        self.con.execute(f"CREATE OR REPLACE TEMP VIEW {ident(target)} AS {self._typed_rows()}")
        if self._repeats(target):
            self._drop(target)
            self.rows = None
            return False
        return True

    def _typed_rows(self) -> str:
        """The typed rows of a clean Parquet file, read where it lies (no white space to trim
        in a clean cell where its column refuses it, so that trim is skipped; nor in the
        columns :attr:`untrimmed`, nor blank rows to leave out when it has none)."""
        typed = ", ".join(self._columns(sure=True))
        rows = self.inner(light=True, untrimmed=self.untrimmed)
        where = "" if self.blank == 0 else f" WHERE NOT {_BLANK}"
        return f"SELECT {typed} FROM {rows}{where}"

    def _trimmed_columns(self) -> list[int]:
        """The columns whose cells a light :meth:`inner` trims (text not typed in the file,
        whose column accepts white space at its ends)."""
        out = []
        for i in range(len(self.raw)):
            plan = self._plan_at(i)
            if plan is None or not (plan.native or plan.edges_refused):
                out.append(i)
        return out

    def reuse(
        self, entry: Entry, target: str, source_id: str | None, now: dt.datetime | None
    ) -> EngineLoad:
        """The load a kept scan stands for: a view over the kept table (a CSV's) or over the
        file itself (a Parquet source's, as :meth:`_view_if_clean` makes it)."""
        self.target = target
        if entry.data is not None:
            body = f"SELECT * FROM read_parquet({quote(str(entry.data))})"
        else:
            self.blank = entry.blank
            self.untrimmed = frozenset(entry.untrimmed)
            body = self._typed_rows()
        self.con.execute(f"CREATE OR REPLACE TEMP VIEW {ident(target)} AS {body}")
        self.rows = entry.rows
        collector = IssueCollector(self.file)
        collector.extend(entry.warnings)
        return self._finish(target, collector, source_id, now)

    def _split_agrees(self, rows: int, longest: int, breaks: int) -> bool:
        """True when DuckDB read as many records as Python's reader would (no line skipped
        or split otherwise) and no cell is longer than Python's reader allows."""
        header_breaks = sum(h.count("\n") for h in self.facts.header or [])
        if 1 + rows + breaks + header_breaks != self.facts.records:
            return False
        return longest <= csv.field_size_limit()  # bytes: at least the characters

    def _finish(
        self,
        target: str,
        collector: IssueCollector,
        source_id: str | None,
        now: dt.datetime | None,
    ) -> EngineLoad:
        self.target = None  # keep it: it is the result
        rows = (
            self.rows
            if self.rows is not None
            else int(self._one(f"SELECT count(*) FROM {ident(target)}"))
        )
        provenance = Provenance(
            source=source_id,
            file=self.file,
            sha256=self.facts.sha256,
            rows=rows,
            loaded_at=utc_stamp(now),
            reader=self.reader,
            shape=self.schema.shape,
        )
        return EngineLoad(source_id, self.file, collector.finish(), target, provenance)

    def _slow(
        self,
        target: str,
        collector: IssueCollector,
        source_id: str | None,
        now: dt.datetime | None,
    ) -> EngineLoad | None:
        """Steps 2 to 5 for a file with a header problem or cells SQL is not sure of."""
        counts = self._counts()
        if counts is None:
            return None
        failing = collector.has_errors
        for plan in self.plans:
            unclean, empty = counts[plan.ref]
            if empty and plan.spec.required:
                failing = True
            if not unclean:
                continue
            if plan.native:
                failing = True  # native rules are exact: a cell they refuse is an error
                continue
            if not self._decide_distinct(plan):
                return None
            failing = failing or bool(plan.bad)
        if not failing:
            self._create(target)
            if self._rows_break_rules(target):
                failing = True
                self._drop(target)
        if failing:
            return self._word(source_id)
        return self._finish(target, collector, source_id, now)

    def _counts(self) -> dict[str, tuple[int, int]] | None:
        """Step 2; None when the split cannot be trusted or the grid has a problem."""
        parts = ["count(*)", f"count(*) FILTER (WHERE {_BLANK})"]
        if self.reader == "csv":
            newlines = " + ".join(
                f"COALESCE(length({raw}) - length(replace({raw}, chr(10), '')), 0)"
                for raw in self.raw
            )
            parts.append(f"COALESCE(sum({newlines}), 0)")
            longest = ", ".join(f"COALESCE(strlen({raw}), 0)" for raw in self.raw)
            parts.append(f"COALESCE(max(greatest({longest}, 0)), 0)")
        for i, name in enumerate(self.names):
            if name is None:
                parts.append(f"count(t{i})")
        for plan in self.plans:
            parts.append(f"count(*) FILTER (WHERE {plan.ref} IS NOT NULL AND NOT {plan.clean()})")
            parts.append(f"count(*) FILTER (WHERE {plan.ref} IS NULL AND NOT {_BLANK})")
        row = self.con.execute(f"SELECT {', '.join(parts)} FROM {self.inner()}").fetchall()[0]
        values = [int(v or 0) for v in row]
        rows, blank = values[0], values[1]
        rest = values[2:]
        if self.reader == "csv":
            if not self._split_agrees(rows, rest[1], rest[0]):
                return None
            rest = rest[2:]
        unnamed = sum(1 for n in self.names if n is None)
        if any(rest[:unnamed]) or rows - blank == 0:
            return None  # values without a header, or no rows: the grid words these
        rest = rest[unnamed:]
        return {plan.ref: (rest[2 * k], rest[2 * k + 1]) for k, plan in enumerate(self.plans)}

    def _decide_distinct(self, plan: ColumnPlan) -> bool:
        """Step 3 for one column; False when it has too many distinct unusual texts."""
        texts = self.con.execute(
            f"SELECT DISTINCT {plan.ref} FROM {self.inner()} "
            f"WHERE {plan.ref} IS NOT NULL AND NOT {plan.clean()} LIMIT {DISTINCT_CAP + 1}"
        ).fetchall()
        if len(texts) > DISTINCT_CAP:
            return False
        for (text,) in texts:
            value, problems = plan.check.check(str(text))
            if problems:
                plan.bad.add(str(text))
            else:
                plan.fixups[str(text)] = value
        return True

    def _columns(self, sure: bool = False) -> list[str]:
        """The typed table's columns: the schema's fields in order, then the extras (with
        ``sure``, each as its value when surely clean: the rows are flagged otherwise)."""
        by_name = {p.name: p for p in self.plans}
        out = []
        for spec in self.schema.fields:
            plan = by_name.get(spec.name)
            if plan is None:
                value = f"NULL::{SQL_TYPES[spec.type]}"
            else:
                value = plan.sure_value() if sure else plan.value()
            out.append(f"{value} AS {ident(spec.name)}")
        for name in self.extras:
            plan = by_name[name]
            out.append(f"{plan.sure_value() if sure else plan.value()} AS {ident(name)}")
        return out

    def _create(self, target: str) -> None:
        self.target = target
        self.con.execute(
            f"CREATE OR REPLACE TEMP TABLE {ident(target)} AS SELECT {', '.join(self._columns())} "
            f"FROM {self.inner()} WHERE NOT {_BLANK}"
        )

    def _rule_columns(self) -> tuple[list[str], list[str], list[tuple[str, str]]]:
        """The rules between rows that apply: unique columns, the primary key (empty when
        none, or when it is one column already unique) and the date pairs in order."""
        present = {p.name for p in self.plans}
        unique = [f.name for f in self.schema.fields if f.unique and f.name in present]
        key = list(self.schema.primary_key)
        if not key or not all(k in present for k in key) or (len(key) == 1 and key[0] in unique):
            key = []
        pairs = [
            (pair[0], pair[1])
            for pair in self.schema.date_order
            if len(pair) == 2 and pair[0] in present and pair[1] in present
        ]
        return unique, key, pairs

    @staticmethod
    def _in_order(early: str, late: str) -> tuple[str, str]:
        return f"CAST({ident(early)} AS TIMESTAMP)", f"CAST({ident(late)} AS TIMESTAMP)"

    def _row_rules(self, table: str) -> list[str]:
        """SQL conditions on the typed columns (named as fields) that mark rows breaking the
        rules between rows, to find the offending rows; window counts are over ``table``."""
        unique, key, pairs = self._rule_columns()
        rules = [
            f"({ident(n)} IS NOT NULL AND count(*) OVER (PARTITION BY {ident(n)}) > 1)"
            for n in unique
        ]
        if key:
            filled = " AND ".join(f"{ident(k)} IS NOT NULL" for k in key)
            over = ", ".join(ident(k) for k in key)
            rules.append(f"({filled} AND count(*) OVER (PARTITION BY {over}) > 1)")
        for early, late in pairs:
            before, after = self._in_order(early, late)
            rules.append(f"({after} < {before})")
        return rules

    def _order_checks(self) -> list[str]:
        """Aggregates over the typed columns, each true when dates are out of order (they
        can share one pass with the cell checks)."""
        _, _, pairs = self._rule_columns()
        checks = []
        for early, late in pairs:
            before, after = self._in_order(early, late)
            checks.append(f"COALESCE(bool_or({after} < {before}), FALSE)")
        return checks

    def _repeats(self, target: str) -> bool:
        """Whether a unique column or the primary key repeats a value: one grouping query
        each, which DuckDB can spill to disk (a distinct count in a shared pass is no faster
        at 10 million rows and ran out of memory at 100 million within 4 GB)."""
        unique, key, _ = self._rule_columns()
        for columns in [*([n] for n in unique), *([key] if key else [])]:
            names = ", ".join(ident(n) for n in columns)
            filled = " AND ".join(f"{ident(n)} IS NOT NULL" for n in columns)
            found = self._one(
                f"SELECT EXISTS (SELECT 1 FROM {ident(target)} WHERE {filled} "
                f"GROUP BY {names} HAVING count(*) > 1)"
            )
            if found:
                return True
        return False

    def _rows_break_rules(self, target: str) -> bool:
        """Whether any row of the typed table breaks a rule between rows."""
        checks = self._order_checks()
        if checks and self._one(f"SELECT {' OR '.join(checks)} FROM {ident(target)}"):
            return True
        return self._repeats(target)

    def _word(self, source_id: str | None) -> EngineLoad | None:
        """Step 5: the issues of the offending rows, worded by the per-cell path."""
        numbered = self.inner(numbered=True)
        by_name = {p.name: p for p in self.plans}
        typed = ", ".join([f"{by_name[n].value()} AS {ident(n)}" for n in by_name])
        rules = self._row_rules("typed")
        cells = []
        for plan in self.plans:
            wrong = f"({plan.ref} IS NOT NULL AND NOT {plan.clean()}"
            if plan.fixups:
                keys = ", ".join(quote(k) for k in plan.fixups)
                wrong += f" AND {plan.ref} NOT IN ({keys})"
            cells.append(wrong + ")")
            if plan.spec.required:
                cells.append(f"({plan.ref} IS NULL)")
        flags = ", ".join(f"{rule} AS r{i}" for i, rule in enumerate(rules))
        offending = " OR ".join([*cells, *(f"r{i}" for i in range(len(rules)))]) or "FALSE"
        kept = [raw for raw, name in zip(self.raw, self.names, strict=True) if name is not None]
        query = (
            f"SELECT {_ROW}, {', '.join(kept)} FROM ("
            f"SELECT *{', ' + flags if flags else ''} FROM ("
            f"SELECT *, {typed} FROM {numbered} WHERE NOT {_BLANK}) AS typed) "
            f"WHERE {offending} ORDER BY {_ROW}"
        )
        found = self.con.sql(query).to_arrow_table()
        found = found.combine_chunks() if found.num_rows else found
        header = [n for n in self.names if n is not None]
        columns = [text_cells(found.column(i + 1)).to_pylist() for i in range(len(header))]
        rows = [list(cells) for cells in zip(*columns, strict=True)] if columns else []
        row_numbers = [int(n) for n in found.column(0).to_pylist()]
        raw = RawTable(self.file, header, rows, row_numbers)
        collector = IssueCollector(self.file)
        check_table(raw, self.schema, collector, self.dates)
        issues = collector.finish()
        if issues.ok:
            return None  # SQL and the per-cell check disagree: let the per-cell path decide
        return EngineLoad(source_id, self.file, issues)

    # -- helpers -----------------------------------------------------------------------------

    def _one(self, sql: str) -> Any:
        return self.con.execute(sql).fetchall()[0][0]

    def _drop(self, table: str) -> None:
        drop_scanned(self.con, table)
        if self.target == table:
            self.target = None

    def clean_up(self) -> None:
        """Drop the staging tables, and the target unless it is the result."""
        import duckdb

        for table in [*self.leftovers, *([self.target] if self.target else [])]:
            with contextlib.suppress(duckdb.Error):
                drop_scanned(self.con, table)
        self.leftovers.clear()
        self.target = None


def drop_scanned(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Drop a scanned source, a table (CSV) or a view over its file (Parquet)."""
    found = con.execute(
        "SELECT count(*) FROM duckdb_views() WHERE view_name = ? AND temporary", [name]
    ).fetchall()[0][0]
    kind = "VIEW" if found else "TABLE"
    con.execute(f"DROP {kind} IF EXISTS {ident(name)}")
