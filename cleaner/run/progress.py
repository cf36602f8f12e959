"""Progress of a run on stderr: a live line on a terminal, periodic log lines otherwise.

    >>> import io
    >>> from collections import Counter
    >>> ticks = iter([0.0, 40.0])
    >>> out = io.StringIO()
    >>> progress = Progress(out, total=400, interactive=False, clock=lambda: next(ticks))
    >>> progress.update(Summary(read=100, written=99, rejected=Counter(empty=1)))
    >>> out.getvalue()
    'cleaner: 100/400 read, 2.5 docs/s, 99 written, 1 rejected, ETA 2m00s\\n'

On a terminal the line is redrawn in place at most five times a second; in a log (CI, nohup,
a batch system) a line is printed every 30 seconds, so a long run says it is alive without
flooding the log. The ETA appears only when the number of inputs is known in advance (one
document per file); for JSONL and WARC inputs the count is only known at the end.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

from cleaner.run.summary import Summary

TERMINAL_INTERVAL = 0.2
LOG_INTERVAL = 30.0


class Progress:
    """Report a run's running totals to `stream`."""

    def __init__(
        self,
        stream: TextIO,
        total: int | None = None,
        interactive: bool | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream
        self.total = total
        self.interactive = stream.isatty() if interactive is None else interactive
        self.interval = TERMINAL_INTERVAL if self.interactive else LOG_INTERVAL
        self._clock = clock
        self._started = clock()
        self._shown = self._started
        self._drawn = False

    def update(self, summary: Summary, already: int = 0) -> None:
        """Show the totals if the interval has passed; `already`: inputs done by an earlier run."""
        now = self._clock()
        if now - self._shown >= self.interval:
            self._show(summary, already, now)

    def finish(self, summary: Summary, already: int = 0) -> None:
        """End the live line (a terminal keeps the last totals on screen)."""
        if self.interactive:
            self._show(summary, already, self._clock())
            self.stream.write("\n")
            self.stream.flush()

    def _show(self, summary: Summary, already: int, now: float) -> None:
        self._shown = now
        elapsed = max(now - self._started, 1e-9)
        rate = (summary.read - already) / elapsed
        count = f"{summary.read:,}" + (f"/{self.total:,}" if self.total else "")
        line = (
            f"cleaner: {count} read, {rate:,.1f} docs/s, {summary.written:,} written, "
            f"{sum(summary.rejected.values()):,} rejected"
        )
        if self.total and rate > 0:
            line += f", ETA {_duration((self.total - summary.read) / rate)}"
        if self.interactive:
            self.stream.write("\r" + line + "\033[K")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


def _duration(seconds: float) -> str:
    """`_duration(3725) == '1h02m05s'`."""
    whole = max(int(seconds), 0)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h{minutes:02d}m{secs:02d}s"
    return f"{minutes}m{secs:02d}s" if minutes else f"{secs}s"
