"""Writers: JSONL records to a file (atomically, gzip by suffix) or to stdout; `writer_for`
picks the writer a file name asks for (`.parquet`: `cleaner.parquet`).

    >>> import io
    >>> out = io.BytesIO()
    >>> with JsonlWriter(None, stdout=out) as writer:
    ...     writer.write({"id": "a", "title": "Café"})
    >>> out.getvalue().decode()
    '{"id":"a","title":"Café"}\\n'

A file appears under its name only when the run finished writing it: records go to a temporary
file beside it, renamed into place on success and deleted on failure, so a crashed run never
leaves a truncated file that looks complete. Lines are UTF-8; an unpaired surrogate (possible
only in metadata passed through from a JSON input) is written as its JSON escape.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
import tempfile
from contextlib import AbstractContextManager
from types import TracebackType
from typing import IO, Any, Protocol


class OutputError(ValueError):
    """An output that cannot be written as asked; the message says what to do."""


class RecordWriter(Protocol):
    """What every writer does: records (or JSON lines from workers) in, a file when closed."""

    def write(self, record: dict[str, Any]) -> None: ...
    def write_lines(self, lines: bytes) -> None: ...
    def close(self, success: bool = True) -> None: ...
    def __enter__(self) -> RecordWriter: ...
    def __exit__(self, *exc: object) -> None: ...


def writer_for(path: str | None) -> type[RecordWriter]:
    """The writer class for an output file name: Parquet for `.parquet`, a spaCy `DocBin` for
    `.spacy`, else JSONL.

    >>> writer_for("out.jsonl.gz").__name__, writer_for(None).__name__
    ('JsonlWriter', 'JsonlWriter')
    >>> writer_for("articles.spacy").__name__
    'DocBinWriter'

    Raises `OutputError` with the install line when the format needs a missing extra.
    """
    suffix = (path or "").lower()
    if suffix.endswith(".parquet"):
        from cleaner.parquet import load_writer

        return load_writer()
    if suffix.endswith(".spacy"):
        from cleaner.write_docbin import DocBinWriter

        return DocBinWriter
    return JsonlWriter


def dumps(record: dict[str, Any]) -> str:
    """One record as a compact JSON line (no trailing newline), keys in the order built."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


class ClosingWriter(AbstractContextManager[Any]):
    """A writer whose `with` block ends in `close(success=...)`: its file is published when the
    block ran without an error and discarded when it raised."""

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close(success=kind is None)

    def close(self, success: bool = True) -> None:
        """Publish the file (`success`) or discard it; every writer says how."""
        raise NotImplementedError


class JsonlWriter(ClosingWriter):
    """Write JSON lines to `path` (`None` or `-` for stdout)."""

    def __init__(self, path: str | None, stdout: IO[bytes] | None = None) -> None:
        self.path = None if path in (None, "-") else path
        self._temp: str | None = None
        self._file: IO[bytes] | None = None
        if self.path is None:
            self._stream: IO[bytes] = stdout or sys.stdout.buffer
            return
        self._file, self._temp = temp_beside(self.path)
        self._stream = (
            gzip.GzipFile(fileobj=self._file, mode="wb", mtime=0)
            if self.path.endswith(".gz")
            else self._file
        )

    def write(self, record: dict[str, Any]) -> None:
        """Append one record as a line."""
        self.write_lines((dumps(record) + "\n").encode("utf-8", "backslashreplace"))

    def write_lines(self, lines: bytes) -> None:
        """Append lines already serialised (each ending in a newline), as workers send them."""
        self._stream.write(lines)

    def close(self, success: bool = True) -> None:
        """Finish: rename the temporary file into place, or delete it when the run failed."""
        if self._file is None or self._temp is None or self.path is None:
            self._stream.flush()
            return
        self._stream.close()
        self._file.close()
        if success:
            publish(self._temp, self.path)
        else:
            os.unlink(self._temp)
        self._file = None


def write_json_atomic(path: str, data: dict[str, Any]) -> None:
    """Write one JSON document (indented, keys in the order built) so that it appears whole.

    >>> import os, tempfile
    >>> folder = tempfile.mkdtemp()
    >>> write_json_atomic(os.path.join(folder, "m.json"), {"complete": True})
    >>> open(os.path.join(folder, "m.json")).read()
    '{\\n  "complete": true\\n}\\n'
    """
    write_bytes_atomic(path, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode())


def write_bytes_atomic(path: str, data: bytes) -> None:
    """Write `data` to `path` so that the file appears only when whole (temporary file, rename).

    >>> import os, tempfile
    >>> folder = tempfile.mkdtemp()
    >>> write_bytes_atomic(os.path.join(folder, "b.bin"), b"whole")
    >>> open(os.path.join(folder, "b.bin"), "rb").read()
    b'whole'
    """
    file, temp = temp_beside(path)
    with file:
        file.write(data)
    publish(temp, path)


def temp_beside(path: str) -> tuple[IO[bytes], str]:
    """A new temporary file (open for writing bytes) in `path`'s directory, and its name."""
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    handle, temp = tempfile.mkstemp(
        prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=directory
    )
    return os.fdopen(handle, "wb"), temp


def publish(temp: str, path: str) -> None:
    """Give a finished temporary file the permissions a new file gets here, then its name."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(temp, 0o666 & ~mask)
    os.replace(temp, path)
