"""Revisions: a figure that differs from what was first published is marked [r], with the
value first published and why, on its measure page and in the downloads; a figure published
for the first time is not a revision; without a note the build is refused."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from charterwatch.cli import app
from charterwatch.publish.revisions import find_revisions, snapshot_from_csv, snapshot_of
from charterwatch.results.figure import Figure
from tests.publish.site.conftest import BuiltSite

ALL_FIGURES = Path("downloads") / "data" / "all-figures.csv"
NOTE = "A late batch of decisions was added to the extract."


def _words(output: str) -> str:
    """The console's output with its line wrapping undone."""
    return " ".join(output.split())


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _in_workbook(site: Path, earlier: float) -> str:
    """The revision note beside the value first published, in the XLSX workbook."""
    from openpyxl import load_workbook

    (path,) = (site / "downloads").glob("charterwatch-*.xlsx")
    found = []
    for sheet in load_workbook(path, read_only=True).worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        for i, row in enumerate(rows):
            if row and any(str(c).startswith("Value first published") for c in row if c):
                first = [str(c or "") for c in row].index(
                    next(str(c) for c in row if c and str(c).startswith("Value first published"))
                )
                found += [r[first + 1] for r in rows[i + 1 :] if r[first] == earlier]
    (note,) = found
    return str(note)


def _figure(built: BuiltSite) -> Figure:
    """A yearly headline figure with a value (the one the earlier release 'published' otherwise)."""
    return next(
        f
        for f in built.pipeline.store.query()
        if f.value is not None and f.statistic == "value" and not f.symbol
    )


def test_the_rule_on_constructed_figures(built_site: BuiltSite) -> None:
    figure = _figure(built_site)
    published = snapshot_of([figure])
    assert find_revisions([figure], published, NOTE) == {}  # unchanged
    assert find_revisions([figure], {}, NOTE) == {}  # first published now: not a revision
    moved = Figure(**{**figure.__dict__, "value": (figure.value or 0) + 1.0})
    (revision,) = find_revisions([moved], published, NOTE).values()
    assert revision.previous_value == figure.value and revision.note == NOTE
    withheld = Figure(**{**figure.__dict__, "value": None, "symbol": "[c]"})
    assert figure.key in find_revisions([withheld], published, NOTE)


@pytest.fixture
def earlier_release(built_site: BuiltSite, tmp_path: Path) -> tuple[Path, Figure, float]:
    """The shared site's all-figures.csv as an earlier release that published one figure
    with another value (as if the data changed since)."""
    figure = _figure(built_site)
    rows = _rows(built_site.report.out / ALL_FIGURES)
    earlier = float(figure.value or 0) + 3.0
    for row in rows:
        key = (row["measure"], row["period"], row["breakdown"], row["grp"], row["statistic"])
        if key == figure.key:
            row["value"] = str(earlier)
    path = tmp_path / "earlier-all-figures.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path, figure, earlier


def test_a_revised_figure_in_the_downloads_and_on_its_page(
    built_site: BuiltSite, earlier_release: tuple[Path, Figure, float], tmp_path: Path
) -> None:
    published, figure, earlier = earlier_release
    root = built_site.pipeline.root
    out = tmp_path / "site"
    runner = CliRunner()
    refused = runner.invoke(
        app, ["build", str(root), "--out", str(out), "--revised-from", str(published)]
    )
    assert refused.exit_code == 1 and "1 figures differ" in _words(refused.output)
    assert "--revision-note" in refused.output and not out.exists()

    done = runner.invoke(
        app,
        [
            "build",
            str(root),
            "--out",
            str(out),
            "--revised-from",
            str(published),
            "--revision-note",
            NOTE,
        ],
    )
    assert done.exit_code == 0, done.output
    assert "1 figures revised since first published" in done.output
    rows = _rows(out / ALL_FIGURES)
    (revised,) = [r for r in rows if r["revision_note"]]
    key = (revised["measure"], revised["period"], revised["breakdown"])
    assert (*key, revised["grp"], revised["statistic"]) == figure.key
    assert revised["symbol"] == "[r]" and float(revised["previous_value"]) == earlier
    assert revised["revision_note"] == NOTE
    assert all(r["previous_value"] == "" for r in rows if r is not revised)
    page = (out / "measures" / figure.measure / "index.html").read_text(encoding="utf-8")
    assert "Revised figures" in page and NOTE in page
    assert _in_workbook(out, earlier) == NOTE

    # A later release revised from this one still gives the value first published.
    again = tmp_path / "again"
    chained = runner.invoke(
        app,
        [
            "build",
            str(root),
            "--out",
            str(again),
            "--revised-from",
            str(out / ALL_FIGURES),
            "--revision-note",
            "No new change.",
        ],
    )
    assert chained.exit_code == 0, chained.output
    (still,) = [r for r in _rows(again / ALL_FIGURES) if r["revision_note"]]
    assert float(still["previous_value"]) == earlier
    shutil.rmtree(again)


def test_a_file_that_is_not_a_figures_file_is_refused(
    built_site: BuiltSite, tmp_path: Path
) -> None:
    wrong = tmp_path / "actions.csv"
    wrong.write_text("id,title\nA1,Something\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not a charterwatch figures file"):
        snapshot_from_csv(wrong)
    done = CliRunner().invoke(
        app,
        [
            "build",
            str(built_site.pipeline.root),
            "--out",
            str(tmp_path / "s"),
            "--revised-from",
            str(wrong),
            "--revision-note",
            NOTE,
        ],
    )
    assert done.exit_code == 1 and "not a charterwatch figures file" in _words(done.output)
