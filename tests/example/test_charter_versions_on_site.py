"""The example reports 2024-25 against the revised 2024 Charter, which took effect during the
year: every page marks the change and links to what changed, commitments and links are the
2024 Charter's, and the downloads say so; a year before it (2022-23) is reported against the
2019 Charter with no notice."""

from __future__ import annotations

from pathlib import Path

from charterwatch.publish.site.site import build_site
from tests.conftest import RELEASE_DAY, Example

NOTICE = (
    "Our Charter (2024) took effect on 26 June 2024. From 2024-25, these figures are reported "
    "against its commitments; until 2023-24 they were reported against Our Charter (2019)."
)


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
    home = " ".join((out / "index.html").read_text(encoding="utf-8").split())
    assert "reported against the commitments of Our Charter (2024)" in home


def test_2024_25_is_reported_against_the_2024_commitments(example: Example) -> None:
    """Commitment pages are the 2024 Charter's (1.18 and the new 3.10 exist; 3.10 has no
    measure), and a measure of 2019 commitment 1.4 links to both commitments 1.4 became."""
    out = example.site.out
    fw = example.pipeline.framework
    assert len(list((out / "commitments").iterdir())) == len(fw.charters["2024"].commitments)
    assert (out / "commitments" / "1.18" / "index.html").is_file()
    split = next(m for m in fw.framework.measures.values() if m.commitments == ["1.4"])
    page = (out / "measures" / split.id / "index.html").read_text(encoding="utf-8")
    assert "../../commitments/1.12/index.html" in page
    assert "../../commitments/2.4/index.html" in page


def test_a_year_before_the_new_charter_has_no_notice(example: Example, tmp_path: Path) -> None:
    report = build_site(example.pipeline, tmp_path / "site", "2022-23", as_of=RELEASE_DAY)
    assert not (report.out / "charter-changes" / "index.html").exists()
    for path in report.pages:
        assert "took effect on" not in (report.out / path).read_text(encoding="utf-8"), path
    home = " ".join((report.out / "index.html").read_text(encoding="utf-8").split())
    assert "reported against the commitments of Our Charter (2019)" in home
    commitments = report.out / "commitments"
    assert len(list(commitments.iterdir())) == len(example.pipeline.framework.charter.commitments)
    assert not (commitments / "1.18").exists()


def test_the_years_page_says_how_the_framework_changed(example: Example) -> None:
    from charterwatch.charter_review.versions import framework_changes

    changes = framework_changes(example.pipeline.framework, "2024-25")
    assert ("2020-21", "M2.17", "added") in {(c.year, c.measure, c.kind) for c in changes}
    assert ("2022-23", "M2.02", "redefined") in {(c.year, c.measure, c.kind) for c in changes}
    assert [c.year for c in changes] == sorted(c.year for c in changes)
    page = " ".join((example.site.out / "years" / "index.html").read_text(encoding="utf-8").split())
    assert "How the framework changed" in page
    assert '<th scope="row">2020-21</th><td>M2.17' in page and "First reported" in page
    assert "Definition changed (break in series)" in page
    assert all(
        c.year <= "2022-23" for c in framework_changes(example.pipeline.framework, "2022-23")
    )
    version = [c for c in changes if c.kind == "version"]
    assert [(c.year, c.detail) for c in version] == [("2024-25", "Our Charter (2024)")]
    assert "Reported against Our Charter (2024) from this year" in page
    csv_text = (example.site.out / "downloads" / "data" / "framework-changes.csv").read_text(
        encoding="utf-8"
    )
    rows = csv_text.splitlines()
    assert rows[0] == "financial_year,change,measure,measure_title,detail"
    assert len(rows) == len(changes) + 1
    assert "2024-25,version,,Charter Measurement Framework (2024),Our Charter (2024)" in rows


def test_the_workbook_says_which_charter(example: Example) -> None:
    from openpyxl import load_workbook

    (path,) = (example.site.out / "downloads").glob("charterwatch-*.xlsx")
    cover = load_workbook(path, read_only=True).worksheets[0]
    text = " ".join(str(c) for row in cover.iter_rows(values_only=True) for c in row if c)
    assert "reported against the commitments of Our Charter (2024)" in text
    assert "Our Charter (2024) took effect on 2024-06-26; these are the first figures" in text
    assert "until 2023-24, against Our Charter (2019)" in text
