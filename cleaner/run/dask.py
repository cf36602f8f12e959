"""The Dask executor: the same chunks, the same `process_chunk`, on a `dask.distributed` cluster.

    >>> with DaskExecutor(Config(), workers=2) as executor:  # doctest: +SKIP
    ...     results = list(executor.map(chunks))

With no scheduler address it starts a `LocalCluster` of `workers` processes (one thread each);
with `scheduler="tcp://host:8786"` it joins a running cluster, whose workers need `cleaner`
installed (the same version, so the records are the same). Inputs are read here and shipped to
the workers chunk by chunk, so the workers need no access to the input files; results come back
in input order, so the output is byte-identical to the local executors'. At most two chunks per
worker thread are in flight, so memory stays flat on both sides.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from cleaner.config import Config
from cleaner.run.chunks import Chunk, ChunkResult, process_chunk
from cleaner.run.local import Executor

INSTALL = "pip install 'cleaner[dask]'"


class ExecutorError(RuntimeError):
    """An executor that cannot start; the message says what to install or check."""


class DaskExecutor(Executor):
    """Process chunks on a Dask cluster (a local one when `scheduler` is `None`)."""

    def __init__(self, config: Config, workers: int, scheduler: str | None = None) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise ExecutorError(f"--executor dask needs Dask: {INSTALL}") from None
        self.config = config
        self._cluster: Any = None
        try:
            if scheduler:
                self._client = Client(scheduler, timeout="30s")
            else:
                self._cluster = LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
                self._client = Client(self._cluster)
        except OSError as error:
            raise ExecutorError(
                f"cannot reach the Dask scheduler {scheduler!r} ({error}); check the address "
                "and that `dask scheduler` is running there"
            ) from None
        threads = sum(self._client.nthreads().values()) or workers
        self._window = 2 * threads

    def map(self, chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
        """Results of `chunks`, in order."""
        pending: deque[Any] = deque()
        for chunk in chunks:
            pending.append(self._client.submit(process_chunk, chunk, self.config, pure=False))
            if len(pending) >= self._window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def close(self, failed: bool = False) -> None:
        """Leave the cluster (and stop it when this executor started it)."""
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()
