"""Runs at corpus scale: executors (this process, a process pool, Dask) and whole jobs.

    >>> from cleaner.run.jobs import run_directory
    >>> summary = run_directory(["corpus/"], "out/", workers=2)  # doctest: +SKIP

- `chunks`: the unit of work (a chunk of documents) and `process_chunk`, which calls the one
  pure `process` on each document through the time and memory limits (`limits`), in a child
  process that can be stopped when the thread is not a main one (`child`: Dask's tasks);
- `local` and `dask`: executors that run chunks here, on a process pool, or on a cluster;
- `stream` and `shards`: a run into one JSONL stream, or into resumable shards with a manifest;
- `jobs`: choosing an executor and the directory-to-directory job; `progress`, `summary`.

This package module imports nothing heavy, so the command line starts quickly.
"""

import os

EXECUTORS = ("local", "dask")
DEFAULT_SHARD_SIZE = 1000
# --shard-format: the suffix of a shard's articles file (its rejects are always .jsonl.gz)
SHARD_FORMATS = {"jsonl": ".jsonl.gz", "parquet": ".parquet"}


def default_workers() -> int:
    """The cores this process may use (all of them unless restricted by affinity)."""
    if hasattr(os, "sched_getaffinity"):
        return max(len(os.sched_getaffinity(0)), 1)
    return os.cpu_count() or 1
