"""A rebuild renders only the pages whose inputs changed, and gives the same bytes as a full
build.

The small test framework is computed and built once. Each case copies the framework (with
its results store) and the site, changes something, rebuilds into the copied site and
compares every file with a build from scratch. What was rendered is read from the build's own
record of it (``BuildReport.rendered``), not from a mock.
"""

from __future__ import annotations

import dataclasses
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from charterwatch.cli import main
from charterwatch.pipeline import Pipeline
from charterwatch.publish.site.incremental import MANIFEST
from charterwatch.publish.site.pages import WHOLE_PUBLICATION
from charterwatch.publish.site.site import build_site
from tests.measures.fixtures import write_measured_framework
from tests.publish.site.test_output_folder import tree

CHANGED = "KIND"
"""The measure whose figures change: one of several in the framework's only section."""

PDFS = {"downloads/summary.pdf", "downloads/leaflet.pdf", "downloads/report.pdf"}
"""The PDFs, made from every figure: any change of figures renders them again."""


@dataclass
class Built:
    root: Path
    site: Path
    units: list[str]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = write_measured_framework(tmp_path_factory.mktemp("framework"))
    pipeline = Pipeline.open(root)
    pipeline.compute()
    site = tmp_path_factory.mktemp("first") / "site"
    report = build_site(pipeline, site)
    assert report.kept == []
    return Built(root, site, report.rendered)


def copies(built: Built, tmp_path: Path) -> tuple[Pipeline, Path]:
    """A copy of the framework (with its store) and of the built site."""
    root = tmp_path / "framework"
    shutil.copytree(built.root, root)
    site = tmp_path / "out" / "site"
    shutil.copytree(built.site, site)
    return Pipeline.open(root), site


def from_scratch(pipeline: Pipeline, tmp_path: Path) -> dict[str, str]:
    report = build_site(pipeline, tmp_path / "scratch" / "site")
    assert report.kept == []
    return tree(report.out)


def change_figures(pipeline: Pipeline, measure: str) -> None:
    """Store new figures for one measure, as a compute of that measure alone would."""
    figures = pipeline.store.query(measure=measure, granularity=None)
    headline = [f for f in figures if f.statistic == "value" and f.value is not None]
    assert headline, f"{measure} has no headline figure to change"
    moved = [
        dataclasses.replace(f, value=(f.value or 0) + 7) if f in headline else f for f in figures
    ]
    pipeline.store.write(moved, engine="test", years=sorted({f.label for f in figures}))


def test_one_measure_changed_renders_its_pages_only(built: Built, tmp_path: Path) -> None:
    pipeline, site = copies(built, tmp_path)
    before = (site / "measures" / CHANGED / "index.html").read_bytes()
    change_figures(pipeline, CHANGED)

    report = build_site(pipeline, site)

    assert tree(site) == from_scratch(pipeline, tmp_path)
    assert (site / "measures" / CHANGED / "index.html").read_bytes() != before
    expected = {
        f"measures/{CHANGED}/index.html",
        "sections/FS1/index.html",
        "commitments/1.1/index.html",
        "downloads",
        *PDFS,
        *WHOLE_PUBLICATION,
        "search/index.html",  # its index reads every page, and one changed
    }
    assert set(report.rendered) == expected
    others = {u for u in built.units if u.startswith("measures/")} - expected
    assert len(others) >= 5
    assert others <= set(report.kept)
    assert "commitments/1.2/index.html" in report.kept
    pages = [u for u in built.units if u.endswith(".html") and (built.site / u).is_file()]
    assert sorted(report.pages) == sorted(pages)  # (a page with nothing to say is not written)


def test_the_pages_about_parts_are_made_while_the_report_is_laid_out(built: Built) -> None:
    """The full report is the longest step: the section, commitment and measure pages are
    made before the build waits for it, and the pages listing every download after."""
    order = {unit: i for i, unit in enumerate(built.units)}
    report = order["downloads/report.pdf"]
    parts = [u for u in built.units if u.startswith(("sections/", "commitments/", "measures/"))]
    assert len(parts) >= 8
    assert all(order[u] < report for u in parts)
    assert all(order[u] > report for u in WHOLE_PUBLICATION if u in order)
    assert order["downloads/index.html"] > report and order["index.html"] > report


def test_unchanged_rebuild_renders_nothing(built: Built, tmp_path: Path) -> None:
    pipeline, site = copies(built, tmp_path)
    first = tree(site)

    report = build_site(pipeline, site)

    assert report.rendered == []
    assert sorted(report.kept) == sorted(built.units)
    assert tree(site) == first


def test_a_file_edited_in_the_site_is_rendered_again(built: Built, tmp_path: Path) -> None:
    pipeline, site = copies(built, tmp_path)
    first = tree(site)
    page = site / "measures" / "TIME" / "index.html"
    page.write_text(page.read_text(encoding="utf-8") + "<!-- edited -->", encoding="utf-8")
    (site / "downloads" / "report.pdf").unlink()

    report = build_site(pipeline, site)

    assert set(report.rendered) == {"measures/TIME/index.html", "downloads/report.pdf"}
    assert tree(site) == first


def test_a_framework_file_changed_renders_everything(built: Built, tmp_path: Path) -> None:
    pipeline, site = copies(built, tmp_path)
    framework = pipeline.root / "framework.yaml"
    framework.write_text(framework.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")

    report = build_site(Pipeline.open(pipeline.root), site)

    assert report.kept == []
    assert sorted(report.rendered) == sorted(built.units)


def test_the_command_takes_full(
    built: Built,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    pipeline, site = copies(built, tmp_path)
    argv = ["charterwatch", "build", str(pipeline.root), "--out", str(site)]
    monkeypatch.setattr("sys.argv", argv)
    with pytest.raises(SystemExit) as kept:
        main()
    assert kept.value.code in (0, None)
    assert "unchanged, copied" in capsys.readouterr().out

    monkeypatch.setattr("sys.argv", [*argv, "--full"])
    with pytest.raises(SystemExit) as full:
        main()
    assert full.value.code in (0, None)
    assert "unchanged, copied" not in capsys.readouterr().out
    assert (site / MANIFEST).is_file()
