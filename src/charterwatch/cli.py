"""The ``charterwatch`` command: thin wrappers that parse options and call the library.

Exit codes: 0 success, 1 a handled failure (the input has errors, or an operational failure
such as a locked store or a full disk, see ``docs/troubleshooting.md``), 2 an unexpected
crash (a bug: please report it with the output of ``--debug``).
"""

from __future__ import annotations

import contextlib
import datetime
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from charterwatch.builtins import load_builtins
from charterwatch.failures import OperationalError, from_os_error

if TYPE_CHECKING:
    from charterwatch.model.framework import Framework
    from charterwatch.model.issues import Issue
    from charterwatch.pipeline import Pipeline
    from charterwatch.publish.revisions import Key, Revision

app = typer.Typer(
    name="charterwatch",
    help="Measure, explain and publish how a public service keeps the promises in its charter.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    epilog="Learn more: README.md and docs/ in the repository.",
)
console = Console()
err_console = Console(stderr=True)

PIPELINE = "Pipeline"
PUBLISH = "Publish"
UTILITIES = "Utilities"

MEMORY_LIMIT_VARIABLE = "CHARTERWATCH_MEMORY_LIMIT"
"""The environment variable the engine reads its memory limit from (such as ``4GB``)."""

MEMORY_UNITS = ("B", "KB", "MB", "GB", "TB", "KiB", "MiB", "GiB", "TiB")

FrameworkDir = Annotated[
    Path,
    typer.Argument(
        help="The framework folder (the one holding charterwatch.yaml).",
        show_default=False,
    ),
]
Format = Annotated[str, typer.Option("--format", help="Output format: text or json.")]


def progress_bar() -> Progress:
    """The progress bar of long commands: description, bar, done of total, current item."""
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[current]}"),
        console=console,
        transient=not console.is_terminal,
    )


def load_or_exit(root: Path) -> Framework:
    """Load a framework folder, printing every issue and exiting 1 when it has errors."""
    from charterwatch.console.issues import print_issues
    from charterwatch.model.loader import load_framework

    result = load_framework(root)
    if result.framework is None or not result.issues.ok:
        print_issues(err_console, result.issues)
        err_console.print(f"[red]{root}: {result.issues.summary()}[/]")
        raise typer.Exit(1)
    return result.framework


@app.command(
    rich_help_panel=PIPELINE,
    epilog=(
        "Examples:\n\n"
        "  charterwatch validate examples/scotland\n\n"
        "  charterwatch validate examples/scotland --release --year 2023-24"
    ),
)
def validate(
    root: FrameworkDir,
    fmt: Format = "text",
    release: Annotated[
        bool,
        typer.Option(
            "--release",
            help="Also check the computed results are ready to release: every shortfall "
            "has an improvement action or an explanation.",
        ),
    ] = False,
    year: Annotated[
        str | None, typer.Option(help="With --release: the year (default: the latest).")
    ] = None,
    on: Annotated[
        str | None, typer.Option(help="With --release: the date for overdue actions.")
    ] = None,
) -> None:
    """Load a framework folder, cross-check it and list every problem with its fix."""
    import charterwatch.synthetic.recipe  # noqa: F401  (checks an example's synthetic: recipe)
    from charterwatch.console.issues import print_issues
    from charterwatch.console.show import print_summary_line
    from charterwatch.model.loader import load_framework

    result = load_framework(root)
    in_shortfall = ""
    if release and result.framework is not None and result.issues.ok:
        found, in_shortfall = _release_issues(root, result.framework, year, on)
        result.issues.extend(found)
    if fmt == "json":
        print_issues(console, result.issues, fmt="json")
    else:
        print_issues(console, result.issues)
        if result.framework is not None and result.issues.ok:
            print_summary_line(console, result.framework)
        if in_shortfall:
            console.print(in_shortfall, highlight=False)
        colour = "green" if result.issues.ok else "red"
        console.print(f"[{colour}]{root}: {result.issues.summary()}[/]", highlight=False)
    raise typer.Exit(0 if result.issues.ok else 1)


def _release_issues(
    root: Path, fw: Framework, year: str | None, on: str | None
) -> tuple[list[Issue], str]:
    """The release check's problems, and a line naming every measure in shortfall."""
    import datetime as dt

    from charterwatch.accountability import find_shortfalls, release_issues
    from charterwatch.pipeline import STORE_FILE
    from charterwatch.results.store import ResultsStore

    store = ResultsStore(root / STORE_FILE)
    if not store.path.exists():
        _fail(f"no results store at {store.path}; run 'charterwatch compute {root}' first")
    chosen = year or max(r.label for r in store.query(statistic="value", breakdown="all"))
    when = _date(on) if on else (fw.project.release_date or dt.date.today())
    shortfalls = find_shortfalls(fw, store, chosen)
    answered = sum(s.answered for s in shortfalls)
    line = (
        f"{chosen}: {len(shortfalls)} measures in shortfall"
        + (f" ({', '.join(s.measure.id for s in shortfalls)})" if shortfalls else "")
        + f", {answered} with a response"
    )
    return release_issues(fw, store, chosen, when), line


def _date(text: str) -> datetime.date:
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        _fail(f"'{text}' is not a date; write it as YYYY-MM-DD, e.g. 2024-11-12")


@app.command(
    rich_help_panel=PIPELINE,
    epilog="Example: charterwatch status examples/scotland --on 2024-11-12",
)
def status(
    root: FrameworkDir,
    on: Annotated[
        str | None,
        typer.Option(
            help="The date to judge overdue actions (default: the release date, else today)."
        ),
    ] = None,
) -> None:
    """Improvement actions by status, with overdue ones flagged, and unanswered shortfalls."""
    import datetime as dt

    from charterwatch.console.status import print_status

    fw = load_or_exit(root)
    when = _date(on) if on else (fw.project.release_date or dt.date.today())
    try:
        problems = print_status(console, fw, root, when)
    except OperationalError as exc:
        _operational(exc)
    raise typer.Exit(1 if problems else 0)


@app.command(
    rich_help_panel=PIPELINE,
    epilog=(
        "Examples:\n\n"
        "  charterwatch show examples/scotland\n\n"
        "  charterwatch show examples/scotland --commitments --section S2\n\n"
        "  charterwatch show examples/scotland --measure M2.05"
    ),
)
def show(
    root: FrameworkDir,
    commitments: Annotated[
        bool,
        typer.Option(
            "--commitments",
            help="List commitments with their measures and, once computed, each one's "
            "verdict (are we keeping this promise?) and why.",
        ),
    ] = False,
    measure: Annotated[str | None, typer.Option(help="Show one measure in full.")] = None,
    commitment: Annotated[
        str | None, typer.Option(help="Show one commitment and its measures.")
    ] = None,
    section: Annotated[str | None, typer.Option(help="Limit --commitments to a section.")] = None,
    framework: Annotated[
        str | None, typer.Option(help="Framework version (default: the project's).")
    ] = None,
    year: Annotated[
        str | None,
        typer.Option(help="The year of the verdicts (default: the latest computed)."),
    ] = None,
) -> None:
    """Browse the framework: counts by section, commitments and their measures, one measure."""
    from charterwatch.console.show import (
        commitments_tree,
        measure_panel,
        section_counts,
        stored_verdicts,
    )
    from charterwatch.model.in_force import in_force

    fw = load_or_exit(root)
    version_id = framework or fw.project.default_framework
    if version_id not in fw.frameworks:
        _fail(f"no framework version '{version_id}'; known: {', '.join(fw.frameworks)}")
    version = fw.frameworks[version_id]
    if measure is not None:
        m = version.measures.get(measure)
        if m is None:
            _fail(_unknown("measure", measure, list(version.measures)))
        console.print(measure_panel(fw, m))
        return
    found = None
    if commitment is not None or commitments:
        try:
            found = stored_verdicts(fw, root, year)
        except OperationalError as exc:
            _operational(exc)
        except ValueError as exc:
            _fail(str(exc))
    if found is not None:
        # The verdicts are for the version in force that year (the site's rule): show that
        # version's commitments, unless another version was asked for (then no verdicts).
        current = in_force(fw, found[0])
        if framework is None or framework == current.framework.id:
            fw, version = current, current.framework
        else:
            found = None
    if commitment is not None:
        charter = fw.charters[version.spec.charter]
        c = charter.commitments.get(commitment)
        if c is None:
            _fail(_unknown("commitment", commitment, list(charter.commitments)))
        console.print(f"[bold cyan]{c.id}[/] {c.text}", highlight=False)
        if found is not None and c.id in found[1]:
            verdict = found[1][c.id]
            console.print(
                f"{found[0]}: [bold]{verdict.label}[/]. {verdict.reason}", highlight=False
            )
        for m in fw.measures_for(c.id, version.id):
            console.print(measure_panel(fw, m))
        return
    if commitments:
        if found is not None:
            console.print(f"Are we keeping our promises? Verdicts for {found[0]}.", highlight=False)
        else:
            console.print(
                "No results are computed yet, so no verdicts: run 'charterwatch compute'."
            )
        console.print(commitments_tree(fw, version, section, found[1] if found else None))
        return
    console.print(section_counts(fw, version))


@app.command(
    rich_help_panel=PIPELINE,
    epilog=(
        "Examples:\n\n"
        "  charterwatch compute examples/scotland\n\n"
        "  charterwatch compute examples/scotland --year 2023-24\n\n"
        "  charterwatch compute examples/scotland --engine postgresql://postgres@127.0.0.1/test"
    ),
)
def compute(
    root: FrameworkDir,
    year: Annotated[
        list[str] | None, typer.Option(help="A financial year such as 2023-24 (repeatable).")
    ] = None,
    measure: Annotated[
        list[str] | None, typer.Option(help="Only this measure id (repeatable).")
    ] = None,
    engine: Annotated[
        str | None,
        typer.Option(help="Database URL to compute on (default: DuckDB in memory)."),
    ] = None,
    store: Annotated[
        Path | None, typer.Option(help="Results store file (default: DIR/.charterwatch/).")
    ] = None,
    by: Annotated[
        str,
        typer.Option(
            "--by", help="year (default), or quarter or month for a series of dated records."
        ),
    ] = "year",
    memory_limit: Annotated[
        str | None,
        typer.Option(
            "--memory-limit",
            help="The most memory the compute may use, such as 4GB or 512MB: DuckDB is given "
            "four fifths of it and spills to disk past that. "
            f"Sets {MEMORY_LIMIT_VARIABLE} for the run (default: that "
            "variable if set, else the engine's own limit).",
        ),
    ] = None,
) -> None:
    """Compute every measure from the raw sources into the results store, with progress."""
    from charterwatch.console.issues import print_issues
    from charterwatch.dates.periods import FinancialYear
    from charterwatch.pipeline import Pipeline, PipelineError

    for label in year or []:
        try:
            FinancialYear.parse(label)
        except ValueError as exc:
            _fail(f"--year {label}: {exc}")
    if by not in ("year", "quarter", "month"):
        _fail(f"--by must be year, quarter or month, not '{by}'")
    if memory_limit is not None:
        try:
            memory_limit = memory_size(memory_limit)
        except ValueError as exc:
            _fail(f"--memory-limit {memory_limit}: {exc}")
    try:
        pipeline = Pipeline.open(root, store)
        with environment_set(MEMORY_LIMIT_VARIABLE, memory_limit), progress_bar() as bar:
            task = bar.add_task("computing measures", total=None, current="loading sources")

            def started(years: list[str], count: int) -> None:
                bar.update(task, total=count, current=f"years {years[0]} to {years[-1]}")

            report = pipeline.compute(
                years=year,
                measure_ids=measure,
                engine_url=engine,
                progress=lambda m: bar.update(task, advance=1, current=m.id),
                on_years=started,
                granularity=by,
            )
    except PipelineError as exc:
        print_issues(err_console, exc.issues)
        err_console.print(f"[red]{root}: {exc.issues.summary()}; nothing was written[/]")
        raise typer.Exit(1) from None
    except KeyError as exc:
        _fail(str(exc.args[0]))
    except OperationalError as exc:
        _operational(exc)
    if report.stale_lock is not None:
        err_console.print(
            f"note: a compute that did not finish ({report.stale_lock.describe()}) had left "
            "its lock behind; that process is gone, so the lock was taken over",
            highlight=False,
        )
    for issue in report.issues:
        err_console.print(issue.render(), highlight=False)
    if report.left_out:
        console.print(f"left out of the {by} series: " + "; ".join(report.left_out))
    measures = len({r.measure for r in report.rows})
    console.print(
        f"computed {measures} measures for {report.years[0]} to {report.years[-1]}: "
        f"{len(report.rows)} figures, {len(report.no_data)} with no data, "
        f"{report.suppressed} suppressed for disclosure control -> {pipeline.store.path}",
        highlight=False,
    )
    raise typer.Exit(1 if report.issues else 0)


@app.command(
    rich_help_panel=PIPELINE,
    epilog=(
        "Examples:\n\n"
        "  charterwatch results examples/scotland --measure M1.01\n\n"
        "  charterwatch results examples/scotland --year 2022-23 --format csv > figures.csv"
    ),
)
def results(
    root: FrameworkDir,
    measure: Annotated[str | None, typer.Option(help="Only this measure id.")] = None,
    year: Annotated[str | None, typer.Option(help="Only this financial year.")] = None,
    breakdown: Annotated[
        str | None, typer.Option(help="Only this breakdown (default: all of them).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
    store: Annotated[Path | None, typer.Option(help="Results store file.")] = None,
) -> None:
    """Print the stored figures, so anyone can query them without writing code."""
    from charterwatch.console.results import print_results
    from charterwatch.pipeline import STORE_FILE
    from charterwatch.results.store import ResultsStore

    if fmt not in {"table", "csv", "json"}:
        _fail(f"--format must be table, csv or json, not '{fmt}'")
    try:
        found = ResultsStore(store or root / STORE_FILE)
        rows = found.query(measure=measure, period=year, breakdown=breakdown, granularity=None)
    except FileNotFoundError as exc:
        _fail(str(exc))
    except OperationalError as exc:
        _operational(exc)
    if not rows:
        _fail("no stored figures match; check the measure id and year")
    from charterwatch.publish.i18n import Catalogue

    print_results(console, rows, fmt, Catalogue(extra=root / "locales"))


@app.command(
    rich_help_panel=PUBLISH,
    epilog=(
        "Examples:\n\n"
        "  charterwatch build examples/scotland --out site/\n\n"
        "  charterwatch build examples/scotland --out site/ --year 2022-23"
    ),
)
def build(
    root: FrameworkDir,
    out: Annotated[
        Path,
        typer.Option(help="The folder to write the site into: new, empty or built before."),
    ] = Path("site"),
    year: Annotated[
        str | None,
        typer.Option(help="The year to publish (default: the latest with figures)."),
    ] = None,
    language: Annotated[str, typer.Option(help="Interface language catalogue.")] = "en",
    store: Annotated[Path | None, typer.Option(help="Results store file.")] = None,
    full: Annotated[
        bool,
        typer.Option(
            "--full",
            help="Render every page and file again, even those whose inputs are unchanged "
            "since the site in --out was built.",
        ),
    ] = False,
    revised_from: Annotated[
        Path | None,
        typer.Option(
            help="The all-figures.csv of the release these figures revise: a figure that "
            "differs from it is marked [r], with the value first published and --revision-note.",
        ),
    ] = None,
    revision_note: Annotated[
        str,
        typer.Option(help="Why figures were revised (required with --revised-from)."),
    ] = "",
) -> None:
    """Build the accessible website, downloads and PDFs from the results store.

    The site is built in a temporary folder beside --out and replaces it only when complete:
    a failed build leaves the previous site as it was. --out must be new, empty or a site
    charterwatch built before. Pages and files whose inputs (figures, framework, templates,
    wording, charterwatch version) are unchanged since that site was built are copied from it.
    """
    from rich.markup import escape

    from charterwatch.console.issues import print_issues
    from charterwatch.pipeline import Pipeline, PipelineError
    from charterwatch.publish.readability import ReadabilityError
    from charterwatch.publish.site.build import SiteError
    from charterwatch.publish.site.output import OutputError, check_target
    from charterwatch.publish.site.site import build_site

    kept = f"{out} is unchanged" if out.exists() else f"nothing was written to {out}"
    try:
        check_target(out)
        pipeline = Pipeline.open(root, store)
        if not pipeline.store.path.exists():
            _fail(f"no results store at {pipeline.store.path}; run 'charterwatch compute {root}'")
        revisions = _revisions(pipeline, revised_from, revision_note, kept)
        with console.status("building the site"):
            report = build_site(pipeline, out, year, language, full=full, revisions=revisions)
    except PipelineError as exc:
        print_issues(err_console, exc.issues)
        _fail(escape(f"{root}: {exc.issues.summary()}; {kept}"))
    except OutputError as exc:
        _fail(escape(str(exc)))
    except (SiteError, LookupError, ReadabilityError) as exc:
        _fail(escape(f"{exc}\n{kept}"))
    kept_note = f" ({len(report.kept)} unchanged, copied)" if report.kept else ""
    console.print(
        f"built {len(report.pages)} pages and {len(report.files)} files{kept_note} in "
        f"{report.seconds:.1f} s -> {out}/index.html",
        highlight=False,
    )
    if revisions:
        console.print(f"{len(revisions)} figures revised since first published, marked [r]")


def _revisions(
    pipeline: Pipeline, published: Path | None, note: str, kept: str
) -> dict[Key, Revision]:
    """The figures that differ from a previous release's ``all-figures.csv``."""
    from charterwatch.publish.revisions import find_revisions, snapshot_from_csv

    if published is None:
        if note:
            _fail(f"--revision-note needs --revised-from (the earlier release's CSV); {kept}")
        return {}
    if not published.is_file():
        _fail(
            f"--revised-from {published}: no such file; give the all-figures.csv of the "
            f"earlier release (downloads/data/all-figures.csv); {kept}"
        )
    try:
        snapshot = snapshot_from_csv(published)
    except (ValueError, UnicodeDecodeError, OSError) as exc:
        _fail(f"--revised-from: {exc}; {kept}")
    found = find_revisions(pipeline.store.query(), snapshot, note.strip())
    if found and not note.strip():
        _fail(
            f"{len(found)} figures differ from {published}: say why with --revision-note "
            f"(it is published beside each revised figure); {kept}"
        )
    return found


@app.command(
    "review",
    rich_help_panel=UTILITIES,
    epilog="Example: charterwatch review examples/scotland --html review.html",
)
def review(
    root: FrameworkDir,
    html: Annotated[
        Path | None, typer.Option(help="Also write the report as an accessible HTML page.")
    ] = None,
    recent: Annotated[
        int, typer.Option(min=1, help="Years counted as recent when looking for data gaps.")
    ] = 3,
    similarity: Annotated[
        float,
        typer.Option(
            min=0.0, max=1.0, help="How alike (0 to 1) two measures' wording must be to report."
        ),
    ] = 0.6,
    store: Annotated[Path | None, typer.Option(help="Results store file.")] = None,
) -> None:
    """Report for the charter review: data gaps, overlapping measures, burden and stability.

    Lists commitments no measure evidences, measures with no data lately, measures that may
    duplicate each other, survey and team burden, and measures that never changed or are
    always withheld.

    Reads the framework and, when there is one, the results store (run 'compute' first for
    the data gaps and stability). Every finding names the rule that made it (docs/review.md).
    """
    from charterwatch.charter_review.findings import build_report
    from charterwatch.charter_review.report import print_report, write_html
    from charterwatch.pipeline import Pipeline, PipelineError

    try:
        pipeline = Pipeline.open(root, store)
    except PipelineError as exc:
        _fail(f"{root}: {exc.issues.summary()}; run 'charterwatch validate {root}'")
    figures = pipeline.store.query() if pipeline.store.path.exists() else None
    with console.status("reading the framework, figures and survey data"):
        report = build_report(pipeline.framework, figures, recent, similarity)
    print_report(report, console)
    if html is not None:
        written = write_html(report, html, similarity)
        console.print(f"\nwrote {written}")


@app.command(
    "consultation",
    rich_help_panel=UTILITIES,
    epilog="Example: charterwatch consultation examples/scotland/consultation --out review",
)
def consultation(
    folder: Annotated[
        Path, typer.Argument(help="The folder holding consultation.yaml and its files.")
    ],
    out: Annotated[
        Path | None,
        typer.Option(help="Write consultation.html and consultation.csv into this folder."),
    ] = None,
) -> None:
    """Analyse a consultation's surveys and interviews for the charter review.

    Agree/disagree surveys get diverging bars with percentages, base and interval; interview
    excerpts are listed by theme.

    A survey with fewer respondents than the threshold (default 10) is given in words only
    ("most", "some", "a few") in every output: no count, percentage or chart
    (docs/consultation.md).
    """
    from charterwatch.consultation.analysis import analyse
    from charterwatch.consultation.files import ConsultationError, load_consultation
    from charterwatch.consultation.render import print_results, write_csv, write_html

    try:
        read = load_consultation(folder)
    except ConsultationError as exc:
        _fail(f"{exc}; nothing was written")
    results = analyse(read)
    print_results(read, results, console)
    if out is not None:
        page = write_html(read, results, out / "consultation.html")
        table = write_csv(results, out / "consultation.csv")
        console.print(f"\nwrote {page} and {table}")


charter_app = typer.Typer(
    help="Charter versions: what changed between two, and moving the framework's links.",
    no_args_is_help=True,
)
app.add_typer(charter_app, name="charter", rich_help_panel=UTILITIES)


def _loaded_framework(root: Path) -> Framework:
    from charterwatch.model.loader import load_framework

    result = load_framework(root)
    if result.framework is None or not result.issues.ok:
        _fail(f"{root} has errors; run 'charterwatch validate {root}' first")
    return result.framework


@charter_app.command(
    "diff", epilog="Example: charterwatch charter diff examples/scotland 2019 2024"
)
def charter_diff(
    root: FrameworkDir,
    old: Annotated[str, typer.Argument(help="The earlier charter version's id.")],
    new: Annotated[str, typer.Argument(help="The later version's id (with a mapping from it).")],
) -> None:
    """What changed from one charter version to the next, commitment by commitment.

    Added, removed, merged, split, reworded or left unmapped, by the later version's
    mapping (docs/review.md)."""
    from charterwatch.charter_review.versions import VersionError, diff_charters

    fw = _loaded_framework(root)
    try:
        d = diff_charters(fw, old, new)
    except VersionError as exc:
        _fail(str(exc))
    console.print(f"[bold]Charter {old} -> {new}[/]")
    console.print(f"added ({len(d.added)}): {', '.join(d.added) or 'none'}")
    console.print(f"removed ({len(d.removed)}): {', '.join(d.removed) or 'none'}")
    console.print(f"not mapped ({len(d.not_mapped)}): {', '.join(d.not_mapped) or 'none'}")
    console.print(f"split ({len(d.split)}):")
    for source, targets in d.split:
        console.print(f"  {source} -> {', '.join(targets)}")
    console.print(f"merged ({len(d.merged)}):")
    for sources, target in d.merged:
        console.print(f"  {', '.join(sources)} -> {target}")
    console.print(f"reworded ({len(d.reworded)}):")
    for source, target, score in d.reworded:
        moved = f" (now {target})" if target != source else ""
        console.print(f"  {source}{moved}: wording {score:.2f} alike")
    if d.renumbered:
        console.print(
            "renumbered, same words: " + ", ".join(f"{a} -> {b}" for a, b in d.renumbered)
        )
    console.print(f"unchanged ({len(d.unchanged)}): {', '.join(d.unchanged) or 'none'}")


@charter_app.command(
    "move", epilog="Example: charterwatch charter move examples/scotland --to 2024"
)
def charter_move(
    root: FrameworkDir,
    to: Annotated[str, typer.Option("--to", help="The charter version to move the links to.")],
    write: Annotated[
        bool,
        typer.Option(
            "--write",
            help="Also save framework/<to>/framework.yaml: a framework version that keeps "
            "these measures, linked to the new charter, reported from the year it took effect.",
        ),
    ] = False,
) -> None:
    """Map every measure's commitments to a later charter version; report any left unlinked.

    Every measure the move would leave without a commitment is listed (none silently).
    Exits 1 when a measure would be left unlinked, so a script can stop there; with --write
    nothing is saved then."""
    from charterwatch.charter_review.versions import (
        VersionError,
        kept_framework_text,
        move_framework,
    )

    fw = _loaded_framework(root)
    try:
        moved = move_framework(fw, to)
    except VersionError as exc:
        _fail(str(exc))
    console.print(
        f"[bold]Framework {moved.framework}: charter {moved.old} -> {moved.new}[/]: "
        f"{len(moved.changed)} of {len(moved.measures)} measures' links change"
    )
    for m in moved.changed:
        lost = f"; dropped: {', '.join(m.lost)}" if m.lost else ""
        console.print(
            f"  {m.id}: {', '.join(m.before) or '-'} -> {', '.join(m.after) or 'NONE'}{lost}"
        )
    console.print(f"measures left without a commitment: {len(moved.unlinked)}")
    for m in moved.unlinked:
        console.print(f"  {m.id} {m.title} (was {', '.join(m.before)})")
    if moved.unlinked:
        raise typer.Exit(1)
    if write:
        _write_kept_framework(root, fw, to, kept_framework_text(fw, moved))


def _write_kept_framework(root: Path, fw: Framework, version: str, text: str) -> None:
    """Save a new framework version's file, refusing to overwrite or to leave a file that
    does not validate (it is removed again and the errors printed)."""
    from charterwatch.console.issues import print_issues
    from charterwatch.model.loader import load_framework

    if version in fw.frameworks:
        _fail(f"framework version '{version}' already exists; nothing written")
    path = root / "framework" / version / "framework.yaml"
    if path.exists():
        _fail(f"{path} already exists; nothing written")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    result = load_framework(root)
    if result.framework is None or not result.issues.ok:
        path.unlink()
        if not any(path.parent.iterdir()):
            path.parent.rmdir()
        print_issues(err_console, result.issues)
        _fail(f"the new framework version does not validate; {path} was not kept")
    first = result.framework.frameworks[version].spec.first_year
    console.print(
        f"wrote {path}: framework {version} keeps framework {fw.framework.id}'s measures, "
        f"reported against charter {version} from {first}"
    )


@app.command(
    "check-disclosure",
    rich_help_panel=PUBLISH,
    epilog="Example: charterwatch check-disclosure examples/scotland --site site",
)
def check_disclosure(
    root: FrameworkDir,
    site: Annotated[Path, typer.Option(help="The built site to attack.")] = Path("site"),
) -> None:
    """Attack a built site as an intruder would: can any count from 1 to min_count - 1 be
    worked out from what is published, or is any withheld value printed anywhere?

    Reads every published output (figures CSV and JSON, pages, workbooks, PDF text), solves
    for every small count with integer programming over all figures from the same records,
    and looks for the true value of every withheld cell of the results store. Exit 1 when
    anything is found. Method and limits: docs/intruder.md.
    """
    from rich.markup import escape

    from charterwatch.console.issues import print_issues
    from charterwatch.pipeline import Pipeline, PipelineError
    from charterwatch.review.intruder import audit_site
    from charterwatch.review.leaks import withheld_values_leaked
    from charterwatch.settings import disclosure_settings

    if not (site / "downloads").is_dir():
        _fail(f"{site} has no downloads folder; build it first with 'charterwatch build'")
    try:
        pipeline = Pipeline.open(root)
    except PipelineError as exc:
        print_issues(err_console, exc.issues)
        raise typer.Exit(1) from None
    if not pipeline.store.path.exists():
        _fail(f"no results store at {pipeline.store.path}; run 'charterwatch compute {root}'")
    settings = disclosure_settings(pipeline.framework.project.settings)
    report = audit_site(site, settings)
    leaks = withheld_values_leaked(site, pipeline.store.path, settings)
    for finding in report.findings:
        console.print(f"[red]{escape(finding.describe())}[/]", highlight=False)
    for leak in leaks:
        console.print(f"[red]leak: {escape(leak.describe())}[/]", highlight=False)
    colour = "green" if not report.findings and not leaks else "red"
    console.print(
        f"[{colour}]{report.summary()}; {len(leaks)} withheld value(s) printed[/]",
        highlight=False,
    )
    raise typer.Exit(0 if not report.findings and not leaks else 1)


@app.command(
    rich_help_panel=PUBLISH,
    epilog="Example: charterwatch serve site/ --port 8000",
)
def serve(
    site: Annotated[Path, typer.Argument(help="A folder built by 'charterwatch build'.")] = Path(
        "site"
    ),
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1.")] = 8000,
) -> None:
    """Serve a built site on your own machine until you press Ctrl+C."""
    from charterwatch.publish.serve import make_server

    if not (site / "index.html").is_file():
        _fail(f"{site} has no index.html; build it first with 'charterwatch build'")
    try:
        server = make_server(site, port=port)
    except OSError as exc:
        _fail(f"cannot listen on 127.0.0.1:{port} ({exc.strerror}); try --port {port + 1}")
    console.print(f"serving {site} at http://127.0.0.1:{port}/ (Ctrl+C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        console.print("stopped")
    finally:
        server.server_close()


@app.command(
    rich_help_panel=PUBLISH,
    epilog="Examples:\n\n charterwatch workspace examples/scotland --init --admin lead\n\n"
    " charterwatch workspace examples/scotland --port 8001",
)
def workspace(
    root: FrameworkDir,
    init: Annotated[
        bool, typer.Option("--init", help="Create the database and a first admin, then stop.")
    ] = False,
    admin: Annotated[str, typer.Option(help="With --init: the admin's username.")] = "admin",
    email: Annotated[str, typer.Option(help="With --init: the admin's email.")] = "",
    data: Annotated[
        Path | None,
        typer.Option(
            help="Folder for the database and returns (default: DIR/.charterwatch/workspace)."
        ),
    ] = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Run the workspace where teams send returns and analysts check and release them."""
    import getpass
    import os

    from charterwatch.workspace import control

    load_or_exit(root)
    control.configure(root, data)
    try:
        if init:
            control.migrate()
            teams = control.sync_teams()
            if control.user_exists(admin):
                console.print(
                    f"workspace database up to date, {teams} teams; admin '{admin}' already "
                    "exists (nothing else changed)"
                )
                return
            password = os.environ.get("CHARTERWATCH_ADMIN_PASSWORD") or ""
            if not password:
                password = getpass.getpass(f"Password for {admin}: ")
                if getpass.getpass("Again: ") != password:
                    _fail("the two passwords differ; nothing was created")
            control.create_admin(admin, email, password)
            console.print(
                f"workspace ready: database set up, {teams} teams from the framework, "
                f"admin '{admin}' created. Start it with 'charterwatch workspace {root}'."
            )
            return
        console.print(f"workspace at http://{host}:{port}/ (Ctrl+C to stop)")
        control.serve(host, port)
    except control.WorkspaceError as exc:
        _fail(str(exc))


@app.command(
    name="report-draft",
    rich_help_panel=PUBLISH,
    epilog="Example: charterwatch report-draft examples/scotland --out draft.md",
)
def report_draft(
    root: FrameworkDir,
    out: Annotated[Path, typer.Option(help="The Markdown file to write.")] = Path("draft.md"),
    year: Annotated[str | None, typer.Option(help="The year (default: the latest).")] = None,
    as_of: Annotated[
        str | None, typer.Option(help="The date for overdue actions (default: release date).")
    ] = None,
) -> None:
    """Draft the annual statutory report section on the Charter, for editors to finish."""
    import datetime as dt

    from charterwatch.console.issues import print_issues
    from charterwatch.pipeline import Pipeline, PipelineError
    from charterwatch.publish.annual_report import draft_annual_report
    from charterwatch.publish.responses import build_responses
    from charterwatch.publish.view import build_publication

    try:
        pipeline = Pipeline.open(root)
    except PipelineError as exc:
        print_issues(err_console, exc.issues)
        raise typer.Exit(1) from None
    if not pipeline.store.path.exists():
        _fail(f"no results store at {pipeline.store.path}; run 'charterwatch compute {root}'")
    pub = build_publication(pipeline.framework, pipeline.store, year)
    when = _date(as_of) if as_of else (pipeline.framework.project.release_date or dt.date.today())
    responses = build_responses(pub, pipeline.store, when)
    out.write_text(draft_annual_report(pub, pipeline.store, responses), encoding="utf-8")
    console.print(f"wrote the draft for {pub.year} to {out}", highlight=False)


@app.command(
    name="example-data",
    rich_help_panel=UTILITIES,
    epilog=(
        "Examples:\n\n"
        "  charterwatch example-data examples/scotland\n\n"
        "  charterwatch example-data examples/scotland --plan\n\n"
        "  charterwatch example-data examples/scotland --size 0.05 --seed 7"
    ),
)
def example_data(
    root: FrameworkDir,
    seed: Annotated[int | None, typer.Option(help="Random seed (default: the recipe's).")] = None,
    size: Annotated[
        float,
        typer.Option(
            help="Fraction of the recipe's volumes to make: 1 is the example at its real "
            "scale; 0.05 a small copy for tests (published counts are met at 1)."
        ),
    ] = 1.0,
    plan: Annotated[
        bool, typer.Option("--plan", help="Only print how many records each year would get.")
    ] = False,
) -> None:
    """Generate SYNTHETIC raw records for an example, calibrated to its published figures."""
    from charterwatch.synthetic import GenerationError, generate_example, plan_example

    if plan:
        try:
            planned = plan_example(root, size=size, seed=seed)
        except GenerationError as exc:
            _fail(str(exc))
        console.print("\n".join(planned.lines()), highlight=False)
        return
    try:
        with progress_bar() as bar:
            task = bar.add_task("generating synthetic records", total=None, current="")

            def progress(source: str, done: int, total: int) -> None:
                bar.update(task, completed=done, total=total, current=source)

            def rows(source: str, written: int) -> None:
                bar.update(task, current=f"{source}: {written:,} rows")

            report = generate_example(root, seed=seed, size=size, progress=progress, on_rows=rows)
    except GenerationError as exc:
        _fail(str(exc))
    console.print(report.summary(), highlight=False)
    unmet = report.unmet()
    if unmet:
        err_console.print(f"[yellow]{len(unmet)} published figure(s) could not be met[/]")


@app.command(
    rich_help_panel=UTILITIES,
    epilog="Example: charterwatch init my-charter --name 'Our Housing Charter'",
)
def init(
    root: Annotated[Path, typer.Argument(help="A new or empty folder.")],
    name: Annotated[str, typer.Option(help="The charter's name.")] = "Our Charter",
) -> None:
    """Start a framework folder: the smallest charter and framework that validate."""
    from charterwatch.starter import create_starter

    try:
        written = create_starter(root, name)
    except FileExistsError as exc:
        _fail(str(exc))
    for path in written:
        console.print(f"wrote {path}", highlight=False)
    console.print(f"next: charterwatch validate {root} && charterwatch compute {root}")


@app.command(
    rich_help_panel=UTILITIES,
    epilog="Example: charterwatch schema --out schema/charterwatch-framework.schema.json",
)
def schema(
    out: Annotated[
        Path | None, typer.Option(help="Write to this file instead of printing.")
    ] = None,
) -> None:
    """Print the JSON Schema of framework files, for checking them in an editor."""
    from charterwatch.model.schema import framework_schema_text

    text = framework_schema_text()
    if out is None:
        sys.stdout.write(text)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        console.print(f"wrote {out}")


def _unknown(kind: str, value: str, known: list[str]) -> str:
    import difflib

    guess = difflib.get_close_matches(value, known, n=1)
    hint = f" Did you mean '{guess[0]}'?" if guess else ""
    return f"no {kind} '{value}'.{hint}"


def _fail(message: str) -> NoReturn:
    # soft_wrap: the terminal wraps the line; rich would cut a long path in two, which
    # then cannot be copied
    err_console.print(f"[red]{message}[/]", soft_wrap=True)
    raise typer.Exit(1)


def _operational(exc: OperationalError) -> NoReturn:
    print_operational(exc)
    raise typer.Exit(1)


def operational(exc: Exception) -> OperationalError | None:
    """The operational failure behind an exception (a full disk met anywhere), or None."""
    if isinstance(exc, OperationalError):
        return exc
    return from_os_error(exc) if isinstance(exc, OSError) else None


def print_operational(exc: OperationalError) -> None:
    """An operational failure as two lines: code and what happened, then what to do."""
    err_console.print(
        f"[red]error {exc.code}:[/] {escape(exc.what)}", highlight=False, soft_wrap=True
    )
    err_console.print(f"    fix: {escape(exc.fix)}", highlight=False, soft_wrap=True)


def memory_size(text: str) -> str:
    """``text`` checked as an amount of memory and written the way DuckDB reads it (``4GB``).

    Raises:
        ValueError: saying what is expected, for a text such as ``lots`` or ``0GB``.
    """
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([A-Za-z]+)\s*", text)
    units = {u.lower(): u for u in MEMORY_UNITS}
    if match is None or match.group(2).lower() not in units:
        raise ValueError(
            "expected an amount of memory: a number and a unit such as 4GB, 512MB or 8GiB "
            f"(units: {', '.join(MEMORY_UNITS)})"
        )
    if float(match.group(1)) <= 0:
        raise ValueError("the memory limit must be more than 0, such as 4GB")
    return f"{match.group(1)}{units[match.group(2).lower()]}"


@contextlib.contextmanager
def environment_set(name: str, value: str | None) -> Iterator[None]:
    """Set the environment variable ``name`` to ``value`` (when given) for the block only."""
    if value is None:
        yield
        return
    before = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = before


HELP = {"--help"}


def only_help(args: list[str]) -> bool:
    """True when the command line asks only for the list of commands (``charterwatch``,
    ``charterwatch --help``): no built-in kind, reader or format is needed for it, so none is
    imported and the help appears at once."""
    return all(a in HELP for a in args)


def main() -> None:
    """Entry point: run the app; an operational failure exits 1, an unexpected exception 2."""
    debug = "--debug" in sys.argv
    if debug:
        sys.argv.remove("--debug")
    try:
        if not only_help(sys.argv[1:]):
            load_builtins()
        app()
    except SystemExit:
        raise
    except Exception as exc:
        known = operational(exc)
        if known is not None:  # the machine, not the code: a message, a fix and exit 1
            print_operational(known)
            sys.exit(1)
        if debug:  # a bug, not bad input: keep the message short unless asked
            raise
        err_console.print(
            f"[red]charterwatch crashed: {type(exc).__name__}: {exc}[/]\n"
            "This is a bug. Run again with --debug for the traceback and report it."
        )
        sys.exit(2)


def run() -> None:
    """The ``charterwatch`` command: :func:`main`, then the process's exit without the
    interpreter's last search for garbage (:mod:`charterwatch.quick_exit`: 0.1 to 0.25 s of
    every command). Not in :func:`main`, which tests call in their own process."""
    from charterwatch.quick_exit import skip_final_collection

    try:
        main()
    finally:
        skip_final_collection()


if __name__ == "__main__":
    run()
