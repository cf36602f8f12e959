"""Per-document limits: a document that runs too long or needs too much memory becomes a reject.

    >>> from cleaner.document import Document, Source
    >>> document = Document(Source("a.txt", "text"), "Rain\\n\\nIt rained, he said.", "text")
    >>> type(process_within_limit(document, Config())).__name__
    'Article'

`process` itself knows nothing of clocks or memory (it stays pure); the executors call it
through `process_within_limit` in the main thread of a process (the CLI, every worker of the
local process pool, the child process of `cleaner.run.child`). There a real-time timer
interrupts the document where it is, also inside a long regular-expression search (CPython's
`re` checks for signals as it goes), so a pathological page costs at most `limits.max_seconds`;
and the process may grow by at most `limits.max_memory_mb` while the document runs (Linux's
`RLIMIT_DATA`, set for the document and lifted after it), so an allocation past it raises
`MemoryError` inside the document instead of waking the kernel's out-of-memory killer.

Signals reach only the main thread, so elsewhere this function runs the document to the end
and rejects it afterwards if it took longer, without a memory cap; that is why executors that
run documents in other threads (Dask's task threads) send them to a child process instead
(`cleaner.run.child.process_in_child`, chosen by `interruptible_here`).
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from cleaner.config import Config
from cleaner.document import Article, Document, Reject
from cleaner.pipeline import process

try:
    import resource
except ImportError:  # Windows: no resource limits
    resource = None  # type: ignore[assignment]

_HAS_TIMER = hasattr(signal, "setitimer")  # not on Windows
# The memory cap needs the process's current data size, which Linux reports in /proc.
_STATM = "/proc/self/statm"
_HAS_MEMORY_CAP = resource is not None and os.path.exists(_STATM)
_PAGE = os.sysconf("SC_PAGE_SIZE") if _HAS_MEMORY_CAP else 0
_MB = 2**20


class _OverTime(BaseException):
    """Raised by the timer inside the running document. A `BaseException`, so that the
    `except Exception` blocks of the libraries underneath cannot swallow it."""


def interruptible_here() -> bool:
    """Whether `process_within_limit` can interrupt a document in this thread (the main
    thread, where the timer's signal arrives) and cap its memory.

    >>> interruptible_here() == (threading.current_thread() is threading.main_thread())
    True
    """
    return threading.current_thread() is threading.main_thread() and _HAS_TIMER


def process_within_limit(document: Document, config: Config) -> Article | Reject:
    """`process(document, config)`, or a `time_limit` reject past `config.limits.max_seconds`,
    or a `memory_limit` reject when it needs more than `config.limits.max_memory_mb`."""
    seconds = config.limits.max_seconds
    capped = interruptible_here()
    started = time.perf_counter()
    try:
        with _timer(seconds, capped), _memory_cap(config.limits.max_memory_mb, capped):
            result = process(document, config)
    except _OverTime:
        return time_limit_reject(document, config)
    except MemoryError:
        return memory_limit_reject(document, config)
    if time.perf_counter() - started > seconds:
        return time_limit_reject(document, config)
    return result


def time_limit_reject(document: Document, config: Config) -> Reject:
    """The reject of a document that took longer than `limits.max_seconds`."""
    return Reject(
        document.source,
        "time_limit",
        f"processing took longer than the limit of {config.limits.max_seconds:g} s "
        "(raise limits.max_seconds in the config to accept it)",
        document.id,
    )


def memory_limit_reject(document: Document, config: Config) -> Reject:
    """The reject of a document that needed more than `limits.max_memory_mb`."""
    return Reject(
        document.source,
        "memory_limit",
        f"processing needed more memory than the limit of {config.limits.max_memory_mb} MB "
        "(raise limits.max_memory_mb in the config to accept it)",
        document.id,
    )


def worker_crashed_reject(document: Document) -> Reject:
    """The reject of a document whose worker process died on it twice."""
    return Reject(
        document.source,
        "worker_crashed",
        "the worker process died on this document (a crash in a parser or the "
        "out-of-memory killer); try it alone, and report it if it crashes again",
        document.id,
    )


def _raise_over_time(signum: int, frame: FrameType | None) -> None:
    raise _OverTime


@contextmanager
def _timer(seconds: float, enabled: bool) -> Iterator[None]:
    """Interrupt the block after `seconds` (when `enabled`: only the main thread can be)."""
    if not enabled:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _raise_over_time)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def data_in_use() -> int:
    """The bytes of private writable memory this process holds (heap, anonymous maps and
    stacks: what `RLIMIT_DATA` counts); 0 where /proc is not available.

    >>> data_in_use() > 0 or not _HAS_MEMORY_CAP
    True
    """
    if not _HAS_MEMORY_CAP:
        return 0
    with open(_STATM, "rb") as statm:
        return int(statm.read().split()[5]) * _PAGE


@contextmanager
def _memory_cap(megabytes: int, enabled: bool) -> Iterator[None]:
    """Let the process's data grow by at most `megabytes` inside the block (when `enabled`:
    the limit holds for the whole process, so only where one document runs at a time), never
    past a lower limit already set."""
    if not (enabled and _HAS_MEMORY_CAP):
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    cap = data_in_use() + megabytes * _MB
    cap = min(bound for bound in (cap, soft, hard) if bound != resource.RLIM_INFINITY)
    resource.setrlimit(resource.RLIMIT_DATA, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_DATA, (soft, hard))
