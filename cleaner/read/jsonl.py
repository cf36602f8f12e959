"""JSONL input: one article per line, `{"html": ...}` or `{"text": ...}`.

    >>> import io
    >>> lines = io.BytesIO(b'{"id": "a1", "text": "Body.", "lang": "en"}\\n{broken\\n')
    >>> [(type(r).__name__, r.source.line) for r in read("d.jsonl", lines, 1000)]
    [('Document', 1), ('Reject', 2)]

Recognised keys: `html` or `text` (one is required; `html` wins when both are given), and
optional `id`, `url`, `title` and `language` (a language tag the record declares, checked
against the text like a page's `<html lang>`). Every other key is kept as metadata. Blank
lines are not records. A line that is not JSON, not an object, or has no usable content
becomes a reject with its line number; the lines after it are still read. `NaN` and
`Infinity`, which Python's `json` reads and writes but JSON does not have, make a line invalid:
written back, they would make the output line unreadable to other JSON tools.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, BinaryIO, NoReturn

from cleaner.document import Declared, Document, Reject, Source
from cleaner.read.files import READ_ERRORS, lines_within, unreadable

_KNOWN = ("html", "text", "id", "url", "title", "language")


def read(name: str, stream: BinaryIO, max_bytes: int) -> Iterator[Document | Reject]:
    """Documents and rejects, one per non-blank line."""
    number = 0
    records = 0
    try:
        for number, raw in enumerate(lines_within(stream, max_bytes), 1):
            if raw is None:
                records += 1
                yield Reject(
                    Source(name, "jsonl", number),
                    "too_large",
                    f"line over the limit of {max_bytes:,} bytes (raise limits.max_bytes)",
                )
                continue
            if raw.strip():
                records += 1
                yield _record(name, number, raw)
    except READ_ERRORS as error:
        yield unreadable(Source(name, "jsonl", number + 1), error)
        return
    if records == 0:
        yield Reject(Source(name, "jsonl"), "empty", "the file has no JSON lines")


def _record(name: str, number: int, raw: bytes) -> Document | Reject:
    source = Source(name, "jsonl", number)
    try:
        data = json.loads(raw, parse_constant=refuse_constant)
    except ValueError as error:
        return Reject(source, "invalid_json", f"not valid JSON ({error}); fix or remove the line")
    except RecursionError:
        return Reject(
            source, "invalid_json", "JSON nested too deeply to read; fix or remove the line"
        )
    return document_from_record(data, source)


def refuse_constant(name: str) -> NoReturn:
    """`parse_constant` for `json`: `NaN`, `Infinity` and `-Infinity` are not JSON.

    >>> json.loads('{"score": NaN}', parse_constant=refuse_constant)
    Traceback (most recent call last):
    ...
    ValueError: NaN is not a JSON number (RFC 8259); write null or a string instead
    """
    raise ValueError(f"{name} is not a JSON number (RFC 8259); write null or a string instead")


def document_from_record(data: Any, source: Source) -> Document | Reject:
    """A `Document` from one parsed record (a dict with `html` or `text`), else a reject.

    >>> document_from_record({"text": "Hi.", "id": 7}, Source("api", "jsonl")).id
    '7'
    """
    if not isinstance(data, dict):
        return Reject(
            source, "invalid_record", "a record must be a JSON object with 'html' or 'text'"
        )
    record_id = data.get("id")
    record_id = str(record_id) if isinstance(record_id, str | int) and record_id != "" else None
    url = data.get("url") if isinstance(data.get("url"), str) else None
    source = Source(source.name, source.format, source.line, url)
    for kind in ("html", "text"):
        content = data.get(kind)
        if isinstance(content, str) and content.strip():
            title = data.get("title")
            language = data.get("language")
            declared = isinstance(language, str) and language.strip()
            return Document(
                source,
                content,
                kind,
                id=record_id,
                title=title if isinstance(title, str) and title.strip() else None,
                metadata=_metadata(data),
                languages=(Declared(language.strip(), "jsonl"),) if declared else (),
            )
    present = [key for key in ("html", "text") if key in data]
    problem = f"'{present[0]}' is empty or not a string" if present else "no 'html' or 'text' key"
    return Reject(
        source, "invalid_record", f"{problem}; each record needs article HTML or text", record_id
    )


def _metadata(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key not in _KNOWN}
