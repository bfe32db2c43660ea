"""``charterwatch workspace DIR --init`` sets up a database and a first admin from the
command line; ``charterwatch workspace DIR`` then serves the sign-in page and its styles."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.workspace.conftest import ROOT

EXAMPLE = ROOT / "examples" / "scotland"
CLI = [sys.executable, "-c", "from charterwatch.cli import main; main()"]


def _env(data: Path, **more: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CHARTERWATCH_"))}
    env.pop("DATABASE_URL", None)  # the command's own SQLite in `data`
    env["CHARTERWATCH_INSECURE_COOKIES"] = "1"
    env["COLUMNS"] = "300"  # one line per message
    env.update(more)
    return env


def _run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, "workspace", str(EXAMPLE), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_init_creates_the_database_and_the_admin_and_is_safe_to_repeat(tmp_path: Path) -> None:
    data = tmp_path / "ws"
    env = _env(data, CHARTERWATCH_ADMIN_PASSWORD="a long enough pass phrase 7")
    first = _run("--init", "--admin", "lead", "--data", str(data), env=env)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "admin 'lead' created" in first.stdout
    with sqlite3.connect(data / "workspace.sqlite3") as db:
        (name, superuser, hashed) = db.execute(
            "select username, is_superuser, password from auth_user"
        ).fetchone()
        (role,) = db.execute("select role from workspace_membership").fetchone()
        teams = db.execute("select count(*) from workspace_team").fetchone()[0]
    assert (name, superuser, role) == ("lead", 1, "admin")
    assert hashed.startswith("argon2")  # never a plain or weak hash
    assert teams >= 5  # one per owner the framework's sources name
    assert (data / "secret-key").stat().st_mode & 0o077 == 0  # owner-only
    again = _run("--init", "--admin", "lead", "--data", str(data), env=env)
    assert again.returncode == 0 and "already exists" in again.stdout


def test_init_with_the_secret_key_in_the_environment_makes_the_data_folder(
    tmp_path: Path,
) -> None:
    """Production sets CHARTERWATCH_SECRET_KEY: the data folder must still be made (it once
    was only made to keep a generated key, and --init crashed on an unopenable database)."""
    data = tmp_path / "new" / "ws"
    env = _env(
        data,
        CHARTERWATCH_ADMIN_PASSWORD="a long enough pass phrase 7",
        CHARTERWATCH_SECRET_KEY="a-key-from-the-environment-" + "x" * 30,
    )
    done = _run("--init", "--data", str(data), env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (data / "workspace.sqlite3").is_file()
    assert not (data / "secret-key").exists()  # the given key is not written down


def test_init_refuses_a_weak_password(tmp_path: Path) -> None:
    data = tmp_path / "ws"
    result = _run(
        "--init", "--data", str(data), env=_env(data, CHARTERWATCH_ADMIN_PASSWORD="password")
    )
    assert result.returncode != 0
    assert "too weak" in result.stdout + result.stderr


def test_serving_without_init_says_what_to_do(tmp_path: Path) -> None:
    data = tmp_path / "ws"
    result = _run("--data", str(data), "--port", str(_free_port()), env=_env(data))
    assert result.returncode != 0
    assert "--init" in result.stdout + result.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_the_server_serves_the_sign_in_page_and_styles(tmp_path: Path) -> None:
    data = tmp_path / "ws"
    env = _env(data, CHARTERWATCH_ADMIN_PASSWORD="a long enough pass phrase 7")
    assert _run("--init", "--data", str(data), env=env).returncode == 0
    port = _free_port()
    server = subprocess.Popen(
        [*CLI, "workspace", str(EXAMPLE), "--data", str(data), "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        page = _get(f"http://127.0.0.1:{port}/login/")
        assert "Sign in" in page and 'autocomplete="current-password"' in page
        css = _get(f"http://127.0.0.1:{port}/static/design-system.min.css")
        assert ".ds_page" in css
    finally:
        server.terminate()
        server.wait(timeout=30)


def _get(url: str, wait: float = 60.0) -> str:
    deadline = time.monotonic() + wait
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return str(response.read().decode("utf-8"))
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)
