"""Opening inputs: files or stdin, gzip recognised by its magic bytes, and a format sniffer.

>>> sniff_format(b'  {"text": "..."}')
'jsonl'
>>> sniff_format(b"WARC/1.1\\r\\nWARC-Type: warcinfo")
'warc'
>>> sniff_format(b"<!DOCTYPE html><html>")
'html'
>>> sniff_format(b"Missiles rain on Aleppo")
'text'
"""

from __future__ import annotations

import gzip
import io
import re
import sys
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO

from cleaner.document import Reject, Source

STDIN = "-"
_GZIP_MAGIC = b"\x1f\x8b"
_HTML_START = re.compile(rb"^\s*<(!doctype|html|head|body|meta|div|p|article|\?xml|!--)", re.I)
# Errors that mean the bytes could not be read: I/O, and broken or truncated gzip streams.
READ_ERRORS = (OSError, EOFError, zlib.error)


@contextmanager
def open_input(path: str) -> Iterator[io.BufferedReader]:
    """A buffered binary stream of the bytes as stored, for a path or `-`."""
    raw: BinaryIO = sys.stdin.buffer if path == STDIN else open(path, "rb")  # noqa: SIM115
    try:
        yield raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(raw)
    finally:
        if path != STDIN:
            raw.close()


def gunzip(stream: io.BufferedReader) -> BinaryIO:
    """`stream` decompressed when it starts with the gzip magic bytes, whatever the name says."""
    if stream.peek(2)[:2] == _GZIP_MAGIC:
        return gzip.GzipFile(fileobj=stream, mode="rb")  # type: ignore[return-value]
    return stream


def head(stream: io.BufferedReader, size: int = 4096) -> bytes:
    """Up to `size` first bytes of `stream`, decompressed when gzipped, nothing consumed."""
    start = stream.peek(size)[:size]
    if start[:2] == _GZIP_MAGIC:
        return zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(start, size)
    return start


def sniff_format(head: bytes) -> str:
    """`jsonl`, `html`, `warc` or `text`, from the first bytes of an input without a known
    extension."""
    if head.startswith(b"WARC/"):
        return "warc"
    head = head.removeprefix(b"\xef\xbb\xbf")
    if head.lstrip().startswith(b"{"):
        return "jsonl"
    return "html" if _HTML_START.match(head) else "text"


def read_whole(stream: BinaryIO, source: Source, max_bytes: int) -> bytes | Reject:
    """All bytes of a one-document input, or a reject when it is too large or unreadable."""
    try:
        data = stream.read(max_bytes + 1)
    except READ_ERRORS as error:
        return unreadable(source, error)
    if len(data) > max_bytes:
        return Reject(
            source,
            "too_large",
            f"over the limit of {max_bytes:,} bytes (raise limits.max_bytes in the config)",
        )
    return data


def lines_within(stream: BinaryIO, max_bytes: int) -> Iterator[bytes | None]:
    """Each line of `stream`, or `None` for a line over `max_bytes`, which is skipped without
    being held in memory.

    >>> list(lines_within(io.BytesIO(b"short\\nmuch too long\\nok"), 8))
    [b'short\\n', None, b'ok']
    """
    while raw := stream.readline(max_bytes + 1):
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield raw


def unreadable(source: Source, error: BaseException) -> Reject:
    """The reject for an input whose bytes could not be read, saying why."""
    if isinstance(error, EOFError | zlib.error | gzip.BadGzipFile):
        message = f"the gzip stream is broken or truncated ({error}); re-create the file"
    else:
        message = f"cannot read the input ({getattr(error, 'strerror', None) or error})"
    return Reject(source, "unreadable", message)
