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
constant memory; blank lines are not records. A `.json` file holds one record or an array of
records; each element's line is where it starts in the file. Either may be gzipped (found by
its magic bytes). A line that is not JSON is an `invalid_json` entry and reading goes on; a
file that cannot be read, or a gzip stream that breaks, ends with one `unreadable` entry.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from cleaner.read.files import READ_ERRORS, STDIN, gunzip, open_input
from cleaner.validate import Problem

_DECODER = json.JSONDecoder()
_WHITESPACE = " \t\r\n"


@dataclass(frozen=True, slots=True)
class Entry:
    """One record (or the problem reading it) at `line`; `where` is its JSONPath in the file:
    `$` for a whole record, `$[3]` for the fourth element of an array."""

    line: int
    record: Any = None
    problem: Problem | None = None
    where: str = "$"


def read_records(path: str) -> Iterator[Entry]:
    """Every record of a `.json` or `.jsonl` file (optionally gzipped), or `-` for stdin."""
    is_json = path != STDIN and path.lower().removesuffix(".gz").endswith(".json")
    line = 0
    try:
        with open_input(path) as stored:
            stream = gunzip(stored)
            if is_json:
                yield from _json_records(stream.read())
                return
            for line, raw in enumerate(stream, 1):
                if raw.strip():
                    yield _parse_line(line, raw)
    except READ_ERRORS as error:
        message = getattr(error, "strerror", None) or str(error) or type(error).__name__
        yield Entry(
            line + 1,
            problem=Problem(
                "$",
                f"cannot read the file past here ({message}); re-create or re-download it",
                "unreadable",
            ),
        )


def _parse_line(line: int, raw: bytes) -> Entry:
    try:
        return Entry(line, json.loads(raw))
    except ValueError as error:
        return Entry(line, problem=Problem("$", f"not valid JSON: {error}", "invalid_json"))


def _json_records(raw: bytes) -> Iterator[Entry]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        yield Entry(1, problem=Problem("$", f"not UTF-8 text: {error}", "invalid_json"))
        return
    start = len(text) - len(text.lstrip(_WHITESPACE))
    if not text.startswith("[", start):
        yield _whole(text)
        return
    position, index = start + 1, 0
    while True:
        position = _skip(text, position)
        if text.startswith("]", position) and index == 0:
            return
        try:
            record, end = _DECODER.raw_decode(text, position)
        except ValueError as error:
            yield _broken(text, error)
            return
        yield Entry(text.count("\n", 0, position) + 1, record, where=f"$[{index}]")
        index += 1
        position = _skip(text, end)
        if text.startswith(",", position):
            position += 1
        elif text.startswith("]", position) and not text[position + 1 :].strip(_WHITESPACE):
            return
        else:
            yield _broken(text, ValueError(f"expected ',' or ']' at line {_line(text, position)}"))
            return


def _whole(text: str) -> Entry:
    try:
        return Entry(1, json.loads(text))
    except ValueError as error:
        return _broken(text, error)


def _broken(text: str, error: ValueError) -> Entry:
    line = getattr(error, "lineno", 1)
    return Entry(line, problem=Problem("$", f"not valid JSON: {error}", "invalid_json"))


def _skip(text: str, position: int) -> int:
    while position < len(text) and text[position] in _WHITESPACE:
        position += 1
    return position


def _line(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1
