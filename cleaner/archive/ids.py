"""Unique ids across a validation run: where each id was first seen.

    >>> ids = DuplicateIds()
    >>> ids.seen("a", "x.jsonl:1"), ids.seen("a", "x.jsonl:9")
    (None, 'x.jsonl:1')

One id per valid record is remembered (ids are short: a million records take tens of MB).
"""

from __future__ import annotations

from cleaner.validate import Problem


class DuplicateIds:
    """Ids seen so far in a run, and where; `seen(id, where)` is the first place, or None."""

    def __init__(self) -> None:
        self._first: dict[str, str] = {}

    def seen(self, record_id: str, where: str) -> str | None:
        """Where `record_id` was first seen, or None (and remember `where`) when it is new."""
        first = self._first.get(record_id)
        if first is None:
            self._first[record_id] = where
        return first


def duplicate_problem(record_id: str, first: str) -> Problem:
    """The problem for an id already used at `first` (`file:line`)."""
    return Problem(
        "$.id",
        f"id {record_id!r} is already used at {first}; ids must be unique across the archive",
        "duplicate_id",
    )
