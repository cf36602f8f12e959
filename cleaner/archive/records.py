"""Records from archive files, streamed, each with the line it starts on.

    >>> import gzip, os, tempfile
    >>> folder = tempfile.mkdtemp()
    >>> path = os.path.join(folder, "a.jsonl.gz")
    >>> with gzip.open(path, "wb") as file:
    ...     _ = file.write(b'{"id": "a"}\\n\\n{broken\\n')
    >>> [(entry.line, entry.record, entry.problem and entry.problem.kind)
    ...  for entry in read_records(path)]
    [(1, {'id': 'a'}, None), (3, None, 'invalid_json')]

`.jsonl` (and anything not named `.json`) is read line by line, so a file of any size takes
constant memory; blank lines are not records, and a line over `max_line_bytes` is a
`too_large` entry, skipped without being held in memory. A `.json` file holds one record or an
array of records; each element's line is where it starts in the file. Either may be gzipped
(found by its magic bytes). A line that is not JSON (or not UTF-8, or nested deeper than the
parser goes, or with a key twice in one object, or with `NaN` or `Infinity`) is an
`invalid_json` entry and reading goes on; a file that cannot be read, or a gzip stream that
breaks, ends with one `unreadable` entry. A `.parquet` file is read a row group at a time,
each row the record the JSONL would hold (`cleaner.parquet.reader`), its row number as the line.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from cleaner.read.files import READ_ERRORS, STDIN, gunzip, lines_within, open_input
from cleaner.read.jsonl import refuse_constant
from cleaner.validate import Problem

MAX_LINE_BYTES = 256 * 2**20
_WHITESPACE = " \t\r\n"


class _DuplicateKey(ValueError):
    """A key given twice in one JSON object (the parser would keep the last silently)."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    record = dict(pairs)
    if len(record) != len(pairs):
        counts = Counter(key for key, _ in pairs)
        twice = next(key for key, _ in pairs if counts[key] > 1)
        raise _DuplicateKey(f"the key {twice!r} appears twice in one object")
    return record


_DECODER = json.JSONDecoder(object_pairs_hook=_unique_keys, parse_constant=refuse_constant)


@dataclass(frozen=True, slots=True)
class Entry:
    """One record (or the problem reading it) at `line`; `where` is its JSONPath in the file:
    `$` for a whole record, `$[3]` for the fourth element of an array."""

    line: int
    record: Any = None
    problem: Problem | None = None
    where: str = "$"


def read_records(path: str, max_line_bytes: int = MAX_LINE_BYTES) -> Iterator[Entry]:
    """Every record of a `.json` or `.jsonl` file (optionally gzipped), or `-` for stdin."""
    if path.lower().endswith(".parquet"):
        yield from _parquet_records(path)
        return
    is_json = path != STDIN and path.lower().removesuffix(".gz").endswith(".json")
    line = 0
    try:
        with open_input(path) as stored:
            stream = gunzip(stored)
            if is_json:
                yield from _json_records(stream.read())
                return
            for line, raw in enumerate(lines_within(stream, max_line_bytes), 1):
                if raw is None:
                    yield Entry(line, problem=_too_large(max_line_bytes))
                elif raw.strip():
                    yield _parse_line(line, raw)
    except READ_ERRORS as error:
        yield _unreadable(line + 1, error)


def _unreadable(line: int, error: Exception) -> Entry:
    message = getattr(error, "strerror", None) or str(error) or type(error).__name__
    return Entry(
        line,
        problem=Problem(
            "$",
            f"cannot read the file past here ({message}); re-create or re-download it",
            "unreadable",
        ),
    )


def _parquet_records(path: str) -> Iterator[Entry]:
    """The rows of a Parquet file as entries; pyarrow missing makes the file unreadable."""
    try:
        from cleaner.parquet.reader import READ_ERRORS as PARQUET_ERRORS
        from cleaner.parquet.reader import read_rows
    except ImportError:
        from cleaner.parquet import MISSING

        yield Entry(1, problem=Problem("$", MISSING, "unreadable"))
        return
    row = 0
    try:
        for row, record in read_rows(path):
            yield Entry(row, record)
    except PARQUET_ERRORS as error:
        yield _unreadable(row + 1, error)


def _too_large(max_line_bytes: int) -> Problem:
    return Problem(
        "$",
        f"line over the limit of {max_line_bytes:,} bytes, not read "
        "(raise it with --max-line-bytes)",
        "too_large",
    )


def _parse_line(line: int, raw: bytes) -> Entry:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return Entry(line, problem=_not_utf8(error))
    try:
        return Entry(line, _DECODER.decode(text))
    except (ValueError, RecursionError) as error:
        return Entry(line, problem=_not_json(error))


def _not_utf8(error: UnicodeDecodeError) -> Problem:
    return Problem(
        "$",
        f"not UTF-8 text: byte {error.object[error.start]:#04x} at offset {error.start}",
        "invalid_json",
    )


def _not_json(error: ValueError | RecursionError) -> Problem:
    if isinstance(error, RecursionError):
        return Problem("$", "not valid JSON: nested too deeply to read", "invalid_json")
    return Problem("$", f"not valid JSON: {error}", "invalid_json")


def _json_records(raw: bytes) -> Iterator[Entry]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        yield Entry(raw.count(b"\n", 0, error.start) + 1, problem=_not_utf8(error))
        return
    start = len(text) - len(text.lstrip(_WHITESPACE))
    if not text.startswith("[", start):
        yield _whole(text)
        return
    position, index = start + 1, 0
    while True:
        position = _skip(text, position)
        if text.startswith("]", position) and index == 0:  # an empty array
            if text[position + 1 :].strip(_WHITESPACE):
                found = ValueError(f"text after the closing ']' at line {_line(text, position)}")
                yield _broken(text, found, position)
            return
        try:
            record, end = _DECODER.raw_decode(text, position)
        except (ValueError, RecursionError) as error:
            yield _broken(text, error, position)
            return
        yield Entry(text.count("\n", 0, position) + 1, record, where=f"$[{index}]")
        index += 1
        position = _skip(text, end)
        if text.startswith(",", position):
            position += 1
        elif text.startswith("]", position) and not text[position + 1 :].strip(_WHITESPACE):
            return
        else:
            found = ValueError(f"expected ',' or ']' at line {_line(text, position)}")
            yield _broken(text, found, position)
            return


def _whole(text: str) -> Entry:
    try:
        return Entry(1, _DECODER.decode(text))
    except (ValueError, RecursionError) as error:
        return _broken(text, error, 0)


def _broken(text: str, error: ValueError | RecursionError, position: int) -> Entry:
    """The problem at the line the parser stopped on (a record's first line when it cannot
    tell: a record nested too deeply, a key given twice)."""
    return Entry(getattr(error, "lineno", _line(text, position)), problem=_not_json(error))


def _skip(text: str, position: int) -> int:
    while position < len(text) and text[position] in _WHITESPACE:
        position += 1
    return position


def _line(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1
