"""Web addresses in a framework: only https, http and mailto become links (CW-H001).

Each ``invalid_*`` case puts a script-running address in one URL field and asserts the
located message; the CLI reports each with exit code 1 and no traceback.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from charterwatch.cli import app
from charterwatch.model.links import address_problem, is_safe_href, is_web_link
from charterwatch.model.loader import load_framework
from tests.model.fixtures import CHARTER, FRAMEWORK, PROJECT, write_framework

FIGURE = """\
published_figures:
  - id: f1
    measure: M1
    title: Kindness
    year: 2021-22
    value: 94
    unit: percent
    source_title: A release
    source_url: {url}
"""

RECOMMENDATION = """\
recommendations:
  - id: R1
    body: A scrutiny body
    report: A report
    report_url: {url}
    text: Do better.
    date: 2024-01-01
    response: accepted
"""


def _field(text: str, key: str, url: str) -> str:
    """``text`` with ``key: <url>`` added under the top-level mapping's first line."""
    head, rest = text.split("\n", 1)
    return f'{head}\n  {key}: "{url}"\n{rest}'


def _files(name: str, url: str) -> dict[str, str | bytes | None]:
    """The fixture files with ``url`` written in the URL field called ``name``."""
    if name == "website":
        return {"charterwatch.yaml": _field(PROJECT, "website", url)}
    if name == "charter_source_url":
        return {"charter/2019.yaml": _field(CHARTER, "source_url", url)}
    if name == "framework_source_url":
        return {"framework/2019.yaml": _field(FRAMEWORK, "source_url", url)}
    if name == "figure_source_url":
        return {"figures.yaml": FIGURE.format(url=f'"{url}"')}
    return {"recs.yaml": RECOMMENDATION.format(url=f'"{url}"')}


# (name, file with the problem, line)
FIELDS = [
    ("website", "charterwatch.yaml", 2),
    ("charter_source_url", "charter/2019.yaml", 2),
    ("framework_source_url", "framework/2019.yaml", 2),
    ("figure_source_url", "figures.yaml", 9),
    ("report_url", "recs.yaml", 5),
]

HOSTILE_URLS = [
    "javascript:alert(1)",
    "JavaScript:alert(document.domain)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/x",
    "https:/no-host",
]


@pytest.mark.parametrize(("name", "file", "line"), FIELDS, ids=[f[0] for f in FIELDS])
def test_invalid_javascript_url_is_refused_where_it_is_written(
    tmp_path: Path, name: str, file: str, line: int
) -> None:
    root = write_framework(tmp_path, _files(name, "javascript:alert(1)"))
    result = load_framework(root)
    found = [i for i in result.issues.errors if i.code == "CW-H001"]
    assert found, [i.render() for i in result.issues]
    issue = found[0]
    assert (issue.file, issue.line) == (file, line), issue.render()
    assert "'javascript:' scheme is not allowed" in issue.message
    assert issue.fix and "https://" in issue.fix


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_invalid_url_schemes_and_hidden_characters_are_refused(tmp_path: Path, url: str) -> None:
    root = write_framework(tmp_path, {"figures.yaml": FIGURE.format(url=_yaml(url))})
    codes = [i.code for i in load_framework(root).issues.errors]
    assert codes == ["CW-H001"], codes
    assert not is_web_link(url) and not is_safe_href(url)


def test_cli_reports_a_javascript_url_without_a_traceback(tmp_path: Path) -> None:
    root = write_framework(tmp_path, {"recs.yaml": RECOMMENDATION.format(url="javascript:x()")})
    result = CliRunner().invoke(app, ["validate", str(root)])
    assert result.exit_code == 1, result.output
    assert "CW-H001" in result.output and "recs.yaml:5" in result.output
    assert "Traceback" not in result.output and "This is a bug" not in result.output


@pytest.mark.parametrize(
    "url",
    [
        "https://www.example.org/report?id=1#part",
        "HTTP://example.org",
        "mailto:team@example.org",
        "https://example.org/caf\u00e9",
    ],
)
def test_web_addresses_that_are_allowed(tmp_path: Path, url: str) -> None:
    assert address_problem(url) is None
    root = write_framework(tmp_path, {"figures.yaml": FIGURE.format(url=_yaml(url))})
    assert load_framework(root).issues.ok


def test_site_links_within_the_site_are_allowed() -> None:
    assert is_safe_href("../measures/M1/index.html") and is_safe_href("#top")
    assert not is_safe_href("") and not is_safe_href(None)


def _yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t") + '"'
