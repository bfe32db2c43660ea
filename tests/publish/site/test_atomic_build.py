"""A build that fails at any step leaves the previous site byte-identical.

A site of the small test framework is built once; each case copies it to ``site/``, makes a
new build fail at one point (the readability gate, the language, the year, the downloads,
the PDFs, a full disk, the final swap) and checks that every file of the previous site is
unchanged and that no temporary folder is left behind. Monkeypatching is used only to
inject a failure where real input cannot cause one. The last tests run the command itself:
every case ends with its own message and exit code 1, never "This is a bug".
"""

from __future__ import annotations

import datetime as dt
import errno
import re
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from charterwatch.cli import main
from charterwatch.pipeline import Pipeline
from charterwatch.publish.readability import ReadabilityError
from charterwatch.publish.site import site as site_module
from charterwatch.publish.site.build import SiteError
from charterwatch.publish.site.incremental import MANIFEST
from charterwatch.publish.site.output import BUILDING, MARKER, OutputError
from charterwatch.publish.site.site import build_site
from tests.measures.fixtures import write_measured_framework
from tests.publish.site.test_output_folder import leftovers, tree

HARD = (
    "Notwithstanding the aforementioned considerations, organisational performance "
    "measurement methodologies necessitate comprehensive interdepartmental "
    "reconciliation of administratively heterogeneous operational classifications."
)
"""A sentence far above the summary layer's reading grade."""


@dataclass
class Built:
    root: Path
    pipeline: Pipeline
    site: Path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = write_measured_framework(tmp_path_factory.mktemp("framework"))
    pipeline = Pipeline.open(root)
    pipeline.compute()
    site = tmp_path_factory.mktemp("first") / "site"
    build_site(pipeline, site)
    return Built(root, pipeline, site)


@pytest.fixture
def previous(built: Built, tmp_path: Path) -> Path:
    """A copy of the built site in a folder of its own, as ``--out`` of the next build.

    Its build manifest is left out, so the next build renders every page and file (as over
    a site built before incremental builds) and reaches every step a failure is put in.
    """
    out = tmp_path / "out" / "site"
    shutil.copytree(built.site, out, ignore=shutil.ignore_patterns(MANIFEST))
    return out


def hard_wording(built: Built, tmp_path: Path) -> Pipeline:
    """The framework with its own wording of a home-page sentence, too hard to read."""
    root = tmp_path / "framework"
    shutil.copytree(built.root, root)
    locale = root / "locales" / "en" / "site.yaml"
    locale.parent.mkdir(parents=True)
    locale.write_text(f'site:\n  home:\n    glance_note: "{HARD}"\n', encoding="utf-8")
    return Pipeline.open(root)


def fail_on_write(method: str, match: Callable[[Path], bool]) -> Callable[..., Any]:
    """A replacement of ``Path.<method>`` that raises "no space left" for matching paths."""
    real = getattr(Path, method)

    def write(self: Path, *args: Any, **kwargs: Any) -> Any:
        if match(self):
            raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return real(self, *args, **kwargs)

    return write


def downloads_fail(*_: object, **__: object) -> None:
    raise RuntimeError("injected failure in the downloads step")


def pdf_fails(*_: object, **__: object) -> None:
    raise RuntimeError("injected failure in the PDF step")


@dataclass(frozen=True)
class Failure:
    name: str
    error: type[BaseException]
    message: str
    options: dict[str, str]
    patch: Callable[[pytest.MonkeyPatch], None] | None = None
    hard_wording: bool = False


FAILURES = [
    Failure("readability-gate", ReadabilityError, "too hard to read", {}, hard_wording=True),
    Failure(
        "bad-language",
        LookupError,
        "no translation catalogue for language 'xx'",
        {"language": "xx"},
    ),
    Failure("year-with-no-data", SiteError, "--year 2010-11 has no figures", {"year": "2010-11"}),
    Failure(
        "far-future-year", SiteError, "--year 2099-00 has not started yet", {"year": "2099-00"}
    ),
    Failure("not-a-year", SiteError, "is not a financial year label", {"year": "2023/24"}),
    Failure(
        "downloads-step",
        RuntimeError,
        "injected failure in the downloads step",
        {},
        lambda mp: mp.setattr(site_module, "write_downloads", downloads_fail),
    ),
    Failure(
        "pdf-step",
        RuntimeError,
        "injected failure in the PDF step",
        {},
        lambda mp: mp.setattr(site_module, "full_report_pdf", pdf_fails),
    ),
    Failure(
        "disk-full-writing-a-page",
        OutputError,
        "no space left on the disk holding",
        {},
        lambda mp: mp.setattr(
            Path, "write_text", fail_on_write("write_text", lambda p: p.parent.name == "glossary")
        ),
    ),
    Failure(
        "disk-full-writing-a-download",
        OutputError,
        "no space left on the disk holding",
        {},
        lambda mp: mp.setattr(
            Path, "write_bytes", fail_on_write("write_bytes", lambda p: p.suffix == ".csv")
        ),
    ),
]


@pytest.mark.parametrize("failure", FAILURES, ids=[f.name for f in FAILURES])
def test_a_failed_build_leaves_the_previous_site_byte_identical(
    built: Built, previous: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: Failure
) -> None:
    before = tree(previous)
    assert MARKER in before and "index.html" in before and len(before) > 50
    pipeline = hard_wording(built, tmp_path) if failure.hard_wording else built.pipeline
    if failure.patch is not None:
        failure.patch(monkeypatch)
    with pytest.raises(failure.error) as caught:
        build_site(pipeline, previous, **failure.options)  # type: ignore[arg-type]
    monkeypatch.undo()
    assert failure.message in str(caught.value)
    assert tree(previous) == before
    assert leftovers(previous.parent, previous) == []


def test_a_failed_swap_puts_the_previous_site_back(
    built: Built, previous: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = tree(previous)
    real_rename = Path.rename

    def rename(self: Path, target: Path) -> Path:
        if Path(target) == previous and BUILDING in self.name:
            raise OSError(errno.EIO, "Input/output error")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(OSError, match="Input/output error"):
        build_site(built.pipeline, previous)
    monkeypatch.undo()
    assert tree(previous) == before
    assert leftovers(previous.parent, previous) == []


def test_a_good_build_replaces_the_previous_site_and_leaves_nothing_behind(
    built: Built, previous: Path
) -> None:
    (previous / "stale.html").write_text("from an older build", encoding="utf-8")
    report = build_site(built.pipeline, previous)
    assert report.out == previous
    files = sorted(p.relative_to(previous).as_posix() for p in previous.rglob("*") if p.is_file())
    assert files == report.files
    assert "stale.html" not in files
    assert sorted(tree(previous)) == sorted(tree(built.site)), "the same files as a new build"
    assert leftovers(previous.parent, previous) == []


def test_the_default_year_is_the_latest_with_figures_that_has_started(built: Built) -> None:
    store = built.pipeline.store
    years = sorted({f.label for f in store.query(statistic="value", breakdown="all")})
    assert site_module.release_year(store) == years[-1]
    first_day = dt.date(int(years[-1][:4]), 4, 1)
    assert site_module.release_year(store, today=first_day - dt.timedelta(days=1)) == years[-2]
    with pytest.raises(SiteError, match="has not started yet"):
        site_module.release_year(store, years[-1], today=first_day - dt.timedelta(days=1))


def test_a_framework_starting_in_a_far_future_year_publishes_nothing(
    built: Built,
    previous: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = tmp_path / "framework"
    shutil.copytree(built.root, root, ignore=shutil.ignore_patterns(".charterwatch"))
    framework = root / "framework.yaml"
    text = framework.read_text("utf-8")
    framework.write_text(re.sub(r"first_year: \S+", "first_year: 2099-00", text), "utf-8")
    Pipeline.open(root).compute()
    before = tree(previous)
    status, said = run(["build", str(root), "--out", str(previous)], capsys, monkeypatch)
    assert status == 1, said
    assert "no figures to publish (only 2099-00, which has not started)" in said
    assert "This is a bug" not in said and f"{previous} is unchanged" in said
    assert tree(previous) == before
    assert leftovers(previous.parent, previous) == []


def run(
    argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str]:
    """Run ``charterwatch`` as from a terminal (through ``main``); the exit code and output."""
    monkeypatch.setattr(sys, "argv", ["charterwatch", *argv])
    with pytest.raises(SystemExit) as exited:
        main()
    captured = capsys.readouterr()
    return int(exited.value.code or 0), " ".join((captured.out + captured.err).split())


COMMAND_FAILURES = [
    ("far-future-year", ["--year", "2099-00"], None, "has not started yet"),
    ("bad-language", ["--language", "xx"], None, "no translation catalogue"),
    (
        "disk-full",
        [],
        lambda mp: mp.setattr(
            Path, "write_text", fail_on_write("write_text", lambda p: p.name == "index.html")
        ),
        "no space left on the disk holding",
    ),
]


@pytest.mark.parametrize(
    ("options", "patch", "message"),
    [c[1:] for c in COMMAND_FAILURES],
    ids=[c[0] for c in COMMAND_FAILURES],
)
def test_the_command_says_what_happened_and_that_the_site_is_unchanged(
    built: Built,
    previous: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    options: list[str],
    patch: Callable[[pytest.MonkeyPatch], None] | None,
    message: str,
) -> None:
    before = tree(previous)
    if patch is not None:
        patch(monkeypatch)
    code, said = run(
        ["build", str(built.root), "--out", str(previous), *options], capsys, monkeypatch
    )
    assert code == 1, said
    assert message in said
    assert f"{previous} is unchanged" in said
    assert "This is a bug" not in said and "Traceback" not in said
    monkeypatch.undo()
    assert tree(previous) == before
    assert leftovers(previous.parent, previous) == []


def test_the_command_refuses_a_file_and_a_folder_it_did_not_build(
    built: Built,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("mine", encoding="utf-8")
    code, said = run(["build", str(built.root), "--out", str(notes)], capsys, monkeypatch)
    assert code == 1 and "is a file, not a folder" in said and "This is a bug" not in said
    code, said = run(["build", str(built.root), "--out", str(built.root)], capsys, monkeypatch)
    assert code == 1 and "was not built by charterwatch" in said and "This is a bug" not in said
    assert notes.read_text("utf-8") == "mine"
    assert (built.root / "charterwatch.yaml").is_file()


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [("- id: OPEN\n", "- id: actions\n", "CW-N002"), ("- id: WAIT\n", "- id: time\n", "CW-N001")],
    ids=["measure-called-actions", "measure-ids-differ-in-case"],
)
def test_ids_that_would_clash_stop_the_build_before_it_starts(
    built: Built,
    previous: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    old: str,
    new: str,
    code: str,
) -> None:
    root = tmp_path / "framework"
    shutil.copytree(built.root, root)
    framework = root / "framework.yaml"
    text = framework.read_text("utf-8")
    assert old in text
    framework.write_text(text.replace(old, new), encoding="utf-8")
    before = tree(previous)
    status, said = run(["build", str(root), "--out", str(previous)], capsys, monkeypatch)
    assert status == 1, said
    assert f"error {code} framework.yaml:" in said
    assert f"{previous} is unchanged" in said
    assert "This is a bug" not in said and "Traceback" not in said
    assert tree(previous) == before
    assert leftovers(previous.parent, previous) == []
