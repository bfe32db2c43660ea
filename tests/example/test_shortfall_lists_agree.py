"""One rule, one home: the site, the PDFs, the downloads, ``status`` and ``validate --release``
list exactly the same shortfalls, on the example and under three other shortfall settings."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from charterwatch.cli import app
from charterwatch.pipeline import Pipeline
from charterwatch.publish.printed.content import shortfalls as printed_shortfalls
from charterwatch.publish.site.site import build_site
from charterwatch.publish.view import build_publication
from tests.conftest import RELEASE_DAY, Example
from tests.publish.printed.fixtures import read_pdf

SETTINGS = {
    "defaults": {},
    "no year-on-year": {"shortfall": {"worse_than_last_year": False}},
    "no trends or legal limits": {
        "shortfall": {"sustained_decline": False, "misses_legal_limit": False}
    },
    "a floor and a strict level": {"shortfall": {"below_percent": 95}, "change": {"alpha": 0.01}},
}
ID = re.compile(r"\bM\d\.\d\d\b")


def _configured(example: Example, folder: Path, settings: dict[str, object]) -> Path:
    root = folder / "scotland"
    shutil.copytree(example.root, root, ignore=shutil.ignore_patterns(".charterwatch"))
    config = root / "charterwatch.yaml"
    data = yaml.safe_load(config.read_text("utf-8"))
    data["project"]["settings"] = settings
    config.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    return root


def _site_list(site: Path) -> list[str]:
    found = []
    for page in sorted((site / "measures").glob("*/index.html")):
        found += re.findall(r'data-shortfall="([^"]+)"', page.read_text("utf-8"))
    return found


def _download_list(site: Path, year: str) -> list[str]:
    with (site / "downloads" / "data" / "all-figures.csv").open(encoding="utf-8") as handle:
        return [
            r["measure"]
            for r in csv.DictReader(handle)
            if r["period"] == year
            and r["breakdown"] == "all"
            and r["statistic"] == "value"
            and r["shortfall"]
        ]


@pytest.mark.slow
@pytest.mark.parametrize("name", list(SETTINGS))
def test_every_output_lists_the_same_shortfalls(
    example: Example, tmp_path: Path, name: str
) -> None:
    root = _configured(example, tmp_path, SETTINGS[name])
    pipeline = Pipeline.open(root)
    pipeline.compute()
    site = tmp_path / "site"
    build_site(pipeline, site, as_of=RELEASE_DAY)
    publication = build_publication(pipeline.framework, pipeline.store)
    year = publication.year
    expected = [v.id for v in publication.shortfalls()]

    assert sorted(_site_list(site)) == sorted(expected), "measure pages"
    assert sorted(_download_list(site, year)) == sorted(expected), "downloads"
    printed = printed_shortfalls(publication)
    assert [s.title for s in printed] == [publication.measures[m].measure.title for m in expected]
    report = read_pdf(site / "downloads" / "report.pdf").text()
    assert report.count("Needs a response:") == len(expected), "full report PDF"
    summary = read_pdf(site / "downloads" / "summary.pdf").text()
    shown = [s for s in printed if f"{s.title} ({s.section})" in summary]
    more = re.search(r"(\d+) more", summary)
    assert len(shown) + (int(more.group(1)) if more else 0) == len(expected), "summary PDF"

    status = CliRunner().invoke(app, ["status", str(root), "--on", RELEASE_DAY.isoformat()])
    listed = [
        ID.findall(line)[0]
        for line in status.output.splitlines()
        if line.strip().startswith(("answered", "no response"))
    ]
    assert sorted(listed) == sorted(expected), ("status", status.output)

    release = CliRunner().invoke(
        app, ["validate", str(root), "--release", "--on", RELEASE_DAY.isoformat()]
    )
    output = " ".join(release.output.split())
    line = output[output.index(f"{year}: ") :]
    line = line[: line.index("with a response")]
    assert sorted(ID.findall(line)) == sorted(expected), ("validate --release", release.output)
    unanswered = sorted(set(re.findall(r"measure '(M\d\.\d\d)' is in shortfall", release.output)))
    assert set(unanswered) <= set(expected)
