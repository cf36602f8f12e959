"""What the review pages read: a run's records and rejects, or raw inputs cleaned in-process.

    >>> is_record({"schema_version": "1.8.0", "paragraphs": ["Rain."], "edits": []})
    True
    >>> is_record({"id": "story-1", "html": "<p>Rain.</p>"})
    False

A run is a record file (`.jsonl`, `.jsonl.gz`, `.parquet`, read by
`cleaner.archive.records.read_records`) or an `--out-dir` folder, whose `manifest.json` names its
shards and rejects and holds the run's counts. Raw inputs (what `cleaner clean` takes) go through
`cleaner.pipeline.read_and_process`, which gives each record with the blocks it was read as.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from cleaner.archive.records import read_records
from cleaner.config import Config
from cleaner.document import Reject
from cleaner.read import expand_inputs, read_all
from cleaner.read.inputs import RECORD_EXTENSIONS
from cleaner.run.shards import MANIFEST


class RunError(ValueError):
    """A run that cannot be read (a usage error: the message says what to do)."""


@dataclass(frozen=True, slots=True)
class Reviewed:
    """One input to show: its record and the blocks it was read as (None: rebuild them from
    the record's edits), or the reject it became."""

    record: dict[str, Any] | None = None
    blocks: tuple[str, ...] | None = None
    reject: dict[str, Any] | None = None


def is_record(value: Any) -> bool:
    """Whether `value` is a cleaner article record (not an input record to clean)."""
    return isinstance(value, dict) and "paragraphs" in value and "edits" in value


def records(path: str) -> Iterator[dict[str, Any]]:
    """Every record of a record file; a line that is not a record stops with a `RunError`."""
    for entry in read_records(path):
        if entry.problem is not None:
            raise RunError(
                f"{path}:{entry.line}: {entry.problem.message}; "
                f"`cleaner validate {path}` lists every problem"
            )
        if not is_record(entry.record):
            raise RunError(
                f"{path}:{entry.line}: not a cleaner record (no paragraphs and edits); "
                "clean the inputs first with `cleaner clean`"
            )
        yield entry.record


@dataclass(frozen=True, slots=True)
class Run:
    """A run's record and reject files, and its counts when a manifest holds them."""

    articles: list[str]
    rejects: list[str]
    manifest: dict[str, Any] | None = None


def open_run(path: str, rejects: str | None = None) -> Run:
    """The run at `path`: an `--out-dir` folder (its manifest), or one record file (with the
    rejects file `rejects`, when given)."""
    if os.path.isdir(path):
        manifest_path = os.path.join(path, MANIFEST)
        if not os.path.isfile(manifest_path):
            raise RunError(
                f"{path}: no {MANIFEST} here; name the folder `cleaner clean --out-dir` wrote, "
                "or a record file (.jsonl, .jsonl.gz, .parquet)"
            )
        with open(manifest_path, encoding="utf-8") as file:
            manifest = json.load(file)
        shards = manifest.get("shards", [])
        articles = [os.path.join(path, shard["articles"]) for shard in shards]
        found = [os.path.join(path, shard["rejects"]) for shard in shards if shard["rejects"]]
        return Run(articles, found + ([rejects] if rejects else []), manifest)
    if not os.path.isfile(path):
        raise RunError(f"{path}: no such file or directory")
    return Run([path], [rejects] if rejects else [])


def reject_records(run: Run) -> Iterator[dict[str, Any]]:
    """Every reject record of the run."""
    for path in run.rejects:
        for entry in read_records(path):
            if entry.problem is not None:
                raise RunError(f"{path}:{entry.line}: {entry.problem.message}")
            yield entry.record


def reviewed(inputs: list[str], config: Config) -> Iterator[Reviewed]:
    """What to show for `inputs`: record files and `--out-dir` folders as they are, anything
    else cleaned in-process with `config`."""
    raw: list[str] = []
    for given in inputs:
        if _holds_records(given):
            yield from _cleaned(raw, config)
            raw = []
            run = open_run(given)
            for path in run.articles:
                yield from (Reviewed(record) for record in records(path))
            yield from (Reviewed(reject=reject) for reject in reject_records(run))
        else:
            raw.append(given)
    yield from _cleaned(raw, config)


def _holds_records(path: str) -> bool:
    """An `--out-dir` folder, or a record file whose first record is an article record."""
    if os.path.isdir(path):
        return os.path.isfile(os.path.join(path, MANIFEST))
    if not os.path.isfile(path) or path.lower().removesuffix(".gz").endswith(".json"):
        return False
    name = path.lower().removesuffix(".gz")
    if not any(name.endswith(extension) for extension in RECORD_EXTENSIONS):
        return False
    first = next(read_records(path), None)
    return first is not None and is_record(first.record)


def _cleaned(inputs: list[str], config: Config) -> Iterator[Reviewed]:
    """Raw inputs through the pipeline, each with the blocks it was read as."""
    if not inputs:
        return
    from cleaner.pipeline import prepare, read_and_process  # heavy: only when there is cleaning

    prepare(config)
    for item in read_all(expand_inputs(inputs).files, config.limits.max_bytes):
        if isinstance(item, Reject):
            yield Reviewed(reject=item.to_dict())
            continue
        blocks, result = read_and_process(item, config)
        if isinstance(result, Reject):
            yield Reviewed(reject=result.to_dict())
        else:
            yield Reviewed(result.to_dict(), blocks)
