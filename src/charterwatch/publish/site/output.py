"""The output folder of a build: checked first, built aside, swapped in only when complete.

A build never writes into the folder it publishes to. :func:`publish_into` checks the target
(``--out``), builds the whole site in a new hidden folder beside it, and replaces the target
only when every step has succeeded; a build that fails at any step leaves the previous site
byte-identical and removes its own temporary folder.

Steps:

1. **Check the target.** A file is refused. A folder that is not empty and has no marker file
   (:data:`MARKER`, written into every site charterwatch builds) is refused: charterwatch
   never deletes what it did not make.
2. **Build aside.** Into ``.<name>.charterwatch-build-XXXX`` beside the target, on the same file
   system; when the target is a mount point, into a hidden folder inside it instead.
3. **Swap.** A previous site is renamed aside, the new one renamed into its place and the
   old one deleted. An existing folder that is empty, a mount point, or a folder the system
   will not rename (a bind mount, a folder in use) is kept and its entries are swapped one by
   one instead; if any move fails, every entry is moved back.

Failures of the file system (full disk, no permission, read-only) are raised as
:class:`OutputError` with the path and what to do.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn, TypeVar

MARKER = ".charterwatch-site"
"""The file that marks a folder as a site built by charterwatch (so a rebuild may replace it)."""

MARKER_TEXT = (
    "This folder was built by charterwatch ('charterwatch build').\n"
    "The next build replaces everything in it; keep your own files elsewhere.\n"
)

BUILDING = ".charterwatch-build-"
"""Part of the name of the temporary folder a site is built in."""

PREVIOUS = ".charterwatch-previous-"
"""Part of the name of the folder the previous site is moved to while the new one goes in."""

CANNOT_RENAME = {errno.EBUSY, errno.EXDEV, errno.EPERM, errno.EACCES, errno.EINVAL}
"""Errors of renaming a folder that is a mount point or in use: swap its entries instead."""

NO_SPACE = {errno.ENOSPC, errno.EDQUOT}
FILE_SYSTEM = NO_SPACE | {errno.EACCES, errno.EPERM, errno.EROFS, errno.EFBIG, errno.EMFILE}
"""Errors that come from the machine, not from charterwatch: reported with what to do."""

T = TypeVar("T")


class OutputError(Exception):
    """The output folder cannot be used, or the file system failed while building into it."""


def check_target(out: Path) -> None:
    """Refuse an ``out`` that is a file, or a non-empty folder that is not a charterwatch site.

    Raises:
        OutputError: saying what ``out`` is and what to choose instead.
    """
    if out.is_symlink() and not out.exists():
        raise OutputError(
            f"--out {out} is a link to something that does not exist; remove the link or give "
            "another folder"
        )
    if out.exists() and not out.is_dir():
        raise OutputError(
            f"--out {out} is a file, not a folder; give the name of a new folder, an empty "
            "folder or a site charterwatch built before"
        )
    if out.is_dir() and not is_site(out) and any(out.iterdir()):
        raise OutputError(
            f"--out {out} is a folder that is not empty and was not built by charterwatch (it "
            f"has no {MARKER} file), so charterwatch will not replace it; give the name of a "
            "new or empty folder"
        )


def is_site(folder: Path) -> bool:
    """True when ``folder`` holds the marker file of a site built by charterwatch."""
    return (folder / MARKER).is_file()


def write_marker(folder: Path) -> None:
    """Mark ``folder`` as a site built by charterwatch."""
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def publish_into(out: Path, build: Callable[[Path], T]) -> T:
    """Run ``build(folder)`` into a new temporary folder, then swap it in as ``out``.

    ``build`` receives a new folder holding only the marker file and must fill it completely;
    whatever it returns is returned. When it raises, ``out`` is left exactly as it was, the
    temporary folder is removed and the exception is raised again (a file-system failure as
    :class:`OutputError`).

    Raises:
        OutputError: if ``out`` is a file or a folder charterwatch did not build, or the file
            system fails (full disk, no permission) while building or swapping.
    """
    out = _real(out)
    check_target(out)
    inside = out.is_dir() and os.path.ismount(out)
    parent = out if inside else out.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}{BUILDING}", dir=parent))
        staging.chmod(_folder_mode(out))
    except OSError as exc:
        _raise_from_os(exc, out)
    try:
        write_marker(staging)
        result = build(staging)
        _swap_in(staging, out)
    except OSError as exc:
        _remove(staging)
        _raise_from_os(exc, out)
    except BaseException:
        _remove(staging)
        raise
    return result


def _raise_from_os(exc: OSError, out: Path) -> NoReturn:
    error = file_system_error(exc, out)
    if error is exc:
        raise exc
    raise error from exc


def file_system_error(exc: OSError, out: Path) -> Exception:
    """``exc`` as an :class:`OutputError` saying what to do, if the machine caused it.

    Other ``OSError`` (a missing template, say) is returned unchanged: it is a bug.
    """
    if exc.errno not in FILE_SYSTEM:
        return exc
    where = exc.filename or out
    unchanged = f"{out} is unchanged" if out.exists() else f"nothing was written to {out}"
    if exc.errno in NO_SPACE:
        return OutputError(
            f"no space left on the disk holding {where}; {unchanged}. Free some space (a "
            "build needs room for two copies of the site) and build again"
        )
    if exc.errno == errno.EROFS:
        return OutputError(
            f"{where} is on a read-only file system; {unchanged}. Build into a folder you "
            "can write to"
        )
    reason = exc.strerror or os.strerror(exc.errno or 0)
    return OutputError(
        f"cannot write {where} ({reason.lower()}); {unchanged}. Check you may write to the "
        "folder, or build into another one"
    )


def _folder_mode(out: Path) -> int:
    """The permissions of the previous site, else those of a new folder (not mkdtemp's 0700)."""
    if out.is_dir():
        return stat.S_IMODE(out.stat().st_mode)
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o777 & ~mask


def _real(out: Path) -> Path:
    """``out`` made absolute (``.`` has a name and a parent), a link to a folder followed."""
    out = out.absolute()
    return out.resolve() if out.is_symlink() and out.is_dir() else out


def _swap_in(staging: Path, out: Path) -> None:
    """Put the complete site in ``staging`` in the place of ``out``."""
    if not out.exists():
        staging.rename(out)
        return
    if staging.parent == out:
        _swap_entries(staging, out)
        return
    if not is_site(out):  # an empty folder someone made: keep it, fill it
        _swap_entries(_move_inside(staging, out), out)
        return
    previous = Path(tempfile.mkdtemp(prefix=f".{out.name}{PREVIOUS}", dir=out.parent))
    try:
        out.rename(previous / out.name)
    except OSError as exc:
        previous.rmdir()
        if exc.errno not in CANNOT_RENAME:
            raise
        _swap_entries(_move_inside(staging, out), out)
        return
    try:
        staging.rename(out)
    except BaseException:
        (previous / out.name).rename(out)
        previous.rmdir()
        raise
    _remove(previous)


def _move_inside(staging: Path, out: Path) -> Path:
    """Move (or, across file systems, copy) ``staging`` into ``out`` as a hidden folder."""
    inside = Path(tempfile.mkdtemp(prefix=BUILDING, dir=out))
    target = inside / "site"
    try:
        try:
            staging.rename(target)
        except OSError as exc:
            if exc.errno != errno.EXDEV:
                raise
            _copy_tree(staging, target)
            _remove(staging)
    except BaseException:
        _remove(inside)
        raise
    return target


def _copy_tree(source: Path, target: Path) -> None:
    """Copy a folder, raising the first error as it is (``shutil.copytree`` would wrap a full
    disk in a ``shutil.Error`` without its error number)."""
    for folder, _, files in os.walk(source):
        into = target / Path(folder).relative_to(source)
        into.mkdir(parents=True, exist_ok=True)
        for name in files:
            shutil.copy2(Path(folder) / name, into / name, follow_symlinks=False)


def _swap_entries(staging: Path, out: Path) -> None:
    """Swap the entries of ``out`` for those of ``staging`` (inside ``out``), one by one.

    The old entries go to a hidden folder in ``out``, the new ones come in from
    ``staging``; if a move fails, all moves are undone before the error is raised.
    """
    holder = staging if staging.parent == out else staging.parent
    previous = Path(tempfile.mkdtemp(prefix=PREVIOUS, dir=out))
    ours = {holder.name, previous.name}
    moved_out: list[str] = []
    moved_in: list[str] = []
    try:
        for entry in sorted(p.name for p in out.iterdir() if p.name not in ours):
            (out / entry).rename(previous / entry)
            moved_out.append(entry)
        for entry in sorted(p.name for p in staging.iterdir()):
            (staging / entry).rename(out / entry)
            moved_in.append(entry)
    except BaseException:
        for entry in reversed(moved_in):
            (out / entry).rename(staging / entry)
        for entry in reversed(moved_out):
            (previous / entry).rename(out / entry)
        previous.rmdir()
        _remove(holder)
        raise
    _remove(previous)
    _remove(holder)


def _remove(folder: Path) -> None:
    """Delete a folder this module made (a temporary or a previous site), if it is there."""
    shutil.rmtree(folder, ignore_errors=True)
