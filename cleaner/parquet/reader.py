"""The records of a Parquet file, row by row, as the JSONL output has them.

    >>> import os, tempfile
    >>> from cleaner.parquet.writer import ParquetWriter
    >>> path = os.path.join(tempfile.mkdtemp(), "out.parquet")
    >>> with ParquetWriter(path):
    ...     pass
    >>> list(read_rows(path))
    []

Rows are read a row group at a time (constant memory for a file of any size), numbered from 1,
and converted back by `columns.from_row` for the article schema of the version the file's
metadata names (`cleaner.schema_version`; the current one for a file without it): JSON text
parsed, the nulls of keys the JSONL leaves out dropped. A file written by other tools is read
the same way; whatever does not fit the schema is left for the validator to report.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from cleaner.parquet.columns import Convert, from_row, record_shape
from cleaner.parquet.writer import ROWS_PER_GROUP
from cleaner.validate import known_versions, schema_text

READ_ERRORS = (OSError, pa.ArrowException)


def read_rows(path: str) -> Iterator[tuple[int, Any]]:
    """(row number from 1, record) for every row of the Parquet file `path`."""
    parquet = pq.ParquetFile(path)
    declared = (parquet.schema_arrow.metadata or {}).get(b"cleaner.schema_version", b"")
    convert = _converter(declared.decode("utf-8", "replace"))
    number = 0
    for batch in parquet.iter_batches(batch_size=ROWS_PER_GROUP):
        for row in batch.to_pylist():
            number += 1
            yield number, convert(row)


@cache
def _converter(version: str) -> Convert:
    known = version in known_versions("article")
    return from_row(record_shape(schema_text("article", version if known else None)))
