"""The zip of every download (``charterwatch-<year>-all.zip``), byte-identical run to run.

It holds every file the other formats wrote in the same run, under the same names, sorted,
each with the same fixed time and permissions. Run on its own, it packs every file already
in the downloads folder except other zip files.
"""

from __future__ import annotations

from pathlib import Path

from charterwatch.publish.downloads.archive import write_zip
from charterwatch.publish.downloads.context import DownloadContext
from charterwatch.publish.downloads.registry import DownloadFormat, register


def bundle_name(ctx: DownloadContext) -> str:
    return ctx.file_name("-all.zip")


@register
class ZipFormat(DownloadFormat):
    """Every download in one zip file."""

    name = "zip"
    pattern = "charterwatch-<year>-all.zip"
    media_type = "application/zip"
    description_key = "downloads.formats.zip"
    order = 90

    def build(self, ctx: DownloadContext) -> list[Path]:
        if ctx.written:
            files = list(ctx.written)
        else:
            files = [p for p in ctx.out_dir.rglob("*") if p.is_file()]
        names = sorted({ctx.relative(p) for p in files if p.suffix != ".zip"})
        path = ctx.out_dir / bundle_name(ctx)
        write_zip(path, [(name, (ctx.out_dir / name).read_bytes()) for name in names])
        return [path]
