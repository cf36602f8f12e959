"""One input per id: a later input with an id already used becomes a `duplicate_id` reject.

    >>> from cleaner.document import Document, Source
    >>> first = Document(Source("a.jsonl", "jsonl", 1), "Rain.", "text", id="x")
    >>> again = Document(Source("b.jsonl", "jsonl", 4), "Snow.", "text", id="x")
    >>> [getattr(item, "reason", "document") for item in unique_ids([first, again])]
    ['document', 'duplicate_id']

Ids must be unique across an archive (`cleaner validate --strict` checks it), so the first
input with an id keeps it, even when it is rejected later, and each later one is rejected with
the file and line of the first. The reject's own `id` is null (the id is in its message), so
the output and its rejects, validated together, still hold each id once. The check runs where
the inputs are read, in input order, before any executor sees them, so it is the same for every
executor and number of workers; it keeps only the ids and where each was first seen.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from cleaner.archive.ids import DuplicateIds
from cleaner.document import Document, Reject


def unique_ids(items: Iterable[Document | Reject]) -> Iterator[Document | Reject]:
    """`items` in order, each document whose `id` an earlier document had made a reject."""
    ids = DuplicateIds()
    for item in items:
        if isinstance(item, Document) and item.id is not None:
            first = ids.seen(item.id, item.source.describe())
            if first is not None:
                yield Reject(
                    item.source,
                    "duplicate_id",
                    f"id {item.id!r} is already used by the input at {first}; give each "
                    "record its own id, or remove the repeated record",
                )
                continue
        yield item
