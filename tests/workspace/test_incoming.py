"""Folders of uploads being checked: removed once their process has died, never before."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from charterwatch.workspace import incoming

HOLDER = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_CREAT | os.O_RDWR, 0o600)
fcntl.flock(fd, fcntl.LOCK_EX)
print("locked", flush=True)
time.sleep(600)
"""


def test_a_folder_is_removed_only_after_its_process_dies(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "returns"
    place = incoming.folder() / "upload-held"
    place.mkdir(parents=True)
    (place / "big.csv").write_text("case_id\n")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(place / incoming.LOCK)], stdout=subprocess.PIPE
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"locked\n"
        assert incoming.sweep() == [] and place.exists()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(10)
    assert incoming.sweep() == [place] and not place.exists()


def test_a_folder_being_set_up_is_left_for_a_minute(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "returns"
    fresh, stale = incoming.folder() / "upload-fresh", incoming.folder() / "upload-stale"
    fresh.mkdir(parents=True)
    stale.mkdir()
    old = time.time() - incoming.SETTING_UP - 5
    os.utime(stale, (old, old))
    assert incoming.sweep() == [stale]
    assert fresh.exists() and not stale.exists()


def test_the_own_folder_is_locked_while_in_use_and_removed_after(
    settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "returns"
    with incoming.receiving() as place:
        (place / "extract.csv").write_text("case_id\n")
        assert incoming.sweep() == [] and place.exists()
    assert not place.exists()
