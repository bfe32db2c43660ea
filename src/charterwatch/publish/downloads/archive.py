"""Deterministic zip files: fixed timestamps and permissions, entries in a given order.

Used for the all-in-one zip and to make the ODS spreadsheet (a zip inside) byte-identical
from one run to the next: odfpy stamps each entry with the current time.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
"""The earliest time a zip entry can carry; every entry gets it."""
FILE_MODE = 0o644 << 16
UNIX = 3


def write_zip(path: Path, entries: Iterable[tuple[str, bytes]], stored: Iterable[str] = ()) -> Path:
    """Write ``entries`` (name, bytes) to ``path`` in the order given, with fixed metadata.

    Entries named in ``stored`` are not compressed (an ODS file's ``mimetype`` must not be).
    """
    keep = set(stored)
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.external_attr = FILE_MODE
            info.create_system = UNIX
            if name in keep:
                info.compress_type = zipfile.ZIP_STORED
                archive.writestr(info, data)
            else:
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, data, compresslevel=9)
    return path


def rewrite_fixed(
    data: bytes, path: Path, transform: Callable[[str, bytes], bytes] | None = None
) -> Path:
    """Copy the zip in ``data`` to ``path`` entry by entry, order kept, metadata fixed.

    ``transform`` (entry name, bytes) -> bytes, when given, rewrites each entry on the way.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        infos = source.infolist()
        entries = [(i.filename, source.read(i)) for i in infos]
        stored = [i.filename for i in infos if i.compress_type == zipfile.ZIP_STORED]
    if transform is not None:
        entries = [(name, transform(name, entry)) for name, entry in entries]
    return write_zip(path, entries, stored)
