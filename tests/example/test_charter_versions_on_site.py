"""The example's 2024-25 pages name the revised 2024 Charter, which took effect during the
year, and link to what changed; a year before it (2022-23) has neither."""

from __future__ import annotations

from pathlib import Path

from charterwatch.publish.site.site import build_site
from tests.conftest import RELEASE_DAY, Example

NOTICE = "Our Charter (2024) took effect on 26 June 2024, during 2024-25."


def test_every_2024_25_page_names_the_2024_charter(example: Example) -> None:
    out = example.site.out
    assert example.pipeline.store.query()  # computed
    for path in example.site.pages:
        page = (out / path).read_text(encoding="utf-8")
        assert NOTICE in " ".join(page.split()), path
        assert "charter-changes/index.html" in page, path
    changes = (out / "charter-changes" / "index.html").read_text(encoding="utf-8")
    assert "Promises split into more than one" in changes
    assert "<strong>1.4</strong>" in changes and "<strong>1.12</strong>" in changes
    assert "New promises" in changes and "<strong>3.10</strong>" in changes


def test_a_year_before_the_new_charter_has_no_notice(example: Example, tmp_path: Path) -> None:
    report = build_site(example.pipeline, tmp_path / "site", "2022-23", as_of=RELEASE_DAY)
    assert not (report.out / "charter-changes" / "index.html").exists()
    for path in report.pages:
        assert "took effect on" not in (report.out / path).read_text(encoding="utf-8"), path
