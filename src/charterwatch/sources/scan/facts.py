"""What one streaming pass over a file's bytes tells: its hash, and whether DuckDB's CSV reader
splits it into the same cells as Python's strict ``csv`` module (the reference).

The file is read in chunks, never whole: the SHA-256 of provenance is built on the way, and
for a CSV the bytes that could make the two readers disagree are looked for. DuckDB and
Python agree on a UTF-8 file (DuckDB rejects anything else) without NUL bytes, a second
byte-order mark or a lone carriage return, whose every quote belongs to a well-formed quoted
cell (it opens a cell, quotes inside are doubled, it closes before a comma, a line end or the
end of the file). For anything else the engine scan declines and the per-cell reader decides.
Work per chunk is done by C code (``hashlib``, ``bytes.count``, ``bytes.find``); only quote
characters are visited one by one, and extracts have few.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

CHUNK = 1 << 20
"""Bytes read at a time."""

HEADER_PREFIX = 1 << 16
"""The header row must end within this many bytes for the scan to read it."""

_CELL_EDGE = frozenset(b",\r\n")


@dataclass(frozen=True)
class FileFacts:
    """The hash and size of a file and, for a CSV, what the engine scan needs to know."""

    sha256: str
    size: int
    newlines: int = 0
    ends_with_newline: bool = False
    csv_safe: bool = True
    header: list[str] | None = None
    quoted: bool = False
    """True when the file has a quote: only then may a cell hold a line break."""

    @property
    def records(self) -> int:
        """The number of records Python's reader yields for a file ``csv_safe`` holds: one
        per line, less the line breaks inside quoted cells (which the caller adds back)."""
        if self.size == 0:
            return 0
        return self.newlines + (0 if self.ends_with_newline else 1)


class _Quotes:
    """Follows the quotes of a CSV across chunks: False once one is not well formed."""

    def __init__(self) -> None:
        self.inside = False
        self.pending = False  # a quote inside a cell was the last byte of the previous chunk
        self.ok = True

    def feed(self, chunk: bytes, before: int | None, at_end: bool) -> None:
        """Check the quotes of ``chunk``; ``before`` is the byte before it (None at the start
        of the file), ``at_end`` says this is the last chunk."""
        position = 0
        if self.pending:
            self.pending = False
            if chunk[:1] == b'"':
                position = 1  # a doubled quote: still inside
            elif chunk[:1] and chunk[0] not in _CELL_EDGE:
                self.ok = False
                return
            else:
                self.inside = False
        while self.ok:
            found = chunk.find(b'"', position)
            if found < 0:
                break
            if not self.inside:
                previous = chunk[found - 1] if found else before
                if previous is not None and previous not in _CELL_EDGE:
                    self.ok = False  # a quote inside an unquoted cell
                    break
                self.inside = True
                position = found + 1
                continue
            if found + 1 == len(chunk):
                if at_end:
                    self.inside = False
                else:
                    self.pending = True
                break
            after = chunk[found + 1]
            if after == ord('"'):
                position = found + 2
            elif after in _CELL_EDGE:
                self.inside = False
                position = found + 1
            else:
                self.ok = False  # text after a closing quote
        if at_end and (self.inside or self.pending):
            self.ok = False  # an unclosed quote


def file_facts(path: Path, *, as_csv: bool) -> FileFacts:
    """Hash ``path`` in chunks and, when ``as_csv``, gather the CSV facts (see the module
    docstring). Raises OSError when the file cannot be read."""
    digest = hashlib.sha256()
    size = newlines = 0
    last = b""
    safe = True
    quotes = _Quotes()
    prefix = b""
    quoted = False
    with path.open("rb") as handle:
        chunk = handle.read(CHUNK)
        first = True
        while chunk:
            following = handle.read(CHUNK)
            digest.update(chunk)
            if as_csv and safe:
                body = chunk
                if first:
                    prefix = chunk[:HEADER_PREFIX]
                    body = chunk.removeprefix(codecs.BOM_UTF8)
                    if body.startswith(codecs.BOM_UTF8) or body.startswith(
                        (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
                    ):
                        safe = False
                newlines += chunk.count(b"\n")
                if b"\x00" in chunk or _lone_carriage_returns(chunk, last, following):
                    safe = False
                if b'"' in body or quotes.inside or quotes.pending:
                    quoted = True
                    quotes.feed(body, None if first else last[-1], not following)
                    safe = safe and quotes.ok
            size += len(chunk)
            last = chunk[-1:]
            chunk, first = following, False
    if not as_csv:
        return FileFacts(digest.hexdigest(), size)
    header = _header(prefix) if safe else None
    return FileFacts(
        digest.hexdigest(),
        size,
        newlines,
        last == b"\n",
        safe and header is not None,
        header,
        quoted,
    )


def _lone_carriage_returns(chunk: bytes, last: bytes, following: bytes) -> bool:
    """True when ``chunk`` has a carriage return not followed by a line feed."""
    returns = chunk.count(b"\r")
    if not returns:
        return False
    pairs = chunk.count(b"\r\n")
    if chunk.endswith(b"\r") and following.startswith(b"\n"):
        pairs += 1
    return returns != pairs


def _header(prefix: bytes) -> list[str] | None:
    """The cells of the file's first record as Python's reader gives them, or None when it
    does not end within ``prefix``, is not UTF-8, or is blank (the per-cell reader decides)."""
    end = prefix.find(b"\n")
    while end >= 0:
        try:
            text = prefix[: end + 1].decode("utf-8-sig")
        except UnicodeDecodeError:
            return None
        try:
            rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
        except csv.Error:
            rows = []
        if len(rows) == 1 and text.endswith(("\n",)) and not _open_quote(text):
            cells = rows[0]
            return cells if any(c.strip() for c in cells) else None
        end = prefix.find(b"\n", end + 1)
    return None


def _open_quote(text: str) -> bool:
    """True when ``text`` ends inside a quoted cell (an odd number of quotes)."""
    return text.count('"') % 2 == 1
