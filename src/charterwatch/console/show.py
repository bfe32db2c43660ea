"""Browsing a framework in the terminal: counts by section, commitments, one measure in full."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.tree import Tree

from charterwatch.model.framework import Framework, FrameworkVersion, Measure

if TYPE_CHECKING:
    from charterwatch.publish.verdicts import VerdictView


def section_counts(fw: Framework, version: FrameworkVersion) -> Table:
    """Commitments and measures per section, with totals: the one-screen summary."""
    charter = fw.charters[version.spec.charter]
    table = Table(title=f"{fw.project.name}: charter {charter.id}, framework {version.id}")
    table.add_column("Section")
    table.add_column("Commitments", justify="right")
    table.add_column("Measures", justify="right")
    table.add_column("Quantitative", justify="right")
    table.add_column("Qualitative", justify="right")
    table.add_column("Reconstructed", justify="right")
    totals = [0, 0, 0, 0, 0]
    for section in version.spec.sections:
        measures = version.in_section(section.id)
        row = [
            len(charter.in_section(section.charter_section)),
            len(measures),
            sum(m.data == "quantitative" for m in measures),
            sum(m.data == "qualitative" for m in measures),
            sum(m.reconstructed for m in measures),
        ]
        totals = [a + b for a, b in zip(totals, row, strict=True)]
        table.add_row(escape(section.title), *map(str, row))
    table.add_section()
    table.add_row("[bold]Total[/]", *(f"[bold]{n}[/]" for n in totals))
    return table


def commitments_tree(
    fw: Framework,
    version: FrameworkVersion,
    section: str | None,
    verdicts: Mapping[str, VerdictView] | None = None,
) -> Tree:
    """Every commitment of the framework's charter with the measures that evidence it and,
    given ``verdicts`` (commitment id -> its verdict), whether we are keeping it and why."""
    charter = fw.charters[version.spec.charter]
    root = Tree(f"[bold]{escape(charter.spec.title)}[/] ({charter.id})")
    for sec in charter.spec.sections:
        if section and sec.id != section:
            continue
        branch = root.add(f"[bold]{escape(sec.id)} {escape(sec.title)}[/]")
        for c in charter.in_section(sec.id):
            measures = [m for m in version.measures.values() if c.id in m.commitments]
            label = f"[cyan]{escape(c.id)}[/] {escape(c.short or c.text)}"
            if not measures:
                label += " [yellow](no measure)[/]"
            verdict = verdicts.get(c.id) if verdicts else None
            if verdict is not None:
                label += f" — [bold]{escape(verdict.label)}[/]"
            node = branch.add(label)
            if verdict is not None:
                node.add(escape(verdict.reason), style="italic")
            for m in measures:
                node.add(f"[green]{escape(m.id)}[/] {escape(m.title)}")
    return root


def stored_verdicts(
    fw: Framework, root: Path, year: str | None = None
) -> tuple[str, dict[str, VerdictView]] | None:
    """The year and each commitment's verdict for it, read from the results store of the
    framework folder ``root`` (``year`` defaults to the latest computed); None when no
    results are computed yet.

    Raises:
        ValueError: ``year`` has no computed figures (the message lists the years that do).
    """
    from charterwatch.pipeline import STORE_FILE
    from charterwatch.publish.verdicts import verdicts
    from charterwatch.publish.view import build_publication
    from charterwatch.results.store import ResultsStore

    store = ResultsStore(root / STORE_FILE)
    if not store.path.exists():
        return None
    computed = sorted({f.label for f in store.query(breakdown="all", statistic="value")})
    if not computed:
        return None
    if year is not None and year not in computed:
        raise ValueError(
            f"--year {year}: no figures are computed for it; computed: {', '.join(computed)}"
        )
    publication = build_publication(fw, store, year)
    return publication.year, {v.commitment.id: v for v in verdicts(publication)}


def measure_panel(fw: Framework, m: Measure) -> Panel:
    """One measure in full: what it is, how it is computed and what it evidences."""
    charter = fw.charters[fw.frameworks[m.framework].spec.charter]
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    rows: list[tuple[str, str]] = [
        ("Definition", m.definition),
        ("Why it matters", m.why or ""),
        ("Kind", f"{m.kind} ({m.data}, {m.perspective})"),
        ("Unit", m.unit.value),
        ("Polarity", m.polarity.value.replace("_", " ")),
        ("Sources", ", ".join(_source_name(fw, s) for s in m.sources)),
        ("Owner", m.owner),
        ("Place", f"{m.section} / {m.question} / {m.outcome}"),
        ("Status", m.status + (f" from {m.retired_from}" if m.retired_from else "")),
        ("Defined at", str(m.origin)),
    ]
    if m.survey_questions:
        rows.append(("Survey questions", ", ".join(m.survey_questions)))
    if m.service_standard:
        s = m.service_standard
        rows.append(("Service standard", f"{s.direction.replace('_', ' ')} {s.value:g} {s.unit}"))
    if m.params:
        rows.append(("Params", ", ".join(f"{k}={v}" for k, v in m.params.items())))
    for b in m.breaks:
        rows.append(("Break in series", f"{b.year}: {b.reason}"))
    if m.reconstructed:
        rows.append(("Note", "reconstructed: the published wording was not seen"))
    for label, value in rows:
        if value:
            grid.add_row(label, escape(value))
    commitments = Table(title="Evidences these commitments", show_header=False, box=None)
    for cid in m.commitments:
        c = charter.commitments.get(cid)
        commitments.add_row(f"[cyan]{escape(cid)}[/]", escape(c.text if c else "(unknown)"))
    return Panel(
        Group(grid, commitments), title=f"[bold]{escape(m.id)}[/] {escape(m.title)}", expand=True
    )


def _source_name(fw: Framework, source_id: str) -> str:
    source = fw.sources.get(source_id)
    return f"{source.name} ({source_id})" if source else source_id


def print_summary_line(console: Console, fw: Framework) -> None:
    """One line per charter and framework version: the counts users check first."""
    for charter in fw.charters.values():
        per = [len(charter.in_section(s.id)) for s in charter.spec.sections]
        console.print(
            f"charter {charter.id}: {_count(len(charter.commitments), 'commitment')} "
            f"({', '.join(map(str, per))} by section)",
            highlight=False,
        )
    for version in fw.frameworks.values():
        per = [len(version.in_section(s.id)) for s in version.spec.sections]
        kept = f", kept from framework {version.spec.measures_from}" * bool(
            version.spec.measures_from
        )
        console.print(
            f"framework {version.id}: {_count(len(version.measures), 'measure')} "
            f"({', '.join(map(str, per))} by section{kept}), charter {version.spec.charter}",
            highlight=False,
        )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
