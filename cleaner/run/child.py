"""Documents run in a child process that can be stopped: the limits for threads that cannot
interrupt a document themselves.

    >>> from cleaner.document import Document, Source
    >>> document = Document(Source("a.txt", "text"), "Rain\\n\\nIt rained, he said.", "text")
    >>> type(process_in_child(document, Config().with_entities(None))).__name__
    'Article'

Only the main thread of a process can be interrupted (`cleaner.run.limits`), and Dask runs
tasks in other threads, where nothing can stop a long search inside the C code of `re` or
lxml. So a document processed in any other thread goes to a child process of that thread,
started once (with the rules and models of the configuration loaded) and kept for the
documents that follow. The child runs `process_within_limit` in its own main thread, so the
timer and the memory cap bite there as in any worker; the thread waits for the answer at most
`limits.max_seconds` plus a second, then kills the child and returns the `time_limit` reject
itself (the same record the child's timer makes). A child that dies on a document is started
again and given the document once more; if it dies again, the document is a `worker_crashed`
reject. Either way the thread goes on with the next document in a fresh child.

The child is a plain `subprocess` (not `multiprocessing`, which daemonic Dask workers may not
use) talking over a socket pair; what a document costs to send there and back is measured in
`benchmarks/README.md` (Limits).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
from multiprocessing.connection import Connection

from cleaner.config import Config
from cleaner.document import Article, Document, Reject
from cleaner.pipeline import prepare
from cleaner.run.limits import process_within_limit, time_limit_reject, worker_crashed_reject

# The child's own timer answers at `max_seconds`; the wait allows this much more before the
# child is taken to be stuck in code that no signal reaches, and killed.
GRACE_SECONDS = 1.0
_START = "import sys; from cleaner.run.child import serve; serve(int(sys.argv[1]))"


class ChildError(RuntimeError):
    """A child process that could not start; the message says why."""


class Child:
    """One child process that processes documents with one configuration."""

    def __init__(self, config: Config) -> None:
        self.config = config
        here, there = socket.socketpair()
        with there:
            self._process = subprocess.Popen(
                [sys.executable, "-c", _START, str(there.fileno())],
                pass_fds=(there.fileno(),),
                env={**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, sys.path))},
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
            )
        self._connection = Connection(here.detach())
        try:
            self._connection.send(config)
            ready = self._connection.recv()
        except (EOFError, OSError):
            self.close()
            raise ChildError(
                f"the child process for documents exited with status {self._process.returncode} "
                "before it was ready; its error is above"
            ) from None
        if isinstance(ready, Exception):  # a bad rule table or model, raised by `prepare`
            self.close()
            raise ready

    @property
    def alive(self) -> bool:
        return self._process.poll() is None

    def run(self, document: Document) -> Article | Reject | None:
        """The result of `document`, a `time_limit` reject, or `None` when the child died."""
        try:
            self._connection.send(document)
            if not self._connection.poll(self.config.limits.max_seconds + GRACE_SECONDS):
                self.close()
                return time_limit_reject(document, self.config)
            result: Article | Reject = self._connection.recv()
        except (EOFError, OSError):
            self.close()
            return None
        return result

    def close(self) -> None:
        """Stop the child (at once: it may be stuck in a document)."""
        self._connection.close()
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()


_local = threading.local()


def process_in_child(document: Document, config: Config) -> Article | Reject:
    """`process_within_limit(document, config)` in this thread's child process."""
    for _ in range(2):
        result = _child(config).run(document)
        if result is not None:
            return result
    return worker_crashed_reject(document)


def _child(config: Config) -> Child:
    """This thread's child for `config`, started (again) when there is none alive."""
    child: Child | None = getattr(_local, "child", None)
    if child is not None and child.alive and child.config == config:
        return child
    if child is not None:
        child.close()
    _local.child = Child(config)
    return _local.child


def serve(fd: int) -> None:
    """The child's side: load what the configuration needs, then answer documents until the
    parent closes the connection."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent to handle
    connection = Connection(fd)
    try:
        config: Config = connection.recv()
        try:
            prepare(config)
        except Exception as error:
            connection.send(error)
            return
        connection.send(None)
        while True:
            connection.send(process_within_limit(connection.recv(), config))
    except (EOFError, OSError):  # the parent is gone or gave up on this child
        return
