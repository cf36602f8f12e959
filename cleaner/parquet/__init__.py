"""Parquet output and input, with pyarrow (an optional extra: `pip install 'cleaner[parquet]'`).

    $ cleaner clean corpus/ -o corpus.parquet
    $ cleaner clean crawl/ --out-dir cleaned/ --shard-format parquet
    $ cleaner validate corpus.parquet

- `shape`: the record's shape read from `schemas/article.schema.json` (no pyarrow needed);
- `columns`: that shape as Arrow columns, and records to rows and back;
- `writer`: `ParquetWriter`, atomic like the JSONL writer, `ROWS_PER_GROUP` records a row group;
- `reader`: the records of a Parquet file, row by row, as the JSONL has them.

Nothing here imports pyarrow until a Parquet file is written or read, so `cleaner validate` of
JSONL and `cleaner clean -o out.jsonl` work without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cleaner.parquet.writer import ParquetWriter

MISSING = (
    "Parquet needs pyarrow, which is not installed; install it with: pip install 'cleaner[parquet]'"
)


def load_writer() -> type[ParquetWriter]:
    """`ParquetWriter`, or `OutputError` with the install line when pyarrow is missing."""
    from cleaner.write import OutputError

    try:
        from cleaner.parquet.writer import ParquetWriter
    except ImportError:
        raise OutputError(MISSING) from None
    return ParquetWriter
