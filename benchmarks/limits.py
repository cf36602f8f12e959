"""Usage: python benchmarks/limits.py [--limit N] [--ids ...]

What the per-document limits cost, on the article-extraction-benchmark pages (entities on, as
a run's default): each page is processed in turn three ways, in this process, so the machine's
drift hits them alike (each way goes first on every third page):

* `process`: the pure function, no limits;
* `main thread`: `process_within_limit` in the main thread (the timer and the memory cap: how
  the CLI and the local process pool run a document);
* `child`: `process_in_child` from another thread (how a Dask task runs a document: sent to a
  child process and the record sent back).

A first pass over the pages, not timed, starts the child and loads every language's tables and
models in both processes.

It prints documents per second of each, the ratios to `process`, the median extra time per
document through the child, and the pickled size of a page and of its record; it checks that
the child's records are the same bytes. Then it times how long a document that takes minutes
(a user's debris pattern that backtracks catastrophically) holds the thread with
`limits.max_seconds = 5`. Exits 0 with a message when ../shared is absent.
"""

from __future__ import annotations

import argparse
import pickle
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from data import add_filters, pages_or_skip

from cleaner.config import Config
from cleaner.document import Article, Document, Reject, Source
from cleaner.pipeline import prepare, process
from cleaner.run.child import process_in_child
from cleaner.run.limits import process_within_limit
from cleaner.write import dumps

BACKTRACKING_TABLE = "[[rules]]\nid = 'debris.slow'\nreason = 'backtracks'\nblock = ['(a+)+$']\n"


def _record(result: Article | Reject) -> str:
    return dumps(result.to_dict())


_THREAD = ThreadPoolExecutor(1)  # one thread, like a Dask worker's, so one child throughout


def _in_thread(work: Callable[[], Any]) -> Any:
    """`work()` in the other thread (where documents go to its child), its result."""
    return _THREAD.submit(work).result()


def _timed(work: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    result = work()
    return result, time.perf_counter() - started


def main() -> None:
    args = add_filters(argparse.ArgumentParser(description=__doc__.splitlines()[0])).parse_args()
    pages = pages_or_skip(args)
    config = Config()
    prepare(config)
    documents = [Document(Source(page.id, "html"), page.html, "html") for page in pages]
    for document in documents:  # load every language's tables and models, here and there
        process(document, config)
        _in_thread(lambda d=document: process_in_child(d, config))
    ways: dict[str, Callable[[Document], tuple[Any, float]]] = {
        "process": lambda d: _timed(lambda: process(d, config)),
        "main thread": lambda d: _timed(lambda: process_within_limit(d, config)),
        "child": lambda d: _in_thread(lambda: _timed(lambda: process_in_child(d, config))),
    }
    names = list(ways)
    seconds: dict[str, list[float]] = {name: [] for name in names}
    sizes: list[tuple[int, int]] = []
    for number, document in enumerate(documents):
        records = set()
        for name in names[number % 3 :] + names[: number % 3]:  # each way first in turn
            result, taken = ways[name](document)
            seconds[name].append(taken)
            records.add(_record(result))
        assert len(records) == 1, document.source.name
        sizes.append((len(pickle.dumps(document)), len(pickle.dumps(result))))
    print(f"{len(documents)} pages, entities on; records identical in the three ways")
    total = sum(seconds["process"])
    for way, times in seconds.items():
        print(
            f"  {way:12} {len(times) / sum(times):6.1f} docs/s  "
            f"{sum(times) / total:5.3f}x the time of process"
        )
    extra = [
        child - plain for child, plain in zip(seconds["child"], seconds["process"], strict=True)
    ]
    print(
        f"  through the child: median {statistics.median(extra) * 1000:+.1f} ms a document; "
        f"median page {statistics.median(s for s, _ in sizes) / 1000:.0f} KB pickled, "
        f"record {statistics.median(r for _, r in sizes) / 1000:.0f} KB"
    )
    with tempfile.TemporaryDirectory() as folder:
        table = Path(folder) / "slow.toml"
        table.write_text(BACKTRACKING_TABLE)
        slow_config = Config.from_dict(
            {"rules": {"tables": [str(table)]}, "limits": {"max_seconds": 5}}
        )
        slow = Document(
            Source("slow.txt", "text"), "Rain\n\nIt rained.\n\n" + "a" * 34 + "!", "text"
        )
        _in_thread(lambda: process_in_child(documents[0], slow_config))  # start its own child
        reject, held = _in_thread(lambda: _timed(lambda: process_in_child(slow, slow_config)))
        after, _ = _in_thread(lambda: _timed(lambda: process_in_child(documents[0], slow_config)))
        print(
            f"a document that takes minutes, limits.max_seconds = 5: {reject.reason} after "
            f"{held:.1f} s in the child; the next document: {type(after).__name__}"
        )


if __name__ == "__main__":
    main()
