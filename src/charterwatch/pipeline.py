"""The pipeline object: one framework folder, its sources, an engine and a results store.

The CLI, the publishing layer, the workspace and the tests all build a :class:`Pipeline` and
call its steps, as Datasette's commands all build the one app object:

``load`` (framework) -> ``load_sources`` -> ``compute`` (kinds, on the engine) -> ``decide``
(disclosure control, then statuses, standards and shortfalls, see
:mod:`charterwatch.results.decide`) -> ``store``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from charterwatch.arrow_values import arrow_table, numpy_column
from charterwatch.dates.deadlines import DeadlineRulebook, load_default_rulebook
from charterwatch.dates.working_days import WorkingDayCalendar, default_calendar
from charterwatch.engines import Engine
from charterwatch.inputs import SourceData, load_framework_sources
from charterwatch.measures.compute import compute_measures
from charterwatch.measures.context import ComputeContext
from charterwatch.measures.expr import GRANULARITIES, fy_label
from charterwatch.model.files import SourceKind
from charterwatch.model.framework import Framework, Measure
from charterwatch.model.issues import Issue, IssueList
from charterwatch.model.loader import load_framework
from charterwatch.results.decide import decide
from charterwatch.results.figure import Figure
from charterwatch.results.lock import ComputeLock, Holder
from charterwatch.results.nested import organisation_nestings
from charterwatch.results.store import ResultsStore, Run
from charterwatch.settings import change_rules, disclosure_settings

STORE_FILE = Path(".charterwatch") / "results.duckdb"
QUERY_CACHE = Path(".charterwatch") / "cache" / "queries"
"""Where the SQL Ibis compiles for the measures is kept between runs
(:mod:`charterwatch.engines.compiled`)."""


class PipelineError(Exception):
    """A step failed on bad input; ``issues`` says what and where. Nothing was written."""

    def __init__(self, issues: IssueList) -> None:
        super().__init__(issues.summary())
        self.issues = issues


@dataclass
class ComputeReport:
    """What a compute run did: the rows stored, the years, and problems per measure."""

    run: Run
    years: list[str]
    rows: list[Figure]
    issues: list[Issue] = field(default_factory=list)
    suppressed: int = 0
    left_out: list[str] = field(default_factory=list)
    stale_lock: Holder | None = None  # a compute that stopped without finishing, taken over
    queries_kept: int = 0
    """Queries whose SQL came from the kept compiled SQL (:data:`QUERY_CACHE`)."""
    queries_compiled: int = 0
    """Queries Ibis compiled in this run (and kept for the next)."""

    @property
    def no_data(self) -> list[Figure]:
        return [r for r in self.rows if r.statistic == "value" and r.symbol == "[x]"]


@dataclass
class Pipeline:
    """Everything one run needs; build it with :meth:`open`."""

    root: Path
    framework: Framework
    store: ResultsStore
    calendar: WorkingDayCalendar = field(default_factory=default_calendar)
    rulebook: DeadlineRulebook = field(default_factory=load_default_rulebook)

    @classmethod
    def open(cls, root: Path | str, store: Path | str | None = None) -> Pipeline:
        """Load and check the framework folder; raises :class:`PipelineError` on errors."""
        root = Path(root)
        result = load_framework(root)
        if result.framework is None or not result.issues.ok:
            raise PipelineError(result.issues)
        fw = result.framework
        return cls(root, fw, ResultsStore(store or root / STORE_FILE), fw.calendar, fw.rulebook)

    def measures(self, ids: Sequence[str] | None = None) -> list[Measure]:
        """The default framework's measures (all, or the given ids, in framework order)."""
        measures = list(self.framework.framework.measures.values())
        if ids:
            unknown = sorted(set(ids) - {m.id for m in measures})
            if unknown:
                raise KeyError(f"unknown measure(s): {', '.join(unknown)}")
            measures = [m for m in measures if m.id in ids]
        return measures

    def load_sources(
        self, engine: Engine | None = None, only: Collection[str] | None = None
    ) -> SourceData:
        """Load every source that has data (those in ``only``, when given), all or nothing;
        raises PipelineError on errors.

        Given the compute ``engine``, CSV and Parquet files are scanned and checked in place
        by it and never held in Python (see :mod:`charterwatch.inputs`); without, every table
        comes back as Arrow.
        """
        data = load_framework_sources(self.framework, engine, only)
        if not data.issues.ok:
            raise PipelineError(data.issues)
        return data

    def sources_for(self, measures: Sequence[Measure]) -> set[str]:
        """The sources the given measures read: their ``sources``, any source a param names
        (``source:`` and the like), and the narrative evidence when a kind gathers it."""
        known = set(self.framework.sources)
        needed: set[str] = set()
        evidence = False
        for measure in measures:
            needed.update(measure.sources)
            needed.update(_named_sources(measure.params, known))
            evidence = evidence or measure.kind == "qualitative_evidence"
        if evidence:
            needed.update(
                s.id
                for s in self.framework.sources.values()
                if s.kind is SourceKind.NARRATIVE_EVIDENCE
            )
        return needed

    def years_with_data(self, data: SourceData) -> list[str]:
        """Every financial year from the framework's first year to the last year with data,
        and never past the framework's own ``last_year`` when it declares one (records that
        end after it, such as complaints answered in the next April, make no extra year)."""
        spec = self.framework.framework.spec
        first = int(spec.first_year[:4])
        last = max([first, *data.last_years])
        if spec.last_year is not None:
            last = min(last, int(spec.last_year[:4]))
        return [fy_label(y) for y in range(first, last + 1)]

    def context(self, engine: Engine, data: SourceData) -> ComputeContext:
        """Put the sources (those not already on it), the calendar and the deadline rules on
        the engine."""
        tables = dict(data.engine_tables)
        for sid, table in data.tables.items():
            tables[sid] = engine.put(f"src_{sid}", table)
        calendar = self.calendar.calendar_table()
        day_numbers = numpy_column(np.arange(calendar.num_rows), pa.int64())
        calendar = calendar.append_column("day_number", day_numbers)
        return ComputeContext(
            framework=self.framework,
            tables=tables,
            calendar=engine.put("calendar", calendar),
            deadline_rules=engine.put("deadline_rules", rules_table(self.rulebook)),
            evidence=data.evidence,
            provenance=data.provenance,
            synthetic_sources=data.synthetic,
        )

    def compute(
        self,
        years: Sequence[str] | None = None,
        measure_ids: Sequence[str] | None = None,
        engine_url: str | None = None,
        progress: Callable[[Measure], None] | None = None,
        on_years: Callable[[list[str], int], None] | None = None,
        granularity: str = "year",
    ) -> ComputeReport:
        """Compute, assess, protect and store; the store is untouched if anything fails.

        ``granularity`` ``quarter`` or ``month`` stores series by quarter (``2023-24 Q1``)
        or month (``2023-04``) for the kinds that have dated records; changes between
        periods are only assessed for financial years.

        One compute at a time per store (:class:`ComputeLock`). Raises
        :class:`PipelineError` for bad input and a :mod:`charterwatch.failures` error for
        an operational failure (another compute running, store damaged, engine unreachable,
        disk full, folder not writable).
        """
        if granularity not in GRANULARITIES:
            raise ValueError(f"granularity must be one of {', '.join(GRANULARITIES)}")
        with ComputeLock(self.store.path) as lock:
            self.store.check()
            report = self._compute(years, measure_ids, engine_url, progress, on_years, granularity)
        report.stale_lock = lock.stale
        return report

    def _compute(
        self,
        years: Sequence[str] | None,
        measure_ids: Sequence[str] | None,
        engine_url: str | None,
        progress: Callable[[Measure], None] | None,
        on_years: Callable[[list[str], int], None] | None,
        granularity: str,
    ) -> ComputeReport:
        measures = self.measures(measure_ids)
        only = self.sources_for(measures) if measure_ids else None
        engine = Engine.connect(engine_url)
        engine.keep_compiled(self.root / QUERY_CACHE)
        try:
            data = self.load_sources(engine, only)
            wanted = list(years) if years else self.years_with_data(data)
            if on_years is not None:
                on_years(wanted, len(measures))
            ctx = self.context(engine, data)
            ctx.granularity = granularity
            # compare with the year before the first one asked for, so its status is known
            extended = [fy_label(int(wanted[0][:4]) - 1), *wanted]
            outcome = compute_measures(measures, ctx, extended, progress)
        finally:
            engine.close()
        settings = self.framework.project.settings
        disclosure = disclosure_settings(settings)
        decided = decide(
            measures,
            outcome.rows,
            settings,
            disclosure,
            change_rules(settings, disclosure),
            granularity=granularity,
            flags=self.framework.flags,
            keep_years=wanted,
            nestings=organisation_nestings(self.framework.organisations),
        )
        run = self.store.write(
            decided.figures,
            engine=engine.name,
            years=wanted,
            inputs=decided.inputs,
            suppressions=decided.suppressed,
            whole_series=[m.id for m in measures] if not years and granularity == "year" else (),
        )
        kept = engine.compiled
        return ComputeReport(
            run,
            wanted,
            decided.figures,
            outcome.issues,
            len(decided.suppressed),
            outcome.left_out,
            queries_kept=kept.hits if kept else 0,
            queries_compiled=kept.misses if kept else 0,
        )


def _named_sources(params: object, known: set[str]) -> set[str]:
    """Every source id named anywhere in a measure's params (``source: calls``, lists too)."""
    if isinstance(params, str):
        return {params} if params in known else set()
    if isinstance(params, dict):
        return set().union(*(_named_sources(v, known) for v in params.values()))
    if isinstance(params, list | tuple):
        return set().union(*(_named_sources(v, known) for v in params))
    return set()


def rules_table(rulebook: DeadlineRulebook) -> pa.Table:
    """The rulebook as a table with explicit validity ends, for joining in SQL."""
    import datetime as dt

    rows: dict[str, list[Any]] = {
        k: [] for k in ("process", "group", "valid_from", "valid_to", "length", "unit")
    }
    by_key: dict[tuple[str, str], list[Any]] = {}
    for rule in rulebook.rules:
        by_key.setdefault((rule.process, rule.group), []).append(rule)
    for (process, group), rules in sorted(by_key.items()):
        rules.sort(key=lambda r: r.effective_from)
        for i, rule in enumerate(rules):
            nxt = rules[i + 1].effective_from - dt.timedelta(days=1) if i + 1 < len(rules) else None
            end = rule.effective_to or nxt or dt.date(9999, 12, 31)
            rows["process"].append(process)
            rows["group"].append(group)
            rows["valid_from"].append(rule.effective_from)
            rows["valid_to"].append(end)
            rows["length"].append(rule.length)
            rows["unit"].append(rule.unit.value if hasattr(rule.unit, "value") else str(rule.unit))
    return arrow_table(rows, RULES_SCHEMA)  # typed, so a folder with no rules still works


RULES_SCHEMA = pa.schema(
    [
        ("process", pa.string()),
        ("group", pa.string()),
        ("valid_from", pa.date32()),
        ("valid_to", pa.date32()),
        ("length", pa.int64()),
        ("unit", pa.string()),
    ]
)
