"""The per-document time limit: a document that runs too long becomes a `time_limit` reject.

    >>> from cleaner.document import Document, Source
    >>> document = Document(Source("a.txt", "text"), "Rain\\n\\nIt rained, he said.", "text")
    >>> type(process_within_limit(document, Config())).__name__
    'Article'

`process` itself knows nothing of clocks (it stays pure); the executors call it through
`process_within_limit`. In the main thread of a process (the CLI, every worker of the local
process pool) the limit is enforced with a real-time timer that interrupts the document where
it is, so a pathological page costs at most `limits.max_seconds`. Signals reach only the main
thread, so elsewhere (a Dask worker's task threads, a user's own thread pool) the document is
run to the end and rejected afterwards if it took longer: the record is the same either way, but
only the timer bounds the time spent.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from cleaner.config import Config
from cleaner.document import Article, Document, Reject
from cleaner.pipeline import process

_HAS_TIMER = hasattr(signal, "setitimer")  # not on Windows


class _OverTime(BaseException):
    """Raised by the timer inside the running document. A `BaseException`, so that the
    `except Exception` blocks of the libraries underneath cannot swallow it."""


def process_within_limit(document: Document, config: Config) -> Article | Reject:
    """`process(document, config)`, or a `time_limit` reject past `config.limits.max_seconds`."""
    seconds = config.limits.max_seconds
    started = time.perf_counter()
    try:
        with _timer(seconds):
            result = process(document, config)
    except _OverTime:
        return _too_slow(document, seconds)
    if time.perf_counter() - started > seconds:
        return _too_slow(document, seconds)
    return result


def _too_slow(document: Document, seconds: float) -> Reject:
    return Reject(
        document.source,
        "time_limit",
        f"processing took longer than the limit of {seconds:g} s "
        "(raise limits.max_seconds in the config to accept it)",
        document.id,
    )


def _raise_over_time(signum: int, frame: FrameType | None) -> None:
    raise _OverTime


@contextmanager
def _timer(seconds: float) -> Iterator[None]:
    """Interrupt the block after `seconds` when this is the main thread; else do nothing."""
    if threading.current_thread() is not threading.main_thread() or not _HAS_TIMER:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _raise_over_time)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
