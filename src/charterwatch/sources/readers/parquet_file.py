"""Reading Parquet files with pyarrow: typed columns, checked as text like every format.

pyarrow is imported when a file is read, not with the module: registering the reader (as
``validate`` does, to know the formats) needs only its name and extension.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from charterwatch.model.issues import Issue
from charterwatch.sources import codes
from charterwatch.sources.codes import issue
from charterwatch.sources.readers.base import Grid, ReadOptions, TableReader

if TYPE_CHECKING:
    import pyarrow as pa

    from charterwatch.sources.readers.columns import Columns


class ParquetReader(TableReader):
    """An Apache Parquet file, as written by pandas, Spark, DuckDB or R's arrow package."""

    name = "parquet"
    extensions = (".parquet",)
    description = (
        "An Apache Parquet file (pandas, Spark, DuckDB, R arrow). Column types are checked "
        "against the schema the same way as text cells."
    )

    def parse(
        self, data: bytes, shown_as: str, options: ReadOptions
    ) -> tuple[Grid | None, list[Issue]]:
        import pyarrow as pa

        from charterwatch.sources.readers.arrow_text import arrow_to_grid

        try:
            table = _read(data)
        except (pa.ArrowException, OSError) as exc:
            return None, [
                issue(
                    codes.CORRUPT_FILE,
                    "the file cannot be read as a Parquet file: it is truncated, damaged or "
                    "another format renamed",
                    file=shown_as,
                    expected="a Parquet file",
                    found=str(exc).splitlines()[0][:200],
                    fix="write the file again (an interrupted copy or download truncates "
                    "it), e.g. with pandas DataFrame.to_parquet",
                )
            ]
        return arrow_to_grid(table, shown_as)

    def read_columns(self, data: bytes, shown_as: str, options: ReadOptions) -> Columns | None:
        import pyarrow as pa

        from charterwatch.sources.readers.arrow_text import arrow_to_columns

        try:
            table = _read(data)
        except (pa.ArrowException, OSError):
            return None
        return arrow_to_columns(table, shown_as)


def _read(data: bytes) -> pa.Table:
    import pyarrow as pa
    import pyarrow.parquet as pq

    return pq.read_table(pa.BufferReader(data))
