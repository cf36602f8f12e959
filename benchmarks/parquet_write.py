"""Usage: python benchmarks/parquet_write.py [--records N] [--rounds R] [--bbc N]

The Parquet writer against the JSONL writer (issue 20), in one process, on the same records:

* records: corpus/'s articles cleaned with cleaner's Python API (default configuration, so
  they carry entities, quotes and edits), repeated to `--records` records (default 10,000),
  each copy with its own id (`<id>-<n>`). Copies repeat their text, which Parquet's dictionary
  encoding and gzip's window both exploit, so with `--bbc N` the first N articles of
  ../shared/data/unlabelled-news/bbc-news (distinct texts, cleaned the same way; skipped when
  absent) are measured too, each once.
* speed, `--rounds` rounds (default 3), the writers taking turns in each round; the best round
  counts: records per second of `JsonlWriter` to `.jsonl` (plain) and to `.jsonl.gz` (what
  `--out-dir` shards are), and of `ParquetWriter` to `.parquet`, each fed the record dicts
  (`write(record)`), file closed and renamed included. Target: Parquet at least the JSONL
  writer's records per second.
* size: the Parquet file against the gzipped JSONL. Target: at most 60%.
* for information, what `cleaner clean` does in its one writing process: workers send the
  records as JSON lines, which the JSONL writer copies (`write_lines`) and the Parquet writer
  parses back; records per second of `write_lines` to `.jsonl` and to `.parquet`, the lines
  already in memory.

Before timing, the Parquet file of the first round is read back and must hold the same
records as the JSONL (as `tests/test_parquet.py` checks), so a fast writer that loses fields
cannot pass. Files are written to a temporary folder, removed at the end.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pyarrow
from data import PROJECT, SHARED

import cleaner
from cleaner.document import Document
from cleaner.parquet.reader import read_rows
from cleaner.parquet.writer import ROWS_PER_GROUP, ParquetWriter
from cleaner.read import expand_inputs, read_all
from cleaner.write import JsonlWriter, dumps

BBC = SHARED / "data" / "unlabelled-news" / "bbc-news" / "bbc-fulltext.tar.gz"
WRITERS: dict[str, tuple[str, Callable[[str], Any]]] = {
    "jsonl": (".jsonl", JsonlWriter),
    "jsonl.gz": (".jsonl.gz", JsonlWriter),
    "parquet": (".parquet", ParquetWriter),
}


def cleaned(inputs: Iterable[Mapping[str, Any] | Document]) -> list[dict[str, Any]]:
    """The article records of `inputs` (documents or JSONL-style dicts), on all cores."""
    found = cleaner.process_records(inputs, workers=os.cpu_count() or 1)
    return [result.to_dict() for result in found if not isinstance(result, cleaner.Reject)]


def corpus_documents() -> list[Document]:
    """corpus/'s articles as `cleaner clean corpus/` reads them."""
    files = expand_inputs([str(PROJECT / "corpus")]).files
    return [item for item in read_all(files, 10**8) if isinstance(item, Document)]


def bbc_inputs(limit: int) -> list[dict[str, str]]:
    """The first `limit` BBC articles (title line, then the body) in the archive's order."""
    inputs = []
    with tarfile.open(BBC) as archive:
        for member in archive:
            if member.isfile() and member.name.endswith(".txt") and "README" not in member.name:
                text = archive.extractfile(member).read().decode("latin-1")  # type: ignore[union-attr]
                inputs.append({"id": member.name, "text": text})
                if len(inputs) == limit:
                    break
    return inputs


def repeated(records: list[dict[str, Any]], count: int) -> list[dict[str, Any]]:
    """`count` records: `records` over and over, each copy with its own id."""
    return [
        {**records[n % len(records)], "id": f"{records[n % len(records)]['id']}-{n}"}
        for n in range(count)
    ]


def write(
    kind: str, records: list[dict[str, Any]], folder: str, lines: bytes | None = None
) -> tuple[float, str]:
    """Seconds to write `records` (or `lines`, their JSON lines) with the writer of `kind`,
    and the file written."""
    suffix, writer_class = WRITERS[kind]
    path = os.path.join(folder, f"records{suffix}")
    start = time.perf_counter()
    with writer_class(path) as writer:
        if lines is not None:
            writer.write_lines(lines)
        for record in records if lines is None else ():
            writer.write(record)
    return time.perf_counter() - start, path


def same_records(records: list[dict[str, Any]], parquet: str) -> bool:
    def exact(record: dict[str, Any]) -> str:
        return json.dumps(record, sort_keys=True, ensure_ascii=False)

    return [exact(r) for _, r in read_rows(parquet)] == [exact(r) for r in records]


def measure(name: str, records: list[dict[str, Any]], rounds: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        best: dict[str, float] = {}
        sizes: dict[str, int] = {}
        lines = "".join(dumps(record) + "\n" for record in records).encode()
        for round_number in range(rounds):
            for kind in WRITERS:
                seconds, path = write(kind, records, folder)
                best[kind] = min(best.get(kind, seconds), seconds)
                sizes[kind] = os.path.getsize(path)
                if kind == "parquet" and round_number == 0 and not same_records(records, path):
                    sys.exit("FAIL: the Parquet file does not hold the same records")
            for kind in ("jsonl", "parquet"):
                seconds, _ = write(kind, records, folder, lines)
                best[f"{kind} lines"] = min(best.get(f"{kind} lines", seconds), seconds)
    rates = {kind: len(records) / seconds for kind, seconds in best.items()}
    print(f"\n{name}: {len(records):,} records, best of {rounds} rounds")
    print("| writer | records/s | file MB | size / .jsonl.gz |")
    print("|---|---|---|---|")
    for kind in WRITERS:
        share = sizes[kind] / sizes["jsonl.gz"]
        print(f"| {kind} | {rates[kind]:,.0f} | {sizes[kind] / 1e6:.1f} | {share:.0%} |")
    for base in ("jsonl", "jsonl.gz"):
        ratio = rates["parquet"] / rates[base]
        verdict = "PASS" if ratio >= 1 else "FAIL"
        print(f"parquet / {base} records/s: {ratio:.2f} (target >= 1: {verdict})")
    share = sizes["parquet"] / sizes["jsonl.gz"]
    for kind in ("jsonl lines", "parquet lines"):
        print(f"{kind} (write_lines, as cleaner clean writes): {rates[kind]:,.0f} records/s")
    print(f"parquet size / jsonl.gz size: {share:.1%} (target <= 60%: "
          f"{'PASS' if share <= 0.6 else 'FAIL'})")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[1])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--bbc", type=int, default=0, metavar="N")
    args = parser.parse_args()
    print(f"{ROWS_PER_GROUP} records a row group; pyarrow {pyarrow.__version__}")
    corpus = cleaned(corpus_documents())
    measure(
        f"corpus/ ({len(corpus)} articles) repeated", repeated(corpus, args.records), args.rounds
    )
    if args.bbc:
        if not BBC.exists():
            print(f"\nSKIPPED: {BBC} is absent")
            return
        measure("BBC news, distinct articles", cleaned(bbc_inputs(args.bbc)), args.rounds)


if __name__ == "__main__":
    sys.stdout = io.TextIOWrapper(sys.stdout.buffer, line_buffering=True)
    main()
