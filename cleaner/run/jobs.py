"""Choosing an executor, and the directory-to-directory job behind `cleaner clean --out-dir`.

    >>> summary = run_directory(["corpus/"], "out/", workers=2)  # doctest: +SKIP
    >>> summary.read == summary.written + sum(summary.rejected.values())  # doctest: +SKIP
    True

Every executor ships chunks of documents to `process_chunk`, which calls the one pure
`process`; they differ only in where that runs. `run_directory` writes sharded, resumable
output with a manifest (see `cleaner.run.shards`). `cleaner.process_records(..., workers=N)`
is the same for an iterable.
"""

from __future__ import annotations

import hashlib
import os
import sys
from typing import Any, TextIO

from cleaner.config import Config
from cleaner.pipeline import prepare
from cleaner.read import expand_inputs, read_all
from cleaner.read.inputs import Expansion
from cleaner.run import DEFAULT_SHARD_SIZE, EXECUTORS, default_workers
from cleaner.run.local import Executor, ProcessExecutor, SerialExecutor
from cleaner.run.progress import Progress
from cleaner.run.shards import run_to_directory
from cleaner.run.summary import Summary


def make_executor(
    config: Config, workers: int | None = None, kind: str = "local", scheduler: str | None = None
) -> Executor:
    """An executor for `config`: `local` (one process, or a pool of `workers`) or `dask`."""
    workers = workers or default_workers()
    if kind == "dask":
        from cleaner.run.dask import DaskExecutor

        return DaskExecutor(config, workers, scheduler)
    if kind != "local":
        raise ValueError(f"unknown executor {kind!r}; use one of {', '.join(EXECUTORS)}")
    if scheduler:
        raise ValueError("a scheduler address needs the dask executor (--executor dask)")
    return SerialExecutor(config) if workers == 1 else ProcessExecutor(config, workers)


def known_total(expansion: Expansion) -> int | None:
    """The number of inputs when every file holds one document (text, HTML); else `None`."""
    if all(item.format in ("text", "html") for item in expansion.files):
        return len(expansion.files)
    return None


def run_directory(
    inputs: list[str],
    out_dir: str,
    *,
    config: Config | None = None,
    workers: int | None = None,
    executor: str = "local",
    scheduler: str | None = None,
    shard_size: int = DEFAULT_SHARD_SIZE,
    input_format: str | None = None,
    progress: TextIO | None = sys.stderr,
    shard_format: str = "jsonl",
) -> Summary:
    """Clean `inputs` (files, directories, globs) into shards under `out_dir`; resumable.

    `shard_format` is `jsonl` (gzipped JSONL shards) or `parquet` (needs the `parquet` extra).

    Started again after a crash with the same arguments, it writes only what is missing.
    Raises `InputError` for a missing input, `ResumeError` when `out_dir` holds another run.
    """
    config = config or Config()
    expansion = expand_inputs(inputs, input_format)
    run = {
        "inputs": list(inputs),
        "format": input_format,
        "files": _fingerprint(expansion),
        "shard_size": shard_size,
        "shard_format": shard_format,
        "config": config.to_dict(),
    }
    prepare(config)
    reporter = Progress(progress, known_total(expansion)) if progress is not None else None
    with make_executor(config, workers, executor, scheduler) as running:
        summary = run_to_directory(
            read_all(expansion.files, config.limits.max_bytes),
            out_dir,
            run,
            running,
            shard_size,
            reporter,
            shard_format,
        )
    summary.skipped_files = len(expansion.skipped)
    return summary


def _fingerprint(expansion: Expansion) -> dict[str, Any]:
    """The files a run reads, by path and size, so a resumed run can tell they are the same."""
    digest = hashlib.sha256()
    for item in expansion.files:
        size = os.path.getsize(item.path) if os.path.isfile(item.path) else -1
        digest.update(f"{item.path}\0{item.format}\0{size}\n".encode())
    return {"count": len(expansion.files), "sha256": digest.hexdigest()}
