"""Validate records against the packaged JSON Schemas, reporting every error with its location.

    >>> problems = validate_record({"schema_version": "1.0.0", "id": ""})
    >>> problems[0]
    Problem(path='$', message="'source' is a required property")
    >>> any(p.path == "$.id" for p in problems)
    True

`validate_file` reads `.json` (one record or an array) and `.jsonl` files, gzipped or not, and
yields one `FileProblem` per error with its line, so a CLI can print `file:line: path: message`.

Two validators share the work: a compiled one (jsonschema-rs, about a hundred times faster)
answers "valid or not" for every record, and `jsonschema` collects the errors, with their
paths and its familiar messages, only for the records that fail.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

_REPO_SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


@dataclass(frozen=True, slots=True)
class Problem:
    """One schema error: where in the record (a JSONPath) and what is wrong."""

    path: str
    message: str


@dataclass(frozen=True, slots=True)
class FileProblem:
    """One error in a file: `str(problem)` is `file:line: path: message`."""

    file: str
    line: int
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.path}: {self.message}"


def schema_text(name: str = "article") -> str:
    """The text of a packaged schema (`article` or `reject`), from the wheel or the checkout."""
    packaged = resources.files("cleaner") / "schemas" / f"{name}.schema.json"
    if packaged.is_file():
        return packaged.read_text("utf-8")
    return (_REPO_SCHEMAS / f"{name}.schema.json").read_text("utf-8")


@cache
def _validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads(schema_text(name)))


@cache
def _compiled(name: str) -> jsonschema_rs.Draft202012Validator:
    return jsonschema_rs.Draft202012Validator(json.loads(schema_text(name)))


def validate_record(record: Any, schema: str = "article") -> list[Problem]:
    """All schema errors in one record, in a stable order; empty when it is valid."""
    if _compiled(schema).is_valid(record):
        return []
    errors = sorted(_validator(schema).iter_errors(record), key=lambda e: list(e.absolute_path))
    return [Problem(_json_path(error), _message(error)) for error in errors]


def _json_path(error: ValidationError) -> str:
    path = "$"
    for part in error.absolute_path:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def _message(error: ValidationError) -> str:
    if error.validator == "additionalProperties":
        return f"{error.message} (remove the field, or check its spelling)"
    return error.message


def validate_file(path: str | Path) -> Iterator[FileProblem]:
    """Every problem in a `.json` or `.jsonl` file (optionally `.gz`), broken lines included."""
    name = str(path)
    suffixes = Path(name.removesuffix(".gz")).suffix.lower()
    try:
        if suffixes == ".json":
            yield from _validate_json(name)
        else:
            yield from _validate_lines(name)
    except OSError as error:
        yield FileProblem(name, 0, "$", f"cannot read the file: {error.strerror or error}")
    except (EOFError, zlib.error, gzip.BadGzipFile) as error:
        yield FileProblem(name, 0, "$", f"broken gzip stream ({error}); re-create the file")


def _open(name: str) -> Any:
    return gzip.open(name, "rb") if name.endswith(".gz") else open(name, "rb")


def _validate_lines(name: str) -> Iterator[FileProblem]:
    with _open(name) as stream:
        for number, raw in enumerate(stream, 1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw)
            except ValueError as error:
                yield FileProblem(name, number, "$", f"not valid JSON: {error}")
                continue
            for problem in validate_record(record):
                yield FileProblem(name, number, problem.path, problem.message)


def _validate_json(name: str) -> Iterator[FileProblem]:
    with _open(name) as stream:
        raw = stream.read()
    try:
        data = json.loads(raw)
    except ValueError as error:
        line = getattr(error, "lineno", 1)
        yield FileProblem(name, line, "$", f"not valid JSON: {error}")
        return
    records = data if isinstance(data, list) else [data]
    prefix = "$" if not isinstance(data, list) else None
    for index, record in enumerate(records):
        for problem in validate_record(record):
            path = problem.path if prefix else f"$[{index}]" + problem.path[1:]
            yield FileProblem(name, 1, path, problem.message)
