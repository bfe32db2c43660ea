"""The data package validates, the zip repeats byte for byte, the Atom feed is well formed."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import frictionless

from charterwatch.publish.downloads import DownloadOptions, DownloadsIndex, write_downloads
from charterwatch.publish.downloads.records import MISSING_VALUES
from charterwatch.stats.symbols import Symbol
from tests.publish.downloads.fixtures import Computed

ATOM = "{http://www.w3.org/2005/Atom}"


def test_data_package_validates_with_the_python_api(out_dir: Path) -> None:
    report = frictionless.validate(str(out_dir / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert len(report.tasks) == len(
        json.loads((out_dir / "datapackage.json").read_text())["resources"]
    )


def test_data_package_validates_with_the_cli(out_dir: Path) -> None:
    cli = Path(sys.executable).parent / "frictionless"
    command = str(cli) if cli.exists() else shutil.which("frictionless")
    assert command, "the frictionless command is installed with the dev dependencies"
    done = subprocess.run(
        [command, "validate", "datapackage.json"],
        cwd=out_dir,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_data_package_describes_every_csv(computed: Computed, out_dir: Path) -> None:
    package = json.loads((out_dir / "datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"][0]["name"] == "OGL-UK-3.0"
    assert "Open Government Licence v3.0" in package["licenses"][0]["title"]
    assert package["title"] and package["sources"]
    assert {s["path"] for s in package["sources"] if "path" in s} >= {
        "https://example.org/stats/2023",
        "https://example.org/survey",
    }
    paths = {r["path"] for r in package["resources"]}
    assert paths == {p.relative_to(out_dir).as_posix() for p in out_dir.glob("data/*.csv")}
    schema = json.loads((out_dir / "data" / "figures.schema.json").read_text(encoding="utf-8"))
    fields = {f["name"]: f for f in schema["fields"]}
    assert fields["value"]["type"] == "number"
    assert fields["base"]["type"] == "integer"
    assert fields["synthetic"]["type"] == "boolean"
    assert set(fields["value"]["missingValues"]) == set(MISSING_VALUES)
    assert {s.value for s in Symbol} <= set(fields["value"]["missingValues"])
    assert "missingValues" not in fields["symbol"], "the symbol column keeps its symbols"
    assert all(f["description"] and f["title"] for f in schema["fields"])
    resource = frictionless.Resource(str(out_dir / "data" / "TIME.csv"))
    resource.schema = frictionless.Schema.from_descriptor(schema)
    rows = resource.read_rows()
    assert rows and all(r["value"] is None and r["symbol"] == "[c]" for r in rows)


def test_zip_is_byte_identical_across_runs(computed: Computed, tmp_path: Path) -> None:
    store = computed.pipeline.store
    first = write_downloads(computed.publication, store, tmp_path / "one")
    second = write_downloads(computed.publication, store, tmp_path / "two")
    name = f"charterwatch-{computed.publication.year}-all.zip"
    a, b = (tmp_path / "one" / name).read_bytes(), (tmp_path / "two" / name).read_bytes()
    assert a == b
    with zipfile.ZipFile(tmp_path / "one" / name) as archive:
        entries = archive.infolist()
        names = [e.filename for e in entries]
        assert names == sorted(names)
        assert set(names) == {f.name for f in first if f.format != "zip"}
        assert {e.date_time for e in entries} == {(1980, 1, 1, 0, 0, 0)}
        for entry in entries:
            assert archive.read(entry) == (tmp_path / "one" / entry.filename).read_bytes()
    assert [f.size for f in first] == [f.size for f in second]


def test_atom_feed_is_valid(computed: Computed, out_dir: Path) -> None:
    root = ET.parse(out_dir / "releases.atom").getroot()
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated"):
        assert (root.findtext(f"{ATOM}{tag}") or "").strip(), tag
    assert root.find(f"{ATOM}author/{ATOM}name") is not None
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(computed.publication.years)
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        f"{computed.pipeline.framework.project.name}: figures for {y}"
        for y in sorted(computed.publication.years, reverse=True)
    ]
    ids = set()
    for entry in entries:
        for tag in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{tag}") or "").strip(), tag
        ids.add(entry.findtext(f"{ATOM}id"))
        updated = entry.findtext(f"{ATOM}updated") or ""
        assert len(updated) == 20 and updated.endswith("Z") and updated[10] == "T"
        link = entry.find(f"{ATOM}link")
        assert link is not None and link.get("rel") == "alternate"
        href = link.get("href") or ""
        assert href.endswith("index.html") and "://" not in href, "relative without base_url"
    assert len(ids) == len(entries)
    links = {
        e.findtext(f"{ATOM}title"): e.find(f"{ATOM}link").get("href")  # type: ignore[union-attr]
        for e in entries
    }
    name = computed.pipeline.framework.project.name
    assert links[f"{name}: figures for {computed.publication.year}"] == "../index.html"
    assert set(links.values()) == {"../index.html", "../years/index.html"}
    runs = computed.pipeline.store.runs()
    assert root.findtext(f"{ATOM}updated") == runs[-1].started_at.replace("+00:00", "Z")


def test_atom_feed_says_its_figures_are_synthetic(computed: Computed, out_dir: Path) -> None:
    """A feed reader shows one entry away from the site's banner: each entry says so itself."""
    assert computed.publication.synthetic
    root = ET.parse(out_dir / "releases.atom").getroot()
    texts = [root.findtext(f"{ATOM}subtitle") or ""]
    texts += [e.findtext(f"{ATOM}summary") or "" for e in root.findall(f"{ATOM}entry")]
    assert all("synthetic records" in text for text in texts), texts


def test_atom_feed_with_a_base_url_is_absolute(computed: Computed, tmp_path: Path) -> None:
    index: DownloadsIndex = write_downloads(
        computed.publication,
        computed.pipeline.store,
        tmp_path,
        base_url="https://example.org/charter/",
        formats=["atom"],
    )
    assert [f.name for f in index] == ["releases.atom"]
    root = ET.parse(tmp_path / "releases.atom").getroot()
    self_link = root.find(f"{ATOM}link[@rel='self']")
    assert self_link is not None
    assert self_link.get("href") == "https://example.org/charter/downloads/releases.atom"
    feed_id = root.findtext(f"{ATOM}id")
    assert feed_id == "https://example.org/charter/downloads/releases.atom"
    for entry in root.findall(f"{ATOM}entry"):
        link = entry.find(f"{ATOM}link")
        assert link is not None
        assert (link.get("href") or "").startswith("https://example.org/charter/")
        assert entry.findtext(f"{ATOM}id", "").startswith(f"{feed_id}#")


def test_atom_year_pages_follow_the_pattern(computed: Computed, tmp_path: Path) -> None:
    options = DownloadOptions(year_page="{year}/index.html")
    write_downloads(
        computed.publication, computed.pipeline.store, tmp_path, formats=["atom"], options=options
    )
    root = ET.parse(tmp_path / "releases.atom").getroot()
    hrefs = [e.find(f"{ATOM}link").get("href") for e in root.findall(f"{ATOM}entry")]  # type: ignore[union-attr]
    assert hrefs == [f"../{y}/index.html" for y in sorted(computed.publication.years, reverse=True)]
