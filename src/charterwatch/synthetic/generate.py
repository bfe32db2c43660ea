"""Generating an example's synthetic raw data: one call that writes a CSV for every source.

:func:`generate_example` loads the framework folder (with its ``synthetic.yaml`` recipe),
works out the calibration targets, runs the generator of each source's shape and writes the
files where the sources' ``path:`` says, relative to the data folder. The same seed and size
give byte-identical files. Files are written a slice of rows at a time, and the largest
(survey answers) are also made a slice at a time, so memory stays bounded at large sizes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import pandas as pd

from charterwatch.model.files import SourceSchemaFile
from charterwatch.model.framework import Framework, Measure, Source
from charterwatch.model.loader import load_framework
from charterwatch.model.organisations import RETURNS_SHAPE, organisation_column
from charterwatch.sources.shapes import resolve_schema
from charterwatch.sources.window import window_for
from charterwatch.synthetic.applications import (
    decisions_by_benefit,
    make_applications,
    open_at_end,
)
from charterwatch.synthetic.calls import calls_by_year, make_calls
from charterwatch.synthetic.caseflow import APPEALS, REDETERMINATIONS, cases_by_benefit, make_cases
from charterwatch.synthetic.columns import complete, settings_problems
from charterwatch.synthetic.complaints import complaints_by_year, make_complaints
from charterwatch.synthetic.dates import DayMaker
from charterwatch.synthetic.draws import scaled, stream
from charterwatch.synthetic.plan import ALL, PlannedVolume, VolumePlan
from charterwatch.synthetic.recipe import Recipe, ReturnSettings, recipe_of, recipe_origin
from charterwatch.synthetic.records import make_records, record_volume
from charterwatch.synthetic.returns import make_returns
from charterwatch.synthetic.staff import make_staff
from charterwatch.synthetic.survey import make_survey, plan_survey, respondents_by_year
from charterwatch.synthetic.targets import Target, build_targets, record_measures, source_of
from charterwatch.synthetic.writer import (
    CHUNK_ROWS,
    Pieces,
    RowsWritten,
    WrittenFile,
    mark_generated,
    write_csv,
    write_pieces,
)

Progress = Callable[[str, int, int], None]
"""Called as ``progress(source_id, done, total)`` before each source and once at the end."""

DATA_FOLDER = "data"
NOT_TABLES = frozenset({"published_figures", "narrative_evidence"})


class GenerationError(ValueError):
    """The framework folder or its recipe cannot be used to generate data."""


@dataclass
class GenerationReport:
    """What :func:`generate_example` wrote and what it aimed at."""

    root: Path
    out: Path
    seed: int
    size: float
    years: list[str]
    files: list[WrittenFile] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    skipped_figures: list[tuple[str, str]] = field(default_factory=list)
    skipped_sources: list[tuple[str, str]] = field(default_factory=list)

    @property
    def rows(self) -> int:
        """Rows written over all files."""
        return sum(f.rows for f in self.files)

    def published_targets(self) -> list[Target]:
        """The targets taken from published figures (the ones the data reproduces)."""
        return [t for t in self.targets if t.origin == "published"]

    def unmet(self) -> list[str]:
        """Notes on published targets the records could not meet (empty when all are met)."""
        heads = [t.describe() for t in self.published_targets()]
        return [n for n in self.notes if any(n.startswith(h + ":") for h in heads)]

    def summary(self) -> str:
        """A few lines for a terminal: files, rows, figures aimed at, anything not met."""
        lines = [
            f"Synthetic data (seed {self.seed}, size {self.size:g}) for {self.years[0]} to "
            f"{self.years[-1]}: {len(self.files)} files, {self.rows:,} rows, in {self.out}",
            f"Calibrated to {len(self.published_targets())} published figures and "
            f"{len(self.targets) - len(self.published_targets())} walked or anchored values.",
        ]
        lines += [f"  {f.path.name}: {f.rows:,} rows" for f in self.files]
        lines += [f"  not generated: {s} ({why})" for s, why in self.skipped_sources]
        lines += [f"  figure not used: {s} ({why})" for s, why in self.skipped_figures]
        lines += [f"  note: {n}" for n in self.notes]
        return "\n".join(lines)


def load_recipe_framework(root: Path) -> tuple[Framework, Recipe]:
    """The framework folder and its recipe; raises :class:`GenerationError` listing problems."""
    result = load_framework(root)
    errors = result.issues.errors
    if result.framework is None or errors:
        listed = "\n".join(f"- {i.where()}: {i.message}" for i in errors) or "- (no details)"
        raise GenerationError(f"the framework folder {root} cannot be loaded:\n{listed}")
    recipe = recipe_of(result.framework.extras)
    if recipe is None:
        raise GenerationError(
            f"{root} has no synthetic-data recipe: add synthetic.yaml with a 'synthetic:' "
            "section (see docs/synthetic-data.md)"
        )
    _check_column_settings(result.framework, recipe)
    return result.framework, recipe


def _check_column_settings(framework: Framework, recipe: Recipe) -> None:
    """Refuse column settings (``records.<source>``, ``columns.<source>``) that name a column
    the source does not declare, or map to a value its enum does not allow."""
    where = recipe_origin(framework.extras)
    problems = []
    for section, entries in (("records", recipe.records), ("columns", recipe.columns)):
        for source_id, settings in entries.items():
            source = framework.sources.get(source_id)
            if source is None:
                continue
            for place, problem in settings_problems(
                source_id, resolve_schema(source.schema_), settings
            ):
                path = f"{section}.{source_id}.{place}"
                at = f"{where.file}:{where.near(path).line}" if where else "synthetic.yaml"
                problems.append(f"- {at}, {path}: names {problem}")
    if problems:
        raise GenerationError(
            "the synthetic-data recipe does not fit the sources' declared columns "
            "(declare the column in sources.yaml, or correct the recipe):\n" + "\n".join(problems)
        )


def output_path(out: Path, source: Source) -> Path:
    """Where a source's file goes: its ``path`` under ``out``, which stands for ``data/``."""
    relative = PurePosixPath(str(source.path))
    if relative.parts and relative.parts[0] == DATA_FOLDER:
        relative = PurePosixPath(*relative.parts[1:])
    return out.joinpath(*relative.parts)


def generate_example(
    framework_root: Path,
    out: Path | None = None,
    seed: int | None = None,
    size: float = 1.0,
    progress: Progress | None = None,
    chunk_rows: int = CHUNK_ROWS,
    on_rows: RowsWritten | None = None,
) -> GenerationReport:
    """Generate synthetic raw data for every source of the framework at ``framework_root``.

    Files go to ``out`` (default ``<framework_root>/data``), each at its source's ``path``
    taken relative to ``data/``, with a ``.gitignore`` that keeps them out of git. ``seed``
    defaults to the recipe's seed (2019 in the example); ``size`` multiplies every record
    count (published percentages, medians and means hold at any size; published counts hold
    at size 1). A published figure the records cannot meet is listed by
    :meth:`GenerationReport.unmet` rather than raised. Raises :class:`GenerationError` when
    the folder or the recipe cannot be used, or ``size`` is not above zero.
    ``chunk_rows`` is how many rows are made into text (and survey answers made) at a time;
    it bounds memory and never changes the files. ``on_rows(source_id, rows_so_far)`` is
    called after each slice is written, for progress within a large file.
    """
    if size <= 0:
        raise GenerationError(f"size must be above zero, got {size}")
    root = Path(framework_root)
    framework, recipe = load_recipe_framework(root)
    if seed is not None:
        recipe = recipe.model_copy(update={"seed": seed})
    target_set = build_targets(framework, recipe)
    folder = Path(out) if out is not None else root / DATA_FOLDER
    report = GenerationReport(
        root=root,
        out=folder,
        seed=recipe.seed,
        size=size,
        years=target_set.years,
        targets=target_set.targets,
        skipped_figures=list(target_set.skipped),
    )
    context = _Context(
        framework, recipe, target_set.targets, target_set.years, size, report, chunk_rows
    )
    sources = [s for s in sorted(framework.sources.values(), key=lambda s: s.id)]
    mark_generated(folder)
    for done, source in enumerate(sources):
        if progress is not None:
            progress(source.id, done, len(sources))
        made = context.make(source)
        if made is None or (isinstance(made, pd.DataFrame) and made.empty):
            continue
        schema = resolve_schema(source.schema_)
        path = output_path(folder, source)
        if isinstance(made, Pieces):
            written = write_pieces(source.id, made, schema, path, chunk_rows, on_rows)
        else:
            written = write_csv(source.id, made, schema, path, chunk_rows, on_rows)
        report.files.append(written)
    if progress is not None:
        progress("done", len(sources), len(sources))
    return report


def plan_example(framework_root: Path, size: float = 1.0, seed: int | None = None) -> VolumePlan:
    """How many respondents, decisions, requests, calls, complaints and other records
    :func:`generate_example` would make at ``size`` for each source, year and benefit,
    worked out without making them (an instant, where the real scale takes a minute).
    Raises :class:`GenerationError` as :func:`generate_example` does."""
    if size <= 0:
        raise GenerationError(f"size must be above zero, got {size}")
    framework, recipe = load_recipe_framework(Path(framework_root))
    if seed is not None:
        recipe = recipe.model_copy(update={"seed": seed})
    target_set = build_targets(framework, recipe)
    report = GenerationReport(Path(framework_root), Path(), recipe.seed, size, target_set.years)
    context = _Context(framework, recipe, target_set.targets, target_set.years, size, report)
    plan = VolumePlan(size)
    for source in sorted(framework.sources.values(), key=lambda s: s.id):
        plan.volumes.extend(context.plan(source))
    return plan


def _completed(
    made: pd.DataFrame | Pieces,
    schema: SourceSchemaFile,
    recipe: Recipe,
    source: str,
    notes: list[str],
    own: set[str],
) -> pd.DataFrame | Pieces:
    """The records with the columns their shape's generator does not make filled as the
    source declares them (:func:`charterwatch.synthetic.columns.complete`; ``own``: the
    source's own columns beyond its shape's), piece by piece."""
    settings = recipe.columns.get(source)
    if isinstance(made, pd.DataFrame):
        rng = stream(recipe.seed, source, "extra")
        return complete(made, schema, settings, rng, notes, source, own=own)
    filled = [
        f.name
        for f in schema.fields
        if f.name != "synthetic" and (f.name in own or f.required or f.name in made.columns)
    ]
    columns = [*made.columns, *(c for c in filled if c not in made.columns)]
    frames = (
        complete(
            frame,
            schema,
            settings,
            stream(recipe.seed, source, "extra", str(i)),
            notes,
            source,
            own=own,
        )
        for i, frame in enumerate(made.frames)
    )
    return Pieces(columns, frames)


class _Context:
    """Runs the generator of each source's shape with the shared inputs."""

    def __init__(
        self,
        framework: Framework,
        recipe: Recipe,
        targets: list[Target],
        years: list[str],
        size: float,
        report: GenerationReport,
        chunk_rows: int = CHUNK_ROWS,
    ) -> None:
        self.framework = framework
        self.recipe = recipe
        self.targets = targets
        self.years = years
        self.size = size
        self.report = report
        self.chunk_rows = chunk_rows
        self.days = DayMaker(framework.calendar)
        self.figures = {f.id: float(f.value) for f in framework.published_figures.values()}

    def _skip(self, source: Source, why: str) -> None:
        self.report.skipped_sources.append((source.id, why))

    def make(self, source: Source) -> pd.DataFrame | Pieces | None:
        """The records of one source (whole, or in pieces made as they are written), or None
        (with the reason noted) when it has none; completed from what the source declares
        (its extra columns, columns that follow from others, its date order)."""
        made = self._made_by_shape(source)
        if made is None or (isinstance(made, pd.DataFrame) and made.empty):
            return made
        schema = resolve_schema(source.schema_)
        own = {f.name for f in source.schema_.fields} if source.schema_ is not None else set()
        return _completed(made, schema, self.recipe, source.id, self.report.notes, own)

    def _made_by_shape(self, source: Source) -> pd.DataFrame | Pieces | None:
        """The records the generator of the source's shape makes."""
        if source.kind.value in NOT_TABLES or source.path is None:
            return None
        shape = source.schema_.shape if source.schema_ is not None else None
        targets = [t for t in self.targets if t.source == source.id]
        notes = self.report.notes
        recipe = self.recipe
        if shape in ("survey_responses", "partner_survey"):
            settings = recipe.surveys.get(source.id)
            if settings is None:
                self._skip(source, "the recipe has no 'surveys' entry for it")
                return None
            measures = self._measures(source.id, "survey_proportion")
            questions = list(self.framework.survey_questions.values())
            plan = plan_survey(source.id, questions, measures, settings)
            return make_survey(
                source.id,
                plan,
                settings,
                targets,
                recipe,
                self.years,
                self.size,
                self.figures,
                notes,
                self.chunk_rows,
            )
        if shape == "applications" and recipe.applications is not None:
            return make_applications(
                recipe.applications,
                targets,
                recipe,
                self.years,
                self.size,
                self.days,
                notes,
                earliest=window_for(self.framework, source).lowest,
            )
        if shape in ("redeterminations", "appeals"):
            settings_flow = (
                recipe.redeterminations if shape == "redeterminations" else recipe.appeals
            )
            if settings_flow is None:
                self._skip(source, f"the recipe has no '{shape}' section")
                return None
            flow = REDETERMINATIONS if shape == "redeterminations" else APPEALS
            return make_cases(
                flow,
                settings_flow,
                targets,
                recipe,
                self.years,
                self.size,
                self.days,
                self.framework.rulebook,
                notes,
            )
        if shape == "calls" and recipe.calls is not None:
            return make_calls(
                recipe.calls, targets, recipe, self.years, self.size, self.days, notes
            )
        if shape == "complaints" and recipe.complaints is not None:
            weights = self._benefit_weights()
            return make_complaints(
                recipe.complaints, targets, recipe, self.years, self.size, self.days, weights
            )
        if shape == "staff" and recipe.staff is not None:
            for t in targets:
                notes.append(f"{t.describe()}: the staff shape holds headcounts, not records")
            return make_staff(recipe.staff, self.years, self.size)
        if shape == RETURNS_SHAPE:
            settings_returns = recipe.organisation_returns.get(source.id, ReturnSettings())
            measures = [
                m
                for m in self.framework.framework.measures.values()
                if m.kind == "organisation_return"
                and m.status == "active"
                and str(m.params.get("source") or m.sources[0]) == source.id
            ]
            return make_returns(
                source.id,
                self.framework.organisations,
                measures,
                settings_returns,
                recipe,
                self.years,
                self.size,
                notes,
            )
        if source.id in recipe.records:
            schema = resolve_schema(source.schema_)
            return make_records(
                source.id,
                schema,
                recipe.records[source.id],
                targets,
                recipe,
                self.years,
                self.size,
                self.days,
                notes,
                organisations=self.framework.organisations,
                organisation_column=organisation_column(source),
                rulebook=self.framework.rulebook,
            )
        self._skip(source, f"no generator or recipe section for shape '{shape}'")
        return None

    def plan(self, source: Source) -> list[PlannedVolume]:
        """What :meth:`make` would make of ``source``, counted by the functions its shape's
        generator counts with (empty for shapes whose volumes are not planned)."""
        if source.kind.value in NOT_TABLES or source.path is None:
            return []
        shape = source.schema_.shape if source.schema_ is not None else None
        targets = [t for t in self.targets if t.source == source.id]
        recipe, years, size, sid = self.recipe, self.years, self.size, source.id
        out: list[PlannedVolume] = []

        def per_year(counts: dict[str, int], what: str) -> None:
            out.extend(PlannedVolume(sid, y, ALL, n, what) for y, n in counts.items())

        if shape in ("survey_responses", "partner_survey") and sid in recipe.surveys:
            per_year(
                respondents_by_year(recipe.surveys[sid], years, size, self.figures), "respondents"
            )
        elif shape == "applications" and recipe.applications is not None:
            for year in years:
                for benefit, n in decisions_by_benefit(
                    recipe.applications, recipe, year, size
                ).items():
                    out.append(PlannedVolume(sid, year, benefit, n, "decisions"))
            still_open = open_at_end(recipe.applications, years[-1], size)
            if still_open:
                out.append(PlannedVolume(sid, years[-1], "open", still_open, "decisions"))
        elif shape in ("redeterminations", "appeals"):
            flow = REDETERMINATIONS if shape == "redeterminations" else APPEALS
            settings = recipe.redeterminations if flow is REDETERMINATIONS else recipe.appeals
            if settings is not None:
                for year in years:
                    for benefit, n in cases_by_benefit(
                        flow, settings, targets, recipe, year, size
                    ).items():
                        out.append(PlannedVolume(sid, year, benefit, n, shape))
        elif shape == "calls" and recipe.calls is not None:
            per_year(calls_by_year(recipe.calls, years, size), "calls")
        elif shape == "complaints" and recipe.complaints is not None:
            per_year(complaints_by_year(recipe.complaints, years, size), "complaints")
        elif shape == "staff" and recipe.staff is not None:
            per_year(
                {
                    y: scaled(recipe.staff.headcount[y], size)
                    for y in years
                    if y in recipe.staff.headcount
                },
                "staff",
            )
        elif shape != RETURNS_SHAPE and sid in recipe.records:
            counts = {y: record_volume(recipe.records[sid], targets, y, size, []) for y in years}
            per_year({y: n for y, n in counts.items() if n > 0}, "records")
        return out

    def _measures(self, source: str, kind: str) -> list[Measure]:
        return [
            m for m in record_measures(self.framework) if m.kind == kind and source_of(m) == source
        ]

    def _benefit_weights(self) -> dict[str, dict[str, float]]:
        apps = self.recipe.applications
        if apps is None:
            return {}
        out: dict[str, dict[str, float]] = {}
        for benefit, volumes in apps.decisions.items():
            for year, n in volumes.items():
                out.setdefault(year, {})[benefit] = float(n)
        return out
