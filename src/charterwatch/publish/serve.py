"""Serving a built site locally, with gzip for text files as a real web server would.

For previewing and for the browser tests; the site itself is static and needs no server.
"""

from __future__ import annotations

import gzip
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

COMPRESSED = {".html", ".css", ".js", ".json", ".csv", ".svg", ".atom", ".xml", ".txt"}


class SiteHandler(SimpleHTTPRequestHandler):
    """Static files from the site folder; gzip when the browser accepts it; quiet logs."""

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in COMPRESSED and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        from io import BytesIO

        return BytesIO(body)

    def log_message(self, format: str, *args: Any) -> None:
        return


def make_server(site: Path, host: str = "127.0.0.1", port: int = 8000) -> ThreadingHTTPServer:
    """A server for ``site`` (port 0 picks a free port)."""
    handler = partial(SiteHandler, directory=str(site))
    return ThreadingHTTPServer((host, port), handler)


def serve_in_background(site: Path) -> tuple[ThreadingHTTPServer, str]:
    """Start a server on a free loopback port in a daemon thread; returns it and its URL."""
    server = make_server(site, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    return server, f"http://{host!s}:{port}/"
