"""From returns to figures and a site: the workspace's only door into the pipeline.

The returns in use are put where the framework's ``sources.yaml`` says each source's file
is, then :class:`charterwatch.pipeline.Pipeline` computes into the framework's results store
exactly as ``charterwatch compute`` does, and a release builds the site with
:func:`charterwatch.publish.site.site.build_site` as ``charterwatch build`` does. Nothing
here decides a figure, a status or what is withheld.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

from charterwatch.model.framework import Measure
from charterwatch.pipeline import Pipeline, PipelineError
from charterwatch.publish.revisions import Key, Revision
from charterwatch.results.figure import Figure
from charterwatch.sources.load import source_folder
from charterwatch.workspace.models import ReportingYear, ReturnVersion
from charterwatch.workspace.returns import copy_out, framework

HEADLINE = "value"


def root() -> Path:
    return Path(settings.FRAMEWORK)


def stage_returns(year: ReportingYear) -> list[str]:
    """Put the newest accepted version of each source's return for ``year`` at the source's
    path in the framework folder; returns the ids of the sources staged."""
    fw = framework()
    staged = []
    for source in fw.sources.values():
        latest = ReturnVersion.objects.filter(year=year, source=source.id).first()
        if latest is None or source.path is None:
            continue
        copy_out(latest, source_folder(source, root()) / source.path)
        staged.append(source.id)
    return staged


@dataclass(frozen=True)
class ComputeOutcome:
    ok: bool
    figures: int
    message: str


def compute_all(
    on_total: Callable[[list[str], int], None] | None = None,
    on_measure: Callable[[Measure], None] | None = None,
) -> ComputeOutcome:
    """Compute every measure for every year into the results store (all or nothing);
    ``on_total`` is told the years and how many measures, ``on_measure`` each measure done."""
    try:
        pipeline = Pipeline.open(root())
        report = pipeline.compute(progress=on_measure, on_years=on_total)
    except PipelineError as exc:
        return ComputeOutcome(False, 0, "\n".join(i.render() for i in exc.issues))
    problems = "\n".join(i.render() for i in report.issues)
    return ComputeOutcome(
        not report.issues,
        len(report.rows),
        problems or f"{len(report.rows)} figures for {report.years[0]} to {report.years[-1]}",
    )


def measure_figures(measure: str, year: str) -> list[Figure]:
    """The stored figures of one measure for one year (empty before any compute)."""
    pipeline = Pipeline.open(root())
    if not pipeline.store.path.exists():
        return []
    return pipeline.store.query(measure=measure, period=year)


def stored_figures() -> list[Figure]:
    """Every yearly figure in the results store (empty before any compute)."""
    pipeline = Pipeline.open(root())
    if not pipeline.store.path.exists():
        return []
    return pipeline.store.query()


def fingerprint(figures: list[Figure]) -> str:
    """A hash of what a reviewer sees of the figures: any change to a value, base, interval,
    symbol, note, comparison or status gives another fingerprint."""
    seen: list[Any] = []
    for f in figures:
        seen.append(
            [
                list(f.key),
                f.value,
                f.base,
                f.ci_low,
                f.ci_high,
                f.symbol,
                f.note,
                str(f.comparison),
                None if f.assessment is None else str(f.assessment.status),
            ]
        )
    text = json.dumps(seen, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def measures_with_figures(year: str) -> list[str]:
    """The measures that have a stored figure for ``year``, in framework order."""
    pipeline = Pipeline.open(root())
    if not pipeline.store.path.exists():
        return []
    stored = {f.measure for f in pipeline.store.query(period=year, statistic=HEADLINE)}
    return [m.id for m in pipeline.measures() if m.id in stored]


def site_folder(year: ReportingYear) -> Path:
    """Where a year's release is built."""
    return Path(settings.DATA) / "releases" / year.label / "site"


def build_release(
    year: ReportingYear,
    feedback_url: str | None = None,
    revisions: Mapping[Key, Revision] | None = None,
) -> tuple[bool, str]:
    """Build the year's site from the results store (after every measure is signed off);
    every page's "Was this page useful?" form posts to ``feedback_url`` (the workspace's
    own feedback address); ``revisions`` are marked ``[r]`` with their first published value."""
    from charterwatch.publish.readability import ReadabilityError
    from charterwatch.publish.site.build import SiteError
    from charterwatch.publish.site.output import OutputError
    from charterwatch.publish.site.site import build_site

    out = site_folder(year)
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        pipeline = Pipeline.open(root())
        report = build_site(
            pipeline, out, year.label, "en", feedback_url=feedback_url, revisions=revisions
        )
    except PipelineError as exc:
        return False, "\n".join(i.render() for i in exc.issues)
    except (SiteError, OutputError, LookupError, ReadabilityError) as exc:
        return False, str(exc)
    return True, f"built {len(report.pages)} pages and {len(report.files)} files"
