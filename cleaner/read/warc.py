"""WARC input (`.warc`, `.warc.gz`): each `response` record with an HTML payload is a document.

    >>> import io
    >>> page = b"HTTP/1.1 200 OK\\r\\nContent-Type: text/html\\r\\n\\r\\n<p>Rain in Leeds.</p>"
    >>> record = (
    ...     "WARC/1.1\\r\\nWARC-Type: response\\r\\nWARC-Record-ID: <urn:uuid:0001>\\r\\n"
    ...     "WARC-Date: 2024-05-01T12:00:00Z\\r\\nWARC-Target-URI: https://example.com/a\\r\\n"
    ...     f"Content-Type: application/http; msgtype=response\\r\\nContent-Length: {len(page)}"
    ...     "\\r\\n\\r\\n"
    ... ).encode() + page + b"\\r\\n\\r\\n"
    >>> [doc] = read("crawl.warc", io.BytesIO(record), 1000)
    >>> doc.source.line, doc.source.url, doc.source.fetched, doc.content
    (1, 'https://example.com/a', '2024-05-01T12:00:00Z', b'<p>Rain in Leeds.</p>')

The file is read with FastWARC (an optional dependency: `pip install 'cleaner[warc]'`),
gzipped per record, as a whole, or not at all. Records are numbered from 1, counting every
record, and the number is the document's `source.line`; `source.url`, `source.fetched` and
`source.record_id` are the record's WARC-Target-URI, WARC-Date and WARC-Record-ID.

Only `response` records are article inputs. The others (warcinfo, request, metadata,
revisit, resource, ...) are not counted as documents. A response record becomes:

- a `Document(kind="html")` with the payload bytes, the HTTP chunked transfer-encoding and
  Content-Encoding (gzip, deflate, br) undone, the HTTP header's charset as
  `Document.charset` and its Content-Language as a declared language, when the status is 2xx
  and the Content-Type is HTML (or absent and the payload looks like HTML);
- else a `Reject`: `http_status` (not 2xx), `not_html` (an image, a PDF, JSON, ...),
  `too_large` (payload over `max_bytes`), `unreadable` (a Content-Encoding that cannot be
  undone).

A truncated or corrupt file (WARC or gzip stream) yields the records before the damage,
then one `unreadable` reject at the record where it starts; a file without any response
record yields one `empty` reject.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING, BinaryIO

from cleaner.document import Document, Reject, Source
from cleaner.read.files import READ_ERRORS, sniff_format
from cleaner.read.http import content_type, declared_languages

if TYPE_CHECKING:
    from fastwarc.warc import WarcRecord

MISSING = (
    "reading WARC files needs FastWARC, which is not installed; "
    "install it with: pip install 'cleaner[warc]'"
)
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# FastWARC's default of 32 KiB per header block ends the file at a page with a long cookie.
_MAX_HEADER_BYTES = 1 << 20
# One chunk-size line of a chunked body (with the line end of the chunk before it).
_CHUNK_SIZE = re.compile(rb"(?:\r?\n)?([0-9A-Fa-f]{1,16})[ \t]*(?:;[^\r\n]*)?\r?\n")


class _Broken(Exception):
    """The WARC stream is damaged at a record: nothing after it can be trusted."""

    def __init__(self, number: int, detail: str) -> None:
        super().__init__(detail)
        self.number = number


class _BadPayload(ValueError):
    """A payload whose HTTP Content-Encoding cannot be undone."""


class _Pipe:
    """A stream that cannot seek (stdin) as FastWARC reads it: it asks for the position,
    which a pipe cannot tell, so this counts it.

    >>> import io
    >>> pipe = _Pipe(io.BytesIO(b"WARC/1.1"))
    >>> pipe.read(4), pipe.tell()
    (b'WARC', 4)
    """

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._position = 0

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self._position += len(data)
        return data

    def tell(self) -> int:
        return self._position


def available() -> bool:
    """Whether FastWARC can be imported (it is an optional dependency)."""
    try:
        import fastwarc.warc  # noqa: F401
    except ImportError:
        return False
    return True


def read(name: str, stream: BinaryIO, max_bytes: int) -> Iterator[Document | Reject]:
    """Documents and rejects from the response records of one WARC stream, in file order."""
    try:
        from fastwarc.warc import ArchiveIterator, WarcRecordType
    except ImportError:
        yield Reject(Source(name, "warc"), "unreadable", MISSING)
        return
    number = 0
    skipped: Counter[str] = Counter()
    try:
        # auto_decode stays off: FastWARC 2.0.1 silently ends the file after a chunked and
        # gzipped payload when it decodes them itself, so `_payload` undoes the encodings.
        source = stream if stream.seekable() else _Pipe(stream)
        records = ArchiveIterator(
            source, parse_http=True, auto_decode="none", max_header_len=_MAX_HEADER_BYTES
        )
        for record in records:
            number += 1
            if record.record_type == WarcRecordType.response:
                yield _response(name, number, record, max_bytes)
            else:
                skipped[str(record.record_type)] += 1
                _block(record, number, 0)
    except _Broken as broken:
        yield _unreadable(name, broken.number, str(broken))
        return
    except READ_ERRORS as error:  # between records: the next record cannot be read
        yield _unreadable(name, number + 1, str(error))
        return
    if number == sum(skipped.values()):
        found = ", ".join(f"{kind} {count}" for kind, count in sorted(skipped.items()))
        yield Reject(
            Source(name, "warc"),
            "empty",
            f"the file has no WARC response records ({found or 'no records at all'}); "
            "only response records hold pages",
        )


def _unreadable(name: str, number: int, detail: str) -> Reject:
    return Reject(
        Source(name, "warc", number),
        "unreadable",
        f"the WARC file is truncated or corrupt from record {number} on ({detail}); "
        "the records before it were read: re-fetch or repair the file",
    )


def _block(record: WarcRecord, number: int, limit: int) -> bytes:
    """Up to `limit` bytes of the record's block after its HTTP headers, the rest skipped.

    Raises `_Broken` when the record lacks its mandatory headers, or its block is cut short
    or cannot be read.
    """
    if record.record_id is None or "Content-Length" not in record.headers:
        raise _Broken(number, "a record without WARC-Record-ID or Content-Length")
    expected = record.content_length
    try:
        data = record.reader.read(limit) if limit else b""
        seen = len(data) + record.reader.consume()
    except READ_ERRORS as error:
        raise _Broken(number, str(error)) from error
    if seen < expected:
        raise _Broken(number, f"it ends after {seen:,} of {expected:,} bytes")
    return data


def _response(name: str, number: int, record: WarcRecord, max_bytes: int) -> Document | Reject:
    """One response record as a document, or the reject saying why it is not an article."""
    body = _block(record, number, max_bytes + 1)
    headers = record.headers
    source = Source(
        name,
        "warc",
        number,
        headers.get("WARC-Target-URI"),
        headers.get("WARC-Date"),
        record.record_id,
    )
    http = record.http_headers if record.is_http else None
    if http is None:
        kind = headers.get("Content-Type") or "none"
        return Reject(source, "not_html", f"not an HTTP response (WARC Content-Type: {kind})")
    status = http.status_code
    if status is None or not 200 <= status < 300:
        said = f"HTTP status {status} {http.reason_phrase or ''}".rstrip() if status else None
        message = f"{said or 'no HTTP status line'}: only a 2xx response holds a page"
        return Reject(source, "http_status", message)
    media_type, charset = content_type(http.get("Content-Type"))
    if media_type is not None and media_type not in HTML_TYPES:
        return Reject(source, "not_html", f"the payload is {media_type}, not an HTML page")
    if len(body) > max_bytes:
        return _too_large(source, max_bytes)
    coding = http.get("Content-Encoding")
    try:
        body = _payload(body, http.get("Transfer-Encoding"), coding, max_bytes)
    except _BadPayload as error:
        message = f"its Content-Encoding {coding} cannot be undone ({error}): the record is damaged"
        return Reject(source, "unreadable", message)
    if len(body) > max_bytes:
        return _too_large(source, max_bytes)
    if media_type is None and sniff_format(body[:4096]) != "html":
        return Reject(source, "not_html", "the payload has no Content-Type and is not HTML")
    return Document(
        source,
        body,
        "html",
        charset=charset,
        languages=declared_languages(http.get("Content-Language")),
    )


def _too_large(source: Source, max_bytes: int) -> Reject:
    return Reject(
        source,
        "too_large",
        f"payload over the limit of {max_bytes:,} bytes (raise limits.max_bytes in the config)",
    )


def _payload(
    body: bytes, transfer_encoding: str | None, content_encoding: str | None, max_bytes: int
) -> bytes:
    """The payload with its HTTP transfer and content encodings undone, the last one first.

    >>> _payload(b"4\\r\\nRain\\r\\n0\\r\\n\\r\\n", "chunked", None, 100)
    b'Rain'
    >>> _payload(zlib.compress(b"Rain"), None, "deflate", 100)
    b'Rain'
    """
    if transfer_encoding and "chunked" in transfer_encoding.lower():
        body = _dechunk(body)
    codings = [coding.strip().lower() for coding in (content_encoding or "").split(",")]
    for coding in reversed(codings):
        if coding not in ("", "identity"):
            body = _inflate(body, coding, max_bytes)
    return body


def _dechunk(body: bytes) -> bytes:
    """A chunked HTTP body without its framing. Nothing is dropped: a body that is not framed
    as chunks (crawlers that store it de-chunked may keep the header) comes back unchanged,
    after a broken chunk-size line the rest is kept as it is, and a chunk said to be longer
    than the body keeps the rest of the body.

    >>> _dechunk(b"4\\r\\nRain\\r\\n6\\r\\n falls\\r\\n0\\r\\n\\r\\n")
    b'Rain falls'
    >>> _dechunk(b"<html>Rain</html>")
    b'<html>Rain</html>'
    >>> _dechunk(b"ffffffffffffffff\\r\\nRain")
    b'Rain'
    """
    parts = []
    position = 0
    while match := _CHUNK_SIZE.match(body, position):
        size = int(match.group(1), 16)
        if size == 0:
            return b"".join(parts)
        parts.append(body[match.end() : match.end() + size])
        position = min(match.end() + size, len(body))
    return b"".join(parts) + body[position:]


def _inflate(data: bytes, coding: str, max_bytes: int) -> bytes:
    """Undo one Content-Encoding, stopping soon after `max_bytes` of output (a zip bomb)."""
    if coding == "br":
        import brotli  # installed with FastWARC

        try:
            return bytes(brotli.Decompressor().process(data, output_buffer_limit=max_bytes + 1))
        except brotli.error as error:
            raise _BadPayload(str(error)) from error
    if coding not in ("gzip", "x-gzip", "deflate"):
        raise _BadPayload(f"{coding!r} is not supported; only gzip, deflate and br are")
    try:  # a gzip or a zlib header, whichever is there
        return zlib.decompressobj(zlib.MAX_WBITS | 32).decompress(data, max_bytes + 1)
    except zlib.error as error:
        if coding != "deflate":
            raise _BadPayload(str(error)) from error
    try:  # servers that send "deflate" without the zlib header
        return zlib.decompressobj(-zlib.MAX_WBITS).decompress(data, max_bytes + 1)
    except zlib.error as error:
        raise _BadPayload(str(error)) from error
