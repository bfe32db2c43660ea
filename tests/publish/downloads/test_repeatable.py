"""The same store gives byte-identical downloads, whatever ran before in the process.

odfpy keeps the namespaces it has met in one registry for the whole process and declared
all of them on the root of every XML part it wrote, so the ODS file (and the zip holding
it) changed with what had been imported, built or written before. These tests build the
downloads after filling that registry, and once in a fresh process, and compare bytes.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

from odf import chart, draw, form, presentation

from charterwatch.publish.downloads import write_downloads
from charterwatch.publish.downloads.context import DownloadContext
from charterwatch.publish.downloads.formats.ods_workbook import used_declarations
from tests.publish.downloads.fixtures import Computed

ROOT = Path(__file__).resolve().parents[3]
PARTS = ("content.xml", "styles.xml", "meta.xml", "META-INF/manifest.xml")


def fill_odfpy_registry() -> None:
    """Make elements of namespaces the workbook never uses, as other odfpy code might."""
    chart.Chart(check_grammar=False)
    draw.Frame(check_grammar=False)
    form.Form(check_grammar=False)
    presentation.Notes(check_grammar=False)


def files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def same_files(first: Path, second: Path) -> None:
    names = files(first)
    assert names == files(second)
    differ = [n for n in names if (first / n).read_bytes() != (second / n).read_bytes()]
    assert not differ, f"these files differ: {differ}"


def declared(xml: bytes) -> list[str]:
    """The prefixes declared on the root element, in order."""
    root = re.search(rb"<[^?!][^>]*>", xml)
    assert root is not None
    return [p.decode() for p in re.findall(rb'xmlns:([\w.-]+)="', root.group())]


def test_a_second_build_after_other_odfpy_use_gives_the_same_bytes(
    computed: Computed, tmp_path: Path
) -> None:
    store = computed.pipeline.store
    write_downloads(computed.publication, store, tmp_path / "one")
    fill_odfpy_registry()
    write_downloads(computed.publication, store, tmp_path / "two")
    same_files(tmp_path / "one", tmp_path / "two")


def test_a_fresh_process_gives_the_same_bytes(computed: Computed, tmp_path: Path) -> None:
    fill_odfpy_registry()
    write_downloads(computed.publication, computed.pipeline.store, tmp_path / "here")
    script = textwrap.dedent(
        """
        import sys
        from charterwatch.pipeline import Pipeline
        from charterwatch.publish.downloads import write_downloads
        from charterwatch.publish.view import build_publication

        pipeline = Pipeline.open(sys.argv[1], store=sys.argv[2])
        publication = build_publication(pipeline.framework, pipeline.store)
        write_downloads(publication, pipeline.store, sys.argv[3])
        """
    )
    pipeline = computed.pipeline
    store = pipeline.store.path
    done = subprocess.run(
        [sys.executable, "-c", script, str(pipeline.root), str(store), str(tmp_path / "fresh")],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin", "TZ": "Pacific/Chatham"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    same_files(tmp_path / "here", tmp_path / "fresh")


def test_ods_parts_declare_only_the_namespaces_they_use_in_order(
    computed: Computed, tmp_path: Path
) -> None:
    fill_odfpy_registry()
    index = write_downloads(
        computed.publication, computed.pipeline.store, tmp_path, formats=["ods"]
    )
    with zipfile.ZipFile(tmp_path / index.by_format("ods")[0].name) as ods:
        assert {e.date_time for e in ods.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert ods.namelist()[0] == "mimetype"
        for part in PARTS:
            prefixes = declared(ods.read(part))
            assert prefixes == sorted(prefixes), part
            assert not {"chart", "draw", "form", "presentation"} & set(prefixes), part
        assert {"office", "table", "style", "text"} <= set(declared(ods.read("content.xml")))
        assert declared(ods.read("META-INF/manifest.xml")) == ["manifest"]


def test_used_declarations_keeps_used_prefixes_sorted_and_other_attributes() -> None:
    xml = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<office:doc xmlns:table="urn:t" xmlns:draw="urn:d" xmlns:office="urn:o"'
        b' xmlns:fo="urn:f" office:version="1.3"><table:t fo:x="a &gt; b"/>'
        b"<office:p>draw:frame is text</office:p></office:doc>"
    )
    assert used_declarations(xml) == (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<office:doc xmlns:fo="urn:f" xmlns:office="urn:o" xmlns:table="urn:t"'
        b' office:version="1.3"><table:t fo:x="a &gt; b"/>'
        b"<office:p>draw:frame is text</office:p></office:doc>"
    )


def test_xlsx_properties_carry_the_stored_date_not_the_clock(
    computed: Computed, tmp_path: Path
) -> None:
    index = write_downloads(
        computed.publication, computed.pipeline.store, tmp_path, formats=["xlsx"]
    )
    with zipfile.ZipFile(tmp_path / index.by_format("xlsx")[0].name) as xlsx:
        times = {e.date_time for e in xlsx.infolist()}
        assert len(times) == 1 and next(iter(times))[0] == 1980  # xlsxwriter's fixed time
        core = xlsx.read("docProps/core.xml").decode()
    created = re.search(r"<dcterms:created[^>]*>([^<]+)<", core)
    assert created is not None
    ctx = DownloadContext(computed.publication, computed.pipeline.store, tmp_path)
    assert created.group(1) == ctx.computed_at.strftime("%Y-%m-%dT%H:%M:%SZ")
