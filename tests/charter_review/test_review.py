"""The charter review report: on the shipped example it finds the overlaps a reviewer would
(dignity, fairness and respect asked as three questions; open and honest; paid on time and
paid the right amount; two experience ratings; per-benefit processing times that the
all-applications measure already breaks down), prints the burden figures, and writes the
same findings as an accessible HTML page; each rule is checked on constructed measures."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from charterwatch.charter_review.findings import build_report
from charterwatch.charter_review.similarity import similarities
from charterwatch.cli import app
from charterwatch.model.loader import load_framework
from tests.conftest import EXAMPLE, Example
from tests.publish.site.browser import axe_source, chromium, describe, run_axe

REAL_OVERLAPS = {("M1.12", "M1.13"), ("M1.15", "M1.20"), ("M1.16", "M1.17"), ("M3.07", "M3.08")}


def test_the_example_report_finds_real_survey_overlaps_and_burden(example: Example) -> None:
    report = build_report(example.pipeline.framework, example.pipeline.store.query())
    found = {(o.first, o.second) for o in report.survey_overlaps}
    assert found >= REAL_OVERLAPS
    # processing times per benefit are groups of the all-applications measure, not duplicates
    # of each other
    pairs = {(o.first, o.second): o.rule for o in report.overlaps}
    assert pairs[("M2.02", "M2.17")] == "a group of the other"
    assert ("M2.17", "M2.23") not in pairs
    (client,) = [s for s in report.surveys if s.source == "client_survey"]
    assert client.questions >= 30 and client.answered_per_respondent is not None
    assert 1 <= client.answered_per_respondent <= client.questions
    assert client.measures_per_question["staff_contact"] >= 2  # a base question of many
    assert sum(len(t.measures) for t in report.teams) >= len(report.overlaps)
    assert ("M4.07", "Estimated take-up of Scottish benefits", None) in report.no_recent_data


def test_the_command_prints_the_findings_and_writes_html(example: Example, tmp_path: Path) -> None:
    page = tmp_path / "review.html"
    done = CliRunner().invoke(
        app, ["review", str(example.root), "--html", str(page)], terminal_width=200
    )
    assert done.exit_code == 0, done.output
    assert re.search(
        r"Measures that may duplicate each other: \d+ pairs, [4-9]\d* survey-based", done.output
    )
    assert "Survey burden, Social Security Scotland Client Survey" in done.output
    assert "answered per respondent on average" in done.output
    html = page.read_text(encoding="utf-8")
    assert '<html lang="en">' in html and "M1.16 and M1.17" in html
    assert "<script" not in html and "http" not in html.split("</style>")[0]  # standalone


@pytest.mark.slow
def test_the_html_report_passes_axe_and_fits_a_phone(example: Example, tmp_path: Path) -> None:
    page = tmp_path / "review.html"
    CliRunner().invoke(app, ["review", str(example.root), "--html", str(page)])
    driver = chromium()
    try:
        violations = run_axe(driver, page.as_uri(), axe_source())
        assert not violations, describe(violations)
        driver.set_window_size(320, 900)
        inner = driver.execute_script("return window.innerWidth")
        driver.set_window_size(320 + (320 - int(inner)), 900)
        over = driver.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert over <= 1, f"the report is {over} px wider than a 320 px screen"
    finally:
        driver.quit()


def test_without_results_the_report_still_reads_the_framework(tmp_path: Path) -> None:
    root = tmp_path / "scotland"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("data", ".charterwatch"))
    fw = load_framework(root).framework
    assert fw is not None
    report = build_report(fw, None)
    assert not report.has_results and report.no_recent_data == [] and report.overlaps
    (client,) = [s for s in report.surveys if s.source == "client_survey"]
    assert client.answered_per_respondent is None  # no data generated


def test_wording_similarity_weighs_rare_words() -> None:
    alike = similarities(
        {
            "a": "Clients treated with dignity by staff",
            "b": "Clients treated with dignity and respect by staff",
            "c": "Clients who waited less than ten minutes on the phone",
            "d": "Clients who were paid on time",
        }
    )
    assert alike[("a", "b")] > 0.6 > alike[("a", "c")]
    assert alike[("c", "d")] < alike[("a", "b")]
    assert all(0.0 <= v <= 1.0 + 1e-9 for v in alike.values())
