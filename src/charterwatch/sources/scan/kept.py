"""Checked sources kept between runs, so an unchanged file is not checked again every compute.

Reading and checking the sources is most of a ``compute`` (at the example's real scale about
four fifths of it), and an analyst computes again and again while the extracts stay the
same: a changed threshold, wording or breakdown changes no file. So when a CSV or Parquet file
passes the scan, what the scan established is kept in a folder
(``<framework>/.charterwatch/cache/sources/``), under a key made of exactly what decides it:

- the SHA-256 of the file's bytes (computed anyway, in the streaming pass of provenance);
- the name it is shown by, the reader, the source's whole schema, the window of plausible
  dates (:mod:`charterwatch.sources.window`);
- the bytes of charterwatch's own ``sources`` package (every rule and message), DuckDB's
  version and this module's :data:`FORMAT`.

For a CSV the typed table is kept as a Parquet file; the next run reads it through a view,
as it reads a Parquet source. For a Parquet source nothing is copied (its view reads the file
where it lies): only the count of rows and the warnings are kept. A hit gives the same
:class:`~.scan.EngineLoad` as the scan (same table, rows, warnings; provenance with this
run's time). A file that failed is never kept, so its messages are always worded afresh.

The cache is an optimisation only: a folder that cannot be read or written, a damaged or
missing file, means the file is scanned as usual. Each source keeps one entry: keeping a new
one removes the source's others. Set ``CHARTERWATCH_SOURCE_CACHE=0`` to check every file every
run.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from charterwatch.model.issues import Issue, IssueList, Level

if TYPE_CHECKING:
    import duckdb

    from charterwatch.model.files import SourceSchemaFile
    from charterwatch.sources.window import DateWindow

FORMAT = "1"
"""Changes when what is kept, or how, changes: old entries are then unused."""

SWITCH = "CHARTERWATCH_SOURCE_CACHE"
"""Set to ``0`` to check every file every run."""

FOLDER = Path(".charterwatch") / "cache" / "sources"
"""Where a framework's checked sources are kept, relative to its folder."""

IGNORE_TEXT = (
    "# Kept by charterwatch: compiled SQL and checked copies of the sources' data.\n"
    "# Never commit it (it can hold case records); delete it at any time.\n*\n"
)

SOURCES_PACKAGE = Path(__file__).resolve().parents[1]


def enabled() -> bool:
    """False when ``CHARTERWATCH_SOURCE_CACHE`` is ``0`` (or ``false``, ``no``, ``off``)."""
    return os.environ.get(SWITCH, "1").strip().lower() not in {"0", "false", "no", "off"}


@functools.cache
def code_identity() -> str:
    """What besides the file decides a scan: the ``sources`` package's bytes, DuckDB's version."""
    import duckdb

    digest = hashlib.sha256(f"format {FORMAT}; duckdb {duckdb.__version__}".encode())
    for path in sorted(SOURCES_PACKAGE.rglob("*.py")):
        digest.update(str(path.relative_to(SOURCES_PACKAGE)).encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class Entry:
    """One kept scan: its key, the kept table (a CSV's) and what the scan found."""

    key: str
    data: Path | None
    rows: int
    warnings: list[Issue]
    blank: int | None = None
    """A Parquet source's blank rows (None: not known, so the view leaves them out)."""
    untrimmed: tuple[int, ...] = ()
    """A Parquet source's text columns in which trimming changes no cell."""


class KeptSources:
    """The checked sources kept in one framework's folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @classmethod
    def of(cls, framework_root: Path) -> KeptSources | None:
        """The kept sources of a framework folder; None when switched off."""
        return cls(framework_root / FOLDER) if enabled() else None

    def key(
        self,
        sha256: str,
        shown_as: str,
        reader: str,
        schema: SourceSchemaFile,
        dates: DateWindow | None,
    ) -> str:
        """The key of a scan of these bytes with this schema and window."""
        text = json.dumps(
            {
                "code": code_identity(),
                "file": sha256,
                "shown_as": shown_as,
                "reader": reader,
                "schema": schema.model_dump(mode="json"),
                "dates": None if dates is None else repr(dates),
            },
            sort_keys=True,
        )
        return hashlib.sha256(text.encode()).hexdigest()

    @staticmethod
    def _prefix(shown_as: str) -> str:
        return hashlib.sha256(shown_as.encode()).hexdigest()[:12]

    def _paths(self, shown_as: str, key: str) -> tuple[Path, Path]:
        stem = f"{self._prefix(shown_as)}-{key[:40]}"
        return self.folder / f"{stem}.json", self.folder / f"{stem}.parquet"

    def find(self, shown_as: str, key: str) -> Entry | None:
        """The entry kept under ``key``; None when there is none or it cannot be used."""
        meta_path, data_path = self._paths(shown_as, key)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            if meta.get("key") != key:
                return None
            data = data_path if meta["copied"] else None
            if data is not None and data.stat().st_size != meta["bytes"]:
                return None
            warnings = [_issue(w) for w in meta["warnings"]]
            blank, untrimmed = meta.get("view") or (None, [])
            columns = tuple(int(i) for i in untrimmed)
            blank = None if blank is None else int(blank)
            return Entry(key, data, int(meta["rows"]), warnings, blank, columns)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def keep(
        self,
        con: duckdb.DuckDBPyConnection,
        table: str | None,
        original: Path,
        shown_as: str,
        key: str,
        rows: int,
        warnings: IssueList,
        view: tuple[int | None, list[int]] = (None, []),
    ) -> None:
        """Keep a clean scan: ``table`` (a CSV's typed table, copied as Parquet; None for a
        Parquet source) and what was found (``view``: a Parquet source's blank rows and
        the columns its view need not trim, :class:`Entry`). The copy gets the permissions
        of ``original`` (never more readable than the extract itself). Failing to keep it
        changes nothing else."""
        meta_path, data_path = self._paths(shown_as, key)
        with contextlib.suppress(OSError, ValueError):
            self._make_folder()
            size: int | None = 0
            if table is not None:
                size = _copy_as_parquet(con, table, data_path)
                if size is None:
                    return
                os.chmod(data_path, original.stat().st_mode & 0o777)
            meta = {
                "key": key,
                "file": shown_as,
                "rows": rows,
                "copied": table is not None,
                "bytes": size,
                "warnings": [w.as_dict() for w in warnings],
                "view": list(view),
            }
            _write_atomically(meta_path, json.dumps(meta, indent=1).encode())
            self._remove_others(shown_as, key)

    def _make_folder(self) -> None:
        """The folder, with a ``.gitignore`` in the cache folder above it: the kept tables
        are copies of the extracts (case records among them) and must never be committed."""
        self.folder.mkdir(parents=True, exist_ok=True)
        ignore = self.folder.parent / ".gitignore"
        if not ignore.exists():
            ignore.write_text(IGNORE_TEXT, encoding="utf-8")

    def _remove_others(self, shown_as: str, key: str) -> None:
        keep = {p.name for p in self._paths(shown_as, key)}
        for path in self.folder.glob(f"{self._prefix(shown_as)}-*"):
            if path.name not in keep:
                with contextlib.suppress(OSError):
                    path.unlink()


def _copy_as_parquet(con: duckdb.DuckDBPyConnection, table: str, target: Path) -> int | None:
    """Write ``table`` to ``target`` through a file beside it renamed into place (a reader
    never sees half a file); its size, or None when it could not be written."""
    import duckdb

    from charterwatch.sources.scan.cells_sql import ident, quote

    handle, name = tempfile.mkstemp(prefix=".kept-", suffix=".parquet", dir=target.parent)
    os.close(handle)
    try:
        con.execute(f"COPY {ident(table)} TO {quote(name)} (FORMAT parquet)")
        os.replace(name, target)
        return target.stat().st_size
    except (duckdb.Error, OSError):
        with contextlib.suppress(OSError):
            os.unlink(name)
        return None


def _write_atomically(path: Path, data: bytes) -> None:
    handle, name = tempfile.mkstemp(prefix=".kept-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(name, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise


def _issue(raw: dict[str, Any]) -> Issue:
    fields = dict(raw)
    fields["level"] = Level(fields["level"])
    return Issue(**fields)
