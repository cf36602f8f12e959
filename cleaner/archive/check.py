"""Check the records of one file: the schema each declares, and optionally the strict checks.

    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "a.jsonl")
    >>> _ = open(path, "w").write('{"schema_version": "9.9.9"}\\n')
    >>> counts = Counts()
    >>> [str(problem) for problem in check_file(path, Options(), counts)]  # doctest: +ELLIPSIS
    ["...a.jsonl:1: $.schema_version: unknown schema version '9.9.9'; ..."]
    >>> counts.records, counts.invalid
    (1, 1)

A record is checked against the packaged schema of the version it declares in
`schema_version` (every released version ships with cleaner), or against `--schema FILE` for
everything when one is given. A record with a `reason` and no `paragraphs` is a reject record
(from a `--rejects` file or a shard's rejects) and is checked against the reject schema.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from cleaner.archive.ids import DuplicateIds, duplicate_problem
from cleaner.archive.records import MAX_LINE_BYTES, read_records
from cleaner.validate import Problem, Schema, known_versions, packaged_schema


@dataclass(frozen=True, slots=True)
class Options:
    """What to check: a user's schema file instead of the packaged ones, the strict checks, and
    the longest JSONL line read (longer ones are reported, not read)."""

    schema_file: str | None = None
    strict: bool = False
    max_line_bytes: int = MAX_LINE_BYTES


@dataclass(frozen=True, slots=True)
class FileProblem:
    """One error in a file: `str(problem)` is `file:line: path: message`."""

    file: str
    line: int
    path: str
    message: str
    kind: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.path}: {self.message}"


@dataclass(slots=True)
class Counts:
    """Records read, records invalid, errors by kind, and whether a file could not be read."""

    records: int = 0
    invalid: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    unreadable: int = 0
    without_records: int = 0

    def merge(self, other: Counts) -> None:
        """Add another file's counts."""
        self.records += other.records
        self.invalid += other.invalid
        self.kinds.update(other.kinds)
        self.unreadable += other.unreadable
        self.without_records += other.without_records


def check_file(
    path: str, options: Options, counts: Counts, ids: DuplicateIds | None = None
) -> Iterator[FileProblem]:
    """Every problem in one file, in order, counting into `counts`; `ids` for unique ids."""
    before = counts.records
    for entry in read_records(path, options.max_line_bytes):
        if entry.problem is not None and entry.problem.kind == "unreadable":
            counts.unreadable += 1
            counts.kinds["unreadable"] += 1
            yield FileProblem(path, entry.line, "$", entry.problem.message, "unreadable")
            return
        counts.records += 1
        problems = [entry.problem] if entry.problem else _record_problems(entry.record, options)
        if ids is not None and options.strict and entry.problem is None and not problems:
            record_id = entry.record.get("id") if isinstance(entry.record, dict) else None
            first = ids.seen(record_id, f"{path}:{entry.line}") if record_id else None
            if first is not None:
                problems.append(duplicate_problem(record_id, first))
        if problems:
            counts.invalid += 1
        for problem in problems:
            counts.kinds[problem.kind] += 1
            where = entry.where + problem.path[1:]
            yield FileProblem(path, entry.line, where, problem.message, problem.kind)
    if counts.records == before:
        counts.without_records += 1


def _record_problems(record: Any, options: Options) -> list[Problem]:
    schema = _schema_for(record, options)
    if isinstance(schema, Problem):
        return [schema]
    problems = schema.problems(record)
    if options.strict and not problems and _is_article(record):
        from cleaner.archive.strict import strict_problems  # loads the debris and caption rules

        problems = strict_problems(record)
    return problems


def _is_article(record: Any) -> bool:
    return isinstance(record, dict) and "paragraphs" in record


def _schema_for(record: Any, options: Options) -> Schema | Problem:
    if options.schema_file:
        return _user_schema(options.schema_file)
    name = "reject" if _is_reject(record) else "article"
    version = record.get("schema_version") if isinstance(record, dict) else None
    if not isinstance(version, str):
        return packaged_schema(name)  # which says what is missing or wrong
    try:
        return packaged_schema(name, version)
    except KeyError:
        known = ", ".join(known_versions(name))
        return Problem(
            "$.schema_version",
            f"unknown schema version {version!r}; this cleaner knows {known}: upgrade cleaner "
            "(pip install -U cleaner), or pass --schema FILE",
            "unknown_schema_version",
        )


def _is_reject(record: Any) -> bool:
    return isinstance(record, dict) and "reason" in record and "paragraphs" not in record


@cache
def _user_schema(path: str) -> Schema:
    return Schema.from_file(path)
