"""Whole-file inputs: one article per file, plain text (like the seed) or an HTML page.

    >>> import io
    >>> [doc.kind for doc in read("a.html", io.BytesIO(b"<p>Hi</p>"), 1000, "html")]
    ['html']

The bytes are kept raw; decoding happens in the pipeline, where the charset decision is made
and recorded.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from cleaner.document import Document, DocumentKind, Reject, Source
from cleaner.read.files import read_whole


def read(
    name: str, stream: BinaryIO, max_bytes: int, kind: DocumentKind
) -> Iterator[Document | Reject]:
    """One document of `kind`, or a reject when the file is too large or unreadable."""
    source = Source(name, kind)
    data = read_whole(stream, source, max_bytes)
    yield data if isinstance(data, Reject) else Document(source, data, kind)
