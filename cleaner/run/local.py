"""Local executors: in this process, or over a pool of worker processes, results in input order.

    >>> from cleaner.document import Document, Source
    >>> from cleaner.run.chunks import chunked
    >>> docs = [Document(Source(f"{n}.txt", "text"), "Rain\\n\\nIt rained, he said.", "text")
    ...         for n in range(3)]
    >>> with SerialExecutor(Config()) as executor:
    ...     [result.summary.written for result in executor.map(chunked(docs, 2))]
    [2, 1]

Both run `process_chunk` (and so the one pure `process`) on every chunk. The pool keeps at most
two chunks per worker in flight, so memory stays flat however many inputs there are, and yields
results in input order, so the output is the same bytes for any number of workers. A run with a
single chunk never starts the pool. A worker process that dies (a crash in a C library, the
kernel's out-of-memory killer) does not stop the run: its chunk is re-run one document per task
in a fresh pool, and the document that kills a worker again becomes a `worker_crashed` reject.
"""

from __future__ import annotations

import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager
from dataclasses import replace
from itertools import chain
from types import TracebackType

from cleaner.config import Config
from cleaner.document import Reject
from cleaner.pipeline import prepare
from cleaner.run.chunks import Chunk, ChunkResult, combined, process_chunk
from cleaner.run.limits import worker_crashed_reject


class Executor(AbstractContextManager["Executor"]):
    """What every executor offers: `map(chunks)`, results in order, and `close()` when done
    (a `with` block calls it, with `failed=True` when the block raised)."""

    def map(self, chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
        raise NotImplementedError

    def close(self, failed: bool = False) -> None:
        """Release what the executor holds (nothing, by default)."""

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close(failed=kind is not None)


class SerialExecutor(Executor):
    """Process every chunk here, one after another."""

    def __init__(self, config: Config) -> None:
        self.config = config

    def map(self, chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
        """Results of `chunks`, in order."""
        for chunk in chunks:
            yield process_chunk(chunk, self.config)


def _start_worker(config: Config) -> None:
    """Load rules and models once per worker; leave Ctrl-C to the main process."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    prepare(config)


class ProcessExecutor(Executor):
    """Process chunks on `workers` processes."""

    def __init__(self, config: Config, workers: int) -> None:
        self.config = config
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def map(self, chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
        """Results of `chunks`, in order, with at most two chunks per worker in flight."""
        iterator = iter(chunks)
        first = next(iterator, None)
        second = next(iterator, None)
        if first is None:
            return
        if second is None:
            yield process_chunk(first, self.config)
            return
        pending: deque[tuple[Chunk, Future[ChunkResult]]] = deque()
        for chunk in chain((first, second), iterator):
            pending.append((chunk, self._submit(chunk)))
            if len(pending) >= 2 * self.workers:
                yield self._result(pending)
        while pending:
            yield self._result(pending)

    def _submit(self, chunk: Chunk) -> Future[ChunkResult]:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                self.workers, initializer=_start_worker, initargs=(self.config,)
            )
        try:
            return self._pool.submit(process_chunk, chunk, self.config)
        except BrokenProcessPool as error:  # a worker died since the last result: settle later
            failed: Future[ChunkResult] = Future()
            failed.set_exception(error)
            return failed

    def _result(self, pending: deque[tuple[Chunk, Future[ChunkResult]]]) -> ChunkResult:
        chunk, future = pending.popleft()
        try:
            return future.result()
        except BrokenProcessPool:
            self._restart()
            result = self._isolate(chunk)
            for position, (waiting, _) in enumerate(pending):
                pending[position] = (waiting, self._submit(waiting))
            return result

    def _isolate(self, chunk: Chunk) -> ChunkResult:
        """Re-run a chunk whose worker died, one document per task, to find the one to blame."""
        parts = []
        for item in chunk.items:
            alone = replace(chunk, items=(item,))
            if isinstance(item, Reject):
                parts.append(process_chunk(alone, self.config))
                continue
            try:
                parts.append(self._submit(alone).result())
            except BrokenProcessPool:
                self._restart()
                crashed = worker_crashed_reject(item)
                parts.append(process_chunk(replace(chunk, items=(crashed,)), self.config))
        return combined(parts, chunk.index, chunk.shard)

    def _restart(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = None

    def close(self, failed: bool = False) -> None:
        """Stop the workers: after the last result, or at once when the run failed."""
        if self._pool is not None:
            self._pool.shutdown(wait=not failed, cancel_futures=failed)
            self._pool = None
