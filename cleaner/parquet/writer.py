"""`ParquetWriter`: records to one Parquet file, which appears only when it is whole.

    >>> import os, tempfile
    >>> import pyarrow.parquet as pq
    >>> path = os.path.join(tempfile.mkdtemp(), "out.parquet")
    >>> with ParquetWriter(path) as writer:
    ...     pass  # writer.write(record) for each article record
    >>> parquet = pq.ParquetFile(path)
    >>> from cleaner.document import SCHEMA_VERSION
    >>> version = parquet.schema_arrow.metadata[b"cleaner.schema_version"].decode()
    >>> parquet.metadata.num_rows, version == SCHEMA_VERSION
    (0, True)

Records go to a temporary file beside `path` (the helpers of `cleaner.write`), renamed into
place on success and deleted on failure. Every `ROWS_PER_GROUP` records make one row group, so a
reader streaming the file (pyarrow's `iter_batches`, `datasets` in streaming mode) holds about
a thousand articles at a time (roughly 5-20 MB of text), and a file of one shard of the default
`--shard-size` is one row group. Columns are compressed with zstd at level 3 (`ZSTD_LEVEL`;
on 600 distinct BBC articles 9% smaller than pyarrow's default level 1 at the same speed,
while level 9 is 6% smaller again but 7 times slower, and the writer is the one process every
worker's records pass through), strings dictionary-encoded where that pays (rule ids, reasons,
labels). The file's key-value metadata holds
`cleaner.schema_version` (the records' `SCHEMA_VERSION`) and `cleaner.version`. The same records
give the same bytes with the same pyarrow version.
"""

from __future__ import annotations

import json
import os
from functools import cache
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from cleaner.document import SCHEMA_VERSION
from cleaner.parquet.columns import Convert, arrow_schema, record_shape, to_row
from cleaner.validate import schema_text
from cleaner.version import __version__
from cleaner.write import ClosingWriter, OutputError, publish, temp_beside

ROWS_PER_GROUP = 1000
ZSTD_LEVEL = 3


@cache
def _columns() -> tuple[pa.Schema, Convert]:
    """The Arrow schema of the current article schema, with the file metadata, and `to_row`."""
    shape = record_shape(schema_text("article"))
    metadata = {"cleaner.schema_version": SCHEMA_VERSION, "cleaner.version": __version__}
    return arrow_schema(shape).with_metadata(metadata), to_row(shape)


class ParquetWriter(ClosingWriter):
    """Write article records to the Parquet file `path`."""

    def __init__(self, path: str | None) -> None:
        if path in (None, "-"):
            raise OutputError("Parquet cannot go to stdout; name a file: -o out.parquet")
        assert path is not None
        self.path = path
        self._schema, self._to_row = _columns()
        self._file, self._temp = temp_beside(path)
        self._writer = pq.ParquetWriter(
            self._file, self._schema, compression="zstd", compression_level=ZSTD_LEVEL
        )
        self._rows: list[dict[str, Any]] = []

    def write(self, record: dict[str, Any]) -> None:
        """Add one record; a full row group is written out."""
        self._rows.append(self._to_row(record))
        if len(self._rows) >= ROWS_PER_GROUP:
            self._flush()

    def write_lines(self, lines: bytes) -> None:
        """Add records serialised as JSON lines (as workers send them)."""
        for line in lines.split(b"\n"):
            if line:
                self.write(json.loads(line))

    def _flush(self) -> None:
        if self._rows:
            table = pa.Table.from_pylist(self._rows, schema=self._schema)
            self._writer.write_table(table, row_group_size=ROWS_PER_GROUP)
            self._rows = []

    def close(self, success: bool = True) -> None:
        """Finish: rename the temporary file into place, or delete it when the run failed."""
        if self._file.closed:
            return
        try:
            if success:
                self._flush()
            self._writer.close()
        except BaseException:
            success = False
            raise
        finally:
            self._file.close()
            if success:
                publish(self._temp, self.path)
            else:
                os.unlink(self._temp)
