"""The unit of work every executor ships: a chunk of inputs in, its records and counts out.

    >>> from cleaner.document import Document, Source
    >>> docs = [Document(Source("a.txt", "text"), "Rain falls\\n\\nIt rained, he said.", "text"),
    ...         Document(Source("b.txt", "text"), b"", "text")]
    >>> [chunk] = chunked(docs, 10)
    >>> done = process_chunk(chunk, Config())
    >>> done.summary.read, done.summary.written, [reject.reason for reject in done.rejects]
    (2, 1, ['empty'])
    >>> done.articles.count(b"\\n")
    1

`process_chunk` calls the one pure `process` (through the limits) on each document, here in the
main thread of a process, else (a Dask task thread) in a child process that can be stopped, and
serialises the articles where it runs, so a worker sends back bytes, not objects. A reject made
while reading (a broken JSON line) passes through unchanged. The same chunk gives the same bytes
in any process, which is what makes the output identical for any number of workers.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from cleaner.config import Config
from cleaner.document import Article, Document, Reject
from cleaner.run.child import process_in_child
from cleaner.run.limits import interruptible_here, process_within_limit
from cleaner.run.summary import Summary
from cleaner.write import dumps

# 16 documents: 0.3-1 s of work, enough to make shipping a chunk to a worker cheap, few enough
# that results (and the progress line) come back often and little waits in memory.
CHUNK_SIZE = 16


@dataclass(frozen=True, slots=True)
class Chunk:
    """Consecutive inputs, numbered in input order, all inside one output shard."""

    index: int
    items: tuple[Document | Reject, ...]
    shard: int = 0
    keep_objects: bool = False


@dataclass(frozen=True, slots=True)
class ChunkResult:
    """A processed chunk: its articles as JSON lines, its rejects in order, and its counts;
    for a chunk that asked to `keep_objects`, every result as an object instead of lines."""

    index: int
    articles: bytes
    rejects: tuple[Reject, ...]
    summary: Summary
    shard: int = 0
    results: tuple[Article | Reject, ...] = ()


def chunked(
    items: Iterable[Document | Reject],
    size: int,
    shard_size: int | None = None,
    first_shard: int = 0,
    keep_objects: bool = False,
) -> Iterator[Chunk]:
    """Consecutive chunks of at most `size` inputs, read lazily, never across a shard boundary.

    With `shard_size`, input number n belongs to shard `n // shard_size`, and the inputs of the
    shards before `first_shard` are read and dropped (they were written by an earlier run).

    >>> [(c.shard, len(c.items)) for c in chunked(range(7), 2, shard_size=3)]
    [(0, 2), (0, 1), (1, 2), (1, 1), (2, 1)]
    >>> [c.items for c in chunked(range(7), 2, shard_size=3, first_shard=2)]
    [(6,)]
    """
    iterator = iter(items)
    shard_size = shard_size or 0
    position = first_shard * shard_size
    for _ in islice(iterator, position):
        pass
    index = 0
    while True:
        shard = position // shard_size if shard_size else 0
        room = (shard + 1) * shard_size - position if shard_size else size
        batch = tuple(islice(iterator, min(size, room)))
        if not batch:
            return
        yield Chunk(index, batch, shard, keep_objects)
        index += 1
        position += len(batch)


def process_chunk(chunk: Chunk, config: Config) -> ChunkResult:
    """Process every document of `chunk`; never raises for a bad document."""
    lines: list[str] = []
    rejects: list[Reject] = []
    results: list[Article | Reject] = []
    summary = Summary()
    for item in chunk.items:
        result = item if isinstance(item, Reject) else _process_one(item, config)
        summary.add(result)
        if chunk.keep_objects:
            results.append(result)
        elif isinstance(result, Reject):
            rejects.append(result)
        else:
            lines.append(dumps(result.to_dict()) + "\n")
    articles = "".join(lines).encode("utf-8", "backslashreplace")
    return ChunkResult(chunk.index, articles, tuple(rejects), summary, chunk.shard, tuple(results))


def _process_one(document: Document, config: Config) -> Article | Reject:
    """The document within its limits: here in a main thread, else in a child process."""
    if interruptible_here():
        return process_within_limit(document, config)
    return process_in_child(document, config)


def combined(parts: list[ChunkResult], index: int, shard: int) -> ChunkResult:
    """One result from the results of a chunk's pieces, in order."""
    summary = Summary()
    for part in parts:
        summary.merge(part.summary)
    articles = b"".join(part.articles for part in parts)
    rejects = tuple(reject for part in parts for reject in part.rejects)
    results = tuple(result for part in parts for result in part.results)
    return ChunkResult(index, articles, rejects, summary, shard, results)
