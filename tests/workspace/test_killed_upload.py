"""An upload killed half way leaves the previous data intact. The workspace runs as people run
it (``charterwatch workspace DIR``, its own process, a SQLite file on disk). A data owner's
first extract is accepted. Then a large second extract is sent and the server is killed with
SIGKILL at several moments: while the file is still arriving, and from 0.1 s to 1.6 s after
it was sent (while it is being checked, kept, or just after it was accepted). After each
kill the server is started again and the store is examined: the database passes SQLite's
integrity check, every recorded version's file is there with the SHA-256 recorded for it,
the version in use is the first one (or, if the upload had finished before the kill, the
complete second one), a new upload is still accepted, and nothing is left behind: no folder of
the killed upload, no file in the store that is not a recorded version.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent
PASSWORD = "killed upload test password 42"
YEAR = "2025-26"
HEADER = "case_id,received_date,decided_date,outcome,channel\n"
ROWS = 800_000
"""The killed extract: about 38 MB, which this machine takes about 1 s to receive, check and keep
once it has arrived, so the kills after sending land while it is being checked, while it
is being kept, and after it was accepted."""


def _extract(rows: int, days_later: int) -> bytes:
    start = dt.date(2025, 6, 2)
    lines = [HEADER]
    for i in range(rows):
        received = start + dt.timedelta(days=i % 200)
        decided = received + dt.timedelta(days=days_later)
        lines.append(f"C{i + 1:07d},{received},{decided},approved,online\n")
    return "".join(lines).encode()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Workspace:
    """A workspace folder and its server process, started and killed like a real one."""

    def __init__(self, folder: Path) -> None:
        self.root = folder / "charter"
        self.data = folder / "workspace"
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = dict(
            os.environ,
            CHARTERWATCH_INSECURE_COOKIES="1",
            CHARTERWATCH_ADMIN_PASSWORD=PASSWORD,
            CHARTERWATCH_FRAMEWORK=str(self.root),
            CHARTERWATCH_WORKSPACE_DATA=str(self.data),
            DJANGO_SETTINGS_MODULE="charterwatch.workspace.settings",
        )
        self.env.pop("DATABASE_URL", None)  # this test is about the SQLite file on disk
        self.server: subprocess.Popen[bytes] | None = None

    def set_up(self) -> None:
        cw = str(BIN / "charterwatch")
        subprocess.run([cw, "init", str(self.root)], check=True, capture_output=True)
        subprocess.run(
            [cw, "workspace", str(self.root), "--init", "--data", str(self.data)],
            check=True,
            capture_output=True,
            env=self.env,
        )
        self.django(
            "from django.contrib.auth import get_user_model;"
            "from charterwatch.workspace.models import Membership, Team, ReportingYear;"
            f"u = get_user_model().objects.create_user('owner', password={PASSWORD!r});"
            "t = Team.objects.get_or_create(name='Your statistics team')[0];"
            "Membership.objects.create(user=u, role='data_owner', team=t);"
            f"ReportingYear.objects.create(label={YEAR!r}, returns_due='2026-06-30')"
        )

    def django(self, code: str) -> str:
        """Run ``code`` in a fresh process with Django set up on this workspace."""
        done = subprocess.run(
            [sys.executable, "-c", "import django; django.setup();" + code],
            check=True,
            capture_output=True,
            text=True,
            env=self.env,
        )
        return done.stdout

    def start(self) -> None:
        self.server = subprocess.Popen(
            [
                *(str(BIN / "charterwatch"), "workspace", str(self.root)),
                *("--data", str(self.data), "--port", str(self.port)),
            ],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        end = time.monotonic() + 60
        while time.monotonic() < end:
            try:
                if requests.get(f"{self.url}/login/", timeout=2).status_code == 200:
                    return
            except requests.ConnectionError:
                time.sleep(0.2)
        raise AssertionError("the workspace did not start within 60 s")

    def kill(self) -> None:
        assert self.server is not None
        self.server.send_signal(signal.SIGKILL)
        self.server.wait(30)
        self.server = None

    def signed_in(self) -> requests.Session:
        session = requests.Session()
        page = session.get(f"{self.url}/login/", timeout=10)
        token = page.text.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
        done = session.post(
            f"{self.url}/login/",
            data={"username": "owner", "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": f"{self.url}/login/"},
            timeout=10,
        )
        assert done.ok and "Sign in" not in done.text.split("<main", 1)[-1][:2000]
        return session

    def upload(self, session: requests.Session, name: str, content: bytes) -> str:
        address = f"{self.url}/returns/{YEAR}/applications/"
        token = session.cookies["csrftoken"]
        sent = session.post(
            address,
            data={"csrfmiddlewaretoken": token},
            files={"file": (name, content, "text/csv")},
            headers={"Referer": address},
            timeout=120,
        )
        return sent.text

    def versions(self) -> list[dict[str, object]]:
        """Every recorded version, newest first, with its file checked against its hash."""
        out = self.django(
            "import hashlib, json;"
            "from charterwatch.workspace.models import ReturnVersion;"
            "rows = [];"
            "[rows.append({'name': v.original_name, 'rows': v.rows, 'sha256': v.sha256,"
            " 'intact': v.file.storage.exists(v.file.name) and"
            " hashlib.sha256(v.file.open('rb').read()).hexdigest() == v.sha256})"
            " for v in ReturnVersion.objects.filter(source='applications')];"
            "print(json.dumps(rows))"
        )
        return list(json.loads(out))

    def stored_names(self) -> set[str]:
        """The stored file name of every recorded version."""
        out = self.django(
            "import json;"
            "from charterwatch.workspace.models import ReturnVersion;"
            "print(json.dumps([v.file.name for v in ReturnVersion.objects.all()]))"
        )
        return set(json.loads(out))

    def integrity(self) -> str:
        with sqlite3.connect(self.data / "workspace.sqlite3") as db:
            return str(db.execute("PRAGMA integrity_check").fetchone()[0])


def _send_and_kill(ws: Workspace, session: requests.Session, body: bytes, moment: str) -> None:
    """Send ``body`` as an upload on a raw socket and kill the server at ``moment``."""
    address = f"/returns/{YEAR}/applications/"
    boundary = "----charterwatch-killed-upload"
    token = session.cookies["csrftoken"]
    payload = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
            f"{token}\r\n--{boundary}\r\n"
            'Content-Disposition: form-data; name="file"; filename="big.csv"\r\n'
            "Content-Type: text/csv\r\n\r\n"
        ).encode()
        + body
        + f"\r\n--{boundary}--\r\n".encode()
    )
    cookies = "; ".join(f"{k}={v}" for k, v in session.cookies.items())
    head = (
        f"POST {address} HTTP/1.1\r\nHost: 127.0.0.1:{ws.port}\r\n"
        f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
        f"Content-Length: {len(payload)}\r\nCookie: {cookies}\r\n"
        f"Referer: {ws.url}{address}\r\nConnection: close\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", ws.port)) as conn:
        conn.sendall(head)
        if moment == "arriving":
            conn.sendall(payload[: len(payload) // 2])
            time.sleep(0.3)
            ws.kill()
            return
        conn.sendall(payload)
        time.sleep(float(moment.removeprefix("sent+")))
        ws.kill()


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = Workspace(tmp_path)
    ws.set_up()
    ws.start()
    try:
        yield ws
    finally:
        if ws.server is not None:
            ws.kill()


@pytest.mark.parametrize("moment", ["arriving", "sent+0.1", "sent+0.5", "sent+1.0", "sent+1.6"])
def test_a_killed_upload_leaves_the_previous_version_in_use(
    workspace: Workspace, moment: str
) -> None:
    first = _extract(40, 14)
    session = workspace.signed_in()
    assert "Accepted: first.csv (40 rows)" in workspace.upload(session, "first.csv", first)
    (kept,) = workspace.versions()
    assert kept["intact"] and kept["sha256"] == hashlib.sha256(first).hexdigest()

    big = _extract(ROWS, 21)
    _send_and_kill(workspace, session, big, moment)

    workspace.start()
    assert workspace.integrity() == "ok"
    versions = workspace.versions()
    assert all(v["intact"] for v in versions), versions
    in_use = versions[0]
    if in_use["name"] == "big.csv":  # it finished before the kill: then it is whole
        assert in_use["rows"] == ROWS and moment != "arriving"
        assert in_use["sha256"] == hashlib.sha256(big).hexdigest()
    else:
        assert in_use == kept and len(versions) == 1
    page = workspace.signed_in().get(f"{workspace.url}/returns/{YEAR}/applications/").text
    assert str(in_use["name"]) in page

    again = _extract(50, 7)
    assert "Accepted: again.csv (50 rows)" in workspace.upload(
        workspace.signed_in(), "again.csv", again
    )
    assert workspace.versions()[0]["name"] == "again.csv"
    # nothing is left behind: the killed upload's folder was removed before the next one,
    # and every file in the store is a recorded version
    returns = workspace.data / "returns"
    assert list((returns / ".incoming").iterdir()) == []
    stored = {
        str(p.relative_to(returns))
        for p in returns.rglob("*")
        if p.is_file() and ".incoming" not in p.parts
    }
    assert stored == workspace.stored_names()
