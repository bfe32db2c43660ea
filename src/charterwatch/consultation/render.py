"""The consultation report: an accessible HTML page with diverging bars, a CSV, the terminal.

Below the threshold a survey is written in words only: no count, percentage, base or
interval, and no chart (a bar's length would give the count away), in the page, its text
alternatives, the CSV and the terminal alike.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from rich.console import Console

from charterwatch.consultation.analysis import StatementResult, SurveyResult, by_theme
from charterwatch.consultation.files import Consultation
from charterwatch.publish.downloads.escaping import inert

AGREE_COLOURS = ("#0b4f8a", "#3b82c4", "#8fbbe6")
DISAGREE_COLOURS = ("#a33d00", "#d9751e", "#f2b27a")
NEUTRAL_COLOUR = "#8a8a8a"
WIDTH = 600
"""The bar's width in SVG units: 100 percentage points either side of the centre."""


@dataclass(frozen=True)
class Segment:
    answer: str
    x: float
    width: float
    colour: str
    label: str


def segments(result: StatementResult) -> list[Segment]:
    """A diverging bar: disagreeing answers left of the centre, agreeing ones right of it,
    any neutral answer across it (only at or above the threshold)."""
    if result.in_words:
        return []
    s = result.statement
    percent = {a.answer: float(a.percent or 0.0) for a in result.shares}
    neutral = [a for a in s.answers if a not in s.agree and a not in s.disagree]
    left = sum(percent[a] for a in s.disagree) + sum(percent[a] for a in neutral) / 2
    scale = WIDTH / 200
    x = WIDTH / 2 - left * scale
    out = []
    agree_i = disagree_i = 0
    disagreeing = [a for a in reversed(s.answers) if a in s.disagree]  # most negative first
    agreeing = [a for a in reversed(s.answers) if a in s.agree]  # least positive first
    for answer in [*disagreeing, *neutral, *agreeing]:  # the neutral ones across the centre
        if answer in s.agree:
            colour = AGREE_COLOURS[min(len(s.agree) - 1 - agree_i, len(AGREE_COLOURS) - 1)]
            agree_i += 1
        elif answer in s.disagree:
            colour = DISAGREE_COLOURS[min(disagree_i, len(DISAGREE_COLOURS) - 1)]
            disagree_i += 1
        else:
            colour = NEUTRAL_COLOUR
        width = percent[answer] * scale
        out.append(Segment(answer, x, width, colour, f"{answer}: {percent[answer]:.0f}%"))
        x += width
    return out


def write_html(consultation: Consultation, results: list[SurveyResult], path: Path) -> Path:
    env = Environment(
        loader=PackageLoader("charterwatch.consultation", "templates"),
        autoescape=select_autoescape(["html"]),
    )
    html = env.get_template("consultation.html").render(
        c=consultation.spec,
        surveys=results,
        themes=by_theme(consultation.excerpts),
        segments=segments,
        width=WIDTH,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return path


CSV_COLUMNS = (
    "survey",
    "statement",
    "statement_text",
    "commitment",
    "answer",
    "in_words",
    "respondents",
    "count",
    "percent",
    "agree_percent",
    "agree_ci_low",
    "agree_ci_high",
)


def csv_text(results: list[SurveyResult]) -> str:
    """One row per statement and answer; below the threshold only the words columns."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for survey in results:
        for r in survey.statements:
            for share in r.shares:
                numbers: tuple[object, ...] = (
                    ("", "", "", "", "", "")
                    if r.in_words
                    else (
                        r.n,
                        share.count,
                        share.percent,
                        r.agree_percent,
                        r.agree_low,
                        r.agree_high,
                    )
                )
                writer.writerow(
                    [
                        inert(str(v))
                        for v in (
                            survey.id,
                            r.statement.id,
                            r.statement.text,
                            r.statement.commitment or "",
                            share.answer,
                            share.words,
                            *numbers,
                        )
                    ]
                )
    return out.getvalue()


def write_csv(results: list[SurveyResult], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(csv_text(results), encoding="utf-8")
    return path


def print_results(
    consultation: Consultation, results: list[SurveyResult], console: Console
) -> None:
    console.print(f"[bold]{consultation.spec.title}[/]")
    if consultation.spec.note:
        console.print(consultation.spec.note)
    for survey in results:
        note = " (too few responses to give numbers: in words only)" if survey.in_words else ""
        console.print(f"\n[bold]{survey.title}[/]{note}")
        for r in survey.statements:
            about = f" (commitment {r.statement.commitment})" if r.statement.commitment else ""
            console.print(f"  {r.statement.text}{about}")
            console.print(f"    {r.sentence}")
    themes = by_theme(consultation.excerpts)
    if themes:
        console.print("\n[bold]Interviews, by theme[/]")
        for theme, excerpts in themes.items():
            console.print(f"  {theme}")
            for e in excerpts:
                console.print(f'    "{e.text}" (commitment {e.commitment or "none given"})')
