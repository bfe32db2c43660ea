"""The output folder: what ``--out`` may be, and how a built folder is swapped in.

These tests use a tiny build function (a few files) so every case of the swap runs in
milliseconds; ``test_atomic_build.py`` does the same with real builds of a site.
"""

from __future__ import annotations

import errno
import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from charterwatch.publish.site import output
from charterwatch.publish.site.incremental import MANIFEST
from charterwatch.publish.site.output import (
    MARKER,
    OutputError,
    check_target,
    file_system_error,
    is_site,
    publish_into,
)


def tree(folder: Path) -> dict[str, str]:
    """Every file (with the hash of its bytes) and folder under ``folder``."""
    return {
        p.relative_to(folder).as_posix(): (
            hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "folder"
        )
        for p in sorted(folder.rglob("*"))
    }


def site(*names: str, fail: Exception | None = None) -> Callable[[Path], str]:
    """A build that writes ``names`` (each holding its own name), then raises ``fail``."""

    def build(folder: Path) -> str:
        for name in names:
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(name, encoding="utf-8")
        if fail is not None:
            raise fail
        return "built"

    return build


def previous_site(tmp_path: Path) -> Path:
    out = tmp_path / "site"
    publish_into(out, site("index.html", "old.html", "measures/M1/index.html"))
    return out


def leftovers(tmp_path: Path, out: Path) -> list[str]:
    """Temporary folders left beside or inside ``out``."""
    names = [p.name for p in tmp_path.iterdir() if p != out]
    if out.is_dir():
        names += [
            p.name
            for p in out.iterdir()
            if "charterwatch-" in p.name and p.name not in (MARKER, MANIFEST)
        ]
    return names


def test_a_new_folder_is_created_with_the_marker(tmp_path: Path) -> None:
    out = tmp_path / "deep" / "site"
    assert publish_into(out, site("index.html")) == "built"
    assert sorted(tree(out)) == [MARKER, "index.html"]
    assert is_site(out)
    assert "charterwatch build" in (out / MARKER).read_text("utf-8")
    assert oct(out.stat().st_mode & 0o777) != oct(0o700), "not mkdtemp's private mode"


def test_a_rebuild_replaces_the_previous_site_completely(tmp_path: Path) -> None:
    out = previous_site(tmp_path)
    out.chmod(0o750)
    publish_into(out, site("index.html", "new.html"))
    assert sorted(tree(out)) == [MARKER, "index.html", "new.html"]
    assert out.stat().st_mode & 0o777 == 0o750, "the previous site's permissions are kept"
    assert leftovers(tmp_path, out) == []


@pytest.mark.parametrize(
    "fail",
    [
        RuntimeError("a step failed"),
        OSError(errno.ENOSPC, "No space left on device"),
        KeyboardInterrupt(),
    ],
    ids=["exception", "disk-full", "interrupted"],
)
def test_a_failed_build_leaves_the_previous_site_byte_identical(
    tmp_path: Path, fail: BaseException
) -> None:
    out = previous_site(tmp_path)
    before = tree(out)
    with pytest.raises((type(fail), OutputError)):
        publish_into(out, site("index.html", "half.html", fail=fail))  # type: ignore[arg-type]
    assert tree(out) == before
    assert leftovers(tmp_path, out) == []


def test_disk_full_is_reported_with_the_path_and_what_to_do(tmp_path: Path) -> None:
    out = previous_site(tmp_path)
    full = OSError(errno.ENOSPC, "No space left on device", str(out / "x.csv"))
    with pytest.raises(OutputError) as caught:
        publish_into(out, site(fail=full))
    message = str(caught.value)
    assert f"no space left on the disk holding {out / 'x.csv'}" in message
    assert f"{out} is unchanged" in message and "Free some space" in message


def test_other_os_errors_are_not_dressed_up(tmp_path: Path) -> None:
    missing = FileNotFoundError(errno.ENOENT, "No such file", "template.html")
    assert file_system_error(missing, tmp_path) is missing
    with pytest.raises(FileNotFoundError):
        publish_into(tmp_path / "site", site(fail=missing))
    assert list(tmp_path.iterdir()) == []


def test_a_file_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError, match="is a file, not a folder"):
        publish_into(out, site("index.html"))
    assert out.read_text("utf-8") == "mine"
    assert leftovers(tmp_path, out) == []


def test_a_folder_charterwatch_did_not_build_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / "thesis.docx").write_text("years of work", encoding="utf-8")
    with pytest.raises(OutputError, match=f"has no {MARKER} file"):
        check_target(out)
    with pytest.raises(OutputError, match="will not replace it"):
        publish_into(out, site("index.html"))
    assert tree(out) == {"thesis.docx": hashlib.sha256(b"years of work").hexdigest()}
    assert leftovers(tmp_path, out) == []


def test_a_broken_link_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.symlink_to(tmp_path / "nowhere")
    with pytest.raises(OutputError, match="does not exist"):
        publish_into(out, site("index.html"))


def test_an_empty_folder_is_kept_and_filled(tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    inode = out.stat().st_ino
    publish_into(out, site("index.html"))
    assert out.stat().st_ino == inode, "a folder charterwatch did not make is never replaced"
    assert sorted(tree(out)) == [MARKER, "index.html"]
    assert leftovers(tmp_path, out) == []


def test_a_link_to_a_site_keeps_pointing_at_the_new_site(tmp_path: Path) -> None:
    real = previous_site(tmp_path)
    link = tmp_path / "current"
    link.symlink_to(real)
    publish_into(link, site("index.html", "new.html"))
    assert link.is_symlink()
    assert sorted(tree(link)) == [MARKER, "index.html", "new.html"]


def test_the_current_folder_can_be_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = previous_site(tmp_path)
    monkeypatch.chdir(out)
    publish_into(Path("."), site("index.html", "here.html"))
    assert sorted(tree(out)) == [MARKER, "here.html", "index.html"]
    assert leftovers(tmp_path, out) == []


def test_a_mount_point_is_built_inside_and_its_entries_swapped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = previous_site(tmp_path)
    inode = out.stat().st_ino
    monkeypatch.setattr(output.os.path, "ismount", lambda p: Path(p) == out)
    before = tree(out)
    with pytest.raises(RuntimeError):
        publish_into(out, site("index.html", fail=RuntimeError("failed")))
    assert tree(out) == before
    assert leftovers(tmp_path, out) == []
    publish_into(out, site("index.html", "new.html"))
    assert out.stat().st_ino == inode, "a mount point cannot be replaced, only refilled"
    assert sorted(tree(out)) == [MARKER, "index.html", "new.html"]
    assert leftovers(tmp_path, out) == []


def _refuse_renaming(out: Path, code: int) -> Callable[[Path, Path], Path]:
    real_rename = Path.rename

    def rename(self: Path, target: Path) -> Path:
        if self == out:
            raise OSError(code, os.strerror(code), str(self))
        return real_rename(self, target)

    return rename  # type: ignore[return-value]


@pytest.mark.parametrize("code", [errno.EBUSY, errno.EXDEV], ids=["busy", "cross-device"])
def test_a_folder_that_cannot_be_renamed_gets_its_entries_swapped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    out = previous_site(tmp_path)
    monkeypatch.setattr(Path, "rename", _refuse_renaming(out, code))
    publish_into(out, site("index.html", "new.html", "measures/M2/index.html"))
    assert sorted(tree(out)) == [
        MARKER,
        "index.html",
        "measures",
        "measures/M2",
        "measures/M2/index.html",
        "new.html",
    ]
    assert leftovers(tmp_path, out) == []


def test_the_staged_site_is_copied_in_when_it_is_on_another_file_system(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = previous_site(tmp_path)
    real_rename = Path.rename

    def rename(self: Path, target: Path) -> Path:
        if self == out or (output.BUILDING in self.name and Path(target).parent.parent == out):
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    publish_into(out, site("index.html", "copied.html"))
    assert sorted(tree(out)) == [MARKER, "copied.html", "index.html"]
    assert leftovers(tmp_path, out) == []


def test_a_full_disk_while_copying_in_is_reported_and_undone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = previous_site(tmp_path)
    before = tree(out)
    real_rename = Path.rename

    def rename(self: Path, target: Path) -> Path:
        if self == out or (output.BUILDING in self.name and Path(target).parent.parent == out):
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        return real_rename(self, target)

    def copy2(source: Path, target: Path, **_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    monkeypatch.setattr(Path, "rename", rename)
    monkeypatch.setattr(output.shutil, "copy2", copy2)
    with pytest.raises(OutputError, match="no space left on the disk holding"):
        publish_into(out, site("index.html", "copied.html"))
    assert tree(out) == before
    assert leftovers(tmp_path, out) == []


def test_a_swap_that_fails_half_way_is_undone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = previous_site(tmp_path)
    before = tree(out)
    real_rename = Path.rename

    def rename(self: Path, target: Path) -> Path:
        if self == out:
            raise OSError(errno.EBUSY, "Device or resource busy")
        if Path(target) == out / "new.html":  # the second new entry to move in
            raise OSError(errno.EIO, "Input/output error")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(OSError, match="Input/output error"):
        publish_into(out, site("index.html", "new.html"))
    assert tree(out) == before
    assert leftovers(tmp_path, out) == []


def test_a_failed_final_rename_puts_the_previous_site_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = previous_site(tmp_path)
    before = tree(out)
    real_rename = Path.rename

    def rename(self: Path, target: Path) -> Path:
        if output.BUILDING in self.name and Path(target) == out:
            raise OSError(errno.EIO, "Input/output error")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(OSError, match="Input/output error"):
        publish_into(out, site("index.html", "new.html"))
    assert tree(out) == before
    assert leftovers(tmp_path, out) == []
