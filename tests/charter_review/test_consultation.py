"""Consultation analysis: with five respondents no digit derived from the answers appears in
any output (terminal, HTML page with its text alternatives, CSV); with 858 the percentages
and intervals appear and match a reference computation; wrong files are refused with the
file, row and column."""

from __future__ import annotations

import csv
import io
import math
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from charterwatch.cli import app
from tests.conftest import EXAMPLE
from tests.publish.site.browser import axe_source, chromium, describe, run_axe

SCALE = "[strongly agree, agree, neither agree nor disagree, disagree, strongly disagree]"


def _folder(tmp_path: Path, answers: dict[str, list[str]]) -> Path:
    """A consultation of one survey, its statement texts free of digits."""
    folder = tmp_path / "consultation"
    folder.mkdir()
    statements = "".join(
        f"""
        - id: {sid}
          text: Statement {chr(65 + i)} about the report.
          answers: {SCALE}
          agree: [strongly agree, agree]
          disagree: [disagree, strongly disagree]"""
        for i, sid in enumerate(answers)
    )
    (folder / "consultation.yaml").write_text(
        f"""consultation:
  title: A small consultation
  surveys:
    - id: partners
      title: Partner organisations
      file: answers.csv
      statements:{statements}
""",
        encoding="utf-8",
    )
    rows = ["respondent_id,statement,answer"]
    for sid, given in answers.items():
        rows += [f"R{chr(97 + i)},{sid},{a}" for i, a in enumerate(given)]
    (folder / "answers.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


DIGIT_IN_CONTEXT = r".{0,20}\d.{0,20}"


class _Said(HTMLParser):
    """What the page's body tells a reader or a program: its text and every attribute value
    (text alternatives, labels, titles, sizes), not tag names or the style sheet."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._body = self._body or tag == "body"
        if self._body:
            self.parts.extend(v for _, v in attrs if v)

    def handle_data(self, data: str) -> None:
        if self._body:
            self.parts.append(data)


def _visible(html: str) -> str:
    said = _Said()
    said.feed(html)
    return "\n".join(said.parts)


FIVE = {
    "useful": ["agree", "strongly agree", "agree", "neither agree nor disagree", "agree"],
    "long": ["disagree", "disagree", "agree", "strongly disagree", "agree"],
}


def test_five_respondents_no_digit_in_any_output(tmp_path: Path) -> None:
    folder = _folder(tmp_path, FIVE)
    out = tmp_path / "out"
    done = CliRunner().invoke(app, ["consultation", str(folder), "--out", str(out)])
    assert done.exit_code == 0, done.output
    terminal = done.output.split("wrote")[0]
    html = (out / "consultation.html").read_text(encoding="utf-8")
    table = (out / "consultation.csv").read_text(encoding="utf-8")
    for name, text in (("terminal", terminal), ("page", _visible(html)), ("CSV", table)):
        around = re.findall(DIGIT_IN_CONTEXT, text)[:3]
        assert not re.search(r"\d", text), f"a digit in the {name}: {around}"
    assert "<svg" not in html  # a bar's length would give the count away
    assert "Most answered strongly agree or agree" in html
    assert "in words only" in terminal
    rows = list(csv.DictReader(io.StringIO(table)))
    assert {r["in_words"] for r in rows} <= {
        "none",
        "a few",
        "some",
        "about half",
        "most",
        "almost all",
        "all",
    }


def _wilson(k: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    """The Wilson score interval, written out independently of charterwatch.stats."""
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


def _half_up(x: float) -> int:
    return math.floor(x * 100 + 0.5)


def test_the_example_client_question_gives_numbers_that_match_a_reference(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = CliRunner().invoke(
        app, ["consultation", str(EXAMPLE / "consultation"), "--out", str(out)], terminal_width=200
    )
    assert done.exit_code == 0, done.output
    low, high = _wilson(283, 858)
    expected = f"33% answered yes (95% interval {_half_up(low)}% to {_half_up(high)}%; 858 answered"
    assert expected in done.output
    html = (out / "consultation.html").read_text(encoding="utf-8")
    assert expected in html and "<svg" in html
    rows = [
        r
        for r in csv.DictReader(io.StringIO((out / "consultation.csv").read_text()))
        if r["survey"] == "clients"
    ]
    by_answer = {r["answer"]: r for r in rows}
    assert {a: by_answer[a]["percent"] for a in ("yes", "no", "not sure")} == {
        "yes": "33.0",
        "no": "51.0",
        "not sure": "16.0",
    }
    assert by_answer["yes"]["count"] == "283" and by_answer["yes"]["respondents"] == "858"
    assert float(by_answer["yes"]["agree_ci_low"]) == _half_up(low)
    # the example's five partner organisations: words only; the only digits in that part of
    # the page are the commitment ids the statements name
    partners = _visible(html.split('id="s-partners"')[1].split('id="s-clients"')[0])
    assert not re.search(r"\d", re.sub(r"commitment \d+\.\d+", "", partners))
    partner_rows = [
        r
        for r in csv.DictReader(io.StringIO((out / "consultation.csv").read_text()))
        if r["survey"] == "partners"
    ]
    assert partner_rows and all(
        r["count"] == r["percent"] == r["respondents"] == "" for r in partner_rows
    )
    # quotes by theme, each with the commitment it concerns
    assert "What people told us in interviews, by theme" in html
    assert "About commitment 3.5." in html


def test_a_wrong_answer_names_the_file_row_and_column(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"useful": ["agree", "maybe"]})
    done = CliRunner().invoke(app, ["consultation", str(folder)], terminal_width=300)
    assert done.exit_code == 1
    said = re.sub(r"\s", "", done.output)  # the error console wraps long paths anywhere
    assert re.sub(r"\s", "", "answers.csv, row 3, column answer: 'maybe' is not an answer") in said
    assert "nothingwaswritten" in said


@pytest.mark.slow
def test_the_page_passes_axe_and_fits_a_phone(tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(EXAMPLE / "consultation", tmp_path / "c")
    CliRunner().invoke(app, ["consultation", str(tmp_path / "c"), "--out", str(out)])
    driver = chromium()
    try:
        violations = run_axe(driver, (out / "consultation.html").as_uri(), axe_source())
        assert not violations, describe(violations)
        driver.set_window_size(320, 900)
        inner = driver.execute_script("return window.innerWidth")
        driver.set_window_size(320 + (320 - int(inner)), 900)
        over = driver.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert over <= 1, f"the page is {over} px wider than a 320 px screen"
    finally:
        driver.quit()


def test_the_bar_diverges_at_the_centre_with_the_neutral_answer_across_it() -> None:
    from charterwatch.consultation.analysis import AnswerShare, StatementResult
    from charterwatch.consultation.files import StatementFile
    from charterwatch.consultation.render import WIDTH, segments

    statement = StatementFile(
        id="heard",
        text="Heard of it?",
        answers=["yes", "no", "not sure"],
        agree=["yes"],
        disagree=["no"],
    )
    shares = [
        AnswerShare("yes", "some", 283, 33.0),
        AnswerShare("no", "about half", 438, 51.0),
        AnswerShare("not sure", "a few", 137, 16.0),
    ]
    result = StatementResult(
        "c", statement, False, shares, "some", "about half", 858, 33.0, 30.0, 36.0
    )
    bars = segments(result)
    assert [b.answer for b in bars] == ["no", "not sure", "yes"]
    centre = WIDTH / 2
    neutral = bars[1]
    assert neutral.x < centre < neutral.x + neutral.width
    assert abs((neutral.x + neutral.width / 2) - centre) < 1e-6  # split evenly across it
    assert abs(bars[-1].x + bars[-1].width - (centre + (33 + 8) * WIDTH / 200)) < 1e-6
