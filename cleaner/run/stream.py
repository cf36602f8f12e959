"""A run into one stream: articles to one JSONL writer, rejects to a callback, in input order.

>>> import io
>>> from cleaner.config import Config
>>> from cleaner.document import Document, Source
>>> from cleaner.run.local import SerialExecutor
>>> docs = [Document(Source("a.txt", "text"), "Rain\\n\\nIt rained, he said.", "text"),
...         Document(Source("b.txt", "text"), "", "text")]
>>> out, rejects = io.BytesIO(), []
>>> summary = run_to_stream(docs, SerialExecutor(Config()), out.write, rejects.append)
>>> summary.written, out.getvalue().count(b"\\n"), [reject.reason for reject in rejects]
(1, 1, ['empty'])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from cleaner.document import Document, Reject
from cleaner.run.chunks import CHUNK_SIZE, chunked
from cleaner.run.local import Executor
from cleaner.run.progress import Progress
from cleaner.run.summary import Summary


def run_to_stream(
    items: Iterable[Document | Reject],
    executor: Executor,
    write_articles: Callable[[bytes], Any],
    write_reject: Callable[[Reject], Any],
    progress: Progress | None = None,
) -> Summary:
    """Process `items` on `executor`; pass article lines and rejects on in input order."""
    summary = Summary()
    for result in executor.map(chunked(items, CHUNK_SIZE)):
        write_articles(result.articles)
        for reject in result.rejects:
            write_reject(reject)
        summary.merge(result.summary)
        if progress is not None:
            progress.update(summary)
    if progress is not None:
        progress.finish(summary)
    summary.check()
    return summary
