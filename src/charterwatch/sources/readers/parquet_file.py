"""Reading Parquet files with pyarrow: typed columns, checked as text like every format."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq

from charterwatch.model.issues import Issue
from charterwatch.sources import codes
from charterwatch.sources.codes import issue
from charterwatch.sources.readers.arrow_text import arrow_to_columns, arrow_to_grid
from charterwatch.sources.readers.base import Grid, ReadOptions, TableReader
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
        try:
            table = pq.read_table(pa.BufferReader(data))
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
        try:
            table = pq.read_table(pa.BufferReader(data))
        except (pa.ArrowException, OSError):
            return None
        return arrow_to_columns(table, shown_as)
