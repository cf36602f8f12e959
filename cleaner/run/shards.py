"""Sharded, resumable output: numbered shards, their rejects, and a manifest that journals them.

    out/
      part-00000.jsonl.gz       articles of inputs 0 .. shard_size-1, in input order
                                (part-00000.parquet with shard_format="parquet")
      rejects-00000.jsonl.gz    rejects of the same inputs (only when there are any)
      part-00001.jsonl.gz
      manifest.json             the run (inputs, configuration, versions), counts per shard,
                                totals, and whether the run is complete

Shard n holds the results of input records `n * shard_size` to `(n + 1) * shard_size - 1`, so
shard boundaries depend only on the inputs, never on timing or workers. Each file is written
under a temporary name and renamed when whole, then the shard is added to the manifest (itself
replaced atomically). The manifest is the journal: a shard it lists is complete. A run that
finds a manifest of the same run (same inputs, configuration, shard size and versions) skips
the shards listed and writes the rest; a shard written but not yet listed is simply written
again, to the same bytes. So a run killed at any instant (even SIGKILL) and started again with
the same command ends with the same files as a run never interrupted, no article missing and
none twice. A manifest of a different run is an error rather than a mix of two runs.

Rejects stay JSONL in either shard format: they are few, small and read by people (`zcat | jq`,
`zgrep`), and the reject schema is a handful of flat fields that gain nothing from columns.
"""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Iterable
from typing import Any

from cleaner.document import SCHEMA_VERSION, Document, Reject
from cleaner.run import SHARD_FORMATS
from cleaner.run.chunks import CHUNK_SIZE, ChunkResult, chunked
from cleaner.run.local import Executor
from cleaner.run.progress import Progress
from cleaner.run.summary import Summary
from cleaner.version import __version__
from cleaner.write import JsonlWriter, RecordWriter, write_json_atomic, writer_for

MANIFEST = "manifest.json"


class ResumeError(ValueError):
    """The output directory holds another run's files; the message says what to do."""


def shard_name(kind: str, index: int, shard_format: str = "jsonl") -> str:
    """`shard_name("part", 3) == "part-00003.jsonl.gz"`; `part-00003.parquet` in Parquet."""
    return f"{kind}-{index:05d}{SHARD_FORMATS[shard_format]}"


class _ShardWriter:
    """The files of one shard, appearing only when `finish` is called."""

    def __init__(self, out_dir: str, index: int, shard_format: str) -> None:
        self.out_dir = out_dir
        self.index = index
        self.summary = Summary()
        self.articles_name = shard_name("part", index, shard_format)
        path = os.path.join(out_dir, self.articles_name)
        self._articles: RecordWriter = writer_for(path)(path)
        self._rejects: JsonlWriter | None = None

    def add(self, result: ChunkResult) -> None:
        self._articles.write_lines(result.articles)
        for reject in result.rejects:
            if self._rejects is None:
                path = os.path.join(self.out_dir, shard_name("rejects", self.index))
                self._rejects = JsonlWriter(path)
            self._rejects.write(reject.to_dict())
        self.summary.merge(result.summary)

    def finish(self) -> dict[str, Any]:
        """Rename the files into place; the shard's manifest entry."""
        self._articles.close()
        if self._rejects is not None:
            self._rejects.close()
        return {
            "index": self.index,
            "articles": self.articles_name,
            "rejects": shard_name("rejects", self.index) if self._rejects else None,
            **self.summary.to_dict(),
        }

    def abandon(self) -> None:
        """Delete the temporary files of a shard the run did not finish."""
        self._articles.close(success=False)
        if self._rejects is not None:
            self._rejects.close(success=False)


class Manifest:
    """The run's journal in `out_dir/manifest.json`."""

    def __init__(self, out_dir: str, run: dict[str, Any]) -> None:
        self.path = os.path.join(out_dir, MANIFEST)
        self.run = run
        self.shards: list[dict[str, Any]] = []
        self.complete = False
        if os.path.exists(self.path):
            self._resume()

    def _resume(self) -> None:
        try:
            with open(self.path, encoding="utf-8") as file:
                found = json.load(file)
            same = found["run"] == self.run and found["cleaner_version"] == __version__
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise ResumeError(
                f"{self.path} cannot be read ({error}); delete the directory to start afresh"
            ) from None
        if not same:
            raise ResumeError(
                f"{os.path.dirname(self.path) or '.'} holds the output of another run (other "
                "inputs, configuration, shard size or cleaner version); give a new --out-dir, "
                "or delete this one to start afresh"
            )
        self.shards = found["shards"]
        self.complete = found["complete"]

    def done(self) -> Summary:
        """The counts of the shards already written."""
        summary = Summary()
        for shard in self.shards:
            summary.merge(Summary.from_dict(shard))
        return summary

    def add(self, shard: dict[str, Any]) -> None:
        """Record a finished shard."""
        self.shards.append(shard)
        self._save()

    def finish(self) -> None:
        """Mark the run complete, after checking every input was accounted for."""
        self.done().check()
        self.complete = True
        self._save()

    def _save(self) -> None:
        write_json_atomic(
            self.path,
            {
                "cleaner_version": __version__,
                "schema_version": SCHEMA_VERSION,
                "run": self.run,
                "complete": self.complete,
                "totals": self.done().to_dict(),
                "shards": self.shards,
            },
        )


def remove_partial_files(out_dir: str) -> None:
    """Delete temporary files a killed run left behind (whole files are never temporary)."""
    for name in ("part-*", "rejects-*", MANIFEST):
        for path in glob.glob(os.path.join(glob.escape(out_dir), f".{name}.*.tmp")):
            os.unlink(path)


def run_to_directory(
    items: Iterable[Document | Reject],
    out_dir: str,
    run: dict[str, Any],
    executor: Executor,
    shard_size: int,
    progress: Progress | None = None,
    shard_format: str = "jsonl",
) -> Summary:
    """Write the results of `items` as shards under `out_dir`, resuming an earlier run of `run`.

    `run` describes the run (inputs, configuration, shard size, shard format) so a later start
    can tell whether the directory holds the same run; `executor` is any executor of
    `cleaner.run`. `OutputError` before anything is read when `shard_format` needs a missing
    extra.
    """
    writer_for(shard_name("part", 0, shard_format))
    os.makedirs(out_dir, exist_ok=True)
    remove_partial_files(out_dir)
    manifest = Manifest(out_dir, run)
    summary = manifest.done()
    if manifest.complete:  # nothing left: do not read the inputs again
        return summary
    already = summary.read
    chunks = chunked(items, min(CHUNK_SIZE, shard_size), shard_size, len(manifest.shards))
    current: _ShardWriter | None = None
    try:
        for result in executor.map(chunks):
            if current is not None and result.shard != current.index:
                manifest.add(current.finish())
                current = None
            if current is None:
                current = _ShardWriter(out_dir, result.shard, shard_format)
            current.add(result)
            summary.merge(result.summary)
            if progress is not None:
                progress.update(summary, already)
    except BaseException:
        if current is not None:
            current.abandon()
        raise
    if current is not None:
        manifest.add(current.finish())
    manifest.finish()
    if progress is not None:
        progress.finish(summary, already)
    return summary
