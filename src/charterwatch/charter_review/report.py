"""The review report in the terminal (rich tables) and as one accessible HTML page."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from rich.console import Console
from rich.table import Table

from charterwatch.charter_review.findings import (
    SAME_COMPUTATION_SIMILARITY,
    WORDING_SIMILARITY,
    ReviewReport,
)


def write_html(report: ReviewReport, path: Path, similarity: float = WORDING_SIMILARITY) -> Path:
    """The report as a standalone HTML page (no external files), written to ``path``."""
    env = Environment(
        loader=PackageLoader("charterwatch.charter_review", "templates"),
        autoescape=select_autoescape(["html"]),
    )
    html = env.get_template("review.html").render(
        r=report, similarity=similarity, same_similarity=SAME_COMPUTATION_SIMILARITY
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return path


def print_report(report: ReviewReport, console: Console) -> None:
    """The report in the terminal: the same findings as the HTML page."""
    span = f"{report.years[0]} to {report.years[-1]}" if report.years else "no figures yet"
    console.print(
        f"[bold]Charter review: {report.project}[/] (framework {report.framework}, "
        f"charter {report.charter}, {span})"
    )
    console.print(f"\n[bold]Data gaps[/]: {len(report.unevidenced)} commitments without a measure")
    for cid, text in report.unevidenced:
        console.print(f"  {cid}: {text}")
    if report.has_results:
        missing = len(report.no_recent_data)
        console.print(f"{missing} measures with no figure in the last {report.recent} years")
        for mid, title, last in report.no_recent_data:
            console.print(f"  {mid} {title}: {'last figure ' + last if last else 'never a figure'}")

    overlaps = Table(
        title=f"Measures that may duplicate each other: {len(report.overlaps)} pairs, "
        f"{len(report.survey_overlaps)} survey-based",
        title_justify="left",
    )
    for column in ("Measures", "Rule", "Detail"):
        overlaps.add_column(column)
    for o in report.overlaps:
        overlaps.add_row(f"{o.first} and {o.second}", o.rule, o.detail)
    console.print(overlaps)

    for s in report.surveys:
        answered = (
            f", {s.answered_per_respondent:.1f} answered per respondent on average "
            f"({s.respondents:,} respondent-years)"
            if s.answered_per_respondent is not None and s.respondents is not None
            else ""
        )
        busiest = sorted(s.measures_per_question.items(), key=lambda kv: -kv[1])[:3]
        console.print(
            f"\n[bold]Survey burden, {s.name}[/]: {s.questions} questions asked{answered}; "
            f"{len(s.questions_per_measure)} measures use its answers; most used: "
            + ", ".join(f"{q} ({n} measures)" for q, n in busiest)
        )
    teams = Table(title="Source burden per team", title_justify="left")
    for column, justify in (("Team", "left"), ("Sources", "right"), ("Measures fed", "right")):
        teams.add_column(column, justify=justify)  # type: ignore[arg-type]
    for t in report.teams:
        teams.add_row(t.team, str(len(t.sources)), str(len(t.measures)))
    console.print(teams)

    if report.has_results:
        console.print(
            f"\n[bold]Stability[/]: {len(report.never_changed)} measures never showed a "
            f"significant change; {len(report.always_withheld)} were withheld every year"
        )
        for mid, title, n in report.never_changed:
            console.print(f"  {mid} {title} ({n} years compared)")
        for mid, title, n in report.always_withheld:
            console.print(f"  {mid} {title}: withheld in all {n} years")
